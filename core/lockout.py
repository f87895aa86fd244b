"""Hooks for django-axes: who is knocking, and what a locked-out person sees."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers


def client_ip(request):
    """The visitor's address, as the outermost trusted proxy saw it.

    Behind TRUSTED_PROXY_COUNT proxies that each append to X-Forwarded-For,
    the visitor is that many entries from the right; anything further left
    was sent by the client and could be forged. Without proxies, or when the
    header is shorter than it should be, REMOTE_ADDR is the answer.
    """
    count = settings.NEWSROOM_TRUSTED_PROXY_COUNT
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login form while a login is locked out.

    429 Too Many Requests, never cached, in the editor's language, saying how
    long to wait and who can lift it sooner.
    """
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(
        request,
        "axes/lockout.html",
        {
            **admin.site.each_context(request),
            "minutes": minutes,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
        status=429,
    )
    add_never_cache_headers(response)
    return response
