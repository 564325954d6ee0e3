"""Every change is kept with who, when and what; an earlier version can be restored, a deleted
record recovered."""

import pytest
from django.apps import apps

from core.admin import admin_url
from initiatives.models import Initiative
from meetings.models import Body, Meeting, Participation, Status
from tests.support import factories
from tests.support.admin import NO_DOCUMENTS, inline_management


def form_data(form):
    """What a browser would post back for an admin form as it was shown."""
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, list | tuple) or hasattr(value, "all"):
            values = value.all() if hasattr(value, "all") else value
            data[name] = [getattr(item, "pk", item) for item in values]
        else:
            data[name] = getattr(value, "pk", value)
    return data


@pytest.fixture
def reviewer(client, reviewer_user):
    client.force_login(reviewer_user)
    return client


@pytest.fixture
def initiative(db):
    vr = factories.make_category("VR simulation")
    return factories.make_initiative(title="VR training", summary="First words.", categories=[vr])


def edit(client, record, **changes):
    url = admin_url(type(record), "change", record.pk)
    page = client.get(url)
    data = inline_management(page) | form_data(page.context["adminform"].form) | changes
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_an_edit_is_kept_with_who_when_and_what(reviewer, reviewer_user, initiative):
    edit(reviewer, initiative, title="VR training, corrected")
    latest = initiative.history.latest()
    assert latest.history_user == reviewer_user
    assert latest.history_type == "~"
    page = reviewer.get(admin_url(Initiative, "history", initiative.pk))
    assert "VR training, corrected" in page.text
    assert "reviewer" in page.text
    # The "Changes" column names the field and both values.
    assert "VR training" in page.text
    assert "&rarr;" in page.text or "→" in page.text


def test_an_earlier_version_can_be_restored(reviewer, initiative):
    before = initiative.history.latest()
    mobile = factories.make_category("Mobile learning")
    edit(reviewer, initiative, title="Wrong title", summary="Wrong words.", categories=[mobile.pk])
    initiative.refresh_from_db()
    assert initiative.title == "Wrong title"

    url = admin_url(Initiative, "simple_history", initiative.pk, before.history_id)
    page = reviewer.get(url)
    assert page.status_code == 200
    assert "Revert" in page.text
    response = reviewer.post(url, form_data(page.context["adminform"].form) | NO_DOCUMENTS)
    assert response.status_code == 302

    initiative.refresh_from_db()
    assert initiative.title == "VR training"
    assert initiative.summary == "First words."
    assert list(initiative.categories.values_list("name", flat=True)) == ["VR simulation"]


def test_a_deleted_record_can_be_recovered(reviewer, initiative):
    pk = initiative.pk
    response = reviewer.post(admin_url(Initiative, "delete", pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Initiative.objects.filter(pk=pk).exists()

    listing = reviewer.get(admin_url(Initiative, "deleted"))
    assert "VR training" in listing.text
    record = Initiative.history.filter(id=pk, history_type="-").get()
    recover_url = admin_url(Initiative, "simple_history", pk, record.history_id)
    assert recover_url in listing.text

    page = reviewer.get(recover_url)
    response = reviewer.post(recover_url, form_data(page.context["adminform"].form) | NO_DOCUMENTS)
    assert response.status_code == 302
    recovered = Initiative.objects.get(pk=pk)
    assert recovered.title == "VR training"
    assert list(recovered.categories.values_list("name", flat=True)) == ["VR simulation"]
    assert reviewer.get(admin_url(Initiative, "deleted")).context["records"] == []


def test_the_changelist_links_to_recover_deleted_records(reviewer, initiative):
    page = reviewer.get(admin_url(Initiative, "changelist"))
    assert admin_url(Initiative, "deleted") in page.text


def test_deleting_a_participation_is_kept_too(reviewer, db):
    meeting = factories.make_meeting()
    participation = Participation.objects.create(
        meeting=meeting, body=factories.make_body("Fiji"), role=Participation.Role.OBSERVER
    )
    reviewer.post(admin_url(Participation, "delete", participation.pk), {"post": "yes"})
    assert reviewer.get(admin_url(Participation, "deleted")).text.count("Fiji") >= 1


def test_restoring_a_published_version_is_refused_to_an_editor(client, editor_user, initiative):
    # The earliest version was published; an editor unpublishes... no: a reviewer unpublished
    # it, and an editor must not bring the published version back by restoring it.
    from core import workflow

    reviewer = factories.make_user("boss", is_superuser=True, is_staff=True)
    workflow.move(Initiative.objects.filter(pk=initiative.pk), Status.DRAFT, reviewer)
    published_version = initiative.history.filter(status=Status.PUBLISHED).earliest()

    client.force_login(editor_user)
    url = admin_url(Initiative, "simple_history", initiative.pk, published_version.history_id)
    page = client.get(url)
    data = form_data(page.context["adminform"].form) | NO_DOCUMENTS
    data |= {"status": Status.PUBLISHED}
    client.post(url, data)
    initiative.refresh_from_db()
    assert initiative.status == Status.DRAFT


def test_status_moves_are_in_the_history_with_a_reason(reviewer_user, db):
    from core import workflow

    body = factories.make_body(status=Status.DRAFT)
    workflow.move(Body.objects.filter(pk=body.pk), Status.PUBLISHED, reviewer_user)
    latest = body.history.latest()
    assert latest.history_change_reason == "Status: Draft → Published"
    assert latest.history_user == reviewer_user


CONTENT_MODELS = [
    model
    for app in ("meetings", "initiatives")
    for model in apps.get_app_config(app).get_models()
    if not model._meta.model_name.startswith("historical")
]


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model._meta.label)
def test_every_content_model_keeps_history_and_shows_it(reviewer, seeded, model):
    record = model.objects.first()
    before = record.history.count()
    record.save()
    assert record.history.count() == before + 1
    page = reviewer.get(admin_url(model, "history", record.pk))
    assert page.status_code == 200
    assert "Change history" in page.text


def test_a_version_saved_before_its_categories_were_kept_restores_the_rest(reviewer, initiative):
    first = initiative.history.earliest()
    # Versions saved before the history kept links have none of their own.
    first.categories.all().delete()
    edit(reviewer, initiative, title="Wrong title")

    url = admin_url(Initiative, "simple_history", initiative.pk, first.history_id)
    page = reviewer.get(url)
    assert "This version has no categories on record: the current ones are kept." in page.text
    response = reviewer.post(url, form_data(page.context["adminform"].form))
    assert response.status_code == 302, response.context["adminform"].form.errors

    initiative.refresh_from_db()
    assert initiative.title == "VR training"
    assert list(initiative.categories.values_list("name", flat=True)) == ["VR simulation"]


def test_a_version_naming_a_category_deleted_since_restores_the_others(reviewer, initiative):
    retired = factories.make_category("Retired category")
    vr = initiative.categories.get()
    edit(reviewer, initiative, categories=[vr.pk, retired.pk])
    version = initiative.history.latest()
    edit(reviewer, initiative, title="Wrong title")
    retired.delete()

    url = admin_url(Initiative, "simple_history", initiative.pk, version.history_id)
    page = reviewer.get(url)
    assert "1 of the categories of this version no longer exists and is left out." in page.text
    response = reviewer.post(url, form_data(page.context["adminform"].form))
    assert response.status_code == 302, response.context["adminform"].form.errors
    initiative.refresh_from_db()
    assert initiative.title == "VR training"
    assert list(initiative.categories.values_list("name", flat=True)) == ["VR simulation"]


def test_an_editor_cannot_hide_a_published_record_by_restoring_a_version(
    client, editor_user, reviewer, initiative
):
    from core import workflow

    old_meeting = initiative.meeting
    version = initiative.history.latest()
    edit(reviewer, initiative, meeting=factories.make_meeting().pk)
    boss = factories.make_user("boss", is_superuser=True, is_staff=True)
    workflow.move(Meeting.objects.filter(pk=old_meeting.pk), Status.DRAFT, boss)

    client.force_login(editor_user)
    url = admin_url(Initiative, "simple_history", initiative.pk, version.history_id)
    response = client.post(url, form_data(client.get(url).context["adminform"].form))
    assert response.status_code == 200
    assert (
        "would take it off the public site"
        in response.context["adminform"].form.errors["meeting"][0]
    )
    initiative.refresh_from_db()
    assert initiative.meeting != old_meeting
