"""The admin's rich-text editor, as an editor uses it, under a strict CSP.

Every test serves the admin with the Content-Security-Policy the site
deploys (added to each page here, so that the editor is held to it whatever
the settings of the moment) and fails on any CSP violation or script error.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from core.languages import LANGUAGE_CODES
from releases.models import PressRelease
from tests.factories import make_release

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple"

STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


def serve_with_strict_csp(page):
    """Add the strict policy to every HTML page the browser loads."""

    def add_policy(route):
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch(max_redirects=0)
        headers = {**response.headers, "content-security-policy": STRICT_CSP}
        route.fulfill(response=response, headers=headers)

    page.route("**/*", add_policy)


@pytest.fixture
def admin(page, live_server):
    """A logged-in editor's page; fails the test on CSP violations or errors."""
    get_user_model().objects.create_superuser("editor", "editor@example.eu", PASSWORD)
    problems = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and "favicon" not in message.text
            and "404" not in message.text
            and problems.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    serve_with_strict_csp(page)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    page.base = live_server.url
    yield page
    assert problems == [], "\n".join(problems)


def editor(page, field_id):
    """The toolbar and editing area that enhance the textarea ``field_id``."""
    wrapper = page.locator(".richtext", has=page.locator("#%s-editor" % field_id))
    return wrapper.get_by_role("toolbar"), page.locator("#%s-editor" % field_id)


def select_back(page, characters):
    for _ in range(characters):
        page.keyboard.press("Shift+ArrowLeft")


def add_release(page):
    page.goto(page.base + "/admin/releases/pressrelease/add/")
    page.fill("#id_title_en", "Regions agree")
    page.fill("#id_reference", "COR/26/0100")


def test_editor_formats_text_and_the_form_saves_clean_html(admin):
    add_release(admin)
    toolbar, area = editor(admin, "id_body_en")
    area.click()
    admin.keyboard.type("Results")
    toolbar.get_by_role("button", name="H2 Heading", exact=True).click()
    admin.keyboard.press("End")
    admin.keyboard.press("Enter")
    admin.keyboard.type("The regions agree")
    select_back(admin, 5)
    admin.keyboard.press("Control+b")
    admin.keyboard.press("End")
    admin.keyboard.press("Control+b")
    admin.keyboard.type(" on ")
    toolbar.get_by_role("button", name="Italic").click()
    admin.keyboard.type("three")
    toolbar.get_by_role("button", name="Italic").click()
    admin.keyboard.type(" points.")
    admin.keyboard.press("Enter")
    toolbar.get_by_role("button", name="Numbered list").click()
    admin.keyboard.type("housing")
    admin.keyboard.press("Enter")
    admin.keyboard.type("transport")
    admin.keyboard.press("Enter")
    admin.keyboard.press("Enter")
    toolbar.get_by_role("button", name="Quote").click()
    admin.keyboard.type("We are ready.")
    admin.keyboard.press("Enter")
    admin.keyboard.press("Enter")
    admin.keyboard.type("See the Committee")
    select_back(admin, 9)
    toolbar.get_by_role("button", name="Link").click()
    admin.get_by_role("textbox", name="Link address").fill("cor.europa.eu")
    admin.keyboard.press("Enter")
    admin.click("input[name=_save]")
    expect(admin.locator(".messagelist .success")).to_be_visible()

    release = PressRelease.objects.get(reference="COR/26/0100")
    assert release.body_en == (
        "<h2>Results</h2>\n"
        "<p>The regions <strong>agree</strong> on <em>three</em> points.</p>\n"
        "<ol>\n<li>housing</li>\n<li>transport</li>\n</ol>\n"
        "<blockquote>\n<p>We are ready.</p>\n</blockquote>\n"
        '<p>See the <a href="https://cor.europa.eu" rel="noopener noreferrer">'
        "Committee</a></p>"
    )


def test_editor_in_a_hidden_language_tab_saves_that_language_only(admin):
    release = make_release(body_en="<p>English text.</p>")
    admin.goto(admin.base + "/admin/releases/pressrelease/%d/change/" % release.pk)
    _toolbar, swedish = editor(admin, "id_body_sv")
    # Started while its tab was hidden: the tab shows it ready to type in.
    expect(swedish).to_be_hidden()
    admin.locator('[role=tab][aria-controls="tab_id_body_sv"]').click()
    expect(swedish).to_be_visible()
    swedish.click()
    admin.keyboard.type("Svensk text.")
    # The language tab now shows that Swedish has text.
    expect(admin.locator('li[aria-controls="tab_id_body_sv"]')).to_have_class(
        re.compile("mt-has-text")
    )
    admin.click("input[name=_save]")
    expect(admin.locator(".messagelist .success")).to_be_visible()

    release.refresh_from_db()
    assert release.body_sv == "<p>Svensk text.</p>"
    assert release.body_en == "<p>English text.</p>"
    # Opening 48 editors wrote nothing into the languages no one touched.
    untouched = [
        getattr(release, "%s_%s" % (field, code))
        for field in ("body", "more_information")
        for code in LANGUAGE_CODES
        if (field, code) not in {("body", "en"), ("body", "sv")}
    ]
    assert set(untouched) == {""}


def test_toolbar_is_one_tab_stop_with_labelled_buttons_and_arrow_keys(admin):
    add_release(admin)
    toolbar, area = editor(admin, "id_body_en")
    expect(toolbar).to_have_attribute("aria-label", "Text formatting")
    for name in (
        "Paragraph",
        "H2 Heading",
        "H3 Subheading",
        "Bold",
        "Italic",
        "Bulleted list",
        "Numbered list",
        "Quote",
        "Link",
        "Undo",
        "Redo",
        "Edit as HTML",
    ):
        expect(toolbar.get_by_role("button", name=name, exact=True)).to_have_count(1)
    expect(toolbar.locator("button[tabindex='0']")).to_have_count(1)
    expect(area).to_have_attribute("role", "textbox")
    expect(area).to_have_accessible_name("Body:")

    area.click()
    admin.keyboard.type("Keyboard only")
    admin.keyboard.press("Alt+F10")
    expect(toolbar.get_by_role("button", name="Paragraph")).to_be_focused()
    admin.keyboard.press("ArrowRight")
    expect(toolbar.get_by_role("button", name="H2 Heading", exact=True)).to_be_focused()
    admin.keyboard.press("Enter")
    expect(area.locator("h2")).to_have_text("Keyboard only")
    admin.keyboard.press("Alt+F10")
    # The toolbar remembers the last button used.
    expect(toolbar.get_by_role("button", name="H2 Heading", exact=True)).to_be_focused()
    expect(
        toolbar.get_by_role("button", name="H2 Heading", exact=True)
    ).to_have_attribute("aria-pressed", "true")
    admin.keyboard.press("End")
    expect(toolbar.get_by_role("button", name="Edit as HTML")).to_be_focused()
    admin.keyboard.press("Escape")
    expect(area).to_be_focused()
    # Shift+Tab from the text reaches the toolbar in one step, on the button
    # last used.
    admin.keyboard.press("Shift+Tab")
    expect(toolbar.get_by_role("button", name="Edit as HTML")).to_be_focused()


def test_pasted_html_is_cleaned_and_runs_nothing(admin):
    calls = []
    admin.expose_function("__xss", lambda n: calls.append(n))
    add_release(admin)
    _toolbar, area = editor(admin, "id_body_en")
    area.click()
    admin.evaluate(
        """html => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            document.querySelector("#id_body_en-editor").dispatchEvent(
                new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                                             cancelable: true}));
        }""",
        '<h1 style="color:red">Pasted title</h1><div onclick="__xss(1)">One</div>'
        "<div>Two<img src=x onerror=__xss(2)></div><script>__xss(3)</script>"
        '<p class="MsoNormal">Three <a href="javascript:__xss(4)">link</a>'
        '<svg onload="__xss(5)"></svg><iframe src="javascript:__xss(6)"></iframe></p>',
    )
    admin.wait_for_timeout(300)
    assert calls == []
    assert admin.locator("#id_body_en").input_value() == (
        "<h2>Pasted title</h2>\n<p>One</p>\n<p>Two</p>\n<p>Three <a>link</a></p>"
    )


def test_link_form_refuses_script_urls_and_accepts_an_address(admin):
    add_release(admin)
    toolbar, area = editor(admin, "id_body_en")
    area.click()
    admin.keyboard.type("Read the opinion")
    select_back(admin, 7)
    admin.keyboard.press("Control+k")
    address = admin.get_by_role("textbox", name="Link address")
    expect(address).to_be_focused()
    for refused in ("javascript:alert(1)", "JAVA\tSCRIPT:alert(1)", "data:text/html,x"):
        address.fill(refused)
        admin.keyboard.press("Enter")
        expect(admin.get_by_role("alert")).to_contain_text("Enter a web address")
        expect(address).to_have_attribute("aria-invalid", "true")
    address.fill("/en/topics/")
    toolbar.page.get_by_role("button", name="Apply").click()
    expect(area.locator("a")).to_have_attribute("href", "/en/topics/")
    expect(area).to_be_focused()
    # Back on the link, the form offers to remove it.
    area.locator("a").click()
    admin.keyboard.press("Control+k")
    expect(address).to_have_value("/en/topics/")
    admin.get_by_role("button", name="Remove link").click()
    expect(area.locator("a")).to_have_count(0)
    assert admin.locator("#id_body_en").input_value() == "<p>Read the opinion</p>"


def test_html_view_edits_the_textarea_and_comes_back_cleaned(admin):
    add_release(admin)
    toolbar, area = editor(admin, "id_body_en")
    source = toolbar.get_by_role("button", name="Edit as HTML")
    source.click()
    expect(source).to_have_attribute("aria-pressed", "true")
    textarea = admin.locator("#id_body_en")
    expect(textarea).to_be_visible()
    expect(area).to_be_hidden()
    textarea.fill('<div>Raw <b>markup</b></div><p onclick="x()">typed</p>')
    source.click()
    expect(textarea).to_be_hidden()
    expect(area.locator("p")).to_have_count(2)
    assert textarea.input_value() == "<p>Raw <strong>markup</strong></p>\n<p>typed</p>"

    # Saved straight from the HTML view, it is cleaned the same way.
    source.click()
    textarea.fill("<div>Sent as HTML</div>")
    admin.click("input[name=_save]")
    expect(admin.locator(".messagelist .success")).to_be_visible()
    assert PressRelease.objects.get().body_en == "<p>Sent as HTML</p>"


def test_without_javascript_the_textarea_is_the_field(browser, live_server):
    get_user_model().objects.create_superuser("editor", "editor@example.eu", PASSWORD)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/releases/pressrelease/add/")
    expect(page.locator(".richtext")).to_have_count(0)
    page.fill("#id_title_en", "Written by hand")
    page.fill("#id_reference", "COR/26/0101")
    page.fill("#id_body_en", "<p>Hand-written <em>HTML</em>.</p><script>x()</script>")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    context.close()
    release = PressRelease.objects.get(reference="COR/26/0101")
    assert release.body_en == "<p>Hand-written <em>HTML</em>.</p>"


def test_bold_switched_off_stays_off_in_the_next_paragraph(admin):
    add_release(admin)
    _toolbar, area = editor(admin, "id_body_en")
    area.click()
    admin.keyboard.press("Control+b")
    admin.keyboard.type("Bold words")
    admin.keyboard.press("Control+b")
    admin.keyboard.press("Enter")
    admin.keyboard.type("Plain words")
    admin.click("input[name=_save]")
    expect(admin.locator(".messagelist .success")).to_be_visible()

    release = PressRelease.objects.get(reference="COR/26/0100")
    assert release.body_en == ("<p><strong>Bold words</strong></p>\n<p>Plain words</p>")


def test_an_author_tabs_into_the_body_and_types(admin):
    add_release(admin)
    admin.focus("#id_lead_en")
    admin.keyboard.type("A lead.")
    # From the lead, Tab reaches the body's toolbar (one stop), then its text.
    for _ in range(10):
        admin.keyboard.press("Tab")
        if admin.evaluate("document.activeElement.id") == "id_body_en-editor":
            break
    assert admin.evaluate("document.activeElement.id") == "id_body_en-editor"
    admin.keyboard.type("Typed without a mouse.")
    admin.click("input[name=_save]")
    expect(admin.locator(".messagelist .success")).to_be_visible()

    release = PressRelease.objects.get(reference="COR/26/0100")
    assert release.body_en == "<p>Typed without a mouse.</p>"
