"""Fill a scratch database with N published releases, fast (bulk inserts).

Each release: a ~600-word body, a title and lead in its original language
and two more (the 24 languages in turn), 3 themes, 2 quoted speakers, 2
tags. Bulk inserts skip save(): the rich text is plain paragraphs already.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        .venv/bin/python bench/generate.py --releases 10000
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = [
    "region",
    "city",
    "cohesion",
    "budget",
    "committee",
    "member",
    "transport",
    "energy",
    "climate",
    "health",
    "youth",
    "culture",
    "border",
    "water",
    "farming",
    "research",
    "digital",
    "housing",
    "mobility",
    "skills",
    "solidarity",
    "council",
    "europe",
    "local",
    "citizens",
    "future",
]


def text(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=10000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone
    from taggit.models import Tag, TaggedItem

    from core.languages import LANGUAGE_CODES
    from releases.models import PressRelease, PressReleaseSpeaker, Speaker, Topic

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    rng = random.Random(8)
    now = timezone.now()
    with transaction.atomic():
        topics = Topic.objects.bulk_create(
            Topic(
                slug="theme-%d" % n,
                **{"name_%s" % c: "Theme %d %s" % (n, c) for c in LANGUAGE_CODES},
            )
            for n in range(20)
        )
        speakers = Speaker.objects.bulk_create(
            Speaker(name="Speaker %d" % n, slug="speaker-%d" % n, role_en="Member")
            for n in range(200)
        )
        tags = Tag.objects.bulk_create(
            Tag(name="tag %d" % n, slug="tag-%d" % n) for n in range(100)
        )
        Through = PressRelease.topics.through
        from django.contrib.contenttypes.models import ContentType

        release_type = ContentType.objects.get_for_model(PressRelease)
        batch = 500
        for start in range(0, args.releases, batch):
            releases = []
            for n in range(start, min(start + batch, args.releases)):
                original = LANGUAGE_CODES[n % len(LANGUAGE_CODES)]
                languages = {original, "en", LANGUAGE_CODES[(n * 7 + 3) % 24]}
                values = {}
                for code in languages:
                    values["title_%s" % code] = "Release %d: %s" % (n, text(rng, 8))
                    values["lead_%s" % code] = text(rng, 40)
                    values["body_%s" % code] = "".join(
                        "<p>%s</p>" % text(rng, 100) for _ in range(6)
                    )
                releases.append(
                    PressRelease(
                        reference="BENCH/%06d" % n,
                        slug="release-%d" % n,
                        original_language=original,
                        status=PressRelease.Status.PUBLISHED,
                        published_at=now - timedelta(hours=3 * n + 1),
                        **values,
                    )
                )
            releases = PressRelease.objects.bulk_create(releases)
            Through.objects.bulk_create(
                Through(pressrelease_id=r.pk, topic_id=t.pk)
                for r in releases
                for t in rng.sample(topics, 3)
            )
            PressReleaseSpeaker.objects.bulk_create(
                PressReleaseSpeaker(
                    release=r, speaker=s, quote_en=text(rng, 30), position=i
                )
                for r in releases
                for i, s in enumerate(rng.sample(speakers, 2))
            )
            TaggedItem.objects.bulk_create(
                TaggedItem(content_type=release_type, object_id=r.pk, tag=t)
                for r in releases
                for t in rng.sample(tags, 2)
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(
        "%d releases in %.0f s (%s)"
        % (args.releases, time.monotonic() - started, connection.vendor)
    )


if __name__ == "__main__":
    main()
