"""Opaque, tamper-evident cursors for the API's release list.

A cursor is the (published_at, id) of the last release of a page, signed so
that a client can only hand back what it was given: an edited or made-up
cursor is refused rather than read. The order is the public list's, newest
first, with the id breaking ties between releases published at the same
moment, so a page boundary never skips or repeats a release.
"""

from datetime import datetime

from django.core import signing
from django.db.models import Q

#: "." rather than ":" between value and signature: nothing in a cursor
#: needs escaping in a query string.
SIGNER = signing.Signer(salt="api.cursor.releases", sep=".")


class InvalidCursor(ValueError):
    pass


def encode(release):
    return SIGNER.sign_object(
        [release.published_at.isoformat(), release.pk], compress=True
    )


def decode(cursor):
    try:
        published_at, pk = SIGNER.unsign_object(cursor)
        return datetime.fromisoformat(published_at), int(pk)
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise InvalidCursor(cursor) from error


def after(queryset, cursor):
    """The releases that come after ``cursor`` in the list's order."""
    published_at, pk = decode(cursor)
    return queryset.filter(
        Q(published_at__lt=published_at) | Q(published_at=published_at, pk__lt=pk)
    )


ORDER = ("-published_at", "-pk")
