"""Image files for tests, made in memory: real images, and hostile ones.

Nothing here is a committed binary: each file is drawn with Pillow or
assembled byte by byte, and small.
"""

import io
import struct
import zlib

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (50.0, 50.0, 20.5),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (4.0, 22.0, 1.0),
}
#: Words hidden in metadata, to look for in what is stored.
SECRETS = (b"Secret Phone", b"secret comment", b"secret xmp", b"secret text")


def image_bytes(image_format="PNG", size=(40, 30), color="navy", mode="RGB", **options):
    """A small real image. Pass Pillow save options (exif=..., quality=...)."""
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, image_format, **options)
    return buffer.getvalue()


def noisy_bytes(image_format="JPEG", size=(64, 48)):
    """An image that does not compress to nothing."""
    buffer = io.BytesIO()
    Image.effect_noise(size, 64).convert("RGB").save(buffer, image_format)
    return buffer.getvalue()


def upload(data, name="image.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def camera_jpeg(size=(40, 30), orientation=6):
    """A phone photo: GPS position, camera make, orientation, XMP, comment.

    Orientation 6 means "turn 90° clockwise to view": stored 40 × 30, shown
    30 × 40.
    """
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Secret Phone"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    buffer = io.BytesIO()
    image = Image.new("RGB", size, "white")
    # A red left half, to see which way the stored image is turned.
    image.paste("red", (0, 0, size[0] // 2, size[1]))
    image.save(
        buffer,
        "JPEG",
        exif=exif.tobytes(),
        comment=b"secret comment",
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">secret xmp</x:xmpmeta>',
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    )
    return buffer.getvalue()


def png_with_text(text="secret text"):
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    info.add_itxt("Description", text)
    return image_bytes("PNG", pnginfo=info)


def _png_chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def bomb_png(width=100_000, height=100_000):
    """A PNG whose header claims ``width`` × ``height`` grey pixels.

    A few dozen bytes: a decoder that trusted the header would try to
    allocate width × height bytes before finding out the data is missing.
    """
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _png_chunk(b"IEND", b"")
    )


def animated_png():
    buffer = io.BytesIO()
    frames = [Image.new("RGB", (20, 20), color) for color in ("red", "blue")]
    frames[0].save(buffer, "PNG", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


def truncated(data):
    return data[: len(data) // 2]


GIF_JS_POLYGLOT = (
    # A GIF header that is also the start of a JavaScript comment.
    b"GIF89a/*\x01\x00\x01\x00\x00\xff\x00,\x00\x00\x00\x00\x01\x00\x01\x00"
    b"\x00\x02\x00;*/=1;alert(document.domain);//"
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG_IMAGE = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
    b'width="10" height="10" onload="alert(1)"><rect width="10" height="10"/></svg>'
)
EPS_FILE = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"
    b"(pwned) print\nshowpage\n%%EOF\n"
)
#: A DOS EPS: binary header, then PostScript.
DOS_EPS_FILE = b"\xc5\xd0\xd3\xc6" + b"\x1e\x00\x00\x00" + b"\x00" * 22 + EPS_FILE
PDF_FILE = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"


def jpeg_with_pdf_in_comment():
    """A JPEG that a PDF reader also opens: %PDF- in its first kilobyte."""
    return image_bytes("JPEG", comment=PDF_FILE)


def jpeg_with_pdf_appended():
    return image_bytes("JPEG") + PDF_FILE


def png_with_script():
    return png_with_text("<script>alert(document.cookie)</script>")


def make_release_image(release, data=None, name="photo.jpg", **overrides):
    """A saved ReleaseImage of ``release``, stored as an upload would be."""
    from releases.models import ReleaseImage

    values = {"alt_%s" % release.original_language: "A picture", "credit": ""}
    values.update(overrides)
    image = ReleaseImage(release=release, **values)
    image.image.save(name, ContentFile(data or image_bytes("JPEG")), save=False)
    image.full_clean()
    image.save()
    return image
