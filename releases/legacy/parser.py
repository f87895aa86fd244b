"""Reading press releases saved as text from the old website.

A page of the old site was scraped to plain text, one block per line:

    1  the section label ("News")
    2  a leftover page-widget name ("ExtentedCQWP"), ignored
    3  the title
    4  the title again (the two must agree)
    5  kind, date and themes glued together:
       "Press release12.12.2020 | Migration, asylum and integration of migrants;"
    6  the body, flattened to one line: paragraphs and lists run together,
       list items marked by Wingdings bullets (U+F0A7)
    7  the heading of the "more information" block ("Ytterligare information")
    …  the block's content, if any survived (its links usually did not)
    n  a trailing theme line ("International Cooperation")

Blank lines are skipped but keep their numbers, so every error names the line
of the file as an editor sees it in a text editor.

Everything here is a pure function of the text: nothing touches the database,
so releases.legacy.importer can write the whole import in one transaction once the
page has been understood, and a malformed page stops before anything is
written.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from django.utils.html import urlize
from django.utils.translation import gettext as _

from releases.models import ReleaseKind

#: Bullets that Word and the old CMS left in flattened lists: Wingdings and
#: Symbol private-use bullets, and the ordinary bullet.
BULLETS = "\uf0a7\uf0b7\u2022"

#: How the kind is written on the old site's pages, by language. The seed
#: writes it in English even on a Swedish page; the others cost nothing.
KIND_NAMES = {
    ReleaseKind.PRESS_RELEASE: (
        "press release",
        "pressmeddelande",
        "pressemitteilung",
        "communiqué de presse",
        "δελτίο τύπου",
    ),
    ReleaseKind.NEWS: ("news", "nyheter", "nyhet", "nachrichten", "actualités"),
    ReleaseKind.STATEMENT: ("statement", "uttalande", "erklärung", "déclaration"),
}

#: Headings of the "more information" block. Any line in that position is
#: accepted; a heading not listed here is reported, in case the page has a
#: shape we have not seen.
MORE_INFORMATION_HEADINGS = {
    "more information",
    "further information",
    "find out more",
    "ytterligare information",
    "mer information",
    "weitere informationen",
    "mehr informationen",
    "plus d'informations",
    "plus d’informations",
    "pour en savoir plus",
    "informations complémentaires",
    "περισσότερες πληροφορίες",
    "ulteriori informazioni",
    "más información",
    "meer informatie",
}

#: Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "prof", "st", "nr", "no", "art", "vol",
    "bzw", "ca", "vgl", "ggf", "inkl", "resp", "jfr", "bl", "mme", "m",
}  # fmt: skip

#: Quotation marks: each opening mark and the marks that may close it.
QUOTE_PAIRS = {
    "”": "”",  # Swedish and Finnish: ”…”
    "“": "”",  # English
    "„": "“”",  # German „…“, Polish and others „…”
    "«": "»",  # French, Greek
    "»": "«»",  # German and Danish »…«, Swedish »…»
    '"': '"',
}

_KIND_LINE = re.compile(
    r"^(?P<kind>.*?)\s*(?P<date>\d{1,2}\.\d{1,2}\.\d{4})\s*(?:\|\s*(?P<themes>.*))?$"
)
_AFFILIATION = re.compile(
    r"\((?P<country>[A-Z]{2})\s*[-–‑—/]\s*(?P<group>[^\W\d_][\w ./&'’-]{0,24}?)\s*\)"
)
_SENTENCE_END = re.compile(r"[.!?…][”\"»’)]*(?=\s+[„“”\"«»(]?[^\W\d_])")
# A space before a comma or full stop: the address of a link was lost and its
# text kept ("Städer och regioner för integration , som").
_LOST_LINK = re.compile(r"(?<=\S)[ \u00a0]+(?=[,.](?:\s|$))")
# Two or more spaces after a sentence: where the scraper joined two blocks.
_HARD_BREAK = re.compile(r"(?<=[.!?:…”\"»])[ \u00a0]{2,}")
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)*$")
_NAME_PARTICLES = {
    "af", "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du",
    "la", "le", "ten", "ter", "van", "von", "zu",
}  # fmt: skip


class LegacyFormatError(Exception):
    """The page is not in the expected format; ``line`` says where."""

    def __init__(self, line, message):
        super().__init__(line, message)
        self.line = line
        self.message = message

    def __str__(self):
        return _("Line %(line)d: %(message)s") % {
            "line": self.line,
            "message": self.message,
        }


@dataclass(frozen=True)
class Note:
    """Something on the page that the import could not map."""

    line: int | None
    message: str

    def __str__(self):
        if self.line is None:
            return self.message
        return _("line %(line)d: %(message)s") % {
            "line": self.line,
            "message": self.message,
        }


@dataclass(frozen=True)
class Attribution:
    """A speaker as the page attributes them: "Name (CC–GROUP), role, ”quote”"."""

    name: str
    country: str
    group: str
    role: str = ""
    quote: str = ""
    #: The name and its shorter endings ("Präsident Anna Berg", "Anna Berg"),
    #: longest first: a capitalised word before a name may be a title.
    name_candidates: tuple = ()


@dataclass
class ParsedRelease:
    title: str
    kind: str
    date: date
    themes: list
    lead: str
    body: str
    more_information: str = ""
    more_information_heading: str = ""
    section: str = ""
    attributions: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    #: The plain text of title, lead and body, for finding known names.
    text: str = ""
    #: Where each part was read: {"title": 3, "kind": 5, "body": 6, ...}.
    lines: dict = field(default_factory=dict)


def legacy_reference(parsed):
    """A reference stable across imports of the same page.

    The date and a hash of the title: importing the page again finds the
    same release, and two pages on one day do not collide.
    """
    digest = hashlib.sha1(parsed.title.encode("utf-8")).hexdigest()[:8]
    return "LEGACY-%s-%s" % (parsed.date.strftime("%Y%m%d"), digest)


def decode_legacy(data):
    """The file's bytes as text, or an error naming the line that is not UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LegacyFormatError(
            line,
            _(
                "the file is not UTF-8 text (byte 0x%(byte)02X at column %(column)d); "
                "save the page as UTF-8 and import it again."
            )
            % {"byte": data[exc.start], "column": column},
        ) from exc
    return unicodedata.normalize("NFC", text)


def parse_legacy(text):
    """Parse a page of the old site into a ParsedRelease, or raise LegacyFormatError."""
    lines = [
        (number, line.strip())
        for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1)
        if line.strip()
    ]
    if not lines:
        raise LegacyFormatError(1, _("the file is empty."))
    notes = []
    where = {}

    def at(index, expected):
        if index < len(lines):
            return lines[index]
        last = lines[-1][0]
        raise LegacyFormatError(
            last + 1,
            _("the file ends where %(expected)s should be.") % {"expected": expected},
        )

    section_line, section = at(0, _("the section label"))
    notes.append(
        Note(
            section_line,
            _(
                "the section label “%(label)s” is not stored; the kind comes "
                "from the kind line."
            )
            % {"label": section},
        )
    )
    widget_line, widget = at(1, _("the old site's widget line"))
    notes.append(
        Note(
            widget_line,
            _("the old site's widget name “%(name)s” was ignored.") % {"name": widget},
        )
    )

    title_line, title = at(2, _("the title"))
    if _KIND_LINE.match(title):
        raise LegacyFormatError(
            title_line,
            _("the title is missing: found the kind and date line where it should be."),
        )
    title = _collapse(title)
    where["title"] = title_line

    index = 3
    repeat_line, repeat = at(index, _("the title, repeated"))
    if not _KIND_LINE.match(repeat):
        # The old site printed the title twice; a page that does not agree
        # with itself is not one we can trust to map.
        if _collapse(repeat) != title:
            raise LegacyFormatError(
                repeat_line,
                _(
                    "the title is repeated differently from line %(first)d: "
                    "%(difference)s."
                )
                % {"first": title_line, "difference": _difference(title, repeat)},
            )
        index += 1

    kind_line, kind_text = at(index, _("the kind and date line"))
    kind, published_on, themes = _parse_kind_line(kind_line, kind_text)
    where["kind"] = where["date"] = kind_line
    index += 1

    if index >= len(lines):
        raise LegacyFormatError(
            kind_line + 1, _("the body is missing: the file ends after the kind line.")
        )
    body_line, body_text = lines[index]
    if _is_more_information_heading(body_text):
        raise LegacyFormatError(
            kind_line + 1,
            _(
                "the body is missing: the line after the kind line is the heading "
                "“%(heading)s”."
            )
            % {"heading": body_text},
        )
    where["body"] = body_line
    index += 1

    heading, more_lines, trailing = _read_tail(lines[index:], notes, where)
    if trailing:
        themes += _split_themes(trailing)

    body_text, lost = _clean_lost_links(body_text)
    for context in lost:
        notes.append(
            Note(
                body_line,
                _("a link's address was lost near “%(text)s”.") % {"text": context},
            )
        )
    blocks = _blocks(body_text)
    if not any(_block_texts(blocks)):
        raise LegacyFormatError(body_line, _("the body has no text."))
    attributions = []
    for block in blocks:
        if block[0] == "p":
            block[1], found = _attributions(block[1])
            attributions += found
    lead, body = _lead_and_body(blocks)

    return ParsedRelease(
        title=title,
        kind=kind,
        date=published_on,
        themes=_unique(themes),
        lead=lead,
        body=body,
        more_information="".join(
            "<p>%s</p>" % urlize(_collapse(line), autoescape=True)
            for _number, line in more_lines
        ),
        more_information_heading=heading,
        section=section,
        attributions=attributions,
        notes=sorted(notes, key=lambda note: note.line or 0),
        text="\n".join([title, *_block_texts(blocks)]),
        lines=where,
    )


def _read_tail(tail, notes, where):
    """The more-information heading, its content lines, and the trailing theme.

    The heading is whatever line follows the body; the last line is the
    trailing theme. A single line is a heading when it reads like one.
    """
    heading, heading_line, more_lines, trailing = "", None, [], None
    if len(tail) == 1 and _is_more_information_heading(tail[0][1]):
        heading_line, heading = tail[0]
    elif len(tail) == 1:
        trailing = tail[0]
    elif tail:
        (heading_line, heading), more_lines, trailing = tail[0], tail[1:-1], tail[-1]
    if heading:
        where["more_information"] = heading_line
        if not _is_more_information_heading(heading):
            notes.append(
                Note(
                    heading_line,
                    _(
                        "“%(heading)s” was read as the heading of the "
                        "more-information block."
                    )
                    % {"heading": heading},
                )
            )
        if not more_lines:
            notes.append(
                Note(
                    heading_line,
                    _(
                        "the links under “%(heading)s” were lost on the old site; "
                        "the more-information block is left empty."
                    )
                    % {"heading": heading},
                )
            )
    if trailing:
        where["themes"] = trailing[0]
        trailing = trailing[1]
    return heading, more_lines, trailing


def _parse_kind_line(number, text):
    match = _KIND_LINE.match(text)
    if not match:
        raise LegacyFormatError(
            number,
            _(
                "expected the kind, the date (dd.mm.yyyy) and the themes, as in "
                "“Press release12.12.2020 | Migration;”, but found “%(text)s”."
            )
            % {"text": _shorten(text)},
        )
    kind_text = _collapse(match["kind"]).lower()
    kind = next(
        (kind for kind, names in KIND_NAMES.items() if kind_text in names), None
    )
    if kind is None:
        raise LegacyFormatError(
            number,
            _("unknown kind “%(kind)s”; expected %(kinds)s.")
            % {
                "kind": match["kind"],
                "kinds": ", ".join(str(label) for label in ReleaseKind.labels),
            },
        )
    day, month, year = (int(part) for part in match["date"].split("."))
    try:
        published_on = date(year, month, day)
    except ValueError:
        raise LegacyFormatError(
            number,
            _("%(date)s is not a valid date (dd.mm.yyyy).") % {"date": match["date"]},
        ) from None
    return kind, published_on, _split_themes(match["themes"] or "")


def _split_themes(text):
    return [_collapse(theme) for theme in text.split(";") if theme.strip()]


def _is_more_information_heading(text):
    return _collapse(text).rstrip(":").lower() in MORE_INFORMATION_HEADINGS


def _clean_lost_links(text):
    """Remove the space left where a link was cut out; return what it was near."""
    contexts = [_words_before(text, m.start()) for m in _LOST_LINK.finditer(text)]
    return _LOST_LINK.sub("", text), contexts


def _words_before(text, end):
    """The words most likely to have been a link's text, ending at ``end``.

    Going back from the gap, up to and including the first capitalised word
    ("initiativet Städer och regioner för integration" gives "Städer och
    regioner för integration"), never across the end of a sentence.
    """
    picked = []
    for word in reversed(text[:end].split()[-8:]):
        if picked and word[-1] in ".!?:;":
            break
        picked.insert(0, word)
        if word[:1].isupper():
            return " ".join(picked)
    return " ".join(picked[-4:])


def _blocks(text):
    """Paragraphs ["p", text] and lists ["ul", [items]] of a flattened body."""
    parts = re.split(r"\s*[%s]\s*" % BULLETS, text)
    before, items = parts[0], [_collapse(item) for item in parts[1:]]
    blocks = [["p", paragraph] for paragraph in _paragraphs(before)]
    after = ""
    if items:
        if blocks and blocks[-1][1].endswith(":"):
            # The sentence that introduces the list starts its own paragraph.
            intro = blocks.pop()[1]
            starts = _sentence_starts(intro)
            if starts:
                blocks.append(["p", intro[: starts[-1]].rstrip()])
                intro = intro[starts[-1] :]
            blocks.append(["p", intro])
        # The last item runs on into the text after the list: it ends at its
        # first sentence end.
        starts = _sentence_starts(items[-1])
        if starts:
            items[-1], after = items[-1][: starts[0]].rstrip(), items[-1][starts[0] :]
        blocks.append(["ul", [item for item in items if item]])
    blocks += [["p", paragraph] for paragraph in _paragraphs(after)]
    return blocks


def _paragraphs(text):
    """Split running text where blocks were joined or a speaker is introduced."""
    paragraphs = []
    for chunk in _HARD_BREAK.split(text):
        chunk = _collapse(chunk)
        if not chunk:
            continue
        starts = _sentence_starts(chunk)
        cuts = sorted(
            {
                max((s for s in starts if s <= m.start()), default=0)
                for m in _AFFILIATION.finditer(chunk)
                if _name_before(chunk, m.start())
            }
            - {0}
        )
        for begin, end in zip([0, *cuts], [*cuts, len(chunk)], strict=True):
            paragraphs.append(chunk[begin:end].strip())
    return [p for p in paragraphs if p]


def _sentence_starts(text):
    """Offsets where a new sentence starts (never 0)."""
    starts = []
    for match in _SENTENCE_END.finditer(text):
        start = (
            match.end() + len(text[match.end() :]) - len(text[match.end() :].lstrip())
        )
        if not text[start:].lstrip('„“”"«»(')[:1].isupper():
            continue
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        starts.append(start)
    return starts


def _is_abbreviation(text, dot):
    word = text[:dot].rsplit(None, 1)[-1].lstrip('(„“”"«»') if text[:dot] else ""
    if "." in word:  # t.ex. z.B. e.g.
        return True
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    return word.lower() in ABBREVIATIONS


def _name_before(text, end):
    """The capitalised words right before ``end``, longest candidate first."""
    words = text[:end].split()[-5:]
    picked = []
    for word in reversed(words):
        if _NAME_WORD.match(word) and (
            word[0].isupper() or word.lower() in _NAME_PARTICLES
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


def _attributions(paragraph):
    """Speakers introduced as "Name (CC–GROUP)" in a paragraph, with role and quote.

    Returns the paragraph (with stray spaces inside a quotation removed) and
    the attributions in order.
    """
    found = []
    match = _next_affiliation(paragraph, 0)
    previous_end = 0
    while match:
        candidates = _name_before(paragraph, match.start())
        following = _next_affiliation(paragraph, match.end())
        limit = None
        if following:
            name = _name_before(paragraph, following.start())[0]
            limit = paragraph.rfind(name, 0, following.start())
        role = _role_after(paragraph, match.end())
        quote = ""
        span = _quote_after(paragraph, match.end(), limit)
        if span:
            opener, closer = span
            quote = paragraph[opener + 1 : closer].strip()
            if paragraph[opener] not in "«»":
                # "att ” migration är" → "att ”migration är": the quotation
                # was a separate element on the old page. French « … »
                # keeps its (non-breaking) spaces.
                paragraph = paragraph[: opener + 1] + quote + paragraph[closer:]
        else:
            name_start = match.start() - len(candidates[0]) - 1
            span = _quote_before(paragraph, previous_end, name_start)
            if span:
                quote = paragraph[span[0] + 1 : span[1]].strip()
        found.append(
            Attribution(
                name=candidates[0],
                country=match["country"],
                group=match["group"].strip(),
                role=role,
                quote=quote,
                name_candidates=candidates,
            )
        )
        previous_end = match.end()
        match = _next_affiliation(paragraph, match.end())
    return paragraph, found


def _next_affiliation(text, start):
    """The next "(CC–GROUP)" after ``start`` that follows a name."""
    for match in _AFFILIATION.finditer(text, start):
        if _name_before(text, match.start()):
            return match
    return None


def _role_after(text, end):
    """ "…(EL–EPP), <role>, framhöll att": the role is up to the next comma."""
    match = re.match(r",\s*([^,]+?)\s*,", text[end:])
    if not match:
        return ""
    role = match[1]
    if any(mark in role for mark in QUOTE_PAIRS) or ":" in role:
        return ""
    if _sentence_starts(role) or len(role) > 300:
        return ""
    return role


def _quote_after(text, start, limit=None):
    """(opening, closing) offsets of the first quotation after ``start``."""
    end = len(text) if limit is None or limit < start else limit
    for position in range(start, end):
        closers = QUOTE_PAIRS.get(text[position])
        if closers:
            close = next(
                (i for i in range(position + 1, len(text)) if text[i] in closers),
                len(text),
            )
            return position, close
    return None


def _quote_before(text, start, end):
    """A quotation closing just before a name: '”…”, sade Anna Berg (SE–PES)'."""
    near = max(start, end - 40)
    close = next((i for i in range(end - 1, near - 1, -1) if text[i] in '”“"»«'), None)
    if close is None:
        return None
    for opener in range(close - 1, start - 1, -1):
        if text[close] in QUOTE_PAIRS.get(text[opener], ""):
            return opener, close
    return None


def _lead_and_body(blocks):
    """The first paragraph is the lead (plain text); the rest is the body (HTML)."""
    if blocks and blocks[0][0] == "p":
        lead, rest = blocks[0][1], blocks[1:]
        if not rest:
            # One paragraph only: the first sentence leads, the rest is body.
            starts = _sentence_starts(lead)
            if starts:
                lead, rest = lead[: starts[0]].rstrip(), [["p", lead[starts[0] :]]]
    else:
        lead, rest = "", blocks
    return lead, "".join(_html(block) for block in rest)


def _html(block):
    kind, content = block
    if kind == "ul":
        return "<ul>%s</ul>" % "".join("<li>%s</li>" % _text(item) for item in content)
    return "<p>%s</p>" % _text(content)


def _block_texts(blocks):
    for kind, content in blocks:
        if kind == "ul":
            yield from content
        else:
            yield content


def _text(text):
    # Text nodes only need these three; the sanitiser would normalise the
    # rest anyway, and quotation marks stay readable in the stored HTML.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _collapse(text):
    """Runs of whitespace as one space; a lone non-breaking space stays."""
    return re.sub(r"\s+", lambda m: m[0] if m[0] == "\u00a0" else " ", text).strip()


def _unique(names):
    seen, unique = set(), []
    for name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            unique.append(name)
    return unique


def _shorten(text, width=60):
    return text if len(text) <= width else text[: width - 1] + "…"


def _difference(first, second):
    """Where two versions of the title part ways, with a little context."""
    second = _collapse(second)
    common = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        common += 1
    begin = max(0, common - 20)
    return _(
        "they differ from character %(column)d: “…%(first)s” and “…%(second)s”"
    ) % {
        "column": common + 1,
        "first": first[begin : common + 20],
        "second": second[begin : common + 20],
    }
