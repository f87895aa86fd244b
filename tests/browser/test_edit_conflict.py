"""Two people edit one release in two browsers at once.

A translator saves Swedish while an editor has the form open: the editor's
English save keeps both. Then the translator, on a form from before the
editor's save, changes the English title too: refused, with the editor's
name and the field, and the translator's typing still in the form.
"""

import pytest
from playwright.sync_api import expect

from releases.models import PressRelease
from tests.factories import make_draft
from tests.users import make_publisher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple"


def open_as(browser, base_url, username, release):
    user = make_publisher(username, first_name=username.title())
    user.set_password(PASSWORD)
    user.save()
    context = browser.new_context(locale="en-GB", timezone_id="Europe/Brussels")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    page.goto(base_url + "/admin/releases/pressrelease/%d/change/" % release.pk)
    return context, page


def type_in(page, language_field, text):
    """Open the field's language tab, then type, as a person would."""
    page.locator('[role=tab][aria-controls="tab_id_%s"]' % language_field).first.click()
    page.fill("#id_%s" % language_field, text)


def test_a_translator_and_an_editor_keep_their_work_and_a_clash_is_refused(
    browser, live_server
):
    release = make_draft(title_en="Cohesion policy", title_sv="")
    editor_context, editor = open_as(browser, live_server.url, "editor", release)
    translator_context, translator = open_as(
        browser, live_server.url, "translator", release
    )
    try:
        type_in(translator, "title_sv", "Sammanhållningspolitik")
        translator.click("input[name=_continue]")
        expect(translator.locator(".messagelist .success")).to_be_visible()

        type_in(editor, "title_en", "Cohesion policy after 2027")
        editor.click("input[name=_continue]")
        expect(editor.locator(".messagelist")).to_contain_text(
            "Their changes to Title (sv) were kept"
        )
        release.refresh_from_db()
        assert release.title_en == "Cohesion policy after 2027"
        assert release.title_sv == "Sammanhållningspolitik"

        type_in(translator, "title_en", "Cohesion policy beyond 2027")
        translator.click("input[name=_continue]")
        expect(translator.locator(".errornote")).to_be_visible()
        expect(translator.locator(".edit-conflict")).to_contain_text("Editor")
        expect(translator.locator(".edit-conflict strong")).to_have_text("Title (en)")
        expect(translator.locator("#id_title_en")).to_have_value(
            "Cohesion policy beyond 2027"
        )
        assert (
            PressRelease.objects.get(pk=release.pk).title_en
            == "Cohesion policy after 2027"
        )
    finally:
        editor_context.close()
        translator_context.close()
