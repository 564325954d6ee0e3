"""The OpenAPI schema at /api/v1/schema/: valid OpenAPI 3, one operation per list and record,
and filters that offer exactly the values the pages accept, none of a draft's."""

import pytest
import yaml
from openapi_spec_validator import validate

from api.records import RECORD_KINDS
from initiatives.models import RTC
from meetings.models import Body, Status

pytestmark = pytest.mark.django_db


def schema(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def parameter(operation, name):
    [found] = [p for p in operation["parameters"] if p["name"] == name]
    return found["schema"]


def test_the_schema_is_valid_openapi_3(client, public_record):
    document = schema(client)

    validate(document)
    assert document["openapi"].startswith("3.")


def test_the_schema_has_a_list_and_a_record_operation_for_every_kind(client, seeded):
    paths = schema(client)["paths"]

    assert set(paths) == {
        address
        for kind in RECORD_KINDS
        for address in (f"/api/v1/{kind}/", f"/api/v1/{kind}/{{id}}/")
    }
    assert all(set(operations) == {"get"} for operations in paths.values())


def test_every_answer_an_operation_gives_is_described(client, seeded):
    paths = schema(client)["paths"]

    assert set(paths["/api/v1/meetings/"]["get"]["responses"]) == {"200", "400", "404", "429"}
    assert set(paths["/api/v1/meetings/{id}/"]["get"]["responses"]) == {"200", "404", "429"}


def test_a_filter_offers_the_published_values_and_no_drafts(client, seeded):
    iran = Body.objects.get(slug="iran")
    RTC.objects.create(name="Draft RTC", slug="draft-rtc", host=iran, status=Status.DRAFT)

    operation = schema(client)["paths"]["/api/v1/initiatives/"]["get"]

    rtcs = parameter(operation, "rtc")["items"]["enum"]
    assert rtcs == list(RTC.objects.published().values_list("slug", flat=True))
    assert "draft-rtc" not in rtcs
    assert parameter(operation, "page_size") == {"type": "integer", "minimum": 1, "maximum": 100}
