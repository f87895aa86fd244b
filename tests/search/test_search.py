"""The public search: matching in each language, ranking, snippets, facets."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from releases.models import PressRelease, PressReleaseSpeaker
from search.models import SearchDocument
from tests.factories import (
    make_partnership,
    make_release,
    make_speaker,
    make_topic,
)
from tests.search.conftest import postgresql_only, search, titles

pytestmark = pytest.mark.django_db


def test_swedish_partnerskap_finds_partnerskapet(client):
    make_release(
        title_sv="Nytt avtal om bostäder",
        body_sv="<p>Partnerskapet för bostäder lanserades i dag.</p>",
        original_language="sv",
    )
    make_release(title_sv="Annat", body_sv="<p>Inget här.</p>", original_language="sv")
    response = search(client, "sv", q="partnerskap")
    assert titles(response) == ["Nytt avtal om bostäder"]


@postgresql_only
def test_swedish_stemming_finds_another_form(client):
    """ "partnerskapen" stems to "partnerskap", a prefix of "partnerskapet"."""
    make_release(
        title_sv="Nytt avtal",
        body_sv="<p>Partnerskapet lanserades i dag.</p>",
        original_language="sv",
    )
    assert titles(search(client, "sv", q="partnerskapen")) == ["Nytt avtal"]


@postgresql_only
def test_english_stemming(client):
    make_release(title_en="A city that grows", body_en="<p>Housing policy.</p>")
    make_release(title_en="Unrelated", body_en="<p>Fisheries.</p>")
    assert titles(search(client, "en", q="cities")) == ["A city that grows"]
    assert titles(search(client, "en", q="housings policies")) == ["A city that grows"]


@pytest.mark.parametrize("typed", ["ελλαδα", "ΕΛΛΑΔΑ", "Ελλάδα", "περιφερειες"])
def test_greek_without_accents_finds_accented_words(client, typed):
    make_release(
        title_el="Η Ελλάδα στηρίζει τις περιφέρειες",
        body_el="<p>Κείμενο.</p>",
        original_language="el",
    )
    assert titles(search(client, "el", q=typed)) == [
        "Η Ελλάδα στηρίζει τις περιφέρειες"
    ]


def test_french_accents_and_case_do_not_matter(client):
    make_release(title_fr="Économie régionale", original_language="fr")
    assert titles(search(client, "fr", q="ECONOMIE regionale")) == [
        "Économie régionale"
    ]


def test_each_language_has_its_configuration_or_simple(client):
    release = make_release(
        title_sv="Svenska", title_pl="Polityka miejska", title_el="Ελληνικά"
    )
    configs = dict(
        SearchDocument.objects.filter(release=release).values_list("language", "config")
    )
    assert configs == {
        "en": "english",
        "sv": "swedish",
        "el": "greek",
        "pl": "simple",
    }
    assert titles(search(client, "pl", q="polityka")) == ["Polityka miejska"]


def test_searches_lead_body_quotes_speakers_and_themes(client):
    topic = make_topic(name_en="Cohesion", name_sv="Sammanhållning")
    speaker = make_speaker(name="Vasco Alves Cordeiro")
    release = make_release(
        title_en="Title words",
        lead_en="Lead mentions lighthouses.",
        body_en="<p>Body mentions <strong>windmills</strong>.</p>",
        topics=[topic],
        speakers=[speaker],
    )
    PressReleaseSpeaker.objects.filter(release=release).update(quote_en="")
    quote = release.quotes.get()
    quote.quote_en = "We need harbours."
    quote.save()
    for q in ("lighthouses", "windmills", "harbours", "cordeiro", "cohesion", "title"):
        assert titles(search(client, "en", q=q)) == ["Title words"], q


def test_the_visitors_language_only(client):
    make_release(title_en="Migration pact", title_sv="Migrationspakten")
    make_release(title_en="Only English migration")
    assert titles(search(client, "sv", q="migration")) == ["Migrationspakten"]


def test_phrases_and_excluded_words(client):
    make_release(title_en="Green deal for cities")
    make_release(title_en="Deal on green hydrogen")
    assert titles(search(client, "en", q='"green deal"')) == ["Green deal for cities"]
    assert titles(search(client, "en", q="green -hydrogen")) == [
        "Green deal for cities"
    ]


def test_title_matches_rank_first(client):
    make_release(title_en="Budget news", body_en="<p>Ports and harbours.</p>")
    make_release(
        title_en="Harbours of Europe",
        body_en="<p>Other things.</p>",
        published_at=timezone.now() - timedelta(days=30),
    )
    assert titles(search(client, "en", q="harbours")) == [
        "Harbours of Europe",
        "Budget news",
    ]


def test_results_in_other_languages_are_offered(client):
    make_release(title_en="Zebra crossing", title_de="Zebrastreifen")
    make_release(title_en="Another zebra")
    response = search(client, "sv", q="zebra")
    assert response.context["total"] == 0
    offered = {(o.code, o.count) for o in response.context["other_languages"]}
    assert offered == {("en", 2), ("de", 1)}
    assert '<a href="/en/search/?q=zebra" lang="en" hreflang="en">English</a>' in (
        response.content.decode()
    )


def test_no_results_help(client):
    response = search(client, "en", q="nothingmatchesthis")
    assert response.status_code == 200
    assert "Try other or fewer words" in response.content.decode()


def test_an_empty_query_shows_help_and_runs_no_search(
    client, django_assert_num_queries
):
    make_release(title_en="Anything")
    with django_assert_num_queries(0):
        response = search(client, "en", q="  ")
    assert response.status_code == 200
    assert "Put words in quotation marks" in response.content.decode()


def test_a_query_too_long_is_refused_with_a_reason(client):
    response = search(client, "en", q="x" * 201)
    assert response.status_code == 400
    assert "Search for at most 200 characters (this has 201)." in (
        response.content.decode()
    )


def test_a_bad_year_is_refused_with_a_reason(client):
    response = search(client, "en", q="x", year="soon")
    assert response.status_code == 400
    assert "Enter a year such as 2020." in response.content.decode()


def test_pagination(client):
    for n in range(23):
        make_release(
            title_en="Harbour %02d" % n,
            published_at=timezone.now() - timedelta(hours=n + 1),
        )
    first = search(client, "en", q="harbour")
    second = search(client, "en", q="harbour", page=2)
    assert first.context["total"] == 23
    assert len(first.context["results"]) == 20
    assert titles(second) == ["Harbour 20", "Harbour 21", "Harbour 22"]
    assert 'href="?q=harbour&amp;page=2" rel="next"' in first.content.decode()
    assert search(client, "en", q="harbour", page=3).status_code == 404


def test_facets_count_and_combine(client):
    housing = make_topic(slug="housing", name_en="Housing")
    energy = make_topic(slug="energy", name_en="Energy")
    mayor = make_speaker(slug="mayor", name="Mayor Anna")
    urban = make_partnership(slug="urban", name_en="Urban agenda")
    this_year = datetime(2024, 6, 1, 12, tzinfo=UTC)
    last_year = datetime(2023, 6, 1, 12, tzinfo=UTC)
    make_release(
        title_en="Bridge one",
        topics=[housing],
        speakers=[mayor],
        published_at=this_year,
        partnership=urban,
    )
    make_release(
        title_en="Bridge two",
        topics=[housing, energy],
        published_at=this_year,
        kind=PressRelease.Kind.NEWS,
    )
    make_release(title_en="Bridge three", topics=[energy], published_at=last_year)
    make_release(title_en="Tunnel", topics=[housing, energy])

    def counts(response, param):
        return {
            str(value.label): value.count
            for _heading, values in response.context["facets"]
            for value in values
            if value.param == param
        }

    response = search(client, "en", q="bridge")
    assert counts(response, "topic") == {"Housing": 2, "Energy": 2}
    assert counts(response, "kind") == {"Press release": 2, "News": 1}
    assert counts(response, "year") == {"2024": 2, "2023": 1}
    assert counts(response, "speaker") == {"Mayor Anna": 1}
    assert counts(response, "partnership") == {"Urban agenda": 1}

    narrowed = search(client, "en", q="bridge", topic="housing")
    assert sorted(titles(narrowed)) == ["Bridge one", "Bridge two"]
    assert counts(narrowed, "topic") == {"Housing": 2, "Energy": 1}
    both = search(client, "en", q="bridge", topic="housing", kind="news")
    assert titles(both) == ["Bridge two"]
    assert titles(search(client, "en", q="bridge", speaker="mayor")) == ["Bridge one"]
    assert titles(search(client, "en", q="bridge", partnership="urban")) == [
        "Bridge one"
    ]
    html = narrowed.content.decode()
    assert '<a href="/en/search/?q=bridge">Remove: Housing</a>' in html
    assert 'href="/en/search/?q=bridge&amp;topic=energy">Energy</a> (1)' in html


def test_an_unknown_facet_value_finds_nothing(client):
    make_release(title_en="Bridge")
    response = search(client, "en", q="bridge", topic="no-such-theme")
    assert response.status_code == 200
    assert response.context["total"] == 0


def test_snippet_marks_matches_and_escapes_content_and_query(client):
    make_release(
        title_en="Escaping",
        lead_en='Lead <img src=x onerror="alert(1)"> about zeppelins & airships.',
    )
    html = search(client, "en", q="zeppelin").content.decode()
    assert "<mark>zeppelins</mark>" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "<img src=x" not in html
    assert "&amp; airships" in html
    echoed = search(
        client, "en", q='<script>alert("q")</script> zeppelin'
    ).content.decode()
    assert "<script>alert" not in echoed
    assert "&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt; zeppelin" in echoed


def test_snippet_is_a_window_around_the_first_match(client):
    before = " ".join("before%d" % n for n in range(100))
    after = " ".join("after%d" % n for n in range(100))
    make_release(title_en="Long", body_en="<p>%s needle %s</p>" % (before, after))
    document = search(client, "en", q="needle").context["results"][0]
    snippet = document.snippet
    text = "".join(segment.text for segment in snippet.segments)
    assert snippet.starts_inside and snippet.ends_inside
    assert text.startswith("before92 before93 ")
    assert "before91" not in text and "needle after0 after1" in text
    assert [s.text for s in snippet.segments if s.match] == ["needle"]


def test_header_has_a_labelled_search_box(client):
    html = client.get("/sv/").content.decode()
    assert (
        '<form class="search-box" method="get" action="/sv/search/" role="search">'
        in html
    )
    assert '<label for="site-search">' in html
    assert 'id="site-search" name="q"' in html


def test_filters_that_find_nothing_can_still_be_removed(client):
    make_release(title_en="Bridge", topics=[make_topic(slug="roads")])
    response = search(client, "en", q="bridge", topic="rail", kind="news")
    assert response.context["total"] == 0
    html = response.content.decode()
    assert '<a href="/en/search/?q=bridge&amp;kind=news">Remove: rail</a>' in html
    assert '<a href="/en/search/?q=bridge&amp;topic=rail">Remove: News</a>' in html


@pytest.mark.parametrize(
    "typed", ["harbour:* | !x & (y", "harbour' OR 1=1 --", "harbour <-> \\'"]
)
def test_query_operators_are_words_never_syntax(client, typed):
    make_release(title_en="Harbour x y 1 OR --")
    response = search(client, "en", q=typed)
    assert response.status_code == 200
