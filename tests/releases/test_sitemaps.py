"""sitemap.xml: an index of per-section sitemaps, public objects only, with
hreflang alternates for the languages each object really exists in."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.languages import LANGUAGE_CODES
from releases.models import PressRelease, PressReleaseSpeaker
from tests.factories import make_partnership, make_release, make_speaker, make_topic

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SECTIONS = ("releases", "themes", "speakers", "partnerships")
Status = PressRelease.Status
#: Every way a release exists without being public (as in tests/test_leaks.py).
NOT_PUBLIC = {
    "draft": (Status.DRAFT, -1),
    "in-review": (Status.REVIEW, -1),
    "approved": (Status.APPROVED, -1),
    "scheduled": (Status.PUBLISHED, +1),
    "withdrawn": (Status.WITHDRAWN, -1),
}


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def urls(client, section):
    """{loc: (lastmod, {hreflang: href})} of one section's sitemap."""
    root = parse(client.get("/sitemap-%s.xml" % section))
    found = {}
    for url in root.iter(SM + "url"):
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.iter(XHTML + "link")
            if link.get("rel") == "alternate"
        }
        found[url.findtext(SM + "loc")] = (url.findtext(SM + "lastmod"), alternates)
    return found


@pytest.fixture
def world():
    topic = make_topic(slug="ports", name_en="Ports", name_sv="Hamnar")
    speaker = make_speaker(slug="quoted")
    partnership = make_partnership(slug="harbours")
    release = make_release(
        title_sv="Hamnar i Östersjön",
        title_fi="Itämeren satamat",
        title_en="",
        original_language="sv",
        published_at=timezone.now() - timedelta(days=3),
        topics=[topic],
        speakers=[speaker],
        partnership=partnership,
    )
    return {
        "topic": topic,
        "speaker": speaker,
        "partnership": partnership,
        "release": release,
    }


def test_the_index_lists_every_section_with_absolute_addresses(client, world):
    root = parse(client.get("/sitemap.xml"))
    assert root.tag == SM + "sitemapindex"
    locations = [sitemap.findtext(SM + "loc") for sitemap in root]
    assert locations == ["http://testserver/sitemap-%s.xml" % s for s in SECTIONS]
    assert all(sitemap.findtext(SM + "lastmod") for sitemap in root)


def test_a_release_has_alternates_only_in_its_languages_and_x_default(client, world):
    release = world["release"]
    found = urls(client, "releases")

    expected = {
        code: "http://testserver" + release.url_in(code) for code in ("fi", "sv")
    }
    assert set(found) == set(expected.values())
    for lastmod, alternates in found.values():
        # x-default is the release in its original language, as on its page.
        assert alternates == {**expected, "x-default": expected["sv"]}
        assert lastmod == timezone.localdate(release.updated_at).isoformat()


def test_x_default_falls_back_when_the_original_language_has_no_title(client):
    release = make_release(title_en="", title_de="Nur Deutsch", original_language="fr")
    (_lastmod, alternates), *_ = urls(client, "releases").values()
    assert alternates["x-default"] == "http://testserver" + release.url_in("de")
    assert set(alternates) == {"de", "x-default"}


def test_themes_speakers_and_partnerships_with_their_languages(client, world):
    themes = urls(client, "themes")
    assert set(themes) == {
        "http://testserver/en/topics/ports/",
        "http://testserver/sv/topics/ports/",
    }
    _lastmod, alternates = themes["http://testserver/sv/topics/ports/"]
    assert alternates == {
        "en": "http://testserver/en/topics/ports/",
        "sv": "http://testserver/sv/topics/ports/",
        "x-default": "http://testserver/en/topics/ports/",
    }
    # A speaker's page lists the quotes in every language.
    speakers = urls(client, "speakers")
    assert len(speakers) == len(LANGUAGE_CODES)
    _lastmod, alternates = speakers["http://testserver/el/speakers/quoted/"]
    assert set(alternates) == {*LANGUAGE_CODES, "x-default"}

    partnerships = urls(client, "partnerships")
    assert list(partnerships) == ["http://testserver/en/partnerships/harbours/"]
    lastmod, _alternates = partnerships["http://testserver/en/partnerships/harbours/"]
    assert lastmod == timezone.localdate(world["release"].published_at).isoformat()


def test_a_theme_speaker_or_partnership_without_public_release_is_not_listed(
    client, world
):
    make_topic(slug="unused-theme")
    make_speaker(slug="unquoted")
    make_partnership(slug="no-release")
    for section in ("themes", "speakers", "partnerships"):
        body = client.get("/sitemap-%s.xml" % section).content.decode()
        for slug in ("unused-theme", "unquoted", "no-release"):
            assert slug not in body


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_a_release_that_is_not_public_is_in_no_sitemap(client, world, state):
    status, sign = NOT_PUBLIC[state]
    before = {
        path: client.get(path).content
        for path in ("/sitemap.xml", *("/sitemap-%s.xml" % s for s in SECTIONS))
    }
    secret_topic = make_topic(slug="zeppelin-theme")
    secret_speaker = make_speaker(slug="zeppelin-speaker")
    hidden = make_release(
        title_en="Zeppelin",
        slug="zeppelin-%s" % state,
        status=status,
        published_at=timezone.now() + sign * timedelta(minutes=30),
        topics=[world["topic"], secret_topic],
        speakers=[secret_speaker],
        partnership=make_partnership(slug="zeppelin-partnership"),
    )
    PressReleaseSpeaker.objects.create(release=hidden, speaker=world["speaker"])
    for path, body in before.items():
        response = client.get(path)
        assert b"zeppelin" not in response.content, (path, state)
        # Not even a lastmod moves.
        assert response.content == body, (path, state)


def test_sitemaps_run_the_same_queries_when_the_releases_double(client, world):
    paths = ("/sitemap.xml", *("/sitemap-%s.xml" % s for s in SECTIONS))

    def counts():
        found = {}
        for path in paths:
            with CaptureQueriesContext(connection) as context:
                assert client.get(path).status_code == 200
            found[path] = len(context)
        return found

    def grow(count):
        for _n in range(count):
            make_release(
                title_sv="Svensk titel",
                topics=[make_topic()],
                speakers=[make_speaker()],
                partnership=make_partnership(),
            )

    grow(3)
    before = counts()
    grow(6)
    assert counts() == before
