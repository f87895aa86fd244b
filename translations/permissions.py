"""Who may write what: editors everything, translators their languages' text.

The one rule, used by the admins (translations/admin_limits.py), and meant
for every other way content is written on a user's behalf (the translation
workspace, XLIFF import):

- A user who holds Django's ``change`` permission on a model is an *editor*
  of it: every field is theirs (the workflow may still restrict when, see
  releases/workflow.py).
- A user who may only *view* a model but has a TranslatorProfile is a
  *translator* of it: they may write the translated fields (those registered
  in a translation.py) in the languages of their profile, and nothing else:
  not another language, not the source language the object was written in,
  not dates, status, relations, slugs, references or images.
- Anyone else writes nothing.

Both are staff: an account that is inactive or not staff is neither an
editor nor a translator of anything, in the admin, the workspace or an
import alike. Nobody translates an object into its own original language:
that is the source, edited in the object's admin. The coverage of every
language, and the queue of any language, are for the editors of the primary
model (documents.primary_model(): press releases).

Translators are given ``view`` and not ``change`` (see releases/roles.py)
on purpose: every check elsewhere that asks for ``change`` (workflow steps,
list actions, restoring a revision, bulk imports) then refuses them by
default, and only code that applies this rule lets them write, within it.
"""

from django.conf import settings
from django.contrib.auth import get_permission_codename
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from core.languages import LANGUAGE_CODES
from translations import documents
from translations.models import TranslatorProfile
from translations.services import source_language

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def _perm(model, action):
    opts = model._meta
    return "%s.%s" % (opts.app_label, get_permission_codename(action, opts))


def _has(user, model, action):
    return user.has_perm(_perm(model, action))


def is_active_staff(user):
    """The one check every rule here starts from."""
    return bool(
        getattr(user, "is_authenticated", False) and user.is_active and user.is_staff
    )


def profile_languages(user):
    """The languages of ``user``'s translator profile, () without one."""
    if not user.is_authenticated:
        return ()
    try:
        cached = user._translation_profile_languages
    except AttributeError:
        profile = TranslatorProfile.objects.filter(user=user).first()
        codes = set(profile.languages) if profile else set()
        cached = tuple(code for code in LANGUAGE_CODES if code in codes)
        user._translation_profile_languages = cached
    return cached


def translated_fields(model):
    """The model's fields registered for translation: ("title", "lead", ...)."""
    try:
        return tuple(translator.get_options_for_model(model).get_field_names())
    except NotRegistered:
        return ()


def localized_fields(model, languages=LANGUAGE_CODES):
    """``title_sv``, ``lead_sv``...: the model's columns for ``languages``."""
    return frozenset(
        build_localized_fieldname(field, code)
        for field in translated_fields(model)
        for code in languages
    )


def translator_languages(user):
    """The codes a user's TranslatorProfile lists, in site order; () if none."""
    if not is_active_staff(user):
        return ()
    return profile_languages(user)


def is_editor(user, model):
    return is_active_staff(user) and _has(user, model, "change")


def is_translator(user, model):
    """Whether ``user``'s right to write ``model`` is a translator's.

    True for a staff user who may view ``model`` without changing it, has a
    profile with at least one language, and ``model`` has translated fields.
    """
    return (
        not is_editor(user, model)
        and bool(translated_fields(model))
        and user.has_perm(_perm(model, "view"))
        and bool(translator_languages(user))
    )


def translatable_languages(user, obj=None):
    """The languages ``user`` may translate ``obj`` into, as a translator.

    Their profile's languages except ``obj``'s source language (see
    translations/services.py): the source is the editors' text, which every
    translation is compared with.
    """
    source = source_language(obj) if obj is not None else None
    return tuple(code for code in translator_languages(user) if code != source)


def all_fields(model):
    """Every field a form could write: concrete, editable, many-to-many."""
    return frozenset(
        field.name
        for field in model._meta.get_fields()
        if (field.concrete or field.many_to_many)
        and not field.auto_created
        and getattr(field, "editable", False)
    )


def editable_fields(user, model, obj=None):
    """The names of ``model``'s fields that ``user`` may write.

    ``obj`` is the object being written, or the one it belongs to (a release
    for its quotes): its source language is not a translator's to change.
    Every field for an editor; for a translator, the translated fields'
    columns in their languages; otherwise nothing.
    """
    if is_editor(user, model):
        return all_fields(model)
    if is_translator(user, model):
        return localized_fields(model, translatable_languages(user, obj))
    return frozenset()


def can_translate(user, obj, field, language):
    """Whether ``user`` may write ``field`` of ``obj`` in ``language``.

    ``field`` is the untranslated name ("title"). For the workspace and
    imports, which write one field and language at a time.
    """
    if field not in translated_fields(type(obj)):
        return False
    name = build_localized_fieldname(field, language)
    return name in editable_fields(user, type(obj), obj)


def visible_languages(user, model, obj=None):
    """The languages whose columns a user sees in the admin's form.

    Everything for an editor; for a translator the source language, for
    reference, and their own.
    """
    if not is_translator(user, model):
        return LANGUAGE_CODES
    source = source_language(obj) if obj is not None else DEFAULT_LANGUAGE
    wanted = {source, *translator_languages(user)}
    return tuple(code for code in LANGUAGE_CODES if code in wanted)


# The translation workspace -------------------------------------------------


def is_translation_editor(user):
    """Editors see every language's queue and the coverage matrix."""
    return is_editor(user, documents.primary_model())


def user_languages(user):
    """The languages ``user`` works on in the workspace, in the site's order."""
    if not is_active_staff(user):
        return ()
    if is_translation_editor(user):
        return LANGUAGE_CODES
    return profile_languages(user)


def may_translate_model(user, model, language):
    """Whether ``user`` may write ``model``'s translations into ``language``."""
    if language not in LANGUAGE_CODES:
        return False
    if is_editor(user, model):
        return True
    return (
        is_active_staff(user)
        and _has(user, model, "view")
        and language in profile_languages(user)
    )


def may_translate(user, obj, language):
    """As may_translate_model, and never into ``obj``'s original language."""
    return language != source_language(obj) and may_translate_model(
        user, type(obj), language
    )
