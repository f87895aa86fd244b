"""XLIFF in the admin: an action on the press-release list, and an upload.

``XliffAdminMixin`` goes on PressReleaseAdmin. It adds the list action
"Export for translation (XLIFF)", which asks for the target languages and the
XLIFF version before it sends the file, and the import page
(``admin:releases_pressrelease_xliff_import``), linked from the list's
object tools and the translation workspace.

Editors export and import every language; a translator only their own
(translations.permissions): the form offers no other, and the import refuses a
file holding another.
"""

import re

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.languages import language_choices
from translations import permissions
from translations.xliff.export import export_releases, summary
from translations.xliff.importer import (
    APPLIED,
    CONFLICT,
    SKIPPED,
    UNCHANGED,
    import_file,
    max_size,
)


class ExportForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Translate into"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "One XLIFF file per language; several are sent together in a .zip."
        ),
    )
    version = forms.ChoiceField(
        label=_("XLIFF version"),
        choices=[
            ("1.2", _("XLIFF 1.2: read by every translation tool")),
            ("2.0", _("XLIFF 2.0: the current standard")),
        ],
        initial="1.2",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices(languages)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("XLIFF file"),
        help_text=_(
            "An .xlf file exported from this site and translated, or a .zip of "
            "several; at most %(size)s."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file: show what would be imported, change nothing"),
        label_suffix="",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text % {
            "size": filesizeformat(max_size())
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_size():
            raise forms.ValidationError(
                _("%(name)s is %(size)s; the largest import accepted is %(max)s."),
                code="too_large",
                params={
                    "name": upload.name,
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(max_size()),
                },
            )
        return upload


def may_use_xliff(user):
    """Editors and translators: whoever has a language to work on."""
    return bool(permissions.user_languages(user))


class XliffAdminMixin:
    """The XLIFF export action and import page, for PressReleaseAdmin."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        if IS_POPUP_VAR not in request.GET and may_use_xliff(request.user):
            func, name, description = self.get_action(export_for_translation)
            actions[name] = (func, name, description)
        return actions

    def get_urls(self):
        return [
            path(
                "xliff/import/",
                self.admin_site.admin_view(self.xliff_import_view),
                name="releases_pressrelease_xliff_import",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "may_use_xliff": may_use_xliff(request.user),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def xliff_import_view(self, request):
        """Upload a translated XLIFF file; show what was applied and why not."""
        if not may_use_xliff(request.user) or not self.has_view_permission(request):
            raise PermissionDenied
        report = None
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                report = import_file(
                    upload.read(),
                    filename=upload.name,
                    user=request.user,
                    dry_run=form.cleaned_data["dry_run"],
                )
                if not report.ok:
                    level = messages.ERROR
                elif report.applied and not report.dry_run:
                    level = messages.SUCCESS
                else:
                    level = messages.WARNING if report.conflicts else messages.INFO
                self.message_user(request, report.summary(), level)
        else:
            form = ImportForm()
        groups = []
        if report is not None:
            groups = [
                (status, label, report.of(status))
                for status, label in (
                    (CONFLICT, _("Conflicts: not applied")),
                    (SKIPPED, _("Skipped")),
                    (
                        APPLIED,
                        _("Would be applied") if report.dry_run else _("Applied"),
                    ),
                    (UNCHANGED, _("Unchanged")),
                )
            ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import translations (XLIFF)"),
            "form": form,
            "report": report,
            "groups": [group for group in groups if group[2]],
            "max_size": max_size(),
        }
        return TemplateResponse(
            request, "admin/translations/xliff_import.html", context
        )


def export_for_translation(modeladmin, request, queryset):
    """Ask for languages and version, then send the XLIFF file (or .zip)."""
    languages = permissions.user_languages(request.user)
    if not languages:
        raise PermissionDenied
    # A language that every selected release was written in has nothing to
    # translate into: not offered.
    originals = set(queryset.values_list("original_language", flat=True))
    if len(originals) == 1:
        languages = [code for code in languages if code not in originals]
    form = ExportForm(
        request.POST if "export" in request.POST else None, languages=languages
    )
    if form.is_valid():
        releases = list(queryset.order_by("-published_at", "pk"))
        export = export_releases(
            releases, form.cleaned_data["languages"], form.cleaned_data["version"]
        )
        for notice in export.notices:
            modeladmin.message_user(request, notice, messages.WARNING)
        if export.documents:
            stem = (
                re.sub(r"[^A-Za-z0-9._-]+", "-", releases[0].reference)
                if len(releases) == 1
                else "press-releases"
            )
            name, content_type, data = export.archive(stem)
            modeladmin.message_user(request, summary(export), messages.SUCCESS)
            response = HttpResponse(data, content_type=content_type)
            response["Content-Disposition"] = 'attachment; filename="%s"' % name
            return response
        form.add_error(None, _("Nothing to export in these languages."))
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.model._meta,
        "title": _("Export for translation (XLIFF)"),
        "form": form,
        "queryset": queryset,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media + form.media,
    }
    return TemplateResponse(request, "admin/translations/xliff_export.html", context)


export_for_translation.short_description = _("Export for translation (XLIFF)")
export_for_translation.allowed_permissions = ("view",)
