"""Images on the public pages and in the admin.

Release images are added in the release's admin page with a text
alternative, caption and credit, and shown as <figure>s with WebP and
fallback srcsets; speakers' photos and partners' logos likewise.
"""

import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.db import connection
from django.test import SimpleTestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from demo import content as demo
from releases.models import ReleaseImage, Speaker
from tests import images as samples
from tests.admin_forms import add_inline_row, errors_of, form_data
from tests.factories import (
    make_draft,
    make_organisation,
    make_partnership,
    make_release,
    make_speaker,
)
from tests.images import make_release_image

pytestmark = pytest.mark.django_db

_case = SimpleTestCase()
assert_contains = _case.assertContains
assert_not_contains = _case.assertNotContains

ALT_REQUIRED = (
    "Describe the image for people who cannot see it: a text alternative in "
    "%s is required."
)
RELEASE_SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def admin_url(model, view, *args):
    return reverse("admin:releases_%s_%s" % (model, view), args=args)


def pictures(response):
    """Each <picture>: its <source> srcsets by type, and its <img> attributes."""
    found = []
    for block in re.findall(r"<picture>(.*?)</picture>", response.content.decode()):
        sources = dict(
            re.findall(r'<source type="([^"]+)" srcset="([^"]+)" sizes="[^"]+">', block)
        )
        img = dict(re.findall(r'(\w+)="([^"]*)"', re.search(r"<img [^>]+>", block)[0]))
        found.append({"sources": sources, "img": img})
    return found


def srcset_widths(srcset):
    return [int(width) for width in re.findall(r" (\d+)w", srcset)]


def srcset_files(srcset, media_url="/media/"):
    return [url.removeprefix(media_url) for url in re.findall(r"(\S+) \d+w", srcset)]


# In the admin -------------------------------------------------------------


def test_an_editor_adds_an_image_with_its_alt_text_caption_and_credit(
    admin_client, _media
):
    release = make_draft(original_language="sv", title_sv="Städer för integration")
    change = admin_url("pressrelease", "change", release.pk)
    data = form_data(admin_client.get(change))
    add_inline_row(
        data,
        "images",
        image=samples.upload(samples.camera_jpeg(size=(400, 300)), "IMG_1234.JPG"),
        alt_sv="Ledamöter röstar i plenisalen",
        alt_en="Members voting in the plenary hall",
        caption_sv="Omröstningen den 12 december.",
        credit="© European Union",
        position="0",
    )

    response = admin_client.post(change, data)

    assert response.status_code == 302, errors_of(response)
    [image] = release.images.all()
    assert re.fullmatch(r"releases/[0-9a-f]{32}\.jpg", image.image.name)
    # Turned upright by its EXIF orientation, which is gone with the rest.
    assert (image.width, image.height) == (300, 400)
    assert b"Secret Phone" not in (_media / image.image.name).read_bytes()
    assert (image.alt_sv, image.alt_en, image.caption_sv, image.credit) == (
        "Ledamöter röstar i plenisalen",
        "Members voting in the plenary hall",
        "Omröstningen den 12 december.",
        "© European Union",
    )
    # The change page previews the stored image.
    [preview] = pictures(admin_client.get(change))
    assert preview["img"]["alt"] == "Members voting in the plenary hall"


def test_an_image_needs_alt_text_in_the_releases_original_language(
    admin_client, _media
):
    release = make_draft(original_language="sv", title_sv="Städer för integration")
    change = admin_url("pressrelease", "change", release.pk)
    data = form_data(admin_client.get(change))
    add_inline_row(
        data,
        "images",
        image=samples.upload(samples.image_bytes("JPEG")),
        alt_en="Only in English",
        position="0",
    )

    response = admin_client.post(change, data)

    assert response.status_code == 200
    [row_errors] = errors_of(response)["images"][1:]
    assert row_errors == {"alt_sv": [ALT_REQUIRED % "Swedish"]}
    assert not ReleaseImage.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            samples.jpeg_with_pdf_in_comment(),
            "This image also contains PDF content, which a browser or a reader "
            "could run, so it was refused. Save it again from an image editor and "
            "upload the new file.",
        ),
        (
            samples.EPS_FILE,
            "This file is in PostScript (EPS) format; only JPEG, PNG and WebP "
            "images are accepted.",
        ),
        (
            samples.bomb_png(),
            "The image has too many pixels: at most 40 million are allowed. Make "
            "it smaller and upload it again.",
        ),
    ],
    ids=["polyglot", "eps", "bomb"],
)
def test_a_hostile_release_image_is_refused_in_the_admin_with_its_reason(
    admin_client, _media, data, message
):
    release = make_draft()
    change = admin_url("pressrelease", "change", release.pk)
    form = form_data(admin_client.get(change))
    add_inline_row(
        form,
        "images",
        image=samples.upload(data, "photo.jpg"),
        alt_en="A picture",
        position="0",
    )

    response = admin_client.post(change, form)

    assert response.status_code == 200
    assert errors_of(response)["images"][1:] == [{"image": [message]}]
    assert_contains(response, message)
    assert not ReleaseImage.objects.exists()
    assert not any(path.is_file() for path in _media.rglob("*"))


def test_a_speaker_photo_needs_alt_text_in_the_admin(admin_client):
    add = admin_url("speaker", "add")
    data = form_data(admin_client.get(add))
    data.update(
        name="Ylva Johansson",
        slug="ylva-johansson",
        photo=samples.upload(samples.image_bytes("JPEG"), "ylva.jpg"),
    )

    response = admin_client.post(add, data)

    assert response.status_code == 200
    assert errors_of(response)["form"] == {"photo_alt_en": [ALT_REQUIRED % "English"]}
    assert not Speaker.objects.exists()
    # The form comes back without the file, and says so by its name.
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Nothing was saved, so the file you chose was not kept: ylva.jpg. "
        "Choose it again before saving."
    ]


def test_an_eps_speaker_photo_is_refused_in_the_admin(admin_client):
    add = admin_url("speaker", "add")
    data = form_data(admin_client.get(add))
    data.update(
        name="Ylva Johansson",
        slug="ylva-johansson",
        photo=samples.upload(samples.EPS_FILE, "ylva.jpg"),
        photo_alt_en="Ylva Johansson",
    )

    response = admin_client.post(add, data)

    assert response.status_code == 200
    assert errors_of(response)["form"] == {
        "photo": [
            "This file is in PostScript (EPS) format; only JPEG, PNG and WebP "
            "images are accepted."
        ]
    }


# On the public pages ------------------------------------------------------


def test_release_page_shows_an_image_as_a_figure_with_srcset_caption_and_credit(
    client, _media
):
    release = make_release()
    image = make_release_image(
        release,
        samples.image_bytes("JPEG", (1200, 800)),
        alt_en="Members voting in the plenary hall",
        caption_en="The vote on 12 December.",
        credit="© European Union",
    )

    response = client.get(release.get_absolute_url())

    [picture] = pictures(response)
    webp = picture["sources"]["image/webp"]
    assert srcset_widths(webp) == [320, 640, 1024, 1200]
    assert srcset_widths(picture["img"]["srcset"]) == [320, 640, 1024, 1200]
    for name in srcset_files(webp):
        assert name.endswith(".webp")
        assert (_media / name).is_file()
    for name in srcset_files(picture["img"]["srcset"]):
        assert name.endswith(".jpg")
        assert (_media / name).is_file()
    assert picture["img"]["src"].endswith("/1024w.jpg")
    assert picture["img"]["sizes"] == RELEASE_SIZES
    assert (picture["img"]["width"], picture["img"]["height"]) == ("1200", "800")
    assert picture["img"]["alt"] == "Members voting in the plenary hall"
    assert_contains(
        response,
        '<span class="figure__caption">The vote on 12 December.</span>',
        html=True,
    )
    assert_contains(
        response, '<small class="figure__credit">© European Union</small>', html=True
    )
    assert_contains(
        response,
        '<a class="figure__download" href="/media/%s" download>'
        "Full size (1200 × 800 pixels)</a>" % image.image.name,
        html=True,
    )


def test_release_images_are_shown_in_their_order(client):
    release = make_release()
    make_release_image(release, alt_en="Second", position=2)
    make_release_image(release, samples.image_bytes("PNG"), alt_en="First", position=1)

    response = client.get(release.get_absolute_url())

    assert [p["img"]["alt"] for p in pictures(response)] == ["First", "Second"]


def test_alt_text_and_caption_in_another_language_are_marked_with_it(client):
    release = make_release(original_language="sv", title_sv="Städer")
    make_release_image(
        release,
        alt_sv="Ledamöter röstar",
        alt_de="Mitglieder stimmen ab",
        caption_sv="Omröstningen.",
    )

    with translation.override("de"):
        german = client.get(release.url_in("de"))
    with translation.override("fi"):
        finnish = client.get(release.url_in("fi"))

    [picture] = pictures(german)
    assert picture["img"]["alt"] == "Mitglieder stimmen ab"
    assert "lang" not in picture["img"]
    [picture] = pictures(finnish)
    assert (picture["img"]["alt"], picture["img"]["lang"]) == ("Ledamöter röstar", "sv")
    assert_contains(
        finnish,
        '<span class="figure__caption" lang="sv">Omröstningen.</span>',
        html=True,
    )


def test_alt_text_caption_and_credit_are_escaped(client):
    attack = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    release = make_release()
    make_release_image(release, alt_en=attack, caption_en=attack, credit=attack)

    page = client.get(release.get_absolute_url()).content.decode()
    head, body = page.split("<body>")
    escaped = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"

    assert "<script>alert(1)" not in page
    assert "onerror=alert(2)>" not in page
    # On the page: the alt text, the caption and the credit; in the head,
    # the alt text once more, as the share preview's og:image:alt.
    assert body.count(escaped) == 3
    assert head.count(escaped) == 1
    assert '<meta property="og:image:alt" content="%s' % escaped in head


def test_a_release_page_runs_no_query_per_image(client):
    release = make_release()
    make_release_image(release, alt_en="One")

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(release.get_absolute_url()).status_code == 200
        return len(context)

    one = queries()
    make_release_image(release, samples.image_bytes("PNG"), alt_en="Two")
    make_release_image(release, samples.image_bytes("WEBP"), alt_en="Three")

    assert queries() == one
    assert len(pictures(client.get(release.get_absolute_url()))) == 3


def test_a_missing_image_file_leaves_the_rest_of_the_page(client, _media):
    release = make_release(lead_en="Still here.")
    make_release_image(release, caption_en="A lost picture")
    for path in sorted(_media.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()

    response = client.get(release.get_absolute_url())

    assert response.status_code == 200
    assert_contains(response, "Still here.")
    assert_not_contains(response, "<figure")


def test_speaker_page_shows_the_photo_as_square_thumbnails(client):
    speaker = make_speaker(photo_alt_en="Ylva Johansson at a press conference")
    speaker.photo.save("p.jpg", ContentFile(samples.image_bytes("JPEG", (600, 900))))
    make_release(speakers=[speaker])  # a speaker's page needs a public quote

    response = client.get(speaker.get_absolute_url())

    [picture] = pictures(response)
    assert srcset_widths(picture["sources"]["image/webp"]) == [160, 320]
    assert picture["img"]["src"].endswith("/320sq.jpg")
    assert picture["img"]["alt"] == "Ylva Johansson at a press conference"
    assert (picture["img"]["class"], picture["img"]["sizes"]) == (
        "speaker__photo",
        "160px",
    )
    assert (picture["img"]["width"], picture["img"]["height"]) == ("160", "160")


def test_a_photo_from_before_alt_text_was_required_is_described_by_name(client):
    speaker = make_speaker(name="Ylva Johansson")
    speaker.photo.save("p.jpg", ContentFile(samples.image_bytes("JPEG")))
    make_release(speakers=[speaker])

    [picture] = pictures(client.get(speaker.get_absolute_url()))

    assert picture["img"]["alt"] == "Portrait of Ylva Johansson"


def test_partnership_page_shows_partner_logos_with_their_alt_text(client):
    committee = make_organisation(logo_alt_en="European Committee of the Regions")
    committee.logo.save("cor.png", ContentFile(samples.image_bytes("PNG", (480, 120))))
    partnership = make_partnership()
    partnership.partners.add(committee, make_organisation())

    response = client.get(partnership.get_absolute_url())

    [logo] = pictures(response)
    assert logo["img"]["alt"] == "European Committee of the Regions"
    assert logo["img"]["src"].endswith("/480w.png")
    assert srcset_widths(logo["sources"]["image/webp"]) == [320, 480]


# The demo -----------------------------------------------------------------


def test_the_demo_gives_the_seed_release_a_drawn_flag_once(_media):
    seed = make_release(original_language="sv", title_sv="Fröet")

    demo._seed_image(seed)
    demo._seed_image(seed)

    [image] = seed.images.all()
    assert (image.width, image.height) == (1200, 800)
    assert image.image.name.endswith(".png")
    assert image.alt_sv.startswith("Europeiska unionens flagga")
    assert image.alt_en.startswith("The flag of the European Union")
    assert image.credit == "© European Union"
