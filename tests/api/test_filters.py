"""Every API list gives the records its page shows, for the same query string: the same filter
sets read the same way (api/filters.py), over the same `published()` records."""

import pytest

pytestmark = pytest.mark.django_db

# The page of each list that has one, and the name of its records in the page's context.
PAGES = {
    "meetings": ("/meetings/", "meetings"),
    "administrations": ("/administrations/", "bodies"),
    "people": ("/people/", "people"),
    "rtcs": ("/rtcs/", "rtcs"),
    "initiatives": ("/initiatives/", "object_list"),
    "topics": ("/topics/", "topics"),
    "sources": ("/sources/", "sources"),
    "disagreements": ("/sources/disagreements/", "disagreements"),
    "glossary": ("/glossary/", "terms"),
}
# Lists whose page shows its records in groups (the sources by kind): compared as sets.
GROUPED = {"sources"}

INITIATIVE_FILTERS = [
    "rtc=japan-rtc",
    "rtc=japan-rtc&rtc=china-rtc",
    "category=vr-simulation",
    "category=vr-simulation&category=mobile-learning",
    "meeting=19th-rtc-heads-meeting",
    "topic=distance-training-covid-19",
    "topic=e-learning&topic=vr-training",
    "q=training",
    "q=VR&sort=title",
    "rtc=korea-rtc&sort=rtc",
    "sort=title",
    "meeting=19th-rtc-heads-meeting&category=mobile-learning&sort=newest",
    "q=platform&sort=relevance",
]
SOURCE_FILTERS = [
    "kind=official",
    "kind=aggregator&kind=press",
    "language=ja",
    "publisher=WCO newsroom",
    "q=RTC",
    "kind=official&q=meeting",
]


def page_ids(client, kind, query=""):
    path, name = PAGES[kind]
    # A page redirects an address that asks for its default order to the one without.
    response = client.get(f"{path}?{query}" if query else path, follow=True)
    assert response.status_code == 200, (path, query)
    return [record.pk for record in response.context[name]]


def api_ids(client, kind, query=""):
    response = client.get(f"/api/v1/{kind}/?page_size=100&{query}")
    assert response.status_code == 200, response.content
    assert response.json()["next"] is None
    return [record["id"] for record in response.json()["results"]]


def same(kind, page, api):
    return sorted(page) == sorted(api) if kind in GROUPED else page == api


@pytest.mark.parametrize("kind", PAGES)
def test_every_list_gives_the_records_its_page_shows(client, public_record, kind):
    page, api = page_ids(client, kind), api_ids(client, kind)

    assert page
    assert same(kind, page, api), (page, api)


@pytest.mark.parametrize("query", INITIATIVE_FILTERS)
def test_initiatives_filter_as_their_page_does(client, public_record, query):
    page = page_ids(client, "initiatives", query)
    response = client.get(f"/initiatives/?{query}", follow=True)
    api = client.get(f"/api/v1/initiatives/?{query}").json()

    # The page shows its first 20, as the API's first page does; both count them all.
    assert [record["id"] for record in api["results"]] == page
    assert api["count"] == response.context["paginator"].count


def test_initiative_filters_by_rtc_and_kind_choose_some_but_not_all(client, public_record):
    """So that the comparisons above compare lists that differ from the whole."""
    every = api_ids(client, "initiatives")
    counts = [len(api_ids(client, "initiatives", query)) for query in INITIATIVE_FILTERS[:4]]

    assert all(0 < count < len(every) for count in counts), counts


@pytest.mark.parametrize("query", SOURCE_FILTERS)
def test_sources_filter_as_their_page_does(client, public_record, query):
    page, api = page_ids(client, "sources", query), api_ids(client, "sources", query)

    assert page
    assert sorted(api) == sorted(page)


@pytest.mark.parametrize(
    ("kind", "query", "parameter"),
    [
        ("initiatives", "rtc=no-such-rtc", "rtc"),
        ("initiatives", "category=no-such-kind", "category"),
        ("sources", "kind=blog", "kind"),
        ("sources", "language=xx", "language"),
    ],
)
def test_a_value_the_page_rejects_the_api_rejects_naming_the_filter(
    client, public_record, kind, query, parameter
):
    path, _ = PAGES[kind]

    assert client.get(f"{path}?{query}").status_code == 400
    response = client.get(f"/api/v1/{kind}/?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [parameter]
