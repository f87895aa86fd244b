"""One headless Chromium for the whole browser suite.

Playwright cannot download its own browser here; it drives Debian's
/usr/bin/chromium. The browser is started once per session (it is the slow
part) and each test gets a fresh context, so cookies never leak between
tests.
"""

import os

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in this thread; the tests still
# use the ORM synchronously around it, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            "Chromium is missing at %s: run `make test`, which installs it." % CHROMIUM
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB", timezone_id="Europe/Brussels")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def admin_page(browser, live_server):
    """A superuser's page, 1280 px wide; ``page.base`` is the server's URL."""
    from django.contrib.auth import get_user_model

    from tests.browser.a11y import logged_in_context

    user = get_user_model().objects.create_superuser("boss", "boss@example.eu", None)
    context = logged_in_context(
        browser, live_server, user, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.base = live_server.url
    yield page
    context.close()
