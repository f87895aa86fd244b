from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import dates
from partnerships.models import AreaOfWork, Organisation, Partnership
from translations.model_admin import (
    TabbedTranslationAdmin,
    TabularTranslationInline,
    in_default_language,
    language_codes_html,
    localized_search_fields,
)


@admin.register(Organisation)
class OrganisationAdmin(TabbedTranslationAdmin):
    list_display = ("__str__", "kind", "website", "languages")
    list_filter = ("kind",)
    search_fields = ("slug", *localized_search_fields("name", "acronym"))
    prepopulated_fields = {"slug": (in_default_language("name"),)}
    # "cor.europa.eu" typed without a scheme means https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("name", "acronym", "kind", "website")}),
        (_("Logo"), {"fields": ("logo", "logo_alt")}),
        (_("Address"), {"fields": ("slug",)}),
    )

    @admin.display(description=_("languages"))
    def languages(self, obj):
        return language_codes_html(obj.available_languages("name"))


class AreaOfWorkInline(TabularTranslationInline):
    model = AreaOfWork
    fields = ("title", "position")
    extra = 0


class PartnershipForm(forms.ModelForm):
    def clean_launched_on(self):
        return dates.check_range(
            self.cleaned_data["launched_on"],
            *dates.launch_range(),
            label=self.fields["launched_on"].label,
        )

    def clean_builds_on(self):
        builds_on = self.cleaned_data["builds_on"]
        if builds_on is None or self.instance.pk is None:
            return builds_on
        # A chain that comes back to this partnership would have no start:
        # follow it, bounded in case older data already loops.
        ancestor, seen = builds_on, set()
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor.pk == self.instance.pk:
                raise ValidationError(
                    _("A partnership cannot build on itself or on its successors."),
                    code="builds_on_cycle",
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.builds_on
        return builds_on


@admin.register(Partnership)
class PartnershipAdmin(TabbedTranslationAdmin):
    form = PartnershipForm
    list_display = (
        "__str__",
        "kind",
        "status",
        "launched_on",
        "builds_on",
        "languages",
    )
    list_filter = ("kind", "status")
    list_select_related = ("builds_on",)
    search_fields = ("slug", *localized_search_fields("name"))
    autocomplete_fields = ("partners", "builds_on")
    prepopulated_fields = {"slug": (in_default_language("name"),)}
    inlines = (AreaOfWorkInline,)
    fieldsets = (
        (_("Content"), {"fields": ("name", "description")}),
        (
            _("Partners and history"),
            {"fields": ("kind", "status", "launched_on", "partners", "builds_on")},
        ),
        (_("Address"), {"fields": ("slug",)}),
    )

    @admin.display(description=_("languages"))
    def languages(self, obj):
        return language_codes_html(obj.available_languages("name"))
