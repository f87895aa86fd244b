"""Text as search sees it: plain, accent-free, case-folded, in words.

The same normalisation is applied to what is stored and to what a visitor
types, in Python, so that "ελλαδα" finds "Ελλάδα" and "economie" finds
"économie" on PostgreSQL without the unaccent extension, and on SQLite too.
"""

import html
import re
import unicodedata

#: A word: letters and digits of any script. Apostrophes and hyphens split.
WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]*>")

#: PostgreSQL's text-search configurations for our languages (see
#: ``SELECT cfgname FROM pg_ts_config``); the others use 'simple', which
#: lowercases and splits into words but does not stem.
CONFIGS = {
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hu": "hungarian",
    "it": "italian",
    "lt": "lithuanian",
    "nl": "dutch",
    "pt": "portuguese",
    "ro": "romanian",
    "sv": "swedish",
}
SIMPLE = "simple"


def config_for(language):
    return CONFIGS.get(language, SIMPLE)


def fold(text):
    """Drop accents and case: NFD, without combining marks, case-folded.

    Character by character, so that a word stays one word: a folded text
    has its words in the same order as the original's.
    """
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare).casefold()


def plain_text(markup):
    """The words of sanitised HTML, tags replaced by spaces, entities decoded."""
    return " ".join(html.unescape(_TAG.sub(" ", markup or "")).split())


def words(text):
    return WORD.findall(fold(text or ""))


def normalise(text):
    """Folded words joined by single spaces: what is stored and matched."""
    return " ".join(words(text))
