"""Throughput and latency of the public pages, in process.

Builds a throw-away SQLite database (or uses DATABASE_URL if set to a
scratch PostgreSQL database, which it will migrate and fill), fills it with
N releases across languages, topics and speakers, then requests each public
page repeatedly through Django's full stack (middleware, views, templates,
ORM) and prints requests per second, median and 95th-percentile latency and
the number of SQL queries per request.

    .venv/bin/python bench/public_pages.py [--releases 2000] [--requests 200]

It measures; it asserts nothing. Compare runs on the same machine.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the database DATABASE_URL names, filled by an earlier run",
    )
    parser.add_argument(
        "--only", default="", help="measure only the pages whose name has this"
    )
    args = parser.parse_args()
    if args.reuse and "DATABASE_URL" not in os.environ:
        parser.error("--reuse needs DATABASE_URL")

    scratch = tempfile.mkdtemp(prefix="newsroom-bench-")
    os.environ.setdefault("DATABASE_URL", "sqlite:///%s/bench.sqlite3" % scratch)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    # Plain HTTP in process, as behind a TLS-terminating proxy; production
    # settings would otherwise redirect every request to HTTPS.
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    # One client asks thousands of times: the API's rate limit would refuse
    # it within the first page.
    os.environ.setdefault("API_RATE_LIMIT", "0")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client

    from releases.models import PressRelease

    call_command("migrate", verbosity=0)
    if args.reuse:
        releases, topic, speaker = filled()
        args.releases = PressRelease.objects.count()
    else:
        releases, topic, speaker = fill(args.releases)

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    pages = {
        "home en": "/en/",
        "list en": "/en/releases/",
        "list sv page 3": "/sv/releases/?page=3",
        "list by topic": "/en/releases/?topic=%s" % topic.slug,
        "archive year": "/en/releases/%d/" % releases[0].published_at.year,
        "topic page": topic.get_absolute_url().replace("/en/", "/de/"),
        "speaker page": speaker.get_absolute_url(),
        "release en": releases[0].get_absolute_url(),
        "release sv (fallback)": releases[1].url_in("sv"),
        # Search: a word every release has (the worst case: every document
        # ranked and counted), a word one release in 500 has, and that word
        # narrowed by a theme, in Swedish.
        "search en (every)": "/en/search/?q=lorem",
        "search en (1 in 500)": "/en/search/?q=keyword007",
        "search sv + theme": "/sv/search/?q=keyword007&topic=%s" % topic.slug,
        "search sv (none)": "/sv/search/?q=nowhere",
        "api releases": "/api/v1/releases/",
        "api releases sv, q": "/api/v1/releases/?language=sv&q=pressmeddelande",
        "api releases by theme": "/api/v1/releases/?limit=100&theme=%s" % topic.slug,
        "api releases page 2": client.get("/api/v1/releases/").json()["next"],
        "api release": "/api/v1/releases/%s" % releases[0].slug,
        "api themes": "/api/v1/themes/",
        "api speakers": "/api/v1/speakers/",
        "api partnerships": "/api/v1/partnerships/",
    }
    print(
        "%d releases, %d requests a page, database %s"
        % (args.releases, args.requests, connection.vendor)
    )
    print("%-24s %9s %9s %9s %8s" % ("page", "req/s", "p50 ms", "p95 ms", "queries"))
    for name, url in pages.items():
        if args.only not in name:
            continue
        response = client.get(url)
        if response.status_code != 200:
            print("%-24s HTTP %d for %s" % (name, response.status_code, url))
            continue
        queries = QueryCounter()
        with connection.execute_wrapper(queries):
            client.get(url)
        timings = []
        for _ in range(args.requests):
            start = time.perf_counter()
            client.get(url)
            timings.append(time.perf_counter() - start)
            reset_queries()
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            "%-24s %9.0f %9.2f %9.2f %8d"
            % (
                name,
                len(timings) / sum(timings),
                statistics.median(timings) * 1000,
                p95 * 1000,
                len(queries),
            )
        )


class QueryCounter(list):
    """An execute wrapper that remembers each SQL statement it runs."""

    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


def filled():
    """The handles fill() returned, read back from a database it filled."""
    from releases.models import PressRelease, Speaker, Topic

    releases = list(
        PressRelease.objects.filter(
            reference__in=["BENCH/000000", "BENCH/000001"]
        ).order_by("reference")
    )
    return (
        releases,
        Topic.objects.get(slug="theme-0"),
        Speaker.objects.get(slug="speaker-0"),
    )


def fill(count):
    """Create ``count`` published releases in bulk; return a few handles."""
    import random
    from datetime import timedelta

    from django.utils import timezone

    from partnerships.models import Partnership
    from releases.models import PressRelease, PressReleaseSpeaker, Speaker, Topic

    rng = random.Random(42)
    topics = [
        Topic.objects.create(
            slug="theme-%d" % i, name_en="Theme %d" % i, name_sv="Tema %d" % i
        )
        for i in range(12)
    ]
    speakers = [
        Speaker.objects.create(
            name="Speaker %d" % i,
            slug="speaker-%d" % i,
            country="EL",
            political_group="EPP",
        )
        for i in range(20)
    ]
    partnership = Partnership.objects.create(slug="bench", name_en="Bench partnership")
    now = timezone.now()
    body = "<p>%s</p>" % ("Lorem ipsum dolor sit amet. " * 40)
    # A word shared by one release in 500, for searches that find few.
    keyword = "<p>keyword%03d</p>"
    releases = PressRelease.objects.bulk_create(
        PressRelease(
            reference="BENCH/%06d" % i,
            slug="bench-release-%d" % i,
            title_en="Bench release %d" % i,
            lead_en="Lead %d" % i,
            body_en=body + keyword % (i % 500),
            title_sv="Testpressmeddelande %d" % i if i % 3 else "",
            body_sv=body + keyword % (i % 500) if i % 3 else "",
            title_de="Pressemitteilung %d" % i if i % 5 == 0 else "",
            kind=rng.choice(PressRelease.Kind.values),
            status=PressRelease.Status.PUBLISHED,
            published_at=now - timedelta(hours=6 * i + 1),
            partnership=partnership if i % 7 == 0 else None,
        )
        for i in range(count)
    )
    Through = PressRelease.topics.through
    Through.objects.bulk_create(
        Through(pressrelease_id=r.pk, topic_id=t.pk)
        for r in releases
        for t in rng.sample(topics, 3)
    )
    PressReleaseSpeaker.objects.bulk_create(
        PressReleaseSpeaker(release=r, speaker=s, quote_en="A quote.")
        for r in releases
        for s in rng.sample(speakers, 2)
    )
    # releases[1] is English only, so its Swedish page shows the fallback.
    PressRelease.objects.filter(pk=releases[1].pk).update(title_sv="", body_sv="")
    # bulk_create sends no signals: build the search documents as a deploy
    # after a bulk import would (manage.py rebuild_search_index).
    from search.indexing import rebuild

    started = time.perf_counter()
    rebuild()
    print("search index: %.0f s" % (time.perf_counter() - started))
    from django.db import connection

    if connection.vendor == "postgresql":
        # Fresh tables have no statistics; production's autovacuum has them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return releases, topics[0], speakers[0]


if __name__ == "__main__":
    main()
