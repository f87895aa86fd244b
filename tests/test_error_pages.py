"""404, 403 and 500 pages in the visitor's language, with DEBUG off."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_site(settings, client):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.error_urls"
    # A 500 is answered with the page, as a real server would, not raised.
    client.raise_request_exception = False
    return client


#: The way back to the site, in each language's catalogue. (The headings of
#: the new 403 and 500 pages reach the Swedish catalogue with the pending
#: fragment, locale/pending/issue-8-perf.sv.po.)
WAY_BACK = {
    "en": "Go to the latest releases",
    "sv": "Gå till de senaste pressmeddelandena",
}


@pytest.mark.parametrize(
    ("path", "status", "heading"),
    [
        ("/sv/no-such-page/", 404, "Sidan hittades inte"),
        ("/en/no-such-page/", 404, "Page not found"),
        ("/sv/refused/", 403, None),
        ("/en/refused/", 403, "Access denied"),
        ("/sv/broken/", 500, None),
        ("/en/broken/", 500, "Something went wrong"),
    ],
)
def test_error_pages_speak_the_visitor_s_language(failing_site, path, status, heading):
    response = failing_site.get(path)

    assert response.status_code == status
    body = response.content.decode()
    language = path.split("/")[1]
    if heading:
        assert "<h1>%s</h1>" % heading in body
    assert '<html lang="%s">' % language in body
    # A way back to the site, in the same language; no debug page.
    assert '<a href="/%s/">%s</a>' % (language, WAY_BACK[language]) in body
    assert "Traceback" not in body and "a bug, on purpose" not in body
    assert 'content="noindex"' in body
