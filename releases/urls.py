from django.urls import path, re_path

from releases import feeds, preview, views

app_name = "releases"

# Dated parts are zero-padded strings ("2020", "12", "05"), as
# PressRelease.get_absolute_url reverses them, in the institution's time zone.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("releases/", views.ReleaseListView.as_view(), name="list"),
    re_path(
        r"^releases/(?P<year>[0-9]{4})/$",
        views.ReleaseYearArchiveView.as_view(),
        name="archive-year",
    ),
    re_path(
        r"^releases/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        views.ReleaseMonthArchiveView.as_view(),
        name="archive-month",
    ),
    # Every release's address without its slug: the releases of that day.
    re_path(
        r"^releases/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$",
        views.ReleaseDayArchiveView.as_view(),
        name="archive-day",
    ),
    re_path(
        r"^releases/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/"
        r"(?P<slug>[-a-zA-Z0-9_]+)/$",
        views.ReleaseDetailView.as_view(),
        name="detail",
    ),
    # Feeds: the latest releases, and a theme's, in the prefix's language.
    path("feeds/releases.rss", feeds.ReleaseFeed(), name="feed-rss"),
    path("feeds/releases.atom", feeds.AtomReleaseFeed(), name="feed-atom"),
    path("topics/<slug:slug>/feed.rss", feeds.TopicFeed(), name="topic-feed-rss"),
    path("topics/<slug:slug>/feed.atom", feeds.AtomTopicFeed(), name="topic-feed-atom"),
    path("topics/", views.TopicListView.as_view(), name="topics"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic"),
    path("speakers/", views.SpeakerListView.as_view(), name="speakers"),
    path("speakers/<slug:slug>/", views.SpeakerDetailView.as_view(), name="speaker"),
    # Not public: staff only, and signed links for journalists (noindex).
    path("releases/preview/<int:pk>/", preview.preview, name="preview"),
    path(
        "releases/embargoed/<str:token>/",
        preview.embargo_preview,
        name="embargo-preview",
    ),
]
