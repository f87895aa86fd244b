"""Whole anonymous public pages, cached per language and address.

On when NEWSROOM_PAGE_CACHE_SECONDS is above 0 (``make serve`` sets it,
with Redis as the cache every app process shares). A page is stored under
the current generation (releases/cache.py), so any publish, edit,
withdrawal, translation, import or a scheduled release falling due makes
every process miss and render afresh; an entry never lives past the next
scheduled publication.

Only what any visitor would get is stored: GET or HEAD, no session and no
logged-in user (staff, translators), not the admin or a preview, a 200 that
sets no cookie and does not ask to stay private. Everything else neither
reads nor fills the cache.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import get_language

from core.localized import reader_languages
from releases.cache import generation, seconds_left

logger = logging.getLogger(__name__)

#: Response headers worth keeping with a stored page. Vary, Cache-Control
#: and the security headers are added again by the middleware around.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link")

#: Header telling a test or a benchmark whether the page came from the cache.
STATUS_HEADER = "X-Newsroom-Cache"


def _private_prefixes():
    return (reverse("admin:index"),)


class AnonymousPageCacheMiddleware:
    """Serve and store anonymous public pages (after auth and locale)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._prefixes = None

    def _cacheable_request(self, request):
        if settings.NEWSROOM_PAGE_CACHE_SECONDS <= 0:
            return False
        if request.method not in ("GET", "HEAD"):
            return False
        if self._prefixes is None:
            self._prefixes = _private_prefixes()
        path = request.path_info
        if path.startswith(self._prefixes) or "/preview/" in path:
            return False
        if "/embargoed/" in path:
            return False
        # A session cookie means someone may be logged in (staff, a
        # translator): never serve them, or store for others, what they see.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return False
        user = getattr(request, "user", None)
        return not (user is not None and user.is_authenticated)

    @staticmethod
    def _key(request, current):
        # What a page falls back to depends on the reader's languages
        # (Accept-Language, the language cookie; core.localized), so they
        # are part of the key, as the page's Vary says.
        reader = reader_languages()
        address = "%s|%s|%s" % (
            request.get_host(),
            request.get_full_path(),
            ",".join(reader.codes) if reader else "",
        )
        digest = hashlib.sha256(address.encode()).hexdigest()[:32]
        return "newsroom:%d:page:%s:%s" % (current, get_language(), digest)

    def __call__(self, request):
        if not self._cacheable_request(request):
            return self.get_response(request)
        try:
            current, due = generation()
            key = self._key(request, current)
            stored = cache.get(key)
        except Exception:
            # Redis down or unreachable: serve the page uncached rather than
            # fail; the database still answers.
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        if stored is not None:
            status, headers, content, fell_back = stored
            if fell_back and reader_languages():
                # As when it was rendered: the page shows a fallback chosen by
                # the reader's languages, and its Vary has to say so.
                reader_languages().consulted = True
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[STATUS_HEADER] = "hit"
            return response

        response = self.get_response(request)
        timeout = seconds_left(due, settings.NEWSROOM_PAGE_CACHE_SECONDS)
        if timeout and self._cacheable_response(response):
            headers = [(h, response[h]) for h in KEPT_HEADERS if response.has_header(h)]
            try:
                reader = reader_languages()
                fell_back = bool(reader and reader.consulted)
                stored = (response.status_code, headers, response.content, fell_back)
                cache.set(key, stored, timeout)
            except Exception:
                logger.warning("Page cache unavailable", exc_info=True)
                return response
            response[STATUS_HEADER] = "miss"
        return response

    @staticmethod
    def _cacheable_response(response):
        if response.status_code != 200 or response.streaming:
            return False
        if response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        return not ("private" in cache_control or "no-store" in cache_control)
