import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from meetings.models import (
    Body,
    DiscussionPoint,
    Meeting,
    MeetingRole,
    Participation,
    Silence,
    Status,
)
from tests.support import factories

pytestmark = pytest.mark.engine


def assert_rejected_by_database(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.mark.django_db
def test_a_meeting_cannot_end_before_it_starts():
    assert_rejected_by_database(
        lambda: factories.make_meeting(
            start_date=datetime.date(2021, 10, 28), end_date=datetime.date(2021, 10, 27)
        )
    )


@pytest.mark.django_db
def test_a_one_day_meeting_is_accepted():
    meeting = factories.make_meeting(
        start_date=datetime.date(2021, 10, 27), end_date=datetime.date(2021, 10, 27)
    )
    assert Meeting.objects.filter(pk=meeting.pk).exists()


@pytest.mark.django_db
def test_meeting_clean_explains_an_end_before_the_start():
    meeting = Meeting(
        number=30,
        title="30th",
        slug="30th",
        start_date=datetime.date(2030, 5, 2),
        end_date=datetime.date(2030, 5, 1),
    )
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "end_date" in error.value.message_dict


@pytest.mark.django_db
def test_meeting_slugs_are_unique():
    factories.make_meeting(number=40, slug="same")
    assert_rejected_by_database(lambda: factories.make_meeting(number=41, slug="same"))


@pytest.mark.django_db
def test_meeting_numbers_are_unique():
    factories.make_meeting(number=42)
    assert_rejected_by_database(lambda: factories.make_meeting(number=42, slug="other"))


@pytest.mark.django_db
def test_a_body_takes_part_in_a_meeting_only_once():
    meeting, body = factories.make_meeting(), factories.make_body()
    Participation.objects.create(meeting=meeting, body=body, role=Participation.Role.PARTICIPANT)
    assert_rejected_by_database(
        lambda: Participation.objects.create(
            meeting=meeting, body=body, role=Participation.Role.OBSERVER
        )
    )


@pytest.mark.django_db
def test_the_same_discussion_point_is_recorded_once_per_meeting():
    meeting = factories.make_meeting()
    DiscussionPoint.objects.create(meeting=meeting, kind="challenge", text="Bandwidth")
    assert_rejected_by_database(
        lambda: DiscussionPoint.objects.create(meeting=meeting, kind="challenge", text="Bandwidth")
    )


@pytest.mark.django_db
def test_a_body_with_participations_cannot_be_deleted():
    body = factories.make_body()
    Participation.objects.create(
        meeting=factories.make_meeting(), body=body, role=Participation.Role.OBSERVER
    )
    with pytest.raises(ProtectedError):
        body.delete()
    assert Body.objects.filter(pk=body.pk).exists()


@pytest.mark.django_db
def test_published_returns_only_published_records():
    published = factories.make_meeting(status=Status.PUBLISHED)
    factories.make_meeting(status=Status.DRAFT)
    factories.make_meeting(status=Status.IN_REVIEW)
    assert list(Meeting.objects.published()) == [published]


@pytest.mark.django_db
def test_the_default_manager_hides_nothing():
    factories.make_meeting(status=Status.DRAFT)
    assert Meeting.objects.count() == 1


# --- Chairs that are bodies, and what the accounts leave unsaid ------------------------------


def test_a_body_may_chair_with_no_person_named_and_shows_while_its_meeting_is_public(db):
    meeting = factories.make_meeting()
    body = factories.make_body("Palmland")
    role = MeetingRole.objects.create(meeting=meeting, body=body, kind=MeetingRole.Kind.CO_CHAIR)
    assert list(MeetingRole.objects.published()) == [role]
    assert str(role) == f"Palmland: Co-chair at {meeting}"
    meeting.status = Status.DRAFT
    meeting.save()
    assert not MeetingRole.objects.published().exists()


def test_a_body_holds_a_part_once_per_meeting_when_no_person_is_named(db):
    meeting = factories.make_meeting()
    body = factories.make_body()
    MeetingRole.objects.create(meeting=meeting, body=body, kind="co_chair")
    assert_rejected_by_database(
        lambda: MeetingRole.objects.create(meeting=meeting, body=body, kind="co_chair")
    )


def test_a_fact_the_accounts_do_not_give_is_recorded_once_and_public_with_its_meeting(db):
    meeting = factories.make_meeting(status=Status.DRAFT)
    Silence.objects.create(meeting=meeting, fact=Silence.Fact.CHAIR)
    assert not Silence.objects.published().exists()
    assert_rejected_by_database(
        lambda: Silence.objects.create(meeting=meeting, fact=Silence.Fact.CHAIR)
    )


def test_a_meeting_is_planned_until_the_day_it_starts(db):
    today = timezone.localdate()
    tomorrow = factories.make_meeting(
        start_date=today + datetime.timedelta(days=1), end_date=today + datetime.timedelta(days=2)
    )
    started = factories.make_meeting(start_date=today, end_date=today)
    assert tomorrow.is_planned
    assert not started.is_planned
    assert list(Meeting.objects.planned()) == [tomorrow]


def test_the_next_planned_meeting_is_the_soonest_published_one(db):
    today = timezone.localdate()
    later = factories.make_meeting(start_date=today + datetime.timedelta(days=400))
    sooner = factories.make_meeting(start_date=today + datetime.timedelta(days=30))
    factories.make_meeting(start_date=today + datetime.timedelta(days=5), status=Status.DRAFT)
    factories.make_meeting(start_date=today - datetime.timedelta(days=30))
    assert Meeting.objects.next_planned() == sooner
    sooner.delete()
    assert Meeting.objects.next_planned() == later


@pytest.mark.django_db
def test_a_meeting_is_searched_by_the_months_and_years_it_was_held_in():
    meeting = factories.make_meeting(
        start_date=datetime.date(2019, 12, 30), end_date=datetime.date(2020, 1, 2)
    )
    assert meeting.date_words == "December 2019 January 2020"
    assert list(Meeting.objects.search("January 2020")) == [meeting]
    meeting.start_date = meeting.end_date = datetime.date(2021, 10, 27)
    meeting.save(update_fields=["start_date", "end_date"])
    assert list(Meeting.objects.search("October 2021")) == [meeting]
    assert not Meeting.objects.search("2019").exists()
