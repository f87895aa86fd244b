"""A publisher publishes a release in the admin; a visitor then finds it.

Runs in real headless Chromium against a live server: the admin's language
tabs, select2 autocomplete, prepopulated slug and date pickers are
JavaScript, which only a browser exercises.
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from releases.models import PressRelease
from tests.factories import make_draft, make_topic
from tests.users import make_author, make_publisher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple"


def log_in(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()


def pick_autocomplete(page, select_id, text):
    """Choose ``text`` in the admin's select2 autocomplete for ``select_id``."""
    page.locator("#%s + .select2 .select2-selection" % select_id).click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def test_publisher_publishes_release_and_visitor_finds_it_by_date_and_theme(
    page, browser, live_server
):
    with_password(make_publisher("editor"))
    topic = make_topic(name_en="Migration and integration", slug="migration")
    base = live_server.url

    log_in(page, base, "editor")
    page.goto(base + "/admin/releases/pressrelease/add/")
    page.select_option("#id_original_language", "en")
    page.locator("#id_title_en").press_sequentially(
        "Regions welcome the new integration partnership"
    )
    # The slug is prepopulated from the English title as the editor types.
    expect(page.locator("#id_slug")).to_have_value(
        "regions-welcome-the-new-integration-partnership"
    )
    page.fill("#id_lead_en", "Cities and regions get a new partner in Brussels.")
    # The body's rich-text editor, in place of its (hidden) textarea.
    page.locator("#id_body_en-editor").click()
    page.keyboard.type("The partnership works on three areas.")
    page.select_option("#id_kind", "press_release")
    pick_autocomplete(page, "id_topics", "Migration")
    # The tags box is wide enough to read what is typed in it (select2 once
    # measured the empty select and drew it 14px wide).
    tags = page.locator("#id_tags + .select2")
    assert tags.bounding_box()["width"] > 200
    tags.locator(".select2-selection").click()
    # Focused, it shows an outline a keyboard user can see (focus.css).
    outline = tags.locator(".select2-selection").evaluate(
        "element => getComputedStyle(element).outlineStyle"
    )
    assert outline == "solid"
    page.keyboard.type("integration,")
    expect(tags.locator(".select2-selection__choice")).to_contain_text("integration")
    page.fill("#id_reference", "COR/26/0001")
    # The status is not a field: a step of the workflow, which saves first.
    expect(page.locator("#id_status")).to_have_count(0)
    page.get_by_role("button", name="Publish or schedule…").click()
    expect(page.locator("h1")).to_have_text("Publish or schedule")
    page.fill("#id_comment", "Cleared with the press office.")
    page.click("input[name=_now]")
    expect(page.locator(".messagelist .success")).to_contain_text("is now: Published")

    release = PressRelease.objects.get(reference="COR/26/0001")
    assert release.status == PressRelease.Status.PUBLISHED
    assert list(release.topics.all()) == [topic]
    assert list(release.tags.names()) == ["integration"]
    expect(page.locator("#workflow-history")).to_contain_text(
        "Cleared with the press office."
    )

    # A visitor, in a browser of their own, finds it by date...
    visitor = browser.new_context(locale="en-GB").new_page()
    year = timezone.localtime(release.published_at).year
    visitor.goto("%s/en/releases/%d/" % (base, year))
    visitor.get_by_role(
        "link", name="Regions welcome the new integration partnership"
    ).click()
    expect(visitor.locator("h1")).to_have_text(
        "Regions welcome the new integration partnership"
    )
    expect(visitor.locator("main")).to_contain_text(
        "The partnership works on three areas."
    )
    assert re.search(r"/en/releases/\d{4}/\d{2}/\d{2}/regions-welcome", visitor.url)

    # ... and by theme, from the themes index.
    visitor.goto(base + "/en/topics/")
    visitor.get_by_role(
        "link", name=re.compile("Migration and integration")
    ).first.click()
    expect(visitor.locator("main")).to_contain_text(
        "Regions welcome the new integration partnership"
    )
    visitor.context.close()


def test_draft_saved_in_admin_stays_invisible_to_visitors(page, browser, live_server):
    get_user_model().objects.create_superuser("editor", "editor@example.eu", PASSWORD)
    base = live_server.url
    log_in(page, base, "editor")
    page.goto(base + "/admin/releases/pressrelease/add/")
    page.fill("#id_title_en", "Embargoed announcement")
    page.fill("#id_reference", "COR/26/0002")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    release = PressRelease.objects.get(reference="COR/26/0002")
    assert release.status == PressRelease.Status.DRAFT

    visitor = browser.new_context().new_page()
    response = visitor.goto(base + release.url_in("en"))
    assert response.status == 404
    visitor.goto(base + "/en/releases/")
    expect(visitor.locator("main")).not_to_contain_text("Embargoed announcement")
    visitor.context.close()


def test_author_submits_publisher_schedules_and_a_journalist_reads_under_embargo(
    page, browser, live_server
):
    with_password(make_author("writer"))
    with_password(make_publisher("chief"))
    release = make_draft(
        reference="COR/26/0003",
        title_en="Budget deal for the regions",
        title_sv="Budgetuppgörelse för regionerna",
    )
    base = live_server.url
    change = "%s/admin/releases/pressrelease/%d/change/" % (base, release.pk)

    log_in(page, base, "writer")
    page.goto(change)
    expect(page.get_by_role("button", name="Publish or schedule…")).to_have_count(0)
    page.get_by_role("button", name="Submit for review…").click()
    page.fill("#id_comment", "Figures checked.")
    page.click("input[name=_confirm]")
    expect(page.locator(".workflow-state")).to_have_text("In review")
    page.context.clear_cookies()

    log_in(page, base, "chief")
    page.goto(change)
    page.get_by_role("button", name="Publish or schedule…").click()
    due = timezone.localtime(timezone.now() + timedelta(days=2)).replace(
        hour=11, minute=0, second=0, microsecond=0
    )
    page.fill("#id_publish_at_0", due.strftime("%Y-%m-%d"))
    page.fill("#id_publish_at_1", "11:00:00")
    page.click("input[name=_schedule]")
    expect(page.locator(".workflow-state")).to_contain_text("Scheduled for")
    release.refresh_from_db()
    assert (release.status, release.published_at) == ("published", due)

    page.get_by_role("link", name="Create preview link").click()
    page.click("input[type=submit]")
    link = page.locator("#preview-link").input_value()

    journalist = browser.new_context(locale="sv-SE").new_page()
    journalist.goto(link.replace("/en/", "/sv/"))
    expect(journalist.locator("h1")).to_have_text("Budgetuppgörelse för regionerna")
    expect(journalist.locator(".preview-banner")).to_contain_text("11:00 (CET)")
    robots = journalist.locator('meta[name="robots"]')
    expect(robots).to_have_attribute("content", "noindex, nofollow")
    visitor = journalist.context.browser.new_context().new_page()
    assert visitor.goto(base + release.url_in("en")).status == 404
    visitor.context.close()
    journalist.context.close()
