"""Template helpers for the public site: language links and visible fallback."""

import re

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import override

from core.language_links import PageLanguages, language_links
from core.languages import LANGUAGE_CODES, native_name
from core.localized import Localized

register = template.Library()


@register.filter
def lang_attr(value):
    """`` lang="sv"`` when ``value`` is a fallback, so the text is read right.

    Anything else (text in the page's own language, a plain string) gives
    nothing: the <html lang> already says it.
    """
    if isinstance(value, Localized) and value.is_fallback:
        return format_html(' lang="{}"', value.language)
    return ""


@register.filter
def tel_href(phone):
    """``+32 2 282 22 11`` -> ``+3222822211`` for a tel: link."""
    return re.sub(r"[^0-9+]", "", str(phone))


@register.simple_tag
def fallback_notices(*values):
    """The fallback values among ``values``, one per language shown instead."""
    seen, notices = set(), []
    for value in values:
        fallback = isinstance(value, Localized) and value.is_fallback
        if fallback and value.language not in seen:
            seen.add(value.language)
            notices.append(value)
    return notices


@register.simple_tag(takes_context=True)
def other_versions(context, release, shown):
    """Links to the release in each language it exists in but the one shown.

    For the fallback notice: a reader shown the English of a release they
    asked for in Swedish may read French or German better.
    """
    language = shown.language if isinstance(shown, Localized) else shown
    codes = [code for code in release.available_languages() if code != language]
    return language_links(context["request"], codes, release.url_in)


def _same_page_in(request, code):
    """This page's address in ``code``, query string included."""
    match = request.resolver_match
    try:
        if match is None:
            raise NoReverseMatch
        with override(code):
            url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        with override(code):
            return reverse("releases:home")
    query = request.GET.urlencode()
    return "%s?%s" % (url, query) if query else url


@register.simple_tag(takes_context=True)
def page_languages(context, release=None):
    """The languages to offer on this page.

    A release page offers only the languages the release exists in, each
    leading to the same release. A page about one translated thing (a topic,
    a partnership: views put it in the context as ``page_object``) offers
    the languages its name exists in; every other page offers all 24, since
    it lists what exists in each.
    """
    request = context["request"]
    if release:
        codes = release.available_languages()
        links = language_links(request, codes, release.url_in)
        default = release.original_language
        if default not in codes and codes:
            default = codes[0]
        x_default = request.build_absolute_uri(release.url_in(default))
        return PageLanguages(links=links, x_default=x_default)

    page_object = context.get("page_object")
    codes = page_object.available_languages("name") if page_object else []
    # A thing named in no language at all still has a page: offer them all.
    codes = codes or LANGUAGE_CODES
    links = language_links(request, codes, lambda code: _same_page_in(request, code))
    default = settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in codes else codes[0]
    x_default = request.build_absolute_uri(_same_page_in(request, default))
    return PageLanguages(links=links, x_default=x_default)


@register.filter
def native_language(code):
    """A language's name in that language: ``sv`` -> ``svenska``."""
    return native_name(code)


@register.filter
def iso8601(value):
    """A <time datetime> value in the site's time zone, to the second.

    HTML allows at most three digits of fractional seconds; isoformat() would
    give six.
    """
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")
