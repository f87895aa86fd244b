"""The admin's layout on an editor's screen, 1280 and 1440 px wide (issue 10,
point 2): a long title is readable and never under the buttons, the release
list shows every column whole, the theme filter has no empty entry."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.languages import LANGUAGE_CODES
from tests.browser.a11y import logged_in_context
from tests.factories import make_future, make_release, make_topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 1440)
LONG_TITLE = (
    "Regions and cities call for a stronger cohesion policy after 2027 that "
    "keeps every region on board and puts local authorities at the heart of it"
)


@pytest.fixture
def editor_page(browser, live_server):
    user = get_user_model().objects.create_superuser("boss", "boss@example.eu", None)
    contexts = []

    def open_page(width, path):
        context = logged_in_context(
            browser, live_server, user, viewport={"width": width, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(live_server.url + path)
        return page

    yield open_page
    for context in contexts:
        context.close()


def overlaps(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_a_long_title_is_never_under_the_change_form_s_buttons(editor_page, width):
    release = make_release(title_en=LONG_TITLE)
    page = editor_page(width, "/admin/releases/pressrelease/%d/change/" % release.pk)

    subtitle = page.locator("#content h2", has_text="Regions and cities")
    assert subtitle.is_visible()
    title_box = subtitle.bounding_box()
    for button in page.locator(".object-tools a").all():
        assert not overlaps(title_box, button.bounding_box()), button.inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_title_input_is_wide_enough_to_read(editor_page, width):
    release = make_release(title_en=LONG_TITLE)
    page = editor_page(width, "/admin/releases/pressrelease/%d/change/" % release.pk)

    title = page.locator("#id_title_en")
    form = page.locator("#content-main").bounding_box()
    # Most of the form's width, and at least a 100-character line.
    assert title.bounding_box()["width"] >= form["width"] * 0.6
    hidden = page.evaluate(
        "(input) => input.scrollWidth - input.clientWidth", title.element_handle()
    )
    assert hidden <= 0.4 * title.bounding_box()["width"]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_release_list_shows_its_status_column_whole(editor_page, width):
    topic = make_topic(name_en="Cohesion policy")
    every_language = {"title_%s" % code: LONG_TITLE for code in LANGUAGE_CODES}
    make_release(topics=[topic], **every_language)
    make_future(title_en=LONG_TITLE, published_at=timezone.now() + timedelta(days=40))
    page = editor_page(width, "/admin/releases/pressrelease/")

    results = page.locator("#changelist .results")
    box = results.bounding_box()
    assert page.evaluate(
        "(el) => el.scrollWidth <= el.clientWidth", results.element_handle()
    )
    cells = page.locator("td.field-state")
    assert cells.count() == 2
    for cell in cells.all():
        cell_box = cell.bounding_box()
        assert cell_box["x"] + cell_box["width"] <= box["x"] + box["width"] + 1
        assert page.evaluate(
            "(el) => el.scrollWidth <= el.clientWidth", cell.element_handle()
        )
    assert "Scheduled for" in cells.first.inner_text() + cells.last.inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_theme_filter_has_no_empty_entry(editor_page, width):
    # Two themes: Django shows no filter with a single choice.
    make_release(topics=[make_topic(name_en="Cohesion policy")])
    make_release(topics=[make_topic(name_en="Health")])
    page = editor_page(width, "/admin/releases/pressrelease/")

    themes = page.locator(
        "#changelist-filter details", has=page.locator("a[href*='topics']")
    )
    entries = [text.strip() for text in themes.locator("li").all_inner_texts()]
    assert {"Cohesion policy", "Health"} <= set(entries)
    assert [entry for entry in entries if entry in ("", "-", "—")] == []
