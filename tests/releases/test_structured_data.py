"""JSON-LD, Open Graph and canonical tags on a public release page."""

import json
import re
from html import unescape

import pytest

from tests.factories import make_release, make_topic

pytestmark = pytest.mark.django_db

EVIL = 'Plan "A" </script><script>alert(1)</script> & <b>'


def json_ld(html):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    assert len(blocks) == 1
    return json.loads(blocks[0])


def meta(html, prop):
    found = re.search(
        r'<meta (?:property|name)="%s" content="([^"]*)">' % re.escape(prop), html
    )
    return unescape(found.group(1)) if found else None


def test_news_article_fields_and_escaping(client):
    topic = make_topic(name_en="Climate")
    release = make_release(
        title_en=EVIL, lead_en="The lead", title_sv="Svensk titel", topics=[topic]
    )
    html = client.get(release.url_in("en")).content.decode()
    assert "<script>alert(1)" not in html
    data = json_ld(html)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == EVIL
    assert data["description"] == "The lead"
    assert data["inLanguage"] == "en"
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Newsroom"
    assert data["about"] == [{"@type": "Thing", "name": "Climate"}]
    url = "http://testserver" + release.url_in("en")
    assert data["url"] == url
    assert data["mainEntityOfPage"]["@id"] == url
    assert data["datePublished"].startswith(str(release.published_at.year))
    assert meta(html, "og:title") == EVIL
    assert meta(html, "og:url") == url
    assert meta(html, "og:locale") == "en_GB"
    assert meta(html, "og:locale:alternate") == "sv_SE"
    assert meta(html, "twitter:card") == "summary"
    assert '<link rel="canonical" href="%s">' % url in html


def test_fallback_page_says_the_language_shown(client):
    release = make_release(title_en="Only English")
    html = client.get(release.url_in("sv")).content.decode()
    assert json_ld(html)["inLanguage"] == "en"
    assert meta(html, "og:locale") == "en_GB"
    assert (
        '<link rel="canonical" href="http://testserver%s">' % release.url_in("sv")
        in html
    )
