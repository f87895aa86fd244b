"""Each public page runs a fixed number of SQL queries, however much there is.

A page is requested once to warm process-wide caches (content types for
tags), then measured with a little content and again with ten times as much:
more releases, each with more themes, speakers, tags, contacts, related
releases and translations, alongside drafts and future releases. The numbers
are the page's budget; a change that makes a page query per row fails here.
The page size is small so that the lists have several pages in both sets.
"""

import itertools
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from releases.models import PressRelease
from tests.factories import (
    make_area,
    make_contact,
    make_draft,
    make_future,
    make_organisation,
    make_partnership,
    make_release,
    make_speaker,
    make_topic,
)
from tests.images import make_release_image

pytestmark = pytest.mark.django_db

# Everything is filed in December 2020 so that the archives grow too.
START = datetime(2020, 12, 28, 12, tzinfo=ZoneInfo("Europe/Brussels"))
LANGUAGES = ("en", "sv", "de", "fr", "el", "bg", "pl", "ga")
_serial = itertools.count()


def _translations(field, text, languages):
    return {"%s_%s" % (field, code): "%s (%s)" % (text, code) for code in languages}


class Newsroom:
    """The anchor objects every page is about, and a way to add more."""

    def __init__(self):
        self.topic = make_topic(slug="anchor-topic")
        self.speaker = make_speaker(slug="anchor-speaker")
        self.partnership = make_partnership(
            slug="anchor-partnership", builds_on=make_partnership()
        )
        self.release = make_release(
            slug="anchor-release",
            published_at=START,
            topics=[self.topic],
            speakers=[self.speaker],
            partnership=self.partnership,
        )
        self.releases = [self.release]
        # Neighbours for the archives' previous links: a month and a year back.
        make_release(published_at=START - timedelta(days=40), topics=[self.topic])
        make_release(published_at=START - timedelta(days=400), topics=[self.topic])

    def grow(self, count):
        """Add ``count`` releases, with new themes, speakers and partners."""
        self.partnership.partners.add(make_organisation(), make_organisation())
        make_release_image(self.release)
        make_area(self.partnership)
        for _ in range(count):
            n = next(_serial)
            languages = LANGUAGES[: 2 + n % len(LANGUAGES)]
            topics = [self.topic, make_topic(), make_topic()]
            speakers = [self.speaker, make_speaker(), make_speaker()]
            release = make_release(
                published_at=START - timedelta(hours=n + 1),
                kind=PressRelease.Kind.values[n % 3],
                topics=topics,
                speakers=speakers,
                tags=["tag-%d" % n, "shared", "theme-%d" % (n % 4)],
                partnership=self.partnership,
                **_translations("title", "Release %d" % n, languages),
                **_translations("lead", "Lead %d" % n, languages),
                **_translations("body", "<p>Body %d</p>" % n, languages),
            )
            make_contact(release, name="Officer %d" % n)
            make_contact(release, name="Deputy %d" % n, phone="+32 2 282 22 11")
            self.release.related.add(release)
            self.releases.append(release)
            hidden = {"topics": topics, "speakers": speakers}
            self.release.related.add(
                make_draft(published_at=START, **hidden),
                make_future(partnership=self.partnership, **hidden),
            )


PAGES = {
    "home": lambda site: "/en/",
    "list": lambda site: "/sv/releases/",
    "list-filtered": lambda site: "/en/releases/?topic=anchor-topic&year=2020&kind=",
    "list-page-2": lambda site: "/en/releases/?page=2",
    "list-mine": lambda site: "/sv/releases/?mine=1",
    "archive-year": lambda site: "/de/releases/2020/",
    "archive-month": lambda site: "/en/releases/2020/12/",
    "archive-day": lambda site: "/sv/releases/2020/12/28/",
    "detail": lambda site: site.release.url_in("sv"),
    "detail-fallback": lambda site: site.release.url_in("fi"),
    "topics": lambda site: "/en/topics/",
    "topic": lambda site: "/en/topics/anchor-topic/",
    "topic-mine": lambda site: "/de/topics/anchor-topic/?mine=1",
    "speakers": lambda site: "/en/speakers/",
    "speaker": lambda site: "/en/speakers/anchor-speaker/",
    "partnerships": lambda site: "/en/partnerships/",
    "partnership": lambda site: "/sv/partnerships/anchor-partnership/",
}

# The budget of each page, in queries, once the site-wide facts are cached
# (releases/cache.py: themes with their counts, the calendar of publication
# days, the next scheduled release), as they are after the first request
# following any change.
BUDGET = {
    "home": 1,  # the latest releases, their theme ids included
    "list": 2,  # count, page (ids from the index, then those rows)
    "list-filtered": 2,  # the theme filter reads the cached themes
    "list-page-2": 2,
    "archive-year": 2,  # count, page: months and neighbours from the calendar
    "archive-month": 2,
    "archive-day": 2,
    "detail": 6,  # release and theme ids, tags, contacts, images, quotes, related
    "detail-fallback": 6,
    "topics": 0,  # the cached themes and counts
    "topic": 3,  # theme, count, page
    "list-mine": 2,  # "only releases in my language" is a condition, not a query
    "topic-mine": 3,
    "speakers": 1,  # speakers with counts and organisations
    "speaker": 4,  # speaker, count, page, their quotes
    "partnerships": 2,  # partnerships with counts, partners
    "partnership": 6,  # partnership, partners, areas, successors, count, page
}

#: What refilling the facts costs, once per change: the next scheduled
#: release, the themes and their counts (two), the publication days.
REFILL = 4


CARD_PAGES = {
    "home",
    "list",
    "list-filtered",
    "list-page-2",
    "archive-year",
    "archive-month",
    "archive-day",
    "topic",
    "speaker",
}


def test_the_budgets_keep_the_issue_s_ceiling():
    """At most 4 queries a list page, 6 a release page (issue 8)."""
    assert all(BUDGET[page] <= 4 for page in CARD_PAGES)
    assert BUDGET["detail"] <= 6 and BUDGET["detail-fallback"] <= 6


def assert_bounded_reads(client, address, page):
    """A list of cards reads no body, in any language: only what a card shows."""
    if page not in CARD_PAGES:
        return
    with CaptureQueriesContext(connection) as queries:
        client.get(address)
    for query in queries.captured_queries:
        assert '"body_' not in query["sql"], (page, query["sql"][:200])
        assert '"more_information_' not in query["sql"], page


def test_every_public_page_runs_the_same_queries_with_ten_times_the_content(
    client, settings, django_assert_num_queries
):
    # One data set for every page: building it is what takes the time.
    settings.NEWSROOM_PAGE_SIZE = 2
    site = Newsroom()
    site.grow(2)
    for page, address in PAGES.items():
        client.get(address(site))  # warm process-wide caches
        with django_assert_num_queries(BUDGET[page], info=page):
            assert client.get(address(site)).status_code == 200

    site.grow(27)
    for page, address in PAGES.items():
        # The change made the cached facts stale: the first request refills
        # them, at a fixed cost, whatever the size of the archive.
        with CaptureQueriesContext(connection) as refill:
            client.get(address(site))
        assert len(refill) <= BUDGET[page] + REFILL, page
        with django_assert_num_queries(BUDGET[page], info=page):
            response = client.get(address(site))
        assert response.status_code == 200, page
        assert_bounded_reads(client, address(site), page)

    # The large set really is on the pages: a full page of cards, and every
    # published related release on the release page.
    listed = client.get(PAGES["list-page-2"](site)).content.decode()
    assert listed.count('<article class="card">') == 2
    detail = client.get(PAGES["detail"](site)).content.decode()
    assert detail.count('<article class="card">') == 29


def test_a_list_page_runs_the_same_queries_whatever_the_page_size(
    client, settings, django_assert_num_queries
):
    site = Newsroom()
    site.grow(6)
    for size in (2, 5):
        settings.NEWSROOM_PAGE_SIZE = size
        for page in ("list", "list-page-2", "archive-month", "topic"):
            client.get(PAGES[page](site))
            with django_assert_num_queries(
                BUDGET[page], info="%s at %d" % (page, size)
            ):
                response = client.get(PAGES[page](site))
            cards = response.content.decode().count('<article class="card">')
            assert 0 < cards <= size, page
        first = client.get(PAGES["list"](site)).content.decode()
        assert first.count('<article class="card">') == size
