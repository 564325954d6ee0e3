import pytest

from meetings.models import Participation
from tests.support import factories
from tests.support.glossary import unmarked


@pytest.fixture
def cited_meeting(db):
    meeting = factories.make_meeting(number=19, title="19th meeting", slug="19th")
    body = factories.make_body(name="RILO A/P", kind="regional")
    participation = Participation.objects.create(meeting=meeting, body=body, role="observer")
    wco = factories.make_source(title="WCO account", slug="wco-account")
    rocb = factories.make_source(title="ROCB account", slug="rocb-account", publisher="ROCB A/P")
    press = factories.make_source(title="Aggregator piece", slug="agg", kind="aggregator")
    factories.cite(meeting, wco, "dates")
    factories.cite(participation, press)
    factories.make_disagreement(
        meeting,
        "RILO A/P's role",
        [(rocb, "Took part as a participant"), (wco, "Attended as an observer")],
        fact="participants",
    )
    return meeting


def test_the_sources_list_shows_published_sources_by_kind(client, cited_meeting):
    page = client.get("/sources/").text
    assert "WCO account" in page
    assert "Aggregators (not confirmed by an official account)" in page


def test_a_source_page_lists_what_it_supports(client, cited_meeting):
    page = client.get("/sources/wco-account/").text
    assert 'href="/meetings/19th/"' in page
    assert "(dates)" in page
    assert "Attended as an observer" in page


def test_the_meeting_page_numbers_its_references_and_lists_the_sources(client, cited_meeting):
    page = client.get("/meetings/19th/").text
    assert 'href="#ref-1"' in page
    assert '<li id="ref-1"><a href="/sources/wco-account/">WCO account</a>' in page
    assert 'id="sources-heading">Sources</h2>' in page


def test_the_meeting_page_marks_what_only_an_aggregator_reports(client, cited_meeting):
    page = client.get("/meetings/19th/").text
    assert '(<a href="#unconfirmed-note">not confirmed</a>)' in page
    # Explained once, in its sources.
    assert page.count('id="unconfirmed-note"') == 1


def test_the_meeting_page_shows_every_version_where_accounts_differ(client, cited_meeting):
    page = unmarked(client.get("/meetings/19th/").text)
    assert "Accounts differ: RILO A/P&#x27;s role" in page
    assert "Took part as a participant" in page
    assert "Attended as an observer" in page


def test_the_disagreements_page_lists_every_point_with_its_sources(client, cited_meeting):
    page = unmarked(client.get("/sources/disagreements/").text)
    assert "RILO A/P&#x27;s role" in page
    assert "ROCB A/P: ROCB account" in page
    assert "WCO newsroom: WCO account" in page


def test_a_draft_meetings_disagreements_are_not_listed(client, cited_meeting):
    cited_meeting.status = "draft"
    cited_meeting.save()
    assert "RILO A/P" not in client.get("/sources/disagreements/").text


def test_a_citation_to_a_draft_source_shows_nothing_publicly(client, cited_meeting):
    draft = factories.make_source(title="Zqdraft", slug="zqdraft", status="draft")
    factories.cite(cited_meeting, draft, "format")
    assert "Zqdraft" not in client.get("/meetings/19th/").text
    assert "Zqdraft" not in client.get("/sources/").text
    assert client.get("/sources/zqdraft/").status_code == 404


def test_an_unknown_source_is_a_404(client, db):
    assert client.get("/sources/no-such-source/").status_code == 404


def test_a_source_page_names_each_fact_as_the_meeting_page_shows_it(client, cited_meeting):
    rocb = factories.make_source(title="Sized account", slug="sized-account")
    factories.cite(cited_meeting, rocb, "size")
    page = client.get("/sources/sized-account/").text
    assert '19th meeting</a> <span class="meta">(who took part)</span>' in page
