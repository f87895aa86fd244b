"""Maltese is served like every other language.

Django ships no Maltese catalogue, and LocaleMiddleware only accepts a
language for which some catalogue exists: before locale/mt was compiled,
every /mt/ address answered 404. These tests visit the Maltese site as a
reader would, so removing or breaking the catalogue fails here.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from tests.factories import (
    make_organisation,
    make_partnership,
    make_release,
    make_speaker,
    make_topic,
)


def test_django_accepts_maltese_as_a_language():
    assert trans_real.check_for_language("mt")
    with translation.override("mt"):
        assert translation.get_language() == "mt"
        # Our own catalogue answers, not the English source.
        assert translation.gettext("Press release") == "Stqarrija għall-istampa"


@pytest.mark.parametrize(
    "count, expected",
    [
        (1, "1 stqarrija"),
        (0, "0 stqarrijiet"),
        (2, "2 stqarrijiet"),
        (10, "10 stqarrijiet"),
        # From 11 on, Maltese counts with the singular noun.
        (11, "11 stqarrija"),
        (19, "19 stqarrija"),
        (20, "20 stqarrija"),
        (102, "102 stqarrijiet"),
        (111, "111 stqarrija"),
    ],
)
def test_maltese_plural_forms(count, expected):
    with translation.override("mt"):
        text = translation.ngettext(
            "%(counter)s release", "%(counter)s releases", count
        ) % {"counter": count}
    assert text == expected


@pytest.fixture
def site(db):
    topic = make_topic(name_mt="Migrazzjoni")
    speaker = make_speaker()
    release = make_release(topics=[topic], speakers=[speaker])
    partnership = make_partnership()
    partnership.partners.add(make_organisation())
    return {
        "release": release,
        "topic": topic,
        "speaker": speaker,
        "partnership": partnership,
    }


def maltese_urls(site):
    release = site["release"]
    with translation.override("mt"):
        detail = release.get_absolute_url()
        year = detail.split("/")[3]
        return [
            reverse("releases:home"),
            reverse("releases:list"),
            reverse("releases:archive-year", kwargs={"year": year}),
            detail.rstrip("/").rsplit("/", 1)[0] + "/",
            detail,
            reverse("releases:topics"),
            reverse("releases:topic", kwargs={"slug": site["topic"].slug}),
            reverse("releases:speakers"),
            reverse("releases:speaker", kwargs={"slug": site["speaker"].slug}),
            reverse("partnerships:list"),
            reverse("partnerships:detail", kwargs={"slug": site["partnership"].slug}),
            reverse("releases:feed-rss"),
        ]


def test_every_kind_of_public_page_answers_in_maltese(client, site):
    urls = maltese_urls(site)
    assert all(url.startswith("/mt/") for url in urls), urls
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("text/html"):
            page = response.content.decode()
            assert '<html lang="mt">' in page, url
            assert "Kamra tal-Istampa" in page, url
            assert "Skip to main content" not in page, url


def test_a_maltese_reader_is_sent_to_the_maltese_site(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="mt,en;q=0.5")

    assert response.status_code == 302
    assert response["Location"] == "/mt/"


def test_the_maltese_home_page_reads_in_maltese(client, db):
    make_release(topics=[make_topic()])

    page = client.get("/mt/").content.decode()

    for maltese in (
        "Aqbeż għall-kontenut ewlieni",
        "L-aħħar stqarrijiet",
        "L-istqarrijiet kollha",
        "1 stqarrija<",
        "Stqarrija għall-istampa",
    ):
        assert maltese in page, maltese


def test_our_admin_strings_are_maltese(admin_client):
    # Django's own admin has no Maltese catalogue, so its chrome ("Log out")
    # stays English; the strings Newsroom adds are Maltese.
    page = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="mt").content.decode()

    assert "Amministrazzjoni tal-Kamra tal-Istampa" in page
    assert "Stqarrijiet għall-istampa u traduzzjonijiet" in page
