"""The coverage matrix: recent releases against the 24 languages."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from core.languages import LANGUAGE_CODES
from releases.models import PressReleaseSpeaker
from tests.factories import make_contact, make_release, make_speaker

pytestmark = pytest.mark.django_db

COVERAGE = reverse("admin:translations_coverage")


def cells(response):
    """{(reference, language): status} of every cell."""
    return {
        (row["release"].reference, cell["code"]): cell["status"]["value"]
        for row in response.context["rows"]
        for cell in row["cells"]
    }


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_each_cell_has_the_status_of_its_release_and_language(editor_client):
    release = make_release(
        reference="COR/1",
        original_language="de",
        title_de="Titel",
        lead_de="",
        body_de="",
        title_en="Title",
        title_fr="Titre",
        title_sv="Titel",
        lead_en="",
        body_en="",
    )
    release.title_de = "Neuer Titel"
    release.save()
    release.title_sv = "Ny titel"
    release.save()

    found = cells(editor_client.get(COVERAGE))

    assert found[("COR/1", "de")] == "original"
    assert found[("COR/1", "en")] == "outdated"
    assert found[("COR/1", "fr")] == "outdated"
    assert found[("COR/1", "sv")] == "up_to_date"
    assert found[("COR/1", "fi")] == "missing"


def test_a_release_counts_its_quotes_and_contacts(editor_client):
    release = make_release(
        reference="COR/2", title_en="T", lead_en="", body_en="", title_sv="T"
    )
    PressReleaseSpeaker.objects.create(
        release=release, speaker=make_speaker(), quote_en="We act."
    )
    make_contact(release, role_en="Spokesperson", role_sv="Talesperson")

    found = cells(editor_client.get(COVERAGE))

    # The title and contact are Swedish, the quote is not: still missing.
    assert found[("COR/2", "sv")] == "missing"


def test_cells_say_their_status_in_words_and_link_to_the_translation(editor_client):
    release = make_release(reference="COR/3", title_en="T", title_sv="T")

    response = editor_client.get(COVERAGE)

    sv = reverse(
        "admin:translations_editor",
        kwargs={"model": "pressrelease", "pk": release.pk, "language": "sv"},
    )
    assertContains(response, '<a href="%s"' % sv)
    assertContains(
        response,
        '<span class="visually-hidden">'
        "Swedish: Missing (1 of 3 fields up to date)</span>",
        html=True,
    )
    # The original links to the release's own form.
    assertContains(
        response,
        '<a href="%s" title="English: Original">'
        '<span aria-hidden="true">◆</span>'
        '<span class="visually-hidden">English: Original</span></a>'
        % reverse("admin:releases_pressrelease_change", args=[release.pk]),
        html=True,
    )
    # A legend explains the colours and symbols.
    for label in ("Missing", "Outdated", "Up to date", "Original"):
        assertContains(response, "<dd>%s</dd>" % label, html=True)


def test_totals_per_language(editor_client):
    make_release(title_en="A", lead_en="", body_en="", title_sv="A", title_fi="A")
    make_release(title_en="B", lead_en="", body_en="", title_sv="B")
    make_release(title_en="C", lead_en="", body_en="")

    response = editor_client.get(COVERAGE)

    totals = {
        row["status"]["value"]: dict(zip(LANGUAGE_CODES, row["counts"], strict=True))
        for row in response.context["total_rows"]
    }
    assert totals["up_to_date"]["sv"] == 2
    assert totals["missing"]["sv"] == 1
    assert totals["up_to_date"]["fi"] == 1
    assert totals["missing"]["fi"] == 2
    assert totals["missing"]["en"] == 0


def test_newest_releases_first(editor_client):
    now = timezone.now()
    make_release(reference="OLD", published_at=now - timedelta(days=9))
    make_release(reference="NEW", published_at=now - timedelta(days=1))

    response = editor_client.get(COVERAGE)

    assert [row["release"].reference for row in response.context["rows"]] == [
        "NEW",
        "OLD",
    ]


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(COVERAGE).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_releases(editor_client):
    def add(count):
        for n in range(count):
            release = make_release(title_en="R%d" % n, title_sv="R%d" % n)
            PressReleaseSpeaker.objects.create(
                release=release, speaker=make_speaker(), quote_en="Q"
            )
            make_contact(release)
            release.title_en = "R%d changed" % n
            release.save()

    add(2)
    few = _queries(editor_client)
    add(10)
    many = _queries(editor_client)

    assert few == many


def test_only_editors_see_the_coverage(client, translator):
    client.force_login(translator)
    assert client.get(COVERAGE).status_code == 403
