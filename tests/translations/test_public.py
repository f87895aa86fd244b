"""Public side: a translation made in the workspace is offered to visitors.

The release page's language switcher and hreflang alternates list only the
languages a release exists in, and a page shown in a fallback language says
so in the visitor's language (tests/releases/test_views.py tests both
rules); here, across the workspace: a Swedish translation saved by a
translator adds Swedish to both, and ends the fallback.
"""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.admin_forms import form_data
from tests.factories import make_release
from tests.releases.test_views import alternates, switcher_links

pytestmark = pytest.mark.django_db


def test_a_translation_saved_in_the_workspace_joins_the_switcher_and_alternates(
    client, translator
):
    release = make_release(
        title_en="Regions meet", lead_en="They meet.", body_en="<p>Today.</p>"
    )
    swedish = release.url_in("sv")

    before = client.get(swedish)
    assert [code for _url, code in switcher_links(before)] == ["en"]
    assert set(alternates(before)) == {"en", "x-default"}
    assertContains(
        before,
        '<p class="fallback-notice" role="note">'
        "Finns inte på svenska; visas på engelska.</p>",
        html=True,
    )

    client.force_login(translator)
    url = reverse(
        "admin:translations_editor",
        kwargs={"model": "pressrelease", "pk": release.pk, "language": "sv"},
    )
    data = form_data(client.get(url))
    data.update(
        {
            "pressrelease-%d-title" % release.pk: "Regionerna möts",
            "pressrelease-%d-lead" % release.pk: "De möts.",
            "pressrelease-%d-body" % release.pk: "<p>I dag.</p>",
            "_confirm": "1",
        }
    )
    assert client.post(url, data).status_code == 302
    client.logout()

    after = client.get(swedish)
    assert [code for _url, code in switcher_links(after)] == ["en", "sv"]
    assert alternates(after)["sv"] == "http://testserver" + swedish
    assert alternates(after)["x-default"] == "http://testserver" + release.url_in("en")
    assertContains(after, "<h1>Regionerna möts</h1>", html=True)
    assertNotContains(after, 'class="fallback-notice"')


def test_a_language_without_a_title_is_not_offered(client):
    """A translated lead alone does not make a Swedish page."""
    release = make_release(title_en="Regions meet", lead_sv="De möts.")

    response = client.get(release.url_in("en"))

    assert [code for _url, code in switcher_links(response)] == ["en"]
    assert "sv" not in alternates(response)
