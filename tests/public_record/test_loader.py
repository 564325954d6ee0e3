"""`load_public_record` loads the ten meetings of public-record.md with their sources and
disagreements, safely again and again. The table below is the record, meeting by meeting."""

import datetime
import io

import pytest
from django.apps import apps
from django.core.management import call_command

from meetings.models import Meeting, MeetingRole, Participation
from sources.models import Citation, Disagreement, Source

pytestmark = pytest.mark.engine

D = datetime.date
SEVEN = {"China", "Fiji", "Hong Kong (China)", "India", "Japan", "Korea", "Malaysia"}
RECORD = {
    # number: dates, format, venue, city, organisers and hosts, chairs, opening speakers in
    # order, RTC administrations attending (where the account names them), observers
    11: (
        (D(2013, 11, 5), D(2013, 11, 6)), "in_person", "RTC Fiji", "Suva", set(),
        ["Jitoko Tikolevu"], [], SEVEN, {"OCO Secretariat"},
    ),
    13: (
        (D(2015, 11, 3), D(2015, 11, 4)), "in_person", "RTC Malaysia (AKMAL)", "Malacca",
        {"Malaysia"}, ["Azimah Abd Hamid"], ["Khazali Ahmad"], SEVEN, set(),
    ),
    14: (
        (D(2016, 12, 7), D(2016, 12, 8)), "in_person", "Hong Kong Customs Headquarters Building",
        "Hong Kong", {"Hong Kong (China)"}, ["Chi Kong Fan"], ["Thomas Lin"],
        {"Hong Kong (China)"}, set(),
    ),
    16: (
        (D(2018, 10, 24), D(2018, 10, 25)), "in_person", "Shanghai Customs College", "Shanghai",
        {"ROCB A/P", "China"}, ["Jizheng Zheng"],
        ["Cong Yuhao", "Shinji Oda", "Kazunari Igarashi"], {"China"}, set(),
    ),
    17: (
        (D(2019, 9, 25), D(2019, 9, 26)), "in_person",
        "Customs Border Control Training Institute (CBCTI)", "Cheonan", {"Korea"},
        ["Jae-ho Jung"], ["Anna Cho"], SEVEN - {"China"}, {"Indonesia"},
    ),
    18: (
        (D(2020, 10, 15), D(2020, 10, 15)), "virtual", "", "", {"ROCB A/P"}, [],
        ["Kang Taeil", "Norikazu Kuramoto"], SEVEN, {"Iran", "Indonesia", "RILO AP"},
    ),
    19: (
        (D(2021, 10, 27), D(2021, 10, 28)), "virtual", "", "", {"ROCB A/P"}, [],
        ["Takashi Sato", "Norikazu Kuramoto"], SEVEN | {"Indonesia"},
        {"Iran", "Thailand", "RILO AP"},
    ),
    20: (
        (D(2022, 11, 2), D(2022, 11, 3)), "hybrid", "Thai Customs Academy (RTC Thailand)",
        "Bangkok", {"ROCB A/P", "Thailand"}, [],
        ["Nunthita Sirikup", "Kang Taeil", "Cheon-jeong Park", "Norikazu Kuramoto"],
        SEVEN | {"Indonesia", "Iran", "Thailand"}, set(),
    ),
    21: (
        (D(2023, 11, 14), D(2023, 11, 16)), "in_person", "RTC Japan (Customs Training Institute)",
        "Kashiwa", {"ROCB A/P", "Japan"}, [],
        ["Norikazu Kuramoto", "Aoyama Shigetoshi", "Kang Taeil", "Michael Outram APM"],
        SEVEN - {"Fiji"} | {"Indonesia", "Thailand"}, set(),
    ),
    22: (
        (D(2024, 9, 24), D(2024, 9, 26)), "hybrid", "RTC India (NACIN Palasamudram)",
        "Palasamudram", {"ROCB A/P", "India"}, [],
        ["Gaigongdin Panmei", "Alok Shukla", "Jun Tajima"], {"India", "China"}, set(),
    ),
}  # fmt: skip


def names(participations, *roles):
    return {p.body.name for p in participations if p.role in roles}


def test_every_meeting_of_the_record_is_loaded_and_published(public_record):
    assert sorted(Meeting.objects.published().values_list("number", flat=True)) == sorted(RECORD)


def test_each_meeting_as_the_record_tells_it(public_record):
    for number, row in RECORD.items():
        dates, format, venue, city, organisers, chairs, opening, rtcs, observers = row
        meeting = Meeting.objects.get(number=number)
        participations = list(meeting.participations.select_related("body"))
        roles = MeetingRole.objects.filter(meeting=meeting).order_by("order")
        assert (meeting.start_date, meeting.end_date) == dates, number
        assert meeting.format == format, number
        assert (meeting.venue, meeting.city) == (venue, city), number
        assert names(participations, "organiser", "host") == organisers, number
        assert [r.person.name for r in roles if r.kind == "chair"] == chairs, number
        spoke = [r.person.name for r in roles if r.kind in ("opening", "welcome")]
        assert spoke == opening, number
        customs = {p.body.name for p in participations if p.body.kind == "customs"}
        assert names(participations, "participant", "host") & customs == rtcs, number
        assert names(participations, "observer") == observers, number


@pytest.mark.parametrize(("number", "named"), [(14, False), (16, False), (17, True)])
def test_a_meeting_whose_account_only_counts_the_rtcs_says_so(public_record, number, named):
    meeting = Meeting.objects.get(number=number)
    assert meeting.rtcs_named is named
    assert meeting.rtc_count == {14: 7, 16: 7, 17: 6}[number]


def versions(meeting, point):
    disagreement = Disagreement.objects.get(meeting=meeting, point=point)
    return {account.source.tag: account.version for account in disagreement.accounts.all()}


def test_the_19th_meeting_keeps_both_accounts_of_who_opened_it(public_record):
    told = versions(Meeting.objects.get(number=19), "Who opened the meeting")
    assert "Takashi Sato" in told["S14"]
    assert "Kuramoto" in told["S15"]
    assert "Sato" not in told["S15"]


def test_the_19th_meeting_keeps_both_accounts_of_rilo_aps_role(public_record):
    told = versions(Meeting.objects.get(number=19), "RILO A/P's role")
    assert "participant" in told["S14"]
    assert "observer" in told["S15"]


def test_the_19th_meetings_initiatives_rest_on_the_aggregator_alone(public_record):
    meeting = Meeting.objects.get(number=19)
    for initiative in meeting.initiatives.all():
        sources = {c.source for c in Citation.objects.filter(initiative=initiative)}
        assert {source.tag for source in sources} == {"S16"}
        assert all(source.kind == Source.Kind.AGGREGATOR for source in sources)


def test_the_loader_creates_the_whole_record(public_record):
    assert Source.objects.count() == 61
    assert Participation.objects.count() > 80
    assert Citation.objects.count() > 300
    assert Disagreement.objects.count() == 11


def record_counts():
    return {
        model._meta.label: model.objects.count()
        for app in ("sources", "meetings", "initiatives")
        for model in apps.get_app_config(app).get_models()
    }


def test_loading_twice_creates_nothing_new(public_record):
    before = record_counts()
    call_command("load_public_record", stdout=io.StringIO())
    assert record_counts() == before


def test_loading_again_keeps_the_secretariats_edits(public_record):
    source = Source.objects.get(tag="S14")
    source.title = "Corrected by the secretariat"
    source.save()
    meeting = Meeting.objects.get(number=17)
    meeting.venue = "Corrected venue"
    meeting.save()
    call_command("load_public_record", stdout=io.StringIO())
    source.refresh_from_db()
    meeting.refresh_from_db()
    assert source.title == "Corrected by the secretariat"
    assert meeting.venue == "Corrected venue"


def test_every_meeting_page_shows_its_sources(client, public_record):
    for meeting in Meeting.objects.all():
        page = client.get(meeting.get_absolute_url()).text
        assert 'id="sources-heading">Sources</h2>' in page, meeting
        assert 'href="#ref-1"' in page, meeting


def test_the_meetings_list_shows_the_12th_and_15th_as_gaps_in_the_sequence(client, public_record):
    page = client.get("/meetings/").text
    order = [
        page.index(f"<h2>{n}th RTC Heads Meeting</h2>") if n in (12, 15)
        else page.index(f">{n}{ {21: 'st', 22: 'nd'}.get(n, 'th')} RTC Heads Meeting</a>")
        for n in (22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11)
    ]  # fmt: skip
    assert order == sorted(order)
    assert page.count("No public account of this meeting has been found.") == 2


def test_the_20th_meeting_page_shows_where_the_accounts_differ_on_its_format(client, public_record):
    page = client.get("/meetings/20th-rtc-heads-meeting/").text
    assert "Accounts differ: Format" in page
    assert "In person, with the option of joining online." in page
    assert "Held in a hybrid manner." in page


# --- The loader never undoes the secretariat's deletions -------------------------------------


def load(*args):
    out = io.StringIO()
    call_command("load_public_record", *args, stdout=out)
    return out.getvalue()


def test_a_meeting_the_secretariat_deleted_stays_deleted_with_all_it_held(public_record):
    meeting = Meeting.objects.get(number=17)
    for role in meeting.roles.all():
        role.delete()
    meeting.delete()
    before = record_counts()
    output = load()
    assert not Meeting.objects.filter(number=17).exists()
    assert record_counts() == before
    assert "nothing changed" in output
    assert "Left deleted, as the secretariat deleted them: 1 meetings" in output


def test_a_deleted_participation_and_citation_stay_deleted(public_record):
    observer = Participation.objects.get(meeting__number=19, body__slug="thailand")
    observer.delete()
    citation = Citation.objects.filter(meeting__number=20, fact="format").first()
    citation_key = (citation.source_id, citation.fact)
    citation.delete()
    load()
    assert not Participation.objects.filter(meeting__number=19, body__slug="thailand").exists()
    meeting = Meeting.objects.get(number=20)
    assert (citation_key[0], "format") not in {
        (c.source_id, c.fact) for c in Citation.objects.filter(meeting=meeting)
    }


def test_restore_brings_back_what_the_secretariat_deleted(public_record):
    before = record_counts()
    Participation.objects.get(meeting__number=19, body__slug="thailand").delete()
    meeting = Meeting.objects.get(number=17)
    meeting.roles.all().delete()
    meeting.delete()
    output = load("--restore")
    assert "created" in output
    assert Participation.objects.filter(meeting__number=19, body__slug="thailand").exists()
    restored = Meeting.objects.get(number=17)
    assert restored.participations.count() > 5

    def current(counts):  # the history tables keep the deleted rows' history too
        return {label: n for label, n in counts.items() if ".Historical" not in label}

    assert current(record_counts()) == current(before)


def test_a_meeting_whose_key_the_secretariat_changed_is_not_loaded_twice(public_record):
    meeting = Meeting.objects.get(number=16)
    meeting.slug = "16th-meeting-shanghai"
    meeting.save()
    before = record_counts()
    load()
    assert record_counts() == before
    assert Meeting.objects.filter(number=16).count() == 1


def test_the_22nd_meeting_is_co_chaired_by_a_body_and_records_what_its_account_leaves_unsaid(
    public_record,
):
    meeting = Meeting.objects.get(number=22)
    chair = MeetingRole.objects.get(meeting=meeting, kind="co_chair")
    assert (chair.person, chair.body.name) == (None, "India")
    assert set(meeting.silences.values_list("fact", flat=True)) == {
        "rtc_count",
        "participant_count",
    }
    online = meeting.participations.filter(mode=Participation.Mode.ONLINE)
    assert {p.body.name for p in online} == {"China", "WCO"}


def test_meetings_whose_accounts_name_no_chair_say_so(public_record):
    for number in (18, 19, 20, 21):
        meeting = Meeting.objects.get(number=number)
        assert not meeting.roles.chairs().exists(), number
        assert meeting.silences.filter(fact="chair").exists(), number


def test_the_22nd_meeting_page_shows_its_co_chair_and_who_joined_online(client, public_record):
    page = client.get("/meetings/22nd-rtc-heads-meeting/").text
    assert '<dt>Co-chaired by</dt><dd><a href="/rtcs/india-rtc/">India RTC</a>' in page
    assert 'Hybrid<sup class="refs">' in page
    assert '; online: <a href="/administrations/china/">China</a>' in page
    assert page.index("Mr. Gaigongdin Panmei") < page.index("Mr. Alok Shukla")
