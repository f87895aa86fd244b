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
from django.utils.translation import ngettext

from releases.legacy.attribution import Attribution, Grammar, attribute
from releases.legacy.text import AFFILIATION, collapse, name_before, sentence_starts
from releases.models import ReleaseKind

__all__ = ["Attribution", "LegacyFormatError", "Note", "ParsedRelease", "parse_legacy"]

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
    "więcej informacji",
    "допълнителна информация",
    "повече информация",
    "lisätietoja",
    "yderligere oplysninger",
    "mere information",
    "další informace",
    "ďalšie informácie",
    "mais informações",
    "informações adicionais",
    "mai multe informații",
    "további információ",
    "lisateave",
    "papildu informācija",
    "daugiau informacijos",
    "više informacija",
    "več informacij",
    "aktar informazzjoni",
    "tuilleadh eolais",
}

_KIND_LINE = re.compile(
    r"^(?P<kind>.*?)\s*(?P<date>\d{1,2}\.\d{1,2}\.\d{4})\s*(?:\|\s*(?P<themes>.*))?$"
)
# A space before a comma or full stop: the address of a link was lost and its
# text kept ("Städer och regioner för integration , som").
_LOST_LINK = re.compile(r"(?<=\S)[ \u00a0]+(?=[,.](?:\s|$))")
# Where the scraper joined two blocks: a bullet, or two spaces or more.
_BREAK = re.compile(r"[ \u00a0]*[%s][ \u00a0]*|[ \u00a0]{2,}" % BULLETS)
#: What a sentence (or a list's introduction) ends with.
_ENDS = '.!?:…”"»“’'
_QUOTE_MARKS = '„“”"«»‘’'


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
    #: A choice the parser made in reading the page (a list restored, the
    #: lead picked), rather than something it could not map.
    choice: bool = False

    def __str__(self):
        if self.line is None:
            return self.message
        return _("line %(line)d: %(message)s") % {
            "line": self.line,
            "message": self.message,
        }


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


def parse_legacy(text, language=None):
    """Parse a page of the old site into a ParsedRelease, or raise LegacyFormatError.

    ``language`` (a code such as "sv") picks the quotation marks and speech
    verbs the page is read with; without it, every language's are tried.
    """
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
    title = collapse(title)
    where["title"] = title_line

    index = 3
    repeat_line, repeat = at(index, _("the title, repeated"))
    if not _KIND_LINE.match(repeat):
        # The old site printed the title twice; a page that does not agree
        # with itself is not one we can trust to map.
        if collapse(repeat) != title:
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
    blocks, lists = _blocks(body_text, Grammar(language))
    if not any(_block_texts(blocks)):
        raise LegacyFormatError(body_line, _("the body has no text."))
    for intro, items in lists:
        notes.append(Note(body_line, _list_note(intro, items), choice=True))
    paragraphs = [block for block in blocks if block[0] != "ul"]
    texts, attributions, messages = attribute(
        [block[1] for block in paragraphs], language
    )
    for block, text in zip(paragraphs, texts, strict=True):
        block[1] = text
    notes += [Note(body_line, message) for message in messages]
    lead, body, choice = _lead_and_body(blocks)
    if choice:
        notes.append(Note(body_line, choice, choice=True))

    return ParsedRelease(
        title=title,
        kind=kind,
        date=published_on,
        themes=_unique(themes),
        lead=lead,
        body=body,
        more_information="".join(
            "<p>%s</p>" % urlize(collapse(line), autoescape=True)
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
    kind_text = collapse(match["kind"]).lower()
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
    return [collapse(theme) for theme in text.split(";") if theme.strip()]


def _is_more_information_heading(text):
    return collapse(text).rstrip(":").lower() in MORE_INFORMATION_HEADINGS


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


def _blocks(text, grammar):
    """Paragraphs and lists of a flattened body, and what was made of its lists.

    Blocks are ["p", text], ["ul", [items]] and ["intro", text], the
    sentence ending in a colon that introduces a list. A list is restored
    wherever that sentence is followed by items joined by bullets or by
    double spaces, as the old site flattened them; a bulleted list needs no
    introduction. An item is one sentence: the first that holds more runs on
    into the text after the list. Two or more spaces after a sentence are a
    paragraph break elsewhere.
    """
    pieces, position, separator = [], 0, None
    for match in _BREAK.finditer(text):
        pieces.append((separator, collapse(text[position : match.start()])))
        separator = "bullet" if any(b in match[0] for b in BULLETS) else "space"
        position = match.end()
    pieces.append((separator, collapse(text[position:])))

    blocks, paragraph, items, joined_by, lists = [], "", None, None, []

    def end_list():
        if joined_by == "space" and len(items) < 2:
            # One "item" after a colon is a paragraph, not a list.
            blocks[-1][0] = "p"
            blocks.extend(["p", item] for item in items)
        else:
            blocks.append(["ul", items])
            lists.append((blocks[-2][1] if blocks[-2][0] == "intro" else "", items))

    for separator, piece in pieces:
        if not piece:
            continue
        if items is not None and (separator == joined_by or separator == "bullet"):
            starts = sentence_starts(piece)
            if not starts:
                items.append(piece)
                continue
            items.append(piece[: starts[0]].rstrip())
            piece, separator = piece[starts[0] :], None
        if items is not None:
            end_list()
            items = None
        if separator and paragraph.endswith(":") and piece[:1] not in _QUOTE_MARKS:
            starts = sentence_starts(paragraph)
            if starts:
                blocks.append(["p", paragraph[: starts[-1]].rstrip()])
                paragraph = paragraph[starts[-1] :]
            blocks.append(["intro", paragraph])
            paragraph, items, joined_by = "", [], separator
            starts = sentence_starts(piece)
            if starts:
                items.append(piece[: starts[0]].rstrip())
                paragraph = piece[starts[0] :]
                end_list()
                items = None
            else:
                items.append(piece)
            continue
        if separator == "bullet":
            if paragraph:
                blocks.append(["p", paragraph])
            paragraph, items, joined_by = "", [piece], "bullet"
            continue
        if (
            separator == "space"
            and paragraph
            and (
                paragraph[-1] not in _ENDS
                or (paragraph.endswith(":") and piece[:1] in _QUOTE_MARKS)
            )
        ):
            # Two spaces inside a sentence ("said:  “…”" too) are a
            # typing slip, not a break.
            paragraph += " " + piece
            continue
        if paragraph:
            blocks.append(["p", paragraph])
        paragraph = piece
    if items is not None:
        end_list()
    if paragraph:
        blocks.append(["p", paragraph])

    split = []
    for kind, content in blocks:
        if kind == "p":
            split.extend(["p", part] for part in _paragraphs(content, grammar))
        else:
            split.append([kind, content])
    return split, lists


def _list_note(intro, items):
    if intro:
        return ngettext(
            "a list of %(count)d item was restored after “%(intro)s”.",
            "a list of %(count)d items was restored after “%(intro)s”.",
            len(items),
        ) % {"count": len(items), "intro": _shorten(intro)}
    return ngettext(
        "a list of %(count)d item was restored from its bullets.",
        "a list of %(count)d items was restored from its bullets.",
        len(items),
    ) % {"count": len(items)}


def _paragraphs(text, grammar):
    """Split a paragraph where a speaker is introduced in a new sentence.

    Never inside a quotation: a speaker quoting someone else is one paragraph.
    """
    starts = sentence_starts(text)
    quotations, _unclosed = grammar.quotations([text])
    cuts = sorted(
        {
            max((s for s in starts if s <= m.start()), default=0)
            for m in AFFILIATION.finditer(text)
            if name_before(text, m.start())
        }
        - {0}
    )
    cuts = [cut for cut in cuts if not any(q.open < cut < q.close for q in quotations)]
    paragraphs = []
    for begin, end in zip([0, *cuts], [*cuts, len(text)], strict=True):
        paragraphs.append(text[begin:end].strip())
    return [p for p in paragraphs if p]


def _lead_and_body(blocks):
    """The lead (plain text), the body (HTML), and how the lead was chosen.

    The first paragraph leads. When it ends with the sentence introducing a
    list, the lead is the paragraph without that sentence, which opens the
    body with its list; when that sentence is the whole paragraph, it stays
    the lead and the list opens the body.
    """
    choice = ""
    if blocks and blocks[0][0] in ("p", "intro"):
        lead, rest = blocks[0][1], blocks[1:]
        if blocks[0][0] == "intro":
            choice = _(
                "the lead is the sentence “%(intro)s”, which introduces the list "
                "that opens the body."
            ) % {"intro": _shorten(lead)}
        elif rest and rest[0][0] == "intro":
            choice = _(
                "the lead is the opening paragraph without its last sentence "
                "“%(intro)s”, which introduces the list and opens the body."
            ) % {"intro": _shorten(rest[0][1])}
        elif not rest:
            # One paragraph only: the first sentence leads, the rest is body.
            starts = sentence_starts(lead)
            if starts:
                lead, rest = lead[: starts[0]].rstrip(), [["p", lead[starts[0] :]]]
                choice = _(
                    "the body is a single paragraph: its first sentence is the "
                    "lead, the rest the body."
                )
    else:
        lead, rest = "", blocks
        choice = _("the body opens with a list, so the release has no lead.")
    return lead, "".join(_html(block) for block in rest), choice


def _html(block):
    kind, content = block[0], block[1]
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
    second = collapse(second)
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
