"""Admin hardening: login lockout, passwords, sessions, headers, deploy check."""

import io
import os
import secrets
import subprocess
import sys
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.urls import reverse

from core.lockout import client_ip

PASSWORD = "correct-horse-battery-staple"
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(
        "editor", "editor@example.eu", PASSWORD, is_staff=True
    )


def log_in(client, password=PASSWORD, username="editor", address="127.0.0.1"):
    """Post the admin's login form, as a browser at ``address`` would."""
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def fail(client, times, **kwargs):
    return [log_in(client, password="wrong", **kwargs) for _ in range(times)]


def logged_in(response):
    return response.status_code == 302 and response.url == "/admin/"


# Brute-force protection ---------------------------------------------------


def test_login_is_locked_with_429_at_the_fifth_failure(client, editor):
    responses = fail(client, 5)

    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert responses[4].status_code == 429
    assert "axes/lockout.html" in [t.name for t in responses[4].templates]


def test_locked_login_refuses_even_the_right_password(client, editor):
    fail(client, 5)

    response = log_in(client)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_page_says_how_long_to_wait_and_who_can_unlock(client, editor):
    response = fail(client, 5)[-1]

    content = response.content.decode()
    assert "Too many failed logins" in content
    assert "failed 5 times" in content
    assert "Try again in 15 minutes" in content
    assert "ask an administrator to unlock your account" in content
    assert "no-cache" in response["Cache-Control"]
    assert "Traceback" not in content


def test_lockout_page_is_in_the_editors_language(client, editor):
    response = client.post(
        LOGIN,
        {"username": "editor", "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    for _ in range(4):
        response = client.post(
            LOGIN,
            {"username": "editor", "password": "wrong"},
            HTTP_ACCEPT_LANGUAGE="sv",
        )

    assert response.status_code == 429
    assert '<html lang="sv"' in response.content.decode()


def test_lockout_is_per_username_and_address(client, editor):
    get_user_model().objects.create_user("translator", password=PASSWORD)
    fail(client, 5)

    assert logged_in(log_in(client, address="192.0.2.7"))
    client.logout()
    assert log_in(client, username="translator").status_code == 200
    assert log_in(client).status_code == 429


def test_successful_login_resets_the_failure_count(client, editor):
    fail(client, 4)
    assert logged_in(log_in(client))
    client.logout()

    assert [r.status_code for r in fail(client, 4)] == [200] * 4


def test_lockout_ends_after_the_cool_off(client, editor):
    fail(client, 5)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )

    assert logged_in(log_in(client))


def test_axes_reset_command_unlocks_a_username(client, editor):
    fail(client, 5)

    call_command("axes_reset_username", "editor", stdout=io.StringIO())

    assert logged_in(log_in(client))


def test_superuser_unlocks_by_deleting_the_access_attempt_in_admin(
    client, admin_client, editor
):
    fail(client, 5)
    attempt = AccessAttempt.objects.get(username="editor")
    url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])

    admin_client.post(url, {"post": "yes"})

    assert not AccessAttempt.objects.exists()
    assert logged_in(log_in(client))


def test_client_ip_is_remote_addr_without_proxies():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    assert client_ip(request) == "203.0.113.9"


@override_settings(NEWSROOM_TRUSTED_PROXY_COUNT=1)
def test_client_ip_behind_a_proxy_ignores_what_the_client_forged():
    request = RequestFactory().get(
        "/",
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9",
    )
    assert client_ip(request) == "203.0.113.9"


# Passwords ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Xk3!pq7", "at least 12 characters"),
        ("password1234", "too common"),
        ("839201746512", "entirely numeric"),
        ("newcomer-editor", "too similar to the username"),
    ],
)
def test_admin_cannot_create_a_user_with_a_weak_password(
    admin_client, password, message
):
    response = admin_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newcomer-editor",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_user_model().objects.filter(username="newcomer-editor").exists()


def test_admin_cannot_set_a_weak_password_on_a_user(admin_client, editor):
    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[editor.pk]),
        {"password1": "editor", "password2": "editor", "usable_password": "true"},
    )

    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_admin_creates_a_user_with_a_strong_password(admin_client):
    admin_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newcomer",
            "usable_password": "true",
            "password1": "plum-orbit-canal-fjord",
            "password2": "plum-orbit-canal-fjord",
        },
    )

    assert (
        get_user_model()
        .objects.get(username="newcomer")
        .check_password("plum-orbit-canal-fjord")
    )


# Sessions and cookies -------------------------------------------------------


def test_admin_session_ends_with_the_browser_and_after_eight_hours(client, editor):
    response = log_in(client)

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert client.session.get_expiry_age() == 8 * 60 * 60


def test_expired_session_sends_the_editor_back_to_login(client, editor):
    log_in(client)
    session = client.session
    session.set_expiry(-1)
    session.save()

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_csrf_cookie_is_http_only(client, db):
    response = client.get(LOGIN)

    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


# Response headers -------------------------------------------------------------

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)


@pytest.mark.parametrize("url", ["/en/", "/en/releases/", LOGIN, "/admin/"])
def test_every_page_sends_the_security_headers(admin_client, url):
    response = admin_client.get(url, follow=True)

    assert response.status_code == 200
    headers = response.headers
    assert sorted(headers["Content-Security-Policy"].split("; ")) == sorted(
        CSP.split("; ")
    )
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]


def test_not_found_page_sends_the_policy_too(client, db):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert "Content-Security-Policy" in response.headers


@override_settings(SECURE_HSTS_SECONDS=31536000)
def test_hsts_covers_subdomains_and_allows_preload_over_https(client, db):
    response = client.get("/en/", secure=True)

    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


# Production settings ------------------------------------------------------------

PRODUCTION = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "press.example.eu",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SESSION_COOKIE_SECURE": "true",
    "CSRF_COOKIE_SECURE": "true",
}


def deploy_check(**environment):
    """Run ``check --deploy`` in a process that sees only ``environment``.

    Not this process's environment: the browser tests set
    DJANGO_ALLOW_ASYNC_UNSAFE, which the deploy check rightly refuses.
    """
    env = {
        "PATH": os.environ.get("PATH", ""),
        "SECRET_KEY": secrets.token_urlsafe(50),
        **environment,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level=WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_deploy_check_reports_nothing_for_production_settings():
    result = deploy_check(**PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_deploy_check_fails_without_hsts():
    result = deploy_check(**{**PRODUCTION, "SECURE_HSTS_SECONDS": "0"})

    assert result.returncode == 1
    assert "security.W004" in result.stderr
