"""Shared set-up of the accessibility modules (test_a11y_*.py).

Each module checks many pages against one world: the demo content (``manage.py
load_demo``: releases in several languages with images, quotes, partnerships,
workflow history and revisions, and the admin, author, publisher and Swedish
translator), as a new user meets the site. The world is built once per
module, every page is opened and checked in that module's fixture, and the
parametrised tests then each assert on one page's result, so a failure names
its page. pytest-django flushes the database after a live-server test; the
fixture also flushes when it is done, so no other test sees the demo.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.management import call_command
from django.test import Client

from tests.browser.axe import violations


@contextmanager
def demo_world(django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=_Discard())
        try:
            yield
        finally:
            call_command("flush", interactive=False, verbosity=0)


class _Discard:
    def write(self, text):
        pass

    def flush(self):
        pass


@dataclass
class Checked:
    """One page's outcome: its HTTP status and axe's violations."""

    url: str
    status: int
    violations: list = field(default_factory=list)
    #: Whether the page says it shows another language than the one asked.
    fallback: bool = False


def logged_in_context(browser, live_server, user=None, **options):
    """A browser context, with ``user``'s session cookie when given."""
    options.setdefault("locale", "en-GB")
    options.setdefault("timezone_id", "Europe/Brussels")
    context = browser.new_context(**options)
    context.set_default_timeout(15_000)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        context.add_cookies(
            [{"name": "sessionid", "value": cookie.value, "url": live_server.url}]
        )
    return context


def check(page, base, url, *, before=None):
    """Open ``url`` (or run ``before`` on the page first) and run axe on it."""
    response = page.goto(base + url)
    status = response.status if response else 0
    if before is not None:
        before(page)
    return Checked(
        url=page.url,
        status=status,
        violations=violations(page),
        fallback=page.locator(".fallback-notice").count() > 0,
    )
