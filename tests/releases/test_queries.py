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

# The budget of each page, in queries.
BUDGET = {
    "home": 3,  # releases, their themes, themes with counts
    "list": 5,  # count, page, themes, years, the filter's theme menu
    "list-filtered": 6,  # and the theme filter's lookup
    "list-page-2": 5,
    "list-mine": 5,  # "only releases in my language" is a condition, not a query
    "archive-year": 7,  # months, count, page, themes, previous and next year
    "archive-month": 7,  # days, count, page, themes, previous and next month
    "archive-day": 8,  # any, count, page, themes, previous/next day and month
    "detail": 7,  # release, themes, tags, contacts, images, quotes, related
    "detail-fallback": 7,
    "topics": 1,  # themes with counts
    "topic": 4,  # theme, count, page, themes of each release
    "topic-mine": 4,
    "speakers": 1,  # speakers with counts and organisations
    "speaker": 5,  # speaker, count, page, themes, their quotes
    "partnerships": 2,  # partnerships with counts, partners
    "partnership": 7,  # partnership, partners, areas, successors, count, page, themes
}


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
        with django_assert_num_queries(BUDGET[page], info=page):
            response = client.get(address(site))
        assert response.status_code == 200, page

    # The large set really is on the pages: a full page of cards, and every
    # published related release on the release page.
    listed = client.get(PAGES["list-page-2"](site)).content.decode()
    assert listed.count('<article class="card">') == 2
    detail = client.get(PAGES["detail"](site)).content.decode()
    assert detail.count('<article class="card">') == 29
