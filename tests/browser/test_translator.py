"""A Swedish translator brings an outdated translation up to date.

Runs in headless Chromium against a live server: the translator finds the
release in their queue, reads what changed in the English since the Swedish
was made, edits the Swedish beside the English and confirms it.
"""

import pytest
from playwright.sync_api import expect

from releases.models import PressRelease
from tests.factories import make_release
from tests.users import PASSWORD, make_translator
from translations import services
from translations.services import Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swedish_translator_updates_an_outdated_release_and_confirms_it(
    page, live_server
):
    make_translator("translator-sv", languages=["sv"])
    release = make_release(
        title_en="Regions meet in Brussels",
        lead_en="Mayors and regional leaders meet on migration.",
        body_en="<p>The meeting <strong>starts</strong> at noon.</p>",
        title_sv="Regionerna möts i Bryssel",
        lead_sv="Borgmästare och regionala ledare möts om migration.",
        body_sv="<p>Mötet <strong>börjar</strong> vid lunch.</p>",
    )
    make_release(title_en="Not yet in Swedish", lead_en="", body_en="")
    # The English changes after the Swedish was made.
    release.title_en = "Regions meet in Strasbourg"
    release.save()
    base = live_server.url

    page.goto(base + "/admin/login/")
    page.fill("#id_username", "translator-sv")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.get_by_role("link", name="Translation workspace").first.click()

    # The queue: their language, the outdated release among the work to do.
    expect(page.locator("h1")).to_contain_text("Swedish")
    row = page.locator("tr", has_text="Regionerna möts i Bryssel")
    expect(row).to_contain_text("Outdated")
    expect(page.locator("tr", has_text="Not yet in Swedish")).to_contain_text("Missing")
    row.get_by_role("link", name="Regionerna möts i Bryssel").click()

    # The editor: English on the left, the change since the Swedish was made.
    title = page.locator("#unit-pressrelease-%d-title" % release.pk)
    expect(title.locator(".tw-status")).to_have_text("! Outdated")
    expect(title.locator(".tw-diff del")).to_have_text("Brussels")
    expect(title.locator(".tw-diff ins")).to_have_text("Strasbourg")
    expect(title.locator(".tw-source")).to_contain_text("Regions meet in Strasbourg")
    # Rich text keeps its formatting on the source side.
    body = page.locator("#unit-pressrelease-%d-body" % release.pk)
    expect(body.locator(".tw-source strong")).to_have_text("starts")

    field = title.get_by_role("textbox", name="Title in Swedish")
    expect(field).to_have_value("Regionerna möts i Bryssel")
    field.fill("Regionerna möts i Strasbourg")
    page.get_by_role("button", name="Save and confirm as up to date").click()

    expect(page.locator(".messagelist .success")).to_contain_text(
        "confirmed as up to date"
    )
    expect(title.locator(".tw-status")).to_have_text("✓ Up to date")
    expect(title.locator(".tw-diff")).to_have_count(0)
    expect(page.locator(".tw-summary .tw-status")).to_have_text("✓ Up to date")

    release = PressRelease.objects.get(pk=release.pk)
    assert release.title_sv == "Regionerna möts i Strasbourg"
    assert release.title_en == "Regions meet in Strasbourg"
    assert set(services.status(release, "sv").values()) == {Status.UP_TO_DATE}

    # Back in the queue, the release is no longer work to do.
    page.get_by_role("link", name="Queue: Swedish").click()
    expect(page.locator("tr", has_text="Regionerna möts i Strasbourg")).to_contain_text(
        "Up to date"
    )
    page.screenshot(path="/tmp/t1_queue.png", full_page=True)
