"""Partnership pages: partners, areas of work, lineage and releases."""

from datetime import date, timedelta

import pytest
from django.test import SimpleTestCase
from django.utils import timezone, translation
from django.utils.translation import ngettext

from tests.factories import (
    make_area,
    make_draft,
    make_future,
    make_organisation,
    make_partnership,
    make_release,
)

pytestmark = pytest.mark.django_db

_case = SimpleTestCase()
assert_contains = _case.assertContains
assert_not_contains = _case.assertNotContains


@pytest.fixture
def partnership():
    initiative = make_partnership(
        slug="cities-and-regions-for-integration",
        kind="initiative",
        name_en="Cities and Regions for Integration",
        name_sv="Städer och regioner för integration",
        launched_on=date(2019, 1, 1),
    )
    partnership = make_partnership(
        slug="partnership-for-integration",
        name_en="Partnership for integration",
        name_sv="Partnerskap för integration",
        description_en="Supporting cities and regions in integrating migrants.",
        description_sv="Stöd till städer och regioner som integrerar migranter.",
        builds_on=initiative,
        launched_on=date(2020, 12, 12),
    )
    partnership.partners.add(
        make_organisation(
            slug="cor",
            kind="eu_body",
            name_en="European Committee of the Regions",
            acronym_en="CoR",
            name_sv="Europeiska regionkommittén",
            acronym_sv="ReK",
        ),
        make_organisation(
            slug="commission",
            kind="eu_institution",
            name_en="European Commission",
            name_sv="Europeiska kommissionen",
            website="https://commission.europa.eu/",
        ),
    )
    make_area(partnership, position=2, title_en="Improve data on integration")
    make_area(partnership, position=1, title_en="Build an open and regular dialogue")
    make_release(
        title_en="CoR and Commission launch a partnership",
        title_sv="ReK och kommissionen lanserar ett partnerskap",
        partnership=partnership,
    )
    return partnership


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            (
                "Partnership for integration",
                "Supporting cities and regions in integrating migrants.",
                "European Committee of the Regions (CoR)",
                "Cities and Regions for Integration",
                "CoR and Commission launch a partnership",
            ),
        ),
        (
            "sv",
            (
                "Partnerskap för integration",
                "Stöd till städer och regioner som integrerar migranter.",
                "Europeiska regionkommittén (ReK)",
                "Städer och regioner för integration",
                "ReK och kommissionen lanserar ett partnerskap",
            ),
        ),
    ],
)
def test_partnership_page_in_the_visitors_language(
    client, partnership, language, expected
):
    response = client.get("/%s/partnerships/partnership-for-integration/" % language)

    assert_contains(response, '<html lang="%s">' % language)
    for text in expected:
        assert_contains(response, text)
    assert response.content.decode().count("<h1") == 1


def test_partnership_page_shows_partners_areas_in_order_and_what_it_builds_on(
    client, partnership
):
    response = client.get("/en/partnerships/partnership-for-integration/")
    page = response.content.decode()

    assert_contains(
        response,
        '<a href="https://commission.europa.eu/">European Commission</a>',
        html=True,
    )
    assert_contains(response, "EU institution")
    assert page.index("Build an open and regular dialogue") < page.index(
        "Improve data on integration"
    )
    assert_contains(
        response,
        '<a href="/en/partnerships/cities-and-regions-for-integration/">'
        "Cities and Regions for Integration</a>",
        html=True,
    )
    assert_contains(response, '<time datetime="2020-12-12">Dec. 12, 2020</time>')


def test_initiative_page_shows_what_builds_on_it(client, partnership):
    response = client.get("/en/partnerships/cities-and-regions-for-integration/")

    assert_contains(response, "Continued by")
    assert_contains(
        response,
        '<a href="/en/partnerships/partnership-for-integration/">'
        "Partnership for integration</a>",
        html=True,
    )
    assert_contains(response, "No releases here yet.")


def test_partnership_list_shows_partners_lineage_and_published_counts(
    client, partnership
):
    make_draft(partnership=partnership)
    make_future(partnership=partnership)

    response = client.get("/sv/partnerships/")

    assert_contains(
        response,
        '<a href="/sv/partnerships/partnership-for-integration/">'
        "Partnerskap för integration</a>",
        html=True,
    )
    assert_contains(response, "Europeiska kommissionen")
    assert_contains(response, "Städer och regioner för integration")
    # The count is read as the Swedish visitor reads it.
    with translation.override("sv"):
        one = ngettext("%(counter)s release", "%(counter)s releases", 1) % {
            "counter": 1
        }
        three = ngettext("%(counter)s release", "%(counter)s releases", 3) % {
            "counter": 3
        }
    assert_contains(response, one)
    assert_not_contains(response, three)


@pytest.mark.parametrize("make_hidden", [make_draft, make_future])
def test_partnership_page_lists_only_published_releases(
    client, partnership, make_hidden
):
    make_hidden(title_en="Not yet public", partnership=partnership)

    response = client.get("/en/partnerships/partnership-for-integration/")

    assert_contains(response, "CoR and Commission launch a partnership")
    assert_not_contains(response, "Not yet public")


def test_partnership_releases_are_paginated(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    busy = make_partnership(slug="busy")
    for n in range(3):
        make_release(
            title_en="Joint release %d" % n,
            partnership=busy,
            published_at=timezone.now() - timedelta(days=n + 1),
        )

    first = client.get("/en/partnerships/busy/")
    second = client.get("/en/partnerships/busy/?page=2")

    assert first.content.decode().count('<article class="card">') == 2
    assert_contains(first, "Page 1 of 2")
    assert_contains(second, "Joint release 2")
    assert_not_contains(second, "Joint release 0")


def test_partnership_name_falls_back_visibly(client):
    make_partnership(slug="swedish-only", name_en="", name_sv="Bara svenskt namn")

    response = client.get("/en/partnerships/swedish-only/")

    assert_contains(response, '<h1 lang="sv">Bara svenskt namn</h1>', html=True)
    assert_contains(response, "Not available in English; shown in Swedish.")


def test_unknown_partnership_is_404(client):
    response = client.get("/en/partnerships/no-such-partnership/")

    assert response.status_code == 404
    assert_contains(response, "Page not found", status_code=404)


def test_markup_in_a_partnership_name_is_shown_escaped(client):
    make_partnership(slug="hostile", name_en='"><script>alert(1)</script>')

    for address in ("/en/partnerships/", "/en/partnerships/hostile/"):
        response = client.get(address)
        assert_not_contains(response, "<script>alert(1)</script>")
        assert_contains(response, "&quot;&gt;&lt;script&gt;")
