"""How long browsers and shared caches may keep a public page."""

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django.utils.cache import patch_cache_control

from releases.models import PressRelease


def seconds_until_next_due(now=None):
    """Seconds until the next scheduled release becomes public, or None."""
    now = now or timezone.now()
    due = PressRelease.objects.scheduled(now).aggregate(due=Min("published_at"))["due"]
    if due is None:
        return None
    return max(0, int((due - now).total_seconds()))


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
