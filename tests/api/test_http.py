"""What every API answer shares: conditional GET, CORS, rate limit, HEAD."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.http import http_date

from releases.models import PressRelease
from tests.factories import make_release, make_topic

pytestmark = pytest.mark.django_db

URLS = [
    "/api/v1/releases/",
    "/api/v1/themes/",
    "/api/v1/speakers/",
    "/api/v1/partnerships/",
    "/api/v1/organisations/",
    "/api/v1/openapi.json",
]


@pytest.fixture
def release():
    return make_release(slug="plan", topics=[make_topic(slug="cities")])


@pytest.mark.parametrize("url", [*URLS, "/api/v1/releases/plan"])
def test_an_unchanged_answer_is_a_304_on_its_etag(api, release, url):
    first = api.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"') and len(etag) > 10

    again = api.get(url, HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"


def test_a_changed_answer_gets_a_new_etag_and_a_200(api, release):
    etag = api.get("/api/v1/releases/plan")["ETag"]

    release.title_en = "A new title"
    release.save()
    again = api.get("/api/v1/releases/plan", HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 200
    assert again["ETag"] != etag
    assert again.json()["translations"]["en"]["title"] == "A new title"


def test_if_modified_since_is_a_304_until_something_changes(api, release):
    first = api.get("/api/v1/releases/")
    last_modified = first["Last-Modified"]
    assert last_modified == http_date(release.updated_at.timestamp())

    unchanged = api.get("/api/v1/releases/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert unchanged.status_code == 304
    assert unchanged["Last-Modified"] == last_modified

    later = release.updated_at + timedelta(seconds=2)
    PressRelease.objects.filter(pk=release.pk).update(updated_at=later)
    changed = api.get("/api/v1/releases/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert changed.status_code == 200
    assert changed["Last-Modified"] == http_date(later.timestamp())


def test_a_change_to_a_theme_in_the_admin_moves_the_date(api, release, admin_user):
    from django.contrib.admin.models import CHANGE, LogEntry

    last_modified = api.get("/api/v1/themes/")["Last-Modified"]
    entry = LogEntry.objects.create(
        user=admin_user, object_repr="cities", action_flag=CHANGE
    )
    LogEntry.objects.filter(pk=entry.pk).update(
        action_time=release.updated_at + timedelta(seconds=3)
    )

    response = api.get("/api/v1/themes/", HTTP_IF_MODIFIED_SINCE=last_modified)

    assert response.status_code == 200


def test_a_withdrawal_is_never_answered_304_on_the_date(api, release):
    last_modified = api.get("/api/v1/releases/")["Last-Modified"]
    old = release.updated_at - timedelta(seconds=5)
    PressRelease.objects.filter(pk=release.pk).update(updated_at=old)
    stale = http_date((old - timedelta(seconds=1)).timestamp())
    assert last_modified

    release.refresh_from_db()
    release.status = PressRelease.Status.WITHDRAWN
    release.save()
    response = api.get("/api/v1/releases/", HTTP_IF_MODIFIED_SINCE=stale)

    assert response.status_code == 200
    assert response.json()["items"] == []


def test_a_scheduled_release_that_falls_due_changes_the_date(api):
    now = timezone.now()
    make_release(published_at=now - timedelta(days=2))
    PressRelease.objects.update(updated_at=now - timedelta(days=2))
    due = make_release(slug="due", published_at=now - timedelta(seconds=30))
    PressRelease.objects.filter(pk=due.pk).update(updated_at=now - timedelta(days=3))

    response = api.get("/api/v1/releases/")

    assert response["Last-Modified"] == http_date(due.published_at.timestamp())
    before = http_date((now - timedelta(days=1)).timestamp())
    assert (
        api.get("/api/v1/releases/", HTTP_IF_MODIFIED_SINCE=before).status_code == 200
    )


@pytest.mark.parametrize("url", URLS)
def test_every_answer_may_be_read_from_any_site_without_credentials(api, url):
    response = api.get(url, HTTP_ORIGIN="https://example.org")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_a_preflight_allows_reading_and_conditional_headers_only(api):
    response = api.options(
        "/api/v1/releases/",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, db, method):
    response = getattr(client, method)("/api/v1/releases/")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json() == {"detail": "This API is read only."}


def test_head_is_the_get_without_its_body(api, release):
    get = api.get("/api/v1/releases/plan")
    head = api.head("/api/v1/releases/plan")

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]


def test_errors_are_cors_readable_json_too(api):
    response = api.get("/api/v1/themes/nothing-here", HTTP_ORIGIN="https://x.org")

    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == {"detail": "Not Found"}


def test_the_api_has_no_language_prefix(client, db):
    assert client.get("/en/api/v1/releases/").status_code == 404
    assert client.get("/api/v1/releases/").status_code == 200


def test_a_client_over_its_rate_is_told_when_to_come_back(api, settings):
    settings.NEWSROOM_API_RATE_LIMIT = 3
    settings.NEWSROOM_API_RATE_WINDOW = 60

    answers = [api.get("/api/v1/themes/") for _ in range(3)]
    refused = api.get("/api/v1/releases/")

    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a["RateLimit-Remaining"] for a in answers] == ["2", "1", "0"]
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert refused.json()["detail"].startswith("Too many requests from your address")
    # Another address has its own count; the public pages are not counted.
    other = api.get("/api/v1/releases/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200
    assert api.client.get("/en/").status_code == 200


def test_the_rate_limit_counts_the_address_behind_trusted_proxies(api, settings):
    settings.NEWSROOM_API_RATE_LIMIT = 1
    settings.NEWSROOM_TRUSTED_PROXY_COUNT = 1

    first = api.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = api.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="198.51.100.2")
    again = api.get("/api/v1/themes/", HTTP_X_FORWARDED_FOR="198.51.100.1")

    assert [first.status_code, second.status_code, again.status_code] == [200, 200, 429]


def test_a_rate_limit_of_zero_switches_it_off(api, settings):
    settings.NEWSROOM_API_RATE_LIMIT = 0

    assert {api.get("/api/v1/themes/").status_code for _ in range(5)} == {200}
