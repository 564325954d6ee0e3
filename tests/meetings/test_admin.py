"""The meeting's admin form in the secretariat's words, every row on it cited there."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from core.admin import admin_url
from meetings.models import Meeting, Participation, Person, Presentation, Session, Status
from sources.models import Citation
from tests.support import factories
from tests.support.admin import change_form_data, logged_in

ROWS = "participations"

pytestmark = pytest.mark.engine


def test_the_meeting_form_names_the_rtc_fields_in_plain_words(client, editor_user, seeded):
    client.force_login(editor_user)
    meeting = Meeting.objects.first()
    response = client.get(admin_url(Meeting, "change", meeting.pk))
    assertContains(response, ">RTCs attending:</label>")
    assertContains(response, ">RTCs named in the accounts</label>")
    assertNotContains(response, "Rtc count")
    assertNotContains(response, "Rtcs named")


@pytest.fixture
def cited_meeting(db):
    """A draft meeting cited as a whole to two accounts and for its dates to a third."""
    meeting = factories.make_meeting(number=91, status=Status.DRAFT)
    for title in ("Zqone account", "Zqtwo account"):
        factories.cite(meeting, factories.make_source(title))
    factories.cite(meeting, factories.make_source("Zqdates account"), "dates")
    return meeting


def with_new_participation(client, meeting, **row):
    """The meeting's form as the browser posts it, with one participation row added."""
    data = change_form_data(client, meeting)
    index = data[f"{ROWS}-TOTAL_FORMS"]
    data[f"{ROWS}-TOTAL_FORMS"] = index + 1
    body = factories.make_body("Fictional Islands Customs")
    defaults = {"body": body.pk, "role": Participation.Role.PARTICIPANT, "note": "RTC head"}
    data |= {f"{ROWS}-{index}-{name}": value for name, value in (defaults | row).items()}
    return data


def inline_formset(client, meeting, model):
    """The formset of `model`'s rows on the meeting's form, as the page shows it."""
    response = client.get(admin_url(Meeting, "change", meeting.pk))
    inlines = response.context["inline_admin_formsets"]
    return next(inline.formset for inline in inlines if inline.formset.model is model)


def sources_of(record):
    return set(record.citations.filter(fact="").values_list("source__title", flat=True))


def test_a_row_added_without_sources_is_cited_to_the_meetings_own(
    client, editor_user, cited_meeting
):
    client = logged_in(client, editor_user)
    data = with_new_participation(client, cited_meeting)
    response = client.post(admin_url(Meeting, "change", cited_meeting.pk), data)
    assert response.status_code == 302
    participation = cited_meeting.participations.get()
    assert sources_of(participation) == {"Zqone account", "Zqtwo account"}


def test_a_row_added_with_the_meeting_itself_is_cited_to_the_sources_given_with_it(
    client, editor_user, db
):
    client = logged_in(client, editor_user)
    source = factories.make_source("Zqnew account")
    body = factories.make_body("Fictional Islands Customs")
    data = {
        "number": 92,
        "title": "Fictional 92nd RTC Heads Meeting",
        "slug": "fictional-92nd",
        "start_date": "2024-09-24",
        "end_date": "2024-09-26",
        "format": "hybrid",
        "status": "draft",
        "rtcs_named": "on",
    }
    page = client.get(admin_url(Meeting, "add"))
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data |= {management.add_prefix(k): v for k, v in management.initial.items()}
    citations = "sources-citation-content_type-object_id"
    data |= {
        f"{citations}-TOTAL_FORMS": 1,
        f"{citations}-0-source": source.pk,
        f"{citations}-0-fact": "",
        f"{ROWS}-TOTAL_FORMS": 1,
        f"{ROWS}-0-body": body.pk,
        f"{ROWS}-0-role": "host",
    }
    response = client.post(admin_url(Meeting, "add"), data)
    assert response.status_code == 302
    participation = Meeting.objects.get(number=92).participations.get()
    assert sources_of(participation) == {"Zqnew account"}


def test_the_sources_chosen_on_a_row_are_its_citations(client, editor_user, cited_meeting):
    client = logged_in(client, editor_user)
    chosen = factories.make_source("Zqchosen account")
    data = with_new_participation(client, cited_meeting, sources=[chosen.pk])
    client.post(admin_url(Meeting, "change", cited_meeting.pk), data)
    participation = cited_meeting.participations.get()
    assert sources_of(participation) == {"Zqchosen account"}
    # Changed on the next save: the row's citations follow what the box holds.
    data = change_form_data(client, cited_meeting)
    other = Citation.objects.filter(source__title="Zqone account").values_list("source", flat=True)
    data[f"{ROWS}-0-sources"] = [other[0]]
    client.post(admin_url(Meeting, "change", cited_meeting.pk), data)
    assert sources_of(participation) == {"Zqone account"}


def test_a_new_row_on_a_saved_meetings_form_shows_the_meetings_sources_chosen(
    client, editor_user, cited_meeting
):
    client = logged_in(client, editor_user)
    formset = inline_formset(client, cited_meeting, Participation)
    chosen = formset.empty_form["sources"].value()
    titles = set(Citation.objects.filter(source__in=chosen).values_list("source__title", flat=True))
    assert titles == {"Zqone account", "Zqtwo account"}


def test_a_refused_save_shows_each_rows_sources_as_chosen(client, editor_user, cited_meeting):
    client = logged_in(client, editor_user)
    chosen = factories.make_source("Zqkept account")
    data = with_new_participation(client, cited_meeting, sources=[chosen.pk], role="")
    response = client.post(admin_url(Meeting, "change", cited_meeting.pk), data)
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    assertContains(response, f'<option value="{chosen.pk}" selected>')
    assert not cited_meeting.participations.exists()


@pytest.mark.parametrize(
    "prefix",
    ["participations", "roles", "sessions", "interventions", "discussion_points", "topic_entries"],
)
def test_every_row_of_the_meeting_form_has_its_sources(client, editor_user, cited_meeting, prefix):
    client = logged_in(client, editor_user)
    response = client.get(admin_url(Meeting, "change", cited_meeting.pk))
    assertContains(response, f'name="{prefix}-__prefix__-sources"')


def test_the_meetings_citations_offer_only_the_facts_its_page_shows(
    client, editor_user, cited_meeting
):
    client = logged_in(client, editor_user)
    citations = inline_formset(client, cited_meeting, Citation)
    offered = [value for value, _ in citations.empty_form.fields["fact"].choices]
    assert offered == ["", "dates", "format", "venue", "theme", "size"]


def test_a_participations_own_page_cites_it_as_a_whole(client, editor_user, cited_meeting):
    client = logged_in(client, editor_user)
    participation = Participation.objects.create(
        meeting=cited_meeting, body=factories.make_body(), role="participant"
    )
    response = client.get(admin_url(Participation, "change", participation.pk))
    assertContains(response, "-source")
    assertNotContains(response, "-fact")


def new_session_presenting(topics):
    """A first session posted with its presentations, one body presenting each topic."""
    body = factories.make_body()
    presentations = "sessions-0-presentations"
    data = {
        "sessions-TOTAL_FORMS": 1,
        "sessions-0-order": 1,
        "sessions-0-kind": Session.Kind.RTC_PRESENTATIONS,
        f"{presentations}-TOTAL_FORMS": len(topics),
        f"{presentations}-INITIAL_FORMS": 0,
    }
    for index, topic in enumerate(topics):
        data |= {
            f"{presentations}-{index}-order": index + 1,
            f"{presentations}-{index}-body": body.pk,
            f"{presentations}-{index}-topic": topic,
        }
    return data


def test_presentations_are_entered_on_their_sessions_row_in_the_meetings_one_save(
    client, editor_user, cited_meeting
):
    client = logged_in(client, editor_user)
    data = change_form_data(client, cited_meeting)
    data |= new_session_presenting(["Blended courses", "Training evaluation"])
    response = client.post(admin_url(Meeting, "change", cited_meeting.pk), data)
    assert response.status_code == 302
    session = cited_meeting.sessions.get()
    assert [p.topic for p in session.presentations.order_by("order")] == [
        "Blended courses",
        "Training evaluation",
    ]
    # Each cited, as every row of the form, to the meeting's own sources.
    for presentation in session.presentations.all():
        assert sources_of(presentation) == {"Zqone account", "Zqtwo account"}


def test_a_sessions_presentations_show_under_its_row(client, editor_user, cited_meeting):
    session = Session.objects.create(meeting=cited_meeting, order=1, kind="presentations")
    Presentation.objects.create(session=session, body=factories.make_body(), topic="Zqtopic")
    client = logged_in(client, editor_user)
    formset = inline_formset(client, cited_meeting, Session)
    presented = formset.forms[0].nested_formsets[0]
    assert [form.instance.topic for form in presented.forms] == ["Zqtopic"]


def test_the_add_person_pop_up_does_not_ask_the_post(client, editor_user, db):
    client = logged_in(client, editor_user)
    popup = client.get(admin_url(Person, "add") + "?_to_field=id&_popup=1")
    assertContains(popup, 'name="name"')
    assertNotContains(popup, 'name="position"')
    # A person's own page keeps it: their latest post.
    assertContains(client.get(admin_url(Person, "add")), 'name="position"')


def role_row(client, meeting, person, position):
    data = change_form_data(client, meeting)
    index = data["roles-TOTAL_FORMS"]
    data["roles-TOTAL_FORMS"] = index + 1
    row = {"kind": "opening", "person": person.pk, "position": position, "body": person.body_id}
    row["order"] = 1
    return data | {f"roles-{index}-{name}": value for name, value in row.items()}


def test_the_post_given_on_a_persons_latest_part_becomes_their_post(
    client, editor_user, cited_meeting
):
    client = logged_in(client, editor_user)
    person = Person.objects.create(name="Farah Fictiva", body=factories.make_body())
    data = role_row(client, cited_meeting, person, "Director of Fictional Training")
    assert client.post(admin_url(Meeting, "change", cited_meeting.pk), data).status_code == 302
    person.refresh_from_db()
    assert person.position == "Director of Fictional Training"
    # An earlier meeting entered afterwards keeps the post held then, and changes not hers.
    earlier = factories.make_meeting(number=80, status=Status.DRAFT)
    data = role_row(client, earlier, person, "Deputy Director")
    assert client.post(admin_url(Meeting, "change", earlier.pk), data).status_code == 302
    person.refresh_from_db()
    assert person.position == "Director of Fictional Training"
    assert earlier.roles.get().position == "Deputy Director"


def test_a_refused_save_keeps_the_presentations_typed_under_a_new_session(
    client, editor_user, cited_meeting
):
    client = logged_in(client, editor_user)
    data = with_new_participation(client, cited_meeting, role="")
    data |= new_session_presenting(["Zqtyped subject"])
    response = client.post(admin_url(Meeting, "change", cited_meeting.pk), data)
    assert response.status_code == 200
    assertContains(response, 'value="Zqtyped subject"')
    assert not Session.objects.exists()
