"""What the API answers, as pydantic schemas: the OpenAPI document's source.

Every output schema forbids fields it does not declare, so the published
schema says ``additionalProperties: false`` and the tests, which validate
every response against it, notice a field added without being documented.
Translated texts are objects keyed by language code, holding only the
languages the text exists in.
"""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from core.languages import LANGUAGE_CODES
from partnerships.models import OrganisationKind, PartnershipKind, PartnershipStatus
from releases.models import ReleaseKind

Language = Literal[LANGUAGE_CODES]
Kind = Literal[tuple(ReleaseKind.values)]
Translations = dict[str, str]


class Out(Schema):
    model_config = ConfigDict(extra="forbid")


class Error(Out):
    detail: str = Field(description="What is wrong, for a person to read.")


class ValidationErrors(Out):
    detail: list[dict] = Field(description="One entry per parameter refused.")


class OrganisationOut(Out):
    slug: str
    name: Translations
    acronym: Translations
    kind: Literal[tuple(OrganisationKind.values)]
    website: str = Field(description="Empty when unknown.")
    logo: str | None = Field(description="Absolute URL of the logo, or null.")
    logo_alt: Translations
    api_url: str


class ThemeOut(Out):
    slug: str
    name: Translations
    description: Translations
    release_count: int = Field(description="Public releases filed under it.")
    url: str = Field(description="Its public page, in English.")
    api_url: str
    releases_url: str = Field(description="Its releases, in this API.")


class ThemeRef(Out):
    slug: str
    name: Translations
    api_url: str


class SpeakerRef(Out):
    slug: str
    name: str
    api_url: str


class SpeakerOut(Out):
    slug: str
    name: str
    role: Translations = Field(description="The current role.")
    country: str = Field(description="Member-state code as the EU writes it.")
    political_group: str
    organisation: str | None = Field(description="The organisation's slug.")
    photo: str | None
    photo_alt: Translations
    url: str
    api_url: str
    releases_url: str


class PartnershipOut(Out):
    slug: str
    name: Translations
    description: Translations
    kind: Literal[tuple(PartnershipKind.values)]
    status: Literal[tuple(PartnershipStatus.values)]
    launched_on: date | None
    partners: list[str] = Field(description="Slugs of the partner organisations.")
    url: str
    api_url: str
    releases_url: str


class ReleaseSummary(Out):
    slug: str
    reference: str
    kind: Kind
    language: Language = Field(description="The language of title and lead.")
    title: str
    lead: str
    original_language: Language
    languages: list[Language] = Field(description="Languages it exists in.")
    published_at: datetime
    modified_at: datetime
    themes: list[str] = Field(description="Slugs of its themes.")
    speakers: list[str] = Field(description="Slugs of the speakers it quotes or names.")
    partnership: str | None = Field(description="Slug of its partnership.")
    url: str = Field(description="Its public page in ``language``.")
    api_url: str


class ReleasePage(Out):
    items: list[ReleaseSummary]
    next_cursor: str | None = Field(
        description="Pass as ``cursor`` for the next page; null on the last."
    )
    next: str | None = Field(description="The next page's URL, or null.")


class ReleaseText(Out):
    title: str
    lead: str
    body: str = Field(description="Sanitised HTML.")
    more_information: str = Field(description="Sanitised HTML.")
    url: str = Field(description="Its public page in this language.")


class QuoteOut(Out):
    speaker: SpeakerRef
    role: Translations = Field(description="Their role when quoted.")
    quote: Translations


class ImageOut(Out):
    url: str
    width: int | None
    height: int | None
    alt: Translations
    caption: Translations
    credit: str


class ReleaseDetail(Out):
    slug: str
    reference: str
    kind: Kind
    original_language: Language
    published_at: datetime
    modified_at: datetime
    translations: dict[str, ReleaseText] = Field(
        description="By language code: only the languages it exists in."
    )
    themes: list[ThemeRef]
    quotes: list[QuoteOut] = Field(description="Who is quoted, saying what.")
    speakers: list[SpeakerOut] = Field(
        description="Everyone it quotes, then everyone it only names."
    )
    mentioned: list[SpeakerRef] = Field(
        description="People named in it without a quotation."
    )
    partnership: PartnershipOut | None
    organisations: list[OrganisationOut] = Field(
        description="Its partnership's partners and its speakers' organisations."
    )
    tags: list[str]
    images: list[ImageOut]
    api_url: str
