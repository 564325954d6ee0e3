import pytest

from core.admin import admin_url
from sources.models import Disagreement, Source
from tests.support import factories


@pytest.fixture
def secretariat_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def source_form(**changes):
    return {
        "title": "Heads of RTCs meet online",
        "slug": "heads-of-rtcs-meet-online",
        "publisher": "WCO newsroom",
        "kind": "official",
        "status": "draft",
        "url": "https://www.wcoomd.org/en/media/newsroom/2021/november/item.aspx",
        "date_precision": "unknown",
        "language": "en",
        **changes,
    }


@pytest.mark.parametrize("url", ["ftp://example.org/file", "javascript:alert(1)", "file:///etc"])
def test_the_source_form_refuses_an_address_that_is_not_http(secretariat_client, url):
    response = secretariat_client.post(admin_url(Source, "add"), source_form(url=url))
    assert response.status_code == 200
    assert "url" in response.context["adminform"].form.errors
    assert not Source.objects.exists()


def test_the_source_form_accepts_an_https_address(secretariat_client):
    response = secretariat_client.post(admin_url(Source, "add"), source_form())
    assert response.status_code == 302
    assert Source.objects.get().url.startswith("https://")


def test_a_meeting_is_edited_with_its_citations_inline(secretariat_client, db):
    meeting = factories.make_meeting()
    factories.cite(meeting, factories.make_source(title="Zqcited"), "dates")
    response = secretariat_client.get(admin_url(type(meeting), "change", meeting.pk))
    assert response.status_code == 200
    assert "Zqcited" in response.text


def test_a_disagreement_opens_with_its_versions(secretariat_client, db):
    meeting = factories.make_meeting()
    disagreement = factories.make_disagreement(
        meeting, "Format", [(factories.make_source(), "Hybrid")]
    )
    for view, args in (("changelist", ()), ("change", (disagreement.pk,))):
        response = secretariat_client.get(admin_url(Disagreement, view, *args))
        assert response.status_code == 200
    assert "Hybrid" in response.text
