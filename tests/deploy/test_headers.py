"""Security headers on every kind of response, as the MDN HTTP Observatory scores them."""

import pytest
from django.urls import reverse

from initiatives.models import RTC, Initiative
from meetings.models import Body, Meeting

PUBLIC_PAGES = {
    "home": lambda: reverse("home"),
    "meeting list": lambda: reverse("meetings:list"),
    "meeting detail": lambda: Meeting.objects.get(number=19).get_absolute_url(),
    "RTC list": lambda: reverse("initiatives:rtc-list"),
    "RTC detail": lambda: RTC.objects.get(slug="japan-rtc").get_absolute_url(),
    "initiative list, filtered": lambda: reverse("initiatives:list") + "?rtc=japan-rtc&q=AI",
    "initiative detail": lambda: Initiative.objects.first().get_absolute_url(),
    "administration list": lambda: reverse("meetings:administration-list"),
    "administration detail": lambda: Body.objects.get(slug="japan").get_absolute_url(),
}
OTHER_RESPONSES = {
    "not found": (lambda: "/initiatives/no-such-initiative/", 404),
    "bad filter": (lambda: reverse("initiatives:list") + "?rtc=no-such-rtc", 400),
    "admin login": (lambda: reverse("admin:login"), 200),
    "admin redirect": (lambda: reverse("admin:index"), 302),
    "health": (lambda: reverse("healthz"), 200),
    "static file": (lambda: "/static/css/site.css", 200),
}
CASES = [(name, url, 200) for name, url in PUBLIC_PAGES.items()] + [
    (name, url, status) for name, (url, status) in OTHER_RESPONSES.items()
]


def assert_security_headers(response):
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().partition(" ")[::2] for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    hsts = response["Strict-Transport-Security"]
    max_age = dict(part.strip().partition("=")[::2] for part in hsts.split(";"))["max-age"]
    assert int(max_age) >= 365 * 24 * 3600


@pytest.mark.parametrize(("name", "url", "status"), CASES, ids=[case[0] for case in CASES])
def test_every_kind_of_response_carries_the_security_headers(client, seeded, name, url, status):
    response = client.get(url(), secure=True)
    assert response.status_code == status
    assert_security_headers(response)


def test_a_server_error_carries_the_security_headers(client, seeded, monkeypatch):
    from rtcportal.views import HomeView

    def broken(self, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(HomeView, "get_context_data", broken)
    client.raise_request_exception = False
    response = client.get(reverse("home"), secure=True)
    assert response.status_code == 500
    assert_security_headers(response)


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_public_pages_have_no_inline_scripts_or_styles(client, seeded, name):
    html = client.get(PUBLIC_PAGES[name]()).text
    # A <script> without src, a style attribute or element, or an on* handler would all be
    # refused by the policy: the page must not need them.
    for inline in ("<script>", "<style", " style=", " onclick=", " onload=", "javascript:"):
        assert inline not in html


def test_cookies_are_httponly_for_the_session_and_samesite_for_both(client, secretariat_user):
    page = client.get(reverse("admin:login"))
    csrf = page.cookies["csrftoken"]
    assert csrf["samesite"] == "Lax"
    response = client.post(
        reverse("admin:login"),
        {
            "username": secretariat_user.username,
            "password": "correct horse battery staple",
            "csrfmiddlewaretoken": csrf.value,
        },
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_chromium_reports_no_policy_violation_on_public_pages_or_in_the_admin(
    page, live_server, seeded, secretariat_user
):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for url in PUBLIC_PAGES.values():
        page.goto(live_server.url + url())
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Username").fill(secretariat_user.username)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    initiative = Initiative.objects.get(slug="japan-rtc-ai-tutoring-and-qa")
    for url in (
        reverse("admin:index"),
        reverse("admin:initiatives_initiative_changelist") + "?q=AI",
        reverse("admin:initiatives_initiative_change", args=[initiative.pk]),
        reverse("admin:initiatives_initiative_add"),
        reverse("admin:meetings_meeting_change", args=[initiative.meeting.pk]),
    ):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
    # The admin's own scripts ran: the slug is filled in from the title as one types.
    page.goto(live_server.url + reverse("admin:initiatives_initiative_add"))
    page.locator("#id_title").press_sequentially("Typed title")
    assert page.get_by_label("Slug").input_value() == "typed-title"
    assert violations == []
