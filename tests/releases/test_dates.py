"""Dates at the edges of the calendar: every date a person enters is held to a
sensible range with an error naming the field and the range, and no page
answers 500 for year 1 or 31 December 9999 23:59."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone, translation

from core import dates
from partnerships.models import Partnership
from releases import preview
from releases.models import PressRelease
from tests.admin_forms import errors_of, form_data
from tests.factories import make_partnership, make_release
from tests.users import make_publisher

pytestmark = pytest.mark.django_db

#: (date, time) as typed into the admin's split date and time fields.
EDGES = {
    "year 1": ("0001-01-01", "00:00"),
    "9999-12-31 23:59": ("9999-12-31", "23:59"),
}
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def publisher(client):
    client.force_login(make_publisher())
    return client


def admin_url(name, *args):
    return reverse("admin:releases_pressrelease_%s" % name, args=args)


def errors_in(response, name):
    return [str(error) for error in response.context["form"].errors.get(name, [])]


# The change forms -----------------------------------------------------------------


@pytest.mark.parametrize("edge", EDGES)
def test_a_publication_date_at_the_calendars_edge_is_refused_naming_the_range(
    publisher, edge
):
    release = make_release(title_en="Title")
    before = PressRelease.objects.get(pk=release.pk).published_at
    data = form_data(publisher.get(admin_url("change", release.pk)))
    data["published_at_0"], data["published_at_1"] = EDGES[edge]
    data["title_en"] = "Changed title"

    response = publisher.post(admin_url("change", release.pk), data)

    assert response.status_code == 200
    (error,) = response.context["adminform"].form.errors["published_at"]
    assert error.startswith("Publication date must be between Jan. 1, 1950 and ")
    assert str(timezone.now().year + 10) in error
    release.refresh_from_db()
    assert (release.title_en, release.published_at) == ("Title", before)


def test_a_publication_date_inside_the_range_is_saved(publisher):
    release = make_release(title_en="Title")
    data = form_data(publisher.get(admin_url("change", release.pk)))
    data["published_at_0"], data["published_at_1"] = "1950-01-02", "10:00"

    response = publisher.post(admin_url("change", release.pk), data)

    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.published_at == datetime(1950, 1, 2, 10, 0, tzinfo=BRUSSELS)


@pytest.mark.parametrize(
    ("launched_on", "ok"),
    [("0001-01-01", False), ("9999-12-31", False), ("1949-12-31", False),
     ("1950-01-01", True), ("", True)],
)  # fmt: skip
def test_a_partnerships_launch_date_is_held_to_its_range(admin_client, launched_on, ok):
    partnership = make_partnership(name_en="Partners")
    url = reverse("admin:partnerships_partnership_change", args=(partnership.pk,))
    data = form_data(admin_client.get(url))
    data["launched_on"] = launched_on

    response = admin_client.post(url, data)

    stored = Partnership.objects.get(pk=partnership.pk).launched_on
    if ok:
        assert response.status_code == 302, errors_of(response)
        assert str(stored or "") == launched_on
        return
    assert response.status_code == 200
    (error,) = response.context["adminform"].form.errors["launched_on"]
    assert error.startswith("Launch date must be between Jan. 1, 1950 and ")
    assert stored is None


# The workflow and the preview pages -------------------------------------------------


@pytest.mark.parametrize("edge", EDGES)
def test_scheduling_at_the_calendars_edge_is_refused_with_a_clear_error(
    publisher, edge
):
    release = make_release(status=PressRelease.Status.APPROVED)
    day, time = EDGES[edge]

    response = publisher.post(
        admin_url("workflow", release.pk, "publish"),
        {"publish_at_0": day, "publish_at_1": time, "_schedule": "1"},
    )

    assert response.status_code == 200
    (error,) = errors_in(response, "publish_at")
    if edge == "year 1":
        assert error == "A scheduled time must be in the future."
    else:
        assert error.startswith("Publication time must be between ")
        assert str(timezone.now().year + 2) in error
    assert PressRelease.objects.get(pk=release.pk).status == "approved"


def test_scheduling_two_years_ahead_at_most_is_accepted(publisher):
    release = make_release(status=PressRelease.Status.APPROVED)
    due = timezone.localtime(timezone.now() + timedelta(days=700)).replace(
        second=0, microsecond=0
    )

    publisher.post(
        admin_url("workflow", release.pk, "publish"),
        {
            "publish_at_0": due.strftime("%Y-%m-%d"),
            "publish_at_1": due.strftime("%H:%M"),
            "_schedule": "1",
        },
    )

    release.refresh_from_db()
    assert (release.status, release.published_at) == ("published", due)


@pytest.mark.parametrize("edge", EDGES)
def test_a_preview_link_until_the_calendars_edge_is_refused_naming_the_range(
    publisher, edge
):
    release = make_release(
        status=PressRelease.Status.APPROVED,
        published_at=timezone.now() + timedelta(days=3),
    )
    day, time = EDGES[edge]

    response = publisher.post(
        admin_url("preview_link", release.pk),
        {"valid_until_0": day, "valid_until_1": time},
    )

    assert response.status_code == 200
    errors = errors_in(response, "valid_until")
    if edge == "year 1":
        assert errors == ["Choose a time in the future."]
    else:
        assert errors[0] == "A preview link can be valid for 30 days at most."
        assert errors[1].startswith("Valid until must be between ")
    assert response.context["link"] is None


def test_a_release_scheduled_for_the_last_minute_of_9999_can_be_previewed(
    publisher,
):
    """The issue's 500: a schedule stored before the bound (or by a script)
    still opens the change form, the preview, the link form and a link."""
    last = datetime(9999, 12, 31, 23, 59, tzinfo=BRUSSELS)
    release = make_release(status=PressRelease.Status.PUBLISHED, published_at=last)

    form = publisher.get(admin_url("preview_link", release.pk))
    assert form.status_code == 200
    proposed = form.context["form"].initial["valid_until"]
    assert proposed - timezone.now() <= preview.MAX_VALIDITY
    assert proposed - timezone.now() > preview.MAX_VALIDITY - timedelta(minutes=1)

    for url in (
        admin_url("change", release.pk),
        admin_url("history", release.pk),
        reverse("releases:preview", kwargs={"pk": release.pk}),
        preview.preview_url(release, until=proposed),
    ):
        assert publisher.get(url).status_code == 200, url


def test_the_default_expiry_never_leaves_the_calendar():
    now = timezone.now()
    for published_at in (
        datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=BRUSSELS),
        now + preview.MAX_VALIDITY,
        now + preview.MAX_VALIDITY - preview.AFTER_LIFT,
    ):
        release = PressRelease(published_at=published_at)
        assert preview.default_expiry(release, now) == now + preview.MAX_VALIDITY
    soon = PressRelease(published_at=now + timedelta(days=1))
    assert preview.default_expiry(soon, now) == soon.published_at + preview.AFTER_LIFT


# Dates in addresses -----------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["9999/", "9999/12/", "9999/12/31/", "9999/12/31/a-slug/", "0001/01/01/",
     "0001/", "0000/01/01/"],
)  # fmt: skip
def test_public_archives_at_the_calendars_edge_are_not_found(client, path):
    with translation.override("en"):
        url = reverse("releases:list") + path

    assert client.get(url).status_code == 404


def test_every_admin_date_hierarchy_at_the_calendars_edge_is_a_wrong_filter(
    admin_client,
):
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if not model_admin.date_hierarchy:
            continue
        url = reverse(
            "admin:%s_%s_changelist" % (model._meta.app_label, model._meta.model_name)
        )
        name = model_admin.date_hierarchy
        for query in (
            {name + "__year": "9999", name + "__month": "12", name + "__day": "31"},
            {name + "__year": "9999", name + "__month": "12"},
            {name + "__year": "9999"},
            {name + "__year": "1", name + "__month": "1", name + "__day": "1"},
        ):
            response = admin_client.get(url, query)
            assert response.status_code == 302, (url, query)
            assert response["Location"].endswith("?e=1")
        assert admin_client.get(url, {name + "__year": "2026"}).status_code == 200
        checked += 1
    assert checked


def test_the_ranges_move_with_the_clock_and_stay_inside_the_calendar():
    late = datetime(9996, 2, 29, 12, 0, tzinfo=BRUSSELS)  # 9998 is no leap year
    earliest, latest = dates.publication_range(late)
    assert earliest == datetime(1950, 1, 1, tzinfo=BRUSSELS)
    assert latest.year == 9998
    assert dates.years_later(datetime(2024, 2, 29), 1) == datetime(2025, 2, 28)
