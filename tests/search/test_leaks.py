"""Nothing that is not public reaches search: results, counts, facets, snippets."""

from datetime import timedelta

import pytest
from django.utils import timezone

from releases.models import PressRelease, PressReleaseSpeaker
from tests.factories import make_partnership, make_release, make_speaker, make_topic
from tests.search.conftest import search, titles

pytestmark = pytest.mark.django_db

Status = PressRelease.Status
NOT_PUBLIC = {
    "draft": (Status.DRAFT, -1),
    "in-review": (Status.REVIEW, -1),
    "approved": (Status.APPROVED, -1),
    "scheduled": (Status.PUBLISHED, +1),
    "withdrawn": (Status.WITHDRAWN, -1),
}


@pytest.mark.parametrize("state", NOT_PUBLIC)
@pytest.mark.parametrize("language", ["en", "sv"])
def test_an_unpublished_release_leaves_no_trace(client, state, language):
    shared = make_topic(slug="shared", name_en="Harbours", name_sv="Hamnar")
    public = make_release(
        title_en="Public harbour",
        title_sv="Offentlig hamn",
        topics=[shared],
        kind=PressRelease.Kind.PRESS_RELEASE,
    )
    status, sign = NOT_PUBLIC[state]
    hidden = make_release(
        title_en="Zeppelin harbour",
        title_sv="Zeppelinare hamn",
        lead_en="Airship lead harbour.",
        lead_sv="Luftskepp hamn.",
        body_en="<p>Embargoed harbour body.</p>",
        body_sv="<p>Hemlig hamn text.</p>",
        kind=PressRelease.Kind.STATEMENT,
        status=status,
        published_at=timezone.now() + timedelta(hours=sign),
        topics=[shared, make_topic(slug="secret", name_en="Secret", name_sv="Hemlig")],
        partnership=make_partnership(slug="secret-p", name_en="Covert partnership"),
    )
    PressReleaseSpeaker.objects.create(
        release=hidden,
        speaker=make_speaker(slug="secret-s", name="Incognito Person"),
        quote_en="A harbour quote.",
        quote_sv="Ett hamncitat.",
    )
    word = {"en": "harbour", "sv": "hamn"}[language]
    response = search(client, language, q=word)
    assert len(titles(response)) == 1
    assert response.context["total"] == 1
    facets = [
        (value.param, value.value, value.count)
        for _heading, values in response.context["facets"]
        for value in values
    ]
    year = timezone.localtime(public.published_at).year
    assert facets == [
        ("topic", "shared", 1),
        ("kind", "press_release", 1),
        ("year", year, 1),
    ]
    html = response.content.decode()
    for needle in (
        "Zeppelin",
        "Airship",
        "Luftskepp",
        "Embargoed",
        "Hemlig",
        "Secret",
        "Incognito",
        "Covert",
        "citat",
        "quote",
        "Statement",
    ):
        assert needle not in html, needle

    # Searching a word only the hidden release has finds nothing, here or
    # in any other language.
    response = search(client, language, q="zeppelin")
    assert response.context["total"] == 0
    assert response.context["other_languages"] == []
    # And its theme, speaker or partnership narrow to nothing.
    for param, value in (
        ("topic", "secret"),
        ("speaker", "secret-s"),
        ("partnership", "secret-p"),
    ):
        assert search(client, language, q=word, **{param: value}).context["total"] == 0
