"""Reading sentences and names in the old site's running text, for any language."""

import re

#: Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "prof", "st", "nr", "no", "art", "vol",
    "bzw", "ca", "vgl", "ggf", "inkl", "resp", "jfr", "bl", "mme", "m",
}  # fmt: skip

AFFILIATION = re.compile(
    r"\((?P<country>[A-Z]{2})\s*[-–‑—/]\s*(?P<group>[^\W\d_][\w ./&'’-]{0,24}?)\s*\)"
)
SENTENCE_END = re.compile(r"[.!?…][”\"»’)]*(?=\s+[„“”\"«»(]?[^\W\d_])")
NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)*$")
NAME_PARTICLES = {
    "af", "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du",
    "la", "le", "ten", "ter", "van", "von", "zu",
}  # fmt: skip


def sentence_starts(text):
    """Offsets where a new sentence starts (never 0)."""
    starts = []
    for match in SENTENCE_END.finditer(text):
        start = (
            match.end() + len(text[match.end() :]) - len(text[match.end() :].lstrip())
        )
        if not text[start:].lstrip('„“”"«»(')[:1].isupper():
            continue
        if text[match.start()] == "." and is_abbreviation(text, match.start()):
            continue
        starts.append(start)
    return starts


def is_abbreviation(text, dot):
    word = text[:dot].rsplit(None, 1)[-1].lstrip('(„“”"«»') if text[:dot] else ""
    if "." in word:  # t.ex. z.B. e.g.
        return True
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    return word.lower() in ABBREVIATIONS


def name_before(text, end):
    """The capitalised words right before ``end``, longest candidate first."""
    words = text[:end].split()[-5:]
    picked = []
    for word in reversed(words):
        if NAME_WORD.match(word) and (
            word[0].isupper() or word.lower() in NAME_PARTICLES
        ):
            picked.insert(0, word)
        else:
            break
    while picked and not picked[0][0].isupper():
        picked.pop(0)
    candidates = tuple(
        " ".join(picked[i:]) for i in range(len(picked) - 1) if picked[i][0].isupper()
    )
    return candidates


def collapse(text):
    """Runs of whitespace as one space; a lone non-breaking space stays."""
    return re.sub(r"\s+", lambda m: m[0] if m[0] == "\u00a0" else " ", text).strip()
