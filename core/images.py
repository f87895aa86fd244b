"""Uploaded images: checked by decoding, bounded, re-encoded without metadata.

Speaker photos, organisation logos and release images come from editors'
machines and phones, so an upload is treated as hostile until proven an
image:

- the first bytes must be those of a JPEG, PNG or WebP; anything else is
  refused, by name where we recognise it (GIF, EPS, PDF, SVG, HTML ...);
- Pillow opens it with only those three decoders (``formats=``), so no other
  plugin ever parses it and Ghostscript is never started for PostScript;
- the size in bytes, and the pixel count read from the header, are checked
  before any pixel is decoded: a decompression bomb is a validation error;
- a file that also carries a document or markup (a PDF/JPEG or HTML/PNG
  polyglot) is refused, and a truncated file fails the full decode;
- what is stored is never the uploaded byte stream: the pixels are decoded,
  turned upright by their EXIF orientation, converted to sRGB, and written
  to a fresh file without EXIF, GPS, XMP, ICC, comments or text chunks,
  named by the hash of its content.

``ReencodedImageField`` does all this for a model; ``validate_image`` is
the check alone. Renditions are made from the stored file (core.renditions).
"""

import hashlib
import io
import re
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.signals import setting_changed
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.dispatch import receiver
from django.template.defaultfilters import filesizeformat, floatformat
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from PIL import Image, ImageCms, ImageOps

from core import renditions
from core.image_formats import ALLOWED_FORMATS, EXTENSIONS, MIME_TYPES, save_options
from core.languages import translated_name

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Formats editors are likely to try, recognised by their first bytes so that
# the refusal can name them. None of them is ever handed to Pillow.
_OTHER_SIGNATURES = (
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"%!PS", "PostScript (EPS)"),
    (b"\xc5\xd0\xd3\xc6", "PostScript (EPS)"),
    (b"%PDF-", "PDF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"8BPS", "Photoshop (PSD)"),
    (b"BM", "BMP"),
    (b"\x00\x00\x01\x00", "ICO"),
)
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"mif1", b"msf1"}

# Markup or documents hidden inside an image, as polyglots carry them. They
# are looked for in the first kilobyte, where browsers and PDF readers sniff,
# and in everything that is not compressed pixel data (metadata segments,
# text chunks, bytes after the end of the image): compressed data is random
# enough to contain any short string now and then.
_EMBEDDED_CONTENT = re.compile(
    rb"<script|<html|<svg|<iframe|<!doctype|<\?php|%PDF-|%!PS", re.IGNORECASE
)
_EMBEDDED_KINDS = {
    b"%pdf-": "PDF",
    b"%!ps": "PostScript",
    b"<svg": "SVG",
    b"<?php": "PHP",
}
# After a JPEG scan, the next marker: 0xFF not followed by a stuffed zero or
# a restart marker.
_JPEG_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7]")
_PIXEL_CHUNKS = {b"IDAT", b"fdAT", b"VP8 ", b"VP8L", b"ALPH", b"ANMF"}

_SRGB = ImageCms.createProfile("sRGB")


def _sync_pillow_limit(**kwargs):
    """Pillow's own bomb check uses the same limit as ours.

    Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that; we
    refuse above the limit ourselves, after reading the header.
    """
    if kwargs.get("setting") in (None, "NEWSROOM_MAX_IMAGE_PIXELS"):
        Image.MAX_IMAGE_PIXELS = settings.NEWSROOM_MAX_IMAGE_PIXELS


_sync_pillow_limit()
receiver(setting_changed)(_sync_pillow_limit)


# Checking ------------------------------------------------------------------


def _refuse(message, code, **params):
    raise ValidationError(message, code=code, params=params or None)


def _too_many_pixels():
    _refuse(
        _(
            "The image has too many pixels: at most %(max)s million are allowed. "
            "Make it smaller and upload it again."
        ),
        "image_too_many_pixels",
        max=floatformat(settings.NEWSROOM_MAX_IMAGE_PIXELS / 1_000_000, -1),
    )


def _damaged():
    _refuse(
        _(
            "The image is damaged or incomplete. Save it again from an image "
            "editor and upload the new file."
        ),
        "image_damaged",
    )


def _read(file):
    """The file's bytes, bounded, leaving its position where it was."""
    max_bytes = settings.NEWSROOM_MAX_IMAGE_BYTES
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        _too_large(size)
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        data = file.read(max_bytes + 1)
    finally:
        file.seek(position)
    if len(data) > max_bytes:
        _too_large(len(data))
    return data


def _too_large(size):
    _refuse(
        _("The image is %(size)s; the largest allowed is %(max)s."),
        "image_too_large",
        size=filesizeformat(size),
        max=filesizeformat(settings.NEWSROOM_MAX_IMAGE_BYTES),
    )


def sniff(data):
    """The format the first bytes announce: one of ALLOWED_FORMATS, a name, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(_PNG_SIGNATURE):
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    for signature, kind in _OTHER_SIGNATURES:
        if data.startswith(signature):
            return kind
    if data[4:8] == b"ftyp":
        if data[8:12] in {b"avif", b"avis"}:
            return "AVIF"
        if data[8:12] in _HEIF_BRANDS:
            return "HEIC"
        return None
    text = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<"):
        if b"<svg" in text:
            return "SVG"
        if text.startswith((b"<!doctype html", b"<html")) or b"<script" in text:
            return "HTML"
        return "XML"
    return None


def _jpeg_regions(data):
    """Spans of a JPEG that are not entropy-coded scan data."""
    position, end = 2, len(data)
    while position + 4 <= end:
        if data[position] != 0xFF:
            yield position, end  # not a marker: let nothing hide here
            return
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:  # end of image: whatever follows is not the image
            yield position + 2, end
            return
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            position += 2
            continue
        segment_end = position + 2 + int.from_bytes(data[position + 2 : position + 4])
        yield position + 4, segment_end
        position = segment_end
        if marker == 0xDA:  # start of scan: skip to the marker after its data
            next_marker = _JPEG_MARKER.search(data, position)
            if next_marker is None:
                return
            position = next_marker.start()


def _chunk_regions(data, position, little_endian):
    """Spans of PNG or RIFF (WebP) chunks that are not pixel data."""
    end = len(data)
    while position + 8 <= end:
        if little_endian:
            kind = data[position : position + 4]
            length = int.from_bytes(data[position + 4 : position + 8], "little")
            body, after = position + 8, position + 8 + length + (length & 1)
        else:
            length = int.from_bytes(data[position : position + 4])
            kind = data[position + 4 : position + 8]
            body, after = position + 8, position + 12 + length
        if kind not in _PIXEL_CHUNKS:
            yield body, min(body + length, end)
        position = after
        if kind == b"IEND":
            break
    yield position, end


def _unpacked_regions(data, image_format):
    yield 0, min(len(data), 1024)
    if image_format == "JPEG":
        yield from _jpeg_regions(data)
    elif image_format == "PNG":
        yield from _chunk_regions(data, len(_PNG_SIGNATURE), little_endian=False)
    else:
        riff_end = 8 + int.from_bytes(data[4:8], "little")
        yield from _chunk_regions(data[:riff_end], 12, little_endian=True)
        yield riff_end, len(data)


def _embedded_content(data, image_format):
    for start, end in _unpacked_regions(data, image_format):
        found = _EMBEDDED_CONTENT.search(data, start, end)
        if found:
            return _EMBEDDED_KINDS.get(found.group().lower(), "HTML")
    return None


def _check_bytes(data):
    kind = sniff(data)
    if kind is None:
        _refuse(_("This file is not a JPEG, PNG or WebP image."), "image_not_an_image")
    if kind not in ALLOWED_FORMATS:
        _refuse(
            _(
                "This file is in %(kind)s format; only JPEG, PNG and WebP images "
                "are accepted."
            ),
            "image_format",
            kind=kind,
        )
    embedded = _embedded_content(data, kind)
    if embedded:
        _refuse(
            _(
                "This image also contains %(kind)s content, which a browser or a "
                "reader could run, so it was refused. Save it again from an image "
                "editor and upload the new file."
            ),
            "image_polyglot",
            kind=embedded,
        )
    return kind


def _decode(data):
    """Open and fully decode an image whose bytes passed _check_bytes.

    Returns the loaded first frame; the caller closes it.
    """
    try:
        image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _too_many_pixels()
    except Exception:
        _damaged()
    try:
        width, height = image.size
        if width * height > settings.NEWSROOM_MAX_IMAGE_PIXELS:
            _too_many_pixels()
        # A JPEG with several pictures (MPO, from some cameras) keeps its
        # first; an animation would lose its point.
        if image.format in ("PNG", "WEBP") and getattr(image, "is_animated", False):
            _refuse(
                _("Animated images are not accepted: upload a still image."),
                "image_animated",
            )
        try:
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            _too_many_pixels()
        except Exception:
            _damaged()
    except ValidationError:
        image.close()
        raise
    return image


def _is_stored(file):
    # A FieldFile already in storage was re-encoded when it was saved; only
    # new uploads need checking (and the stored one may be on another disk).
    return getattr(file, "_committed", False) and bool(getattr(file, "name", None))


def validate_image(file):
    """Refuse anything that is not a sound JPEG, PNG or WebP of sane size.

    The format is read from the bytes, not the name, and the pixel count is
    checked before Pillow decodes the pixels, so a decompression bomb is a
    validation error rather than a server out of memory.
    """
    if _is_stored(file):
        return
    data = _read(file)
    _check_bytes(data)
    _decode(data).close()


# Re-encoding ----------------------------------------------------------------


@dataclass(frozen=True)
class ReencodedImage:
    """A fresh image file: only pixels, no metadata, named by its content."""

    content: bytes
    format: str
    width: int
    height: int

    @property
    def filename(self):
        digest = hashlib.sha256(self.content).hexdigest()[:32]
        return "%s.%s" % (digest, EXTENSIONS[self.format])


def _upright(image):
    try:
        return ImageOps.exif_transpose(image)
    except Exception:
        # Unreadable EXIF: keep the pixels as they are; the EXIF goes anyway.
        return image.copy()


def _plain_mode(image):
    """RGB, RGBA or L: what all three formats store and renditions expect."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode not in ("L", "RGB", "RGBA", "CMYK"):
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    if image.mode == "RGBA" and image.getextrema()[3] == (255, 255):
        image = image.convert("RGB")
    return image


def _in_srgb(image, icc_profile):
    """Convert wide-gamut or CMYK pixels to sRGB, the web's default.

    Browsers assume sRGB for an image without a profile, so dropping a
    Display P3 or Adobe RGB profile without converting would dull the colours.
    """
    if icc_profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            mode = "RGBA" if image.mode == "RGBA" else "RGB"
            return ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
        except Exception:
            # A profile lcms cannot read: keep the pixels, drop the profile.
            pass
    if image.mode == "CMYK":
        return image.convert("RGB")
    return image


def is_lossless_webp(data):
    return data[:4] == b"RIFF" and b"VP8L" in data[12:40]


def reencode(file):
    """Check ``file`` and write its pixels, and nothing else, to a new file.

    Raises ValidationError as validate_image does.
    """
    data = _read(file)
    image_format = _check_bytes(data)
    with _decode(data) as decoded:
        icc_profile = decoded.info.get("icc_profile")
        image = _upright(decoded)
    image = _in_srgb(_plain_mode(image), icc_profile)
    if image_format == "JPEG" and image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    # The decoded image's info (EXIF, XMP, ICC, comments, PNG text) would be
    # written back by some encoders: the new file gets none of it.
    image.info = {}
    buffer = io.BytesIO()
    lossless = image_format == "WEBP" and is_lossless_webp(data)
    image.save(buffer, image_format, **save_options(image_format, lossless))
    return ReencodedImage(
        content=buffer.getvalue(),
        format=image_format,
        width=image.width,
        height=image.height,
    )


def image_size(file):
    """(width, height) of a stored file, read with our three decoders only."""
    try:
        file.open("rb")
        file.seek(0)
        with Image.open(file, formats=ALLOWED_FORMATS) as image:
            return image.size
    except Exception:
        return None, None


# Fields ---------------------------------------------------------------------


class ReencodedImageFormField(forms.FileField):
    """A file input for images that leaves all checking to the model field.

    Django's forms.ImageField opens the upload with every Pillow plugin
    before any validator runs; this one does not open it at all.
    """

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ",".join(MIME_TYPES.values())
        return attrs


class ReencodedImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        """Store the re-encoded image, never ``content`` itself."""
        reencoded = reencode(content)
        name = self.field.generate_filename(self.instance, reencoded.filename)
        if self.storage.exists(name):
            # Named by its content: the same picture, uploaded before.
            self.name = name
        else:
            self.name = self.storage.save(
                name, ContentFile(reencoded.content), max_length=self.field.max_length
            )
        self.instance.__dict__[self.field.attname] = self.name
        self._committed = True
        self._dimensions_cache = (reencoded.width, reencoded.height)
        self.field.set_dimensions(self.instance, reencoded.width, reencoded.height)

        renditions.prepare(self)
        if save:
            self.instance.save()

    save.alters_data = True

    def _get_image_dimensions(self):
        if not hasattr(self, "_dimensions_cache"):
            self._dimensions_cache = image_size(self)
        return self._dimensions_cache


class ReencodedImageField(models.ImageField):
    """An ImageField that stores only a checked, re-encoded copy of uploads.

    Renditions for ``srcset`` are made when the image is saved (see
    core.renditions); keep ``width_field`` and ``height_field`` so that
    pages can size images without opening them.
    """

    attr_class = ReencodedImageFieldFile
    default_validators = [validate_image]

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        # An upload not yet saved is measured when it is re-encoded, not by
        # Django's get_image_dimensions, which tries every Pillow plugin on it
        # and lets a decompression bomb's error through.
        if self.attname in instance.__dict__:
            file = getattr(instance, self.attname)
            if file and not file._committed:
                return
        super().update_dimension_fields(instance, force, *args, **kwargs)

    def set_dimensions(self, instance, width, height):
        if self.width_field:
            setattr(instance, self.width_field, width)
        if self.height_field:
            setattr(instance, self.height_field, height)

    def formfield(self, **kwargs):
        # The upload's own name does not matter (it is replaced by a hash),
        # so a long name is no reason to refuse it.
        kwargs["max_length"] = None
        return super().formfield(**{**kwargs, "form_class": ReencodedImageFormField})


# Alternative text -----------------------------------------------------------


def require_alt_text(instance, image_field, alt_field, language):
    """Refuse an image without alternative text in ``language``.

    ``language`` is the one every other falls back to: a release's original
    language, or the site's default for objects that have none.
    """
    if not getattr(instance, image_field):
        return
    name = build_localized_fieldname(alt_field, language)
    if not (getattr(instance, name, "") or "").strip():
        raise ValidationError(
            {
                name: ValidationError(
                    _(
                        "Describe the image for people who cannot see it: a text "
                        "alternative in %(language)s is required."
                    ),
                    code="alt_required",
                    params={"language": translated_name(language)},
                )
            }
        )
