"""The partnerships' sitemap: those with at least one public release."""

from partnerships.views import PartnershipListView
from releases.models import PressRelease
from releases.sitemaps import LocalizedSitemap, latest_public


class PartnershipSitemap(LocalizedSitemap):
    changefreq = "weekly"

    def items(self):
        latest = latest_public(
            PressRelease.objects.published(), "partnership", "published_at"
        )
        # The list page's count of public releases: an embargoed release
        # must not announce its partnership to search engines.
        return (
            PartnershipListView()
            .get_queryset()
            .filter(release_count__gt=0)
            .annotate(latest=latest)
            .order_by("slug")
        )

    def lastmod(self, partnership):
        return partnership.latest
