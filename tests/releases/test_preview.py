"""Previews: staff see any state, journalists an embargoed release by signed link."""

import re
from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from releases import preview
from releases.models import PressRelease
from tests.factories import make_release
from tests.users import make_author, make_publisher, make_user

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
LIFT = datetime(2031, 3, 4, 11, 30, tzinfo=BRUSSELS)


def embargoed(**overrides):
    """Scheduled for LIFT, in English and Swedish."""
    values = {
        "title_en": "Embargoed plan",
        "title_sv": "Plan under embargo",
        "original_language": "en",
        "status": PressRelease.Status.PUBLISHED,
        "published_at": LIFT,
    }
    values.update(overrides)
    return make_release(**values)


def staff_url(release, language="en"):
    with translation.override(language):
        return reverse("releases:preview", kwargs={"pk": release.pk})


def link(release, language="en", until=None):
    until = until or timezone.now() + timedelta(days=1)
    return preview.preview_url(release, until=until, language=language)


def assert_private(response):
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex, nofollow">' in (
        response.content.decode()
    )


# Staff preview ----------------------------------------------------------------


@pytest.mark.parametrize(
    "status,banner",
    [
        ("draft", "Staff preview: Draft."),
        ("review", "Staff preview: In review."),
        ("approved", "Staff preview: Approved."),
        ("published", "Staff preview: Scheduled for March 4, 2031, 11:30 a.m."),
        ("withdrawn", "Staff preview: Withdrawn."),
    ],
)
def test_staff_preview_any_state_with_a_banner_saying_which(client, status, banner):
    client.force_login(make_author())
    release = embargoed(status=status)

    response = client.get(staff_url(release))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Embargoed plan</h1>" in html
    assert re.sub(r"\s+", " ", html).count(banner) == 1
    assert "The public cannot see this release." in html
    assert_private(response)


def test_staff_preview_works_in_every_language_and_switches_within_the_preview(
    client,
):
    client.force_login(make_author())
    release = embargoed()

    response = client.get(staff_url(release, "sv"))

    html = response.content.decode()
    assert "<h1>Plan under embargo</h1>" in html
    assert 'href="%s"' % staff_url(release, "en") in html
    assert release.url_in("en") not in html
    assert 'rel="alternate"' not in html


def test_anonymous_visitors_are_sent_to_the_login_and_see_nothing(client):
    release = embargoed()

    response = client.get(staff_url(release))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "Embargoed" not in response.content.decode()


def test_a_visitor_logged_in_without_staff_status_cannot_preview(client):
    client.force_login(make_user("reader", is_staff=False))

    response = client.get(staff_url(embargoed()))

    assert response.status_code == 302


def test_staff_without_a_role_cannot_preview(client):
    client.force_login(make_user("staff"))

    assert client.get(staff_url(embargoed())).status_code == 403


def test_a_preview_is_read_only(client):
    client.force_login(make_publisher())

    assert client.post(staff_url(embargoed())).status_code == 405


def test_view_on_site_goes_to_the_preview_until_the_release_is_public(admin_client):
    hidden, public = embargoed(), make_release()

    def view_on_site(release):
        html = admin_client.get(
            reverse("admin:releases_pressrelease_change", args=(release.pk,))
        ).content.decode()
        [href] = re.findall(r'<a href="([^"]+)" class="viewsitelink"', html)
        return href

    assert view_on_site(hidden) == staff_url(hidden)
    assert view_on_site(public) == public.url_in("en")


def test_the_change_form_links_to_the_preview(client):
    client.force_login(make_author())
    release = embargoed(status="draft")

    html = client.get(
        reverse("admin:releases_pressrelease_change", args=(release.pk,))
    ).content.decode()

    assert 'href="%s"' % staff_url(release) in html


# Signed links for journalists ---------------------------------------------------


def test_a_publisher_creates_a_link_that_opens_the_embargoed_release(client):
    client.force_login(make_publisher())
    release = embargoed(published_at=timezone.now() + timedelta(days=3))
    until = timezone.localtime(timezone.now() + timedelta(days=5)).replace(
        second=0, microsecond=0
    )
    admin_url = reverse("admin:releases_pressrelease_preview_link", args=(release.pk,))
    assert client.get(admin_url).status_code == 200

    response = client.post(
        admin_url,
        {
            "valid_until_0": until.strftime("%Y-%m-%d"),
            "valid_until_1": until.strftime("%H:%M"),
        },
    )

    html = response.content.decode()
    [url] = re.findall(r'value="(http://testserver/en/releases/embargoed/[^"]+)"', html)
    assert "can read the release until %s," % date_format(until, "DATETIME_FORMAT") in (
        html
    )
    entry = LogEntry.objects.get(object_id=str(release.pk))
    assert entry.get_change_message() == "Made a preview link valid until %s." % (
        until.isoformat(timespec="minutes")
    )

    client.logout()
    journalist = client.get(url)
    assert journalist.status_code == 200
    assert "<h1>Embargoed plan</h1>" in journalist.content.decode()


def test_the_link_form_proposes_two_days_after_the_lift(client):
    client.force_login(make_publisher())
    release = embargoed(published_at=timezone.now() + timedelta(days=3))

    response = client.get(
        reverse("admin:releases_pressrelease_preview_link", args=(release.pk,))
    )

    proposed = response.context["form"].initial["valid_until"]
    assert proposed == timezone.localtime(release.published_at + timedelta(days=2))


def test_a_link_cannot_be_valid_for_more_than_30_days(client):
    client.force_login(make_publisher())
    release = embargoed()
    later = timezone.localtime(timezone.now() + timedelta(days=45))

    response = client.post(
        reverse("admin:releases_pressrelease_preview_link", args=(release.pk,)),
        {
            "valid_until_0": later.strftime("%Y-%m-%d"),
            "valid_until_1": later.strftime("%H:%M"),
        },
    )

    assert "A preview link can be valid for 30 days at most." in (
        response.content.decode()
    )
    assert not LogEntry.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_author_cannot_create_a_preview_link(client, method):
    client.force_login(make_author())
    release = embargoed()

    response = getattr(client, method)(
        reverse("admin:releases_pressrelease_preview_link", args=(release.pk,)),
        {"valid_until_0": "2031-03-05", "valid_until_1": "10:00"},
    )

    assert response.status_code == 403
    assert "embargoed/" not in response.content.decode()


@pytest.mark.parametrize("status", ["draft", "review", "withdrawn"])
def test_no_link_is_made_for_a_release_that_is_not_approved(client, status):
    client.force_login(make_publisher())
    release = embargoed(status=status)

    response = client.post(
        reverse("admin:releases_pressrelease_preview_link", args=(release.pk,)),
        {"valid_until_0": "2031-03-05", "valid_until_1": "10:00"},
    )

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "A preview link can be made for an approved or scheduled release that "
        "is not public yet."
    ]
    assert not LogEntry.objects.exists()


@pytest.mark.parametrize(
    "language,lift",
    [
        ("en", "March 4, 2031, 11:30 a.m. (CET)"),
        ("sv", "4 mars 2031 11:30 (CET)"),
        ("de", "4. März 2031 11:30 (CET)"),
    ],
)
def test_the_link_shows_an_embargo_banner_with_the_lift_time_in_each_language(
    client, language, lift
):
    release = embargoed(title_de="Geplanter Plan")

    response = client.get(link(release, language))

    assert response.status_code == 200
    html = re.sub(r"\s+", " ", response.content.decode())
    assert "%s</time>" % lift in html
    assert '<time datetime="2031-03-04T11:30:00+01:00">' in html
    assert_private(response)


def test_the_banner_of_an_approved_release_without_a_time_says_until_released(
    client,
):
    release = embargoed(status="approved", published_at=timezone.now())

    html = client.get(link(release)).content.decode()

    assert "Not for publication or broadcast until the press office releases it." in (
        html
    )


def test_the_link_switches_language_within_the_preview(client):
    release = embargoed()
    english = link(release, "en")
    token = english.split("/")[-2]

    html = client.get(english).content.decode()

    with translation.override("sv"):
        swedish = reverse("releases:embargo-preview", kwargs={"token": token})
    assert 'href="%s"' % swedish in html
    assert client.get(swedish).status_code == 200


def _invalid(response):
    html = response.content.decode()
    return (
        response.status_code == 404
        and "This preview link is not valid or has expired." in html
        and "Embargoed plan" not in html
        and "Plan under embargo" not in html
    )


def test_a_tampered_link_is_404_and_names_nothing(client):
    release = embargoed()
    url = link(release)
    token = url.split("/")[-2]
    other = embargoed(reference="OTHER/1", slug="other", title_en="Embargoed plan 2")

    assert _invalid(client.get(url.replace(token, token[:-1] + "x")))
    assert _invalid(client.get(url.replace(token, "not-a-token")))
    # A signature from another release's link does not open this one.
    other_token = link(other).split("/")[-2]
    body, _sep, _signature = token.rpartition(":")
    assert _invalid(
        client.get(url.replace(token, body + ":" + other_token.rsplit(":", 1)[1]))
    )


def test_an_expired_link_is_404(client):
    release = embargoed()
    url = link(release, until=timezone.now() + timedelta(hours=1))

    later = timezone.now() + timedelta(hours=1, seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert _invalid(client.get(url))


def test_a_link_older_than_30_days_is_404_whatever_it_says(client):
    release = embargoed()
    url = link(release, until=timezone.now() + timedelta(days=400))

    with mock.patch("time.time", return_value=timezone.now().timestamp() + 31 * 86400):
        assert _invalid(client.get(url))


@pytest.mark.parametrize("status", ["draft", "review", "withdrawn"])
def test_sending_the_release_back_closes_its_links(client, status):
    release = embargoed()
    url = link(release)
    PressRelease.objects.filter(pk=release.pk).update(status=status)

    assert _invalid(client.get(url))


def test_once_public_the_link_leads_to_the_public_page(client):
    release = embargoed()
    url = link(release, "sv")
    PressRelease.objects.filter(pk=release.pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )
    release.refresh_from_db()

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == release.url_in("sv")


def test_a_link_preview_is_read_only(client):
    assert client.post(link(embargoed())).status_code == 405
