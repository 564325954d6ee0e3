"""The "API and data" page (/data/) and its worked examples (rtcportal/api_examples.py): each
example's Python script, read off the page as a visitor would copy it, runs against the API on
the public record and prints what the text above it says; its curl command asks for the
address the script starts from."""

import html
import io
import re
import urllib.request
from datetime import datetime

import pytest
from django.utils import timezone

from initiatives.models import RTC, Initiative
from meetings.models import Meeting, Participation
from tests.support import factories

SITE = "https://rtc.example.org"
CODE = re.compile(r"<pre><code>(.*?)</code></pre>", re.S)


@pytest.fixture
def page(client, public_record, settings):
    settings.SITE_URL = SITE
    response = client.get("/data/")
    assert response.status_code == 200
    return response


def example(page, anchor):
    """(the text that says what it answers, the curl command, the Python script) of the example
    under the heading `anchor`."""
    section = page.text.split(f'<h3 id="{anchor}">', 1)[1].split("<h3", 1)[0].split("<h2", 1)[0]
    says = re.sub(r"<[^>]+>", "", section.split("<p>", 1)[1].split("</p>", 1)[0])
    curl, script = (html.unescape(block) for block in CODE.findall(section))
    return html.unescape(says), curl, script


def run(script, client, monkeypatch, capsys):
    """The lines the script prints, its requests answered by the API through the test client;
    and the addresses it asked for."""
    asked = []

    def urlopen(url):
        assert url.startswith(SITE), url
        asked.append(url)
        response = client.get(url.removeprefix(SITE))
        assert response.status_code == 200, (url, response.status_code)
        return io.BytesIO(response.content)

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    exec(compile(script, "example", "exec"), {"__name__": "example"})
    return capsys.readouterr().out.splitlines(), asked


def curl_address(curl):
    assert curl.startswith("curl '") and curl.endswith("'"), curl
    return curl.removeprefix("curl '").removesuffix("'")


def test_the_latest_initiatives_of_an_rtc_are_its_five_newest(client, page, monkeypatch, capsys):
    says, curl, script = example(page, "latest-initiatives-of-an-rtc")
    assert "five latest initiatives of Japan RTC, newest first" in says
    # Japan RTC reports at every meeting: more initiatives than the five asked for.
    japan = RTC.objects.get(slug="japan-rtc")
    for meeting in Meeting.objects.published():
        factories.make_initiative(rtc=japan, meeting=meeting, title=f"Japan at {meeting.number}")
    factories.make_initiative(rtc=japan, title="Japan's draft", status="draft")
    printed, asked = run(script, client, monkeypatch, capsys)
    assert asked == [curl_address(curl)]
    newest = (
        Initiative.objects.published().filter(rtc=japan).order_by("-meeting__start_date", "title")
    )
    assert newest.count() > 5
    assert printed == [f"{item.title} {SITE}{item.get_absolute_url()}" for item in newest[:5]]


def test_every_meeting_an_administration_attended_is_printed_latest_first(
    client, page, monkeypatch, capsys
):
    says, curl, script = example(page, "meetings-an-administration-attended")
    assert "every meeting Fiji Customs took part in" in says and "latest first" in says
    printed, asked = run(script, client, monkeypatch, capsys)
    assert curl_address(curl) in asked
    attended = Meeting.objects.published().filter(
        pk__in=Participation.objects.published().filter(body__slug="fiji").values("meeting")
    )
    assert 0 < attended.count() < Meeting.objects.published().count()
    assert printed == [
        f"{meeting.start_date.isoformat()} {meeting.title}"
        for meeting in attended.order_by("-start_date")
    ]


def test_what_changed_since_a_date_leaves_out_what_did_not(client, page, monkeypatch, capsys):
    says, curl, script = example(page, "changes-since-a-date")
    assert "changed since 1 January 2024" in says
    assert "since=2024-01-01" in curl
    unchanged = Initiative.objects.published().order_by("pk")[:3]
    Initiative.objects.filter(pk__in=[item.pk for item in unchanged]).update(
        updated_at=timezone.make_aware(datetime(2023, 6, 30, 12))
    )
    printed, asked = run(script, client, monkeypatch, capsys)
    assert asked[0] == curl_address(curl)
    printed_ids = {int(line.split()[0]) for line in printed}
    changed = Initiative.objects.published().filter(
        updated_at__gte=timezone.make_aware(datetime(2024, 1, 1))
    )
    assert printed_ids == set(changed.values_list("pk", flat=True))
    assert not printed_ids & {item.pk for item in unchanged}


def test_the_page_says_where_the_api_and_its_reference_are(client, page):
    assert "<h1>API and data</h1>" in page.text
    assert f"<code>{SITE}/api/v1/</code>" in page.text
    assert 'href="/api/v1/docs/"' in page.text and 'href="/api/v1/schema/"' in page.text
    for anchor in ("download", "api", "examples", "licence"):
        assert f'href="#{anchor}"' in page.text and f'id="{anchor}"' in page.text


def test_the_page_states_the_licence_the_secretariat_set(client, db, settings):
    settings.DATA_LICENCE = "Open Government Licence, naming the secretariat."
    assert "Open Government Licence, naming the secretariat." in client.get("/data/").text


def test_the_footer_of_every_page_leads_to_api_and_data(client, db):
    assert '<a href="/data/">API and data</a>' in client.get("/").text
