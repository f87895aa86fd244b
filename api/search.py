"""The API's ``q``: which public releases match a query.

The seam for the search app (issue 7, point 1, branch issue-7-search): when
it lands, replace the body of ``matching`` with its queryset method (stored
tsvector per language, stemming, ranking), keeping the signature. Until then
this is a plain case-insensitive match over the title and lead, in the
requested language, or in any language when none is requested.
"""

from django.db.models import Q
from modeltranslation.utils import build_localized_fieldname

from core.languages import LANGUAGE_CODES


def matching(queryset, query, language=None):
    condition = Q()
    for code in [language] if language else LANGUAGE_CODES:
        for field in ("title", "lead"):
            name = build_localized_fieldname(field, code)
            condition |= Q(**{name + "__icontains": query})
    return queryset.filter(condition)
