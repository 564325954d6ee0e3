"""The worked examples of the "API and data" page (/data/): what a site or a researcher asks
the read API first, each as a curl command and as a Python script that uses only the standard
library. tests/rtcportal/test_api_examples.py runs every script, as the page shows it, on the
seeded record and checks it prints what `says` tells the reader, so the page cannot drift
from the API.
"""

from dataclasses import dataclass

from django.urls import reverse

from core.addresses import absolute_url, with_query

FETCH = """import json
from urllib.request import urlopen
"""
# Every record of a list, following `next` from page to page until the last.
EVERY = '''

def every(url):
    """Every record of an API list, page after page."""
    while url:
        with urlopen(url) as response:
            page = json.load(response)
        yield from page["results"]
        url = page["next"]
'''


@dataclass(frozen=True)
class Example:
    anchor: str
    title: str
    says: str
    # The list the curl command asks for, and its parameters.
    kind: str
    params: dict
    # The script after the imports; {url} is the curl command's address, {api} the API's root.
    script: str
    pages: bool = True

    def url_for(self, request):
        return absolute_url(request, with_query(reverse(f"api:{self.kind}-list"), self.params))

    def python_for(self, request):
        api = absolute_url(request, reverse("api:api-root"))
        body = self.script.format(url=self.url_for(request), api=api)
        return FETCH + (EVERY if self.pages else "") + "\n" + body


EXAMPLES = (
    Example(
        anchor="latest-initiatives-of-an-rtc",
        title="The latest initiatives of one RTC",
        says=(
            "The five latest initiatives of Japan RTC, newest first, with the address of each "
            "one's page: what a site shows under \u201clatest work\u201d. Put any RTC's slug, "
            "the last part of its page's address, for japan-rtc."
        ),
        kind="initiatives",
        params={"rtc": "japan-rtc", "sort": "newest", "page_size": 5},
        script=(
            'with urlopen("{url}") as response:\n'
            "    page = json.load(response)\n"
            'for initiative in page["results"]:\n'
            '    print(initiative["title"], initiative["url"])\n'
        ),
        pages=False,
    ),
    Example(
        anchor="meetings-an-administration-attended",
        title="Every meeting an administration attended",
        says=(
            "The date and title of every meeting Fiji Customs took part in, in any role (RTC, "
            "host, observer), latest first. Each meeting lists who took part (participations) "
            "by the id of the administration or body, so the script finds Fiji's id first. "
            "Put any administration's or body's slug for fiji."
        ),
        kind="meetings",
        params={},
        script=(
            'administrations = every("{api}administrations/")\n'
            'fiji = next(body["id"] for body in administrations if body["slug"] == "fiji")\n'
            'for meeting in every("{url}"):\n'
            '    if any(part["body"] == fiji for part in meeting["participations"]):\n'
            '        print(meeting["start_date"], meeting["title"])\n'
        ),
    ),
    Example(
        anchor="changes-since-a-date",
        title="What changed since a date",
        says=(
            "Every initiative added or changed since 1 January 2024, by id and time of change: "
            "what a site that keeps its own copy fetches to stay current. Every list takes "
            "since, a date or a date and time. A record taken off the public site is simply no "
            "longer listed: compare the ids with the whole list now and then."
        ),
        kind="initiatives",
        params={"since": "2024-01-01"},
        script=(
            'for initiative in every("{url}"):\n'
            '    print(initiative["id"], initiative["updated_at"], initiative["title"])\n'
        ),
    ),
)


def rendered(request):
    """The examples with the site's own addresses in them, for the page."""
    return [
        {
            "anchor": example.anchor,
            "title": example.title,
            "says": example.says,
            "url": example.url_for(request),
            "python": example.python_for(request),
        }
        for example in EXAMPLES
    ]
