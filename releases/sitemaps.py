"""The sitemaps of the public site, one per section, with hreflang alternates.

Each object lists only the languages it really exists in, as its page's
language switcher does: a release the languages it has a title in, a theme
(or partnership) the languages of its name, or all of them when it is named
in none; x-default is the page the switcher's x-default names.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.utils import translation

from core.languages import LANGUAGE_CODES
from releases.models import PressRelease, PressReleaseSpeaker, Topic
from releases.views import SpeakerListView


class LocalizedSitemap(Sitemap):
    """i18n sitemap whose alternates are only the object's own languages."""

    i18n = True
    alternates = True
    x_default = True
    languages = LANGUAGE_CODES

    def get_languages_for_item(self, item):
        return self.item_languages(item) or list(LANGUAGE_CODES)

    def item_languages(self, item):
        return item.available_languages("name")

    def default_language(self, item, languages):
        if settings.LANGUAGE_CODE in languages:
            return settings.LANGUAGE_CODE
        return languages[0]

    def _urls(self, page, protocol, domain):
        # Django names the unprefixed address x-default, and only for an
        # object in LANGUAGE_CODE; the pages name one of their own languages.
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            obj = url["item"][0]
            languages = self.get_languages_for_item(obj)
            with translation.override(self.default_language(obj, languages)):
                x_default = "%s://%s%s" % (protocol, domain, obj.get_absolute_url())
            url["alternates"] = [
                alternate
                for alternate in url["alternates"]
                if alternate["lang_code"] != "x-default"
            ] + [{"location": x_default, "lang_code": "x-default"}]
        return urls


class ReleaseSitemap(LocalizedSitemap):
    changefreq = "monthly"

    def items(self):
        return PressRelease.objects.published().order_by("-published_at", "-pk")

    def item_languages(self, release):
        return release.available_languages()

    def default_language(self, release, languages):
        if release.original_language in languages:
            return release.original_language
        return languages[0]

    def lastmod(self, release):
        return max(release.updated_at, release.published_at)


def latest_public(public, field, published_at):
    """The newest publication time among an object's public releases.

    ``public`` is already limited to public releases; ``field`` points from
    it to the object, ``published_at`` to the release's publication time.
    """
    return Subquery(
        public.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(latest=Max(published_at))
        .values("latest")
    )


class TopicSitemap(LocalizedSitemap):
    changefreq = "weekly"

    def items(self):
        public = PressRelease.topics.through.objects.filter(
            PressRelease.published_q("pressrelease__")
        )
        latest = latest_public(public, "topic", "pressrelease__published_at")
        # The rule of the theme lists: themes with a public release.
        return (
            Topic.objects.with_release_counts()
            .filter(release_count__gt=0)
            .annotate(latest=latest)
            .order_by("slug")
        )

    def lastmod(self, topic):
        return topic.latest


class SpeakerSitemap(LocalizedSitemap):
    """Speakers quoted in a public release; their pages exist in every language."""

    changefreq = "weekly"

    def items(self):
        quotes = PressReleaseSpeaker.objects.filter(
            PressRelease.published_q("release__")
        )
        return (
            SpeakerListView()
            .get_queryset()
            .annotate(latest=latest_public(quotes, "speaker", "release__published_at"))
            .order_by("slug")
        )

    def item_languages(self, speaker):
        return list(LANGUAGE_CODES)

    def lastmod(self, speaker):
        return speaker.latest
