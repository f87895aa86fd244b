"""RSS 2.0 and Atom feeds of the published releases, per language and theme.

The language is the URL's prefix: titles and leads follow the site's
fallback rule (``obj.i18n``), so a release not yet translated still shows,
in its original language. Only ``PressRelease.objects.published()`` goes
in, so a scheduled release appears the moment it is due.
"""

import mimetypes

from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _

from core.localized import active_language
from releases.models import PressRelease, Topic

#: How many releases a feed carries, newest first.
FEED_ITEMS = 30


def public_topics():
    """Themes with at least one public release: a theme that only an embargoed
    release files under has no feed, as it has no place in the theme lists."""
    through = PressRelease.topics.through
    public = through.objects.filter(
        PressRelease.published_q("pressrelease__"), topic=OuterRef("pk")
    )
    return Topic.objects.filter(Exists(public))


class ReleaseFeed(Feed):
    """The latest public releases, in the language of the URL."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        # Enclosures need the site's address, and one Feed instance serves
        # every request: the request travels with the feed's object.
        return FeedScope(request, None)

    def title(self, scope):
        return _("Newsroom: latest releases")

    def link(self, scope):
        return reverse("releases:list")

    def feed_url(self, scope):
        return scope.request.path

    def description(self, scope):
        return _(
            "Press releases, news and statements in the official languages of "
            "the European Union."
        )

    subtitle = description

    @property
    def language(self):
        # Read as a plain attribute, not called with the object: the URL's.
        return active_language()

    def releases(self, scope):
        return PressRelease.objects.published()

    def items(self, scope):
        releases = list(self.releases(scope).prefetch_related("images")[:FEED_ITEMS])
        for release in releases:
            release.feed_enclosures = enclosures(release, scope.request)
        return releases

    def item_title(self, release):
        return str(release.i18n.title)

    def item_description(self, release):
        return str(release.i18n.lead)

    def item_pubdate(self, release):
        return release.published_at

    def item_updateddate(self, release):
        # A release scheduled ahead was last saved before it came out.
        return max(release.updated_at, release.published_at)

    def item_enclosures(self, release):
        return release.feed_enclosures


class AtomReleaseFeed(ReleaseFeed):
    feed_type = Atom1Feed


class TopicFeed(ReleaseFeed):
    """The latest public releases filed under one theme."""

    def get_object(self, request, slug):
        return FeedScope(request, get_object_or_404(public_topics(), slug=slug))

    def title(self, scope):
        return _("Newsroom: %(theme)s") % {"theme": scope.topic.i18n.name}

    def link(self, scope):
        return scope.topic.get_absolute_url()

    def description(self, scope):
        return str(scope.topic.i18n.description) or super().description(scope)

    subtitle = description

    def releases(self, scope):
        return super().releases(scope).for_topic(scope.topic)


class AtomTopicFeed(TopicFeed):
    feed_type = Atom1Feed


class FeedScope:
    __slots__ = ("request", "topic")

    def __init__(self, request, topic):
        self.request = request
        self.topic = topic


def enclosures(release, request):
    """The main image (the first one) as an enclosure, with its size and type."""
    images = release.images.all()
    if not images:
        return []
    image = images[0].image
    try:
        length = image.size
    except OSError:
        # A file missing from storage: no enclosure rather than a broken one.
        return []
    mime_type = mimetypes.guess_type(image.name)[0] or "application/octet-stream"
    return [Enclosure(request.build_absolute_uri(image.url), str(length), mime_type)]
