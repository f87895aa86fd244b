"""The links to a page's other languages: the switcher and hreflang.

One builder for the public pages (core/templatetags/newsroom_tags.py) and
the previews (releases/preview.py), so that both name and mark languages
alike.
"""

from dataclasses import dataclass

from core.languages import native_name
from core.localized import active_language


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    absolute_url: str
    is_current: bool


@dataclass(frozen=True)
class PageLanguages:
    """The languages a page exists in, for the switcher and hreflang links."""

    links: list
    x_default: str


def language_links(request, codes, url_in):
    """A LanguageLink for each code, ``url_in(code)`` giving its address."""
    links = []
    for code in codes:
        url = url_in(code)
        links.append(
            LanguageLink(
                code=code,
                name=native_name(code),
                url=url,
                absolute_url=request.build_absolute_uri(url),
                is_current=code == active_language(),
            )
        )
    return links
