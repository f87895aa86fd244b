"""Server-side sanitising of rich text, with nh3 (Rust's ammonia).

Every language variant of a rich-text field passes through ``clean_html`` on
save, so templates may mark it safe. The allow-list is what an editor needs
for a press release (paragraphs, headings, emphasis, lists, links, quotes) and
nothing that can run code or restyle the page.
"""

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u",
    "ul", "ol", "li", "a", "blockquote", "q", "cite", "abbr", "sub", "sup",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html):
    if not html:
        return html
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
