"""Themes, speakers, partnerships and organisations: public through releases.

Each appears in the API only once a release that uses it is public: one
created for an embargoed (or draft, or withdrawn) release stays unknown,
in its list and at its own address, until the lift.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from releases.models import PressRelease, PressReleaseSpeaker
from tests.factories import (
    make_organisation,
    make_partnership,
    make_release,
    make_speaker,
    make_topic,
)

pytestmark = pytest.mark.django_db

HIDDEN_STATES = {
    "draft": {"status": PressRelease.Status.DRAFT},
    "scheduled": {"published_at": timezone.now() + timedelta(days=3)},
    "withdrawn": {"status": PressRelease.Status.WITHDRAWN},
}


def everything(prefix, **release):
    """A release quoting a speaker of an organisation, in a partnership with
    a partner, under a theme: each named after ``prefix``."""
    topic = make_topic(slug="%s-theme" % prefix, name_en="%s theme" % prefix)
    organisation = make_organisation(slug="%s-org" % prefix)
    partner = make_organisation(slug="%s-partner" % prefix)
    speaker = make_speaker(slug="%s-speaker" % prefix, organisation=organisation)
    partnership = make_partnership(slug="%s-partnership" % prefix)
    partnership.partners.set([partner])
    made = make_release(
        slug="%s-release" % prefix,
        topics=[topic],
        partnership=partnership,
        **release,
    )
    PressReleaseSpeaker.objects.create(release=made, speaker=speaker)
    return made


def listed(api, kind):
    return [item["slug"] for item in api.json("/api/v1/%s/" % kind)]


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_what_only_an_unpublished_release_uses_is_nowhere(api, state):
    everything("public")
    everything("secret", **HIDDEN_STATES[state])

    assert listed(api, "themes") == ["public-theme"]
    assert listed(api, "speakers") == ["public-speaker"]
    assert listed(api, "partnerships") == ["public-partnership"]
    assert listed(api, "organisations") == ["public-org", "public-partner"]
    for url in (
        "/api/v1/themes/secret-theme",
        "/api/v1/speakers/secret-speaker",
        "/api/v1/partnerships/secret-partnership",
        "/api/v1/organisations/secret-org",
        "/api/v1/organisations/secret-partner",
        "/api/v1/releases/secret-release",
    ):
        assert api.get(url).status_code == 404, url
    text = b"".join(
        api.get(url).content
        for url in ("/api/v1/releases/", "/api/v1/releases/public-release")
    )
    assert b"secret" not in text


def test_at_the_lift_everything_it_brings_appears(api):
    release = everything("lift", published_at=timezone.now() + timedelta(days=1))
    assert listed(api, "themes") == []

    PressRelease.objects.filter(pk=release.pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )

    assert listed(api, "themes") == ["lift-theme"]
    assert listed(api, "speakers") == ["lift-speaker"]
    assert listed(api, "partnerships") == ["lift-partnership"]
    assert listed(api, "organisations") == ["lift-org", "lift-partner"]


def test_a_theme_counts_its_public_releases_only(api):
    topic = make_topic(slug="cities", name_en="Cities", name_sv="Städer")
    make_release(topics=[topic])
    make_release(topics=[topic])
    make_release(topics=[topic], status=PressRelease.Status.DRAFT)

    data = api.json("/api/v1/themes/cities")

    assert data["release_count"] == 2
    assert data["name"] == {"en": "Cities", "sv": "Städer"}
    assert data["description"] == {}
    assert data["url"] == "http://testserver" + topic.get_absolute_url()
    assert data["releases_url"] == "http://testserver/api/v1/releases/?theme=cities"
    assert api.json(data["releases_url"].removeprefix("http://testserver"))["items"]


def test_a_speaker_with_their_organisation_and_role_in_each_language(api):
    city = make_organisation(slug="city")
    speaker = make_speaker(
        slug="anna", name="Anna Mayor", organisation=city, country="SE",
        political_group="PES", role_en="Mayor", role_sv="Borgmästare",
    )  # fmt: skip
    make_release(speakers=[speaker])

    data = api.json("/api/v1/speakers/anna")

    assert data["name"] == "Anna Mayor"
    assert data["role"] == {"en": "Mayor", "sv": "Borgmästare"}
    assert (data["country"], data["political_group"]) == ("SE", "PES")
    assert data["organisation"] == "city"
    assert data["photo"] is None
    assert api.json("/api/v1/organisations/city")["slug"] == "city"


def test_a_partnership_with_its_partners(api):
    partnership = make_partnership(
        slug="housing", name_en="Housing", name_fr="Logement"
    )
    partnership.partners.set([make_organisation(slug="b"), make_organisation(slug="a")])
    make_release(partnership=partnership)

    data = api.json("/api/v1/partnerships/housing")

    assert data["name"] == {"en": "Housing", "fr": "Logement"}
    assert data["partners"] == ["a", "b"]
    assert [o["slug"] for o in api.json("/api/v1/organisations/")] == ["a", "b"]


@pytest.mark.parametrize(
    "kind", ["themes", "speakers", "partnerships", "organisations"]
)
def test_each_list_runs_the_same_queries_however_long(api, kind):
    def count():
        with CaptureQueriesContext(connection) as context:
            assert api.get("/api/v1/%s/" % kind).status_code == 200
        return len(context)

    everything("one")
    few = count()
    for n in range(8):
        everything("more%d" % n, **{"title_sv": "Svensk", "title_de": "Deutsch"})

    assert len(api.json("/api/v1/%s/" % kind)) >= 9
    assert count() == few
