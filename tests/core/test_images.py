"""Uploaded images: what is refused, with which message, and what is stored.

core.images checks an upload by its bytes and by decoding it with
Pillow's JPEG, PNG and WebP decoders alone, then stores a re-encoded copy
without metadata; core.renditions makes the sizes pages ask for.
"""

import hashlib
import io
import time
import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import EpsImagePlugin, Image

from core import images, renditions
from partnerships.models import Organisation
from releases.models import Speaker
from tests import images as samples
from tests.factories import make_organisation, make_speaker

pytestmark = [
    pytest.mark.django_db,
    # Pillow warns between its limit (ours) and twice that; we refuse both.
    pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning"),
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def refusal(data, name="upload.jpg", content_type="image/jpeg"):
    """The messages validate_image gives for ``data``; fails if it accepts it."""
    with pytest.raises(ValidationError) as caught:
        images.validate_image(samples.upload(data, name, content_type))
    return caught.value.messages


def decoded(content):
    image = Image.open(io.BytesIO(content))
    image.load()
    return image


def stored_files(root):
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


# What is accepted --------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "image_format"),
    [
        (samples.image_bytes("JPEG"), "JPEG"),
        (samples.image_bytes("PNG"), "PNG"),
        (samples.image_bytes("WEBP"), "WEBP"),
        (samples.image_bytes("WEBP", lossless=True), "WEBP"),
    ],
    ids=["jpeg", "png", "webp", "webp-lossless"],
)
def test_jpeg_png_and_webp_are_accepted_and_keep_their_format(data, image_format):
    images.validate_image(samples.upload(data))

    reencoded = images.reencode(samples.upload(data))

    assert (reencoded.format, reencoded.width, reencoded.height) == (
        image_format,
        40,
        30,
    )
    assert decoded(reencoded.content).format == image_format


def test_the_name_and_content_type_of_an_upload_do_not_matter():
    png = samples.image_bytes("PNG")

    reencoded = images.reencode(samples.upload(png, "photo.gif", "text/html"))

    assert reencoded.format == "PNG"
    assert reencoded.filename.endswith(".png")


# What is refused, and what it says ---------------------------------------

NOT_ACCEPTED = "This file is in %s format; only JPEG, PNG and WebP images are accepted."
POLYGLOT = (
    "This image also contains %s content, which a browser or a reader could run, "
    "so it was refused. Save it again from an image editor and upload the new file."
)
DAMAGED = (
    "The image is damaged or incomplete. Save it again from an image editor and "
    "upload the new file."
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (samples.GIF_JS_POLYGLOT, NOT_ACCEPTED % "GIF"),
        (samples.HTML_PAGE, NOT_ACCEPTED % "HTML"),
        (samples.SVG_IMAGE, NOT_ACCEPTED % "SVG"),
        (samples.EPS_FILE, NOT_ACCEPTED % "PostScript (EPS)"),
        (samples.DOS_EPS_FILE, NOT_ACCEPTED % "PostScript (EPS)"),
        (samples.PDF_FILE, NOT_ACCEPTED % "PDF"),
        (samples.image_bytes("GIF"), NOT_ACCEPTED % "GIF"),
        (samples.image_bytes("BMP"), NOT_ACCEPTED % "BMP"),
        (samples.image_bytes("TIFF"), NOT_ACCEPTED % "TIFF"),
        (
            b"Just some text, named like a photo.",
            "This file is not a JPEG, PNG or WebP image.",
        ),
        (b"", "This file is not a JPEG, PNG or WebP image."),
        (samples.jpeg_with_pdf_in_comment(), POLYGLOT % "PDF"),
        (samples.jpeg_with_pdf_appended(), POLYGLOT % "PDF"),
        (samples.png_with_script(), POLYGLOT % "HTML"),
        (samples.image_bytes("PNG") + samples.HTML_PAGE, POLYGLOT % "HTML"),
        (samples.image_bytes("JPEG") + samples.SVG_IMAGE, POLYGLOT % "SVG"),
        (samples.truncated(samples.noisy_bytes("JPEG")), DAMAGED),
        (samples.truncated(samples.noisy_bytes("PNG")), DAMAGED),
        (samples.truncated(samples.noisy_bytes("WEBP")), DAMAGED),
        (samples.image_bytes("JPEG")[:200], DAMAGED),
        (
            samples.animated_png(),
            "Animated images are not accepted: upload a still image.",
        ),
    ],
    ids=[
        "gif-js-polyglot",
        "html-named-jpg",
        "svg",
        "eps",
        "dos-eps",
        "pdf",
        "gif",
        "bmp",
        "tiff",
        "text",
        "empty",
        "jpeg-pdf-polyglot",
        "jpeg-then-pdf",
        "png-with-script-text",
        "png-then-html",
        "jpeg-then-svg",
        "truncated-jpeg",
        "truncated-png",
        "truncated-webp",
        "jpeg-header-only",
        "animated-png",
    ],
)
def test_a_file_that_is_not_a_plain_jpeg_png_or_webp_is_refused(data, message):
    assert refusal(data) == [message]
    with pytest.raises(ValidationError):
        images.reencode(samples.upload(data))


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(settings):
    settings.NEWSROOM_MAX_IMAGE_BYTES = 1000
    png = samples.image_bytes("PNG")
    upload = samples.upload(png + b"\0" * (2048 - len(png)), "big.png", "image/png")

    def forbidden(*args):
        raise AssertionError("the file was read")

    upload.file.read = forbidden
    with pytest.raises(ValidationError) as caught:
        images.validate_image(upload)

    assert caught.value.messages == [
        "The image is 2.0\xa0KB; the largest allowed is 1000\xa0bytes."
    ]


TOO_MANY_PIXELS = (
    "The image has too many pixels: at most 1 million are allowed. Make it "
    "smaller and upload it again."
)


def test_an_image_with_more_pixels_than_the_limit_is_refused(settings):
    settings.NEWSROOM_MAX_IMAGE_PIXELS = 1_000_000
    data = samples.image_bytes("PNG", size=(1001, 1000))

    assert refusal(data) == [TOO_MANY_PIXELS]


@pytest.mark.parametrize(
    "size",
    [(1200, 1000), (100_000, 100_000), (2**31 - 1, 2**31 - 1)],
    ids=["just-over", "ten-gigapixels", "largest-png"],
)
def test_a_decompression_bomb_is_refused_quickly_without_allocating(settings, size):
    settings.NEWSROOM_MAX_IMAGE_PIXELS = 1_000_000
    bomb = samples.bomb_png(*size)
    assert len(bomb) < 100

    tracemalloc.start()
    started = time.perf_counter()
    try:
        messages = refusal(bomb, "bomb.png", "image/png")
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert messages == [TOO_MANY_PIXELS]
    assert elapsed < 0.5
    assert peak < 1_000_000  # bytes: nothing like the pixels the header claims


def test_pillows_own_bomb_limit_follows_the_setting(settings):
    assert Image.MAX_IMAGE_PIXELS == settings.NEWSROOM_MAX_IMAGE_PIXELS
    settings.NEWSROOM_MAX_IMAGE_PIXELS = 12345
    assert Image.MAX_IMAGE_PIXELS == 12345


def test_postscript_never_reaches_pillows_eps_plugin_or_ghostscript(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("the EPS plugin or Ghostscript was used")

    monkeypatch.setattr(EpsImagePlugin.EpsImageFile, "_open", forbidden)
    monkeypatch.setattr(EpsImagePlugin, "Ghostscript", forbidden)
    monkeypatch.setattr(EpsImagePlugin, "has_ghostscript", forbidden)

    for data in (samples.EPS_FILE, samples.DOS_EPS_FILE):
        assert refusal(data, "photo.jpg") == [NOT_ACCEPTED % "PostScript (EPS)"]
    # Disguised behind a JPEG's first bytes, it is only ever a broken JPEG.
    assert refusal(b"\xff\xd8\xff" + samples.EPS_FILE) == [POLYGLOT % "PostScript"]
    assert refusal(b"\xff\xd8\xff\xe0" + samples.DOS_EPS_FILE) == [
        POLYGLOT % "PostScript"
    ]
    assert images.image_size(ContentFile(samples.EPS_FILE)) == (None, None)


def test_pillow_is_only_ever_asked_for_jpeg_png_or_webp(monkeypatch):
    opened = []
    real_open = Image.open

    def spy(fp, mode="r", formats=None):
        opened.append(formats)
        return real_open(fp, mode, formats)

    monkeypatch.setattr(Image, "open", spy)
    speaker = make_speaker(photo_alt_en="A portrait")
    speaker.photo.save("me.jpg", ContentFile(samples.camera_jpeg()))
    images.validate_image(samples.upload(samples.image_bytes("WEBP")))
    images.image_size(speaker.photo)

    assert opened
    assert all(tuple(formats) == images.ALLOWED_FORMATS for formats in opened)


def test_assigning_a_bomb_to_a_model_does_not_measure_it_and_full_clean_refuses_it(
    settings,
):
    settings.NEWSROOM_MAX_IMAGE_PIXELS = 1_000_000
    speaker = make_speaker(photo_alt_en="A portrait")

    # Django's own ImageField would measure it here, with every Pillow plugin.
    speaker.photo = samples.upload(samples.bomb_png(), "bomb.png", "image/png")
    with pytest.raises(ValidationError) as caught:
        speaker.full_clean()

    assert caught.value.message_dict == {"photo": [TOO_MANY_PIXELS]}


def test_saving_a_model_without_full_clean_still_stores_nothing_unchecked():
    speaker = make_speaker(photo_alt_en="A portrait")

    with pytest.raises(ValidationError):
        speaker.photo.save("page.jpg", ContentFile(samples.HTML_PAGE))

    speaker.refresh_from_db()
    assert not speaker.photo


# What is stored -----------------------------------------------------------


def test_metadata_and_gps_position_are_dropped_and_the_photo_turned_upright():
    upload = samples.camera_jpeg(size=(40, 30), orientation=6)
    original = decoded(upload)
    assert original.getexif().get_ifd(0x8825)  # the GPS position is there

    reencoded = images.reencode(samples.upload(upload))
    image = decoded(reencoded.content)

    assert not image.getexif()
    assert not image.getexif().get_ifd(0x8825)
    for key in ("exif", "xmp", "icc_profile", "comment"):
        assert key not in image.info
    for secret in samples.SECRETS:
        assert secret not in reencoded.content
    assert b"Exif" not in reencoded.content
    # Orientation 6: the red left half of the sensor is the top of the photo.
    assert image.size == (30, 40)
    red, green, blue = image.getpixel((15, 5))
    assert red > 200 and green < 60 and blue < 60
    assert image.getpixel((15, 35)) > (200, 200, 200)


def test_png_text_chunks_are_dropped():
    reencoded = images.reencode(samples.upload(samples.png_with_text()))

    assert b"secret text" not in reencoded.content
    assert b"tEXt" not in reencoded.content
    assert b"iTXt" not in reencoded.content


@pytest.mark.parametrize(
    ("data", "mode"),
    [
        (samples.image_bytes("JPEG", mode="CMYK", color=(0, 255, 0, 0)), "RGB"),
        (samples.image_bytes("PNG", mode="P", transparency=0), "RGBA"),
        (samples.image_bytes("PNG", mode="RGBA", color=(0, 0, 255, 128)), "RGBA"),
        (samples.image_bytes("PNG", mode="RGBA", color=(0, 0, 255, 255)), "RGB"),
        (samples.image_bytes("PNG", mode="I;16", color=40000), "L"),
        (samples.image_bytes("JPEG", mode="L", color=128), "L"),
    ],
    ids=[
        "cmyk-jpeg",
        "palette-png",
        "translucent-png",
        "opaque-rgba",
        "16-bit",
        "grey",
    ],
)
def test_colours_are_stored_in_a_mode_browsers_show_alike(data, mode):
    reencoded = images.reencode(samples.upload(data))

    assert decoded(reencoded.content).mode == mode


def test_a_stored_image_is_named_by_its_content():
    first = images.reencode(samples.upload(samples.camera_jpeg(), "IMG_0001.jpg"))
    again = images.reencode(samples.upload(samples.camera_jpeg(), "secret-name.jpg"))

    assert first.filename == again.filename
    assert first.filename == "%s.jpg" % hashlib.sha256(first.content).hexdigest()[:32]


def test_only_the_reencoded_file_and_its_renditions_reach_media(_media):
    upload = samples.camera_jpeg(size=(700, 500))
    speaker = make_speaker(photo_alt_en="A portrait")

    speaker.photo.save("IMG_0001 at home.jpg", ContentFile(upload))

    speaker.refresh_from_db()
    files = stored_files(_media)
    key = speaker.photo.name.removeprefix("speakers/").removesuffix(".jpg")
    assert speaker.photo.name == "speakers/%s.jpg" % key
    # Turned upright, the photo is 500 pixels wide: no 640w rendition.
    assert set(files) == {speaker.photo.name} | {
        "renditions/%s/%s.%s" % (key, size, extension)
        for size in ("320w", "500w", "160sq", "320sq")
        for extension in ("webp", "jpg")
    }
    for content in files.values():
        assert upload not in content
        assert b"Exif" not in content
        for secret in samples.SECRETS:
            assert secret not in content
    assert (speaker.photo_width, speaker.photo_height) == (500, 700)


def test_the_same_picture_uploaded_twice_is_stored_once(_media):
    first, second = make_speaker(photo_alt_en="A"), make_speaker(photo_alt_en="B")

    first.photo.save("a.png", ContentFile(samples.image_bytes("PNG")))
    second.photo.save("b.png", ContentFile(samples.image_bytes("PNG")))

    assert first.photo.name == second.photo.name
    assert len(list((_media / "speakers").iterdir())) == 1


def test_the_upload_field_asks_the_browser_for_the_three_formats_only():
    field = Speaker._meta.get_field("photo").formfield()

    assert field.widget.attrs["accept"] == "image/jpeg,image/png,image/webp"
    # The upload is renamed, so a long name of its own is no reason to refuse it.
    field.clean(samples.upload(samples.image_bytes(), "x" * 300 + ".jpg"))


# Renditions --------------------------------------------------------------


def rendition_sizes(renditions_set, image_format):
    return [(r.width, r.height) for r in renditions_set.sources[image_format]]


def test_renditions_come_in_webp_and_the_original_format_and_are_never_wider():
    speaker = make_speaker(photo_alt_en="A portrait")
    speaker.photo.save(
        "wide.jpg", ContentFile(samples.image_bytes("JPEG", (2000, 500)))
    )

    wide = renditions.renditions_of(speaker.photo)

    assert list(wide.sources) == ["WEBP", "JPEG"]
    expected = [(320, 80), (640, 160), (1024, 256), (1600, 400)]
    for image_format in ("WEBP", "JPEG"):
        assert rendition_sizes(wide, image_format) == expected
        for rendition in wide.sources[image_format]:
            with speaker.photo.storage.open(rendition.name) as file:
                image = decoded(file.read())
            assert (image.format, image.size) == (
                image_format,
                (rendition.width, rendition.height),
            )

    square = renditions.renditions_of(speaker.photo, square=True)
    assert rendition_sizes(square, "WEBP") == [(160, 160), (320, 320)]


def test_a_small_image_is_offered_at_its_own_size_only():
    speaker = make_speaker(photo_alt_en="A portrait")
    speaker.photo.save("small.png", ContentFile(samples.image_bytes("PNG", (200, 100))))

    small = renditions.renditions_of(speaker.photo)
    square = renditions.renditions_of(speaker.photo, square=True)

    assert list(small.sources) == ["WEBP", "PNG"]
    assert rendition_sizes(small, "PNG") == [(200, 100)]
    assert rendition_sizes(square, "PNG") == [(100, 100)]


def test_a_webp_image_needs_no_second_format():
    speaker = make_speaker(photo_alt_en="A portrait")
    speaker.photo.save(
        "photo.webp", ContentFile(samples.image_bytes("WEBP", (700, 10)))
    )

    assert list(renditions.renditions_of(speaker.photo).sources) == ["WEBP"]


def test_renditions_are_made_again_when_their_folder_was_emptied(_media):
    speaker = make_speaker(photo_alt_en="A portrait")
    speaker.photo.save(
        "photo.jpg", ContentFile(samples.image_bytes("JPEG", (700, 400)))
    )
    made = stored_files(_media / "renditions")
    for path in (_media / "renditions").rglob("*.*"):
        path.unlink()

    speaker = Speaker.objects.get(pk=speaker.pk)
    renditions.renditions_of(speaker.photo)
    renditions.renditions_of(speaker.photo, square=True)

    assert stored_files(_media / "renditions") == made


# Text alternatives -------------------------------------------------------

ALT_REQUIRED = (
    "Describe the image for people who cannot see it: a text alternative in "
    "English is required."
)


def with_photo(speaker):
    speaker.photo.save("p.png", ContentFile(samples.image_bytes("PNG")), save=False)
    return speaker


def test_a_speaker_photo_needs_a_text_alternative_in_english():
    speaker = with_photo(make_speaker(photo_alt_sv="Ett porträtt"))

    with pytest.raises(ValidationError) as caught:
        speaker.full_clean()

    assert caught.value.message_dict == {"photo_alt_en": [ALT_REQUIRED]}
    speaker.photo_alt_en = "A portrait"
    speaker.full_clean()


def test_an_organisation_logo_needs_a_text_alternative_in_english():
    organisation = make_organisation()
    organisation.logo.save("l.png", ContentFile(samples.image_bytes("PNG")), save=False)
    organisation.logo_alt_en = "   "

    with pytest.raises(ValidationError) as caught:
        organisation.full_clean()

    assert caught.value.message_dict == {"logo_alt_en": [ALT_REQUIRED]}
    organisation.logo_alt_en = "European Committee of the Regions"
    organisation.full_clean()


def test_without_an_image_no_text_alternative_is_needed():
    make_speaker().full_clean()
    Organisation(name_en="Nameless", slug="nameless").full_clean()
