"""The image formats the site stores and serves, and how each is encoded.

Shared by core.images (uploads) and core.renditions (resized copies).
"""

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MIME_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def save_options(image_format, lossless=False):
    """Encoder settings for a stored image or a rendition."""
    if image_format == "JPEG":
        return {"quality": 85, "optimize": True, "progressive": True}
    if image_format == "WEBP":
        if lossless:
            return {"lossless": True, "quality": 80, "method": 4}
        return {"quality": 82, "method": 4}
    return {"optimize": True}
