"""The content security policy holds on every page, public and admin.

The policy (newsroom/settings.py) allows nothing inline and nothing from
elsewhere. A browser reports each breach as a ``securitypolicyviolation``
event and a console error; these tests walk the public pages and use the
admin's JavaScript (language tabs, select2 autocomplete, tags, prepopulated
slug, calendar and clock, inline rows, "add another" popups, actions) and
fail on any report, naming the directive and the script or page at fault.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from core.languages import LANGUAGE_CODES
from history.revisions import record
from tests.factories import (
    make_area,
    make_draft,
    make_future,
    make_organisation,
    make_partnership,
    make_release,
    make_speaker,
    make_topic,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple"


# Runs in every page and popup before the page's own scripts.
WATCH = """
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolation([
    event.effectiveDirective,
    event.blockedURI,
    event.sourceFile + ":" + event.lineNumber,
    event.documentURI,
  ].join(" | "));
});
"""


@pytest.fixture
def violations(page):
    """Every CSP violation or header error reported while the test runs."""
    found = []
    context = page.context
    context.expose_function("__cspViolation", lambda report: found.append(report))
    context.add_init_script(WATCH)

    def on_console(message):
        text = message.text
        if "Content Security Policy" in text or "Permissions-Policy" in text:
            found.append("console: %s" % text)

    context.on("console", on_console)
    return found


@pytest.fixture
def newsroom(db):
    topic = make_topic(name_en="Climate and energy", slug="climate")
    organisation = make_organisation(name_en="City of Lund", slug="lund")
    speaker = make_speaker(
        name="Anna Lindqvist", slug="anna-lindqvist", organisation=organisation
    )
    partnership = make_partnership(name_en="Green cities", slug="green-cities")
    make_area(partnership)
    release = make_release(
        title_en="Regions back the climate pact",
        topics=[topic],
        speakers=[speaker],
        tags=["climate", "energy"],
        partnership=partnership,
    )
    return {
        "topic": topic,
        "speaker": speaker,
        "organisation": organisation,
        "partnership": partnership,
        "release": release,
    }


def log_in(page, base_url):
    get_user_model().objects.create_superuser("editor", "editor@example.eu", PASSWORD)
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()


def visit(page, url):
    # "load" comes after the admin's ready handlers (tabs, select2) have run.
    response = page.goto(url, wait_until="load")
    assert response.status < 500, url
    assert "content-security-policy" in response.headers, url
    return response


def pick_autocomplete(page, select_id, text):
    page.locator("#%s + .select2 .select2-selection" % select_id).click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_public_pages_break_no_policy(page, live_server, newsroom, violations):
    release = newsroom["release"]
    base = live_server.url
    urls = [
        "/en/",
        "/sv/",
        "/en/releases/",
        release.url_in("en"),
        release.url_in("sv"),
        "/en/releases/%d/" % release.published_at.year,
        "/en/topics/",
        "/en/topics/climate/",
        "/en/speakers/",
        "/en/speakers/anna-lindqvist/",
        "/en/partnerships/",
        "/en/partnerships/green-cities/",
        "/en/no-such-page/",
    ]
    for url in urls:
        visit(page, base + url)
    # The language switcher posts a form to /i18n/setlang/.
    page.goto(base + release.url_in("en"))
    switcher = page.locator("form[action*='setlang'] button, a[hreflang='sv']")
    if switcher.count():
        switcher.first.click()
        page.wait_for_load_state("networkidle")

    assert violations == []


def test_admin_release_form_breaks_no_policy(page, live_server, newsroom, violations):
    base = live_server.url
    log_in(page, base)
    visit(page, base + "/admin/")

    # The changelist: filters, date hierarchy, search, select-all, an action.
    visit(page, base + "/admin/releases/pressrelease/")
    page.fill("#searchbar", "climate")
    page.press("#searchbar", "Enter")
    page.wait_for_load_state("networkidle")
    page.check("#action-toggle")
    expect(page.locator(".action-counter")).to_contain_text("1 of 1")

    # A new release: language tabs, prepopulated slug, autocompletes,
    # calendar and clock, an inline row.
    visit(page, base + "/admin/releases/pressrelease/add/")
    page.locator("#id_title_en").press_sequentially("Cities meet in Lund")
    expect(page.locator("#id_slug")).to_have_value("cities-meet-in-lund")
    page.locator('[role=tab][aria-controls="tab_id_title_sv"]').first.click()
    page.fill("#id_title_sv", "Städer möts i Lund")
    page.select_option("#modeltranslation-main-switch", index=1)
    pick_autocomplete(page, "id_topics", "Climate")
    page.locator("#id_tags + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("ener")
    page.locator(".select2-results__option", has_text="energy").first.click()
    page.keyboard.press("Escape")
    page.locator(".datetimeshortcuts a", has_text="Today").first.click()
    page.locator(".datetimeshortcuts .date-icon").first.click()
    page.locator(".calendarbox .calendarnav-next").first.click()
    page.locator(".calendarbox td a", has_text=re.compile(r"^15$")).first.click()
    page.locator(".datetimeshortcuts .clock-icon").first.click()
    page.locator(".clockbox a", has_text="Noon").first.click()
    page.locator("#quotes-group .add-row a").click()
    pick_autocomplete(page, "id_quotes-0-speaker", "Anna")

    # "Add another" topic, in the admin's popup window.
    with page.expect_popup() as popup_info:
        page.click("#add_id_topics")
    popup = popup_info.value
    popup.wait_for_load_state("networkidle")
    popup.locator("#id_name_en").press_sequentially("Cohesion")
    expect(popup.locator("#id_slug")).to_have_value("cohesion")
    # The popup closes itself once saved: listen before clicking.
    with popup.expect_event("close"):
        popup.click("input[name=_save]")
    expect(page.locator("#id_topics + .select2")).to_contain_text("Cohesion")

    # The rich-text editor: type, format, link, and its HTML view.
    body = page.locator("#id_body_en-editor")
    toolbar = page.locator(".richtext", has=body).get_by_role("toolbar")
    page.locator('[role=tab][aria-controls="tab_id_body_en"]').first.click()
    body.click()
    page.keyboard.type("Mayors meet")
    toolbar.get_by_role("button", name="Bold").click()
    page.keyboard.type(" today")
    toolbar.get_by_role("button", name="Bulleted list").click()
    page.keyboard.press("Shift+Home")
    toolbar.get_by_role("button", name="Link").click()
    page.get_by_role("textbox", name="Link address").fill("/en/topics/")
    page.keyboard.press("Enter")
    toolbar.get_by_role("button", name="Edit as HTML").click()
    toolbar.get_by_role("button", name="Edit as HTML").click()

    page.fill("#id_reference", "COR/26/0100")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()

    # An existing release's change form, history and delete confirmation.
    release = newsroom["release"]
    change = base + "/admin/releases/pressrelease/%d/change/" % release.pk
    visit(page, change)
    page.locator('[role=tab][aria-controls="tab_id_lead_sv"]').first.click()
    visit(page, change.replace("change/", "history/"))
    visit(page, change.replace("change/", "delete/"))

    assert violations == []


def test_partnership_and_speaker_forms_break_no_policy(
    page, live_server, newsroom, violations
):
    base = live_server.url
    log_in(page, base)
    # The partnership form: select2 for partners, an inline tabular row.
    partnership = newsroom["partnership"]
    visit(page, base + "/admin/partnerships/partnership/%d/change/" % partnership.pk)
    pick_autocomplete(page, "id_partners", "Lund")
    page.locator(".inline-group .add-row a").first.click()
    # The speaker form: organisation autocomplete, then "add another".
    visit(page, base + "/admin/releases/speaker/add/")
    with page.expect_popup() as popup_info:
        page.click("#add_id_organisation")
    popup = popup_info.value
    popup.wait_for_load_state("networkidle")
    popup.close()

    page.goto(base + "/admin/")
    page.locator("#logout-form button").click()
    expect(page.locator("#content")).to_contain_text("Logged out")

    assert violations == []


def test_workflow_steps_and_embargo_preview_break_no_policy(
    page, live_server, db, violations
):
    draft = make_draft(title_en="Draft on housing")
    scheduled = make_future(title_en="Budget deal for the regions")
    base = live_server.url
    log_in(page, base)

    page.goto(base + "/admin/releases/pressrelease/%d/change/" % draft.pk)
    page.get_by_role("button", name="Submit for review…").click()
    page.fill("#id_comment", "Ready.")
    page.click("input[name=_confirm]")
    expect(page.locator(".workflow-state")).to_have_text("In review")

    page.goto(base + "/admin/releases/pressrelease/%d/change/" % scheduled.pk)
    page.get_by_role("link", name="Create preview link").click()
    page.click("input[type=submit]")
    link = page.locator("#preview-link").input_value()
    visit(page, link)
    expect(page.locator(".preview-banner")).to_be_visible()

    assert violations == []


# Links a crawl must not follow: they log out, or serve no page.
SKIP = re.compile(r"^/admin/(logout|jsi18n|r)/|^/(media|static)/")
# One page of each shape: ids and language codes are placeholders.
SHAPE = re.compile(r"(?<=/)(\d+|%s)(?=/)" % "|".join(LANGUAGE_CODES))


def test_every_admin_page_a_crawl_reaches_breaks_no_policy(
    page, live_server, newsroom, violations
):
    """From the index: each changelist, its add form, its first object's change
    form, and the pages linked from there (history, compare, preview ...).

    Whatever page any app adds to the admin later is covered without naming it.
    """
    release = newsroom["release"]
    record(release, comment="First")
    release.lead_en = "A new lead."
    release.save()
    record(release, comment="Second")
    base = live_server.url
    log_in(page, base)
    queue, seen = [("/admin/", 0)], set()
    while queue:
        url, depth = queue.pop(0)
        shape = SHAPE.sub("*", url.partition("?")[0])
        if shape in seen:
            continue
        seen.add(shape)
        page.goto(base + url, wait_until="load")
        if depth == 4:
            continue
        links = page.eval_on_selector_all(
            "#content a[href], #content-related a[href]",
            "links => links.map(link => link.pathname + link.search)",
        )
        first_result = page.eval_on_selector_all(
            "#result_list tbody tr:first-child a[href]",
            "links => links.map(link => link.pathname + link.search)",
        )
        results = set(
            page.eval_on_selector_all(
                "#result_list a[href]",
                "links => links.map(link => link.pathname + link.search)",
            )
        )
        for link in links:
            if link in results and link not in first_result:
                continue
            if link.startswith("/") and not SKIP.search(link):
                queue.append((link, depth + 1))

    assert len(seen) > 20
    assert violations == []


def test_login_and_lockout_pages_break_no_policy(page, live_server, violations):
    get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True)
    base = live_server.url
    for _ in range(5):
        page.goto(base + "/admin/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "wrong")
        page.click("input[type=submit]")

    expect(page.locator("h1")).to_have_text("Too many failed logins")
    assert violations == []


def test_an_inline_script_or_style_is_reported(page, live_server, db, violations):
    """The watch itself works: a breach of the policy does not go unseen."""
    page.goto(live_server.url + "/en/")
    page.evaluate(
        """() => {
          const div = document.createElement("div");
          div.innerHTML = '<span style="color: red">x</span>';
          document.body.append(div);
          const script = document.createElement("script");
          script.textContent = "window.ranInline = true";
          document.body.append(script);
        }"""
    )
    page.wait_for_timeout(200)

    assert page.evaluate("window.ranInline") is None
    assert any("style-src" in report for report in violations)
    assert any("script-src" in report for report in violations)
