"""The meeting's admin form in the secretariat's words."""

from pytest_django.asserts import assertContains, assertNotContains

from core.admin import admin_url
from meetings.models import Meeting


def test_the_meeting_form_names_the_rtc_fields_in_plain_words(client, editor_user, seeded):
    client.force_login(editor_user)
    meeting = Meeting.objects.first()
    response = client.get(admin_url(Meeting, "change", meeting.pk))
    assertContains(response, ">RTCs attending:</label>")
    assertContains(response, ">RTCs named in the accounts</label>")
    assertNotContains(response, "Rtc count")
    assertNotContains(response, "Rtcs named")
