"""Two people edit one release in two browsers at once.

A translator saves Swedish while an editor has the form open: the editor's
English save keeps both. The same for a quote (an inline): a clash on one
quote is refused, a title saved from an older form keeps the quote. Then the translator, on a form from before the
editor's save, changes the English title too: refused, with the editor's
name and the field, and the translator's typing still in the form.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from releases.models import PressRelease
from tests.factories import make_draft, make_speaker
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


def test_two_editors_of_one_quote_a_clash_is_refused_and_a_title_keeps_the_quote(
    browser, live_server
):
    """An inline, in two browsers: the second editor's save of the same quote
    is refused with the first one's text beside the field; a save of only the
    title from a form opened before keeps the first editor's quote."""
    speaker = make_speaker(name="Apostolos Tzitzikostas")
    release = make_draft(
        title_en="Cohesion policy",
        speakers=[speaker],
        published_at=timezone.now().replace(microsecond=0),
    )
    first_context, first = open_as(browser, live_server.url, "anna", release)
    second_context, second = open_as(browser, live_server.url, "bo", release)
    late_context, late = open_as(browser, live_server.url, "carl", release)
    try:
        type_in(first, "quotes-0-quote_en", "Regions are ready.")
        first.click("input[name=_continue]")
        expect(first.locator(".messagelist .success")).to_be_visible()

        type_in(second, "quotes-0-quote_en", "Cities are ready.")
        second.click("input[name=_continue]")
        expect(second.locator(".errornote")).to_be_visible()
        expect(second.locator(".edit-conflict strong")).to_have_text("Speakers quoted")
        expect(second.locator("#id_quotes-0-quote_en")).to_have_value(
            "Cities are ready."
        )
        expect(second.locator("#quotes-group")).to_contain_text(
            "Changed meanwhile by Anna (anna)"
        )
        expect(second.locator("#quotes-group")).to_contain_text("“Regions are ready.”")
        assert release.quotes.get().quote_en == "Regions are ready."

        type_in(late, "title_en", "Cohesion policy after 2027")
        late.click("input[name=_continue]")
        expect(late.locator(".messagelist")).to_contain_text(
            "Their changes to Speakers quoted were kept"
        )
        release.refresh_from_db()
        assert release.title_en == "Cohesion policy after 2027"
        assert release.quotes.get().quote_en == "Regions are ready."
    finally:
        first_context.close()
        second_context.close()
        late_context.close()
