"""The site's addresses plus two that fail, for the error page tests."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.urls import path

from newsroom.urls import urlpatterns as site_patterns


def refuse(request):
    raise PermissionDenied


def fail(request):
    raise RuntimeError("a bug, on purpose")


urlpatterns = [
    *site_patterns,
    *i18n_patterns(path("refused/", refuse), path("broken/", fail)),
]
