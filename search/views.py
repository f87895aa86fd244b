"""The public search page: /<language>/search/?q=..."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import override
from django.views.generic import ListView

from core.languages import native_name
from core.localized import active_language
from search import query
from search.forms import SearchForm


@dataclass(frozen=True)
class OtherLanguage:
    code: str
    name: str
    count: int
    url: str


class SearchView(ListView):
    """Ranked results in the visitor's language, with facets and snippets.

    A fixed number of queries whatever the number of results: the count
    and the facets' counts (one query on PostgreSQL, six elsewhere), the
    query's stems for highlighting (PostgreSQL), the page, its releases,
    their themes, its texts for snippets, and the names of the themes,
    speakers and partnerships counted. When nothing is found: the count,
    the stems and the other languages' counts.
    """

    template_name = "search/search.html"
    context_object_name = "results"

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        self.language = active_language()
        self.valid = self.form.is_valid()
        self.parsed = self.form.parsed() if self.valid else query.parse("")
        self.filters = self.form.filters() if self.valid else query.Filters()
        response = super().get(request, *args, **kwargs)
        if not self.valid:
            response.status_code = 400
        return response

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_PAGE_SIZE

    def get_queryset(self):
        if not self.parsed:
            return query.public_documents().none()
        self.matching = query.matching(self.parsed, self.language, self.filters)
        # On PostgreSQL the total comes with the facets' counts, in one query;
        # elsewhere the paginator counts, and facets are counted only if
        # something was found.
        self.counts, self.known_total = (
            query.facet_counts(self.matching) if query.on_postgresql() else (None, None)
        )
        return query.ranked(self.matching, self.parsed, self.language)

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if getattr(self, "known_total", None) is not None:
            # Paginator.count is a cached property: the count is not rerun.
            paginator.__dict__["count"] = self.known_total
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            form=self.form, query=self.parsed, filters=self.filters, **kwargs
        )
        if not self.parsed:
            return context
        results = context["results"]
        terms = query.highlight_terms(self.parsed, self.language)
        prefix = query.on_postgresql()
        texts = query.excerpts(results)
        for document in results:
            document.snippet = query.snippet(texts[document.pk], terms, prefix)
        total = context["paginator"].count
        if total:
            counts = self.counts or query.facet_counts(self.matching)[0]
            facets = query.facets(counts, self.filters)
            active = [v for values in facets.values() for v in values if v.selected]
        else:
            # Nothing to count. The chosen filters are shown as typed (a
            # slug, not a name: the name of a theme only unpublished releases
            # have must not show), so that they can be removed.
            facets = {}
            active = query.chosen(self.filters)
            context["other_languages"] = [
                OtherLanguage(code, native_name(code), count, self.link(code))
                for code, count in query.other_languages(
                    self.parsed, self.language, self.filters
                )
            ]
        for value in (*active, *(v for values in facets.values() for v in values)):
            value.url = self.link(**{value.param: value.value})
            value.remove_url = self.link(**{value.param: None})
        context.update(
            facets=[
                (query.FACET_NAMES[name], values) for name, values in facets.items()
            ],
            active=active,
            total=total,
        )
        return context

    def link(self, language=None, **changes):
        """This search's address with ``changes``, back on its first page."""
        params = self.request.GET.copy()
        params.pop("page", None)
        for name, value in changes.items():
            params.pop(name, None)
            if value is not None:
                params[name] = value
        if language:
            with override(language):
                path = reverse("search:search")
        else:
            path = self.request.path
        return "%s?%s" % (path, params.urlencode()) if params else path
