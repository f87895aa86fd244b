"""The rich-text allow-list (core/sanitize.py), and where it is applied.

Body and more information are the only fields rendered as HTML; they are
sanitised on save in every language and again when rendered. Everything
else is escaped.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from core.languages import LANGUAGE_CODES
from core.sanitize import ALLOWED_TAGS, clean_html, safe_html
from releases.models import PressRelease
from tests.browser.xss_payloads import ALL as XSS_PAYLOADS
from tests.factories import make_release

ALLOWED_SAMPLES = (
    "<p>A paragraph<br>with a line break.</p>",
    "<h2>Heading</h2>",
    "<h3>Subheading</h3>",
    "<h4>Minor heading</h4>",
    "<p><strong>strong</strong> <b>bold</b> <em>em</em> <i>italic</i> <u>u</u></p>",
    "<ul>\n<li>one</li>\n<li>two<ol>\n<li>nested</li>\n</ol>\n</li>\n</ul>",
    "<blockquote>\n<p>Quoted.</p>\n</blockquote>",
    "<p><q>inline quote</q>, <cite>a work</cite>, "
    '<abbr title="Committee of the Regions">CoR</abbr>, H<sub>2</sub>O, m<sup>2</sup></p>',
    '<p><a href="https://cor.europa.eu/en" title="The Committee" hreflang="en" '
    'rel="noopener noreferrer">link</a></p>',
    '<p><a href="/en/releases/" rel="noopener noreferrer">on this site</a>, '
    '<a href="mailto:press@cor.europa.eu" rel="noopener noreferrer">mail</a>, '
    '<a href="tel:+3222822211" rel="noopener noreferrer">call</a></p>',
)


@pytest.mark.parametrize("html", ALLOWED_SAMPLES)
def test_what_an_editor_makes_is_kept_as_it_is(html):
    assert clean_html(html) == html


def test_the_allow_list_is_the_issue_s_and_nothing_that_runs_or_restyles():
    assert {"p", "h2", "h3", "strong", "em", "ul", "ol", "li", "a", "blockquote"} <= (
        ALLOWED_TAGS
    )
    dangerous = {"script", "style", "svg", "math", "iframe", "img", "object", "embed"}
    assert not dangerous & ALLOWED_TAGS
    assert not {"form", "input", "button", "base", "meta", "link", "div", "span"} & (
        ALLOWED_TAGS
    )


FORBIDDEN = {
    "script element": ("<p>a</p><script>alert(1)</script>", "<p>a</p>"),
    "script split by another": (
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "ipt&gt;alert(1)ipt&gt;",
    ),
    "style element": ("<style>p{display:none}</style><p>a</p>", "<p>a</p>"),
    "style attribute": ('<p style="position:fixed">a</p>', "<p>a</p>"),
    "class and id": ('<p class="x" id="main">a</p>', "<p>a</p>"),
    "event handler": ('<p onclick="alert(1)">a</p>', "<p>a</p>"),
    "event handler on a link": (
        '<a href="/x" onmouseover="alert(1)">a</a>',
        '<a href="/x" rel="noopener noreferrer">a</a>',
    ),
    "image with onerror": ("<img src=x onerror=alert(1)>after", "after"),
    "svg": ("<svg onload=alert(1)><text>t</text></svg>after", "after"),
    "math": ('<math href="javascript:alert(1)">m</math>after', "after"),
    "iframe": ('<iframe src="https://evil.example"></iframe>after', "after"),
    "iframe srcdoc": ('<iframe srcdoc="<script>alert(1)</script>">x</iframe>', ""),
    "object and embed": (
        '<object data="x.swf"></object><embed src="x.swf">after',
        "after",
    ),
    "form controls": (
        '<form action="https://evil.example"><input name=q><button>b</button></form>',
        "b",
    ),
    "base and meta": (
        '<base href="https://evil.example/"><meta http-equiv="refresh" content="0">a',
        "a",
    ),
    "comment": ("<!-- <script>alert(1)</script> -->a", "a"),
    "h1 keeps its text only": ("<h1>Title</h1>", "Title"),
    "target on a link": (
        '<a href="/x" target="_blank" rel="opener">a</a>',
        '<a href="/x" rel="noopener noreferrer">a</a>',
    ),
    "noscript breakout": (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
        '"&gt;',
    ),
    "math, table and style namespace confusion": (
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "",
    ),
    "svg, p and style namespace confusion": (
        '<svg></p><style><a id="</style><img src=x onerror=alert(1)>">',
        '<p></p>"&gt;',
    ),
    "title breakout": ("<title><img src=x onerror=alert(1)></title>after", "after"),
    "textarea breakout": ("<textarea></textarea><img src=x onerror=alert(1)>", ""),
}


@pytest.mark.parametrize("html, expected", FORBIDDEN.values(), ids=FORBIDDEN.keys())
def test_forbidden_markup_is_stripped(html, expected):
    assert clean_html(html) == expected


DANGEROUS_URLS = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java&#x09;script:alert(1)",
    "java&#x0A;script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1)",
    "javascript&colon;alert(1)",
    "\x01javascript:alert(1)",
    "&#14;javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/",
)


@pytest.mark.parametrize("url", DANGEROUS_URLS)
def test_links_lose_an_href_that_is_not_web_mail_phone_or_this_site(url):
    assert clean_html('<a href="%s">x</a>' % url) == (
        '<a rel="noopener noreferrer">x</a>'
    )


def test_every_link_gets_rel_noopener_noreferrer():
    cleaned = clean_html(
        '<p><a href="https://a.example">a</a> <a href="/b" rel="external">b</a></p>'
    )
    assert re.findall(r"<a [^>]*>", cleaned) == [
        '<a href="https://a.example" rel="noopener noreferrer">',
        '<a href="/b" rel="noopener noreferrer">',
    ]


@pytest.mark.parametrize(
    "html", ALLOWED_SAMPLES + tuple(html for html, _ in FORBIDDEN.values())
)
def test_sanitising_twice_changes_nothing(html):
    once = clean_html(html)
    assert clean_html(once) == once


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_corpus_payload_survives_and_cleaning_is_idempotent(payload):
    cleaned = clean_html(payload)
    assert clean_html(cleaned) == cleaned
    # What is left is text and allowed tags without attributes (links keep an
    # href to a safe place and get rel).
    for tag, attributes in re.findall(r"<([a-zA-Z0-9]+)([^>]*)>", cleaned):
        assert tag in ALLOWED_TAGS
        for name, value in re.findall(r'\s([a-z-]+)="([^"]*)"', attributes):
            assert name in {"href", "title", "hreflang", "rel"}
            if name == "href":
                assert re.match(r"^(https?:|mailto:|tel:|/|#|\?|[^:]*$)", value)
    assert "javascript:" not in cleaned.lower().replace("&amp;", "&")


def test_empty_stays_empty():
    assert clean_html("") == ""
    assert clean_html(None) is None
    assert safe_html("") == ""


@pytest.mark.django_db
def test_save_sanitises_body_and_more_information_in_every_language():
    dirty = '<p onclick="alert(1)">Text<script>alert(1)</script></p>'
    values = {
        "%s_%s" % (field, code): dirty
        for field in PressRelease.rich_text_fields
        for code in LANGUAGE_CODES
    }
    release = make_release(**values)
    release.refresh_from_db()
    for name in values:
        assert getattr(release, name) == "<p>Text</p>", name


@pytest.mark.django_db
def test_text_that_skipped_save_is_sanitised_when_shown():
    """bulk_create() and update() do not call save(): the page still is safe."""
    release = make_release(title_en="Bulk")
    PressRelease.objects.filter(pk=release.pk).update(
        body_en='<p>Body</p><img src=x onerror="alert(1)">',
        more_information_en='<a href="javascript:alert(1)">more</a>',
    )
    response = Client().get(release.get_absolute_url())
    html = response.content.decode()
    assert "onerror" not in html
    assert "javascript:" not in html
    assert '<div class="release__body"><p>Body</p></div>' in html
    assert '<a rel="noopener noreferrer">more</a>' in html


@pytest.mark.django_db
def test_plain_text_fields_are_escaped_on_the_page():
    release = make_release(
        title_en="<b>Bold</b> & <i>title</i>",
        lead_en="<script>alert(1)</script> lead",
    )
    html = Client().get(release.get_absolute_url()).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;i&gt;title&lt;/i&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; lead" in html
    assert "<script>alert(1)" not in html


# Template audit: no template turns escaping off, and no template tag marks
# text safe; rich text is marked safe in one place, core.sanitize, on the
# sanitiser's output.
TEMPLATE_DIRS = [Path(path) for path in settings.TEMPLATES[0]["DIRS"]]
PROJECT = Path(settings.BASE_DIR)


def test_no_template_turns_off_escaping():
    offenders = []
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html"):
            text = path.read_text()
            for pattern in (
                r"\|\s*safe\b",
                r"\|\s*safeseq\b",
                r"{%\s*autoescape\s+off",
            ):
                if re.search(pattern, text):
                    offenders.append("%s: %s" % (path.relative_to(PROJECT), pattern))
    assert offenders == []


def test_no_template_tag_marks_text_safe():
    """Template tags build markup with format_html, which escapes."""
    offenders = []
    for path in PROJECT.glob("*/templatetags/*.py"):
        if re.search(r"\bmark_safe\b|\bSafeString\b|\bSafeData\b", path.read_text()):
            offenders.append(path.relative_to(PROJECT).as_posix())
    assert offenders == []


@pytest.mark.parametrize(
    "variant",
    [
        "<p>Areas:</p><ul><li>Dialogue</li><li>Data <em>too</em></li></ul>"
        "<blockquote><p>Quote.</p></blockquote>",
        "<p>Areas:</p>\r\n\r\n<ul>\r\n  <li>Dialogue</li>\r\n  <li>Data <em>too</em></li>"
        "\r\n</ul>\r\n<blockquote> <p>Quote.</p> </blockquote>\r\n",
        "\n<p>Areas:</p>\t<ul><li>Dialogue</li>\n\n\n<li>Data <em>too</em></li></ul>"
        "<blockquote>\n<p>Quote.</p>\n</blockquote>",
    ],
)
def test_whitespace_between_blocks_is_stored_one_way(variant):
    """Untouched text posted back with other line breaks stays the same bytes."""
    assert clean_html(variant) == (
        "<p>Areas:</p>\n<ul>\n<li>Dialogue</li>\n<li>Data <em>too</em></li>\n</ul>\n"
        "<blockquote>\n<p>Quote.</p>\n</blockquote>"
    )


def test_whitespace_inside_text_is_left_alone():
    html = "<p><strong>Bold</strong> <em>and italic</em>  kept</p>\n<p></p>"
    assert clean_html(html) == html
