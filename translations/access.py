"""Who translates into which languages.

An editor (a superuser, or a user holding
``translations.translate_all_languages``, e.g. through the Communications
group) may work on every language and sees the coverage of all. A
translator works on the languages of their TranslatorProfile. Everyone else
translates nothing here.
"""

from newsroom.languages import LANGUAGE_CODES
from translations.models import TranslatorProfile

ALL_LANGUAGES_PERMISSION = "translations.translate_all_languages"


def is_translation_editor(user):
    return bool(
        user.is_active
        and user.is_staff
        and (user.is_superuser or user.has_perm(ALL_LANGUAGES_PERMISSION))
    )


def profile_languages(user):
    """The languages of ``user``'s translator profile, () without one."""
    if not user.is_authenticated:
        return ()
    try:
        profile = user.translator_profile
    except TranslatorProfile.DoesNotExist:
        return ()
    return tuple(code for code in LANGUAGE_CODES if code in profile.languages)


def user_languages(user):
    """The languages ``user`` may translate into, in the site's order."""
    if not (user.is_active and user.is_staff):
        return ()
    if is_translation_editor(user):
        return LANGUAGE_CODES
    return profile_languages(user)


def may_translate(user, language):
    return language in user_languages(user)
