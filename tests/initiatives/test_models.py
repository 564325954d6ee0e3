import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from initiatives.models import RTC, Accreditation, HostInstitution, Initiative
from meetings.models import Status
from tests.support import factories

pytestmark = pytest.mark.engine


@pytest.mark.django_db
def test_an_administration_hosts_at_most_one_rtc():
    host = factories.make_body()
    factories.make_rtc(host=host)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_rtc(host=host)


@pytest.mark.django_db
def test_initiative_slugs_are_unique():
    factories.make_initiative(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_initiative(slug="same")


@pytest.mark.django_db
def test_an_rtc_reports_one_initiative_of_a_title_per_meeting():
    initiative = factories.make_initiative(title="VR")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_initiative(
            rtc=initiative.rtc, meeting=initiative.meeting, title="VR", slug="vr-2"
        )


@pytest.mark.django_db
def test_an_rtc_with_initiatives_cannot_be_deleted():
    initiative = factories.make_initiative()
    with pytest.raises(ProtectedError):
        initiative.rtc.delete()
    assert RTC.objects.filter(pk=initiative.rtc.pk).exists()


@pytest.mark.django_db
def test_a_meeting_with_initiatives_cannot_be_deleted():
    initiative = factories.make_initiative()
    with pytest.raises(ProtectedError):
        initiative.meeting.delete()


@pytest.mark.django_db
def test_the_host_of_an_rtc_cannot_be_deleted():
    rtc = factories.make_rtc()
    with pytest.raises(ProtectedError):
        rtc.host.delete()


@pytest.mark.django_db
@pytest.mark.parametrize("hidden_part", ["initiative", "rtc", "meeting", "host"])
def test_an_initiative_is_public_only_when_it_its_rtc_host_and_meeting_are(hidden_part):
    initiative = factories.make_initiative()
    record = {
        "initiative": initiative,
        "rtc": initiative.rtc,
        "meeting": initiative.meeting,
        "host": initiative.rtc.host,
    }[hidden_part]
    assert list(Initiative.objects.published()) == [initiative]
    record.status = Status.DRAFT
    record.save()
    assert list(Initiative.objects.published()) == []


def test_an_rtc_is_searched_by_its_institutions_names_and_its_history(db):
    rtc = factories.make_rtc(name="India RTC")
    HostInstitution.objects.create(rtc=rtc, name="Academy of Customs (NACIN)", city="Faridabad")
    Accreditation.objects.create(rtc=rtc, step="designated", note="Named at the Delhi meeting.")
    factories.make_disagreement(
        rtc, "Where it has its seat", [(factories.make_source(), "At Palasamudram.")]
    )
    # A version saved on its own is copied when the RTC's history is next indexed (the RTC
    # admin's save does it).
    for query in ("NACIN", "Faridabad", "Delhi"):
        assert list(RTC.objects.search(query)) == [rtc], query
    assert not RTC.objects.search("Palasamudram").exists()
    RTC.objects.filter(pk=rtc.pk).index_history()
    assert list(RTC.objects.search("Palasamudram")) == [rtc]
    # Saving an instance read before the last copy keeps the copy.
    rtc.description = "The national academy."
    rtc.save()
    assert list(RTC.objects.search("NACIN")) == [rtc]
    HostInstitution.objects.get(rtc=rtc).delete()
    assert not RTC.objects.search("NACIN").exists()
