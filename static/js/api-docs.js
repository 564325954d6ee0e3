// The API's documentation page (templates/api/docs.html): Swagger UI over the schema whose
// address the page gives, with the settings of SPECTACULAR_SETTINGS["SWAGGER_UI_SETTINGS"].
"use strict";
(function () {
  const root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    ...JSON.parse(root.dataset.settings),
  });
})();
