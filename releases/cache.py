"""What the public site caches, and how every change makes it stale.

Everything public is cached under a *generation*: an integer kept in
Django's cache (Redis in production, shared by every app process). Any
change to public content (a publish, an edit, a withdrawal, a translation
saved, an import, a theme renamed) bumps it, so every process stops reading
what was cached before and computes afresh; the old entries are never read
again and expire on their own.

A release scheduled for later changes the public site without any save: the
moment it falls due is kept with the generation, every cached entry's
lifetime stops there, and the first request after it bumps the generation.

Two kinds of entries live under a generation: site-wide facts that every
page would otherwise query (themes with their counts, the calendar of
publication days) and, when NEWSROOM_PAGE_CACHE_SECONDS is set, whole
anonymous pages (releases/page_cache.py).
"""

import logging
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone

logger = logging.getLogger(__name__)

GENERATION_KEY = "newsroom:generation"
#: Longest any fact is kept without a change: a safety net, not a rule.
FACT_SECONDS = 24 * 60 * 60


def _key(generation, name):
    return "newsroom:%d:%s" % (generation, name)


def bump():
    """Make everything cached so far stale, in this process and all others.

    If the cache cannot be reached, the save goes on (and is logged): what
    it holds expires within FACT_SECONDS or the page lifetime.
    """
    try:
        _bump()
    except Exception:
        logger.error("Could not invalidate the cache", exc_info=True)


def _bump():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        # Not there yet (or evicted): any new value differs from what an
        # evicted key may have held only if it is new, hence the clock.
        cache.set(GENERATION_KEY, time.time_ns() // 1000, timeout=None)


def content_changed(**_kwargs):
    """Signal receiver: public content changed (or may have).

    Bumped at once, for the rest of this request, and again when the
    transaction commits: another process may have refilled the cache from
    the database in between, before it could see the change.
    """
    bump()
    transaction.on_commit(bump)


#: Apps whose rows the public site shows: a change to any of them (a save, a
#: delete, a theme or related release added) makes the cache stale.
PUBLIC_APPS = {"releases", "partnerships", "taggit"}


def _on_change(sender, **kwargs):
    if sender._meta.app_label in PUBLIC_APPS:
        content_changed()


def watch_public_content():
    """Connect the receivers (ReleasesConfig.ready).

    Every path that changes public content goes through Model.save() or
    delete(): the admin, the workflow (publish, schedule, withdraw), the
    translation workspace and XLIFF imports, the legacy import, load_demo.
    A scheduled release falling due changes nothing in the database; see
    generation().
    """
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid="newsroom-cache-%s" % id(signal))


def _next_due_from_db(now):
    from releases.models import PressRelease

    due = PressRelease.objects.filter(
        status=PressRelease.Status.PUBLISHED, published_at__gt=now
    ).aggregate(due=Min("published_at"))["due"]
    return due.timestamp() if due else 0.0


def generation():
    """The current generation and the moment it ends (a timestamp, or 0).

    One cache read in the usual case; one query more per generation, to
    find the next scheduled release; and a bump when that release is due.
    """
    now = time.time()
    for _attempt in range(3):
        current = cache.get(GENERATION_KEY)
        if current is None:
            cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
            continue
        due_key = _key(current, "due")
        due = cache.get(due_key)
        if due is None:
            due = _next_due_from_db(timezone.now())
            cache.set(due_key, due, timeout=FACT_SECONDS)
        if due and due <= now:
            # A scheduled release has become public: everything before it is
            # stale. Several processes may bump at once; that is harmless.
            cache.delete(due_key)
            bump()
            continue
        return current, due
    return current, 0.0


def seconds_left(due, longest):
    """How long an entry may live: ``longest``, but never past ``due``."""
    if not due:
        return longest
    return max(0, min(longest, int(due - time.time())))


def next_due_in():
    """Seconds until the next scheduled release is public, or None."""
    try:
        _current, due = generation()
    except Exception:
        logger.warning("Cache unavailable", exc_info=True)
        due = _next_due_from_db(timezone.now())
    if not due:
        return None
    return max(0, int(due - time.time()))


def fact(name, compute):
    """``compute()``, cached for the current generation.

    When the cache cannot be reached (Redis down), the fact is computed
    afresh: slower pages, never wrong or failing ones.
    """
    try:
        current, due = generation()
        key = _key(current, name)
        value = cache.get(key)
    except Exception:
        logger.warning("Cache unavailable for %s", name, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        timeout = seconds_left(due, FACT_SECONDS)
        if timeout:
            try:
                cache.set(key, value, timeout=timeout)
            except Exception:
                logger.warning("Cache unavailable for %s", name, exc_info=True)
    return value


def _topic_directory():
    from releases.models import PressRelease, Topic

    through = PressRelease.topics.through
    # One narrow aggregate over the through table and the published
    # releases' index, instead of a subquery per theme.
    counts = dict(
        through.objects.filter(PressRelease.published_q("pressrelease__"))
        .order_by()
        .values_list("topic_id")
        .annotate(n=Count("*"))
    )
    topics = list(Topic.objects.defer(*Topic.description_columns()))
    for topic in topics:
        topic.release_count = counts.get(topic.pk, 0)
    return {topic.pk: topic for topic in topics}


def topic_directory():
    """Every theme by id, names in all languages, with ``release_count``.

    Themes are few and rarely change: the cards' theme links, the theme
    menu and the counts all read them from here.
    """
    return fact("topics", _topic_directory)


def _calendar():
    from releases.models import PressRelease

    return list(
        PressRelease.objects.published().dates("published_at", "day", order="ASC")
    )


def publication_days():
    """Every day (in the site's time zone) with a published release, oldest first."""
    return fact("days", _calendar)


def attach_themes(releases):
    """Give each release its ``theme_list`` from ``topic_ids``: no query.

    Returns the releases as a list, so a template iterates what was
    prepared rather than a fresh queryset.
    """
    releases = list(releases)
    directory = topic_directory()
    for release in releases:
        ids = release.__dict__.get("topic_ids")
        if ids is None:
            continue
        themes = [
            directory[int(pk)] for pk in ids.split(",") if pk and int(pk) in directory
        ]
        release._themes = sorted(themes, key=lambda topic: topic.slug)
    return releases


def themes_with_releases():
    """Themes with at least one published release."""
    return [t for t in topic_directory().values() if t.release_count > 0]
