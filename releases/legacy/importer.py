"""Writing a parsed page of the old website: the import, in one transaction."""

import re
from dataclasses import dataclass, field
from datetime import datetime, time

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from core.languages import LANGUAGE_CODES, translated_name
from core.slugs import ascii_slugify, unique_slug
from history import revisions
from releases.legacy.parser import LegacyFormatError, Note, legacy_reference
from releases.models import (
    MEMBER_STATE_CODES,
    PressRelease,
    PressReleaseSpeaker,
    ReleaseTransition,
    Speaker,
    Topic,
)

#: Legacy pages carry a date but no time; releases went out at noon.
LEGACY_PUBLICATION_TIME = time(12, 0)


@dataclass
class ImportOutcome:
    release: PressRelease
    created: bool
    #: (topic, created) in the page's order.
    topics: list = field(default_factory=list)
    #: (speaker, created, quoted) in the order they are linked.
    speakers: list = field(default_factory=list)
    notes: list = field(default_factory=list)


@transaction.atomic
def import_legacy_release(*, parsed, language, reference=None, publish=False):
    """Create or update the release a parsed legacy page describes.

    The page's text goes into the ``language`` columns only, so importing
    the same release's page in another language (with the same
    ``reference``) adds a translation. The release is found by ``reference``
    (by default derived from the page's date and title), so importing a page
    again updates it: topics and speakers are set to what the page says,
    nothing is duplicated. A new release is a draft unless ``publish``; an
    existing one keeps its status unless ``publish``.
    """
    if language not in LANGUAGE_CODES:
        raise ValueError("Unknown language %r" % language)
    notes = list(parsed.notes)
    topics = [_topic(name) for name in parsed.themes]
    speakers = _speakers(parsed, language, notes)

    reference = reference or legacy_reference(parsed)
    release = (
        PressRelease.objects.select_for_update().filter(reference=reference).first()
    )
    created = release is None
    if created:
        release = PressRelease(reference=reference, original_language=language)
    for name in ("title", "lead", "body", "more_information"):
        setattr(
            release, build_localized_fieldname(name, language), getattr(parsed, name)
        )
    previous_status = None if created else release.status
    release.kind = parsed.kind
    release.published_at = timezone.make_aware(
        datetime.combine(parsed.date, LEGACY_PUBLICATION_TIME),
        timezone.get_default_timezone(),
    )
    if publish:
        release.status = PressRelease.Status.PUBLISHED
    try:
        release.full_clean(exclude=["slug"])
    except ValidationError as exc:
        raise _format_error(exc, parsed) from exc
    release.save()

    release.topics.set(topic for topic, _created in topics)
    _set_quotes(release, language, speakers)
    if publish and previous_status != PressRelease.Status.PUBLISHED:
        # Publishing by import is a workflow step like any other: the
        # release's history says when and by what it went public. The
        # comment is the command itself, the same in every language.
        ReleaseTransition.objects.create(
            release=release,
            from_status=previous_status or PressRelease.Status.DRAFT,
            to_status=PressRelease.Status.PUBLISHED,
            user=None,
            comment="import_legacy --publish",
            published_at=release.published_at,
        )
    # Kept as a revision, like an admin save; with the topics and speakers
    # the import created.
    revisions.record(
        release,
        *(topic for topic, new in topics if new),
        *(speaker for speaker, new, _role, _quote in speakers if new),
        comment=revisions.comment(revisions.IMPORTED, language=language),
    )
    return ImportOutcome(
        release=release,
        created=created,
        topics=topics,
        speakers=[(speaker, new, bool(quote)) for speaker, new, _r, quote in speakers],
        notes=sorted(notes, key=lambda note: note.line or 0),
    )


def _topic(name):
    """The topic called ``name`` in any language or with its slug, else a new one."""
    slug = ascii_slugify(name)
    by_name = Q()
    for code in LANGUAGE_CODES:
        by_name |= Q(**{build_localized_fieldname("name", code) + "__iexact": name})
    topic = (
        Topic.objects.filter(slug=slug).first()
        or Topic.objects.filter(by_name).order_by("pk").first()
    )
    if topic:
        return topic, False
    topic = Topic(slug=slug)
    topic.name_en = name  # theme names on the old site are English
    topic.save()
    return topic, True


def _speakers(parsed, language, notes):
    """[(speaker, created, role, quote)]: attributed first, then known names."""
    found = {}
    for attribution in parsed.attributions:
        speaker = _known_speaker(attribution.name_candidates)
        created = False
        if speaker is None:
            if attribution.country not in MEMBER_STATE_CODES:
                notes.append(
                    Note(
                        parsed.lines.get("body"),
                        _(
                            "speaker “%(name)s (%(country)s–%(group)s)” was not "
                            "created: %(country)s is not a member-state code as "
                            "the EU writes it (EL for Greece)."
                        )
                        % {
                            "name": attribution.name,
                            "country": attribution.country,
                            "group": attribution.group,
                        },
                    )
                )
                continue
            speaker = _create_speaker(attribution, language)
            created = True
        if speaker.pk not in found:
            found[speaker.pk] = (speaker, created, attribution.role, attribution.quote)

    # Known speakers named anywhere in the text ("Ylva Johansson") are linked
    # too, without a quote.
    mentioned = []
    for speaker in Speaker.objects.exclude(pk__in=found):
        match = re.search(r"(?<!\w)%s(?!\w)" % re.escape(speaker.name), parsed.text)
        if match:
            mentioned.append((match.start(), speaker))
    for _position, speaker in sorted(mentioned, key=lambda item: item[0]):
        found[speaker.pk] = (speaker, False, "", "")
    return list(found.values())


def _known_speaker(candidates):
    for name in candidates:
        speaker = Speaker.objects.filter(name__iexact=name).order_by("pk").first()
        if speaker:
            return speaker
    return None


def _create_speaker(attribution, language):
    # Their role at the time is all we know of them: it is their role until
    # an editor says otherwise.
    speaker = Speaker(
        **{build_localized_fieldname("role", language): attribution.role},
        name=attribution.name,
        slug=unique_slug(Speaker, attribution.name, fallback="speaker"),
        country=attribution.country,
        political_group=attribution.group[
            : Speaker._meta.get_field("political_group").max_length
        ],
    )
    speaker.save()
    return speaker


def _set_quotes(release, language, speakers):
    """One quote row per speaker; other languages' role and quote are kept."""
    role_field = build_localized_fieldname("role", language)
    quote_field = build_localized_fieldname("quote", language)
    existing = {quote.speaker_id: quote for quote in release.quotes.all()}
    for position, (speaker, _created, role, quote) in enumerate(speakers):
        row = existing.pop(speaker.pk, None) or PressReleaseSpeaker(
            release=release, speaker=speaker
        )
        setattr(row, role_field, role)
        setattr(row, quote_field, quote)
        # Quoted in any language is quoted: a page that names them without
        # quoting them does not hide another language's quote.
        row.mentioned = not any(
            getattr(row, build_localized_fieldname("quote", code))
            for code in LANGUAGE_CODES
        )
        row.position = position
        row.save()
    for row in existing.values():
        row.delete()


#: Where on the page a release field comes from, for error messages.
_FIELD_SOURCES = {"published_at": "date", "kind": "kind"}


def _format_error(exc, parsed):
    """A validation error as a LegacyFormatError naming the line of the page."""
    field_name, messages = next(iter(exc.message_dict.items()))
    base, _sep, code = field_name.rpartition("_")
    if code not in LANGUAGE_CODES:
        base = field_name
    source = _FIELD_SOURCES.get(base, base)
    line = parsed.lines.get(source) or parsed.lines.get("title", 1)
    if field_name == NON_FIELD_ERRORS:
        return LegacyFormatError(line, " ".join(messages))
    try:
        label = str(PressRelease._meta.get_field(base).verbose_name)
    except FieldDoesNotExist:
        label = base.replace("_", " ")
    if base != field_name:
        # Translators: a field of a release and the language of that column.
        label = _("%(field)s (%(language)s)") % {
            "field": label,
            "language": translated_name(code),
        }
    return LegacyFormatError(
        line,
        _("%(field)s: %(message)s") % {"field": label, "message": " ".join(messages)},
    )
