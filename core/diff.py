"""What changed in a source since it was translated: a word-level diff.

Rich text is compared as the text a reader sees, block by block (a
paragraph, a heading, a list item on a line of its own), with each link's
address after its text, since a translation has to carry the link too. Tags
themselves are not compared: a translator reads "the second paragraph
gained a sentence", not a diff of markup. Everything is escaped; only the
<ins> and <del> the diff adds are markup.
"""

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.html import escape
from django.utils.safestring import mark_safe

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "ul", "ol"}

# A word keeps its inner hyphens and apostrophes ("co-operation", "Europe's");
# punctuation, line breaks and runs of other whitespace are tokens of their own.
_TOKENS = re.compile(r"\w+(?:[-'’]\w+)*|\n|[^\S\n]+|[^\w\s]", re.UNICODE)


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.links = []

    def _break(self):
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._break()
        if tag == "li":
            self.parts.append("• ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self._break()
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.parts.append(" [%s]" % href)

    def handle_data(self, data):
        # Whitespace in HTML source is not a line break for the reader.
        self.parts.append(re.sub(r"\s+", " ", data))


def text_of(html):
    """The text a reader sees in ``html``, one block per line."""
    extractor = _TextExtractor()
    extractor.feed(html or "")
    extractor.close()
    lines = (line.strip() for line in "".join(extractor.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def tokens(text):
    return _TOKENS.findall(text or "")


@dataclass
class Diff:
    html: str
    #: False when the words are the same and only markup or spacing changed.
    changed_words: bool


def word_diff(old, new, *, rich=False):
    """The changes from ``old`` to ``new`` as escaped HTML with <ins>/<del>.

    ``rich``: both are sanitised HTML, compared as text (see text_of).
    """
    if rich:
        old, new = text_of(old), text_of(new)
    before, after = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    pieces, changed = [], False
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = "".join(before[i1:i2]), "".join(after[j1:j2])
        if operation == "equal":
            pieces.append(escape(added))
            continue
        if not removed.strip() and not added.strip():
            # Only spacing changed: show today's, unmarked.
            pieces.append(escape(added))
            continue
        changed = True
        if removed.strip():
            pieces.append("<del>%s</del>" % escape(removed))
        if added.strip():
            pieces.append("<ins>%s</ins>" % escape(added))
        elif added:
            pieces.append(escape(added))
    return Diff(html=mark_safe("".join(pieces)), changed_words=changed)
