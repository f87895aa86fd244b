"""Visible fallback for translated fields.

modeltranslation stores one column per language; this module picks which one
a visitor sees. The rule: the requested language (the page's), then the
reader's own languages (``reader_languages``: their browser's Accept-Language
in order, then a language they chose on the site), then English, then the
object's original language, then any language that has text, so that a page
never shows an empty title. A Swede reading a French release that also
exists in English gets the English: the fallback follows the reader, not the
author. The chosen value remembers its language, so templates can mark it
with its own lang attribute and tell the visitor it is a fallback.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db.models import Expression, F, TextField
from django.utils.html import conditional_escape
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from core.languages import (
    LANGUAGE_CODES,
    in_language,
    native_name,
    translated_name,
)
from core.sanitize import safe_html


class Localized:
    """A translated field's value in the language the visitor gets."""

    __slots__ = ("text", "language", "requested", "rich")

    def __init__(self, text, language, requested, rich=False):
        self.text = text or ""
        self.language = language
        self.requested = requested
        self.rich = rich

    def __str__(self):
        # Django's templates call str() on a value before escaping it, so
        # __html__ alone never reaches them: sanitised rich text has to come
        # out of str() already marked safe to render as HTML.
        if self.rich:
            return safe_html(self.text)
        return self.text

    def __bool__(self):
        return bool(self.text)

    def __html__(self):
        # Rich text was sanitised with nh3 when it was saved, and is again
        # here, in case it reached the database without save() (bulk_create,
        # update(), a fixture); everything else is escaped like any variable.
        if self.rich:
            return safe_html(self.text)
        return conditional_escape(self.text)

    def __eq__(self, other):
        if isinstance(other, Localized):
            return (self.text, self.language) == (other.text, other.language)
        return self.text == other

    def __hash__(self):
        return hash(self.text)

    def __repr__(self):
        return "<Localized %s%s: %r>" % (
            self.language,
            " (fallback)" if self.is_fallback else "",
            self.text[:40],
        )

    @property
    def is_fallback(self):
        return bool(self.text) and self.language != self.requested

    @property
    def language_name(self):
        """The fallback language's name in the visitor's language."""
        return translated_name(self.language)

    @property
    def requested_name(self):
        return translated_name(self.requested)

    @property
    def in_language(self):
        """ "in Swedish" for the fallback language, in the visitor's language."""
        return in_language(self.language)

    @property
    def in_requested(self):
        return in_language(self.requested)

    @property
    def native_language_name(self):
        return native_name(self.language)


def active_language():
    language = get_language() or settings.LANGUAGE_CODE
    return language if language in LANGUAGE_CODES else language.split("-")[0]


class ReaderLanguages:
    """The languages of the person reading, best first, for one request.

    ``consulted`` records that some text was missing in the page's language,
    so that what the page shows depended on these preferences: the response
    then has to vary on the headers they came from.
    """

    __slots__ = ("codes", "consulted")

    def __init__(self, codes=()):
        self.codes = tuple(codes)
        self.consulted = False


#: Set by releases.middleware.ReaderLanguagesMiddleware for each request;
#: outside a request (commands, the shell) nobody is reading.
_reader = ContextVar("reader_languages", default=None)


def set_reader_languages(codes):
    """Make ``codes`` the reader's languages; returns a token for reset."""
    return _reader.set(ReaderLanguages(codes))


def reset_reader_languages(token):
    _reader.reset(token)


def reader_languages():
    """The current request's ReaderLanguages, or None outside a request."""
    return _reader.get()


def fallback_chain(requested, original=None, reader=()):
    chain = [requested]
    for code in (*reader, settings.MODELTRANSLATION_DEFAULT_LANGUAGE, original):
        if code and code not in chain:
            chain.append(code)
    return chain


#: Prefix of the annotation holding a field's text in the original language
#: (see ``original_text``).
ORIGINAL_PREFIX = "i18n_original_"


def columns(field, codes=LANGUAGE_CODES):
    """The database columns of a translated field, one per language."""
    return [build_localized_fieldname(field, code) for code in codes]


class OriginalText(Expression):
    """The field's text in each row's own original language, as one column.

    ``CASE original_language WHEN 'bg' THEN title_bg ... END``: lists load
    the visitor's language, English and this, rather than all 24 languages
    of every field; the fallback chain needs no more. A simple CASE on one
    column, where Case(When(...)) would build 24 filters per query.
    """

    output_field = TextField()

    def __init__(self, field, language_field="original_language"):
        super().__init__()
        self.sources = [
            F(language_field),
            *(F(build_localized_fieldname(field, code)) for code in LANGUAGE_CODES),
        ]

    def get_source_expressions(self):
        return self.sources

    def set_source_expressions(self, exprs):
        self.sources = list(exprs)

    def as_sql(self, compiler, connection):
        subject, params = compiler.compile(self.sources[0])
        params = list(params)
        branches = []
        for code, column in zip(LANGUAGE_CODES, self.sources[1:], strict=True):
            sql, column_params = compiler.compile(column)
            branches.append("WHEN %%s THEN %s" % sql)
            params += [code, *column_params]
        return "CASE %s %s ELSE '' END" % (subject, " ".join(branches)), params


def original_text(field, language_field="original_language"):
    return OriginalText(field, language_field)


def _loaded_text(instance, field, code, original):
    """The text in ``code`` if it was loaded; deferred columns are skipped.

    Reading a deferred column would cost a query per field and row; a page
    that defers languages loads the ones its fallback chain reads.
    """
    values = instance.__dict__
    name = build_localized_fieldname(field, code)
    if name in values:
        return values[name]
    if code == original:
        return values.get(ORIGINAL_PREFIX + field)
    return None


def localize(instance, field, language=None, original=None, rich=False):
    """Return a Localized value of ``instance.<field>`` for ``language``.

    Without ``language``, the value is for the person reading: the page's
    language, then their own languages. A language asked for by name (a slug
    made from the original title, an export) ignores who is reading.
    """
    requested = language or active_language()
    reader = reader_languages() if language is None else None
    chain = fallback_chain(requested, original, reader.codes if reader else ())
    for code in (*chain, *(c for c in LANGUAGE_CODES if c not in chain)):
        text = _loaded_text(instance, field, code, original)
        if text:
            # Text in another language than the page's: which one depended
            # on the reader. (Text in no language at all depends on nobody.)
            if code != requested and reader is not None:
                reader.consulted = True
            return Localized(text, code, requested, rich)
    return Localized("", requested, requested, rich)


def has_translation(instance, field, language):
    return bool(getattr(instance, build_localized_fieldname(field, language), ""))


class LocalizedAccessor:
    """``obj.i18n.title`` in templates: the field with visible fallback."""

    def __init__(self, instance):
        self._instance = instance

    def __getattr__(self, field):
        if field.startswith("_"):
            raise AttributeError(field)
        instance = self._instance
        if field not in instance.translated_fields():
            raise AttributeError(field)
        return localize(
            instance,
            field,
            original=instance.original_language_code(),
            rich=field in getattr(instance, "rich_text_fields", ()),
        )


class TranslatedModelMixin:
    """For models with fields registered in a translation.py."""

    #: Fields holding sanitised HTML.
    rich_text_fields = ()

    @classmethod
    def translated_fields(cls):
        from modeltranslation.translator import translator

        return translator.get_options_for_model(cls).get_field_names()

    def original_language_code(self):
        return getattr(self, "original_language", None)

    @property
    def i18n(self):
        return LocalizedAccessor(self)

    def localized(self, field, language=None):
        return localize(
            self,
            field,
            language=language,
            original=self.original_language_code(),
            rich=field in self.rich_text_fields,
        )

    def available_languages(self, field):
        """Codes of the languages in which ``field`` has text, in site order."""
        return [code for code in LANGUAGE_CODES if has_translation(self, field, code)]
