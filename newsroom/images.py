"""Validation for uploaded images: decoded by Pillow, bounded in size."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}


def validate_image(file):
    """Refuse anything that is not a JPEG, PNG or WebP of sane size.

    The format is read from the decoded file, not its name, and the pixel
    count is checked before Pillow decodes the pixels, so a decompression
    bomb is a validation error rather than a server out of memory.
    """
    max_bytes = settings.NEWSROOM_MAX_IMAGE_BYTES
    if file.size > max_bytes:
        raise ValidationError(
            _("The image is %(size)s; the largest allowed is %(max)s."),
            code="image_too_large",
            params={
                "size": filesizeformat(file.size),
                "max": filesizeformat(max_bytes),
            },
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            if width * height > settings.NEWSROOM_MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _(
                        "The image is %(width)s × %(height)s pixels, too many to process."
                    ),
                    code="image_too_many_pixels",
                    params={"width": width, "height": height},
                )
            image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError as exc:
        raise ValidationError(
            _("The image has too many pixels to process."),
            code="image_too_many_pixels",
        ) from exc
    except Exception as exc:
        raise ValidationError(
            _("This file is not an image we can read (JPEG, PNG or WebP)."),
            code="image_unreadable",
        ) from exc
    finally:
        file.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Only JPEG, PNG and WebP images are accepted, not %(format)s."),
            code="image_format",
            params={"format": image_format},
        )
