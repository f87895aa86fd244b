"""Share previews and structured data for a public release page.

``release_meta(request, release)`` gives what the <head> of a release page
needs: the absolute canonical URL, Open Graph and Twitter card values (plain
strings, which the template auto-escapes like any variable) and a schema.org
NewsArticle, serialised by ``json_ld_script``. Everything comes from objects
the page has already loaded (themes from the cached directory, images prefetched by
``with_detail_data()``), so it adds no SQL queries.

It lives here, beside the view, rather than in a template tag: the JSON-LD
element has to be marked safe once it is escaped, and template tags build
their markup with format_html only (tests/test_sanitize.py).
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import json_script
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.languages import LANGUAGE_CODES
from core.localized import active_language
from core.templatetags.images import picture_context

#: Open Graph wants ``ll_TT``: the country each language is mostly read in.
OG_LOCALES = {
    "bg": "bg_BG", "cs": "cs_CZ", "da": "da_DK", "de": "de_DE", "el": "el_GR",
    "en": "en_GB", "es": "es_ES", "et": "et_EE", "fi": "fi_FI", "fr": "fr_FR",
    "ga": "ga_IE", "hr": "hr_HR", "hu": "hu_HU", "it": "it_IT", "lt": "lt_LT",
    "lv": "lv_LV", "mt": "mt_MT", "nl": "nl_NL", "pl": "pl_PL", "pt": "pt_PT",
    "ro": "ro_RO", "sk": "sk_SK", "sl": "sl_SI", "sv": "sv_SE",
}  # fmt: skip

_JSON_OPENING = '<script type="application/json">'
_JSON_LD_OPENING = '<script type="application/ld+json">'


def og_locale(code):
    return OG_LOCALES.get(code, code)


def json_ld_script(data):
    """``data`` as a <script type="application/ld+json"> element.

    Django's json_script does the escaping: <, > and & become \\u003C,
    \\u003E and \\u0026, so no text (a title holding "</script>") can close
    the element or open a comment. It always types the element
    application/json, which search engines do not read as JSON-LD; only
    that constant opening tag is swapped, the escaped JSON stays as it is.
    """
    element = json_script(data, encoder=DjangoJSONEncoder)
    assert element.startswith(_JSON_OPENING)
    return mark_safe(_JSON_LD_OPENING + element[len(_JSON_OPENING) :])


def _first_image(request, release):
    for release_image in release.images.all():
        picture = picture_context(release_image.image, release_image.i18n.alt)
        if picture:
            return (
                request.build_absolute_uri(picture["src"]),
                str(release_image.i18n.alt),
            )
    return None, ""


def news_article(request, release, *, url, image):
    """The schema.org NewsArticle of a release, as a dict ready for JSON."""
    title = release.i18n.title
    organisation = {
        "@type": "Organization",
        "name": gettext("Newsroom"),
        "url": request.build_absolute_uri("/"),
        "logo": request.build_absolute_uri(static("img/favicon.svg")),
    }
    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": str(title),
        "description": str(release.i18n.lead),
        "datePublished": release.published_at.isoformat(),
        "dateModified": max(release.published_at, release.updated_at).isoformat(),
        "inLanguage": title.language,
        "author": organisation,
        "publisher": organisation,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "about": [
            {"@type": "Thing", "name": str(topic.i18n.name or topic.slug)}
            for topic in release.theme_list
        ],
    }
    if image:
        article["image"] = [image]
    return article


def release_meta(request, release):
    """What the <head> of a public release page says about it."""
    url = request.build_absolute_uri(release.get_absolute_url())
    image, image_alt = _first_image(request, release)
    article = news_article(request, release, url=url, image=image)
    shown = article["inLanguage"] or active_language()
    others = [code for code in release.available_languages() if code != shown]
    return {
        "canonical": url,
        "site_name": article["publisher"]["name"],
        "title": article["headline"],
        "description": article["description"],
        "image": image,
        "image_alt": image_alt,
        "locale": og_locale(shown),
        "locale_alternates": [og_locale(c) for c in others if c in LANGUAGE_CODES],
        "published": article["datePublished"],
        "modified": article["dateModified"],
        "article": article,
        "json_ld": json_ld_script(article),
    }
