"""Small factory helpers: ``make_release(**overrides)`` and friends.

Each returns a saved object with sensible defaults; pass translated fields by
their language column (``title_sv="..."``) where a test is about languages.
"""

import itertools
from datetime import timedelta

from django.utils import timezone

from partnerships.models import AreaOfWork, Organisation, Partnership
from releases.models import (
    PressContact,
    PressRelease,
    PressReleaseSpeaker,
    Speaker,
    Topic,
)

_counter = itertools.count(1)


def _n():
    return next(_counter)


def make_topic(**overrides):
    n = _n()
    values = {"name_en": "Topic %d" % n, "slug": "topic-%d" % n}
    values.update(overrides)
    return Topic.objects.create(**values)


def make_organisation(**overrides):
    n = _n()
    values = {"name_en": "Organisation %d" % n, "slug": "organisation-%d" % n}
    values.update(overrides)
    return Organisation.objects.create(**values)


def make_speaker(**overrides):
    n = _n()
    values = {
        "name": "Speaker Number%d" % n,
        "slug": "speaker-%d" % n,
        "role_en": "Member",
    }
    values.update(overrides)
    return Speaker.objects.create(**values)


def make_partnership(**overrides):
    n = _n()
    values = {"name_en": "Partnership %d" % n, "slug": "partnership-%d" % n}
    values.update(overrides)
    return Partnership.objects.create(**values)


def make_area(partnership, **overrides):
    values = {"title_en": "Area %d" % _n()}
    values.update(overrides)
    return AreaOfWork.objects.create(partnership=partnership, **values)


def make_release(*, topics=(), speakers=(), tags=(), **overrides):
    """A published release from an hour ago, in English, unless overridden."""
    n = _n()
    values = {
        "reference": "TEST/%05d" % n,
        "title_en": "Release number %d" % n,
        "lead_en": "Lead of release %d." % n,
        "body_en": "<p>Body of release %d.</p>" % n,
        "status": PressRelease.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=1),
    }
    values.update(overrides)
    release = PressRelease.objects.create(**values)
    if topics:
        release.topics.set(topics)
    for position, speaker in enumerate(speakers):
        PressReleaseSpeaker.objects.create(
            release=release, speaker=speaker, position=position
        )
    if tags:
        release.tags.add(*tags)
    return release


def make_draft(**overrides):
    overrides.setdefault("status", PressRelease.Status.DRAFT)
    return make_release(**overrides)


def make_future(**overrides):
    overrides.setdefault("published_at", timezone.now() + timedelta(days=2))
    return make_release(**overrides)


def make_contact(release, **overrides):
    values = {
        "name": "Press Officer",
        "email": "press@example.eu",
        "role_en": "Spokesperson",
    }
    values.update(overrides)
    return PressContact.objects.create(release=release, **values)
