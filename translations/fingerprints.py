"""The fingerprint of a source text: what a translation was made from.

Two texts that differ only in Unicode normalisation or in runs of whitespace
(a re-indented paragraph, a trailing newline the admin's textarea added) have
the same fingerprint; any other change, markup included (a link added to the
body changes what the translation has to carry), gives another.
"""

import hashlib
import re
import unicodedata

#: Hex digits kept: 64 bits tell a changed text from an unchanged one, and
#: stay short enough to show and to carry in an XLIFF file.
LENGTH = 16

_WHITESPACE = re.compile(r"\s+")


def normalise(text):
    """``text`` in NFC, with whitespace runs collapsed to one space, trimmed."""
    text = unicodedata.normalize("NFC", text or "")
    return _WHITESPACE.sub(" ", text).strip()


def fingerprint(text):
    """A short hex digest of the normalised ``text``; "" has one too."""
    digest = hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()
    return digest[:LENGTH]
