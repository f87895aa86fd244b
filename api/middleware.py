"""What every answer of the open API shares: rate limit, CORS, conditional GET.

In a middleware rather than in each operation, so that they hold for every
response under /api/v1/, the OpenAPI document, 404s and validation errors
included, and so that a refused request costs no query at all.
"""

import hashlib
import math
import time

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.db.models import Max, Q
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language_from_request, gettext, override
from reversion.models import Revision

from core.lockout import client_ip

#: Read only: the only methods the API answers, and so all CORS allows.
METHODS = ("GET", "HEAD", "OPTIONS")
#: Headers a cross-origin script may send (the conditional ones are not
#: CORS-safelisted) and read (the rest are).
ALLOW_HEADERS = "If-None-Match, If-Modified-Since"
EXPOSE_HEADERS = (
    "ETag, Last-Modified, Retry-After, RateLimit-Limit, RateLimit-Remaining, "
    "RateLimit-Reset"
)


def api_prefix():
    return reverse("api:api-root")


def content_changed_at():
    """When anything the API shows last changed, as far as the data says.

    One clock for the whole API, which is coarse but never late: the
    newest of a release saved (a withdrawal too), a release becoming public
    at its time, and an admin change or revision of anything (themes,
    speakers, partnerships, organisations, deletions included). A change
    made past all of those (raw SQL) is caught by the ETag, which is the
    content's own hash and decides first when a client sends both.
    """
    from releases.models import PressRelease

    now = timezone.now()
    releases = PressRelease.objects.aggregate(
        saved=Max("updated_at"),
        public=Max(
            "published_at",
            filter=Q(status=PressRelease.Status.PUBLISHED, published_at__lte=now),
        ),
    )
    times = [
        releases["saved"],
        releases["public"],
        LogEntry.objects.aggregate(at=Max("action_time"))["at"],
        Revision.objects.aggregate(at=Max("date_created"))["at"],
    ]
    return max((t for t in times if t), default=None)


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(api_prefix()):
            return self.get_response(request)
        response = self.limit(request) or self.answer(request)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
        return response

    def limit(self, request):
        """429 once an address has used up its requests in this window.

        It answers before LocaleMiddleware has run, so it picks the
        language of its message from the request itself, as that would.
        """
        limit = settings.NEWSROOM_API_RATE_LIMIT
        if limit <= 0:
            return None
        window = settings.NEWSROOM_API_RATE_WINDOW
        now = time.time()
        start = math.floor(now / window) * window
        key = "api-rate:%s:%d" % (client_ip(request), start)
        # add() then incr(): atomic on a shared cache, so two workers never
        # both see the same count.
        cache.add(key, 0, timeout=window + 1)
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=window + 1)
            used = 1
        reset = max(1, math.ceil(start + window - now))
        request.api_rate = (limit, max(0, limit - used), reset)
        if used <= limit:
            return None
        with override(get_language_from_request(request)):
            message = gettext(
                "Too many requests from your address: at most %(limit)d "
                "every %(window)d seconds. Try again in %(wait)d seconds."
            ) % {"limit": limit, "window": window, "wait": reset}
        response = JsonResponse({"detail": message}, status=429)
        response["Retry-After"] = str(reset)
        self.rate_headers(request, response)
        return response

    def rate_headers(self, request, response):
        rate = getattr(request, "api_rate", None)
        if rate:
            response["RateLimit-Limit"], response["RateLimit-Remaining"] = map(
                str, rate[:2]
            )
            response["RateLimit-Reset"] = str(rate[2])

    def answer(self, request):
        if request.method == "OPTIONS":
            # A CORS preflight: which methods and headers a page on any
            # other site may use. Nothing else ever needs OPTIONS here.
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ", ".join(METHODS)
            response["Access-Control-Allow-Headers"] = ALLOW_HEADERS
            response["Access-Control-Max-Age"] = "86400"
            self.rate_headers(request, response)
            return response
        if request.method not in METHODS:
            with override(get_language_from_request(request)):
                message = gettext("This API is read only.")
            response = JsonResponse({"detail": message}, status=405)
            response["Allow"] = ", ".join(METHODS)
            return response
        head = request.method == "HEAD"
        if head:
            # The API's operations are GETs; HEAD is the same answer
            # without its body.
            request.method = "GET"
        changed = content_changed_at()
        if changed and "HTTP_IF_NONE_MATCH" not in request.META:
            # Answer If-Modified-Since before any work is done.
            early = get_conditional_response(
                request, last_modified=int(changed.timestamp())
            )
            if early is not None:
                early["Last-Modified"] = http_date(changed.timestamp())
                return self.finish(request, early, head)
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming:
            digest = hashlib.sha256(response.content).hexdigest()[:32]
            response["ETag"] = '"%s"' % digest
            if changed:
                response["Last-Modified"] = http_date(changed.timestamp())
            response = get_conditional_response(
                request,
                etag=response["ETag"],
                last_modified=int(changed.timestamp()) if changed else None,
                response=response,
            )
        return self.finish(request, response, head)

    def finish(self, request, response, head):
        if head:
            request.method = "HEAD"
            response.content = b""
        self.rate_headers(request, response)
        return response
