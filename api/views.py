"""The open API, read only, at /api/v1/: releases and what they are about.

django-ninja turns the typed operations below into the OpenAPI 3.1 document
at /api/v1/openapi.json (and its browsable docs at /api/v1/docs). What the
public may see is decided as everywhere else: releases come from
``PressRelease.objects.published()``; themes, speakers, partnerships and
organisations from their ``public()`` querysets, so nothing an embargoed
release brings shows before the lift. CORS, rate limits and conditional GET
are api/middleware.py's, around every response of this API.

Each operation runs a fixed number of queries whatever the page size and
however many languages a release has: related rows are prefetched, and the
translations are columns of the rows already read.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext, override
from modeltranslation.utils import build_localized_fieldname
from ninja import Field, NinjaAPI, Query, Router, Schema, Status

from api import cursor, schemas, search
from core.languages import LANGUAGE_CODES
from core.sanitize import clean_html
from partnerships.models import Organisation, Partnership
from releases.models import PressRelease, PressReleaseSpeaker, Speaker, Topic

DESCRIPTION = """Press releases, news and statements of the Newsroom, in the
official languages of the European Union: published content only, read only.
Lists of releases are paginated by an opaque cursor; every response carries an
ETag and a Last-Modified date for conditional requests. Requests are limited
per client address (see the 429 responses and their Retry-After header)."""

api = NinjaAPI(
    title="Newsroom API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
)

#: Answers every operation may give besides its own.
COMMON = {429: schemas.Error}
LIST = {**COMMON, 400: schemas.Error, 422: schemas.ValidationErrors}
DETAIL = {**COMMON, 404: schemas.Error}


def texts(obj, field):
    """A translated field as {language: text}, only where it has text."""
    found = {}
    for code in LANGUAGE_CODES:
        value = getattr(obj, build_localized_fieldname(field, code)) or ""
        if value:
            found[code] = value
    return found


def absolute(request, path):
    return request.build_absolute_uri(path)


def page_url(request, obj, language=None):
    with override(language or settings.LANGUAGE_CODE):
        return absolute(request, obj.get_absolute_url())


def file_url(request, field):
    return absolute(request, field.url) if field else None


# Themes, speakers, partnerships, organisations ------------------------------


def theme_ref(request, topic):
    return {
        "slug": topic.slug,
        "name": texts(topic, "name"),
        "api_url": absolute(request, reverse("api:theme", args=[topic.slug])),
    }


def theme_out(request, topic):
    return {
        "slug": topic.slug,
        "name": texts(topic, "name"),
        "description": texts(topic, "description"),
        "release_count": topic.release_count,
        "url": page_url(request, topic),
        "api_url": absolute(request, reverse("api:theme", args=[topic.slug])),
        "releases_url": releases_url(request, theme=topic.slug),
    }


def speaker_out(request, speaker):
    return {
        "slug": speaker.slug,
        "name": speaker.name,
        "role": texts(speaker, "role"),
        "country": speaker.country,
        "political_group": speaker.political_group,
        "organisation": speaker.organisation.slug if speaker.organisation else None,
        "photo": file_url(request, speaker.photo),
        "photo_alt": texts(speaker, "photo_alt"),
        "url": page_url(request, speaker),
        "api_url": absolute(request, reverse("api:speaker", args=[speaker.slug])),
        "releases_url": releases_url(request, speaker=speaker.slug),
    }


def partnership_out(request, partnership):
    return {
        "slug": partnership.slug,
        "name": texts(partnership, "name"),
        "description": texts(partnership, "description"),
        "kind": partnership.kind,
        "status": partnership.status,
        "launched_on": partnership.launched_on,
        "partners": sorted(partner.slug for partner in partnership.partners.all()),
        "url": page_url(request, partnership),
        "api_url": absolute(
            request, reverse("api:partnership", args=[partnership.slug])
        ),
        "releases_url": releases_url(request, partnership=partnership.slug),
    }


def organisation_out(request, organisation):
    return {
        "slug": organisation.slug,
        "name": texts(organisation, "name"),
        "acronym": texts(organisation, "acronym"),
        "kind": organisation.kind,
        "website": organisation.website,
        "logo": file_url(request, organisation.logo),
        "logo_alt": texts(organisation, "logo_alt"),
        "api_url": absolute(
            request, reverse("api:organisation", args=[organisation.slug])
        ),
    }


def public_themes():
    return Topic.objects.public().with_release_counts().order_by("slug")


def public_speakers():
    return Speaker.objects.public().select_related("organisation").order_by("slug")


def public_partnerships():
    return Partnership.objects.public().prefetch_related("partners").order_by("slug")


def public_organisations():
    return Organisation.objects.public().order_by("slug")


themes = Router(tags=["themes"])
speakers = Router(tags=["speakers"])
partnerships = Router(tags=["partnerships"])
organisations = Router(tags=["organisations"])


@themes.get("/", response={200: list[schemas.ThemeOut], **COMMON}, url_name="themes")
def list_themes(request):
    """Themes with at least one public release, by slug."""
    return [theme_out(request, topic) for topic in public_themes()]


@themes.get("/{slug}", response={200: schemas.ThemeOut, **DETAIL}, url_name="theme")
def get_theme(request, slug: str):
    return theme_out(request, get_object_or_404(public_themes(), slug=slug))


@speakers.get(
    "/", response={200: list[schemas.SpeakerOut], **COMMON}, url_name="speakers"
)
def list_speakers(request):
    """Speakers quoted in at least one public release, by slug."""
    return [speaker_out(request, speaker) for speaker in public_speakers()]


@speakers.get(
    "/{slug}", response={200: schemas.SpeakerOut, **DETAIL}, url_name="speaker"
)
def get_speaker(request, slug: str):
    return speaker_out(request, get_object_or_404(public_speakers(), slug=slug))


@partnerships.get(
    "/",
    response={200: list[schemas.PartnershipOut], **COMMON},
    url_name="partnerships",
)
def list_partnerships(request):
    """Partnerships and initiatives with at least one public release."""
    return [partnership_out(request, p) for p in public_partnerships()]


@partnerships.get(
    "/{slug}", response={200: schemas.PartnershipOut, **DETAIL}, url_name="partnership"
)
def get_partnership(request, slug: str):
    partnership = get_object_or_404(public_partnerships(), slug=slug)
    return partnership_out(request, partnership)


@organisations.get(
    "/",
    response={200: list[schemas.OrganisationOut], **COMMON},
    url_name="organisations",
)
def list_organisations(request):
    """Organisations a public release names, through its partnership or a
    speaker it quotes."""
    return [organisation_out(request, o) for o in public_organisations()]


@organisations.get(
    "/{slug}",
    response={200: schemas.OrganisationOut, **DETAIL},
    url_name="organisation",
)
def get_organisation(request, slug: str):
    organisation = get_object_or_404(public_organisations(), slug=slug)
    return organisation_out(request, organisation)


# Releases -------------------------------------------------------------------

releases = Router(tags=["releases"])

#: Page sizes a client may ask for.
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class ReleaseFilters(Schema):
    theme: str | None = Field(None, description="A theme's slug.")
    kind: schemas.Kind | None = None
    year: int | None = Field(None, ge=1900, le=2999)
    month: int | None = Field(None, ge=1, le=12, description="Needs ``year``.")
    speaker: str | None = Field(None, description="A speaker's slug.")
    partnership: str | None = Field(None, description="A partnership's slug.")
    language: schemas.Language | None = Field(
        None,
        description="Only releases that exist in this language, with their "
        "title and lead in it (and ``q`` searching it). Without it, each "
        "release's title and lead are in its original language.",
    )
    q: str | None = Field(
        None, min_length=1, max_length=200, description="Words to search for."
    )
    cursor: str | None = Field(None, description="A ``next_cursor`` given before.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def releases_url(request, **params):
    return absolute(request, reverse("api:releases") + "?" + urlencode(params))


def filtered_releases(filters):
    queryset = PressRelease.objects.published()
    if filters.theme:
        queryset = queryset.filter(topics__slug=filters.theme)
    if filters.kind:
        queryset = queryset.of_kind(filters.kind)
    if filters.year:
        queryset = queryset.filter(published_at__year=filters.year)
    if filters.month:
        queryset = queryset.filter(published_at__month=filters.month)
    if filters.speaker:
        queryset = queryset.filter(quotes__speaker__slug=filters.speaker)
    if filters.partnership:
        queryset = queryset.filter(partnership__slug=filters.partnership)
    if filters.language:
        # Untranslated columns may hold NULL or "": neither is greater.
        title = build_localized_fieldname("title", filters.language)
        queryset = queryset.filter(**{title + "__gt": ""})
    if filters.q:
        queryset = search.matching(queryset, filters.q, filters.language)
    return queryset


def modified_at(release):
    return max(release.published_at, release.updated_at)


def release_summary(request, release, language=None):
    language = language or release.original_language
    title = release.localized("title", language)
    return {
        "slug": release.slug,
        "reference": release.reference,
        "kind": release.kind,
        "language": title.language,
        "title": str(title),
        "lead": str(release.localized("lead", title.language)),
        "original_language": release.original_language,
        "languages": release.available_languages(),
        "published_at": release.published_at,
        "modified_at": modified_at(release),
        "themes": [topic.slug for topic in release.topics.all()],
        "speakers": [quote.speaker.slug for quote in release.quotes.all()],
        "partnership": release.partnership.slug if release.partnership else None,
        "url": absolute(request, release.url_in(title.language)),
        "api_url": absolute(request, reverse("api:release", args=[release.slug])),
    }


@releases.get("/", response={200: schemas.ReleasePage, **LIST}, url_name="releases")
def list_releases(request, filters: Query[ReleaseFilters]):
    """Public releases, newest first, with the public list's filters.

    Follow ``next`` (or pass ``next_cursor`` as ``cursor`` with the same
    filters) for the next page, until it is null.
    """
    if filters.month and not filters.year:
        return Status(400, {"detail": gettext("Give a year with the month.")})
    queryset = filtered_releases(filters).order_by(*cursor.ORDER)
    if filters.cursor:
        try:
            queryset = cursor.after(queryset, filters.cursor)
        except cursor.InvalidCursor:
            message = gettext(
                "This cursor was not given by this API, or was changed: "
                "start again from the first page."
            )
            return Status(400, {"detail": message})
    found = list(
        queryset.select_related("partnership").prefetch_related(
            "topics",
            Prefetch(
                "quotes", queryset=PressReleaseSpeaker.objects.select_related("speaker")
            ),
        )[: filters.limit + 1]
    )
    page, more = found[: filters.limit], len(found) > filters.limit
    next_cursor = cursor.encode(page[-1]) if more else None
    next_url = None
    if next_cursor:
        query = request.GET.copy()
        query["cursor"] = next_cursor
        next_url = absolute(request, request.path + "?" + query.urlencode())
    return {
        "items": [release_summary(request, r, filters.language) for r in page],
        "next_cursor": next_cursor,
        "next": next_url,
    }


def release_text(request, release, code):
    def text(field):
        return getattr(release, build_localized_fieldname(field, code)) or ""

    return {
        "title": text("title"),
        "lead": text("lead"),
        "body": clean_html(text("body")),
        "more_information": clean_html(text("more_information")),
        "url": absolute(request, release.url_in(code)),
    }


@releases.get(
    "/{slug}", response={200: schemas.ReleaseDetail, **DETAIL}, url_name="release"
)
def get_release(request, slug: str):
    """One public release in every language it exists in, with what it is about."""
    release = get_object_or_404(
        PressRelease.objects.published()
        .select_related("partnership")
        .prefetch_related(
            "topics",
            "tags",
            "images",
            "partnership__partners",
            Prefetch(
                "quotes",
                queryset=PressReleaseSpeaker.objects.select_related(
                    "speaker__organisation"
                ),
            ),
        ),
        slug=slug,
    )
    quotes = list(release.quotes.all())
    partnership = release.partnership
    named = {}
    if partnership:
        named.update((o.pk, o) for o in partnership.partners.all())
    named.update(
        (q.speaker.organisation.pk, q.speaker.organisation)
        for q in quotes
        if q.speaker.organisation
    )
    return {
        "slug": release.slug,
        "reference": release.reference,
        "kind": release.kind,
        "original_language": release.original_language,
        "published_at": release.published_at,
        "modified_at": modified_at(release),
        "translations": {
            code: release_text(request, release, code)
            for code in release.available_languages()
        },
        "themes": [theme_ref(request, topic) for topic in release.topics.all()],
        "quotes": [
            {
                "speaker": {
                    "slug": q.speaker.slug,
                    "name": q.speaker.name,
                    "api_url": absolute(
                        request, reverse("api:speaker", args=[q.speaker.slug])
                    ),
                },
                "role": texts(q, "role"),
                "quote": texts(q, "quote"),
            }
            for q in quotes
            if not q.mentioned
        ],
        "speakers": [
            speaker_out(request, q.speaker)
            for q in sorted(quotes, key=lambda q: q.mentioned)
        ],
        "mentioned": [
            {
                "slug": q.speaker.slug,
                "name": q.speaker.name,
                "api_url": absolute(
                    request, reverse("api:speaker", args=[q.speaker.slug])
                ),
            }
            for q in quotes
            if q.mentioned
        ],
        "partnership": partnership_out(request, partnership) if partnership else None,
        "organisations": [
            organisation_out(request, o)
            for o in sorted(named.values(), key=lambda o: o.slug)
        ],
        "tags": sorted(tag.name for tag in release.tags.all()),
        "images": [
            {
                "url": absolute(request, image.image.url),
                "width": image.width,
                "height": image.height,
                "alt": texts(image, "alt"),
                "caption": texts(image, "caption"),
                "credit": image.credit,
            }
            for image in release.images.all()
        ],
        "api_url": absolute(request, reverse("api:release", args=[release.slug])),
    }


api.add_router("/releases/", releases)
api.add_router("/themes/", themes)
api.add_router("/speakers/", speakers)
api.add_router("/partnerships/", partnerships)
api.add_router("/organisations/", organisations)
