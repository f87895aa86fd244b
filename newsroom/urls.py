from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from api.views import api
from core import dates
from partnerships.sitemaps import PartnershipSitemap
from releases.sitemaps import ReleaseSitemap, SpeakerSitemap, TopicSitemap
from releases.views import robots_txt

# The admin's title bar and page titles name the product, in the editor's
# language, instead of "Django administration".
admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom admin")
admin.site.index_title = _("Press releases and translations")
# Every admin's date drill-down, ours and third parties' (axes), refuses a
# year at the calendar's edge instead of overflowing.
dates.bound_date_hierarchies(admin.site)

SITEMAPS = {
    "releases": ReleaseSitemap,
    "themes": TopicSitemap,
    "speakers": SpeakerSitemap,
    "partnerships": PartnershipSitemap,
}


def health(request):
    """Load balancers' and the benchmark's trivial page: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


# Paths without a language prefix: the admin keeps one address whatever the
# editor's language, and "/" is answered by LocaleMiddleware, which redirects
# to the visitor's preferred language. The sitemaps and robots.txt name
# every language's addresses themselves. The API is one address for every
# client: a language is a parameter of the request, not a prefix.
urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", robots_txt, name="robots"),
    path("api/v1/", api.urls),
]

# Public pages, under /<language>/.
urlpatterns += i18n_patterns(
    path("", include("releases.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("search/", include("search.urls")),
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
