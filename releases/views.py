"""The public site: releases by date, theme and speaker.

Every view starts from ``PressRelease.objects.published()`` (through
``ReleaseViewMixin``), so a draft or a release due in the future is a 404 and
shows in no list, archive or count.
"""

import datetime
from bisect import bisect_left

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _
from django.views.generic import (
    DateDetailView,
    DayArchiveView,
    ListView,
    MonthArchiveView,
    YearArchiveView,
)

from core import dates
from core.languages import LANGUAGE_CODES, translated_name
from core.localized import active_language
from releases.cache import (
    attach_themes,
    publication_days,
    themes_with_releases,
    topic_directory,
)
from releases.forms import kind_field, year_field
from releases.models import PressRelease, PressReleaseSpeaker, Speaker, Topic
from releases.structured_data import release_meta

#: How many releases the home page shows before "All releases".
HOME_LATEST = 10


def by_localized_name(objects, field="name"):
    """Sort in Python by the name the visitor reads: no per-language SQL."""
    return sorted(objects, key=lambda obj: str(getattr(obj.i18n, field)).casefold())


class LateRowPaginator(Paginator):
    """A page's ids from the index first, then only those rows.

    OFFSET over the narrow (status, published_at, id) index costs little
    even at page 400; over the wide rows themselves it did. The rows come
    back with their themes attached (``attach_themes``).
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list.values("pk")[bottom:top]
        rows = attach_themes(self.object_list.filter(pk__in=ids))
        return self._get_page(rows, number, self)


class ReleaseViewMixin:
    """Queryset, pagination and date field shared by the release views."""

    model = PressRelease
    paginator_class = LateRowPaginator
    date_field = "published_at"
    month_format = "%m"
    day_format = "%d"
    # published() alone decides what is public. The date views' own future
    # check compares with date.today(), the server clock's date rather than
    # the site's time zone, and would hide a release due a few hours ago on
    # "tomorrow's" date around midnight.
    allow_future = True

    def dispatch(self, request, *args, **kwargs):
        # The date views step a day, a month and a time zone away from the
        # address's date: at 9999-12-31 or in year 1 that leaves the calendar.
        # No release is published that far out (core.dates).
        if "year" in kwargs and int(kwargs["year"]) not in dates.SAFE_YEARS:
            raise Http404(_("There are no releases from that year."))
        return super().dispatch(request, *args, **kwargs)

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_PAGE_SIZE

    def get_queryset(self):
        return PressRelease.objects.published().public_cards()


class InMyLanguageMixin:
    """``?mine=1`` on a list: only the releases that exist in the page's language.

    A reader who cannot read the fallbacks can leave them out. The filter is
    one more condition on the same queries, never a query of its own.
    """

    def in_my_language(self):
        return self.request.GET.get("mine") == "1"

    def filter_language(self, queryset):
        if self.in_my_language():
            return queryset.in_language(active_language())
        return queryset

    def get_context_data(self, **kwargs):
        kwargs.setdefault("in_my_language", self.in_my_language())
        kwargs.setdefault("my_language", translated_name(active_language()))
        return super().get_context_data(**kwargs)


class HomeView(InMyLanguageMixin, ReleaseViewMixin, ListView):
    template_name = "releases/home.html"
    context_object_name = "releases"

    def get_paginate_by(self, queryset):
        return None

    def get_queryset(self):
        latest = self.filter_language(super().get_queryset())[:HOME_LATEST]
        return attach_themes(latest)

    def get_context_data(self, **kwargs):
        topics = by_localized_name(themes_with_releases())
        return super().get_context_data(topics=topics, **kwargs)


class ReleaseFilterForm(forms.Form):
    """The filters of the release list, all optional, all in the query string."""

    # The themes come from the cached directory (releases/cache.py), not a
    # query per request; clean_topic() gives back the Topic.
    topic = forms.ChoiceField(
        label=_("Theme"),
        required=False,
        error_messages={"invalid_choice": _("There is no theme “%(value)s”.")},
    )
    kind = kind_field(_("All kinds"))
    year = year_field()
    # The same ?mine=1 as the other lists' link (InMyLanguageMixin).
    mine = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only themes with a public release: the menu must not name one that
        # exists for an embargoed release only. From the cached directory,
        # whose counts are of public releases and which a scheduled release
        # falling due refreshes (releases/cache.py).
        self.themes = {
            topic.slug: topic
            for topic in topic_directory().values()
            if topic.release_count > 0
        }
        # The theme menu reads the names in the visitor's language.
        self.fields["topic"].choices = [
            ("", _("All themes")),
            *(
                (slug, str(self.themes[slug].i18n.name) or slug)
                for slug in sorted(self.themes)
            ),
        ]
        self.fields["mine"].label = gettext("Only releases in %(language)s") % {
            "language": translated_name(active_language())
        }

    def clean_topic(self):
        slug = self.cleaned_data["topic"]
        return self.themes[slug] if slug else None

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("topic"):
            queryset = queryset.for_topic(data["topic"])
        if data.get("kind"):
            queryset = queryset.of_kind(data["kind"])
        if data.get("year"):
            queryset = queryset.filter(published_at__year=data["year"])
        if data.get("mine"):
            queryset = queryset.in_language(active_language())
        return queryset


class ReleaseListView(ReleaseViewMixin, ListView):
    """All releases, newest first; a bad filter is a 400 that says what is wrong."""

    template_name = "releases/pressrelease_list.html"
    context_object_name = "releases"

    def get(self, request, *args, **kwargs):
        self.form = ReleaseFilterForm(request.GET)
        if not self.form.is_valid():
            self.object_list = self.get_queryset().none()
            context = self.get_context_data(form=self.form)
            return self.render_to_response(context, status=400)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.form.is_valid():
            queryset = self.form.filter(queryset)
        return queryset

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.form)
        kwargs["is_filtered"] = self.form.is_valid() and any(
            self.form.cleaned_data.values()
        )
        # From the cached calendar: no scan of the releases per request.
        years = sorted({day.year for day in publication_days()}, reverse=True)
        kwargs["years"] = [datetime.date(year, 1, 1) for year in years]
        return super().get_context_data(**kwargs)


def _local_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date()
    return value


class ReleaseArchiveMixin(ReleaseViewMixin):
    """The date archives, answered from the cached calendar of publications.

    Whether a period has releases, its months or days, and the previous
    and next period with releases all come from ``publication_days()``,
    where Django's views would query for each; only the count and the page
    of releases are queried.
    """

    def _days_between(self, since, until):
        days = publication_days()
        return days[bisect_left(days, since) : bisect_left(days, until)]

    def get_dated_queryset(self, **lookup):
        field = self.get_date_field()
        since = _local_date(lookup["%s__gte" % field])
        until = _local_date(lookup["%s__lt" % field])
        if not self._days_between(since, until):
            raise Http404(_("No releases on these dates."))
        return self.get_queryset().filter(**lookup)

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        date_type = date_type or self.get_date_list_period()
        start = self._period_start
        until = getattr(self, "_get_next_%s" % self.period)(start)
        seen = []
        for day in self._days_between(start, until):
            first = day.replace(day=1) if date_type == "month" else day
            if not seen or seen[-1] != first:
                seen.append(first)
        moments = [
            timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
            for day in seen
        ]
        return moments[::-1] if ordering == "DESC" else moments

    def _neighbour(self, date, period, is_previous):
        current = getattr(self, "_get_current_%s" % period)
        days = publication_days()
        if is_previous:
            index = bisect_left(days, current(date))
            return current(days[index - 1]) if index else None
        index = bisect_left(days, getattr(self, "_get_next_%s" % period)(date))
        return current(days[index]) if index < len(days) else None

    def get_previous_year(self, date):
        return self._neighbour(date, "year", True)

    def get_next_year(self, date):
        return self._neighbour(date, "year", False)

    def get_previous_month(self, date):
        return self._neighbour(date, "month", True)

    def get_next_month(self, date):
        return self._neighbour(date, "month", False)

    def get_previous_day(self, date):
        return self._neighbour(date, "day", True)

    def get_next_day(self, date):
        return self._neighbour(date, "day", False)


class ReleaseYearArchiveView(ReleaseArchiveMixin, YearArchiveView):
    make_object_list = True
    template_name = "releases/pressrelease_archive_year.html"
    context_object_name = "releases"
    period = "year"

    @property
    def _period_start(self):
        return datetime.date(int(self.get_year()), 1, 1)


class ReleaseMonthArchiveView(ReleaseArchiveMixin, MonthArchiveView):
    template_name = "releases/pressrelease_archive_month.html"
    context_object_name = "releases"
    period = "month"

    @property
    def _period_start(self):
        return datetime.date(int(self.get_year()), int(self.get_month()), 1)


class ReleaseDayArchiveView(ReleaseArchiveMixin, DayArchiveView):
    template_name = "releases/pressrelease_archive_day.html"
    context_object_name = "releases"


class ReleaseDetailView(ReleaseViewMixin, DateDetailView):
    template_name = "releases/pressrelease_detail.html"
    context_object_name = "release"

    def get_queryset(self):
        return (
            PressRelease.objects.published()
            .with_detail_data(public=True)
            .in_reading_language(
                fields=("lead", "body", "more_information"),
                every_language=("title",),
            )
            .with_topic_ids()
        )

    def get_object(self, queryset=None):
        return attach_themes([super().get_object(queryset)])[0]

    def get_context_data(self, **kwargs):
        # Canonical URL, share previews and JSON-LD: the public page only;
        # previews render their own context and say noindex instead.
        return super().get_context_data(
            meta=release_meta(self.request, self.object), **kwargs
        )


class TopicListView(ListView):
    template_name = "releases/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self):
        return by_localized_name(topic_directory().values())


class TopicDetailView(InMyLanguageMixin, ReleaseViewMixin, ListView):
    """A theme and its releases, paginated."""

    template_name = "releases/topic_detail.html"
    context_object_name = "releases"

    def get(self, request, *args, **kwargs):
        self.topic = get_object_or_404(Topic, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.filter_language(super().get_queryset().for_topic(self.topic))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            topic=self.topic, page_object=self.topic, **kwargs
        )


class SpeakerListView(ListView):
    """Speakers quoted in at least one published release."""

    template_name = "releases/speaker_list.html"
    context_object_name = "speakers"

    def get_queryset(self):
        return (
            Speaker.objects.select_related("organisation")
            .annotate(
                release_count=Count(
                    "quotes",
                    filter=PressRelease.published_q("quotes__release__"),
                    distinct=True,
                )
            )
            .filter(release_count__gt=0)
        )


class SpeakerDetailView(InMyLanguageMixin, ReleaseViewMixin, ListView):
    """A speaker and the releases quoting them, each with their quote."""

    template_name = "releases/speaker_detail.html"
    context_object_name = "releases"

    def get(self, request, *args, **kwargs):
        # A speaker quoted only in releases that are not public yet has no
        # public page: their name on the site could announce an embargoed
        # release. The same rule as the speakers' list, in the same query.
        self.speaker = get_object_or_404(
            Speaker.objects.public().select_related("organisation"),
            slug=kwargs["slug"],
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        quotes = PressReleaseSpeaker.objects.filter(speaker=self.speaker)
        return self.filter_language(
            super()
            .get_queryset()
            .quoting(self.speaker)
            .prefetch_related(
                Prefetch("quotes", queryset=quotes, to_attr="speaker_quotes")
            )
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(speaker=self.speaker, **kwargs)


def robots_txt(request):
    """robots.txt: the public site is open; the admin and previews are not.

    The preview addresses are reversed in every language, so that crawlers
    that do not read wildcards are kept out of them too; "Allow: /" comes
    last, for crawlers that apply the first rule that matches.
    """
    previews = []
    for code in LANGUAGE_CODES:
        with override(code):
            previews.append(reverse("releases:preview", kwargs={"pk": 0})[:-2])
            previews.append(
                reverse("releases:embargo-preview", kwargs={"token": "x"})[:-2]
            )
    return render(
        request,
        "robots.txt",
        {
            "admin": reverse("admin:index"),
            "previews": previews,
            "sitemap": request.build_absolute_uri(reverse("sitemap-index")),
        },
        content_type="text/plain; charset=utf-8",
    )
