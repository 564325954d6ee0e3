import csv
import io

import openpyxl
import pytest
from django.apps import apps
from django.db import OperationalError
from django.urls import reverse
from pytest_django.asserts import assertContains

from core.admin import admin_url
from initiatives.admin import RTCAdmin
from initiatives.models import RTC, Initiative, Partner
from tests.support import factories
from tests.support.servers import FormParser

CONTENT_MODELS = [
    model
    for app in ("meetings", "initiatives")
    for model in apps.get_app_config(app).get_models()
    # django-simple-history's tables have no admin pages of their own.
    if not model._meta.model_name.startswith("historical")
]


@pytest.fixture
def secretariat_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model._meta.label)
def test_secretariat_can_list_and_add_every_content_model(secretariat_client, seeded, model):
    assert secretariat_client.get(admin_url(model, "changelist")).status_code == 200
    assert secretariat_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model._meta.label)
def test_secretariat_can_open_every_seeded_record(secretariat_client, seeded, model):
    record = model.objects.first()
    assert secretariat_client.get(admin_url(model, "change", record.pk)).status_code == 200


@pytest.mark.parametrize("name", ["auth_user", "auth_group"])
def test_secretariat_cannot_manage_users_or_groups(secretariat_client, name):
    assert secretariat_client.get(reverse(f"admin:{name}_changelist")).status_code == 403
    assert secretariat_client.get(reverse(f"admin:{name}_add")).status_code == 403


def test_admin_search_and_filters_work_on_initiatives(secretariat_client, seeded):
    response = secretariat_client.get(admin_url(Initiative, "changelist"), {"q": "VR"})
    assert "VR simulation of customs enforcement scenarios" in response.text
    assert "Mobile learning applications" not in response.text


def test_deleting_an_rtc_with_initiatives_is_refused_with_an_explanation(
    secretariat_client, seeded
):
    rtc = RTC.objects.get(slug="japan-rtc")
    url = admin_url(RTC, "delete", rtc.pk)
    page = secretariat_client.get(url)
    assert "would require deleting the following protected related objects" in page.text
    assert "AI-powered tutoring and Q&amp;A systems" in page.text
    secretariat_client.post(url, {"post": "yes"})
    assert RTC.objects.filter(pk=rtc.pk).exists()


def test_an_admin_edit_shows_on_the_public_page(secretariat_client, client, seeded):
    initiative = Initiative.objects.get(slug="japan-rtc-ai-tutoring-and-qa")
    response = factories.edit_in_admin(
        secretariat_client, initiative, title="AI tutoring, corrected"
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "AI tutoring, corrected" in client.get(initiative.get_absolute_url()).text


def test_view_on_site_links_to_the_public_page(secretariat_client, seeded):
    initiative = Initiative.objects.get(slug="japan-rtc-ai-tutoring-and-qa")
    response = secretariat_client.get(admin_url(Initiative, "change", initiative.pk))
    assert "View on site" in response.text


def test_anonymous_users_are_sent_to_the_admin_login(client, db):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def admin_export(client, model, file_format):
    """The admin's export of `model` with every column ticked, as the secretariat runs it."""
    form = client.get(admin_url(model, "export")).context["form"]
    data = {name: "on" for name, field in form.fields.items() if field.initial is True}
    response = client.post(
        admin_url(model, "export"), {**data, "resource": "0", "format": file_format}
    )
    assert response.status_code == 200
    return response.content


FORMULA = '=HYPERLINK("http://evil.example","Open")'


def test_the_admin_csv_export_starts_with_a_bom_and_quotes_formulas(secretariat_client, db):
    Partner.objects.create(name=FORMULA, kind=Partner.Kind.PRIVATE)
    Partner.objects.create(name="Korea University", kind=Partner.Kind.UNIVERSITY)
    content = admin_export(secretariat_client, Partner, "0")
    assert content.startswith("\N{BYTE ORDER MARK}".encode())
    rows = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    assert sorted(row["name"] for row in rows) == ["'" + FORMULA, "Korea University"]


def test_the_admin_xlsx_export_has_no_formula_cell(secretariat_client, seeded):
    Initiative.objects.filter(slug="fiji-rtc-blended-masters-programmes").update(title=FORMULA)
    content = admin_export(secretariat_client, Initiative, "1")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell for cell in cells if cell.data_type == "f"] == []
    assert "'" + FORMULA in [cell.value for cell in cells]


@pytest.mark.parametrize("user", ["secretariat_user", "editor_user", "reviewer_user"])
def test_every_secretariat_group_keeps_the_glossary(client, request, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(reverse("admin:core_glossaryterm_changelist")).status_code == 200
    response = client.post(
        reverse("admin:core_glossaryterm_add"),
        {
            "term": "SAFE",
            "slug": "safe",
            "expansion": "SAFE Framework of Standards",
            "definition": "The WCO's standards for securing and easing global trade.",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("glossary")).text.count('<dt id="safe">SAFE') == 1


@pytest.mark.parametrize("user", ["secretariat_user", "editor_user", "reviewer_user"])
def test_every_secretariat_group_keeps_the_search_synonyms(client, request, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(reverse("admin:core_synonym_changelist")).status_code == 200
    response = client.post(
        reverse("admin:core_synonym_add"), {"term": "BACUDA", "equivalents": "data analytics"}
    )
    assert response.status_code == 302


def japan_rtc_change_form(client):
    """The URL and the values of Japan RTC's change form, as the browser would submit them."""
    url = admin_url(RTC, "change", RTC.objects.get(name="Japan RTC").pk)
    page = FormParser()
    page.feed(client.get(url).text)
    return url, page.data


def saving_fails_with(monkeypatch, message):
    """Saving fails after the record itself was written: the rollback must undo that too."""

    def fail(*args, **kwargs):
        raise OperationalError(message)

    monkeypatch.setattr(RTCAdmin, "save_related", fail)


def test_a_save_that_finds_the_database_locked_comes_back_with_everything_typed(
    secretariat_client, seeded, monkeypatch
):
    url, form = japan_rtc_change_form(secretariat_client)
    form["name"] = ["Japan RTC renamed"]
    rows = int(form["institutions-TOTAL_FORMS"][0])
    form["institutions-TOTAL_FORMS"] = [str(rows + 1)]
    form[f"institutions-{rows}-name"] = ["Typed Customs Institute"]
    form[f"institutions-{rows}-city"] = ["Typed City"]
    saving_fails_with(monkeypatch, "database is locked")

    response = secretariat_client.post(url, form)

    assert response.status_code == 200
    assertContains(response, "Nothing was saved: the database was busy")
    assertContains(response, 'value="Japan RTC renamed"')
    assertContains(response, 'value="Typed Customs Institute"')
    assertContains(response, 'value="Typed City"')
    rtc = response.context["original"]
    rtc.refresh_from_db()
    assert rtc.name == "Japan RTC"
    assert not rtc.institutions.filter(name="Typed Customs Institute").exists()


def test_a_database_error_other_than_a_lock_still_fails_loudly(
    secretariat_client, seeded, monkeypatch
):
    url, form = japan_rtc_change_form(secretariat_client)
    saving_fails_with(monkeypatch, "no such table: initiatives_rtc")
    with pytest.raises(OperationalError):
        secretariat_client.post(url, form)


@pytest.mark.engine
@pytest.mark.parametrize(
    "query",
    [{"q": "\x00"}, {"q": "VR\x00"}, {"status__exact": "\x00"}, {"rtc__slug": "japan\x00"}],
    ids=["search", "search-ending-in-nul", "list-filter", "lookup"],
)
def test_a_nul_byte_in_a_changelist_search_or_filter_answers_400(secretariat_client, db, query):
    response = secretariat_client.get(admin_url(RTC, "changelist"), query)
    assert response.status_code == 400


@pytest.mark.engine
def test_a_nul_byte_in_an_autocomplete_term_answers_400(secretariat_client, db):
    factories.make_rtc()
    field = {"app_label": "initiatives", "model_name": "initiative", "field_name": "rtc"}
    response = secretariat_client.get(reverse("admin:autocomplete"), {"term": "\x00", **field})
    assert response.status_code == 400
    found = secretariat_client.get(reverse("admin:autocomplete"), {"term": "a", **field})
    assert found.status_code == 200


@pytest.mark.parametrize("typed", ["26 September 2024", "26/09/2024", "2024-09-26", "26 Sep 2024"])
def test_a_date_is_taken_as_people_type_it(secretariat_client, typed):
    from sources.models import Source

    response = secretariat_client.post(
        admin_url(Source, "add"),
        {
            "title": "A dated account",
            "slug": "a-dated-account",
            "publisher": "WCO newsroom",
            "kind": "official",
            "status": "draft",
            "url": "https://example.org/account",
            "published_on": typed,
            "date_precision": "day",
            "language": "en",
        },
    )
    assert response.status_code == 302
    assert str(Source.objects.get().published_on) == "2024-09-26"


def test_a_date_field_says_what_it_takes_and_a_wrong_one_says_it_again(secretariat_client):
    from meetings.models import Meeting

    form_page = secretariat_client.get(admin_url(Meeting, "add"))
    assertContains(form_page, "Type it as 26 September 2024, 26/09/2024 or 2024-09-26")
    refused = secretariat_client.post(admin_url(Meeting, "add"), {"start_date": "the 26th"})
    assert refused.context["adminform"].form.errors["start_date"] == [
        "Enter a date such as 26 September 2024, 26/09/2024 or 2024-09-26."
    ]
