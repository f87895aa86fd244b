"""Every public page type, in English, Swedish and Greek: no WCAG 2.1 AA
violation found by axe-core (issue 7, point 6).

One module fixture loads the demo, opens each page once in headless
Chromium and runs axe; each parametrised test reads one page's result.
"""

from urllib.parse import urlencode

import pytest
from django.utils import timezone

from partnerships.models import Partnership
from releases.models import PressRelease, Speaker, Topic
from tests.browser.a11y import check, demo_world, logged_in_context
from tests.browser.axe import report, violations

pytestmark = [pytest.mark.browser]

LANGUAGES = ("en", "sv", "el")


def _archive(release, kind):
    local = timezone.localtime(release.published_at)
    parts = {
        "year": "%04d/" % local.year,
        "month": "%04d/%02d/" % (local.year, local.month),
        "day": "%04d/%02d/%02d/" % (local.year, local.month, local.day),
    }
    return "releases/" + parts[kind]


def _translated_and_not(language):
    """A public release that has ``language``, and one shown with a fallback."""
    public = PressRelease.objects.published().order_by("-published_at")
    has = public.exclude(**{"title_%s" % language: ""}).exclude(
        **{"title_%s__isnull" % language: True}
    )
    lacks = public.exclude(pk__in=has.values("pk"))
    return has.first(), lacks.first()


PAGES = (
    "home",
    "list",
    "archive-year",
    "archive-month",
    "archive-day",
    "release",
    "release-fallback",
    "themes",
    "theme",
    "speakers",
    "speaker",
    "partnerships",
    "partnership",
    "search",
    "search-none",
    "404",
)


def _longest_word(release, language):
    """A word of the release's title in ``language``: search finds it."""
    title = getattr(release, "title_%s" % language) or release.title_en
    return max(title.split(), key=len).strip(".,:;!?«»“”„\"'")


def public_urls(language):
    own, fallback = _translated_and_not(language)
    topic = Topic.objects.order_by("pk").first()
    speaker = Speaker.objects.order_by("pk").first()
    partnership = Partnership.objects.order_by("pk").first()
    prefix = "/%s/" % language
    with timezone.override("Europe/Brussels"):
        urls = {
            "home": prefix,
            "list": prefix + "releases/",
            "archive-year": prefix + _archive(own, "year"),
            "archive-month": prefix + _archive(own, "month"),
            "archive-day": prefix + _archive(own, "day"),
            "release": own.url_in(language),
            "release-fallback": fallback.url_in(language) if fallback else None,
            "themes": prefix + "topics/",
            "theme": "%stopics/%s/" % (prefix, topic.slug),
            "speakers": prefix + "speakers/",
            "speaker": "%sspeakers/%s/" % (prefix, speaker.slug),
            "partnerships": prefix + "partnerships/",
            "partnership": "%spartnerships/%s/" % (prefix, partnership.slug),
            # Results with facets and snippets, and the "no results" help.
            "search": "%ssearch/?%s"
            % (prefix, urlencode({"q": _longest_word(own, language)})),
            "search-none": prefix + "search/?q=zqxjv",
            "404": prefix + "releases/no-such-page/",
        }
    return urls


@pytest.fixture(scope="module")
def checked(browser, live_server, django_db_setup, django_db_blocker):
    results = {}
    with demo_world(django_db_blocker):
        context = logged_in_context(browser, live_server)
        page = context.new_page()
        for language in LANGUAGES:
            for name, url in public_urls(language).items():
                if url is not None:
                    results[language, name] = check(page, live_server.url, url)
        context.close()
    return results


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_public_page_has_no_wcag_violation(checked, language, name):
    if (language, name) not in checked:
        # English is every demo release's fallback language, so no English
        # page shows a fallback.
        assert (language, name) == ("en", "release-fallback")
        return
    result = checked[language, name]
    assert result.status == (404 if name == "404" else 200), result.url
    assert result.violations == [], report({result.url: result.violations})


def test_the_gate_sees_a_violation(checked, browser, live_server):
    """axe really runs: an image without a text alternative is reported."""
    context = logged_in_context(browser, live_server)
    page = context.new_page()
    page.goto(live_server.url + "/en/releases/no-such-page/")
    page.evaluate(
        "document.querySelector('main, body').append(document.createElement('img'))"
    )
    found = violations(page)
    context.close()
    assert any(line.startswith("image-alt ") for line in found), found


def test_the_fallback_pages_show_a_fallback(checked):
    """The "release-fallback" pages are what they claim: shown in another language."""
    fallbacks = [checked[language, "release-fallback"] for language in ("sv", "el")]
    assert all(result.fallback for result in fallbacks), fallbacks
