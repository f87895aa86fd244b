from django import forms
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from core import dates
from core.templatetags.images import responsive_image
from releases.models import (
    PressContact,
    PressRelease,
    PressReleaseSpeaker,
    ReleaseImage,
    Speaker,
    Topic,
)
from releases.workflow_admin import ScheduleFilter, WorkflowAdminMixin
from translations.model_admin import (
    StackedTranslationInline,
    TabbedTranslationAdmin,
    in_default_language,
    language_codes_html,
    localized_search_fields,
)
from translations.xliff.admin import XliffAdminMixin

# Tags ---------------------------------------------------------------------
#
# A TaggableManager is not a ManyToManyField, so autocomplete_fields refuses
# it. Tags get the admin's own autocomplete widget (select2, bundled with
# Django), which static/admin-extra/tag-autocomplete.js starts in select2's
# "tags" mode so that it also takes a tag that does not exist yet. Existing
# and new tags reach the server alike, as names, which TaggableManager.set()
# matches case-insensitively or creates.


class TagNameAutocompleteView(AutocompleteJsonView):
    """The admin's autocomplete view, answering with tag names, not ids."""

    def serialize_result(self, obj, to_field_name):
        return {"id": obj.name, "text": obj.name}


class TagAutocomplete(AutocompleteSelectMultiple):
    """The admin's autocomplete widget, started by admin-extra's script."""

    url_name = "%s:taggit_tag_autocomplete"

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        # Another class, so that admin/js/autocomplete.js leaves it to ours.
        attrs["class"] = attrs["class"].replace(
            "admin-autocomplete", "admin-tag-autocomplete"
        )
        return attrs

    @property
    def media(self):
        # After jquery.init.js, which makes django.jQuery.
        return super().media + forms.Media(
            js=("admin/js/jquery.init.js", "admin-extra/tag-autocomplete.js"),
            css={"all": ("admin-extra/tag-autocomplete.css",)},
        )

    def optgroups(self, name, value, attr=None):
        # The selected tags are the options: there is no queryset to look
        # them up in, since some may be new.
        return [
            (
                None,
                [
                    self.create_option(name, tag, tag, True, index)
                    for index, tag in enumerate(value)
                ],
                0,
            )
        ]


class TagNamesField(forms.Field):
    """Tag names, stripped and without case-insensitive duplicates."""

    max_length = Tag._meta.get_field("name").max_length

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        names, seen = [], set()
        for item in value:
            name = " ".join(str(item).split())
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
        return names

    def validate(self, value):
        super().validate(value)
        for name in value:
            if len(name) > self.max_length:
                raise ValidationError(
                    _("A tag has at most %(max)d characters: “%(tag)s” is longer."),
                    code="max_length",
                    params={"max": self.max_length, "tag": name},
                )

    def has_changed(self, initial, data):
        before = sorted(str(tag).casefold() for tag in initial or ())
        after = sorted(name.casefold() for name in self.to_python(data))
        return before != after


admin.site.unregister(Tag)


class ThemeFilter(admin.RelatedFieldListFilter):
    """The list's themes, without the many-to-many's unnamed empty entry.

    Django offers one for "no theme", shown as a bare "-", which editors
    read as a broken theme rather than a choice.
    """

    @property
    def include_empty_choice(self):
        return False

    def has_output(self):
        # Still shown with one theme: "All" or that theme is a choice.
        return bool(self.lookup_choices)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    def get_urls(self):
        autocomplete = TagNameAutocompleteView.as_view(admin_site=self.admin_site)
        return [
            path(
                "autocomplete/",
                self.admin_site.admin_view(autocomplete),
                name="taggit_tag_autocomplete",
            ),
            *super().get_urls(),
        ]


# Topics and speakers ------------------------------------------------------


@admin.register(Topic)
class TopicAdmin(TabbedTranslationAdmin):
    list_display = ("__str__", "slug", "languages")
    search_fields = ("slug", *localized_search_fields("name"))
    prepopulated_fields = {"slug": (in_default_language("name"),)}
    fields = ("name", "description", "slug")

    @admin.display(description=_("languages"))
    def languages(self, obj):
        return language_codes_html(obj.available_languages("name"))


@admin.register(Speaker)
class SpeakerAdmin(TabbedTranslationAdmin):
    list_display = ("name", "country", "political_group", "organisation")
    list_filter = ("country", "political_group")
    list_select_related = ("organisation",)
    search_fields = ("name",)
    autocomplete_fields = ("organisation",)
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "role")}),
        (_("Photo"), {"fields": ("photo", "photo_alt")}),
        (
            _("Affiliation"),
            {"fields": ("country", "political_group", "organisation")},
        ),
        (_("Address"), {"fields": ("slug",)}),
    )


# Press releases -----------------------------------------------------------


class ImageInline(StackedTranslationInline):
    model = ReleaseImage
    fields = ("image", "preview", "alt", "caption", "credit", "position")
    readonly_fields = ("preview",)
    extra = 0

    @admin.display(description=_("preview"))
    def preview(self, obj):
        # The stored, re-encoded file, as the public site will show it.
        return (
            responsive_image(obj.image, obj.localized("alt"), "160px", width=160) or "—"
        )


class QuoteInline(StackedTranslationInline):
    model = PressReleaseSpeaker
    fields = ("speaker", "role", "quote", "mentioned", "position")
    autocomplete_fields = ("speaker",)
    extra = 0


class ContactInline(StackedTranslationInline):
    model = PressContact
    fields = ("name", "role", ("email", "phone"), "position")
    extra = 0


class PressReleaseForm(forms.ModelForm):
    def clean_published_at(self):
        published_at = self.cleaned_data["published_at"]
        return dates.check_range(
            published_at,
            *dates.publication_range(),
            label=self.fields["published_at"].label,
            with_time=False,
        )

    def clean_related(self):
        related = self.cleaned_data["related"]
        if self.instance.pk and related.filter(pk=self.instance.pk).exists():
            raise ValidationError(
                _("A release cannot be related to itself."), code="self_related"
            )
        return related


@admin.register(PressRelease)
class PressReleaseAdmin(XliffAdminMixin, WorkflowAdminMixin, TabbedTranslationAdmin):
    form = PressReleaseForm
    list_display = (
        "reference",
        "display_title",
        "kind",
        "published_at",
        "state",
        "languages",
    )
    list_display_links = ("reference", "display_title")
    list_filter = (
        "status",
        ScheduleFilter,
        "kind",
        ("topics", ThemeFilter),
        "partnership",
        "original_language",
    )
    date_hierarchy = "published_at"
    search_fields = ("reference", *localized_search_fields("title", "lead"))
    search_help_text = _(
        "Searches the reference, and the title and lead in every language."
    )
    autocomplete_fields = ("topics", "partnership", "related")
    # The slug is the same in every language; English is the one most
    # releases have. Without it, save() makes one from the original title.
    prepopulated_fields = {"slug": (in_default_language("title"),)}
    # The status changes only through the workflow's steps (workflow_admin).
    readonly_fields = ("state", "created_at", "updated_at")
    inlines = (ImageInline, QuoteInline, ContactInline)
    save_on_top = True
    # templates/admin/releases/pressrelease/change_form.html places the
    # inlines ("people") between classification and publication.
    fieldsets = (
        (
            _("Content"),
            {
                "fields": (
                    "original_language",
                    "title",
                    "lead",
                    "body",
                    "more_information",
                )
            },
        ),
        (
            _("Classification"),
            {"fields": ("kind", "topics", "tags", "partnership", "related")},
        ),
        (
            _("Publication"),
            {
                "classes": ("publication",),
                "fields": (
                    "reference",
                    "slug",
                    "state",
                    "published_at",
                    ("created_at", "updated_at"),
                ),
            },
        ),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tags":
            return db_field.formfield(
                form_class=TagNamesField,
                widget=TagAutocomplete(db_field, self.admin_site),
                help_text=_("Type to find a tag, or to add a new one."),
            )
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "slug":
            formfield.required = False
            formfield.help_text = _(
                "Part of the address, the same in every language. Filled in from "
                "the English title; left empty, it is made from the title in the "
                "original language."
            )
        return formfield

    @admin.display(description=_("title"))
    def display_title(self, obj):
        title = obj.localized("title")
        if title.is_fallback:
            return format_html('<span lang="{}">{}</span>', title.language, title)
        return str(title) or "—"

    @admin.display(description=_("languages"))
    def languages(self, obj):
        return language_codes_html(obj.available_languages(), obj.original_language)
