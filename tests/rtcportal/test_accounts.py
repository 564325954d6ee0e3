"""Accounts kept safe: staff-only admin, throttled logins, long passwords, no user management."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import (
    get_default_password_validators,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from tests.support import factories

PASSWORD = "correct horse battery staple"
ROOT = Path(__file__).resolve().parents[2]


def sign_in(client, username, password):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
    )


def fail_until_locked(client, username):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, username, "wrong guess")


@pytest.fixture
def staff(db):
    return factories.make_user("secretary", password=PASSWORD, is_staff=True)


def test_a_rejected_next_address_after_sign_in_leads_to_the_admin_index(client, staff):
    response = client.post(
        reverse("admin:login"),
        {"username": "secretary", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200


def test_a_rejected_next_address_after_sign_out_leads_to_the_home_page(client, staff):
    client.force_login(staff)
    response = client.post(reverse("admin:logout") + "?next=https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(response["Location"]).status_code == 200


def test_a_correct_password_signs_in(client, staff):
    response = sign_in(client, "secretary", PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_non_staff_user_cannot_open_the_admin(client, db):
    factories.make_user("visitor", password=PASSWORD)
    response = sign_in(client, "visitor", PASSWORD)
    assert response.status_code == 200
    assert "Please enter the correct username and password for a staff account" in response.text
    client.force_login(factories.make_user("other"))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, staff):
    fail_until_locked(client, "secretary")
    response = sign_in(client, "secretary", PASSWORD)
    assert response.status_code == 429
    assert "Account locked" in response.text
    assert "ask an administrator" in response.text
    assert client.get(reverse("admin:index")).status_code == 302


def test_an_absurdly_long_username_is_a_failed_login_not_a_server_error(client, db):
    response = sign_in(client, "x" * 5000, "wrong guess")
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.text
    assert AccessAttempt.objects.get().username == "x" * 255


def test_fewer_failures_than_the_limit_do_not_lock(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "secretary", "wrong guess")
    assert sign_in(client, "secretary", PASSWORD).status_code == 302


def test_the_lock_is_per_account_not_per_address(client, staff):
    factories.make_user("colleague", password=PASSWORD, is_staff=True)
    fail_until_locked(client, "secretary")
    assert sign_in(client, "colleague", PASSWORD).status_code == 302


def test_the_lock_lifts_after_the_cool_off_time(client, staff):
    fail_until_locked(client, "secretary")
    assert sign_in(client, "secretary", PASSWORD).status_code == 429
    cool_off = datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    # As if the cool-off time had passed since the last attempt.
    for attempt in AccessAttempt.objects.filter(username="secretary"):
        attempt.attempt_time -= cool_off + datetime.timedelta(seconds=1)
        attempt.save()
    assert sign_in(client, "secretary", PASSWORD).status_code == 302


def test_the_lock_does_not_lift_before_the_cool_off_time(client, staff):
    fail_until_locked(client, "secretary")
    cool_off = datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    for attempt in AccessAttempt.objects.filter(username="secretary"):
        attempt.attempt_time -= cool_off - datetime.timedelta(minutes=1)
        attempt.save()
    assert sign_in(client, "secretary", PASSWORD).status_code == 429


def test_an_administrator_unlocks_with_a_command(client, staff):
    fail_until_locked(client, "secretary")
    call_command("axes_reset_username", "secretary", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert sign_in(client, "secretary", PASSWORD).status_code == 302


def test_an_administrator_unlocks_in_the_admin(client, staff):
    fail_until_locked(client, "secretary")
    attempt = AccessAttempt.objects.get(username="secretary")
    client.force_login(factories.make_user("root", is_staff=True, is_superuser=True))
    delete = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    client.logout()
    assert sign_in(client, "secretary", PASSWORD).status_code == 302


@pytest.mark.parametrize("fixture", ["editor_user", "reviewer_user", "secretariat_user"])
@pytest.mark.parametrize("name", ["auth_user", "auth_group", "axes_accessattempt"])
def test_secretariat_groups_cannot_manage_users_groups_or_locks(client, request, fixture, name):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse(f"admin:{name}_changelist")).status_code == 403


@pytest.mark.parametrize("password", ["short", "rtcportal1", "12345678901234", "password1234"])
def test_weak_passwords_are_refused(db, password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_passphrase_is_accepted(db):
    validate_password("tariff lanterns climb slowly")


def test_the_validators_in_force_are_the_ones_the_secretariats_guide_lists():
    # docs/secretariat.md: at least 12 characters, not common, not all digits, not like the
    # username (or the name or email address).
    assert [type(v).__name__ for v in get_default_password_validators()] == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]


@pytest.mark.parametrize("password", ["pwuser123456", "pwuser-2026-spring", "PWUSERpwuser"])
def test_a_password_built_on_the_username_is_refused(db, password):
    with pytest.raises(ValidationError, match="too similar to the username"):
        validate_password(password, get_user_model()(username="pwuser"))


def test_the_admin_refuses_to_create_a_user_with_a_password_built_on_the_username(client, db):
    client.force_login(factories.make_user("root", is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "pwuser",
            "usable_password": "true",
            "password1": "pwuser123456",
            "password2": "pwuser123456",
        },
    )
    assert response.status_code == 200
    assert "too similar to the username" in response.text
    assert not get_user_model().objects.filter(username="pwuser").exists()


def admin_path_with(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env, DJANGO_SETTINGS_MODULE="rtcportal.settings", DJANGO_DEBUG="1")
    code = (
        "import django; django.setup(); from django.urls import reverse; "
        "print(reverse('admin:index'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_admin_is_at_admin_by_default():
    assert admin_path_with() == "/admin/"


def test_the_admin_path_comes_from_the_environment():
    assert admin_path_with(DJANGO_ADMIN_URL="/office/desk") == "/office/desk/"
