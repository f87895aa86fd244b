"""The public pages on a phone: nothing wider than the screen."""

import pytest

from releases.models import PressRelease
from tests.factories import make_partnership, make_release, make_speaker, make_topic
from tests.users import make_publisher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_NAME = (
    "Economic, social and territorial cohesion, regional policy and the future "
    "of the Union's structural and investment funds"
)


def test_no_public_page_scrolls_sideways_on_a_375px_phone(browser, live_server):
    topic = make_topic(name_en=LONG_NAME, slug="cohesion")
    speaker = make_speaker(name="Apostolos Tzitzikostas", slug="tzitzikostas")
    partnership = make_partnership(name_en=LONG_NAME, slug="cohesion-partnership")
    release = make_release(
        title_en="A release with a rather long title about " + LONG_NAME,
        body_en="<p>%s</p>" % (LONG_NAME * 3),
        topics=[topic],
        speakers=[speaker],
        partnership=partnership,
    )
    release = PressRelease.objects.get(pk=release.pk)
    paths = [
        "/en/",
        "/en/releases/",
        "/en/releases/?topic=cohesion",
        release.url_in("en"),
        "/en/topics/",
        "/en/topics/cohesion/",
        "/en/speakers/tzitzikostas/",
        "/en/partnerships/cohesion-partnership/",
        "/en/search/?q=cohesion",
    ]
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, locale="en-GB", is_mobile=True
    )
    page = context.new_page()
    too_wide = {}
    for path in paths:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            too_wide[path] = width
    context.close()
    assert too_wide == {}


def test_the_release_list_s_buttons_leave_its_title_readable(browser, live_server):
    user = make_publisher("publisher")
    user.set_password("correct-horse-battery-staple")
    user.save()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "publisher")
    page.fill("#id_password", "correct-horse-battery-staple")
    page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/releases/pressrelease/")

    title = page.locator("#content h1").bounding_box()
    tools = page.locator(".object-tools").bounding_box()
    context.close()
    # The recover, import and add buttons sit below the title, not over it.
    assert tools["y"] >= title["y"] + title["height"]
