"""Anonymous pages cached whole in Redis, and made stale by every change.

These run against the real Redis (REDIS_URL, or 127.0.0.1:6379), each test
under its own key prefix; they are skipped, saying so, when no Redis answers.
"""

import io
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone

from releases import workflow
from releases.models import PressRelease
from releases.page_cache import STATUS_HEADER
from tests.factories import make_future, make_release, make_topic
from tests.users import make_author, make_publisher

pytestmark = pytest.mark.django_db

REDIS_URL = django_settings.REDIS_URL or "redis://127.0.0.1:6379/15"


def redis_answers():
    try:
        import redis

        return redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except Exception:
        return False


needs_redis = pytest.mark.skipif(
    not redis_answers(), reason="no Redis answers at %s" % REDIS_URL
)


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom-test-%s" % uuid.uuid4().hex,
        }
    }
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    yield settings.CACHES["default"]["KEY_PREFIX"]
    from django.core.cache import cache

    cache.clear()


def fetch(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get(STATUS_HEADER), response.content.decode()


@needs_redis
def test_an_anonymous_page_is_rendered_once_then_served_from_redis(
    client, redis_cache, django_assert_num_queries
):
    make_release(title_en="Ports reopen", title_sv="Hamnarna öppnar igen")

    assert fetch(client, "/en/releases/")[0] == "miss"
    with django_assert_num_queries(0):
        state, body = fetch(client, "/en/releases/")
    assert state == "hit" and "Ports reopen" in body

    # Per language and address: the Swedish list is its own entry.
    state, body = fetch(client, "/sv/releases/")
    assert state == "miss" and "Hamnarna öppnar igen" in body
    assert fetch(client, "/en/releases/?page=1")[0] == "miss"


@needs_redis
def test_a_served_page_keeps_the_security_headers(client, redis_cache):
    make_release()
    first = client.get("/en/")
    second = client.get("/en/")

    assert second[STATUS_HEADER] == "hit"
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Content-Language",
        "Cache-Control",
    ):
        assert second[header] == first[header], header


@needs_redis
def test_publish_edit_translate_withdraw_each_show_at_once(client, redis_cache):
    publisher = make_publisher()
    release = make_release(
        title_en="Old title", status=PressRelease.Status.APPROVED, title_sv=""
    )
    fetch(client, "/en/")
    assert "Old title" not in fetch(client, "/en/")[1]

    workflow.transition(release=release, to="published", user=publisher)
    assert "Old title" in fetch(client, "/en/")[1]

    release.refresh_from_db()
    release.title_en = "New title"
    release.save()
    state, body = fetch(client, "/en/")
    assert state == "miss" and "New title" in body and "Old title" not in body

    fetch(client, "/sv/")
    release.title_sv = "Ny rubrik"
    release.save(update_fields=["title_sv"])  # as the translation workspace does
    assert "Ny rubrik" in fetch(client, "/sv/")[1]

    topic = make_topic(name_en="Ocean policy")
    assert "Ocean policy" not in fetch(client, release.get_absolute_url())[1]
    release.topics.add(topic)
    assert "Ocean policy" in fetch(client, release.get_absolute_url())[1]

    workflow.transition(release=release, to="withdrawn", user=publisher)
    assert "New title" not in fetch(client, "/en/")[1]
    assert client.get(release.get_absolute_url()).status_code == 404


@needs_redis
def test_an_import_shows_at_once(client, redis_cache, tmp_path):
    seed = Path(django_settings.BASE_DIR) / "demo" / "data" / "seed_sv.txt"
    fetch(client, "/sv/releases/")
    before = fetch(client, "/sv/releases/")
    assert before[0] == "hit"

    call_command(
        "import_legacy",
        str(seed),
        "--language=sv",
        "--publish",
        stdout=io.StringIO(),
        no_color=True,
    )

    state, body = fetch(client, "/sv/releases/")
    assert state == "miss" and body != before[1]
    assert PressRelease.objects.published().count() == 1


@needs_redis
def test_a_scheduled_release_appears_when_due_without_any_save(client, redis_cache):
    make_release(title_en="Already out")
    due = timezone.now() + timedelta(seconds=2)
    make_future(title_en="Embargoed news", published_at=due)

    state, body = fetch(client, "/en/")
    assert state == "miss" and "Embargoed news" not in body
    assert fetch(client, "/en/")[0] == "hit"

    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 0.2)
    state, body = fetch(client, "/en/")
    assert state == "miss" and "Embargoed news" in body


@needs_redis
def test_staff_and_previews_never_read_or_fill_the_cache(client, redis_cache):
    release = make_release(title_en="Public text")
    draft = make_future(title_en="Secret draft")
    fetch(client, "/en/")  # an anonymous visitor fills the cache

    client.force_login(make_author())
    response = client.get("/en/")
    assert response.get(STATUS_HEADER) is None
    preview = client.get("/en/releases/preview/%d/" % draft.pk)
    assert preview.status_code == 200 and preview.get(STATUS_HEADER) is None
    # A page only staff asked for was not stored for anyone.
    client.get(release.get_absolute_url())
    client.logout()
    client.cookies.clear()
    assert fetch(client, release.get_absolute_url())[0] == "miss"
    assert "Secret draft" not in fetch(client, "/en/")[1]


@needs_redis
def test_errors_and_bad_filters_are_not_stored(client, redis_cache):
    make_release()
    for _ in range(2):
        assert client.get("/en/releases/?year=abc").get(STATUS_HEADER) is None
        assert client.get("/en/no-such-page/").get(STATUS_HEADER) is None


def test_pages_and_saves_still_work_when_redis_is_unreachable(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 1: every cache call fails at once.
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    topic = make_topic(name_en="Harbours")
    make_release(title_en="Still served", topics=[topic])

    for path in (
        "/en/",
        "/en/releases/",
        "/en/topics/",
        "/en/releases/?topic=%s" % topic.slug,
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.get(STATUS_HEADER) is None
        assert "Still served" in response.content.decode() or path == "/en/topics/"


@needs_redis
def test_readers_with_other_languages_never_get_each_other_s_fallback(
    client, redis_cache
):
    release = make_release(
        title_en="Ports reopen", title_sv="Hamnarna öppnar", title_de="Häfen öffnen"
    )
    finnish = release.url_in("fi")  # no Finnish: each reader's own language

    swedish = client.get(finnish, HTTP_ACCEPT_LANGUAGE="sv")
    german = client.get(finnish, HTTP_ACCEPT_LANGUAGE="de")
    again = client.get(finnish, HTTP_ACCEPT_LANGUAGE="sv")

    assert "Hamnarna öppnar" in swedish.content.decode()
    assert german.get(STATUS_HEADER) == "miss"
    assert "Häfen öffnen" in german.content.decode()
    assert again.get(STATUS_HEADER) == "hit"
    assert "Accept-Language" in again["Vary"] and "Hamnarna öppnar" in (
        again.content.decode()
    )
