"""Translation status, and the records that make it: the API other code uses.

Every model with fields registered in a ``translation.py`` is translatable.
For one object, field and language the status is:

- MISSING: the source (the object's original language) has text, the
  translation has none;
- UP_TO_DATE: the translation has text, and the source has not changed since
  it was last saved with new text or confirmed;
- OUTDATED: the source changed since then: its fingerprint differs from the
  one recorded (translations.models.TranslationRecord).

A field whose source is empty has nothing to translate and no status.

A translation with text but no record (written before records were kept,
or created together with its source) counts as up to date: nothing says
otherwise, and a status must not be a guess that writes on every read. It
gets its record the first time its source changes: translations.signals
then records the source as it was before the change, so the translation
turns outdated with an exact diff, instead of staying up to date forever.

Saving an object through its model's save() records, for each translation
whose text changed, today's source as the one it was made from
(translations.signals, whatever saved it: the admin, the side-by-side
editor, an XLIFF import). Call ``record_saved_translation`` only for writes
that bypass save() (``QuerySet.update``, ``bulk_update``), and ``confirm``
when a person says a translation is still right for today's source.
"""

import contextlib
import contextvars
import functools

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from core.languages import LANGUAGE_CODES
from translations.fingerprints import fingerprint
from translations.models import TranslationRecord


class Status(models.TextChoices):
    MISSING = "missing", _("Missing")
    OUTDATED = "outdated", _("Outdated")
    UP_TO_DATE = "up_to_date", _("Up to date")
    #: The object's original language: the source, not a translation.
    ORIGINAL = "original", _("Original")


# Models and fields -----------------------------------------------------------


@functools.cache
def translatable_models():
    """{model: (field, ...)} for every model with translated fields.

    Read from modeltranslation's registry, so that a field registered later
    (an image's alt text) is tracked without a change here. In the order of
    registration (each app's translation.py, apps in INSTALLED_APPS order):
    a release's quotes before its contacts, as in its admin.
    """
    registered = translator.get_registered_models(abstract=False)
    return {model: translated_fields(model) for model in registered}


@functools.cache
def translated_fields(model):
    """The model's translated fields, in the model's field order."""
    names = translator.get_options_for_model(model).get_field_names()
    order = [field.name for field in model._meta.get_fields()]
    return tuple(sorted(names, key=order.index))


def is_rich_text(model, field):
    """Whether ``field`` holds sanitised HTML rather than plain text."""
    return field in getattr(model, "rich_text_fields", ())


@functools.cache
def parent_field(model):
    """The foreign key that makes ``model`` part of another translatable model.

    A release's quotes, contacts and images, a partnership's areas of work:
    rows deleted with their parent and translated with it. None for a model
    that stands on its own.
    """
    registered = translator.get_registered_models(abstract=False)
    for field in model._meta.concrete_fields:
        if (
            isinstance(field, models.ForeignKey)
            and field.remote_field.on_delete is models.CASCADE
            and field.related_model in registered
        ):
            return field
    return None


def source_language(obj):
    """The language ``obj`` was written in: what its translations come from.

    A release's original language, which its parts (quotes, contacts,
    images) share; everything else is written in the default language.
    """
    code = None
    if hasattr(obj, "original_language_code"):
        code = obj.original_language_code()
    if code is None:
        parent = parent_field(type(obj))
        if parent is not None and getattr(obj, parent.attname) is not None:
            return source_language(getattr(obj, parent.name))
    return (
        code if code in LANGUAGE_CODES else settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    )


def text_in(obj, field, language):
    """The stored text of ``field`` in ``language``; "" when there is none."""
    return getattr(obj, build_localized_fieldname(field, language), None) or ""


def source_text(obj, field):
    return text_in(obj, field, source_language(obj))


def source_fingerprint(obj, field):
    return fingerprint(source_text(obj, field))


# Records ---------------------------------------------------------------------


class RecordIndex:
    """Records looked up in memory: one query for any number of objects."""

    def __init__(self, records=()):
        self._records = {}
        self._fingerprints = {}
        for record in records:
            key = (record.content_type_id, record.object_id, record.field)
            self._records[key + (record.language,)] = record

    @classmethod
    def for_objects(cls, objects, *, languages=None):
        records = TranslationRecord.objects.for_objects(objects)
        if languages is not None:
            records = records.filter(language__in=languages)
        return cls(records)

    def get(self, obj, field, language):
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        return self._records.get((content_type.pk, obj.pk, field, language))

    def source_fingerprint(self, obj, field, source):
        """fingerprint(source), computed once per object and field."""
        key = (id(obj), field)
        if key not in self._fingerprints:
            self._fingerprints[key] = (obj, fingerprint(source))
        return self._fingerprints[key][1]


def record_for(obj, field, language):
    return RecordIndex.for_objects([obj], languages=[language]).get(
        obj, field, language
    )


def field_status(obj, field, language, *, records=None):
    """The Status of one field in one language, or None: nothing to translate.

    ``records``: a RecordIndex holding ``obj``'s records, to look up in
    memory; without it, one query.
    """
    original = source_language(obj)
    if language == original:
        return Status.ORIGINAL if source_text(obj, field) else None
    source = source_text(obj, field)
    if not source:
        return None
    if not text_in(obj, field, language):
        return Status.MISSING
    if records is None:
        records = RecordIndex.for_objects([obj], languages=[language])
    record = records.get(obj, field, language)
    if record is not None and record.source_fingerprint != records.source_fingerprint(
        obj, field, source
    ):
        return Status.OUTDATED
    return Status.UP_TO_DATE


def status(obj, language, *, records=None):
    """{field: Status} for ``obj`` in ``language``.

    Fields whose source is empty are left out. In the object's original
    language every field with text is ORIGINAL.
    """
    if records is None:
        records = RecordIndex.for_objects([obj], languages=[language])
    statuses = {}
    for field in translated_fields(type(obj)):
        value = field_status(obj, field, language, records=records)
        if value is not None:
            statuses[field] = value
    return statuses


def overall(statuses):
    """One Status for several: outdated, else missing, else up to date.

    An outdated field is the more urgent: readers see a wrong text, where a
    missing one shows the original with a notice. None when nothing counts.
    """
    values = set(statuses)
    for value in (Status.OUTDATED, Status.MISSING, Status.UP_TO_DATE, Status.ORIGINAL):
        if value in values:
            return value
    return None


_acting_user = contextvars.ContextVar("translations_acting_user", default=None)


@contextlib.contextmanager
def attributed_to(user):
    """Records written while this is active name ``user`` as their author.

    For the writes that record through signals (a model's save()), which
    know nothing of the request.
    """
    token = _acting_user.set(user)
    try:
        yield
    finally:
        _acting_user.reset(token)


def acting_user():
    return _acting_user.get()


def _write(obj, language, fields, *, values):
    """Upsert the records of ``fields``; returns the fields recorded."""
    original = source_language(obj)
    if language == original or language not in LANGUAGE_CODES:
        return []
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    for field in fields:
        source = source_text(obj, field)
        TranslationRecord.objects.update_or_create(
            content_type=content_type,
            object_id=obj.pk,
            field=field,
            language=language,
            defaults={
                "source_language": original,
                "source_text": source,
                "source_fingerprint": fingerprint(source),
                **values,
            },
        )
    return list(fields)


def _check_fields(obj, fields):
    known = translated_fields(type(obj))
    if fields is None:
        return known
    unknown = [field for field in fields if field not in known]
    if unknown:
        raise ValueError(
            "%s has no translated field %s" % (type(obj).__name__, ", ".join(unknown))
        )
    return tuple(fields)


@transaction.atomic
def confirm(*, obj, language, fields=None, user=None):
    """Confirm ``obj``'s translation into ``language`` as up to date.

    Records today's source text and fingerprint for ``fields`` (all the
    translated fields by default) whose translation has text and whose source
    has text; an empty translation cannot be confirmed, it stays missing.
    Returns the fields confirmed.
    """
    fields = [
        field
        for field in _check_fields(obj, fields)
        if source_text(obj, field) and text_in(obj, field, language)
    ]
    return _write(
        obj,
        language,
        fields,
        values={
            "confirmed_at": timezone.now(),
            "confirmed_by": user or acting_user(),
        },
    )


@transaction.atomic
def record_saved_translation(*, obj, language, fields, user=None):
    """Record that ``fields`` of ``obj`` were just translated into ``language``.

    The translation was made from today's source: its text and fingerprint
    are recorded, so the fields are up to date until the source changes.
    Model.save() does this by itself (translations.signals); this is for
    writes that bypass it. Returns the fields recorded.
    """
    fields = [
        field
        for field in _check_fields(obj, fields)
        if source_text(obj, field) and text_in(obj, field, language)
    ]
    return _write(
        obj,
        language,
        fields,
        values={
            "translated_at": timezone.now(),
            "translated_by": user or acting_user(),
        },
    )


def forget(obj):
    """Delete ``obj``'s records (it was deleted)."""
    TranslationRecord.objects.for_object(obj).delete()
