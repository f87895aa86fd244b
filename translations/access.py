"""Who translates what into which languages, in the translation workspace.

The same rule as the admins' (translations/permissions.py): a user who may
change a model edits its translations in every language; a user who may
only view it, and has a TranslatorProfile, translates it into the languages
of their profile; anyone else translates nothing. Nobody translates an
object into its own original language: that is the source, edited in the
object's admin.

The coverage of every language, and the queue of any language, are for the
editors of press releases (the Communications group, superusers).
"""

from django.contrib.auth import get_permission_codename

from core.languages import LANGUAGE_CODES
from translations import documents
from translations.models import TranslatorProfile


def _has(user, model, action):
    opts = model._meta
    return user.has_perm(
        "%s.%s" % (opts.app_label, get_permission_codename(action, opts))
    )


def _staff(user):
    return bool(user.is_authenticated and user.is_active and user.is_staff)


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


def is_translation_editor(user):
    """Editors see every language's queue and the coverage matrix."""
    return _staff(user) and _has(user, documents.primary_model(), "change")


def user_languages(user):
    """The languages ``user`` works on in the workspace, in the site's order."""
    if not _staff(user):
        return ()
    if is_translation_editor(user):
        return LANGUAGE_CODES
    return profile_languages(user)


def may_translate_model(user, model, language):
    """Whether ``user`` may write ``model``'s translations into ``language``."""
    if not _staff(user) or language not in LANGUAGE_CODES:
        return False
    if _has(user, model, "change"):
        return True
    return _has(user, model, "view") and language in profile_languages(user)


def may_translate(user, obj, language):
    """As may_translate_model, and never into ``obj``'s original language."""
    from translations.services import source_language

    return language != source_language(obj) and may_translate_model(
        user, type(obj), language
    )
