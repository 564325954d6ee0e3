"""A meeting on its way to the public: what it lacks before review, shown and
enforced; the reviewer's page with what changed since; publishing it with everything entered
with it in one step, or sending it back with a note; editors publish by no path."""

import pytest

from core import workflow
from core.admin import admin_url
from core.models import ReviewNote
from meetings import review
from meetings.models import (
    Body,
    Meeting,
    MeetingRole,
    Participation,
    Person,
    Presentation,
    Session,
    Silence,
    Status,
)
from sources.models import Source
from tests.support import factories
from tests.support.admin import change_form_data, logged_in, run_action

pytestmark = pytest.mark.engine


def draft_meeting(**fields):
    fields.setdefault("status", Status.DRAFT)
    fields.setdefault("title", "Fictional 91st RTC Heads Meeting")
    fields.setdefault("slug", "fictional-91st")
    fields.setdefault("venue", "Fictional Customs Academy")
    fields.setdefault("summary", "A fictional meeting.")
    return factories.make_meeting(number=91, **fields)


@pytest.fixture
def complete_draft(db):
    """A draft meeting with all a reviewer needs, naming a new (draft) body and source."""
    meeting = draft_meeting()
    host = factories.make_body("Fictional Islands Customs", status=Status.DRAFT)
    Participation.objects.create(meeting=meeting, body=host, role=Participation.Role.ORGANISER)
    chair = Person.objects.create(name="Farah Fictiva", honorific="Ms.", body=host)
    MeetingRole.objects.create(meeting=meeting, person=chair, body=host, kind="chair")
    source = factories.make_source("Fictional account", status=Status.DRAFT)
    for fact in ("", "dates", "size"):
        factories.cite(meeting, source, fact)
    return meeting


def test_a_bare_meeting_lists_what_it_lacks_in_plain_words(db):
    meeting = draft_meeting(venue="", summary="")
    assert review.missing_for_review(meeting) == [
        "no source cited for the meeting as a whole",
        "no source cited for the dates",
        "no venue or city for a meeting held in person",
        "no participants",
        "no chair named",
        "no summary",
    ]


def test_a_disagreement_needs_two_versions(complete_draft):
    source = Source.objects.get()
    factories.make_disagreement(complete_draft, "Who opened it", [(source, "The host.")])
    assert review.missing_for_review(complete_draft) == [
        "the disagreement “Who opened it” needs at least two sources' versions"
    ]


def test_the_change_form_shows_what_is_still_missing(client, editor_user, db):
    meeting = draft_meeting()
    page = logged_in(client, editor_user).get(admin_url(Meeting, "change", meeting.pk))
    assert "Still missing before review" in page.text
    assert "<li>no chair named</li>" in page.text
    assert "<li>no source cited for the dates</li>" in page.text


def test_an_incomplete_meeting_cannot_be_sent_for_review_from_the_list(client, editor_user, db):
    meeting = draft_meeting()
    response = run_action(logged_in(client, editor_user), Meeting, "send_for_review", meeting)
    meeting.refresh_from_db()
    assert meeting.status == Status.DRAFT
    assert "cannot be sent for review yet: no source cited for the meeting" in response.text


def test_an_incomplete_meeting_sent_from_its_form_is_saved_as_a_draft(client, editor_user, db):
    meeting = draft_meeting()
    client = logged_in(client, editor_user)
    data = change_form_data(client, meeting, status=Status.IN_REVIEW, theme="Measuring training")
    response = client.post(admin_url(Meeting, "change", meeting.pk), data, follow=True)
    meeting.refresh_from_db()
    assert meeting.status == Status.DRAFT
    assert meeting.theme == "Measuring training"
    assert "Saved as a draft, not sent for review." in response.text
    assert "no chair named" in response.text


def test_a_complete_meeting_sent_from_its_form_goes_to_review(client, editor_user, complete_draft):
    client = logged_in(client, editor_user)
    data = change_form_data(client, complete_draft, status=Status.IN_REVIEW)
    response = client.post(admin_url(Meeting, "change", complete_draft.pk), data, follow=True)
    complete_draft.refresh_from_db()
    assert complete_draft.status == Status.IN_REVIEW
    assert complete_draft.status_changed_by == editor_user
    assert "was sent for review." in response.text


def test_what_is_entered_on_the_form_counts_before_it_is_sent(client, editor_user, db):
    """The chair named in the same submission that sends the meeting for review."""
    meeting = draft_meeting()
    source = factories.make_source()
    for fact in ("", "dates", "size"):
        factories.cite(meeting, source, fact)
    body = factories.make_body("Fictional body")
    Participation.objects.create(meeting=meeting, body=body, role="organiser")
    person = Person.objects.create(name="Farah Fictiva", body=body)
    client = logged_in(client, editor_user)
    data = change_form_data(client, meeting, status=Status.IN_REVIEW)
    data |= {
        "roles-TOTAL_FORMS": 1,
        "roles-0-kind": "chair",
        "roles-0-person": person.pk,
        "roles-0-body": body.pk,
        "roles-0-order": 1,
    }
    client.post(admin_url(Meeting, "change", meeting.pk), data)
    meeting.refresh_from_db()
    assert meeting.status == Status.IN_REVIEW


def send_for_review(client, editor_user, meeting):
    run_action(logged_in(client, editor_user), Meeting, "send_for_review", meeting)
    meeting.refresh_from_db()
    assert meeting.status == Status.IN_REVIEW


def test_the_review_page_lists_what_changed_since_it_was_sent(client, editor_user, complete_draft):
    send_for_review(client, editor_user, complete_draft)
    data = change_form_data(client, complete_draft, theme="Measuring what training changes")
    data |= {
        "discussion_points-TOTAL_FORMS": 1,
        "discussion_points-0-kind": "priority",
        "discussion_points-0-text": "One evaluation form",
        "discussion_points-0-order": 1,
    }
    client.post(admin_url(Meeting, "change", complete_draft.pk), data)
    Participation.objects.get(meeting=complete_draft).delete()
    page = client.get(admin_url(Meeting, "review", complete_draft.pk))
    changes = page.context["changes"]
    assert ("The meeting", "theme: “—” → “Measuring what training changes”") in changes
    assert ("Discussion point", "added: Priority: One evaluation form") in changes
    assert (
        "Participation",
        "removed: Fictional Islands Customs — Organiser at Fictional 91st RTC Heads Meeting",
    ) in changes
    assert len(changes) == 3
    # An editor reads the page but is offered neither decision.
    assert "Publish the meeting and everything entered with it" not in page.text


def test_the_review_page_lists_programme_changes_since_it_was_sent(
    client, editor_user, complete_draft
):
    """Who presented what is entered on each session's own page, often after the meeting's
    form was sent: the reviewer sees it among the changes all the same."""
    opening = Session.objects.create(meeting=complete_draft, order=1, kind="opening")
    send_for_review(client, editor_user, complete_draft)
    body = Body.objects.get(name="Fictional Islands Customs")
    Presentation.objects.create(session=opening, body=body, topic="A same-day online test")
    Session.objects.create(meeting=complete_draft, order=2, kind="closing")
    page = client.get(admin_url(Meeting, "review", complete_draft.pk))
    assert page.context["changes"] == [
        ("Programme session", "added: Closing (Fictional 91st RTC Heads Meeting)"),
        ("Presentation", "added: Fictional Islands Customs: A same-day online test"),
    ]
    opening.delete()
    changes = client.get(admin_url(Meeting, "review", complete_draft.pk)).context["changes"]
    assert ("Programme session", "removed: Opening (Fictional 91st RTC Heads Meeting)") in changes
    assert ("Presentation", "added: Fictional Islands Customs: A same-day online test") not in (
        changes
    )


def test_a_body_that_only_presented_is_published_with_the_meeting(complete_draft):
    session = Session.objects.create(meeting=complete_draft, order=1, kind="rtc_presentations")
    presenter = factories.make_body("Fictional Atoll Customs", status=Status.DRAFT)
    Presentation.objects.create(session=session, body=presenter, topic="Course outlines")
    assert presenter in review.entered_with(complete_draft)[Body]


def test_a_reviewer_publishes_the_meeting_and_everything_entered_with_it(
    client, editor_user, reviewer_user, complete_draft
):
    send_for_review(client, editor_user, complete_draft)
    client = logged_in(client, reviewer_user)
    listed = client.get(admin_url(Meeting, "changelist"))
    review_url = admin_url(Meeting, "review", complete_draft.pk)
    assert f'<a href="{review_url}">Review</a>' in listed.text
    page = client.get(review_url)
    assert "Fictional Islands Customs" in page.text
    assert "Publish the meeting and everything entered with it" in page.text
    response = client.post(
        admin_url(Meeting, "review", complete_draft.pk), {"_publish": "1"}, follow=True
    )
    assert "is public, with what was entered with it" in response.text
    assert Meeting.objects.published().filter(pk=complete_draft.pk).exists()
    assert Body.objects.get(name="Fictional Islands Customs").status == Status.PUBLISHED
    assert Source.objects.get(title="Fictional account").status == Status.PUBLISHED
    client.logout()
    public = client.get(complete_draft.get_absolute_url())
    assert "Fictional Islands Customs" in public.text
    assert "Ms. Farah Fictiva" in public.text
    assert "Fictional account" in public.text


def test_the_list_action_publishes_everything_too(client, reviewer_user, complete_draft):
    run_action(logged_in(client, reviewer_user), Meeting, "publish", complete_draft)
    assert Body.objects.get(name="Fictional Islands Customs").status == Status.PUBLISHED
    assert Source.objects.get(title="Fictional account").status == Status.PUBLISHED


def test_an_editor_cannot_publish_by_any_path(client, editor_user, complete_draft):
    client = logged_in(client, editor_user)
    send_for_review(client, editor_user, complete_draft)
    review_url = admin_url(Meeting, "review", complete_draft.pk)
    assert client.post(review_url, {"_publish": "1"}).status_code == 403
    assert client.post(review_url, {"note": "Fine by me"}).status_code == 403
    run_action(client, Meeting, "publish", complete_draft)
    data = change_form_data(client, complete_draft, status=Status.PUBLISHED)
    client.post(admin_url(Meeting, "change", complete_draft.pk), data)
    complete_draft.refresh_from_db()
    assert complete_draft.status == Status.IN_REVIEW
    assert Body.objects.get(name="Fictional Islands Customs").status == Status.DRAFT
    assert Source.objects.get(title="Fictional account").status == Status.DRAFT
    with pytest.raises(Exception, match="Secretariat reviewers"):
        review.publish_with_everything(complete_draft, editor_user)
    assert Meeting.objects.get(pk=complete_draft.pk).status == Status.IN_REVIEW


def test_a_reviewer_sends_it_back_with_a_note_the_editor_sees(
    client, editor_user, reviewer_user, complete_draft
):
    send_for_review(client, editor_user, complete_draft)
    reviewer = logged_in(client, reviewer_user)
    reviewer.post(
        admin_url(Meeting, "review", complete_draft.pk),
        {"_send_back": "1", "note": "Name the second organiser."},
    )
    complete_draft.refresh_from_db()
    assert complete_draft.status == Status.DRAFT
    assert ReviewNote.objects.for_record(complete_draft).get().written_by == reviewer_user
    editor = logged_in(client, editor_user)
    page = editor.get(admin_url(Meeting, "change", complete_draft.pk))
    assert "Sent back by reviewer" in page.text
    assert "Name the second organiser." in page.text


def test_sending_back_needs_a_note(client, editor_user, reviewer_user, complete_draft):
    send_for_review(client, editor_user, complete_draft)
    response = logged_in(client, reviewer_user).post(
        admin_url(Meeting, "review", complete_draft.pk), {"note": " "}, follow=True
    )
    assert "Say what the editors should fix" in response.text
    complete_draft.refresh_from_db()
    assert complete_draft.status == Status.IN_REVIEW


DISAGREEMENTS = "sources-disagreement-content_type-object_id"


def with_disagreement(data, point, *versions):
    data |= {
        f"{DISAGREEMENTS}-TOTAL_FORMS": 1,
        f"{DISAGREEMENTS}-0-point": point,
        f"{DISAGREEMENTS}-0-order": 1,
    }
    for slot, (source, version) in enumerate(versions, 1):
        data |= {
            f"{DISAGREEMENTS}-0-source_{slot}": source.pk,
            f"{DISAGREEMENTS}-0-version_{slot}": version,
        }
    return data


def test_a_disagreement_and_its_versions_are_entered_on_the_meetings_form(
    client, editor_user, complete_draft
):
    from sources.models import Account

    first, second = Source.objects.get(), factories.make_source("Second account")
    client = logged_in(client, editor_user)
    url = admin_url(Meeting, "change", complete_draft.pk)
    data = with_disagreement(
        change_form_data(client, complete_draft),
        "Who opened it",
        (first, "The host."),
        (second, "ROCB A/P."),
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][1].formset.errors
    assert list(Account.objects.values_list("source__title", "version", "order")) == [
        ("Fictional account", "The host.", 1),
        ("Second account", "ROCB A/P.", 2),
    ]
    # Saved again unchanged: the versions are left alone (nothing new in their history).
    client.post(url, change_form_data(client, complete_draft))
    assert Account.history.count() == 2
    data = change_form_data(client, complete_draft)
    data[f"{DISAGREEMENTS}-0-version_2"] = "ROCB A/P's head."
    client.post(url, data)
    assert list(Account.objects.values_list("version", flat=True)) == [
        "The host.",
        "ROCB A/P's head.",
    ]


def test_a_version_without_its_source_is_refused_and_nothing_is_saved(
    client, editor_user, complete_draft
):
    from sources.models import Disagreement

    client = logged_in(client, editor_user)
    data = change_form_data(client, complete_draft, theme="Changed")
    data |= {
        f"{DISAGREEMENTS}-TOTAL_FORMS": 1,
        f"{DISAGREEMENTS}-0-point": "Who opened it",
        f"{DISAGREEMENTS}-0-order": 1,
        f"{DISAGREEMENTS}-0-version_1": "The host.",
    }
    response = client.post(admin_url(Meeting, "change", complete_draft.pk), data)
    assert response.status_code == 200
    assert "Name the source of this version." in response.text
    assert not Disagreement.objects.exists()
    complete_draft.refresh_from_db()
    assert complete_draft.theme == ""


def test_the_preview_shows_the_meeting_as_publishing_everything_will(
    client, reviewer_user, complete_draft
):
    from django.urls import reverse

    page = logged_in(client, reviewer_user).get(
        reverse("preview:meeting", args=[complete_draft.slug])
    )
    assert "Preview — not public." in page.text
    assert "Draft" in page.text
    assert "Fictional Islands Customs" in page.text
    assert "Ms. Farah Fictiva" in page.text
    assert "Fictional account" in page.text
    # Shown, not published: nothing was kept.
    assert Body.objects.get(name="Fictional Islands Customs").status == Status.DRAFT
    assert Source.objects.get(title="Fictional account").status == Status.DRAFT
    complete_draft.refresh_from_db()
    assert complete_draft.status == Status.DRAFT
    client.logout()
    assert client.get(complete_draft.get_absolute_url()).status_code == 404


def test_publishing_from_the_meetings_form_publishes_everything_too(
    client, reviewer_user, complete_draft
):
    client = logged_in(client, reviewer_user)
    data = change_form_data(client, complete_draft, status=Status.PUBLISHED)
    client.post(admin_url(Meeting, "change", complete_draft.pk), data)
    assert Meeting.objects.published().filter(pk=complete_draft.pk).exists()
    assert Body.objects.get(name="Fictional Islands Customs").status == Status.PUBLISHED
    assert Source.objects.get(title="Fictional account").status == Status.PUBLISHED


# --- An account's silence is an answer -------------------------------------------------------


def test_a_silence_recorded_on_the_chair_answers_it(complete_draft):
    MeetingRole.objects.all().delete()
    assert review.missing_for_review(complete_draft) == ["no chair named"]
    Silence.objects.create(meeting=complete_draft, fact=Silence.Fact.CHAIR)
    assert review.missing_for_review(complete_draft) == []


def test_a_body_named_as_co_chair_answers_the_chair(complete_draft):
    MeetingRole.objects.all().delete()
    host = Body.objects.get(name="Fictional Islands Customs")
    MeetingRole.objects.create(meeting=complete_draft, body=host, kind="co_chair")
    assert review.missing_for_review(complete_draft) == []


def test_a_silence_recorded_on_the_organiser_answers_it(complete_draft):
    Participation.objects.update(role=Participation.Role.HOST)
    assert review.missing_for_review(complete_draft) == ["no organiser named"]
    Silence.objects.create(meeting=complete_draft, fact=Silence.Fact.ORGANISER)
    assert review.missing_for_review(complete_draft) == []


@pytest.mark.parametrize(
    ("format", "missing"),
    [
        (Meeting.Format.IN_PERSON, ["no venue or city for a meeting held in person"]),
        (Meeting.Format.HYBRID, ["no venue or city for the in-person part of a hybrid meeting"]),
        (Meeting.Format.VIRTUAL, []),
    ],
)
def test_the_place_is_asked_for_in_the_words_of_the_meetings_format(
    complete_draft, format, missing
):
    Meeting.objects.filter(pk=complete_draft.pk).update(venue="", city="", format=format)
    complete_draft.refresh_from_db()
    assert review.missing_for_review(complete_draft) == missing


def test_a_silence_recorded_on_the_venue_answers_it(complete_draft):
    Meeting.objects.filter(pk=complete_draft.pk).update(venue="", city="", format="hybrid")
    complete_draft.refresh_from_db()
    Silence.objects.create(meeting=complete_draft, fact=Silence.Fact.VENUE)
    assert review.missing_for_review(complete_draft) == []


def test_a_silence_is_entered_on_the_meetings_form_and_counts_before_it_is_sent(
    client, editor_user, complete_draft
):
    MeetingRole.objects.all().delete()
    client = logged_in(client, editor_user)
    data = change_form_data(client, complete_draft, status=Status.IN_REVIEW)
    data |= {"silences-TOTAL_FORMS": 1, "silences-0-fact": "chair"}
    response = client.post(admin_url(Meeting, "change", complete_draft.pk), data, follow=True)
    complete_draft.refresh_from_db()
    assert complete_draft.status == Status.IN_REVIEW
    assert "was sent for review." in response.text


# --- One gate for everyone: publishing over what is missing takes a reason -------------------


@pytest.fixture
def incomplete_draft(complete_draft):
    Meeting.objects.filter(pk=complete_draft.pk).update(summary="")
    complete_draft.refresh_from_db()
    return complete_draft


def test_the_reviewer_sees_the_same_missing_list_and_a_publish_anyway_field(
    client, reviewer_user, incomplete_draft
):
    page = logged_in(client, reviewer_user).get(admin_url(Meeting, "review", incomplete_draft.pk))
    assert "<li>no summary</li>" in page.text
    assert "The editors see the same list on the meeting's form." in page.text
    assert 'name="anyway"' in page.text
    assert "Publish anyway, with everything entered with it" in page.text


def test_a_complete_meeting_is_published_without_being_asked_for_a_reason(
    client, reviewer_user, complete_draft
):
    page = logged_in(client, reviewer_user).get(admin_url(Meeting, "review", complete_draft.pk))
    assert 'name="anyway"' not in page.text


def test_the_review_page_refuses_to_publish_over_the_missing_list_without_a_reason(
    client, reviewer_user, incomplete_draft
):
    review_url = admin_url(Meeting, "review", incomplete_draft.pk)
    response = logged_in(client, reviewer_user).post(
        review_url, {"_publish": "1", "anyway": "  "}, follow=True
    )
    incomplete_draft.refresh_from_db()
    assert incomplete_draft.status == Status.DRAFT
    assert "still lacks: no summary. Publish it anyway only with a reason" in response.text
    assert Body.objects.get(name="Fictional Islands Customs").status == Status.DRAFT


def test_publishing_anyway_keeps_the_reason_and_what_was_missing_in_the_history(
    client, reviewer_user, incomplete_draft
):
    reason = "The account gives no summary to paraphrase; the page says what is known."
    review_url = admin_url(Meeting, "review", incomplete_draft.pk)
    response = logged_in(client, reviewer_user).post(
        review_url, {"_publish": "1", "anyway": reason}, follow=True
    )
    assert Meeting.objects.published().filter(pk=incomplete_draft.pk).exists()
    assert "1 source, 1 meeting" in response.text
    latest = incomplete_draft.history.latest()
    assert latest.history_change_reason == (
        f"Status: Draft → Published, published anyway ({reason}); lacking: no summary"
    )
    assert latest.history_user == reviewer_user
    history = client.get(admin_url(Meeting, "history", incomplete_draft.pk))
    assert reason in history.text


def test_the_list_action_asks_for_a_reason_before_publishing_an_incomplete_meeting(
    client, reviewer_user, incomplete_draft
):
    response = run_action(logged_in(client, reviewer_user), Meeting, "publish", incomplete_draft)
    incomplete_draft.refresh_from_db()
    assert incomplete_draft.status == Status.DRAFT
    assert "Publish anyway?" in response.text
    assert "<li>no summary</li>" in response.text
    assert 'name="anyway"' in response.text


def test_the_list_action_publishes_anyway_with_the_reason_given(
    client, reviewer_user, incomplete_draft
):
    client = logged_in(client, reviewer_user)
    client.post(
        admin_url(Meeting, "changelist"),
        {
            "action": "publish",
            "_selected_action": [incomplete_draft.pk],
            "anyway": "Summary to follow from the host's report.",
        },
    )
    incomplete_draft.refresh_from_db()
    assert incomplete_draft.status == Status.PUBLISHED
    assert "Summary to follow" in incomplete_draft.history.latest().history_change_reason


def test_publishing_an_incomplete_meeting_from_its_form_saves_it_unpublished(
    client, reviewer_user, incomplete_draft
):
    client = logged_in(client, reviewer_user)
    data = change_form_data(client, incomplete_draft, status=Status.PUBLISHED, theme="Partners")
    response = client.post(admin_url(Meeting, "change", incomplete_draft.pk), data, follow=True)
    incomplete_draft.refresh_from_db()
    assert incomplete_draft.status == Status.DRAFT
    assert incomplete_draft.theme == "Partners"
    assert "Saved as a draft, not published (publish it anyway from its review page" in (
        response.text
    )


def test_no_script_publishes_an_incomplete_meeting_without_a_reason(
    reviewer_user, incomplete_draft
):
    with pytest.raises(workflow.NotReady, match="still lacks: no summary"):
        workflow.move(
            Meeting.objects.filter(pk=incomplete_draft.pk), Status.PUBLISHED, reviewer_user
        )


def test_the_history_and_the_review_page_name_the_rtc_fields_in_plain_words(
    client, editor_user, reviewer_user, complete_draft
):
    send_for_review(client, editor_user, complete_draft)
    data = change_form_data(client, complete_draft, rtc_count=8)
    data.pop("rtcs_named", None)
    client.post(admin_url(Meeting, "change", complete_draft.pk), data)
    reviewer = logged_in(client, reviewer_user)
    review_page = reviewer.get(admin_url(Meeting, "review", complete_draft.pk)).text
    history = reviewer.get(admin_url(Meeting, "history", complete_draft.pk)).text
    assert "RTCs attending: “—” → “8”" in review_page
    assert "RTCs named in the accounts: " in review_page
    assert "<strong>RTCs attending:</strong>" in history
    for page in (review_page, history):
        assert "Rtc count" not in page
        assert "Rtcs named" not in page


def test_the_list_action_asks_once_for_the_meetings_that_lack_something_and_names_the_rest(
    client, reviewer_user, incomplete_draft
):
    complete = factories.make_meeting(
        number=92,
        title="Fictional 92nd RTC Heads Meeting",
        slug="f-92nd",
        status=Status.DRAFT,
        venue="Fictional Customs Academy",
        summary="Another fictional meeting.",
    )
    Silence.objects.create(meeting=complete, fact=Silence.Fact.CHAIR)
    Participation.objects.create(
        meeting=complete, body=Body.objects.get(name="Fictional Islands Customs"), role="organiser"
    )
    for fact in ("", "dates", "size"):
        factories.cite(complete, Source.objects.get(), fact)
    client = logged_in(client, reviewer_user)
    page = run_action(client, Meeting, "publish", incomplete_draft, complete).text
    assert "This meeting still lacks what a reviewer needs" in page
    assert "Also published, lacking nothing: Fictional 92nd RTC Heads Meeting." in page
    client.post(
        admin_url(Meeting, "changelist"),
        {
            "action": "publish",
            "_selected_action": [incomplete_draft.pk, complete.pk],
            "anyway": "Summary to follow.",
        },
    )
    assert Meeting.objects.published().count() == 2
    assert complete.history.latest().history_change_reason == "Status: Draft → Published"
