"""Dates and times as a person reads them: in the site's zone and language."""

from django.utils import formats, timezone


def local_datetime(moment):
    """``moment`` in TIME_ZONE, in the active language's DATETIME_FORMAT.

    Naive values (from a revision's serialised data, say) are taken as
    already local.
    """
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return formats.date_format(moment, "DATETIME_FORMAT")
