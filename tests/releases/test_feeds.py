"""RSS and Atom feeds: public releases only, in the feed's language."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from releases.feeds import FEED_ITEMS
from releases.models import PressRelease
from tests.factories import make_release, make_topic
from tests.images import make_release_image

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
Status = PressRelease.Status
#: Every way a release exists without being public (as in tests/test_leaks.py).
NOT_PUBLIC = {
    "draft": (Status.DRAFT, -1),
    "in-review": (Status.REVIEW, -1),
    "approved": (Status.APPROVED, -1),
    "scheduled": (Status.PUBLISHED, +1),
    "withdrawn": (Status.WITHDRAWN, -1),
}


def feed_paths(language, topic):
    return (
        "/%s/feeds/releases.rss" % language,
        "/%s/feeds/releases.atom" % language,
        "/%s/topics/%s/feed.rss" % (language, topic.slug),
        "/%s/topics/%s/feed.atom" % (language, topic.slug),
    )


def in_swedish(message):
    """The Swedish catalogue's text, compiled or not (the lead compiles it)."""
    with translation.override("sv"):
        return gettext(message)


def parse(response):
    assert response.status_code == 200, response.status_code
    return ET.fromstring(response.content)


def rss_items(root):
    return [{child.tag: child for child in item} for item in root.iter("item")]


def atom_entries(root):
    return list(root.iter(ATOM + "entry"))


@pytest.fixture
def world(_media):
    topic = make_topic(slug="ports", name_en="Ports", name_sv="Hamnar")
    older = make_release(
        title_en="Older in English",
        title_sv="Äldre på svenska",
        lead_en="The English lead.",
        lead_sv="Ingressen på svenska.",
        published_at=timezone.now() - timedelta(days=2),
        topics=[topic],
    )
    newer = make_release(
        title_en="Newer, English only",
        lead_en="Only in English.",
        published_at=timezone.now() - timedelta(hours=1),
    )
    image = make_release_image(older, name="harbour.jpg")
    return {"topic": topic, "older": older, "newer": newer, "image": image}


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_rss_is_well_formed_with_language_absolute_links_and_dates(client, world):
    root = parse(client.get("/sv/feeds/releases.rss"))

    channel = root.find("channel")
    assert root.tag == "rss" and root.get("version") == "2.0"
    assert channel.findtext("language") == "sv"
    assert channel.findtext("link") == "http://testserver/sv/releases/"
    items = rss_items(root)
    assert [item["title"].text for item in items] == [
        "Newer, English only",
        "Äldre på svenska",
    ]
    older = items[1]
    assert older["link"].text == "http://testserver" + world["older"].url_in("sv")
    assert older["description"].text == "Ingressen på svenska."
    published = parsedate_to_datetime(older["pubDate"].text)
    assert abs(published - world["older"].published_at) < timedelta(seconds=1)
    assert items[0]["description"].text == "Only in English."


def test_rss_enclosure_is_the_main_image_with_absolute_url_length_and_type(
    client, world
):
    items = rss_items(parse(client.get("/en/feeds/releases.rss")))

    assert "enclosure" not in items[0]
    enclosure = items[1]["enclosure"]
    image = world["image"].image
    assert enclosure.get("url") == "http://testserver" + image.url
    assert enclosure.get("length") == str(image.size)
    assert enclosure.get("type") == "image/jpeg"


def test_atom_has_updated_summary_language_and_enclosure(client, world):
    world["older"].save()  # updated after publication
    root = parse(client.get("/sv/feeds/releases.atom"))

    assert root.tag == ATOM + "feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "sv"
    assert root.findtext(ATOM + "updated")
    entries = atom_entries(root)
    assert len(entries) == 2
    older = entries[1]
    assert older.findtext(ATOM + "title") == "Äldre på svenska"
    assert older.findtext(ATOM + "summary") == "Ingressen på svenska."
    assert older.find(ATOM + "link[@rel='alternate']").get("href") == (
        "http://testserver" + world["older"].url_in("sv")
    )
    published = older.findtext(ATOM + "published")
    updated = older.findtext(ATOM + "updated")
    assert published and updated and updated > published
    enclosure = older.find(ATOM + "link[@rel='enclosure']")
    assert enclosure.get("href") == "http://testserver" + world["image"].image.url
    assert enclosure.get("type") == "image/jpeg"
    assert enclosure.get("length") == str(world["image"].image.size)


def test_a_theme_feed_lists_only_that_themes_releases(client, world):
    for path in feed_paths("en", world["topic"])[2:]:
        body = client.get(path).content.decode()
        assert "Older in English" in body
        assert "Newer, English only" not in body
    rss = parse(client.get("/sv/topics/ports/feed.rss"))
    assert rss.find("channel").findtext("title") == in_swedish(
        "Newsroom: %(theme)s"
    ) % {"theme": "Hamnar"}


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_a_release_that_is_not_public_is_in_no_feed(client, world, state):
    status, sign = NOT_PUBLIC[state]
    make_release(
        title_en="Zeppelin %s" % state,
        title_sv="Zeppelinare %s" % state,
        status=status,
        published_at=timezone.now() + sign * timedelta(minutes=30),
        topics=[world["topic"]],
    )
    for language in ("en", "sv"):
        for path in feed_paths(language, world["topic"]):
            response = client.get(path)
            assert response.status_code == 200, path
            assert b"Zeppelin" not in response.content, (path, state)


def test_a_scheduled_release_appears_once_its_time_has_come(client, world):
    scheduled = make_release(
        title_en="Scheduled",
        status=Status.PUBLISHED,
        published_at=timezone.now() + timedelta(minutes=5),
    )
    assert b"Scheduled" not in client.get("/en/feeds/releases.rss").content
    PressRelease.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - timedelta(seconds=1)
    )
    assert b"Scheduled" in client.get("/en/feeds/releases.rss").content


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_a_theme_only_an_unpublished_release_has_has_no_feed(client, state):
    status, sign = NOT_PUBLIC[state]
    secret = make_topic(slug="secret-theme")
    make_release(
        status=status,
        published_at=timezone.now() + sign * timedelta(minutes=30),
        topics=[secret],
    )
    for path in feed_paths("en", secret)[2:]:
        assert client.get(path).status_code == 404, path
    assert client.get("/en/topics/no-such-theme/feed.rss").status_code == 404


def test_a_feed_carries_a_bounded_number_of_releases_newest_first(client):
    start = timezone.now() - timedelta(days=1)
    for n in range(FEED_ITEMS + 2):
        make_release(
            title_en="Item %02d" % n, published_at=start + timedelta(minutes=n)
        )
    titles = [
        item["title"].text
        for item in rss_items(parse(client.get("/en/feeds/releases.rss")))
    ]
    assert len(titles) == FEED_ITEMS
    assert titles[0] == "Item %02d" % (FEED_ITEMS + 1)
    assert titles == sorted(titles, reverse=True)


def test_feeds_run_the_same_queries_when_the_releases_double(client, world):
    topic = world["topic"]

    def counts():
        found = {}
        for path in feed_paths("en", topic):
            with CaptureQueriesContext(connection) as context:
                assert client.get(path).status_code == 200
            found[path] = len(context)
        return found

    def grow(count):
        for _n in range(count):
            release = make_release(topics=[topic])
            make_release_image(release)

    grow(3)
    before = counts()
    grow(6)
    assert counts() == before


def test_every_page_links_the_feeds_and_a_theme_page_its_own(client, world):
    home = client.get("/sv/").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" '
        'title="%s (RSS)" href="/sv/feeds/releases.rss">'
        % in_swedish("Newsroom: latest releases")
    ) in home
    assert 'type="application/atom+xml"' in home and "/sv/feeds/releases.atom" in home

    theme = client.get("/sv/topics/ports/").content.decode()
    assert "/sv/feeds/releases.rss" in theme
    assert (
        '<link rel="alternate" type="application/rss+xml" '
        'title="%s (RSS)" href="/sv/topics/ports/feed.rss">'
        % (in_swedish("Newsroom: %(theme)s") % {"theme": "Hamnar"})
    ) in theme
    assert 'href="/sv/topics/ports/feed.atom"' in theme


def test_a_theme_page_without_public_releases_links_no_theme_feed(client):
    make_topic(slug="empty-theme")
    page = client.get("/en/topics/empty-theme/").content.decode()
    assert "/en/feeds/releases.rss" in page
    assert "empty-theme/feed" not in page


def test_a_theme_name_is_escaped_in_the_head_and_in_the_feed(client):
    topic = make_topic(slug="hostile", name_en='Ports"><script>alert(1)</script>')
    make_release(topics=[topic])
    page = client.get("/en/topics/hostile/").content.decode()
    assert "<script>alert(1)" not in page
    assert 'title="Newsroom: Ports&quot;&gt;&lt;script&gt;' in page
    rss = parse(client.get("/en/topics/hostile/feed.rss"))
    assert rss.find("channel").findtext("title") == (
        'Newsroom: Ports"><script>alert(1)</script>'
    )
