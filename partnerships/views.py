"""Partnerships and initiatives, with the published releases about them."""

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from partnerships.models import Partnership
from releases.models import PressRelease
from releases.views import ReleaseViewMixin


class PartnershipListView(ListView):
    template_name = "partnerships/partnership_list.html"
    context_object_name = "partnerships"

    def get_queryset(self):
        return (
            Partnership.objects.select_related("builds_on")
            .prefetch_related("partners")
            .annotate(
                release_count=Count(
                    "releases",
                    filter=PressRelease.published_q("releases__"),
                    distinct=True,
                )
            )
        )


class PartnershipDetailView(ReleaseViewMixin, ListView):
    """A partnership: partners, areas of work, lineage, and its releases."""

    template_name = "partnerships/partnership_detail.html"
    context_object_name = "releases"

    def get(self, request, *args, **kwargs):
        self.partnership = get_object_or_404(
            Partnership.objects.with_detail_data(), slug=kwargs["slug"]
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return super().get_queryset().in_partnership(self.partnership)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            partnership=self.partnership, page_object=self.partnership, **kwargs
        )
