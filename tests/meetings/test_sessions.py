"""A meeting's programme: sessions in the order they ran, who presented what in each, each
cited; edited as an inline on the meeting, loaded from the record's files."""

import re

import pytest

from core.admin import admin_url
from meetings.models import Meeting, Presentation, Session
from public_record.loader import Loader
from public_record.reader import RecordError, read_record
from tests.support import factories
from tests.support.admin import change_form_data
from tests.support.glossary import unmarked


@pytest.fixture
def secretariat_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def programme_section(page):
    match = re.search(r'<h2 id="programme-heading">.*?</section>', page, re.S)
    assert match, "no programme section"
    return match.group(0)


def test_the_meeting_page_shows_the_sessions_in_their_order_with_who_presented_what(client, db):
    meeting = factories.make_meeting()
    wco = factories.make_body("WCO", kind="international")
    # Created out of order: the order number, not the creation, decides the programme.
    closing = Session.objects.create(meeting=meeting, order=3, kind=Session.Kind.CLOSING)
    panel = Session.objects.create(
        meeting=meeting, order=2, kind=Session.Kind.PANEL, title="Training under COVID-19"
    )
    sharing = Session.objects.create(
        meeting=meeting, order=1, day=1, kind=Session.Kind.INFORMATION_SHARING
    )
    Presentation.objects.create(session=sharing, body=wco, topic="WCO policy")
    factories.cite(panel, factories.make_source("Panel account"))

    section = programme_section(unmarked(client.get(meeting.get_absolute_url()).text))

    positions = [
        section.index(text)
        for text in ("Information sharing", "Training under COVID-19", "Closing")
    ]
    assert positions == sorted(positions)
    assert "Day 1:" in section
    assert "WCO</a>: WCO policy" in section
    assert "(panel discussion)" in section
    assert 'href="#ref-1"' in section
    assert closing.get_absolute_url().endswith("#programme-heading")


def test_a_draft_bodys_presentation_and_a_draft_sources_citation_stay_off_the_page(client, db):
    meeting = factories.make_meeting()
    session = Session.objects.create(meeting=meeting, order=1, kind=Session.Kind.OPENING)
    hidden = factories.make_body("Unannounced Customs", status="draft")
    shown = factories.make_body("Announced Customs")
    Presentation.objects.create(session=session, body=hidden, topic="Secret plans")
    Presentation.objects.create(session=session, body=shown, topic="Welcome")
    factories.cite(session, factories.make_source("Draft account", status="draft"))

    page = client.get(meeting.get_absolute_url()).text

    assert "Welcome" in page
    assert "Unannounced Customs" not in page and "Secret plans" not in page
    assert "Draft account" not in page
    assert 'href="#ref-' not in programme_section(page)


def test_a_draft_meetings_sessions_are_not_public(db):
    meeting = factories.make_meeting(status="draft")
    Session.objects.create(meeting=meeting, order=1, kind=Session.Kind.OPENING)
    assert not Session.objects.published().exists()


def test_the_secretariat_adds_and_reorders_sessions_inline_on_the_meeting(secretariat_client):
    meeting = factories.make_meeting()
    url = admin_url(Meeting, "change", meeting.pk)
    data = change_form_data(secretariat_client, meeting) | {
        "sessions-TOTAL_FORMS": "2",
        "sessions-0-order": "2",
        "sessions-0-kind": "closing",
        "sessions-1-order": "1",
        "sessions-1-kind": "opening",
        "sessions-1-day": "1",
        # Each new session's presentations, none yet, as the browser posts them.
        **{
            f"sessions-{index}-presentations-{name}": "0"
            for index in range(2)
            for name in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
    }
    response = secretariat_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert [s.kind for s in meeting.sessions.order_by("order")] == ["opening", "closing"]

    # Swapping the order numbers reorders the programme.
    data = change_form_data(secretariat_client, meeting)
    for index in range(2):
        prefix = f"sessions-{index}-"
        data[prefix + "order"] = "1" if data[prefix + "kind"] == "closing" else "2"
    assert secretariat_client.post(url, data).status_code == 302
    assert [s.kind for s in meeting.sessions.order_by("order")] == ["closing", "opening"]


def test_a_session_of_an_unknown_kind_is_a_form_error(secretariat_client):
    meeting = factories.make_meeting()
    data = change_form_data(secretariat_client, meeting) | {
        "sessions-TOTAL_FORMS": "1",
        "sessions-0-order": "1",
        "sessions-0-kind": "karaoke",
        "sessions-0-presentations-TOTAL_FORMS": "0",
        "sessions-0-presentations-INITIAL_FORMS": "0",
    }
    response = secretariat_client.post(admin_url(Meeting, "change", meeting.pk), data)
    assert response.status_code == 200
    assert not Session.objects.exists()


def test_a_session_page_edits_who_presented_what_and_its_sources(secretariat_client):
    session = Session.objects.create(
        meeting=factories.make_meeting(), order=1, kind=Session.Kind.OPENING
    )
    page = secretariat_client.get(admin_url(Session, "change", session.pk)).text
    assert "presentations-TOTAL_FORMS" in page
    assert "sources-citation-content_type-object_id-TOTAL_FORMS" in page


# --- The record's sessions ------------------------------------------------------------------


def session_rows(number):
    return [
        (session.kind, session.title, [str(p) for p in session.presentations.all()])
        for session in Session.objects.filter(meeting__number=number).order_by("order")
    ]


def test_the_19th_meetings_programme_is_loaded_in_order(public_record):
    kinds = [kind for kind, _, _ in session_rows(19)]
    assert kinds == [
        "opening", "information_sharing", "presentations", "rtc_presentations", "discussion",
        "wrap_up", "closing",
    ]  # fmt: skip
    opening = session_rows(19)[0][2]
    assert opening == [
        "Mr. Takashi Sato: Opening speech",
        "Mr. Norikazu Kuramoto: Welcoming remarks",
    ]
    assert session_rows(19)[-1][2] == ["Dr. Kang Taeil: Closing remarks"]


def test_the_20th_meetings_panel_and_the_vice_chairs_presentation(public_record):
    rows = session_rows(20)
    panel = [title for kind, title, _ in rows if kind == "panel"]
    assert panel == ["Challenges and good practice of Customs training under COVID-19"]
    vice_chair = Presentation.objects.get(session__meeting__number=20, body__slug="australia")
    assert "Vice-Chair" in vice_chair.topic
    assert {c.source.tag for c in vice_chair.citations.all()} == {"S23"}


def test_every_loaded_session_and_presentation_is_cited(public_record):
    assert Session.objects.count() > 30
    assert not Session.objects.filter(citations=None).exists()
    assert not Presentation.objects.filter(citations=None).exists()


def test_the_meetings_without_a_programme_in_the_record_have_none(public_record):
    # The 13th's only account (S2, page 1 of 2) gives no programme.
    assert not Session.objects.filter(meeting__number=13).exists()


def test_the_20th_meeting_page_shows_its_programme(client, public_record):
    page = client.get("/meetings/20th-rtc-heads-meeting/").text
    section = programme_section(page)
    assert section.index("Handover of the VR training kiosk") < section.index(
        "Challenges and good practice"
    )
    assert "Nunthita Sirikup" in section


def write_record(tmp_path, sessions_yaml):
    """A copy of the record whose 11th meeting has the given sessions block."""
    import shutil

    from public_record.reader import RECORD_DIR

    shutil.copytree(RECORD_DIR, tmp_path / "record")
    path = tmp_path / "record" / "meetings" / "11th.yaml"
    text = path.read_text().split("\n# Programme sessions")[0]
    path.write_text(text + "\nsessions:\n" + sessions_yaml)
    return tmp_path / "record"


def test_a_session_of_an_unknown_kind_in_the_files_names_the_file_and_line(tmp_path):
    directory = write_record(tmp_path, "  - kind: opening\n    cite: [S1]\n  - kind: karaoke\n")
    with pytest.raises(RecordError) as error:
        read_record(directory)
    lines = (directory / "meetings" / "11th.yaml").read_text().splitlines()
    line = lines.index("  - kind: karaoke") + 1
    assert f"meetings/11th.yaml, line {line}: 'kind' is 'karaoke'" in str(error.value)


def test_a_presentation_by_an_unknown_body_is_refused_before_anything_is_written(tmp_path):
    directory = write_record(
        tmp_path,
        "  - kind: opening\n    presentations:\n      - {body: atlantis, topic: Welcome}\n",
    )
    with pytest.raises(RecordError) as error:
        Loader(read_record(directory)).check()
    assert "meetings/11th.yaml" in str(error.value)
    assert "unknown body 'atlantis'" in str(error.value)
