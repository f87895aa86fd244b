"""What a translator works on: an object with its parts, in one piece.

A press release is translated together with its quotes, contacts and
images; a partnership with its areas of work. The parts are the
translatable models whose rows belong to another (services.parent_field);
everything else translatable stands on its own: topics, speakers (their
role), organisations. Derived from modeltranslation's registry, so that a
model registered later joins the workspace by itself.
"""

import functools
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

from core.languages import LANGUAGE_CODES
from translations import services
from translations.services import Status


def primary_model():
    """The model the workspace is organised around: the press release.

    Named by its label in settings.TRANSLATIONS_PRIMARY_MODEL, as
    AUTH_USER_MODEL names the user model, so that translations never imports
    the app that holds it: releases builds on translations, not the reverse.
    The queue's kind and theme filters, the coverage matrix and the XLIFF
    files are about this model.
    """
    return apps.get_model(settings.TRANSLATIONS_PRIMARY_MODEL)


def owner(obj):
    """The document ``obj`` is part of (a quote's release); ``obj`` otherwise."""
    parent = services.parent_field(type(obj))
    return obj if parent is None else getattr(obj, parent.name)


@dataclass(frozen=True)
class DocumentType:
    model: type
    #: (accessor, model) of the parts, e.g. ("quotes", PressReleaseSpeaker).
    parts: tuple

    @property
    def key(self):
        return self.model._meta.model_name

    @property
    def label(self):
        return self.model._meta.verbose_name_plural

    @property
    def dated(self):
        return _has_field(self.model, "published_at")


@functools.cache
def _has_field(model, name):
    return any(f.name == name for f in model._meta.concrete_fields)


#: The order the queue lists the types in: releases first.
_ORDER = ("pressrelease", "topic", "speaker", "partnership", "organisation")


@functools.cache
def document_types():
    """{key: DocumentType}: releases first, then the rest by name."""
    models = services.translatable_models()
    parts, standalone = {}, []
    for model in models:
        parent = services.parent_field(model)
        if parent is None:
            standalone.append(model)
        else:
            accessor = parent.remote_field.get_accessor_name()
            parts.setdefault(parent.related_model, []).append((accessor, model))
    types = [DocumentType(model, tuple(parts.get(model, ()))) for model in standalone]
    types.sort(
        key=lambda t: (
            _ORDER.index(t.key) if t.key in _ORDER else len(_ORDER),
            t.key,
        )
    )
    return {t.key: t for t in types}


def document_type_for(model):
    for document_type in document_types().values():
        if document_type.model is model:
            return document_type
    return None


def _columns(model, languages):
    """The columns loaded for ``languages``: translated ones and what lists show."""
    wanted = {model._meta.pk.name}
    translated = services.translated_fields(model)
    for name in ("original_language", "published_at", "kind", "status", "reference",
                 "slug", "name", "position"):  # fmt: skip
        # A translated field's own name would load every language's column.
        if _has_field(model, name) and name not in translated:
            wanted.add(name)
    parent = services.parent_field(model)
    if parent is not None:
        wanted.add(parent.name)
    for field_name in translated:
        wanted.update(build_localized_fieldname(field_name, code) for code in languages)
    return wanted


def load(document_type, queryset, languages=None):
    """The documents of ``queryset``, each with its parts, loading only
    ``languages``' text.

    ``languages``: the codes whose columns are needed, sources included;
    None for every language. One query for the documents and one per kind
    of part, whatever their number. (prefetch_related would do the same in
    as many queries, but builds a queryset per document: seconds for a few
    thousand releases.)
    """
    languages = LANGUAGE_CODES if languages is None else languages
    documents = list(queryset.only(*_columns(document_type.model, languages)))
    by_pk = {document.pk: document for document in documents}
    for document in documents:
        document._translation_parts = {}
    for accessor, model in document_type.parts:
        parent = services.parent_field(model)
        for document in documents:
            document._translation_parts[accessor] = []
        if not documents:
            continue
        parts = model._default_manager.filter(
            **{"%s__in" % parent.name: queryset.order_by().values("pk")}
        ).only(*_columns(model, languages))
        for part in parts:
            document = by_pk.get(getattr(part, parent.attname))
            if document is not None:
                # The part's source language is its parent's: no query.
                setattr(part, parent.name, document)
                document._translation_parts[accessor].append(part)
    return documents


@dataclass(eq=False)
class Unit:
    """One translatable field of one object (the document or a part)."""

    obj: object
    field: str
    status: Status

    @property
    def key(self):
        """The form field's name: unique within a document."""
        return "%s-%s-%s" % (self.obj._meta.model_name, self.obj.pk, self.field)


@dataclass
class Summary:
    """A document's status in one language."""

    status: Status | None
    units: list = field(default_factory=list)

    def count(self, status):
        return sum(1 for unit in self.units if unit.status == status)

    @property
    def total(self):
        return len(self.units)

    @property
    def needs_work(self):
        return self.status in (Status.MISSING, Status.OUTDATED)


def objects_of(document_type, document):
    """The document, then its parts, in their own order."""
    yield document
    loaded = getattr(document, "_translation_parts", None)
    for accessor, _model in document_type.parts:
        if loaded is not None:
            yield from loaded[accessor]
        else:
            yield from getattr(document, accessor).all()


def summarise(document_type, document, language, records):
    units = []
    for obj in objects_of(document_type, document):
        for name in services.translated_fields(type(obj)):
            value = services.field_status(obj, name, language, records=records)
            if value is not None:
                units.append(Unit(obj, name, value))
    return Summary(services.overall(unit.status for unit in units), units)


def summaries(document_type, documents, languages):
    """{(pk, language): Summary} for ``documents`` (parts prefetched).

    One query for the records, whatever the number of documents.
    """
    every = [
        obj for document in documents for obj in objects_of(document_type, document)
    ]
    records = services.RecordIndex.for_objects(every, languages=languages)
    return {
        (document.pk, language): summarise(document_type, document, language, records)
        for document in documents
        for language in languages
    }


def label(document, language=None):
    """What a list calls ``document``, without loading anything more.

    A speaker's name; else the first translated field in ``language``, else
    in the source language.
    """
    if _has_field(type(document), "name") and "name" not in services.translated_fields(
        type(document)
    ):
        return document.name
    first = services.translated_fields(type(document))[0]
    if language:
        text = services.text_in(document, first, language)
        if text:
            return text
    return services.source_text(document, first) or "—"
