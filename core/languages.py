"""The 24 official languages of the European Union, as the site offers them.

Kept apart from settings so that templates, models and commands share one
table: the code, the name in the language itself (for the language switcher)
and the English name, marked for translation so that "Swedish" reads
"svenska" to a Swedish visitor.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

#: (code, native name, English name). Order follows the EU's protocol order
#: by native name, which is also the order of the codes.
EU_LANGUAGES = (
    ("bg", "български", _("Bulgarian")),
    ("cs", "čeština", _("Czech")),
    ("da", "dansk", _("Danish")),
    ("de", "Deutsch", _("German")),
    ("el", "ελληνικά", _("Greek")),
    ("en", "English", _("English")),
    ("es", "español", _("Spanish")),
    ("et", "eesti", _("Estonian")),
    ("fi", "suomi", _("Finnish")),
    ("fr", "français", _("French")),
    ("ga", "Gaeilge", _("Irish")),
    ("hr", "hrvatski", _("Croatian")),
    ("hu", "magyar", _("Hungarian")),
    ("it", "italiano", _("Italian")),
    ("lt", "lietuvių", _("Lithuanian")),
    ("lv", "latviešu", _("Latvian")),
    ("mt", "Malti", _("Maltese")),
    ("nl", "Nederlands", _("Dutch")),
    ("pl", "polski", _("Polish")),
    ("pt", "português", _("Portuguese")),
    ("ro", "română", _("Romanian")),
    ("sk", "slovenčina", _("Slovak")),
    ("sl", "slovenščina", _("Slovenian")),
    ("sv", "svenska", _("Swedish")),
)

#: "in Swedish" as a sentence says it ("på svenska", "auf Schwedisch",
#: "švédsky", "ruotsiksi", "i Sualainnis"): many languages inflect the name or
#: use an adverb there, so the fallback notice cannot build the phrase from
#: the bare name. One message per language, for the translator to phrase.
IN_LANGUAGE = {
    "bg": pgettext_lazy("fallback notice", "in Bulgarian"),
    "cs": pgettext_lazy("fallback notice", "in Czech"),
    "da": pgettext_lazy("fallback notice", "in Danish"),
    "de": pgettext_lazy("fallback notice", "in German"),
    "el": pgettext_lazy("fallback notice", "in Greek"),
    "en": pgettext_lazy("fallback notice", "in English"),
    "es": pgettext_lazy("fallback notice", "in Spanish"),
    "et": pgettext_lazy("fallback notice", "in Estonian"),
    "fi": pgettext_lazy("fallback notice", "in Finnish"),
    "fr": pgettext_lazy("fallback notice", "in French"),
    "ga": pgettext_lazy("fallback notice", "in Irish"),
    "hr": pgettext_lazy("fallback notice", "in Croatian"),
    "hu": pgettext_lazy("fallback notice", "in Hungarian"),
    "it": pgettext_lazy("fallback notice", "in Italian"),
    "lt": pgettext_lazy("fallback notice", "in Lithuanian"),
    "lv": pgettext_lazy("fallback notice", "in Latvian"),
    "mt": pgettext_lazy("fallback notice", "in Maltese"),
    "nl": pgettext_lazy("fallback notice", "in Dutch"),
    "pl": pgettext_lazy("fallback notice", "in Polish"),
    "pt": pgettext_lazy("fallback notice", "in Portuguese"),
    "ro": pgettext_lazy("fallback notice", "in Romanian"),
    "sk": pgettext_lazy("fallback notice", "in Slovak"),
    "sl": pgettext_lazy("fallback notice", "in Slovenian"),
    "sv": pgettext_lazy("fallback notice", "in Swedish"),
}

LANGUAGE_CODES = tuple(code for code, _native, _english in EU_LANGUAGES)
NATIVE_NAMES = {code: native for code, native, _english in EU_LANGUAGES}
ENGLISH_NAMES = {code: english for code, _native, english in EU_LANGUAGES}

#: Django's LANGUAGES setting: native names, so a visitor recognises their own
#: language whatever the interface language is.
LANGUAGES = tuple((code, native) for code, native, _english in EU_LANGUAGES)

#: Django's LANG_INFO lacks Maltese; settings merge this in so that
#: {% get_language_info %} works for every language we offer.
EXTRA_LANG_INFO = {
    "mt": {"bidi": False, "code": "mt", "name": "Maltese", "name_local": "Malti"},
}


def native_name(code):
    """The language's name in that language ("svenska" for sv)."""
    return NATIVE_NAMES.get(code, code)


def translated_name(code):
    """The language's name in the active interface language."""
    return str(ENGLISH_NAMES.get(code, code))


def in_language(code):
    """ "in Swedish" in the active interface language, ready for a sentence."""
    phrase = IN_LANGUAGE.get(code)
    return str(phrase) if phrase is not None else code


def language_choices(codes=LANGUAGE_CODES):
    """Form choices: "Swedish (svenska)" in the active interface language.

    Call it when the form is built (or pass it as a callable), not at import,
    when the interface language is not yet the reader's.
    """
    return [
        (code, "%s (%s)" % (translated_name(code), native_name(code))) for code in codes
    ]
