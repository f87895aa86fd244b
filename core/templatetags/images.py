"""Responsive images: ``{% responsive_image image alt sizes %}``.

Renders a <picture> with a WebP srcset and a fallback <img> in the stored
image's own format, both from the renditions core.renditions keeps, with
width and height so the page does not jump while it loads. ``alt`` may be a
translated value: if it is a fallback, the <img> says which language it is in.
"""

import logging

from django import template
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from core.localized import Localized
from core.renditions import renditions_of

logger = logging.getLogger(__name__)

register = template.Library()

#: The <img src> for browsers without srcset: the widest rendition up to this.
FALLBACK_SRC_WIDTH = 1024


def _srcset(renditions, storage):
    return ", ".join(
        "%s %dw" % (storage.url(rendition.name), rendition.width)
        for rendition in renditions
    )


def picture_context(image, alt, sizes="100vw", square=False, css_class="", width=None):
    """What _responsive_image.html needs, or None when there is nothing to show.

    ``width`` fixes the width it is shown at (the height follows); without
    it, the stylesheet decides, and width and height give only the ratio.
    """
    if not image:
        return None
    try:
        renditions = renditions_of(image, square=square)
    except (OSError, ValidationError):
        # A missing or unreadable stored file must not take the page down.
        logger.warning("No renditions for %s", image.name, exc_info=True)
        return None
    if renditions is None:
        return None
    storage = image.storage
    fallback = renditions.sources[renditions.fallback_format]
    src = [r for r in fallback if r.width <= FALLBACK_SRC_WIDTH] or fallback[:1]
    return {
        "sources": [
            {"type": group[0].mime_type, "srcset": _srcset(group, storage)}
            for image_format, group in renditions.sources.items()
            if image_format != renditions.fallback_format
        ],
        "src": storage.url(src[-1].name),
        "srcset": _srcset(fallback, storage),
        "sizes": sizes,
        "width": width or renditions.width,
        "height": round(renditions.height * width / renditions.width)
        if width
        else renditions.height,
        "alt": alt,
        "alt_language": alt.language
        if isinstance(alt, Localized) and alt.is_fallback
        else "",
        "css_class": css_class,
    }


@register.simple_tag
def responsive_image(image, alt, sizes="100vw", square=False, css_class="", width=None):
    """A <picture> for ``image`` (a ReencodedImageField's file).

    ``sizes`` is the width the image takes in the layout, as in HTML;
    ``square=True`` crops to the square thumbnails (portraits).
    """
    context = picture_context(image, alt, sizes, square, css_class, width)
    if context is None:
        return ""
    return render_to_string("includes/_responsive_image.html", context)
