"""JSON-LD, Open Graph, Twitter card and canonical tags on a release page.

The page is read with an HTML parser, as a browser or a crawler would: a
title that closes the script element or an attribute would show up as an
extra element or attribute there, whatever the raw text looks like.
"""

import json
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from releases.models import PressRelease
from tests.factories import make_release, make_topic
from tests.images import make_release_image
from tests.users import make_publisher

pytestmark = pytest.mark.django_db

EVIL = 'Plan "A" </script><script>alert(1)</script> <!-- & <b>'
ATTRIBUTE_ATTACK = "\"><img src=x onerror=alert(2)> ' & <b>"


class Head(HTMLParser):
    """The elements of a page that matter here, as a browser parses them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts = []  # (attributes, text)
        self.meta = {}  # property or name -> list of contents
        self.links = []
        self.images = 0
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._script = (attrs, [])
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "img":
            self.images += 1

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            attrs, text = self._script
            self.scripts.append((attrs, "".join(text)))
            self._script = None


def parse(response):
    assert response.status_code == 200
    head = Head()
    head.feed(response.content.decode())
    return head


def json_ld(head):
    blocks = [
        text
        for attrs, text in head.scripts
        if attrs.get("type") == "application/ld+json"
    ]
    assert len(blocks) == 1
    return json.loads(blocks[0])


def one(head, key):
    assert len(head.meta.get(key, [])) == 1, key
    return head.meta[key][0]


def canonical(head):
    return [link["href"] for link in head.links if link.get("rel") == "canonical"]


def test_json_ld_is_the_news_article_of_the_release(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    climate = make_topic(slug="b-climate", name_en="Climate", name_sv="Klimat")
    cities = make_topic(slug="a-cities", name_en="Cities")
    release = make_release(
        title_en="A plan for cities",
        lead_en="The lead.",
        title_sv="En plan för städer",
        topics=[climate, cities],
    )
    make_release_image(release, alt_en="The mayor")
    release.refresh_from_db()

    head = parse(client.get(release.url_in("en")))

    url = "http://testserver" + release.url_in("en")
    image = one(head, "og:image")
    assert image.startswith("http://testserver/media/")
    newsroom = {
        "@type": "Organization",
        "name": "Newsroom",
        "url": "http://testserver/",
        "logo": "http://testserver/static/img/favicon.svg",
    }
    assert json_ld(head) == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "A plan for cities",
        "description": "The lead.",
        "datePublished": release.published_at.isoformat(),
        "dateModified": release.updated_at.isoformat(),
        "inLanguage": "en",
        "author": newsroom,
        "publisher": newsroom,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "about": [
            {"@type": "Thing", "name": "Cities"},
            {"@type": "Thing", "name": "Climate"},
        ],
        "image": [image],
    }
    assert canonical(head) == [url]
    assert one(head, "og:type") == "article"
    assert one(head, "og:title") == "A plan for cities"
    assert one(head, "og:description") == "The lead."
    assert one(head, "og:url") == url
    assert one(head, "og:locale") == "en_GB"
    assert head.meta["og:locale:alternate"] == ["sv_SE"]
    assert one(head, "og:image:alt") == "The mayor"
    assert one(head, "twitter:card") == "summary_large_image"
    assert one(head, "twitter:image") == image
    assert one(head, "twitter:title") == "A plan for cities"


def test_json_ld_speaks_the_visitors_language(client):
    topic = make_topic(name_en="Climate", name_sv="Klimat")
    release = make_release(title_sv="Svensk titel", lead_sv="Svensk ingress.")
    release.topics.set([topic])

    head = parse(client.get(release.url_in("sv")))

    data = json_ld(head)
    assert data["headline"] == "Svensk titel"
    assert data["description"] == "Svensk ingress."
    assert data["inLanguage"] == "sv"
    assert data["about"] == [{"@type": "Thing", "name": "Klimat"}]
    assert data["url"] == "http://testserver" + release.url_in("sv")
    assert one(head, "og:locale") == "sv_SE"
    assert one(head, "twitter:card") == "summary"
    assert "og:image" not in head.meta


def test_a_title_cannot_close_the_script_element(client):
    release = make_release(title_en=EVIL, lead_en=EVIL)

    response = client.get(release.get_absolute_url())
    head = parse(response)

    # One script element only, holding all of the title: "</script>" in the
    # text did not end it, and no <script> of the title's became an element.
    assert [attrs for attrs, _text in head.scripts] == [{"type": "application/ld+json"}]
    assert json_ld(head)["headline"] == EVIL
    assert json_ld(head)["description"] == EVIL
    assert "<script>alert(1)" not in response.content.decode()
    assert "<!--" not in head.scripts[0][1]


def test_every_meta_attribute_is_escaped(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    topic = make_topic(name_en=ATTRIBUTE_ATTACK)
    release = make_release(
        title_en=ATTRIBUTE_ATTACK, lead_en=ATTRIBUTE_ATTACK, topics=[topic]
    )
    make_release_image(release, alt_en=ATTRIBUTE_ATTACK)

    head = parse(client.get(release.get_absolute_url()))

    # The whole value came back as one attribute: nothing broke out of it.
    for key in ("og:title", "twitter:title", "og:image:alt"):
        assert one(head, key) == ATTRIBUTE_ATTACK
    for key in ("og:description", "twitter:description"):
        assert one(head, key).startswith(ATTRIBUTE_ATTACK[:20])
    assert head.images == 1  # the release's own picture, not the attack's
    assert json_ld(head)["about"] == [{"@type": "Thing", "name": ATTRIBUTE_ATTACK}]


def test_date_modified_follows_the_last_change(client):
    release = make_release()
    later = timezone.now() + timedelta(minutes=5)
    PressRelease.objects.filter(pk=release.pk).update(updated_at=later)

    data = json_ld(parse(client.get(release.get_absolute_url())))

    assert data["datePublished"] == release.published_at.isoformat()
    assert data["dateModified"] == later.isoformat()


def test_fallback_page_says_the_language_shown(client):
    release = make_release(title_en="Only English")

    head = parse(client.get(release.url_in("sv")))

    assert json_ld(head)["inLanguage"] == "en"
    assert one(head, "og:locale") == "en_GB"
    assert "og:locale:alternate" not in head.meta
    assert canonical(head) == ["http://testserver" + release.url_in("sv")]


@pytest.mark.parametrize("language", ["en", "sv"])
def test_a_preview_carries_no_structured_data(client, language):
    release = make_release(
        title_en="Embargoed plan",
        published_at=timezone.now() + timedelta(days=2),
    )
    client.force_login(make_publisher())
    with translation.override(language):
        url = reverse("releases:preview", kwargs={"pk": release.pk})

    head = parse(client.get(url))

    assert one(head, "robots") == "noindex, nofollow"
    assert not [s for s in head.scripts if s[0].get("type") == "application/ld+json"]
    assert canonical(head) == []
    assert not [key for key in head.meta if key.startswith(("og:", "twitter:"))]
