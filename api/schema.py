"""The OpenAPI description of the API's operations, as precise as the API is strict, so that a
client (or schemathesis, tests/api/test_schemathesis.py) can tell good requests from bad:
each filter's values are the ones the page accepts (the published RTCs' slugs, the sources'
languages), and every answer other than a 200 is described (400, 404, 429)."""

from drf_spectacular.openapi import AutoSchema

PARAMETER_ERRORS = {
    "type": "object",
    "description": "Each parameter that could not be used, with what was wrong with it.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "example": {"since": ["Enter a valid date/time."]},
}
DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}


class RecordSchema(AutoSchema):
    def get_response_serializers(self):
        responses = {200: super().get_response_serializers(), 404: DETAIL, 429: DETAIL}
        if self.view.action == "list":
            responses[400] = PARAMETER_ERRORS
        return responses

    def _get_filter_parameters(self):
        parameters = super()._get_filter_parameters()
        if self.view.action != "list" or getattr(self.view, "filterset_class", None) is None:
            return parameters
        filters = self.view.filterset_class().filters
        for parameter in parameters:
            page_filter = filters.get(parameter["name"])
            if page_filter is None:
                continue
            schema = parameter["schema"]
            values = accepted_values(page_filter)
            if values:
                (schema["items"] if schema.get("type") == "array" else schema)["enum"] = values
            elif schema.get("type") == "string":
                schema.update(text_bounds(page_filter))
        return parameters


def text_bounds(page_filter):
    """What a text filter's form field refuses (Django's CharField: a NUL character, and
    beyond its max_length), as JSON Schema."""
    bounds = {"pattern": "^[^\\u0000]*$"}
    if page_filter.extra.get("max_length"):
        bounds["maxLength"] = page_filter.extra["max_length"]
    return bounds


def accepted_values(page_filter):
    """The values a filter of a page accepts (a choice of records, by slug, or of values), in
    order; None for one that takes free text. Every choice the filter declares: the API drops
    a `sort` it does not need (InitiativeFilter.without_default_sort) rather than refuse it."""
    extra = page_filter.extra
    if "queryset" in extra:
        field_name = extra.get("to_field_name") or "pk"
        return [str(value) for value in extra["queryset"].values_list(field_name, flat=True)]
    if "choices" in extra:
        return [str(value) for value, _ in extra["choices"] if value != ""]
    return None
