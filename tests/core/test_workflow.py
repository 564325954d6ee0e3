"""Draft -> in review -> published: who may move what, and what the public then sees."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import TextField
from django.urls import reverse

from core import imports, workflow
from core.admin import admin_url
from core.models import SpreadsheetImport
from core.tasks import check_spreadsheet, import_spreadsheet
from initiatives.models import RTC, Initiative
from meetings.models import Meeting, Programme, Status
from meetings.spreadsheet import importer
from tests.meetings.test_spreadsheet import edited
from tests.support import factories
from tests.support.admin import (
    NO_DOCUMENTS,
    change_form_data,
    logged_in,
    run_action,
)

pytestmark = pytest.mark.engine


@pytest.fixture
def draft_initiative(db):
    return factories.make_initiative(
        title="Drafted VR course", status=Status.DRAFT, categories=[factories.make_category()]
    )


def test_an_editor_sends_a_draft_for_review_and_the_move_is_recorded(
    client, editor_user, draft_initiative
):
    response = run_action(
        logged_in(client, editor_user), Initiative, "send_for_review", draft_initiative
    )
    draft_initiative.refresh_from_db()
    assert draft_initiative.status == Status.IN_REVIEW
    assert draft_initiative.status_changed_by == editor_user
    assert draft_initiative.status_changed_at is not None
    assert "1 initiative sent for review." in response.text


def test_an_editor_is_not_offered_the_publish_action(client, editor_user, draft_initiative):
    page = logged_in(client, editor_user).get(admin_url(Initiative, "changelist"))
    assert 'value="send_for_review"' in page.text
    assert 'value="publish"' not in page.text
    assert 'value="unpublish"' not in page.text


def test_an_editor_cannot_publish_by_posting_the_action_anyway(
    client, editor_user, draft_initiative
):
    run_action(logged_in(client, editor_user), Initiative, "publish", draft_initiative)
    draft_initiative.refresh_from_db()
    assert draft_initiative.status == Status.DRAFT


def test_an_editor_is_not_offered_published_in_the_change_form(
    client, editor_user, draft_initiative
):
    form = (
        logged_in(client, editor_user)
        .get(admin_url(Initiative, "change", draft_initiative.pk))
        .context["adminform"]
        .form
    )
    choices = [value for value, _ in form.fields["status"].choices]
    assert choices == [Status.DRAFT, Status.IN_REVIEW]


def test_an_editor_cannot_publish_by_posting_the_change_form(client, editor_user, draft_initiative):
    client = logged_in(client, editor_user)
    data = change_form_data(client, draft_initiative) | {"status": Status.PUBLISHED}
    response = client.post(admin_url(Initiative, "change", draft_initiative.pk), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    draft_initiative.refresh_from_db()
    assert draft_initiative.status == Status.DRAFT


def test_an_editor_cannot_unpublish_through_the_change_form(client, editor_user):
    initiative = factories.make_initiative()
    client = logged_in(client, editor_user)
    form = client.get(admin_url(Initiative, "change", initiative.pk)).context["adminform"].form
    assert "status" not in form.fields
    data = change_form_data(client, initiative) | {"status": Status.DRAFT}
    client.post(admin_url(Initiative, "change", initiative.pk), data)
    initiative.refresh_from_db()
    assert initiative.status == Status.PUBLISHED


def test_an_editor_cannot_publish_through_the_rtc_pages_initiative_list(client, editor_user):
    initiative = factories.make_initiative(status=Status.DRAFT)
    page = logged_in(client, editor_user).get(admin_url(RTC, "change", initiative.rtc.pk))
    inline_form = page.context["inline_admin_formsets"][0].formset.forms[0]
    assert "status" not in inline_form.fields


def test_a_reviewer_publishes_and_the_public_then_sees_it(client, reviewer_user, draft_initiative):
    assert client.get(draft_initiative.get_absolute_url()).status_code == 404
    reviewer = logged_in(client, reviewer_user)
    response = run_action(reviewer, Initiative, "publish", draft_initiative)
    assert "1 initiative published." in response.text
    draft_initiative.refresh_from_db()
    assert draft_initiative.status_changed_by == reviewer_user
    client.logout()
    page = client.get(reverse("initiatives:list"))
    assert "Drafted VR course" in page.text


def test_a_reviewer_unpublishes_and_the_public_no_longer_sees_it(client, reviewer_user):
    initiative = factories.make_initiative(title="Withdrawn course")
    run_action(logged_in(client, reviewer_user), Initiative, "unpublish", initiative)
    client.logout()
    assert "Withdrawn course" not in client.get(reverse("initiatives:list")).text
    assert client.get(initiative.get_absolute_url()).status_code == 404


def test_a_reviewer_publishes_through_the_change_form_and_is_recorded(
    client, reviewer_user, draft_initiative
):
    client = logged_in(client, reviewer_user)
    data = change_form_data(client, draft_initiative) | {"status": Status.PUBLISHED}
    response = client.post(admin_url(Initiative, "change", draft_initiative.pk), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    draft_initiative.refresh_from_db()
    assert draft_initiative.status == Status.PUBLISHED
    assert draft_initiative.status_changed_by == reviewer_user


def test_the_old_secretariat_group_may_still_publish(client, secretariat_user, draft_initiative):
    run_action(logged_in(client, secretariat_user), Initiative, "publish", draft_initiative)
    draft_initiative.refresh_from_db()
    assert draft_initiative.status == Status.PUBLISHED


@pytest.mark.parametrize(
    ("old", "new", "allowed"),
    [
        (Status.DRAFT, Status.IN_REVIEW, True),
        (Status.IN_REVIEW, Status.DRAFT, True),
        (Status.IN_REVIEW, Status.PUBLISHED, False),
        (Status.PUBLISHED, Status.DRAFT, False),
    ],
)
def test_the_one_rule_for_editors(editor_user, old, new, allowed):
    if allowed:
        workflow.check_move(editor_user, Meeting, old, new)
    else:
        with pytest.raises(PermissionDenied, match="Secretariat reviewers"):
            workflow.check_move(editor_user, Meeting, old, new)


def test_every_public_kind_of_record_has_the_workflow_actions(client, reviewer_user, seeded):
    client = logged_in(client, reviewer_user)
    for model in (Meeting, RTC, Initiative):
        page = client.get(admin_url(model, "changelist"))
        assert 'value="publish"' in page.text, model


def test_a_draft_meeting_hides_its_initiatives_from_the_public(client, reviewer_user, seeded):
    meeting = Meeting.objects.get(number=19)
    run_action(logged_in(client, reviewer_user), Meeting, "unpublish", meeting)
    client.logout()
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert "AI-powered tutoring" not in client.get(reverse("initiatives:list")).text


def test_the_rtc_page_adds_an_initiative_with_the_rtc_filled_in(client, editor_user):
    rtc = factories.make_rtc(name="Prefilled RTC")
    client = logged_in(client, editor_user)
    page = client.get(admin_url(RTC, "change", rtc.pk))
    add_url = f"{admin_url(Initiative, 'add')}?rtc={rtc.pk}"
    assert f'href="{add_url}"' in page.text
    form = client.get(add_url).context["adminform"].form
    assert str(form.initial["rtc"]) == str(rtc.pk)


def test_publishing_an_initiative_of_a_draft_meeting_warns_it_is_not_yet_public(
    client, reviewer_user
):
    initiative = factories.make_initiative(
        title="Waiting course", status=Status.DRAFT, meeting=factories.make_meeting(status="draft")
    )
    response = run_action(logged_in(client, reviewer_user), Initiative, "publish", initiative)
    assert "Published but not yet on the public site: “Waiting course”" in response.text


def test_a_taken_meeting_number_says_what_to_do(client, editor_user):
    factories.make_meeting(number=40)
    data = {
        "number": 40,
        "title": "Another",
        "slug": "another",
        "status": Status.DRAFT,
        "start_date": "2030-01-01",
        "end_date": "2030-01-02",
        "format": Meeting.Format.VIRTUAL,
        **{
            f"{prefix}-{key}": value
            for prefix in ("participations", "interventions", "discussion_points")
            for key, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))
        },
        **NO_DOCUMENTS,
    }
    response = logged_in(client, editor_user).post(admin_url(Meeting, "add"), data)
    assert "There is already a meeting with this number." in response.text
    assert Meeting.objects.filter(number=40).count() == 1


def test_a_taken_slug_says_what_to_do(client, editor_user):
    taken = factories.make_rtc()
    data = {"name": "New RTC", "slug": taken.slug, "host": factories.make_body().pk}
    data |= {"initiatives-TOTAL_FORMS": 0, "initiatives-INITIAL_FORMS": 0, "status": "draft"}
    data |= NO_DOCUMENTS
    response = logged_in(client, editor_user).post(admin_url(RTC, "add"), data)
    assert "Another record already has this address (slug)." in response.text


def post_change(client, record, **changes):
    url = admin_url(type(record), "change", record.pk)
    return client.post(url, change_form_data(client, record, **changes))


def published_initiative(**fields):
    # The admin asks for at least one category.
    return factories.make_initiative(categories=[factories.make_category()], **fields)


@pytest.mark.parametrize(
    ("field", "draft_target", "message"),
    [
        (
            "meeting",
            lambda: factories.make_meeting(status=Status.DRAFT),
            "Moving this published initiative to the meeting “{}”, which the public cannot see",
        ),
        (
            "rtc",
            lambda: factories.make_rtc(status=Status.DRAFT),
            "Moving this published initiative to the RTC “{}”, which the public cannot see",
        ),
    ],
)
def test_an_editor_cannot_hide_a_published_initiative_by_moving_it(
    client, editor_user, field, draft_target, message
):
    initiative = published_initiative()
    target = draft_target()
    client = logged_in(client, editor_user)
    response = post_change(client, initiative, **{field: target.pk})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message.format(target) in errors[field][0]
    assert "ask a reviewer" in errors[field][0]
    initiative.refresh_from_db()
    assert getattr(initiative, field) != target
    client.logout()
    assert client.get(initiative.get_absolute_url()).status_code == 200


def test_an_editor_cannot_hide_a_published_rtc_by_giving_it_a_draft_host(client, editor_user):
    rtc = factories.make_rtc()
    published_initiative(rtc=rtc)
    draft_host = factories.make_body(name="Draft administration", status=Status.DRAFT)
    response = post_change(logged_in(client, editor_user), rtc, host=draft_host.pk)
    assert response.status_code == 200
    error = response.context["adminform"].form.errors["host"][0]
    assert "Moving this published RTC to the administration or body “Draft administration”" in error
    rtc.refresh_from_db()
    assert rtc.host != draft_host


def test_the_rule_is_each_models_own_a_programme_run_by_a_draft_body(client, editor_user):
    programme = Programme.objects.create(
        name="Customs e-learning",
        slug="customs-e-learning",
        kind=Programme.Kind.choices[0][0],
        status=Status.PUBLISHED,
    )
    draft_body = factories.make_body(name="Draft body", status=Status.DRAFT)
    response = post_change(logged_in(client, editor_user), programme, body=draft_body.pk)
    assert response.status_code == 200
    error = response.context["adminform"].form.errors["body"][0]
    assert "Moving this published programme to the administration or body “Draft body”" in error
    programme.refresh_from_db()
    assert programme.body is None


def test_an_editor_cannot_hide_a_published_initiative_from_the_rtc_page(client, editor_user):
    initiative = published_initiative()
    draft_meeting = factories.make_meeting(status=Status.DRAFT)
    client = logged_in(client, editor_user)
    data = change_form_data(client, initiative.rtc)
    data["initiatives-0-meeting"] = draft_meeting.pk
    response = client.post(admin_url(RTC, "change", initiative.rtc.pk), data)
    assert response.status_code == 200
    inline_form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert "would take it off the public site" in inline_form.errors["meeting"][0]
    initiative.refresh_from_db()
    assert initiative.meeting != draft_meeting


def test_an_editor_may_still_move_a_published_initiative_between_public_meetings(
    client, editor_user
):
    initiative = published_initiative()
    other = factories.make_meeting()
    response = post_change(logged_in(client, editor_user), initiative, meeting=other.pk)
    assert response.status_code == 302, response.context["adminform"].form.errors
    initiative.refresh_from_db()
    assert initiative.meeting == other


def test_an_editor_may_move_a_draft_initiative_to_a_draft_meeting(client, editor_user):
    initiative = published_initiative(status=Status.DRAFT)
    draft_meeting = factories.make_meeting(status=Status.DRAFT)
    response = post_change(logged_in(client, editor_user), initiative, meeting=draft_meeting.pk)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_a_reviewer_may_take_a_published_initiative_off_the_site_by_moving_it(
    client, reviewer_user
):
    initiative = published_initiative()
    draft_meeting = factories.make_meeting(status=Status.DRAFT)
    response = post_change(logged_in(client, reviewer_user), initiative, meeting=draft_meeting.pk)
    assert response.status_code == 302, response.context["adminform"].form.errors
    initiative.refresh_from_db()
    assert initiative.meeting == draft_meeting


def test_the_publishing_rule_tries_a_change_without_keeping_it(editor_user):
    initiative = published_initiative()
    public_meeting = initiative.meeting
    draft_meeting = factories.make_meeting(status=Status.DRAFT)
    assert workflow.would_hide(Initiative, initiative.pk, {"meeting": draft_meeting})
    assert not workflow.would_hide(Initiative, initiative.pk, {"title": "Renamed"})
    initiative.refresh_from_db()
    assert initiative.meeting == public_meeting


def test_an_editor_cannot_publish_through_the_whole_meeting_spreadsheet(
    client, editor_user, seeded
):
    """The whole-meeting import (meetings.spreadsheet) never moves a status: a draft meeting
    filled from a file, even one with a status column saying "Published", stays a draft and
    off the public site, with everything imported into it."""
    draft = factories.make_meeting(20, status=Status.DRAFT)

    def as_20th_published(sheets):
        heading, row = sheets["Meeting"]
        heading.append("status")
        row.append("Published")
        row[heading.index("number")] = "20"

    data = edited(Meeting.objects.get(number=19), "xlsx", as_20th_published)
    pending = importer.store(SimpleUploadedFile("20th.xlsx", data), user=editor_user, meeting=draft)
    check_spreadsheet.call(pending.pk)
    assert imports.claim(pending.name, editor_user) is not None, pending.problems
    import_spreadsheet.call(pending.pk)
    pending.refresh_from_db()
    assert pending.state == SpreadsheetImport.State.DONE
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.participations.count() == 14
    assert client.get(reverse("meetings:detail", args=[draft.slug])).status_code == 404


def test_every_model_checked_before_review_keeps_a_publish_anyway_reason_of_any_length():
    assert workflow.READINESS_CHECKS
    for model in workflow.READINESS_CHECKS:
        reason = model.history.model._meta.get_field("history_change_reason")
        assert isinstance(reason, TextField), model
