"""Dates and times as a person reads them, and the dates people may enter.

Local display: ``local_datetime``, in the site's zone and language.

Bounds: Python's calendar ends at 31 December 9999 and starts at 1 January
of year 1: a date typed at either edge passes a form field and then fails,
as a server error, when it is moved by a day, a month, a time zone (every
database write converts to UTC) or a link's validity. So every date a person
enters is held to a range that makes sense for it (``check_range``), dates
in addresses are kept away from the edges (``SAFE_YEARS``), and no code adds
a duration to a date someone entered without such a bound.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _


def local_datetime(moment):
    """``moment`` in TIME_ZONE, in the active language's DATETIME_FORMAT.

    Naive values (from a revision's serialised data, say) are taken as
    already local.
    """
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return formats.date_format(moment, "DATETIME_FORMAT")


#: The earliest publication or launch date: nothing older is this newsroom's.
EARLIEST = datetime.date(1950, 1, 1)
#: How far ahead a publication or launch date may be set.
YEARS_AHEAD = 10
#: How far ahead a release may be scheduled.
SCHEDULING_AHEAD = datetime.timedelta(days=2 * 365)
#: The years a date in an address (an archive, a list filter) may have: a
#: day, a month, a year and a time zone away from either end of the calendar.
SAFE_YEARS = range(2, 9999)


def years_later(moment, years):
    """``moment`` ``years`` later (29 February becomes the 28th), at most in 9998."""
    year = min(moment.year + years, SAFE_YEARS[-1])
    try:
        return moment.replace(year=year)
    except ValueError:
        return moment.replace(year=year, day=28)


def publication_range(now=None):
    """(earliest, latest) publication time: 1950 to ten years from now."""
    now = now or timezone.now()
    earliest = datetime.datetime.combine(EARLIEST, datetime.time())
    return timezone.make_aware(earliest), years_later(now, YEARS_AHEAD)


def scheduling_range(now=None):
    """(now, latest) time a release may be scheduled for: two years ahead."""
    now = now or timezone.now()
    return now, now + SCHEDULING_AHEAD


def launch_range(today=None):
    """(earliest, latest) launch date of a partnership."""
    today = today or timezone.localdate()
    return EARLIEST, years_later(today, YEARS_AHEAD)


def _display(value, with_time):
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
        if not with_time:
            value = value.date()
    # "9 a.m." already ends the sentence: no second full stop.
    fmt = "DATETIME_FORMAT" if with_time else "DATE_FORMAT"
    return formats.date_format(value, fmt).rstrip(".")


def range_error(lower, upper, *, label, with_time=True):
    """The error for a date outside [lower, upper], naming the field and the range.

    ``with_time=False`` names the days only, for a range of years.
    """
    with_time = with_time and isinstance(lower, datetime.datetime)
    return ValidationError(
        _("%(field)s must be between %(lower)s and %(upper)s."),
        code="out_of_range",
        params={
            "field": label,
            "lower": _display(lower, with_time),
            "upper": _display(upper, with_time),
        },
    )


def check_range(value, lower, upper, *, label, with_time=True):
    """``value``, or the range error if it is outside [lower, upper]."""
    if value is None or lower <= value <= upper:
        return value
    raise range_error(lower, upper, label=label, with_time=with_time)


class DateHierarchyBounds:
    """For a ModelAdmin with ``date_hierarchy``: a year at the calendar's edge
    in the address (``?published_at__year=9999``) is a wrong filter, as Django
    says for a month 13 (its "?e=1" page), instead of an overflow."""

    def changelist_view(self, request, extra_context=None):
        from django.contrib.admin.views.main import ERROR_FLAG
        from django.http import HttpResponseRedirect

        if self.date_hierarchy and ERROR_FLAG not in request.GET:
            for value in request.GET.getlist("%s__year" % self.date_hierarchy):
                if value.isdigit() and int(value) not in SAFE_YEARS:
                    return HttpResponseRedirect("%s?%s=1" % (request.path, ERROR_FLAG))
        return super().changelist_view(request, extra_context)


def bound_date_hierarchies(site):
    """Give every admin of ``site`` with a ``date_hierarchy`` the bounds above."""
    for model, model_admin in list(site._registry.items()):
        if model_admin.date_hierarchy and not isinstance(
            model_admin, DateHierarchyBounds
        ):
            bounded = type(
                type(model_admin).__name__, (DateHierarchyBounds, type(model_admin)), {}
            )
            site.unregister(model)
            site.register(model, bounded)
