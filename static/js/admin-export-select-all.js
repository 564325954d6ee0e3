// The export page's "Select all" box. django-import-export wires it with an inline onchange
// attribute, which the Content-Security-Policy (script-src 'self') refuses; the same handler
// (onSelectToggleChange, from the package's export_selectable_fields.js) is bound from here.
document.addEventListener("DOMContentLoaded", () => {
  for (const toggle of document.querySelectorAll(".select-toggle")) {
    toggle.addEventListener("change", onSelectToggleChange);
  }
});
