"""robots.txt: the public site is open, the admin and previews are not."""

import urllib.robotparser

import pytest
from django.urls import reverse
from django.utils import translation

from core.languages import LANGUAGE_CODES


@pytest.fixture
def robots(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(response.content.decode().splitlines())
    return parser, response.content.decode()


def test_robots_txt_points_to_the_sitemap_with_an_absolute_address(robots):
    parser, _text = robots
    assert parser.site_maps() == ["http://testserver/sitemap.xml"]


def test_robots_txt_keeps_the_admin_and_the_previews_out_in_every_language(robots):
    parser, _text = robots
    assert not parser.can_fetch("*", "http://testserver/admin/")
    for code in LANGUAGE_CODES:
        with translation.override(code):
            public = reverse("releases:list")
            preview = reverse("releases:preview", kwargs={"pk": 7})
            embargo = reverse("releases:embargo-preview", kwargs={"token": "abc"})
        assert parser.can_fetch("*", "http://testserver" + public), code
        assert not parser.can_fetch("*", "http://testserver" + preview), code
        assert not parser.can_fetch("*", "http://testserver" + embargo), code
    assert parser.can_fetch("*", "http://testserver/sitemap.xml")
