"""Renditions of stored images: responsive widths and square thumbnails.

Every image a ReencodedImageField stores is named by the hash of its
content, so its renditions are too: ``renditions/<hash>/640w.webp``. They are
made when the image is saved, and again on demand if the renditions folder
was emptied, so it is a cache that can be deleted at any time; files under
it never change and may be served with a long cache lifetime.

Each rendition exists in WebP and in the stored image's own format (JPEG or
PNG), the fallback for the rare browser without WebP. Images are only ever
made smaller, never larger than the stored file.
"""

import io
import logging
import posixpath
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from core.image_formats import ALLOWED_FORMATS, EXTENSIONS, MIME_TYPES, save_options

logger = logging.getLogger(__name__)

#: Widths offered in srcset, in CSS pixels at 1x and 2x of the layouts.
WIDTHS = (320, 640, 1024, 1600)
#: Sides of the square thumbnails (a 160px portrait, and its 2x).
SQUARE_SIDES = (160, 320)
ROOT = "renditions"

_FORMATS_BY_EXTENSION = {extension: name for name, extension in EXTENSIONS.items()}


@dataclass(frozen=True)
class Rendition:
    name: str
    width: int
    height: int
    format: str
    square: bool = False

    @property
    def mime_type(self):
        return MIME_TYPES[self.format]


@dataclass(frozen=True)
class RenditionSet:
    """The renditions of one image for one use: one list per format."""

    sources: dict  # format -> [Rendition], smallest first
    fallback_format: str
    width: int  # of the image as shown (the square side, or the original)
    height: int

    @property
    def all(self):
        return [rendition for group in self.sources.values() for rendition in group]


def _source_format(name):
    extension = posixpath.splitext(name)[1].lstrip(".").lower()
    return _FORMATS_BY_EXTENSION.get(extension, "JPEG")


def _key(name):
    """The content hash a stored image is named by."""
    return posixpath.splitext(posixpath.basename(name))[0]


def widths_for(width):
    """The srcset widths for an image ``width`` pixels wide: never wider."""
    widths = [candidate for candidate in WIDTHS if candidate < width]
    if width <= WIDTHS[-1]:
        widths.append(width)
    return widths or [WIDTHS[-1]]


def plan(name, width, height, square=False):
    """The renditions of the stored image ``name``, without touching storage."""
    source_format = _source_format(name)
    formats = ["WEBP"] if source_format == "WEBP" else ["WEBP", source_format]
    key = posixpath.join(ROOT, _key(name))
    if square:
        side = min(width, height)
        sizes = [s for s in SQUARE_SIDES if s < side] + (
            [side] if side <= SQUARE_SIDES[-1] else []
        )
        sizes = sizes or [SQUARE_SIDES[-1]]
        dimensions = [(s, s, "%dsq" % s) for s in sizes]
        shown = (sizes[0], sizes[0])
    else:
        dimensions = [
            (w, max(1, round(height * w / width)), "%dw" % w) for w in widths_for(width)
        ]
        shown = (width, height)
    sources = {
        image_format: [
            Rendition(
                name="%s/%s.%s" % (key, label, EXTENSIONS[image_format]),
                width=w,
                height=h,
                format=image_format,
                square=square,
            )
            for w, h, label in dimensions
        ]
        for image_format in formats
    }
    return RenditionSet(
        sources=sources,
        fallback_format=source_format,
        width=shown[0],
        height=shown[1],
    )


def dimensions(fieldfile):
    """(width, height) from the model's dimension fields, else from the file."""
    field = fieldfile.field
    width = getattr(fieldfile.instance, field.width_field or "", None)
    height = getattr(fieldfile.instance, field.height_field or "", None)
    if width and height:
        return width, height
    return fieldfile.width, fieldfile.height


def renditions_of(fieldfile, square=False):
    """The RenditionSet of a stored image, made first if it is missing."""
    width, height = dimensions(fieldfile)
    if not (width and height):
        return None
    renditions = plan(fieldfile.name, width, height, square=square)
    storage = fieldfile.storage
    # The last one is written last: if it exists, so do the others.
    if not storage.exists(renditions.all[-1].name):
        make(fieldfile, renditions)
    return renditions


def prepare(fieldfile):
    """Make every rendition a page may ask for, when the image is saved."""
    for square in (False, True):
        renditions_of(fieldfile, square=square)


def _resized(image, rendition):
    if rendition.square:
        return ImageOps.fit(
            image, (rendition.width, rendition.height), Image.Resampling.LANCZOS
        )
    if image.size == (rendition.width, rendition.height):
        return image
    return image.resize(
        (rendition.width, rendition.height),
        Image.Resampling.LANCZOS,
        reducing_gap=3.0,
    )


def make(fieldfile, renditions):
    """Write the renditions that are missing from storage."""
    storage = fieldfile.storage
    missing = [r for r in renditions.all if not storage.exists(r.name)]
    if not missing:
        return
    # Only our own re-encoded files reach here, but they are still opened
    # with the three decoders alone.
    with (
        storage.open(fieldfile.name, "rb") as file,
        Image.open(file, formats=ALLOWED_FORMATS) as image,
    ):
        image.load()
        # Lossless sources (PNG logos, diagrams) stay crisp in WebP.
        lossless = renditions.fallback_format == "PNG"
        for rendition in missing:
            buffer = io.BytesIO()
            _resized(image, rendition).save(
                buffer,
                rendition.format,
                **save_options(rendition.format, lossless=lossless),
            )
            saved = storage.save(rendition.name, ContentFile(buffer.getvalue()))
            if saved != rendition.name:
                # Another process wrote the same rendition meanwhile; the two
                # are identical, keep theirs.
                storage.delete(saved)
    logger.info("Made %d renditions of %s", len(missing), fieldfile.name)
