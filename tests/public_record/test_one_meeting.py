"""Loading one meeting (`load_public_record --meeting 19`, the `seeded` fixture) loads it whole,
with the sources, bodies, people, programmes and RTCs it refers to, and safely again."""

import datetime

import pytest
from django.apps import apps

from initiatives.models import RTC, Initiative
from meetings.models import DiscussionPoint, Intervention, Meeting, Participation, Programme
from tests.support import factories


def record_counts():
    return {
        model._meta.label: model.objects.count()
        for app in ("meetings", "initiatives")
        for model in apps.get_app_config(app).get_models()
    }


def bodies_with_role(meeting, role):
    return set(meeting.participations.filter(role=role).values_list("body__name", flat=True))


@pytest.fixture
def meeting(seeded):
    return Meeting.objects.get(slug="19th-rtc-heads-meeting")


def test_the_meeting_has_its_number_dates_and_format(meeting):
    assert meeting.number == 19
    assert meeting.start_date == datetime.date(2021, 10, 27)
    assert meeting.end_date == datetime.date(2021, 10, 28)
    assert meeting.format == Meeting.Format.VIRTUAL
    assert meeting.is_published


def test_rocb_ap_organised_it_and_wco_and_the_vice_chair_office_were_represented(meeting):
    assert bodies_with_role(meeting, Participation.Role.ORGANISER) == {"ROCB A/P"}
    assert bodies_with_role(meeting, Participation.Role.REPRESENTED) == {
        "WCO",
        "A/P Vice-Chair Office",
    }


def test_the_eight_rtc_heads_administrations_participated(meeting):
    assert bodies_with_role(meeting, Participation.Role.PARTICIPANT) == {
        "China",
        "Fiji",
        "Hong Kong (China)",
        "India",
        "Indonesia",
        "Japan",
        "Korea",
        "Malaysia",
    }


def test_iran_thailand_and_rilo_ap_observed(meeting):
    assert bodies_with_role(meeting, Participation.Role.OBSERVER) == {
        "Iran",
        "Thailand",
        "RILO AP",
    }


def test_speakers_and_what_each_covered(meeting):
    topics = {
        (i.speaker.name if i.speaker else None, i.body.name, i.topic)
        for i in Intervention.objects.filter(meeting=meeting).select_related("speaker", "body")
    }
    assert ("Norikazu Kuramoto", "ROCB A/P", "Opening remarks") in topics
    assert (None, "WCO", "Pandemic response measures") in topics
    assert (None, "WCO", "Hybrid meeting formats") in topics
    kang = {topic for name, _, topic in topics if name == "Kang Taeil"}
    assert kang == {
        "BACUDA project and data analysis framework",
        "VR training developments",
        "New e-learning courses on CLiKC!",
        "Five-month scholarship programme in Korea",
    }


def test_speakers_positions(meeting):
    kuramoto = Intervention.objects.get(topic="Opening remarks").speaker
    assert str(kuramoto) == "Mr. Norikazu Kuramoto"
    assert kuramoto.position == "Head of ROCB A/P"
    kang = Intervention.objects.filter(speaker__name="Kang Taeil").first().speaker
    assert str(kang) == "Dr. Kang Taeil"
    assert kang.position == "WCO Director of Capacity Building"


def test_programmes_and_documents_are_linked_to_the_interventions(meeting):
    referred = set(
        Programme.objects.filter(interventions__meeting=meeting).values_list("name", flat=True)
    )
    assert referred == {
        "BACUDA",
        "CLiKC!",
        "Environmental Scan 2021-2024",
        "Strategic Plan 2022-2025",
        "Scholarship programme in Korea",
    }


@pytest.mark.parametrize(
    ("kind", "texts"),
    [
        (
            "challenge",
            {
                "Uneven internet infrastructure",
                "Varying technological proficiency among trainees",
                "Reduced interpersonal interaction",
            },
        ),
        (
            "advantage",
            {
                "Breaking geographical barriers",
                "Increasing participation rates",
                "Significantly reducing training costs",
            },
        ),
        (
            "priority",
            {
                "Enhanced cooperation among RTCs, WCO and ROCB A/P",
                "Resource sharing",
                "Joint development of training materials",
                "Collective problem-solving for remote learning challenges",
            },
        ),
    ],
)
def test_discussion_points_by_kind(meeting, kind, texts):
    recorded = set(
        DiscussionPoint.objects.filter(meeting=meeting, kind=kind).values_list("text", flat=True)
    )
    assert recorded == texts


def test_commitments_name_who_committed(meeting):
    commitments = {
        (point.body.name, point.text)
        for point in DiscussionPoint.objects.filter(meeting=meeting, kind="commitment")
    }
    assert commitments == {
        ("ROCB A/P", "Strengthen its coordinating role"),
        ("WCO", "Continued technical support to foster innovation in distance learning"),
    }


def test_eight_rtcs_each_hosted_by_its_administration(seeded):
    hosts = dict(RTC.objects.values_list("name", "host__name"))
    assert hosts == {
        "China RTC": "China",
        "Fiji RTC": "Fiji",
        "Hong Kong (China) RTC": "Hong Kong (China)",
        "India RTC": "India",
        "Indonesia RTC": "Indonesia",
        "Japan RTC": "Japan",
        "Korea RTC": "Korea",
        "Malaysia RTC": "Malaysia",
    }


@pytest.mark.parametrize(
    ("rtc", "categories", "partners"),
    [
        ("china-rtc", {"Online learning platform", "Personalised recommendations"}, set()),
        (
            "fiji-rtc",
            {"Blended degree programme", "University partnership"},
            {"Local universities"},
        ),
        ("hong-kong-china-rtc", {"VR simulation"}, set()),
        ("india-rtc", {"Mobile learning"}, set()),
        ("indonesia-rtc", {"Interactive case-based course"}, set()),
        ("japan-rtc", {"AI tutoring / Q&A"}, set()),
        ("korea-rtc", {"Accredited online course"}, {"International organisations"}),
        ("malaysia-rtc", {"Quality assurance"}, set()),
    ],
)
def test_each_rtc_reported_its_initiative_with_categories_and_partners(
    meeting, rtc, categories, partners
):
    initiative = Initiative.objects.published().get(rtc__slug=rtc, meeting=meeting)
    assert set(initiative.categories.values_list("name", flat=True)) == categories
    assert set(initiative.partners.values_list("name", flat=True)) == partners


def test_everything_loaded_is_published(seeded):
    for model in (Meeting, RTC, Initiative, Programme):
        assert model.objects.exclude(status="published").count() == 0


def test_loading_twice_creates_nothing_new(seeded):
    before = record_counts()
    factories.load_19th_meeting()
    assert record_counts() == before


def test_loading_again_keeps_the_secretariats_edits(seeded):
    initiative = Initiative.objects.get(slug="japan-rtc-ai-tutoring-and-qa")
    initiative.title = "AI tutor, as corrected by the secretariat"
    initiative.save()
    initiative.categories.clear()
    meeting = Meeting.objects.get(number=19)
    meeting.theme = "Edited theme"
    meeting.save()

    factories.load_19th_meeting()

    initiative.refresh_from_db()
    meeting.refresh_from_db()
    assert initiative.title == "AI tutor, as corrected by the secretariat"
    assert initiative.categories.count() == 0
    assert meeting.theme == "Edited theme"
