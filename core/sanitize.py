"""Server-side sanitising of rich text, with nh3 (Rust's ammonia).

Every language variant of a rich-text field passes through ``clean_html`` on
save, and again where it is rendered (core.localized), so that text which
reached the database some other way (bulk_create, update(), a fixture) is never
marked safe unsanitised. The allow-list is what an editor needs for a press
release (paragraphs, headings, emphasis, lists, links, quotes) and nothing that
can run code, load anything or restyle the page: no script, no event
handlers, no style or class, no svg, math, iframe, object, form or image.

ammonia parses with html5ever, the same HTML5 algorithm as browsers, and
serialises what it kept, so mutation-XSS shapes (markup that means one thing
to a sanitiser and another to the browser that re-parses it) come out as
plain, escaped text.
"""

import functools
import re
from html.parser import HTMLParser

import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u",
    "ul", "ol", "li", "a", "blockquote", "q", "cite", "abbr", "sub", "sup",
}  # fmt: skip

# Attributes are per tag; none is allowed on all tags, so no on* handler,
# style, class or id ever survives.
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}}

# Links may be relative (to this site) or use one of these schemes:
# javascript:, vbscript: and data: are dropped with the href, whatever their
# case, entities or embedded whitespace (ammonia parses the URL first).
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Set on every link, replacing any rel the input had: a linked page can
# neither script this one through window.opener nor learn the draft's URL.
LINK_REL = "noopener noreferrer"

# Elements removed together with their content. Everything else outside the
# allow-list loses its tags but keeps its text; the content of these is code,
# a nested document or a form control, never prose for the reader.
CLEAN_CONTENT_TAGS = {
    "script", "style", "template", "iframe", "frame", "frameset", "object",
    "embed", "noscript", "noembed", "noframes", "xmp", "plaintext", "textarea",
    "select", "title", "svg", "math",
}  # fmt: skip


# Whitespace between two block tags means nothing to a browser. Stored HTML
# has exactly one newline there, as the editor writes it (one block a line),
# so that the same text always has the same bytes: re-saving an untouched
# body, or importing it with other line breaks, is not a change to record,
# to flag as a conflict or to mark every translation of as outdated.
# Between: the end of a block or the start of a list or quote, and the start
# of a block or the end of a list, item or quote (never inside an empty <p>).
_BETWEEN_BLOCKS = re.compile(
    r"(</(?:p|h[2-4]|ul|ol|li|blockquote)>|<(?:ul|ol|blockquote)(?:\s[^>]*)?>)"
    r"\s*"
    r"(?=<(?:p|h[2-4]|ul|ol|li|blockquote)[\s>]|</(?:ul|ol|li|blockquote)>)"
)


def clean_html(html):
    """``html`` reduced to the allow-list; idempotent, and "" stays "".

    The result is canonical: HTML that differs only in the whitespace
    between blocks comes out the same.
    """
    if not html:
        return html
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return _BETWEEN_BLOCKS.sub("\\1\n", cleaned).strip()


@functools.lru_cache(maxsize=256)
def safe_html(html):
    """``clean_html(html)`` marked safe: the only way rich text reaches a page.

    Memoised, since a page shows the same few bodies over and over and
    sanitising a long one takes about half a millisecond.
    """
    return mark_safe(clean_html(html or ""))


class _LinkReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [value or "" for name, value in attrs if name == "href"]


def refused_links(html):
    """The hrefs in ``html`` whose scheme the sanitiser would drop.

    Read as a browser reads them: entities decoded, and the tabs, newlines
    and control characters it ignores in a URL removed.
    """
    reader = _LinkReader()
    reader.feed(html)
    reader.close()
    refused = []
    for href in reader.hrefs:
        compact = re.sub(r"[\x00-\x20\x7f]", "", href).lower()
        scheme = re.match(r"^([a-z][a-z0-9+.-]*):", compact)
        if scheme and scheme.group(1) not in URL_SCHEMES and href not in refused:
            refused.append(href)
    return refused
