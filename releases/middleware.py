"""Public pages: how long caches may keep them, and whose fallback they show."""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

from core.languages import LANGUAGE_CODES
from core.localized import (
    reader_languages,
    reset_reader_languages,
    set_reader_languages,
)
from releases.cache import next_due_in


def seconds_until_next_due():
    """Seconds until the next scheduled release becomes public, or None.

    Kept with the cache's generation (releases/cache.py): one query per
    change, not one per request.
    """
    return next_due_in()


class PublicCacheControlMiddleware:
    """``Cache-Control`` for public pages: never past the next publication.

    With NEWSROOM_PUBLIC_MAX_AGE at 0, the default, a page says ``no-cache``:
    a cache must ask again every time, so a scheduled release appears, and a
    withdrawn one disappears, at that very moment. Above 0, a page may be
    kept that many seconds, but never beyond the moment the next scheduled
    release falls due, so no cached list or 404 outlives an embargo; a
    publication, withdrawal or schedule made meanwhile may take that long
    to reach cached copies. Responses that set their own header (the admin,
    previews: never_cache) are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.has_header(
            "Cache-Control"
        ):
            return response
        max_age = settings.NEWSROOM_PUBLIC_MAX_AGE
        if max_age > 0 and response.status_code < 500:
            due = seconds_until_next_due()
            max_age = max_age if due is None else min(max_age, due)
            if max_age > 0:
                patch_cache_control(response, public=True, max_age=max_age)
                return response
        patch_cache_control(response, no_cache=True)
        return response


def accepted_languages(request):
    """The site's languages the reader asked for, best first.

    Their browser's Accept-Language in order of preference ("sv-SE" counts as
    sv; languages the site does not offer, "*" and q=0 are left out), then
    the language they chose with the site's language form, if any.
    """
    codes = []
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    tags = [tag for tag, q in parse_accept_lang_header(header) if q > 0]
    tags.append(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or "")
    for tag in tags:
        if not tag or tag == "*":
            continue
        try:
            code = get_supported_language_variant(tag)
        except LookupError:
            continue
        if code in LANGUAGE_CODES and code not in codes:
            codes.append(code)
    return codes


class ReaderLanguagesMiddleware:
    """Which of the reader's languages a missing translation falls back to.

    The languages are read here, once, for core.localized to use. When a
    page did fall back, what it shows depends on Accept-Language and the
    language cookie, so it says so in Vary and no shared cache hands one
    reader's fallback to another.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_reader_languages(accepted_languages(request))
        try:
            response = self.get_response(request)
            # Template responses are rendered inside get_response(), so every
            # value the page shows has been chosen by now.
            if reader_languages().consulted:
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
        finally:
            reset_reader_languages(token)
        return response
