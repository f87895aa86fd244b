"""/api/v1/releases/: the public releases, filtered, paginated by cursor."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from releases.models import PressRelease, PressReleaseSpeaker
from tests.factories import (
    make_draft,
    make_future,
    make_organisation,
    make_partnership,
    make_release,
    make_speaker,
    make_topic,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/releases/"


def slugs(api, **params):
    return [item["slug"] for item in api.json(LIST, params)["items"]]


def detail(release):
    return "/api/v1/releases/%s" % release.slug


def unpublished():
    """One release in each state the public may not see."""
    return [
        make_draft(slug="a-draft"),
        make_release(slug="in-review", status=PressRelease.Status.REVIEW),
        make_release(slug="approved", status=PressRelease.Status.APPROVED),
        make_future(slug="scheduled"),
        make_release(slug="withdrawn", status=PressRelease.Status.WITHDRAWN),
    ]


def test_the_list_holds_public_releases_only_newest_first(api):
    now = timezone.now()
    old = make_release(slug="old", published_at=now - timedelta(days=3))
    new = make_release(slug="new", published_at=now - timedelta(hours=2))
    unpublished()

    assert slugs(api) == [new.slug, old.slug]


@pytest.mark.parametrize(
    "slug", ["a-draft", "in-review", "approved", "scheduled", "withdrawn"]
)
def test_an_unpublished_release_is_a_404_like_one_that_never_existed(api, slug):
    unpublished()

    hidden = api.get("/api/v1/releases/%s" % slug)
    missing = api.get("/api/v1/releases/no-such-release")

    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_nothing_unpublished_is_found_by_any_filter_or_query(api):
    topic, speaker = make_topic(slug="t"), make_speaker(slug="s")
    partnership = make_partnership(slug="p")
    for release in unpublished():
        release.title_en = "Secret plan"
        release.title_sv = "Hemlig plan"
        release.partnership = partnership
        release.save()
        release.topics.set([topic])
        PressReleaseSpeaker.objects.create(release=release, speaker=speaker)

    for params in (
        {},
        {"theme": "t"},
        {"speaker": "s"},
        {"partnership": "p"},
        {"q": "secret"},
        {"q": "hemlig", "language": "sv"},
        {"language": "sv"},
        {"year": timezone.now().year},
    ):
        assert slugs(api, **params) == [], params


def test_filters_by_theme_kind_speaker_partnership_and_date(api):
    climate, cities = make_topic(slug="climate"), make_topic(slug="cities")
    mayor = make_speaker(slug="mayor")
    partnership = make_partnership(slug="housing")
    first = make_release(
        slug="first",
        topics=[climate],
        speakers=[mayor],
        kind=PressRelease.Kind.NEWS,
        published_at=timezone.now() - timedelta(days=400),
    )
    second = make_release(slug="second", topics=[cities], partnership=partnership)
    third = make_release(
        slug="third", topics=[climate, cities], kind=PressRelease.Kind.STATEMENT
    )
    year = timezone.localtime(first.published_at).year
    month = timezone.localtime(first.published_at).month

    assert slugs(api, theme="climate") == [third.slug, first.slug]
    assert slugs(api, theme="cities", kind="statement") == [third.slug]
    assert slugs(api, kind="news") == [first.slug]
    assert slugs(api, speaker="mayor") == [first.slug]
    assert slugs(api, partnership="housing") == [second.slug]
    assert slugs(api, year=year, month=month) == [first.slug]
    assert slugs(api, theme="no-such-theme") == []


def test_a_month_needs_a_year(api):
    response = api.get(LIST, {"month": 3})

    assert response.status_code == 400
    assert response.json() == {"detail": "Give a year with the month."}


@pytest.mark.parametrize(
    "params",
    [{"kind": "rumour"}, {"year": "soon"}, {"month": 13, "year": 2020},
     {"language": "xx"}, {"limit": 0}, {"limit": 101}],
)  # fmt: skip
def test_a_bad_parameter_is_refused_with_what_is_wrong(api, params):
    response = api.get(LIST, params)

    assert response.status_code == 422
    (name,) = params.keys() - {"year"} or {"year"}
    assert name in {error["loc"][-1] for error in response.json()["detail"]}


def test_language_filters_and_gives_the_texts_in_that_language(api):
    both = make_release(
        slug="both", title_sv="Svensk titel", lead_sv="Svensk ingress.",
        original_language="en",
    )  # fmt: skip
    make_release(slug="english-only")

    (item,) = api.json(LIST, {"language": "sv"})["items"]

    assert item["slug"] == both.slug
    assert item["language"] == "sv"
    assert item["title"] == "Svensk titel"
    assert item["lead"] == "Svensk ingress."
    assert item["languages"] == ["en", "sv"]
    assert urlsplit(item["url"]).path == both.url_in("sv")


def test_without_a_language_each_release_speaks_its_original_one(api):
    make_release(slug="greek", original_language="el", title_el="Ελληνικά")

    (item,) = api.json(LIST)["items"]

    assert (item["language"], item["title"]) == ("el", "Ελληνικά")


def test_q_matches_title_and_lead_in_the_requested_language_ignoring_case(api):
    make_release(slug="by-title", title_en="Cohesion POLICY after 2027")
    make_release(slug="by-lead", lead_en="What the policy means for regions.")
    make_release(slug="swedish", title_sv="Ny policy för städer")
    make_release(slug="other", title_en="Something else")

    assert sorted(slugs(api, q="policy")) == ["by-lead", "by-title", "swedish"]
    assert slugs(api, q="Policy", language="sv") == ["swedish"]
    assert slugs(api, q="nothing like it") == []


def test_the_cursor_walks_every_release_once_in_a_stable_order(api):
    moment = timezone.now() - timedelta(hours=3)
    # Three share one publication time: the id decides between them.
    releases = [make_release(slug="same-%d" % i, published_at=moment) for i in range(3)]
    releases += [
        make_release(slug="older-%d" % i, published_at=moment - timedelta(days=i + 1))
        for i in range(3)
    ]
    make_release(slug="other-kind", kind=PressRelease.Kind.NEWS)
    expected = [
        r.slug
        for r in PressRelease.objects.filter(kind=PressRelease.Kind.PRESS_RELEASE)
        .published()
        .order_by("-published_at", "-pk")
    ]

    seen, url, pages = [], LIST + "?kind=press_release&limit=2", 0
    while url:
        page = api.json(url)
        seen += [item["slug"] for item in page["items"]]
        url, pages = page["next"], pages + 1
        if url:
            assert page["next_cursor"] in url
            url = url.removeprefix("http://testserver")
            assert "kind=press_release" in url and "limit=2" in url
    assert seen == expected
    assert pages == 3


def test_a_release_published_meanwhile_does_not_shift_the_next_page(api):
    now = timezone.now()
    for i in range(4):
        make_release(slug="r%d" % i, published_at=now - timedelta(days=i + 1))
    first = api.json(LIST, {"limit": 2})

    make_release(slug="newer")
    second = api.json(LIST, {"limit": 2, "cursor": first["next_cursor"]})

    assert [i["slug"] for i in second["items"]] == ["r2", "r3"]
    assert second["next"] is None


def test_a_cursor_that_was_changed_is_refused(api):
    make_release()
    make_release()
    cursor = api.json(LIST, {"limit": 1})["next_cursor"]

    for bad in (cursor[:-2] + "xx", "not-a-cursor", cursor + "0"):
        response = api.get(LIST, {"cursor": bad})
        assert response.status_code == 400
        assert "cursor" in response.json()["detail"]


def queries(api, url):
    with CaptureQueriesContext(connection) as context:
        assert api.get(url).status_code == 200
    return len(context)


def test_a_list_page_runs_the_same_queries_whatever_its_size_and_languages(api):
    def add(n, languages):
        topic, speaker = make_topic(slug="shared-%d" % n), make_speaker()
        for _ in range(n):
            release = make_release(
                topics=[topic, make_topic()],
                speakers=[speaker, make_speaker()],
                partnership=make_partnership(),
                **{"title_%s" % code: "Title %s" % code for code in languages},
            )
            assert release.available_languages()

    add(1, ["en"])
    few = queries(api, LIST + "?limit=1")
    add(30, ["en", "sv", "de", "el", "fr", "fi"])

    assert queries(api, LIST + "?limit=100") == few
    filtered = LIST + "?limit=100&language=sv&q=title+sv&theme=shared-30"
    assert len(api.json(filtered)["items"]) == 30
    assert queries(api, filtered) == few


def test_a_release_in_every_language_it_exists_in_with_what_it_is_about(api):
    city = make_organisation(slug="city", name_en="City", name_sv="Staden")
    region = make_organisation(slug="region")
    partner = make_organisation(slug="partner")
    partnership = make_partnership(slug="housing", name_en="Housing")
    partnership.partners.set([partner, region])
    mayor = make_speaker(slug="mayor", name="Anna Mayor", organisation=city)
    president = make_speaker(slug="president", name="Bo President", organisation=region)
    topic = make_topic(slug="cities", name_en="Cities", name_sv="Städer")
    release = make_release(
        slug="plan",
        reference="COR/26/1",
        title_en="The plan",
        body_en='<p onclick="x()">Body <script>alert(1)</script>text.</p>',
        title_sv="Planen",
        lead_sv="Ingress.",
        topics=[topic],
        tags=["housing", "Cities"],
        partnership=partnership,
    )
    PressReleaseSpeaker.objects.create(
        release=release, speaker=mayor, quote_en="We act.", quote_sv="Vi agerar.",
        role_en="Mayor then", position=0,
    )  # fmt: skip
    PressReleaseSpeaker.objects.create(
        release=release, speaker=president, quote_en="Yes.", position=1
    )

    data = api.json(detail(release))

    assert data["reference"] == "COR/26/1"
    assert sorted(data["translations"]) == ["en", "sv"]
    assert data["translations"]["sv"]["title"] == "Planen"
    assert data["translations"]["sv"]["lead"] == "Ingress."
    assert data["translations"]["sv"]["body"] == ""
    assert data["translations"]["en"]["body"] == "<p>Body text.</p>"
    assert urlsplit(data["translations"]["sv"]["url"]).path == release.url_in("sv")
    assert data["themes"] == [
        {
            "slug": "cities",
            "name": {"en": "Cities", "sv": "Städer"},
            "api_url": "http://testserver/api/v1/themes/cities",
        }
    ]
    assert [q["speaker"]["slug"] for q in data["quotes"]] == ["mayor", "president"]
    assert data["quotes"][0]["quote"] == {"en": "We act.", "sv": "Vi agerar."}
    assert data["quotes"][0]["role"] == {"en": "Mayor then"}
    assert [s["organisation"] for s in data["speakers"]] == ["city", "region"]
    assert data["partnership"]["slug"] == "housing"
    assert data["partnership"]["partners"] == ["partner", "region"]
    assert [o["slug"] for o in data["organisations"]] == ["city", "partner", "region"]
    assert data["organisations"][0]["name"] == {"en": "City", "sv": "Staden"}
    assert data["tags"] == ["Cities", "housing"]


def test_a_person_only_named_is_no_quote(api):
    """The legacy import links people named without a quotation as mentioned."""
    release = make_release()
    quoted, named = make_speaker(slug="quoted"), make_speaker(slug="named")
    PressReleaseSpeaker.objects.create(
        release=release, speaker=quoted, quote_en="We act.", position=0
    )
    PressReleaseSpeaker.objects.create(
        release=release, speaker=named, mentioned=True, position=1
    )

    data = api.json(detail(release))

    assert [q["speaker"]["slug"] for q in data["quotes"]] == ["quoted"]
    assert [m["slug"] for m in data["mentioned"]] == ["named"]
    assert [s["slug"] for s in data["speakers"]] == ["quoted", "named"]


def test_a_release_page_runs_the_same_queries_however_much_it_holds(api):
    # One of everything, then many: prefetches run once either way.
    one = make_partnership()
    one.partners.set([make_organisation()])
    small = make_release(
        slug="small",
        topics=[make_topic()],
        speakers=[make_speaker(organisation=make_organisation())],
        tags=["a"],
        partnership=one,
    )
    few = queries(api, detail(small))

    partnership = make_partnership()
    partnership.partners.set([make_organisation() for _ in range(3)])
    big = make_release(
        slug="big",
        topics=[make_topic() for _ in range(5)],
        speakers=[make_speaker(organisation=make_organisation()) for _ in range(5)],
        tags=["a", "b", "c"],
        partnership=partnership,
        **{"title_%s" % code: "T" for code in ("sv", "de", "fr", "el", "fi", "pl")},
    )

    assert queries(api, detail(big)) == few
