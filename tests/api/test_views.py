"""The read API as a program sees it: /api/v1/ names every resource; each list and each record
answers with ids, page addresses, citations and what the pages show; bad input is a 400 JSON
that names the parameter."""

import datetime
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from api.records import RECORD_KINDS
from core.models import GlossaryTerm
from initiatives.models import RTC, Initiative
from meetings.models import Body, Meeting, Person
from sources.models import Citation
from tests.support.page_types import attach_sample_documents

pytestmark = pytest.mark.django_db

JAPAN_AI = "japan-rtc-ai-tutoring-and-qa"


def results(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_the_root_lists_every_resource_with_its_address(client):
    response = client.get("/api/v1/")

    assert response.status_code == 200
    assert response.json() == {kind: f"http://testserver/api/v1/{kind}/" for kind in RECORD_KINDS}


@pytest.fixture
def every_kind(public_record):
    """The whole public record, with documents on the 19th meeting's pages."""
    attach_sample_documents()


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_every_list_and_its_first_record_answer_with_the_fields_every_record_has(
    client, every_kind, kind
):
    listed = client.get(f"/api/v1/{kind}/").json()
    records, _ = RECORD_KINDS[kind]
    assert listed["count"] == records().count() > 0
    first = listed["results"][0]
    detail = client.get(f"/api/v1/{kind}/{first['id']}/")

    assert detail.status_code == 200
    assert detail.json() == first
    for field in ("id", "url", "citations", "confirmed", "updated_at"):
        assert field in first, field
    assert first["url"].startswith("http://testserver/")
    assert client.get(first["url"], follow=True).status_code == 200


def test_a_meeting_shows_who_took_part_ran_it_and_spoke_with_their_sources(client, seeded):
    meeting = Meeting.objects.get(number=19)
    wco = Body.objects.get(slug="wco")
    kang = Person.objects.get(name="Kang Taeil")
    dates = Citation.objects.for_records([meeting]).filter(fact="dates").first()

    record = client.get(f"/api/v1/meetings/{meeting.pk}/").json()

    assert record["title"] == "19th RTC Heads Meeting"
    assert record["url"] == "http://testserver/meetings/19th-rtc-heads-meeting/"
    assert record["start_date"] == "2021-10-27"
    assert {"body": wco.pk, "role": "represented"} in [
        {"body": p["body"], "role": p["role"]} for p in record["participations"]
    ]
    assert kang.pk in [speaker["speaker"] for speaker in record["speakers"]]
    assert {"source": dates.source_id, "fact": "dates"} in record["citations"]
    assert {point["kind"] for point in record["discussion_points"]} >= {
        "challenge",
        "advantage",
        "priority",
        "commitment",
    }


def test_an_initiative_known_only_from_aggregators_is_not_confirmed(client, seeded):
    initiative = Initiative.objects.get(slug=JAPAN_AI)
    sources = [c.source for c in Citation.objects.for_records([initiative])]

    record = client.get(f"/api/v1/initiatives/{initiative.pk}/").json()

    assert sources
    assert all(source.is_aggregator for source in sources)
    assert record["confirmed"] is False
    assert record["rtc"] == RTC.objects.get(slug="japan-rtc").pk
    assert record["citations"] == [{"source": source.pk, "fact": ""} for source in sources]


def test_an_rtc_carries_its_accreditation_steps_and_host_institutions(client, public_record):
    rtc = RTC.objects.get(slug="japan-rtc")

    record = client.get(f"/api/v1/rtcs/{rtc.pk}/").json()

    assert record["host"] == rtc.host.pk
    assert [step["step"] for step in record["accreditations"]] == [
        step.step for step in rtc.accreditations.all()
    ]
    assert [name["name"] for name in record["host_institutions"]] == [
        institution.name for institution in rtc.institutions.all()
    ]


def test_a_source_lists_the_public_records_it_supports(client, seeded):
    meeting = Meeting.objects.get(number=19)
    source = Citation.objects.for_records([meeting]).filter(fact="dates").first().source

    record = client.get(f"/api/v1/sources/{source.pk}/").json()

    assert {"type": "meeting", "id": meeting.pk, "fact": "dates"} in record["supports"]
    assert record["address"] == source.url
    assert record["url"] == f"http://testserver{source.get_absolute_url()}"


def test_a_source_in_a_list_supports_what_it_supports_on_its_own(client, public_record):
    listed = {source["id"]: source for source in results(client, "/api/v1/sources/?page_size=100")}

    for pk in list(listed)[:5]:
        assert client.get(f"/api/v1/sources/{pk}/").json() == listed[pk]


def test_a_disagreement_gives_every_version_with_its_source(client, seeded):
    [opening] = [
        d
        for d in results(client, "/api/v1/disagreements/")
        if d["point"] == "Who opened the meeting"
    ]

    assert opening["subject"] == {"type": "meeting", "id": Meeting.objects.get(number=19).pk}
    assert len(opening["versions"]) >= 2
    assert opening["url"].endswith(f"/sources/disagreements/#disagreement-{opening['id']}")


def test_a_glossary_term_leads_to_its_place_on_the_glossary_page(client, seeded):
    term = GlossaryTerm.objects.get(term="ROCB A/P")

    record = client.get(f"/api/v1/glossary/{term.pk}/").json()

    assert record["url"] == f"http://testserver/glossary/#{term.slug}"
    assert record["expansion"] == term.expansion


def test_pages_of_a_list_link_to_each_other(client, public_record):
    first = client.get("/api/v1/meetings/?page_size=3").json()
    second = client.get(first["next"]).json()

    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/meetings/?page=2&page_size=3"
    assert second["previous"] == "http://testserver/api/v1/meetings/?page_size=3"
    assert not {m["id"] for m in first["results"]} & {m["id"] for m in second["results"]}
    assert first["count"] == Meeting.objects.published().count()


def test_since_gives_the_records_changed_from_that_moment(client, seeded):
    Meeting.objects.filter(number=19).update(
        updated_at=timezone.make_aware(datetime.datetime(2020, 1, 1))
    )
    meeting = Meeting.objects.get(number=19)

    assert [m["id"] for m in results(client, "/api/v1/meetings/?since=2019-12-31")] == [meeting.pk]
    assert results(client, "/api/v1/meetings/?since=2020-01-02") == []
    assert results(client, "/api/v1/meetings/?since=2020-01-01T00:00:01Z") == []
    assert len(results(client, "/api/v1/meetings/?since=2020-01-01T00:00:00Z")) == 1


def test_since_gives_people_changed_from_that_moment_by_their_history(client, seeded):
    kang = Person.objects.get(name="Kang Taeil")
    since = urlencode({"since": timezone.now().isoformat()})
    assert results(client, f"/api/v1/people/?{since}") == []

    kang.position = "Director"
    kang.save()

    assert [p["id"] for p in results(client, f"/api/v1/people/?{since}")] == [kang.pk]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("since=yesterday", "since"),
        ("since=2024-13-01", "since"),
        ("page=0", "page"),
        ("page=two", "page"),
        ("page_size=1000", "page_size"),
        ("page_size=-1", "page_size"),
        ("rtc=no-such-rtc", "rtc"),
        ("sort=cheapest", "sort"),
    ],
)
def test_a_parameter_the_list_cannot_use_answers_400_naming_it(client, seeded, query, parameter):
    response = client.get(f"/api/v1/initiatives/?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == [parameter]


def test_a_page_past_the_last_answers_404_json(client, seeded):
    response = client.get("/api/v1/initiatives/?page=99")

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


def test_an_unknown_record_answers_404_json(client, seeded):
    response = client.get("/api/v1/meetings/999999/")

    assert response.status_code == 404
    assert "detail" in response.json()


def test_writes_are_refused_with_the_methods_allowed(client, seeded):
    response = client.post("/api/v1/meetings/", {"title": "x"})

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_a_document_gives_its_metadata_and_the_addresses_of_its_file(client, seeded_with_documents):
    [document, *_] = results(client, "/api/v1/documents/")

    file = client.get(document["file"])
    stable = client.get(document["stable_file"])

    assert file.status_code == 200
    assert file["Content-Type"].startswith(document["mime_type"])
    assert stable.status_code in (200, 302)
    assert document["size"] > 0
    assert document["attached_to"]["type"] in ("meeting", "intervention", "initiative", "rtc")


@pytest.mark.parametrize("address", ["/api/v1/people/1.5/", "/api/v1/nothing-here/"])
def test_an_address_under_the_api_that_is_no_record_answers_404_json(client, address):
    response = client.get(address)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_head_request_gets_the_headers_alone(client, seeded):
    response = client.head("/api/v1/meetings/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.content == b""
