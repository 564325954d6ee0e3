"""Staff previews of draft pages, and nobody else's."""

import pytest
from django.urls import reverse

from core.admin import admin_url
from initiatives.models import Initiative
from meetings.models import Status
from tests.support import factories
from tests.support.admin import logged_in

pytestmark = pytest.mark.engine


@pytest.fixture
def draft_initiative(db):
    return factories.make_initiative(
        title="Drafted VR course", status=Status.DRAFT, categories=[factories.make_category()]
    )


def test_staff_preview_a_draft_with_a_banner(client, editor_user, draft_initiative):
    page = logged_in(client, editor_user).get(
        reverse("preview:initiative", args=[draft_initiative.slug])
    )
    assert page.status_code == 200
    assert "Preview — not public." in page.text
    assert "Drafted VR course" in page.text
    assert page["Cache-Control"].startswith("max-age=0")
    assert "no-store" in page["Cache-Control"]


@pytest.mark.parametrize("view", ["preview:initiative", "initiatives:detail"])
def test_anonymous_visitors_get_404_for_drafts_and_previews(client, draft_initiative, view):
    assert client.get(reverse(view, args=[draft_initiative.slug])).status_code == 404


def test_a_signed_in_non_staff_user_gets_404_for_previews(client, draft_initiative):
    client.force_login(factories.make_user("visitor"))
    url = reverse("preview:initiative", args=[draft_initiative.slug])
    assert client.get(url).status_code == 404


def test_previews_exist_for_meetings_and_rtcs(client, editor_user):
    meeting = factories.make_meeting(status=Status.DRAFT, title="Draft meeting")
    rtc = factories.make_rtc(status=Status.DRAFT, name="Draft RTC")
    client = logged_in(client, editor_user)
    assert "Draft meeting" in client.get(reverse("preview:meeting", args=[meeting.slug])).text
    assert "Draft RTC" in client.get(reverse("preview:rtc", args=[rtc.slug])).text


def test_the_admin_change_page_links_to_the_preview(client, editor_user, draft_initiative):
    page = logged_in(client, editor_user).get(admin_url(Initiative, "change", draft_initiative.pk))
    preview = reverse("preview:initiative", args=[draft_initiative.slug])
    assert f'href="{preview}"' in page.text
