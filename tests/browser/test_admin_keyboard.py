"""Keyboard users in the release form (issue 10, point 6): the add form
starts on its first field, a refused save puts the focus on the first error,
"Add another" puts it in the new row."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADD = "/admin/releases/pressrelease/add/"


def focused(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {
                id: el.id,
                visible: el.offsetParent !== null,
                inError: !!el.closest('.errors'),
                row: (el.closest('.inline-related') || {}).id || '',
            };
        }"""
    )


def test_the_add_form_opens_with_the_focus_on_its_first_field(admin_page):
    admin_page.goto(admin_page.base + ADD)
    admin_page.wait_for_load_state("load")
    first = admin_page.evaluate(
        """() => Array.from(document.querySelectorAll(
            '#pressrelease_form input:not([type=hidden]), #pressrelease_form select,'
            + ' #pressrelease_form textarea')).find((f) => f.offsetParent !== null).id"""
    )
    active = focused(admin_page)
    assert active["visible"]
    assert active["id"] == first


def test_after_a_refused_save_the_focus_is_on_the_first_error(admin_page):
    admin_page.goto(admin_page.base + ADD)
    admin_page.click("input[name=_save]")
    admin_page.wait_for_load_state("load")
    assert admin_page.locator(".errornote").is_visible()
    active = focused(admin_page)
    assert active["visible"]
    assert active["inError"], active
    first_error = admin_page.locator(".form-row.errors").first
    assert first_error.locator("#" + active["id"]).count() == 1


def test_add_another_moves_the_focus_into_the_new_row(admin_page):
    admin_page.goto(admin_page.base + ADD)
    group = admin_page.locator("#contacts-group")
    before = group.locator(".inline-related:not(.empty-form)").count()
    group.locator(".add-row a").click()
    rows = group.locator(".inline-related:not(.empty-form)")
    assert rows.count() == before + 1
    new_row = rows.nth(before).get_attribute("id")
    admin_page.wait_for_function(
        "(id) => document.activeElement.closest('#' + id) !== null", arg=new_row
    )
    assert focused(admin_page)["row"] == new_row
