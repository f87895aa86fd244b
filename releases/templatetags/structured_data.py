"""Share previews and structured data for a release page.

``{% release_meta release as meta %}`` gives what the <head> of a public
release page needs: the absolute canonical URL, Open Graph values and a
schema.org NewsArticle as a dict, which the template serialises with
``json_script`` (that escapes <, > and &, so no text can close the element).
Everything comes from objects the page has already loaded (topics and images
are prefetched), so it adds no SQL queries.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from newsroom.languages import LANGUAGE_CODES
from newsroom.localized import active_language

from .images import picture_context

register = template.Library()

#: Open Graph wants ``ll_TT``: the country each language is mostly read in.
OG_LOCALES = {
    "bg": "bg_BG", "cs": "cs_CZ", "da": "da_DK", "de": "de_DE", "el": "el_GR",
    "en": "en_GB", "es": "es_ES", "et": "et_EE", "fi": "fi_FI", "fr": "fr_FR",
    "ga": "ga_IE", "hr": "hr_HR", "hu": "hu_HU", "it": "it_IT", "lt": "lt_LT",
    "lv": "lv_LV", "mt": "mt_MT", "nl": "nl_NL", "pl": "pl_PL", "pt": "pt_PT",
    "ro": "ro_RO", "sk": "sk_SK", "sl": "sl_SI", "sv": "sv_SE",
}  # fmt: skip


def og_locale(code):
    return OG_LOCALES.get(code, code)


def _language(value, default):
    return getattr(value, "language", None) or default


@register.simple_tag(takes_context=True)
def release_meta(context, release):
    request = context["request"]
    language = active_language()
    title = release.i18n.title
    lead = release.i18n.lead
    url = request.build_absolute_uri(release.get_absolute_url())
    site_name = gettext("Newsroom")
    organisation = {
        "@type": "Organization",
        "name": site_name,
        "url": request.build_absolute_uri("/"),
        "logo": request.build_absolute_uri(static("img/favicon.svg")),
    }
    image = image_alt = None
    for release_image in release.images.all():
        picture = picture_context(release_image.image, release_image.i18n.alt)
        if picture:
            image = request.build_absolute_uri(picture["src"])
            image_alt = str(release_image.i18n.alt or "")
            break
    published = release.published_at.isoformat()
    modified = max(release.published_at, release.updated_at).isoformat()
    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": str(title),
        "description": str(lead),
        "datePublished": published,
        "dateModified": modified,
        "inLanguage": _language(title, language),
        "author": organisation,
        "publisher": organisation,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "about": [
            {"@type": "Thing", "name": str(topic.i18n.name or topic.slug)}
            for topic in release.topics.all()
        ],
    }
    if image:
        article["image"] = [image]
    shown = _language(title, language)
    others = [code for code in release.available_languages() if code != shown]
    return {
        "canonical": url,
        "site_name": site_name,
        "title": str(title),
        "description": str(lead),
        "image": image,
        "image_alt": image_alt,
        "locale": og_locale(shown),
        "locale_alternates": [og_locale(c) for c in others if c in LANGUAGE_CODES],
        "published": published,
        "modified": modified,
        "article": article,
        "json_ld": format_html(
            '<script type="application/ld+json">{}</script>',
            mark_safe(
                json.dumps(article, cls=DjangoJSONEncoder).translate(
                    _json_script_escapes
                )
            ),
        ),
    }
