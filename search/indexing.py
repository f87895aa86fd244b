"""Building the stored search documents of releases.

``index_releases(ids)`` rewrites the documents of those releases from what
is in the database now, in a fixed number of queries whatever their number:
one document per language in which a release has a title, holding its
title, lead, body, quotes, themes and speakers' names in that language.
"""

from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import F, Prefetch, Q

from core.languages import LANGUAGE_CODES
from releases.models import PressRelease, PressReleaseSpeaker
from search.models import SearchDocument
from search.text import config_for, normalise, plain_text

#: Releases indexed per round trip by rebuild().
BATCH_SIZE = 500


def documents_for(release):
    """The unsaved documents of one release, one per language with a title.

    The release must come with its topics and quotes (with their speakers)
    prefetched.
    """
    topics = list(release.topics.all())
    quotes = list(release.quotes.all())
    speakers = " ".join(quote.speaker.name for quote in quotes)
    for code in release.available_languages("title"):
        title = release.localized("title", code).text
        lead = release.localized("lead", code)
        body = release.localized("body", code)
        # A part not translated yet is searched in the text the visitor
        # reads instead (its fallback), as the page shows it.
        lead, body = lead.text, plain_text(body.text)
        quote_texts = [quote.localized("quote", code).text for quote in quotes]
        themes = " ".join(topic.localized("name", code).text for topic in topics)
        yield SearchDocument(
            release=release,
            language=code,
            config=config_for(code),
            title=normalise(title),
            keywords=normalise(" ".join((lead, themes, speakers))),
            content=normalise(" ".join((body, *quote_texts))),
            excerpt=" ".join(part for part in (lead, body, *quote_texts) if part),
        )


def index_releases(ids):
    """Rewrite the documents of the releases ``ids``, a batch at a time."""
    ids = sorted(set(ids))
    for start in range(0, len(ids), BATCH_SIZE):
        _index_batch(ids[start : start + BATCH_SIZE])


def _index_batch(ids):
    releases = PressRelease.objects.filter(pk__in=ids).prefetch_related(
        "topics",
        Prefetch(
            "quotes", queryset=PressReleaseSpeaker.objects.select_related("speaker")
        ),
    )
    documents = [doc for release in releases for doc in documents_for(release)]
    present = {(doc.release_id, doc.language) for doc in documents}
    stale = [
        Q(language=code, release_id__in=lacking)
        for code in LANGUAGE_CODES
        if (lacking := [pk for pk in ids if (pk, code) not in present])
    ]
    with transaction.atomic():
        if stale:
            SearchDocument.objects.filter(reduce(or_, stale)).delete()
        SearchDocument.objects.bulk_create(
            documents,
            update_conflicts=True,
            unique_fields=["release", "language"],
            update_fields=["config", "title", "keywords", "content", "excerpt"],
        )
        if connection.vendor == "postgresql":
            SearchDocument.objects.filter(release_id__in=ids).update(
                vector=weighted_vector()
            )


def weighted_vector():
    """The document's tsvector, in its own language's configuration."""

    def part(column, weight):
        return SearchVector(column, config=F("config"), weight=weight)

    return part("title", "A") + part("keywords", "B") + part("content", "C")


def rebuild(*, batch_size=BATCH_SIZE, progress=None):
    """Rebuild every release's documents; return how many releases were indexed."""
    ids = list(PressRelease.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        _index_batch(ids[start : start + batch_size])
        if progress:
            progress(min(start + batch_size, len(ids)), len(ids))
    return len(ids)
