"""The admin side of revisions: history, compare, restore, conflict-safe saves.

``RevisionAdmin`` is mixed into the shared admin base (translations.model_admin), so
every translated model's admin keeps a revision per save (django-reversion's
VersionAdmin), lists the revisions on the object's history page, compares
any two (``<id>/history/compare/?from=..&to=..``), restores one by POST
(``<id>/history/<version>/restore/``) and refuses a save that would overwrite
someone else's change made since the form was loaded (history.conflicts).
"""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from core.dates import local_datetime
from history import conflicts
from history.revisions import (
    compare,
    describe,
    drop_if_unchanged,
    ensure_current_revision,
    follow_inlines,
    register_models,
    restore,
    version_state,
)


class RevisionAdmin(VersionAdmin):
    # None, so that Django looks for a model's own object_history.html first;
    # templates/admin/object_history.html lists the revisions.
    object_history_template = None
    history_latest_first = True

    def __init__(self, model, admin_site):
        # Admin modules are imported (autodiscover) before our apps' ready()
        # runs; registering here comes before VersionAdmin would register the
        # model with its defaults (which would keep the active language's
        # ``title`` and lose the tags).
        register_models()
        follow_inlines(model, self.inlines)
        super().__init__(model, admin_site)

    # Revision comments -----------------------------------------------------

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            # The change message's JSON, not its text in the saver's language.
            reversion.set_comment(entry.change_message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.change_message)
        return entry

    # URLs ------------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="%s_%s_compare" % info,
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="%s_%s_restore" % info,
            ),
            *super().get_urls(),
        ]

    def _url(self, name, *args, query=""):
        info = self.admin_site.name, self.opts.app_label, self.opts.model_name, name
        return reverse("%s:%s_%s_%s" % info, args=args) + query

    def _versions(self, obj):
        return Version.objects.get_for_object(obj).select_related("revision__user")

    def _object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("This object does not exist."))
        return obj

    # History, compare, restore ---------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        obj = self._object_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        # An object saved before revisions existed gets its first one here,
        # so that its history starts from what it is now.
        ensure_current_revision(obj)
        versions = list(self._versions(obj).order_by("-pk"))
        rows = []
        for index, version in enumerate(versions):
            previous = versions[index + 1] if index + 1 < len(versions) else None
            rows.append(
                {
                    "version": version,
                    "revision": version.revision,
                    "comment": describe(version.revision),
                    "compare_url": previous
                    and self._url(
                        "compare",
                        quote(obj.pk),
                        query="?from=%d&to=%d" % (previous.pk, version.pk),
                    ),
                }
            )
        context = {
            "revisions": rows,
            "compare_url": self._url("compare", quote(obj.pk)),
            **(extra_context or {}),
        }
        # Django's own history view (the log entries), skipping reversion's,
        # which replaces the log entries with a list of revert links.
        return admin.ModelAdmin.history_view(self, request, object_id, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """A revision's page is its comparison with the current state."""
        obj = self._object_or_404(request, object_id)
        version = get_object_or_404(self._versions(obj), pk=version_id)
        return HttpResponseRedirect(
            self._url("compare", quote(obj.pk), query="?from=%d" % version.pk)
        )

    def compare_view(self, request, object_id):
        """Two revisions side by side: what changed, per field and language."""
        obj = self._object_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        latest = ensure_current_revision(obj)
        versions = self._versions(obj)
        old = _pick(versions, request.GET.get("from"))
        new = _pick(versions, request.GET.get("to")) or latest
        if old is None:
            old = versions.filter(pk__lt=new.pk).order_by("-pk").first() or new
        if old.pk > new.pk:
            old, new = new, old
        rows = compare(version_state(old), version_state(new))
        can_restore = self.has_change_permission(request, obj)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare revisions of %(object)s") % {"object": obj},
            "subtitle": None,
            "opts": self.opts,
            "object": obj,
            "old": old,
            "new": new,
            "old_comment": describe(old.revision),
            "new_comment": describe(new.revision),
            "latest": latest,
            "rows": rows,
            "history_url": self._url("history", quote(obj.pk)),
            "restore_old_url": can_restore
            and old.pk != latest.pk
            and self._url("restore", quote(obj.pk), old.pk),
            "restore_new_url": can_restore
            and new.pk != latest.pk
            and self._url("restore", quote(obj.pk), new.pk),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/newsroom/revision_compare.html", context
        )

    def restore_view(self, request, object_id, version_id):
        """Restore a revision as a new one (POST only; the admin checks CSRF)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self._object_or_404(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(self._versions(obj), pk=version_id)
        obj, skipped = restore(version, user=request.user)
        # "9 a.m." ends the sentences below: no second full stop.
        date = local_datetime(version.revision.date_created).rstrip(".")
        self.log_change(
            request, obj, _("Restored the version of %(date)s.") % {"date": date}
        )
        messages.success(
            request,
            _(
                "The version of %(date)s was restored. What it replaced is kept "
                "in the history and can be restored in turn."
            )
            % {"date": date},
        )
        if skipped:
            messages.warning(
                request,
                _("These could not be brought back: %(rows)s")
                % {
                    "rows": format_html_join(
                        "; ", "{} ({})", ((label, reason) for label, reason in skipped)
                    )
                },
            )
        return HttpResponseRedirect(self._url("change", quote(obj.pk)))

    # Conflict-safe editing ---------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method != "POST" or conflicts.is_exempt(request):
            if request.method == "GET":
                obj = self.get_object(request, unquote(object_id))
                if obj is not None:
                    conflicts.remember_loaded(request, ensure_current_revision(obj))
            return super().change_view(request, object_id, form_url, extra_context)
        # Checked and saved in one transaction, the row locked (on databases
        # that lock rows): two saves of one release cannot both pass the check.
        with transaction.atomic(using=router.db_for_write(self.model)):
            obj = self.get_object(request, unquote(object_id))
            check = None
            if obj is not None:
                obj = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
                check = conflicts.check_edit(self, request, obj)
            response = super().change_view(request, object_id, form_url, extra_context)
            if check is not None:
                drop_if_unchanged(obj, check.latest)
            conflicts.report_merge(self, request, response)
            return response

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return conflicts.form_with_check(request, form)

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            yield conflicts.formset_with_check(request, formset), inline

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        context.update(conflicts.template_context(request))
        return super().render_change_form(request, context, add, change, form_url, obj)


def _pick(versions, value):
    if not value or not str(value).isdigit():
        return None
    return versions.filter(pk=int(value)).first()
