"""A reader's fallback follows the reader (issue 9, point 5).

When a release does not exist in the page's language, the version shown is
the first that exists among: the reader's own languages (their browser's
Accept-Language in order, then the language they chose on the site), then
English, then the release's original language. The notice links every other
version, and lists can leave out what is not in the page's language.
"""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.languages import LANGUAGE_CODES
from releases.middleware import accepted_languages
from releases.models import PressRelease
from tests.factories import make_release, make_speaker, make_topic

pytestmark = pytest.mark.django_db

TEXTS = {
    "en": "English title",
    "fr": "Titre français",
    "de": "Deutscher Titel",
    "sv": "Svensk rubrik",
    "pl": "Polski tytuł",
}


def release_in(*languages, original=None, **extra):
    original = original or languages[0]
    titles = {"title_%s" % code: TEXTS[code] for code in languages}
    # The factory writes English; a release not in English has none.
    titles.setdefault("title_en", "")
    leads = {"lead_%s" % code: "Lead (%s)" % code for code in languages}
    leads.setdefault("lead_en", "")
    bodies = {"body_%s" % code: "<p>Body (%s)</p>" % code for code in languages}
    bodies.setdefault("body_en", "")
    return make_release(
        original_language=original, **titles, **leads, **bodies, **extra
    )


def shown_heading(response):
    """The release's <h1>: its lang attribute (None: the page's) and text."""
    match = re.search(r"<h1( lang=\"([a-z]+)\")?>(.*?)</h1>", response.content.decode())
    assert match, "no <h1>"
    return match[2], match[3]


def test_a_swedish_reader_of_a_french_release_reads_its_english_version(client):
    release = release_in("fr", "en", original="fr")

    response = client.get(release.url_in("sv"), HTTP_ACCEPT_LANGUAGE="sv")

    assert shown_heading(response) == ("en", TEXTS["en"])


def test_without_english_the_original_is_shown(client):
    release = release_in("fr", "de", original="fr")

    response = client.get(release.url_in("sv"))

    assert shown_heading(response) == ("fr", TEXTS["fr"])


@pytest.mark.parametrize(
    ("accept_language", "shown"),
    [
        ("sv, de;q=0.9, fr;q=0.8", "de"),
        ("sv, fr;q=0.9, de;q=0.8", "fr"),
        # The order is the quality, not the order in the header.
        ("de;q=0.5, fr;q=0.7", "fr"),
        # A regional variant counts as its language.
        ("de-AT", "de"),
        # Neither offered by this release: English comes before the original.
        ("pl, fi", "en"),
        # Refused languages (q=0) and languages the site does not offer.
        ("de;q=0, ja, en-GB;q=0.1", "en"),
    ],
)
def test_the_reader_s_browser_languages_come_first_in_order(
    client, accept_language, shown
):
    release = release_in("fr", "de", "en", original="fr")

    response = client.get(release.url_in("sv"), HTTP_ACCEPT_LANGUAGE=accept_language)

    assert shown_heading(response) == (shown, TEXTS[shown])


def test_a_language_chosen_on_the_site_comes_after_the_browser_s(client):
    release = release_in("fr", "de", "en", "pl", original="fr")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"

    chosen = client.get(release.url_in("sv"))
    browser_first = client.get(release.url_in("sv"), HTTP_ACCEPT_LANGUAGE="de")

    assert shown_heading(chosen) == ("pl", TEXTS["pl"])
    assert shown_heading(browser_first) == ("de", TEXTS["de"])


def test_the_page_s_own_language_always_comes_first(client):
    release = release_in("fr", "sv", "en", original="fr")

    response = client.get(release.url_in("sv"), HTTP_ACCEPT_LANGUAGE="fr, en")

    assert shown_heading(response) == (None, TEXTS["sv"])
    assert 'class="fallback-notice"' not in response.content.decode()


def test_accepted_languages_are_the_site_s_codes_best_first(rf):
    request = rf.get(
        "/", HTTP_ACCEPT_LANGUAGE="pt-BR;q=0.9, *;q=0.5, xx, sv-FI, pt;q=0.8"
    )
    request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = "mt"

    assert accepted_languages(request) == ["sv", "pt", "mt"]
    assert set(accepted_languages(request)) <= set(LANGUAGE_CODES)


def test_a_fallback_page_varies_on_the_reader_s_headers(client):
    fallback = release_in("fr", "en", original="fr")
    own_language = release_in("sv", original="sv")

    varied = client.get(fallback.url_in("sv"))
    plain = client.get(own_language.url_in("sv"))

    vary = {part.strip() for part in varied.get("Vary", "").split(",")}
    assert {"Accept-Language", "Cookie"} <= vary
    # A page that needed no fallback is the same for every reader.
    assert "Accept-Language" not in plain.get("Vary", "")


def test_the_notice_links_every_other_version(client):
    release = release_in("fr", "de", "en", original="fr")

    page = client.get(release.url_in("sv"), HTTP_ACCEPT_LANGUAGE="sv").content.decode()

    versions = re.search(r'<p class="fallback-versions">(.*?)</p>', page, re.S)
    assert versions, "no links to the other versions"
    links = re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', versions[1])
    # Every version but the English one shown, in the site's order.
    assert links == [(release.url_in("de"), "de"), (release.url_in("fr"), "fr")]
    with translation.override("sv"):
        assert translation.gettext("Also available in:") in versions[1]
    assert ">Deutsch</a>" in versions[1] and ">français</a>" in versions[1]


def test_no_version_links_without_a_fallback(client):
    release = release_in("sv", "en", original="sv")

    page = client.get(release.url_in("sv")).content.decode()

    assert 'class="fallback-versions"' not in page


# "Only releases in my language" ----------------------------------------------


def card_titles(response):
    page = response.content.decode()
    return re.findall(r'<h[23] class="card__title"[^>]*><a [^>]*>(.*?)</a>', page)


@pytest.fixture
def two_releases():
    topic = make_topic(slug="energy")
    speaker = make_speaker(slug="the-speaker")
    swedish = release_in("sv", "en", original="sv", topics=[topic], speakers=[speaker])
    french = release_in("fr", original="fr", topics=[topic], speakers=[speaker])
    return {"sv": swedish, "fr": french, "topic": topic, "speaker": speaker}


@pytest.mark.parametrize(
    "address",
    ["/sv/", "/sv/releases/", "/sv/topics/energy/", "/sv/speakers/the-speaker/"],
)
def test_lists_can_leave_out_releases_not_in_the_page_s_language(
    client, two_releases, address
):
    everything = card_titles(client.get(address))
    mine = card_titles(client.get(address + "?mine=1"))

    assert sorted(everything) == sorted([TEXTS["sv"], TEXTS["fr"]])
    assert mine == [TEXTS["sv"]]


def test_the_release_list_offers_the_filter_in_the_reader_s_language(
    client, two_releases
):
    page = client.get("/sv/releases/").content.decode()
    with translation.override("sv"):
        label = translation.gettext("Only releases in %(language)s") % {
            "language": translation.gettext("Swedish")
        }

    assert 'name="mine"' in page
    assert label in page
    assert "1 pressmeddelande" in client.get("/sv/releases/?mine=1").content.decode()


def test_the_other_lists_link_to_the_filter_and_back(client, two_releases):
    plain = client.get("/sv/topics/energy/?page=1").content.decode()
    filtered = client.get("/sv/topics/energy/?mine=1").content.decode()

    assert 'href="?mine=1"' in plain
    with translation.override("sv"):
        back = translation.gettext("Show releases in every language")
    assert back in filtered
    assert 'href="?"' in filtered or 'href=""' in filtered


def test_filtered_lists_run_no_extra_query(client, two_releases):
    for address in ("/", "/releases/", "/topics/energy/", "/speakers/the-speaker/"):
        address = "/sv" + address
        client.get(address)  # warm process-wide caches
        with CaptureQueriesContext(connection) as plain:
            client.get(address)
        with CaptureQueriesContext(connection) as mine:
            client.get(address + "?mine=1")
        assert len(mine) == len(plain), address


def test_in_language_is_a_queryset_rule():
    swedish = release_in("sv", original="sv")
    release_in("fr", original="fr")
    blank = release_in("de", original="de")
    PressRelease.objects.filter(pk=blank.pk).update(title_sv=None)

    assert list(PressRelease.objects.published().in_language("sv")) == [swedish]


def test_no_demo_release_that_exists_in_english_is_shown_in_another_language():
    call_command("load_demo", stdout=io.StringIO())
    readers = ("sv", "el", "de")
    wrong = []
    for release in PressRelease.objects.published():
        available = release.available_languages()
        for reader in readers:
            with translation.override(reader):
                shown = release.i18n.title.language
            if reader not in available and "en" in available and shown != "en":
                wrong.append((release.reference, reader, shown))
    assert wrong == []
