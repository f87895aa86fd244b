from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

# The admin's title bar and page titles name the product, in the editor's
# language, instead of "Django administration".
admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom admin")
admin.site.index_title = _("Press releases and translations")

# Paths without a language prefix: the admin keeps one address whatever the
# editor's language, and "/" is answered by LocaleMiddleware, which redirects
# to the visitor's preferred language.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Public pages, under /<language>/.
urlpatterns += i18n_patterns(
    path("", include("releases.urls")),
    path("partnerships/", include("partnerships.urls")),
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
