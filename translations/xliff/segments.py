"""A field's text cut into translatable segments, and put back together.

Rich text is segmented by block: each paragraph, heading, list item or quote
is a segment. What lies between segments (the block tags, the lists around
list items, whitespace) is the skeleton: it never leaves the server, so a
translator's tool cannot break it, and the HTML is rebuilt from today's
source around the translated segments.

Inline markup inside a segment (bold, emphasis, links, line breaks ...)
becomes inline codes, numbered per field: ``Span`` for a paired code
(``<strong>…</strong>``: XLIFF 1.2 ``<g>``, 2.0 ``<pc>``) and ``Mark`` for a
standalone one (``<br>``: ``<x/>``, ``<ph/>``). A code carries only its id
to the translator; its tag and attributes stay in the source's ``codes``
table, so a translation can move a link but never change where it points.

Plain-text fields are one segment of text, without codes.
"""

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.translation import gettext_lazy as _

from core.sanitize import clean_html

#: Elements whose content is a segment, or that hold blocks themselves.
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div"}
#: Elements that only hold blocks (their own text is whitespace).
CONTAINER_TAGS = {"ul", "ol"}
VOID_TAGS = {"br"}

#: What a segment's block is called in a translator's note.
BLOCK_NAMES = {
    "p": _("paragraph"),
    "h1": _("heading"),
    "h2": _("heading"),
    "h3": _("heading"),
    "h4": _("heading"),
    "h5": _("heading"),
    "h6": _("heading"),
    "li": _("list item"),
    "blockquote": _("quotation"),
}

_WHITESPACE = re.compile(r"\s+")


# Inline content ------------------------------------------------------------


@dataclass(frozen=True)
class Code:
    """An inline element of the source: ``<a href="…">``, ``<br>``."""

    id: str
    tag: str
    attrs: tuple = ()

    @property
    def paired(self):
        return self.tag not in VOID_TAGS

    def open_html(self):
        attrs = "".join(
            ' %s="%s"' % (name, html.escape(value or "", quote=True))
            for name, value in self.attrs
        )
        return "<%s%s>" % (self.tag, attrs)

    def close_html(self):
        return "</%s>" % self.tag if self.paired else ""

    def label(self):
        """How a message names the code: ``<strong> (1)``."""
        return "<%s> (%s)" % (self.tag, self.id)


@dataclass
class Span:
    """A paired code around inline content."""

    id: str
    children: list = field(default_factory=list)


@dataclass
class Mark:
    """A standalone code."""

    id: str


def iter_codes(nodes):
    """(id, paired) of every code in ``nodes``, in document order."""
    for node in nodes:
        if isinstance(node, Span):
            yield node.id, True
            yield from iter_codes(node.children)
        elif isinstance(node, Mark):
            yield node.id, False


def nodes_text(nodes):
    """The text of ``nodes`` without codes."""
    return "".join(
        node if isinstance(node, str) else nodes_text(node.children)
        for node in nodes
        if not isinstance(node, Mark)
    )


def signature(nodes):
    """``Hello {1}big{/1}{2}``: text and codes, whitespace collapsed.

    Two contents with the same signature say the same thing with the same
    codes in the same places; whitespace a tool re-flowed does not count.
    """

    def parts(nodes):
        for node in nodes:
            if isinstance(node, str):
                yield node
            elif isinstance(node, Span):
                yield "{%s}" % node.id
                yield from parts(node.children)
                yield "{/%s}" % node.id
            else:
                yield "{%s/}" % node.id

    return _WHITESPACE.sub(" ", "".join(parts(nodes))).strip()


def has_text(nodes):
    return bool(nodes_text(nodes).strip())


# Segments ------------------------------------------------------------------


@dataclass
class Segment:
    id: str
    nodes: list
    #: The block it was cut from ("p", "li" ...), for a translator's note.
    block: str = ""
    #: Ids of the codes it holds, in order.
    code_ids: tuple = ()

    @property
    def block_name(self):
        return BLOCK_NAMES.get(self.block, "")


@dataclass
class Segmentation:
    """A field's text as ``skeleton`` pieces around ``segments``.

    ``skeleton`` holds strings (HTML that stays as it is) and ints (the index
    of a segment).
    """

    rich: bool
    skeleton: list
    segments: list
    codes: dict

    def segment(self, segment_id):
        for segment in self.segments:
            if segment.id == segment_id:
                return segment
        return None

    def rebuild(self, contents, codes=None):
        """The field's text with ``contents`` ({segment id: nodes}) put in.

        A segment missing from ``contents`` keeps its source. Text is
        escaped in rich text, so a translation that types ``<b>`` gets the
        characters, not the tag. ``codes`` ({id: Code}) replace the source's
        own where given.
        """
        codes = {**self.codes, **(codes or {})}
        out = []
        for piece in self.skeleton:
            if isinstance(piece, str):
                out.append(piece)
                continue
            segment = self.segments[piece]
            nodes = contents.get(segment.id, segment.nodes)
            out.append(self.render(nodes, codes))
        return "".join(out)

    def render(self, nodes, codes):
        if not self.rich:
            return nodes_text(nodes)
        out = []
        for node in nodes:
            if isinstance(node, str):
                out.append(html.escape(node, quote=False))
            elif isinstance(node, Span):
                code = codes[node.id]
                out.append(code.open_html())
                out.append(self.render(node.children, codes))
                out.append(code.close_html())
            else:
                out.append(codes[node.id].open_html())
        return "".join(out)

    def shape(self):
        """The skeleton without whitespace: what two texts must share to align."""
        shape = []
        for piece in self.skeleton:
            if isinstance(piece, int):
                shape.append(piece)
            elif shape and isinstance(shape[-1], str):
                shape[-1] += _WHITESPACE.sub("", piece)
            else:
                shape.append(_WHITESPACE.sub("", piece))
        return [piece for piece in shape if piece != ""]


class _Element:
    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag, attrs):
        self.tag = tag
        self.attrs = tuple(attrs)
        self.children = []

    def start_html(self):
        return Code("", self.tag, self.attrs).open_html()

    def end_html(self):
        return "" if self.tag in VOID_TAGS else "</%s>" % self.tag

    def is_structural(self):
        return (
            self.tag in BLOCK_TAGS
            or self.tag in CONTAINER_TAGS
            or any(
                isinstance(child, _Element) and child.is_structural()
                for child in self.children
            )
        )


class _TreeBuilder(HTMLParser):
    """A forgiving HTML tree: sanitised input is well-formed, the rest copes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Element("", ())
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, attrs)
        self.stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(_Element(tag, attrs))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        children = self.stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)


def _parse_html(text):
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def _serialise(node):
    if isinstance(node, str):
        return html.escape(node, quote=False)
    inner = "".join(_serialise(child) for child in node.children)
    return node.start_html() + inner + node.end_html()


class _Segmenter:
    def __init__(self):
        self.skeleton = []
        self.segments = []
        self.codes = {}

    def walk(self, element):
        run = []
        for child in element.children:
            if isinstance(child, _Element) and child.is_structural():
                self.flush(run, element.tag)
                run = []
                self.skeleton.append(child.start_html())
                self.walk(child)
                self.skeleton.append(child.end_html())
            else:
                run.append(child)
        self.flush(run, element.tag)

    def flush(self, run, block):
        if not run:
            return
        if not any(_element_has_text(node) for node in run):
            self.skeleton.append("".join(_serialise(node) for node in run))
            return
        run = list(run)
        # Whitespace around a block's text belongs to the layout, not to
        # the sentence a translator sees.
        leading = trailing = ""
        if isinstance(run[0], str):
            stripped = run[0].lstrip()
            leading = run[0][: len(run[0]) - len(stripped)]
            run[0] = stripped
        if isinstance(run[-1], str):
            stripped = run[-1].rstrip()
            trailing = run[-1][len(stripped) :]
            run[-1] = stripped
        first_code = len(self.codes)
        nodes = [node for node in (self.inline(node) for node in run) if node != ""]
        if leading:
            self.skeleton.append(leading)
        self.skeleton.append(len(self.segments))
        if trailing:
            self.skeleton.append(trailing)
        self.segments.append(
            Segment(
                id="s%d" % (len(self.segments) + 1),
                nodes=nodes,
                block=block,
                code_ids=tuple(list(self.codes)[first_code:]),
            )
        )

    def inline(self, node):
        if isinstance(node, str):
            return node
        code = Code(str(len(self.codes) + 1), node.tag, node.attrs)
        self.codes[code.id] = code
        if not code.paired:
            return Mark(code.id)
        children = [self.inline(child) for child in node.children]
        return Span(code.id, [child for child in children if child != ""])


def _element_has_text(node):
    if isinstance(node, str):
        return bool(node.strip())
    return any(_element_has_text(child) for child in node.children)


def segment_html(text):
    """Segment sanitised rich text (``clean_html`` runs first: it is cheap
    and idempotent, and text may have reached the database unsanitised)."""
    segmenter = _Segmenter()
    segmenter.walk(_parse_html(clean_html(text or "")))
    return Segmentation(
        rich=True,
        skeleton=segmenter.skeleton,
        segments=segmenter.segments,
        codes=segmenter.codes,
    )


def segment_plain(text):
    text = text or ""
    stripped = text.strip()
    if not stripped:
        return Segmentation(rich=False, skeleton=[text], segments=[], codes={})
    start = text.index(stripped)
    skeleton = [text[:start], 0, text[start + len(stripped) :]]
    return Segmentation(
        rich=False,
        skeleton=[piece for piece in skeleton if piece != ""],
        segments=[Segment(id="s1", nodes=[stripped])],
        codes={},
    )


def segment(text, *, rich):
    return segment_html(text) if rich else segment_plain(text)


# Aligning an existing translation with its source ---------------------------


def align(source, translation_text):
    """How an existing translation lines up with ``source``, segment by segment.

    Returns ({segment id: nodes}, {code id: Code}): the translation's
    segments in ``source``'s code ids, and the translation's own version of
    each code it matched (a link to the Swedish page where the source links
    to the English one), so that a round trip keeps it.

    Segments line up where the blocks are the same, in the same order, and
    the segment has the same inline elements (matched by tag, in order).
    Segments that do not line up are left out; everything is when the blocks
    differ.
    """
    translation = segment(translation_text, rich=source.rich)
    if translation.shape() != source.shape() or len(translation.segments) != len(
        source.segments
    ):
        return {}, {}
    aligned, codes = {}, {}
    for source_segment, target_segment in zip(
        source.segments, translation.segments, strict=True
    ):
        renumbered = _renumber(
            target_segment.nodes,
            translation.codes,
            [source.codes[code_id] for code_id in source_segment.code_ids],
        )
        if renumbered is not None:
            nodes, matched = renumbered
            aligned[source_segment.id] = nodes
            codes.update(matched)
    return aligned, codes


def _renumber(nodes, codes, available):
    """(nodes, {source id: Code}): each code given the id of a source code
    of its tag.

    None when a code has no counterpart, or a source code is left unused.
    """
    available = list(available)
    matched = {}

    def walk(nodes):
        out = []
        for node in nodes:
            if isinstance(node, str):
                out.append(node)
                continue
            own = codes[node.id]
            match = next((code for code in available if code.tag == own.tag), None)
            if match is None:
                raise LookupError(own.tag)
            available.remove(match)
            matched[match.id] = Code(match.id, own.tag, own.attrs)
            if isinstance(node, Span):
                out.append(Span(match.id, walk(node.children)))
            else:
                out.append(Mark(match.id))
        return out

    try:
        renumbered = walk(nodes)
    except LookupError:
        return None
    return (renumbered, matched) if not available else None


# Checking a translated segment's codes --------------------------------------


def code_problems(segment, source, nodes):
    """What is wrong with the codes of ``nodes``, translating ``segment``.

    Each of the segment's codes must appear exactly once, as the same kind
    (paired or standalone); no other code may appear. Returns a list of
    human-readable messages, empty when all is well.
    """
    problems = []
    expected = {code_id: source.codes[code_id] for code_id in segment.code_ids}
    seen = set()
    for code_id, paired in iter_codes(nodes):
        code = expected.get(code_id)
        if code is None:
            problems.append(
                _("inline code %(id)s is not in the source of this segment")
                % {"id": code_id}
            )
        elif code_id in seen:
            problems.append(
                _("inline code %(code)s appears more than once")
                % {"code": code.label()}
            )
        elif code.paired != paired:
            problems.append(
                _("inline code %(code)s has the wrong kind (paired or standalone)")
                % {"code": code.label()}
            )
        seen.add(code_id)
    for code_id, code in expected.items():
        if code_id not in seen:
            problems.append(
                _("inline code %(code)s of the source is missing")
                % {"code": code.label()}
            )
    return problems
