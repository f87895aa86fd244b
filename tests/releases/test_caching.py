"""Nothing cached outlives the moment a scheduled release falls due."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_future, make_release
from tests.users import make_author

pytestmark = pytest.mark.django_db


def max_age(response):
    directives = dict(
        part.strip().partition("=")[::2]
        for part in response["Cache-Control"].split(",")
    )
    return int(directives["max-age"]), directives


def test_by_default_every_public_answer_must_be_asked_again(client):
    release = make_release()

    for path in ("/en/", "/en/releases/", release.url_in("sv"), "/en/topics/nowhere/"):
        assert client.get(path)["Cache-Control"] == "no-cache", path


def test_a_cache_lifetime_is_capped_by_the_next_scheduled_publication(client, settings):
    settings.NEWSROOM_PUBLIC_MAX_AGE = 600
    make_release()
    assert max_age(client.get("/en/")) == (600, {"max-age": "600", "public": ""})

    scheduled = make_future(published_at=timezone.now() + timedelta(seconds=90))

    for path in ("/en/", "/en/releases/", scheduled.url_in("en")):
        seconds, _directives = max_age(client.get(path))
        # Not a second past the moment it becomes public, 404 included.
        assert 85 <= seconds <= 90, path


def test_a_release_due_now_leaves_nothing_to_cache(client, settings):
    settings.NEWSROOM_PUBLIC_MAX_AGE = 600
    make_future(published_at=timezone.now() + timedelta(milliseconds=300))

    assert client.get("/en/")["Cache-Control"] == "no-cache"


def test_the_admin_and_previews_keep_their_own_never_cache(client):
    client.force_login(make_author())
    release = make_future()

    for path in ("/admin/", "/en/releases/preview/%d/" % release.pk):
        cache_control = client.get(path)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, path
