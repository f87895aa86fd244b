"""The release form's language tabs (issue 10, point 3): they open on the
language the release was written in."""

import pytest

from tests.factories import make_release

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_release_s_form_opens_on_its_original_language(admin_page):
    release = make_release(
        original_language="sv", title_sv="Regionerna möts", title_en="Regions meet"
    )
    admin_page.goto(
        admin_page.base + "/admin/releases/pressrelease/%d/change/" % release.pk
    )
    admin_page.wait_for_load_state("load")
    tab = admin_page.locator('li[aria-controls="tab_id_title_sv"]')
    assert "ui-tabs-active" in tab.get_attribute("class")
    assert admin_page.locator("#id_title_sv").is_visible()
    assert not admin_page.locator("#id_title_en").is_visible()
