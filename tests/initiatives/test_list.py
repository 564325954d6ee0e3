import pytest
from django.urls import reverse
from django.utils.html import escape

from meetings.models import Status
from tests.support import factories, provenance

LIST = reverse("initiatives:list")


def titles(response):
    return {initiative.title for initiative in response.context["object_list"]}


def test_filtering_by_one_rtc_shows_only_its_initiatives(client, seeded):
    response = client.get(LIST, {"rtc": "japan-rtc"})
    assert response.status_code == 200
    assert titles(response) == {"AI-powered tutoring and Q&A systems"}
    assert "AI-powered tutoring and Q&amp;A systems" in response.text
    assert "VR simulation of customs enforcement scenarios" not in response.text


def test_repeating_rtc_means_any_of_them(client, seeded):
    response = client.get(LIST + "?rtc=japan-rtc&rtc=hong-kong-china-rtc")
    assert titles(response) == {
        "AI-powered tutoring and Q&A systems",
        "VR simulation of customs enforcement scenarios",
    }


def test_the_unfiltered_list_shows_all_eight_initiatives(client, seeded):
    response = client.get(LIST)
    assert response.status_code == 200
    assert len(titles(response)) == 8
    assert "8 initiatives" in response.text


def test_filters_combine_rtc_and_category(client, seeded):
    response = client.get(
        LIST, {"rtc": ["fiji-rtc", "china-rtc"], "category": "university-partnership"}
    )
    assert titles(response) == {"Blended Master's programmes in customs administration"}


def test_draft_initiatives_are_hidden_from_the_list_and_their_page(client, db):
    draft = factories.make_initiative(title="Secret draft", status=Status.DRAFT)
    in_review = factories.make_initiative(title="Under review", status=Status.IN_REVIEW)
    response = client.get(LIST)
    assert "Secret draft" not in response.text
    assert "Under review" not in response.text
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(in_review.get_absolute_url()).status_code == 404


def test_initiatives_of_a_draft_meeting_are_hidden(client, db):
    initiative = factories.make_initiative(
        title="From an unpublished meeting", meeting=factories.make_meeting(status=Status.DRAFT)
    )
    assert "From an unpublished meeting" not in client.get(LIST).text
    assert client.get(initiative.get_absolute_url()).status_code == 404


def test_an_unknown_rtc_is_a_400_that_says_what_is_wrong(client, seeded):
    response = client.get(LIST, {"rtc": "nonexistent"})
    assert response.status_code == 400
    assert "nonexistent is not one of the available choices" in response.text


def test_a_draft_rtc_is_not_a_filter_choice(client, db):
    rtc = factories.make_rtc(name="Hidden RTC", status=Status.DRAFT)
    response = client.get(LIST, {"rtc": rtc.slug})
    assert response.status_code == 400
    assert "Hidden RTC" not in response.text


def test_an_unknown_initiative_is_a_404(client, seeded):
    response = client.get(reverse("initiatives:detail", args=["no-such-slug"]))
    assert response.status_code == 404
    assert "Page not found" in response.text


@pytest.mark.parametrize("page", ["abc", "1.5", "9" * 5000])
def test_a_page_that_is_not_a_number_is_a_400_in_the_sites_design(client, seeded, page):
    response = client.get(LIST, {"page": page})
    assert response.status_code == 400
    assert "a page number must be a whole number from 1" in response.text
    assert 'href="/initiatives/"' in response.text


@pytest.mark.parametrize(
    ("query", "nearest"),
    [
        ("page=0", "/initiatives/"),
        ("page=-1", "/initiatives/"),
        ("page=99999", "/initiatives/"),
        ("rtc=japan-rtc&page=99999", "/initiatives/?rtc=japan-rtc"),
    ],
)
def test_a_page_out_of_range_redirects_to_the_nearest_page_keeping_filters(
    client, seeded, query, nearest
):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 302
    assert response.url == nearest


def test_a_page_past_the_end_of_a_long_list_goes_to_its_last_page(client, db):
    rtc = factories.make_rtc()
    meeting = factories.make_meeting()
    for _ in range(45):
        factories.make_initiative(rtc=rtc, meeting=meeting)
    response = client.get(LIST, {"page": "7"})
    assert response.status_code == 302
    assert response.url == "/initiatives/?page=3"
    last = client.get(response.url)
    assert last.status_code == 200
    assert len(last.context["object_list"]) == 5
    assert "Page 3 of 3" in last.text
    assert "<title>Initiatives, page 3 · RTC Portal</title>" in last.text


def test_the_detail_page_links_rtc_meeting_and_categories(client, seeded):
    response = client.get(reverse("initiatives:detail", args=["japan-rtc-ai-tutoring-and-qa"]))
    assert response.status_code == 200
    assert 'href="/rtcs/japan-rtc/"' in response.text
    assert 'href="/meetings/19th-rtc-heads-meeting/"' in response.text
    assert 'href="/initiatives/?category=ai-tutoring-qa"' in response.text


def option_labels(response, name):
    (facet,) = [facet for facet in response.context["facets"] if facet.name == name]
    labels = [option.label for option in facet.options]
    for label in labels:
        assert f"> {escape(label)}</label>" in response.text
    return labels


def test_each_option_shows_how_many_initiatives_it_gives(client, seeded):
    response = client.get(LIST)
    assert "Japan RTC (1)" in option_labels(response, "rtc")
    assert "VR simulation (1)" in option_labels(response, "category")
    assert "19th RTC Heads Meeting (8)" in option_labels(response, "meeting")
    assert "Japan RTC (1)" in response.text


def test_option_counts_honour_the_other_filters_but_not_their_own(client, seeded):
    response = client.get(LIST, {"rtc": "fiji-rtc", "category": "university-partnership"})
    rtcs = option_labels(response, "rtc")
    categories = option_labels(response, "category")
    # Another RTC would add its university partnerships: China has none.
    assert "China RTC (0)" in rtcs
    assert "Fiji RTC (1)" in rtcs
    # Another kind of delivery would add Fiji's initiatives of that kind.
    assert "Blended degree programme (1)" in categories
    assert "VR simulation (0)" in categories
    assert "19th RTC Heads Meeting (1)" in option_labels(response, "meeting")


def test_a_search_narrows_the_option_counts(client, seeded):
    response = client.get(LIST, {"q": "VR"})
    assert "Hong Kong (China) RTC (1)" in option_labels(response, "rtc")
    assert "Japan RTC (0)" in option_labels(response, "rtc")


def test_chosen_filters_show_as_chips_that_each_remove_one_value(client, seeded):
    response = client.get(f"{LIST}?rtc=japan-rtc&rtc=fiji-rtc&category=ai-tutoring-qa")
    chips = dict(response.context["chips"])
    assert chips == {
        "RTC: Japan RTC": "/initiatives/?rtc=fiji-rtc&category=ai-tutoring-qa",
        "RTC: Fiji RTC": "/initiatives/?rtc=japan-rtc&category=ai-tutoring-qa",
        "Kind of delivery: AI tutoring / Q&A": "/initiatives/?rtc=japan-rtc&rtc=fiji-rtc",
    }
    assert (
        '<a class="chip" href="/initiatives/?rtc=fiji-rtc&amp;category=ai-tutoring-qa">'
        in response.text
    )


def test_removing_the_search_chip_keeps_only_the_sort(client, seeded):
    response = client.get(LIST, {"q": " mobile ", "sort": "title"})
    assert dict(response.context["chips"]) == {"Search: mobile": "/initiatives/?sort=title"}


def test_the_title_names_the_chosen_filters(client, seeded):
    response = client.get(LIST, {"rtc": "japan-rtc"})
    assert "<title>Initiatives (RTC: Japan RTC) · RTC Portal</title>" in response.text


def test_an_empty_result_says_so_and_offers_to_clear_the_filters(client, seeded):
    response = client.get(LIST, {"rtc": "japan-rtc", "category": "vr-simulation"})
    assert response.status_code == 200
    assert "0 initiatives" in response.text
    assert "No initiative matches these filters." in response.text
    assert '<a href="/initiatives/">Clear all filters</a>' in response.text


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("title", "AI-powered tutoring and Q&A systems"),
        ("rtc", "Online learning platform with personalised training recommendations"),
    ],
)
def test_sort_orders_the_list(client, seeded, sort, first):
    response = client.get(LIST, {"sort": sort})
    assert response.context["object_list"][0].title == first


def test_newest_first_puts_the_latest_meeting_first(client, seeded):
    rtc = factories.make_rtc()
    factories.make_initiative(
        rtc=rtc, title="From an old meeting", meeting=factories.make_meeting(number=3)
    )
    response = client.get(LIST)
    titles_in_order = [initiative.title for initiative in response.context["object_list"]]
    assert titles_in_order[-1] == "From an old meeting"
    assert len(titles_in_order) == 9


@pytest.mark.parametrize(
    "query", ["sort=random", "category=nope", "meeting=20th-rtc-heads-meeting", "sort=page"]
)
def test_invalid_filter_values_are_a_400_that_says_what_is_wrong(client, seeded, query):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 400
    assert "Some filters could not be used" in response.text


def test_an_empty_search_is_no_filter_at_all(client, seeded):
    response = client.get(LIST, {"q": "", "sort": "newest"}, follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    assert len(titles(response)) == 8
    assert response.context["chips"] == []


def test_the_form_is_a_plain_get_form_so_the_url_holds_the_state(client, seeded):
    response = client.get(LIST, {"rtc": "japan-rtc"})
    assert '<form method="get" action="/initiatives/"' in response.text
    assert 'name="rtc" value="japan-rtc" id="id_rtc_5" checked>' in response.text
    assert 'name="rtc" value="fiji-rtc" id="id_rtc_1">' in response.text


def test_an_initiative_in_two_chosen_categories_is_listed_once(client, seeded):
    response = client.get(
        LIST, {"category": ["online-learning-platform", "personalised-recommendations"]}
    )
    listed = [initiative.title for initiative in response.context["object_list"]]
    assert listed == ["Online learning platform with personalised training recommendations"]
    assert "1 initiative" in response.text


def test_a_long_facet_shows_the_options_giving_most_and_the_ticked_ones(client, seeded):
    # 8 seeded RTCs with one initiative each, and 6 more with two: 14 in all.
    meeting = factories.make_meeting()
    busy = [factories.make_rtc(name=f"Busy RTC {number}") for number in range(6)]
    for rtc in busy:
        factories.make_initiative(rtc=rtc, meeting=meeting)
        factories.make_initiative(rtc=rtc, meeting=meeting)
    response = client.get(LIST, {"rtc": "malaysia-rtc"})
    labels = option_labels(response, "rtc")
    # The 6 busy RTCs, then 6 of the one-initiative RTCs in name order; Malaysia stays ticked.
    assert len(labels) == 13
    assert all(f"{rtc.name} (2)" in labels for rtc in busy)
    assert "Malaysia RTC (1)" in labels and "Korea RTC (1)" not in labels
    assert 'name="rtc" value="malaysia-rtc"' in response.text
    assert "1 more in" in response.text
    assert f'<a href="{reverse("initiatives:rtc-list")}">all RTCs</a>' in response.text


@pytest.mark.parametrize(
    ("query", "address"),
    [
        # What a GET form submits, blank fields and the default order included.
        ("q=&rtc=china-rtc&rtc=fiji-rtc&sort=newest", "?rtc=china-rtc&rtc=fiji-rtc"),
        ("q=+&rtc=&category=vr-simulation", "?category=vr-simulation"),
        ("q=vr&sort=relevance", "?q=vr"),
        ("q=vr&sort=newest", None),
        # An old bookmark's "Best match" without a search is the newest-first default.
        ("sort=relevance", ""),
        ("sort=title", None),
        ("rtc=japan-rtc&page=1", "?rtc=japan-rtc"),
        ("rtc=japan-rtc&page=", "?rtc=japan-rtc"),
    ],
)
def test_one_state_has_one_address(client, seeded, query, address):
    response = client.get(f"{LIST}?{query}")
    if address is None:
        assert response.status_code == 200
    else:
        assert (response.status_code, response["Location"]) == (302, LIST + address)
        assert client.get(response["Location"]).status_code == 200


def test_best_match_is_offered_only_for_a_search(client, seeded):
    def sort_options(response):
        return [
            str(label) for value, label in response.context["filter"].form["sort"].field.choices
        ]

    assert sort_options(client.get(LIST)) == ["Newest first", "Title", "RTC"]
    assert sort_options(client.get(LIST, {"rtc": "japan-rtc"})) == ["Newest first", "Title", "RTC"]
    searched = client.get(LIST, {"q": "training"})
    assert sort_options(searched) == ["Best match", "Newest first", "Title", "RTC"]
    # First, so chosen when the address names no order.
    assert 'id="id_sort">\n  <option value="relevance">Best match</option>' in searched.text
    assert "Best match" not in client.get(LIST).text


def test_the_chips_lead_to_the_address_the_form_would_submit(client, seeded):
    response = client.get(LIST, {"q": "training", "rtc": ["japan-rtc", "fiji-rtc"]})
    chips = dict(response.context["chips"])
    # Without the search, "Best match" would be the default nobody chose: it is left out too.
    assert chips["Search: training"] == "/initiatives/?rtc=japan-rtc&rtc=fiji-rtc"
    assert chips["RTC: Japan RTC"] == "/initiatives/?q=training&rtc=fiji-rtc"
    for address in chips.values():
        assert client.get(address).status_code == 200, address


def test_the_filter_forms_leave_no_state_for_the_browser_to_restore(client, seeded):
    for address in (LIST, "/rtcs/compare/", "/rtcs/matrix/", "/search/?q=vr"):
        html = client.get(address).text
        assert 'method="get"' in html and 'autocomplete="off"' in html, address
        assert 'src="/static/js/forms-follow-address.js" defer' in html, address


@pytest.mark.parametrize(
    ("address", "canonical"),
    [
        ("/search/?q=", "/search/"),
        ("/rtcs/matrix/?meeting=", "/rtcs/matrix/"),
        (
            "/rtcs/compare/?rtc=china-rtc&rtc=&rtc=fiji-rtc",
            "/rtcs/compare/?rtc=china-rtc&rtc=fiji-rtc",
        ),
        (
            "/initiatives/export.csv?rtc=&category=vr-simulation",
            "/initiatives/export.csv?category=vr-simulation",
        ),
    ],
)
def test_every_get_form_leaves_out_its_empty_fields(client, seeded, address, canonical):
    response = client.get(address)
    assert (response.status_code, response["Location"]) == (302, canonical)


def test_the_list_marks_the_initiatives_only_an_aggregator_reports(client, db):
    provenance.two_initiatives()
    provenance.marks_the_aggregators_initiative_only(client.get("/initiatives/").text)
