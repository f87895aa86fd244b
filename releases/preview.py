"""Previews of releases the public may not see yet.

Two doors, both read only, never cached and never indexed:

- staff preview any state of a release from the admin (``preview``);
- journalists open a signed, expiring link to an embargoed release
  (``embargo_preview``), made by a publisher in the admin.

A link is the release's id and an expiry time, signed with the site's secret
key (TimestampSigner, salted for this use only): it cannot be forged or
stretched, and it names nothing about the release. It opens the release only
while it is approved or published; sending the release back to draft or
withdrawing it closes every link made for it. Once the release is public the
link leads to its public page.
"""

from datetime import timedelta

from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.language_links import PageLanguages, language_links
from releases.models import PressRelease, ReleaseStatus
from releases.workflow import state_label, state_name

SALT = "releases.preview.embargo"
#: The longest a preview link can stay valid, whatever a publisher asks.
MAX_VALIDITY = timedelta(days=30)
#: How long a link stays valid after the embargo lifts: late readers land on
#: the public page instead of an error.
AFTER_LIFT = timedelta(days=2)
#: Without a publication time ahead, a link is valid for this long.
DEFAULT_VALIDITY = timedelta(days=7)
#: The states in which a link opens the release.
SHAREABLE = (ReleaseStatus.APPROVED, ReleaseStatus.PUBLISHED)


def can_share(release):
    """Whether a preview link may be made: approved or scheduled, not public."""
    return release.status in SHAREABLE and not release.is_public


def default_expiry(release, now=None):
    now = now or timezone.now()
    if release.published_at > now:
        # Compared as durations from now: a publication time near the end of
        # the calendar (31 December 9999) plus AFTER_LIFT would overflow.
        if release.published_at - now >= MAX_VALIDITY - AFTER_LIFT:
            return now + MAX_VALIDITY
        return release.published_at + AFTER_LIFT
    return now + DEFAULT_VALIDITY


def make_token(release, *, until):
    return signing.TimestampSigner(salt=SALT).sign_object(
        {"r": release.pk, "u": int(until.timestamp())}
    )


def _read_token(token):
    """The release id a valid, unexpired token names, or None."""
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(
            token, max_age=MAX_VALIDITY
        )
        release_id, until = int(data["r"]), int(data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if until <= timezone.now().timestamp():
        return None
    return release_id


def preview_url(release, *, until, language=None):
    with override(language or release.original_language):
        return reverse(
            "releases:embargo-preview",
            kwargs={"token": make_token(release, until=until)},
        )


def _languages(request, release, url_for):
    def url_in(code):
        with override(code):
            return url_for()

    links = language_links(request, release.available_languages(), url_in)
    return PageLanguages(links=links, x_default="")


def _render(request, release, *, url_for, **context):
    response = TemplateResponse(
        request,
        "releases/pressrelease_preview.html",
        {
            "release": release,
            "preview_languages": _languages(request, release, url_for),
            "lift": release.published_at
            if release.published_at > timezone.now()
            else None,
            **context,
        },
    )
    # A preview may be embargoed: no search engine, no cache, and no
    # address (with its token) sent along to the sites its links lead to.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
@never_cache
@staff_member_required
def preview(request, pk):
    """A release in any state, as it will look, for staff who may view it."""
    if not request.user.has_perm("releases.view_pressrelease"):
        raise PermissionDenied
    release = get_object_or_404(PressRelease.objects.with_detail_data(), pk=pk)
    return _render(
        request,
        release,
        url_for=lambda: reverse("releases:preview", kwargs={"pk": release.pk}),
        staff=True,
        state=state_name(release),
        state_label=state_label(release),
        admin_url=reverse("admin:releases_pressrelease_change", args=(release.pk,)),
    )


def _invalid_link(request):
    """404, saying what went wrong and naming nothing about any release."""
    response = TemplateResponse(request, "releases/preview_invalid.html", status=404)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
@never_cache
def embargo_preview(request, token):
    """An embargoed release, for whoever holds a valid link."""
    release_id = _read_token(token)
    release = None
    if release_id is not None:
        release = (
            PressRelease.objects.with_detail_data()
            .filter(pk=release_id, status__in=SHAREABLE)
            .first()
        )
    if release is None:
        return _invalid_link(request)
    if release.is_public:
        return redirect(release.get_absolute_url())
    return _render(
        request,
        release,
        url_for=lambda: reverse("releases:embargo-preview", kwargs={"token": token}),
        staff=False,
    )
