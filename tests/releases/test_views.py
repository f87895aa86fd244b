"""The public site as a visitor sees it, in Swedish, English and others."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone, translation

from core.languages import LANGUAGE_CODES, translated_name
from releases.models import PressRelease, PressReleaseSpeaker
from tests.factories import (
    make_area,
    make_contact,
    make_draft,
    make_future,
    make_organisation,
    make_partnership,
    make_release,
    make_speaker,
    make_topic,
)

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
SEED_DATE = datetime(2020, 12, 12, 10, 0, tzinfo=BRUSSELS)

_case = SimpleTestCase()
assert_contains = _case.assertContains
assert_not_contains = _case.assertNotContains


def url(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def html(response):
    return response.content.decode()


def switcher_links(response):
    """(hreflang, href) of each link in the page's language switcher."""
    page = html(response)
    start = page.index('id="language-switcher"')
    block = page[start : page.index("</nav>", start)]
    return re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" lang="\2"', block)


def alternates(response):
    found = re.findall(
        r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html(response)
    )
    return dict(found)


@pytest.fixture
def seed():
    """The seed release and what surrounds it, in Swedish and English."""
    topic = make_topic(
        slug="migration",
        name_en="Migration, asylum and integration of migrants",
        name_sv="Migration, asyl och integration av migranter",
    )
    president = make_speaker(
        name="Apostolos Tzitzikostas",
        slug="apostolos-tzitzikostas",
        country="EL",
        political_group="EPP",
        role_en="Member",
        role_sv="Ledamot",
    )
    commission = make_organisation(
        slug="european-commission",
        name_en="European Commission",
        name_sv="Europeiska kommissionen",
        website="https://commission.europa.eu/",
    )
    initiative = make_partnership(
        slug="cities-and-regions-for-integration",
        kind="initiative",
        name_en="Cities and Regions for Integration",
        name_sv="Städer och regioner för integration",
    )
    partnership = make_partnership(
        slug="partnership-for-integration",
        name_en="Partnership for integration",
        name_sv="Partnerskap för integration",
        builds_on=initiative,
    )
    partnership.partners.add(commission)
    make_area(
        partnership,
        title_en="Open and regular dialogue",
        title_sv="Öppen och regelbunden dialog",
    )
    release = make_release(
        slug="cor-and-commission-launch-a-partnership",
        original_language="sv",
        title_sv="ReK och kommissionen lanserar ett partnerskap",
        title_en="CoR and Commission launch a partnership",
        lead_sv="Ett nytt partnerskap för integration.",
        lead_en="A new partnership for integration.",
        body_sv="<p>Tre huvudområden:</p><ul><li>Bygga upp en dialog.</li></ul>",
        body_en="<p>Three main areas:</p><ul><li>Build a dialogue.</li></ul>",
        more_information_en='<p><a href="https://cor.europa.eu/">CoR</a></p>',
        more_information_sv='<p><a href="https://cor.europa.eu/">ReK</a></p>',
        published_at=SEED_DATE,
        topics=[topic],
        tags=["integration"],
        partnership=partnership,
    )
    PressReleaseSpeaker.objects.create(
        release=release,
        speaker=president,
        role_en="President of the European Committee of the Regions",
        role_sv="Europeiska regionkommitténs ordförande",
        quote_en="Migration is an issue for the whole EU.",
        quote_sv="Migration är en fråga för hela EU.",
    )
    make_contact(
        release,
        name="Lauri Ouvinen",
        role_en="Spokesperson of the President",
        role_sv="Ordförandens talesperson",
        email="lauri.ouvinen@cor.europa.eu",
        phone="+32 473 53 68 87",
    )
    return {
        "release": release,
        "topic": topic,
        "speaker": president,
        "partnership": partnership,
        "initiative": initiative,
        "organisation": commission,
    }


# Every public page, with what a visitor must find on it in each language.
TITLE = {
    "sv": "ReK och kommissionen lanserar ett partnerskap",
    "en": "CoR and Commission launch a partnership",
}
TOPIC = {
    "sv": "Migration, asyl och integration av migranter",
    "en": "Migration, asylum and integration of migrants",
}
PARTNERSHIP = {"sv": "Partnerskap för integration", "en": "Partnership for integration"}
PAGES = {
    "home": (lambda s: ("releases:home", {}), (TITLE, TOPIC)),
    "list": (lambda s: ("releases:list", {}), (TITLE,)),
    "archive-year": (
        lambda s: ("releases:archive-year", {"year": "2020"}),
        (TITLE,),
    ),
    "archive-month": (
        lambda s: ("releases:archive-month", {"year": "2020", "month": "12"}),
        (TITLE,),
    ),
    "detail": (
        lambda s: (
            "releases:detail",
            {
                "year": "2020",
                "month": "12",
                "day": "12",
                "slug": s["release"].slug,
            },
        ),
        (TITLE, TOPIC, PARTNERSHIP),
    ),
    "topics": (lambda s: ("releases:topics", {}), (TOPIC,)),
    "topic": (lambda s: ("releases:topic", {"slug": "migration"}), (TOPIC, TITLE)),
    "speakers": (lambda s: ("releases:speakers", {}), ()),
    "speaker": (
        lambda s: ("releases:speaker", {"slug": "apostolos-tzitzikostas"}),
        (TITLE,),
    ),
    "partnerships": (lambda s: ("partnerships:list", {}), (PARTNERSHIP,)),
    "partnership": (
        lambda s: ("partnerships:detail", {"slug": "partnership-for-integration"}),
        (PARTNERSHIP, TITLE),
    ),
}


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_public_page_answers_in_the_visitors_language(
    client, seed, page, language
):
    route, expected = PAGES[page]
    name, kwargs = route(seed)
    response = client.get(url(language, name, **kwargs))

    assert response.status_code == 200
    assert_contains(response, '<html lang="%s">' % language)
    for text in expected:
        assert_contains(response, text[language])
    if page.startswith("speaker"):
        assert_contains(response, "Apostolos Tzitzikostas (EL–EPP)")


@pytest.mark.parametrize("page", PAGES)
def test_every_public_page_has_one_h1_landmarks_and_a_skip_link(client, seed, page):
    name, kwargs = PAGES[page][0](seed)
    page_html = html(client.get(url("en", name, **kwargs)))

    assert page_html.count("<h1") == 1
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in page_html
    assert '<main id="main"' in page_html
    assert "<header" in page_html and "<footer" in page_html
    assert '<nav class="site-nav" aria-label="Main">' in page_html


@pytest.mark.parametrize("page", PAGES)
def test_no_page_loads_anything_from_outside_the_site(client, seed, page):
    name, kwargs = PAGES[page][0](seed)
    page_html = html(client.get(url("en", name, **kwargs)))

    loaded = re.findall(
        r'<(?:script|img|link rel="stylesheet")[^>]*(?:src|href)="([^"]+)"', page_html
    )
    assert loaded, "expected at least the stylesheet"
    assert all(address.startswith("/") for address in loaded), loaded


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("sv-SE,sv;q=0.9,en;q=0.5", "/sv/"), ("ja,zh;q=0.5", "/en/"), (None, "/en/")],
)
def test_root_sends_visitors_to_their_preferred_language(
    client, accept_language, expected
):
    extra = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    response = client.get("/", **extra)

    assert response.status_code == 302
    assert response["Location"] == expected


# A release page.


def test_release_page_shows_every_part_of_the_release(client, seed):
    related = make_release(title_en="An earlier related release")
    seed["release"].related.add(related)
    response = client.get(seed["release"].url_in("en"))

    assert_contains(response, '<article class="release">')
    assert_contains(response, '<span class="kind">Press release</span>', html=True)
    assert_contains(
        response,
        '<time datetime="2020-12-12T10:00:00+01:00">Dec. 12, 2020</time>',
        html=True,
    )
    assert_contains(
        response,
        '<a href="/en/topics/migration/">%s</a>' % TOPIC["en"],
        html=True,
    )
    assert_contains(response, "A new partnership for integration.")
    # The sanitised body is rendered as HTML, not escaped.
    assert_contains(response, "<ul>\n<li>Build a dialogue.</li>\n</ul>")
    assert_contains(
        response,
        '<a href="/en/speakers/apostolos-tzitzikostas/">'
        "Apostolos Tzitzikostas (EL–EPP)</a>",
        html=True,
    )
    # The role at the time, not the current one.
    assert_contains(response, "President of the European Committee of the Regions")
    assert_not_contains(response, '<span class="role">Member</span>', html=True)
    assert_contains(response, "Migration is an issue for the whole EU.")
    assert_contains(
        response,
        '<a href="/en/partnerships/partnership-for-integration/">%s</a>'
        % PARTNERSHIP["en"],
        html=True,
    )
    assert_contains(response, "More information")
    assert_contains(response, '<a href="https://cor.europa.eu/"')
    assert_contains(response, "Lauri Ouvinen")
    assert_contains(response, "Spokesperson of the President")
    assert_contains(
        response,
        '<a href="mailto:lauri.ouvinen@cor.europa.eu">lauri.ouvinen@cor.europa.eu</a>',
        html=True,
    )
    assert_contains(
        response, '<a href="tel:+32473536887">+32 473 53 68 87</a>', html=True
    )
    assert_contains(response, "<li>integration</li>", html=True)
    assert_contains(response, "Related releases")
    assert_contains(response, "An earlier related release")


def test_release_page_in_swedish_reads_swedish_with_a_swedish_date(client, seed):
    response = client.get(seed["release"].url_in("sv"))

    assert_contains(response, "<h1>%s</h1>" % TITLE["sv"], html=True)
    assert_contains(response, "12 december 2020")
    assert_contains(response, "<li>Bygga upp en dialog.</li>")
    assert_contains(response, "Europeiska regionkommitténs ordförande")
    assert_contains(response, "Migration är en fråga för hela EU.")
    assert_contains(response, "Ordförandens talesperson")
    assert_not_contains(response, 'class="fallback-notice"')


def test_speaker_without_a_role_at_the_time_shows_their_current_role(client):
    speaker = make_speaker(role_en="Mayor of Lampedusa")
    release = make_release(speakers=[speaker])

    assert_contains(
        client.get(release.url_in("en")),
        '<span class="role">Mayor of Lampedusa</span>',
        html=True,
    )


def test_a_speaker_only_mentioned_is_listed_apart_from_the_quotes(
    client, django_assert_num_queries
):
    quoted = make_speaker(name="Anna Berg", role_en="Mayor of Uppsala")
    named = make_speaker(name="Carl Ek", role_en="Rapporteur")
    release = make_release()
    PressReleaseSpeaker.objects.create(
        release=release, speaker=quoted, quote_en="We are ready.", position=0
    )
    PressReleaseSpeaker.objects.create(
        release=release, speaker=named, mentioned=True, position=1
    )

    client.get(release.url_in("en"))  # fill the cached themes and calendar
    with django_assert_num_queries(6):  # as test_queries budgets a release page
        response = client.get(release.url_in("en"))

    content = response.content.decode()
    quotes = content[content.index('id="speakers-heading"') :]
    quotes = quotes[: quotes.index("</section>")]
    mentions = content[content.index('id="mentioned-heading"') :]
    mentions = mentions[: mentions.index("</section>")]
    assert "Anna Berg" in quotes and "We are ready." in quotes
    assert "Carl Ek" not in quotes
    assert ">Also named in this release</h2>" in mentions
    assert "Carl Ek" in mentions and "Anna Berg" not in mentions
    assert_contains(
        response,
        '<li><a href="%s">%s</a>, <span class="role">Rapporteur</span></li>'
        % (named.get_absolute_url(), named.display_name),
        html=True,
    )


def test_a_release_naming_nobody_has_no_mentioned_section(client):
    release = make_release(speakers=[make_speaker()])
    assert "mentioned-heading" not in client.get(release.url_in("en")).content.decode()


def test_dated_address_uses_the_brussels_date_not_utc(client):
    # 23:30 UTC on the 11th is 00:30 on the 12th in Brussels.
    release = make_release(
        slug="after-midnight",
        published_at=datetime(2020, 12, 11, 23, 30, tzinfo=ZoneInfo("UTC")),
    )

    assert release.url_in("en") == "/en/releases/2020/12/12/after-midnight/"
    assert client.get("/en/releases/2020/12/12/after-midnight/").status_code == 200
    assert client.get("/en/releases/2020/12/11/after-midnight/").status_code == 404


def test_archives_file_releases_under_the_brussels_year_and_month(client):
    # 23:30 UTC on 31 December 2020 is already 2021 in Brussels.
    make_release(
        title_en="New Year release",
        published_at=datetime(2020, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC")),
    )
    make_release(title_en="December release", published_at=SEED_DATE)

    assert_contains(client.get("/en/releases/2021/"), "New Year release")
    assert_contains(client.get("/en/releases/2021/01/"), "New Year release")
    assert_not_contains(client.get("/en/releases/2020/12/"), "New Year release")
    assert_contains(client.get("/en/releases/2020/12/"), "December release")


def test_a_day_archive_lists_that_brussels_day_with_its_neighbours(client):
    make_release(
        title_en="Just after midnight",
        published_at=datetime(2020, 12, 11, 23, 30, tzinfo=ZoneInfo("UTC")),
    )
    make_release(title_en="At ten", published_at=SEED_DATE)
    make_release(
        title_en="The day before",
        published_at=datetime(2020, 12, 9, 9, tzinfo=BRUSSELS),
    )
    make_draft(title_en="A draft that day", published_at=SEED_DATE)

    response = client.get("/en/releases/2020/12/12/")

    assert_contains(response, "<h1>Releases of Dec. 12, 2020</h1>", html=True)
    assert_contains(response, "Just after midnight")
    assert_contains(response, "At ten")
    assert_not_contains(response, "The day before")
    assert_not_contains(response, "A draft that day")
    assert_contains(
        response,
        '<a href="/en/releases/2020/12/09/" rel="prev">Dec. 9, 2020</a>',
        html=True,
    )
    assert client.get("/en/releases/2020/12/10/").status_code == 404
    swedish = client.get("/sv/releases/2020/12/12/")
    assert_contains(swedish, "12 december 2020")


def test_year_archive_links_its_months(client):
    make_release(published_at=SEED_DATE)
    make_release(published_at=datetime(2020, 3, 5, 12, tzinfo=BRUSSELS))

    response = client.get("/en/releases/2020/")

    assert_contains(response, '<a href="/en/releases/2020/03/">March</a>', html=True)
    assert_contains(response, '<a href="/en/releases/2020/12/">December</a>', html=True)


@pytest.mark.parametrize(
    "address",
    [
        "/en/releases/2020/13/",
        "/en/releases/2020/1/",
        "/en/releases/20/",
        "/en/releases/2020/12/32/anything/",
        "/en/releases/2020/12/12/no-such-release/",
        "/en/topics/no-such-topic/",
        "/en/speakers/no-such-speaker/",
    ],
)
def test_addresses_that_lead_nowhere_are_404_with_a_helpful_page(client, seed, address):
    response = client.get(address)

    assert response.status_code == 404
    assert_contains(response, "<h1>Page not found</h1>", status_code=404, html=True)
    assert_contains(response, 'href="/en/"', status_code=404)


# Releases that are not public: 404 and invisible everywhere (and on every
# address there is: tests/test_leaks.py).


def _in(status):
    return lambda **overrides: make_draft(status=status, **overrides)


# Every state of the workflow that is not public; "future" is a published
# release whose time has not come (scheduled).
UNPUBLISHED = {
    "draft": make_draft,
    "in-review": _in(PressRelease.Status.REVIEW),
    "approved": _in(PressRelease.Status.APPROVED),
    "withdrawn": _in(PressRelease.Status.WITHDRAWN),
    "future": make_future,
}


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("state", UNPUBLISHED)
def test_unpublished_release_page_is_404(client, state, language):
    hidden = UNPUBLISHED[state](title_en="Hidden", title_sv="Dold")

    response = client.get(hidden.url_in(language))

    assert response.status_code == 404
    assert_not_contains(response, "Hidden", status_code=404)
    assert_not_contains(response, "Dold", status_code=404)


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_archive_of_a_year_with_only_unpublished_releases_is_404(client, state):
    hidden = UNPUBLISHED[state](published_at=timezone.now() + timedelta(days=400))
    if state != "future":
        PressRelease.objects.filter(pk=hidden.pk).update(published_at=SEED_DATE)

    assert client.get("/en/releases/2020/").status_code == 404
    assert client.get("/en/releases/2020/12/").status_code == 404


@pytest.fixture
def public_and_hidden(request):
    """A public release and an unpublished one, filed alike, in one month."""
    topic = make_topic(slug="theme", name_en="The theme")
    speaker = make_speaker(slug="quoted", name="Quoted Person")
    partnership = make_partnership(slug="joint-work")
    now = timezone.now()
    public = make_release(
        title_en="Visible release",
        published_at=now - timedelta(minutes=1),
        topics=[topic],
        speakers=[speaker],
        partnership=partnership,
    )
    when = now - timedelta(minutes=1) if request.param != "future" else None
    hidden = UNPUBLISHED[request.param](
        title_en="Unpublished release",
        topics=[topic],
        speakers=[speaker],
        partnership=partnership,
        **({"published_at": when} if when else {}),
    )
    if request.param == "future":
        PressRelease.objects.filter(pk=hidden.pk).update(
            published_at=now + timedelta(minutes=10)
        )
    public.related.add(hidden)
    return public


def _surface(public):
    local = timezone.localtime(public.published_at)
    year, month = "%04d" % local.year, "%02d" % local.month
    return {
        "home": "/en/",
        "list": "/en/releases/",
        "list-by-theme": "/en/releases/?topic=theme",
        "archive-year": "/en/releases/%s/" % year,
        "archive-month": "/en/releases/%s/%s/" % (year, month),
        "topics": "/en/topics/",
        "topic": "/en/topics/theme/",
        "speakers": "/en/speakers/",
        "speaker": "/en/speakers/quoted/",
        "partnerships": "/en/partnerships/",
        "partnership": "/en/partnerships/joint-work/",
        "related-block": public.url_in("en"),
    }


SURFACES = (
    "home",
    "list",
    "list-by-theme",
    "archive-year",
    "archive-month",
    "topics",
    "topic",
    "speakers",
    "speaker",
    "partnerships",
    "partnership",
    "related-block",
)
INDEXES = {"topics", "speakers", "partnerships"}
COUNTED = {"home", "list", "topics", "topic", "speakers", "speaker", "partnerships"}


@pytest.mark.parametrize("public_and_hidden", UNPUBLISHED, indirect=True)
@pytest.mark.parametrize("surface", SURFACES)
def test_unpublished_release_appears_in_no_list_archive_count_or_related_block(
    client, public_and_hidden, surface
):
    response = client.get(_surface(public_and_hidden)[surface])

    assert response.status_code == 200
    if surface not in INDEXES:
        assert_contains(response, "Visible release")
    assert_not_contains(response, "Unpublished release")
    assert_not_contains(response, "2 releases")
    if surface in COUNTED:
        assert_contains(response, "1 release")
    if surface == "related-block":
        assert_not_contains(response, "Related releases")


def test_speaker_quoted_only_in_unpublished_releases_is_not_listed(client):
    make_draft(speakers=[make_speaker(name="Embargoed Speaker")])
    make_future(speakers=[make_speaker(name="Future Speaker")])

    response = client.get("/en/speakers/")

    assert_not_contains(response, "Embargoed Speaker")
    assert_not_contains(response, "Future Speaker")


def test_speaker_quoted_only_in_unpublished_releases_has_no_page(client):
    embargoed = make_speaker(name="Embargoed Speaker", slug="embargoed")
    make_draft(speakers=[embargoed])
    make_future(speakers=[make_speaker(name="Future Speaker", slug="future")])
    make_speaker(name="Never Quoted", slug="never-quoted")

    for slug, name in (
        ("embargoed", "Embargoed Speaker"),
        ("future", "Future Speaker"),
        ("never-quoted", "Never Quoted"),
    ):
        response = client.get("/en/speakers/%s/" % slug)
        assert_not_contains(response, name, status_code=404)

    make_release(speakers=[embargoed])
    assert client.get("/en/speakers/embargoed/").status_code == 200


def test_home_lists_only_themes_with_published_releases(client):
    make_release(topics=[make_topic(name_en="Lively theme")])
    make_draft(topics=[make_topic(name_en="Draft-only theme")])

    response = client.get("/en/")

    assert_contains(response, "Lively theme")
    assert_not_contains(response, "Draft-only theme")


# Languages: the switcher, hreflang alternates, visible fallback.


def test_release_switcher_lists_only_its_languages_each_to_the_same_release(client):
    release = make_release(
        slug="three-languages",
        original_language="de",
        title_de="Drei Sprachen",
        title_en="Three languages",
        title_sv="Tre språk",
        published_at=SEED_DATE,
    )

    response = client.get(release.url_in("fr"))

    assert switcher_links(response) == [
        ("/de/releases/2020/12/12/three-languages/", "de"),
        ("/en/releases/2020/12/12/three-languages/", "en"),
        ("/sv/releases/2020/12/12/three-languages/", "sv"),
    ]
    for target, code in switcher_links(response):
        assert target == release.url_in(code)
        assert_contains(client.get(target), '<html lang="%s">' % code)
    assert_contains(
        response,
        '<a href="/de/releases/2020/12/12/three-languages/" hreflang="de" '
        'lang="de">Deutsch</a>',
        html=True,
    )
    assert_contains(response, ">svenska</a>")


def test_release_in_its_own_language_marks_that_language_current(client, seed):
    response = client.get(seed["release"].url_in("sv"))

    assert_contains(
        response,
        '<a href="%s" hreflang="sv" lang="sv" aria-current="page">svenska</a>'
        % seed["release"].url_in("sv"),
        html=True,
    )


@pytest.mark.parametrize("page", ["home", "list", "topics", "speaker", "partnerships"])
def test_other_pages_offer_all_24_languages_each_to_the_same_page(client, seed, page):
    name, kwargs = PAGES[page][0](seed)

    response = client.get(url("sv", name, **kwargs) + "?page=1")

    links = switcher_links(response)
    assert [code for _target, code in links] == list(LANGUAGE_CODES)
    for target, code in links:
        assert target == url(code, name, **kwargs) + "?page=1"


@pytest.mark.parametrize("page", ["topic", "partnership"])
def test_a_topic_or_partnership_offers_the_languages_of_its_name(client, seed, page):
    name, kwargs = PAGES[page][0](seed)
    # Named in German too now; in no other language than en, sv, de.
    thing = seed[page]
    thing.name_de = "Auf Deutsch"
    thing.save()

    response = client.get(url("fr", name, **kwargs) + "?page=1")

    assert switcher_links(response) == [
        (url(code, name, **kwargs) + "?page=1", code) for code in ("de", "en", "sv")
    ]
    found = alternates(response)
    assert set(found) == {"de", "en", "sv", "x-default"}
    assert (
        found["x-default"]
        == "http://testserver" + url("en", name, **kwargs) + "?page=1"
    )


def test_release_hreflang_alternates_are_absolute_with_original_as_default(
    client, seed
):
    release = seed["release"]

    found = alternates(client.get(release.url_in("de")))

    assert found == {
        "en": "http://testserver" + release.url_in("en"),
        "sv": "http://testserver" + release.url_in("sv"),
        "x-default": "http://testserver" + release.url_in("sv"),
    }


def test_other_pages_have_alternates_in_every_language(client, seed):
    found = alternates(client.get("/sv/releases/"))

    assert set(found) == {*LANGUAGE_CODES, "x-default"}
    assert found["fi"] == "http://testserver/fi/releases/"
    assert found["x-default"] == "http://testserver/en/releases/"


def test_english_visitor_of_a_swedish_only_release_is_told_and_text_marked(client):
    release = make_release(
        original_language="sv",
        title_en="",
        lead_en="",
        body_en="",
        title_sv="Bara på svenska",
        lead_sv="En ingress.",
        body_sv="<p>Brödtext.</p>",
    )

    response = client.get(release.url_in("en"))

    assert_contains(response, '<h1 lang="sv">Bara på svenska</h1>', html=True)
    assert_contains(
        response,
        '<p class="fallback-notice" role="note">'
        "Not available in English; shown in Swedish.</p>",
        html=True,
    )
    assert_contains(response, '<p class="release__lead" lang="sv">En ingress.</p>')
    assert_contains(response, '<div class="release__body" lang="sv"><p>Brödtext.</p>')
    # One notice, however many fields fell back to the same language.
    assert html(response).count('class="fallback-notice"') == 1


@pytest.mark.parametrize(
    ("visitor", "original", "shown"),
    [
        ("sv", "en", "en"),  # Swedish visitor, English release
        # A third language falls back to English before the original: more
        # readers read English than the author's language (issue 9, point 5).
        ("de", "sv", "en"),
        ("fr", "de", "en"),  # original missing: English
    ],
)
def test_fallback_is_announced_in_the_visitors_language(
    client, visitor, original, shown
):
    texts = {"en": "English text", "sv": "Svensk text", "de": "Deutscher Text"}
    # The "fr" case: a German original that has no German title.
    available = {"en"} if original == "de" else {original, "en"}
    titles = {"title_%s" % code: texts[code] for code in available}
    release = make_release(original_language=original, **titles)

    response = client.get(release.url_in(visitor))

    assert_contains(response, '<html lang="%s">' % visitor)
    assert_contains(
        response, '<h1 lang="%s">%s</h1>' % (shown, texts[shown]), html=True
    )
    with translation.override(visitor):
        requested_name, shown_name = translated_name(visitor), translated_name(shown)
    notice = re.search(
        r'<p class="fallback-notice"[^>]*>(.*?)</p>', html(response), re.S
    )
    assert notice, "no fallback notice"
    assert requested_name in notice.group(1) and shown_name in notice.group(1)


def test_more_information_in_a_fallback_language_is_announced_in_its_own_section(
    client,
):
    release = make_release(
        original_language="sv",
        title_sv="Svensk titel",
        lead_sv="Svensk ingress.",
        body_sv="<p>Svensk brödtext.</p>",
        more_information_sv="",
        more_information_en='<p><a href="https://cor.europa.eu/">CoR</a></p>',
    )

    page = html(client.get(release.url_in("sv")))

    # The title and body are Swedish: no notice above them, one in the block.
    main_part, more_part = page.split('id="more-heading"', 1)
    assert 'class="fallback-notice"' not in main_part
    assert more_part.count('class="fallback-notice"') == 1
    assert '<div lang="en"><p><a href="https://cor.europa.eu/"' in more_part


def test_text_in_the_visitors_language_carries_no_lang_attribute(client, seed):
    response = client.get(seed["release"].url_in("en"))

    assert_contains(response, "<h1>%s</h1>" % TITLE["en"], html=True)
    assert_not_contains(response, 'class="fallback-notice"')


def test_lists_mark_fallback_titles_and_theme_names_with_their_language(client):
    topic = make_topic(slug="only-swedish", name_en="", name_sv="Bara svenskt tema")
    make_release(
        original_language="sv",
        title_en="",
        title_sv="Svensk rubrik",
        topics=[topic],
    )

    for address in ("/en/", "/en/releases/", "/en/topics/only-swedish/"):
        response = client.get(address)
        assert_contains(
            response, '<h2 class="card__title" lang="sv">', msg_prefix=address
        )
        assert_contains(response, "In Swedish", msg_prefix=address)
        assert_contains(
            response,
            '<a href="/en/topics/only-swedish/" lang="sv">Bara svenskt tema</a>',
            html=True,
            msg_prefix=address,
        )


def test_language_names_and_dates_follow_the_active_language(client):
    make_release(
        title_de="Deutsche Pressemitteilung",
        published_at=SEED_DATE,
    )

    response = client.get("/de/releases/2020/12/")

    assert_contains(response, '<html lang="de">')
    assert_contains(response, "12. Dezember 2020")
    # The switcher names each language in that language.
    assert_contains(response, 'lang="sv">svenska</a>')
    assert_contains(response, 'lang="el">ελληνικά</a>')


# Pagination and filters.


def test_release_list_shows_20_a_page_newest_first(client):
    start = timezone.now() - timedelta(days=30)
    for n in range(21):
        make_release(
            title_en="Release %02d" % n,
            published_at=start + timedelta(hours=n),
        )

    first = client.get("/en/releases/")
    second = client.get("/en/releases/?page=2")

    assert html(first).count('<article class="card">') == 20
    assert html(first).index("Release 20") < html(first).index("Release 19")
    assert_not_contains(first, "Release 00")
    assert_contains(first, "Page 1 of 2")
    assert_contains(first, '<a href="?page=2" rel="next">Older releases</a>', html=True)
    assert html(second).count('<article class="card">') == 1
    assert_contains(second, "Release 00")
    assert_contains(
        second, '<a href="?page=1" rel="prev">Newer releases</a>', html=True
    )
    assert client.get("/en/releases/?page=3").status_code == 404


@pytest.mark.parametrize(
    "address",
    ["/en/topics/paged/", "/en/speakers/paged/", "/en/releases/?kind=news"],
)
def test_paginated_pages_keep_their_filter_and_split_at_the_page_size(
    client, settings, address
):
    settings.NEWSROOM_PAGE_SIZE = 2
    topic, speaker = make_topic(slug="paged"), make_speaker(slug="paged")
    for n in range(3):
        make_release(
            title_en="Paged %d" % n,
            kind="news",
            topics=[topic],
            speakers=[speaker],
            published_at=timezone.now() - timedelta(days=n + 1),
        )

    first = client.get(address)
    second = client.get(address + ("&" if "?" in address else "?") + "page=2")

    assert html(first).count('<article class="card">') == 2
    assert html(second).count('<article class="card">') == 1
    assert_contains(second, "Paged 2")
    if "kind=news" in address:
        assert_contains(first, 'href="?kind=news&amp;page=2"')


@pytest.fixture
def filterable():
    migration = make_topic(slug="migration", name_en="Migration")
    make_topic(slug="climate", name_en="Climate")
    make_release(
        title_en="Migration news of 2019",
        kind="news",
        topics=[migration],
        published_at=datetime(2019, 6, 1, 12, tzinfo=BRUSSELS),
    )
    make_release(
        title_en="Migration release of 2020",
        topics=[migration],
        published_at=SEED_DATE,
    )
    make_release(title_en="A statement", kind="statement", published_at=SEED_DATE)


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("", {"Migration news of 2019", "Migration release of 2020", "A statement"}),
        (
            "?topic=&kind=&year=",
            {"Migration news of 2019", "Migration release of 2020", "A statement"},
        ),
        ("?topic=migration", {"Migration news of 2019", "Migration release of 2020"}),
        ("?kind=statement", {"A statement"}),
        ("?year=2019", {"Migration news of 2019"}),
        ("?topic=migration&year=2020", {"Migration release of 2020"}),
        ("?topic=migration&kind=statement", set()),
    ],
)
def test_release_list_filters_by_theme_kind_and_year(client, filterable, query, shown):
    every = {"Migration news of 2019", "Migration release of 2020", "A statement"}

    response = client.get("/en/releases/" + query)

    assert response.status_code == 200
    for title in shown:
        assert_contains(response, title)
    for title in every - shown:
        assert_not_contains(response, title)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?topic=no-such-theme", "There is no theme “no-such-theme”."),
        ("?kind=rumour", "There is no kind “rumour”."),
        ("?year=last", "Enter a year such as 2020."),
        ("?year=99999", "Enter a year such as 2020."),
        ("?topic=%3Cscript%3E", "There is no theme “&lt;script&gt;”."),
    ],
)
def test_bad_filter_is_a_400_that_says_what_is_wrong(
    client, filterable, query, message
):
    response = client.get("/en/releases/" + query)

    assert_contains(response, message, status_code=400)
    assert_contains(response, 'role="alert"', status_code=400)
    assert_not_contains(response, "Migration release of 2020", status_code=400)
    assert_not_contains(response, "<script>", status_code=400)


def test_filter_form_offers_themes_by_name_in_the_visitors_language(client):
    make_release(
        topics=[make_topic(slug="climate", name_en="Climate", name_sv="Klimat")]
    )

    response = client.get("/sv/releases/")

    assert_contains(response, '<option value="climate">Klimat</option>', html=True)


def test_filter_form_offers_no_theme_without_a_public_release(client, filterable):
    make_future(topics=[make_topic(slug="embargoed", name_en="Embargoed theme")])

    response = client.get("/en/releases/")
    refused = client.get("/en/releases/?topic=embargoed")

    assert_contains(response, '<option value="migration">Migration</option>', html=True)
    assert_not_contains(response, "Embargoed theme")
    assert_not_contains(response, "Climate")  # a theme of no release at all
    assert_contains(refused, "There is no theme “embargoed”.", status_code=400)


# Escaping: what editors type is text, never markup.

HOSTILE = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.mark.parametrize("surface", ["detail", "home", "list", "topic", "speaker"])
def test_markup_in_titles_and_names_is_shown_escaped(client, surface):
    topic = make_topic(slug="hostile", name_en=HOSTILE)
    speaker = make_speaker(slug="hostile", name=HOSTILE)
    release = make_release(
        title_en=HOSTILE, lead_en=HOSTILE, topics=[topic], speakers=[speaker]
    )
    address = {
        "detail": release.url_in("en"),
        "home": "/en/",
        "list": "/en/releases/",
        "topic": "/en/topics/hostile/",
        "speaker": "/en/speakers/hostile/",
    }[surface]

    response = client.get(address)

    assert_contains(response, ESCAPED)
    assert_not_contains(response, HOSTILE)


def test_script_in_a_body_never_reaches_the_page(client):
    release = make_release(body_en="<p>Safe</p><script>alert(1)</script>")

    response = client.get(release.url_in("en"))

    assert_contains(response, "<p>Safe</p>")
    assert_not_contains(response, "alert(1)")


# Speakers.


def test_speaker_page_shows_who_they_are_and_their_quotes(client, seed):
    organisation = make_organisation(name_en="European Committee of the Regions")
    seed["speaker"].organisation = organisation
    seed["speaker"].save()

    response = client.get("/en/speakers/apostolos-tzitzikostas/")

    assert_contains(response, "<h1>Apostolos Tzitzikostas (EL–EPP)</h1>", html=True)
    assert_contains(response, "European Committee of the Regions")
    assert_contains(response, "Greece")
    assert_contains(response, "Quoted in 1 release")
    assert_contains(response, "Migration is an issue for the whole EU.")
    assert_contains(response, '<h3 class="card__title">')


def test_speakers_index_links_each_quoted_speaker_with_a_count(client, seed):
    response = client.get("/en/speakers/")

    assert_contains(
        response,
        '<a href="/en/speakers/apostolos-tzitzikostas/">'
        "Apostolos Tzitzikostas (EL–EPP)</a>",
        html=True,
    )
    assert_contains(response, "quoted in 1 release")


# Topics.


def test_topics_index_lists_every_theme_with_its_published_count(client, seed):
    make_topic(slug="empty", name_en="A theme without releases")

    response = client.get("/en/topics/")

    assert_contains(
        response,
        '<a href="/en/topics/migration/">%s</a>' % TOPIC["en"],
        html=True,
    )
    assert_contains(response, "A theme without releases")
    assert_contains(response, "0 releases")


def test_topic_page_shows_its_description_and_only_its_releases(client, seed):
    topic = seed["topic"]
    topic.description_en = "How cities and regions welcome newcomers."
    topic.save()
    make_release(title_en="Off-topic release")

    response = client.get("/en/topics/migration/")

    assert_contains(response, "How cities and regions welcome newcomers.")
    assert_contains(response, TITLE["en"])
    assert_not_contains(response, "Off-topic release")


def test_unknown_address_outside_any_language_gets_the_404_page(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="sv")

    assert response.status_code == 404
    assert_contains(response, '<html lang="sv">', status_code=404)
    # No page to translate: the switcher leads to each language's home.
    assert ("/de/", "de") in switcher_links(response)
