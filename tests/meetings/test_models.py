import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from meetings.models import Body, DiscussionPoint, Meeting, Participation, Status
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
