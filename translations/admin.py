from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

from translations import permissions, views
from translations.forms import TranslatorProfileForm
from translations.models import TranslatorProfile, Workspace


@admin.register(TranslatorProfile)
class TranslatorProfileAdmin(admin.ModelAdmin):
    form = TranslatorProfileForm
    list_display = ("user", "language_list")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user",)

    @admin.display(description=_("languages"))
    def language_list(self, obj):
        return obj.language_names() or "—"


@admin.register(Workspace)
class WorkspaceAdmin(admin.ModelAdmin):
    """The queue (the changelist), the side-by-side editor and the coverage.

    Open to staff who translate (a translator profile) and to editors; each
    view checks the language and object it is asked for (translations.permissions).
    """

    def has_module_permission(self, request):
        return bool(permissions.user_languages(request.user))

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        site = self.admin_site

        def wrap(view):
            def wrapper(request, *args, **kwargs):
                return view(request, site, *args, **kwargs)

            return site.admin_view(wrapper)

        queue = wrap(views.queue_view)
        return [
            path("", queue, name="translations_queue"),
            # The name the admin's index links a model by.
            path("", queue, name="translations_workspace_changelist"),
            path("coverage/", wrap(views.coverage_view), name="translations_coverage"),
            path(
                "translate/<slug:model>/<int:pk>/<slug:language>/",
                wrap(views.editor_view),
                name="translations_editor",
            ),
        ]


# The languages on the user's own page too (translations/admin_users.py).
from translations import admin_users  # noqa: E402, F401
