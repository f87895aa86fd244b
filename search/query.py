"""Searching the stored documents: matching, ranking, facets and snippets.

A query is words, "quoted phrases" and -excluded words. Every word matches
as a prefix of a word of the text, after the language's stemming on
PostgreSQL: Swedish "partnerskap" finds "partnerskapet" (a form the Swedish
stemmer leaves whole), English "regions" finds "region". On SQLite a word
matches anywhere inside a word of the folded text.
"""

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, Value, When
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.languages import LANGUAGE_CODES
from partnerships.models import Partnership
from releases.models import PressRelease, PressReleaseSpeaker, Speaker, Topic
from search.models import SearchDocument
from search.text import config_for, fold, words

#: Words a snippet shows.
SNIPPET_WORDS = 32
#: Words of context before the first match.
SNIPPET_BEFORE = 8

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
_SPLIT = re.compile(r"(\w+)")


@dataclass
class ParsedQuery:
    """Phrases that must all occur, and phrases that must not (folded words)."""

    required: list = field(default_factory=list)
    excluded: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.required)

    @property
    def words(self):
        return [word for phrase in self.required for word in phrase]

    def tsquery(self):
        """The to_tsquery() text: words are \\w+ only, so quoting them is safe."""

        def phrase(words, prefix):
            suffix = ":*" if prefix else ""
            return " <-> ".join("'%s'%s" % (word, suffix) for word in words)

        parts = ["(%s)" % phrase(p, True) for p in self.required]
        parts += ["!(%s)" % phrase(p, False) for p in self.excluded]
        return " & ".join(parts)


def parse(text):
    parsed = ParsedQuery()
    for match in _TOKEN.finditer(text or ""):
        negative = bool(match.group(1) or match.group(3))
        phrase = words(match.group(2) if match.group(2) is not None else match.group(4))
        if phrase:
            (parsed.excluded if negative else parsed.required).append(phrase)
    return parsed


def _contains(phrase):
    text = " ".join(phrase)
    return (
        Q(title__contains=text) | Q(keywords__contains=text) | Q(content__contains=text)
    )


def on_postgresql():
    return connection.vendor == "postgresql"


def _match(parsed, language):
    """A Q for the documents of ``language`` that match the query."""
    if on_postgresql():
        query = SearchQuery(
            parsed.tsquery(), config=config_for(language), search_type="raw"
        )
        return Q(language=language, vector=query)
    condition = Q(language=language)
    for phrase in parsed.required:
        condition &= _contains(phrase)
    for phrase in parsed.excluded:
        condition &= ~_contains(phrase)
    return condition


@dataclass(frozen=True)
class Filters:
    """The facets chosen, by slug or value; None when not chosen."""

    topic: str = None
    kind: str = None
    year: int = None
    speaker: str = None
    partnership: str = None

    def apply(self, documents):
        if self.topic:
            documents = documents.filter(release__topics__slug=self.topic)
        if self.kind:
            documents = documents.filter(release__kind=self.kind)
        if self.year:
            documents = documents.filter(release__published_at__year=self.year)
        if self.speaker:
            documents = documents.filter(release__quotes__speaker__slug=self.speaker)
        if self.partnership:
            documents = documents.filter(release__partnership__slug=self.partnership)
        return documents


def public_documents():
    """Documents of public releases only: the published() rule, as everywhere.

    Its Q form, on the join the ranking sorts by (the publication time) too:
    one join to the releases instead of two.
    """
    return SearchDocument.objects.filter(PressRelease.published_q("release__"))


def matching(parsed, language, filters):
    """The matching documents in ``language``, not yet ranked."""
    return filters.apply(public_documents().filter(_match(parsed, language)))


def ranked(documents, parsed, language):
    """Best first; on SQLite, title matches first, then the newest."""
    if on_postgresql():
        query = SearchQuery(
            parsed.tsquery(), config=config_for(language), search_type="raw"
        )
        documents = documents.annotate(rank=SearchRank(F("vector"), query))
    else:
        in_title = reduce(
            lambda a, b: a & b,
            (Q(title__contains=" ".join(p)) for p in parsed.required),
        )
        documents = documents.annotate(
            rank=Case(
                When(in_title, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    # Only what the sort needs goes through it: the releases and the text
    # for snippets are fetched for the page's documents only, after it
    # (excerpts()); otherwise every match's text and release row (four
    # fields in 24 languages) would be sorted, on disk past a few thousand.
    return (
        documents.only("release", "language")
        .prefetch_related(
            Prefetch("release", queryset=PressRelease.objects.with_listing_data())
        )
        .order_by("-rank", "-release__published_at", "-release__pk")
    )


def excerpts(documents):
    """{document id: its text for snippets}, for a page of documents."""
    ids = [document.pk for document in documents]
    if not ids:
        return {}
    return dict(SearchDocument.objects.filter(pk__in=ids).values_list("pk", "excerpt"))


def other_languages(parsed, language, filters):
    """{language: count} of matches in the other languages, in one query."""
    condition = reduce(
        or_, (_match(parsed, code) for code in LANGUAGE_CODES if code != language)
    )
    documents = filters.apply(public_documents().filter(condition))
    counts = documents.order_by().values("language").annotate(n=Count("pk"))
    found = {row["language"]: row["n"] for row in counts}
    return [(code, found[code]) for code in LANGUAGE_CODES if code in found]


#: Facet headings, in the order the page shows them.
FACET_NAMES = {
    "topic": _("Theme"),
    "kind": _("Kind"),
    "year": _("Year"),
    "speaker": _("Speaker"),
    "partnership": _("Partnership"),
}


@dataclass
class FacetValue:
    param: str
    value: str
    label: object
    count: int
    selected: bool


def chosen(filters):
    """The filters set, as facet values labelled by what was asked for."""
    kinds = dict(PressRelease.Kind.choices)
    return [
        FacetValue(param, value, kinds.get(value, value), 0, True)
        for param in FACET_NAMES
        if (value := getattr(filters, param))
    ]


def facet_counts(documents):
    """({facet: {value: count}}, total) of the releases of ``documents``.

    Only releases among the results are counted, so a theme, speaker or
    partnership that only unpublished releases have never shows. On
    PostgreSQL one query matches once and counts everything (the total
    too); elsewhere five queries, and the total is left to the paginator.
    """
    if on_postgresql():
        return _counts_in_one_query(documents)
    releases = documents.order_by().values("release_id")
    public = PressRelease.objects.filter(pk__in=releases).order_by()
    through = PressRelease.topics.through.objects.filter(pressrelease__in=releases)
    quotes = PressReleaseSpeaker.objects.filter(release__in=releases)
    by_year = public.annotate(year=ExtractYear("published_at")).values_list("year")
    counts = {
        "topic": through.values_list("topic"),
        "kind": public.values_list("kind"),
        "year": by_year,
        "speaker": quotes.values_list("speaker"),
        "partnership": public.exclude(partnership=None).values_list("partnership"),
    }
    return {
        name: dict(rows.annotate(n=Count("pk")).order_by())
        for name, rows in counts.items()
    }, None


def _counts_in_one_query(documents):
    """The facets' counts and the total, matching the query only once.

    Five aggregates over one materialised list of matching releases instead
    of five queries each matching again: at 100,000 releases a word that
    most releases have costs one match, not six.
    """
    matched, params = documents.order_by().values("release_id").query.sql_with_params()
    quote = connection.ops.quote_name
    releases = quote(PressRelease._meta.db_table)
    topics = PressRelease.topics.through._meta
    quotes = PressReleaseSpeaker._meta

    def column(model, name):
        return quote(model._meta.get_field(name).column)

    topic = quote(topics.get_field("topic").column)
    topic_release = quote(topics.get_field("pressrelease").column)
    speaker = quote(quotes.get_field("speaker").column)
    quote_release = quote(quotes.get_field("release").column)
    kind = column(PressRelease, "kind")
    published_at = column(PressRelease, "published_at")
    partnership = column(PressRelease, "partnership")
    sql = f"""
        WITH m AS MATERIALIZED ({matched})
        SELECT 'total', '', COUNT(*) FROM m
        UNION ALL
        SELECT 'topic', t.{topic}::text, COUNT(*) FROM {quote(topics.db_table)} t
            JOIN m ON m.release_id = t.{topic_release} GROUP BY t.{topic}
        UNION ALL
        SELECT 'kind', r.{kind}, COUNT(*) FROM {releases} r
            JOIN m ON m.release_id = r.id GROUP BY r.{kind}
        UNION ALL
        SELECT 'year', EXTRACT(YEAR FROM r.{published_at} AT TIME ZONE %s)::int::text,
            COUNT(*) FROM {releases} r JOIN m ON m.release_id = r.id GROUP BY 2
        UNION ALL
        SELECT 'speaker', q.{speaker}::text, COUNT(*) FROM {quote(quotes.db_table)} q
            JOIN m ON m.release_id = q.{quote_release} GROUP BY q.{speaker}
        UNION ALL
        SELECT 'partnership', r.{partnership}::text, COUNT(*) FROM {releases} r
            JOIN m ON m.release_id = r.id WHERE r.{partnership} IS NOT NULL
            GROUP BY r.{partnership}
    """
    # Only names from the models' metadata are formatted in; every value
    # (the query's own, the time zone) is a parameter.
    counts = {name: {} for name in FACET_NAMES}
    total = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, timezone.get_current_timezone_name()))
        for name, value, count in cursor.fetchall():
            if name == "total":
                total = count
            elif name == "kind":
                counts[name][value] = count
            else:
                counts[name][int(value)] = count
    return counts, total


def facets(counts, filters):
    """The facets' values, labelled and sorted, from facet_counts().

    Three more queries at most, for the names of the themes, speakers and
    partnerships counted (none for a facet without values).
    """
    kinds = dict(PressRelease.Kind.choices)
    topics = Topic.objects.in_bulk(counts["topic"])
    speakers = Speaker.objects.in_bulk(counts["speaker"])
    partnerships = Partnership.objects.in_bulk(counts["partnership"])
    labelled = {
        "topic": [
            (t.slug, t.i18n.name, counts["topic"][pk]) for pk, t in topics.items()
        ],
        "kind": [(k, kinds.get(k, k), n) for k, n in counts["kind"].items()],
        # A year reads as written, never as a grouped number.
        "year": [(y, str(y), n) for y, n in counts["year"].items()],
        "speaker": [
            (s.slug, s.display_name, counts["speaker"][pk])
            for pk, s in speakers.items()
        ],
        "partnership": [
            (p.slug, p.i18n.name, counts["partnership"][pk])
            for pk, p in partnerships.items()
        ],
    }
    result = {}
    for param, values in labelled.items():
        chosen = getattr(filters, param)
        facet = [
            FacetValue(param, value, label, count, chosen == value)
            for value, label, count in values
        ]
        if param == "year":
            facet.sort(key=lambda v: -v.value)
        else:
            facet.sort(key=lambda v: (-v.count, str(v.label).casefold()))
        result[param] = facet
    return result


def highlight_terms(parsed, language):
    """What a word must start with (PostgreSQL) or contain (SQLite) to be marked.

    On PostgreSQL, the query's words and their stems in the language's
    configuration, which is what the tsquery matches as prefixes.
    """
    terms = set(parsed.words)
    if on_postgresql() and terms:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tsvector_to_array(to_tsvector(%s::regconfig, %s))",
                [config_for(language), " ".join(sorted(terms))],
            )
            terms.update(cursor.fetchone()[0] or ())
    return terms


@dataclass(frozen=True)
class Segment:
    """A piece of a snippet; the template escapes it and marks it if ``match``."""

    text: str
    match: bool


@dataclass
class Snippet:
    segments: list
    starts_inside: bool
    ends_inside: bool

    def __bool__(self):
        return bool(self.segments)


def snippet(text, terms, prefix_match):
    """About SNIPPET_WORDS words of ``text`` around its first match.

    Plain text in, plain pieces out: nothing here is HTML, so the template's
    escaping is all the protection needed, whatever the text or the query.
    """
    if prefix_match:

        def is_match(word):
            return any(word.startswith(term) for term in terms)
    else:

        def is_match(word):
            return any(term in word for term in terms)

    pieces = _SPLIT.split(text or "")
    # Odd indexes are words; even ones what lies between them.
    word_indexes = range(1, len(pieces), 2)
    marks = {i: is_match(fold(pieces[i])) for i in word_indexes}
    first = next((i for i in word_indexes if marks[i]), 1)
    start = max(1, first - 2 * SNIPPET_BEFORE)
    end = start + 2 * SNIPPET_WORDS - 1
    if end >= len(pieces) - 1:
        # The text's end is in the window: keep its closing punctuation.
        end = len(pieces)
    segments = []
    for i in range(start, end):
        piece, match = pieces[i], marks.get(i, False)
        if segments and segments[-1].match == match:
            segments[-1] = Segment(segments[-1].text + piece, match)
        elif piece:
            segments.append(Segment(piece, match))
    return Snippet(segments, start > 1, end < len(pieces))
