"""The workflow in the admin: state, step buttons, history, previews.

A mixin for PressReleaseAdmin (releases/admin.py), kept apart because it is
one concern: the status is not a form field; it changes only through the
steps of releases/workflow.py, offered as buttons to the users who may take
them, and as list actions. Every step, from a button, an action or a forged
POST, goes through workflow.transition(), which checks it on the server.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import dates
from core.dates import local_datetime
from releases import preview, workflow
from releases.models import PressRelease, ReleaseStatus

Status = ReleaseStatus


class StepForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Optional; kept in the release's workflow history."),
    )


class PublishForm(StepForm):
    """Publish now, or schedule: a publication time that is still ahead."""

    publish_at = forms.SplitDateTimeField(
        label=_("Publication time"),
        required=False,
        widget=AdminSplitDateTime,
        help_text=_(
            "To schedule: the release becomes public at this time, in every language."
        ),
    )

    def __init__(self, *args, schedule=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.schedule = schedule

    def clean_publish_at(self):
        publish_at = self.cleaned_data["publish_at"]
        if not self.schedule:
            return None
        if publish_at is None:
            raise ValidationError(
                _("Give the time at which to publish."), code="required"
            )
        if publish_at <= timezone.now():
            raise ValidationError(
                _("A scheduled time must be in the future."), code="past"
            )
        return dates.check_range(
            publish_at, *dates.scheduling_range(), label=self.fields["publish_at"].label
        )


class PreviewLinkForm(forms.Form):
    valid_until = forms.SplitDateTimeField(
        label=_("Valid until"),
        widget=AdminSplitDateTime,
        help_text=_("At most 30 days from now."),
    )

    def clean_valid_until(self):
        until = self.cleaned_data["valid_until"]
        now = timezone.now()
        if until <= now:
            raise ValidationError(_("Choose a time in the future."), code="past")
        # The range names the field and the latest time allowed; the sentence
        # before it says why.
        if until > now + preview.MAX_VALIDITY:
            raise ValidationError(
                [
                    ValidationError(
                        _("A preview link can be valid for 30 days at most."),
                        code="too_long",
                    ),
                    dates.range_error(
                        now,
                        now + preview.MAX_VALIDITY,
                        label=self.fields["valid_until"].label,
                    ),
                ]
            )
        return until


class ScheduleFilter(admin.SimpleListFilter):
    """Published releases split into those public now and those scheduled."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return (("public", _("Public now")), ("scheduled", _("Scheduled")))

    def queryset(self, request, queryset):
        if self.value() == "public":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        return queryset


def _status_label():
    # Logged untranslated, like a form change, so that the history shows it
    # in each reader's language.
    with translation.override(None):
        return str(capfirst(PressRelease._meta.get_field("status").verbose_name))


class WorkflowAdminMixin:
    """State, steps, history and previews for PressReleaseAdmin."""

    actions = ("submit_for_review", "publish", "withdraw")

    # Permissions ----------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        # A translator's form (translations/admin_limits.py) writes only
        # their languages' text, which may follow the release in any state.
        return (
            obj is None
            or workflow.can_edit(request.user, obj)
            or self.is_translating(request, obj)
        )

    def has_publish_permission(self, request):
        return workflow.is_publisher(request.user)

    # Display --------------------------------------------------------------

    @admin.display(description=_("status"), ordering="status")
    def state(self, obj):
        return workflow.state_label(obj)

    def view_on_site(self, obj):
        """The public page once public; until then the staff preview."""
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse("releases:preview", kwargs={"pk": obj.pk})

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        release = obj or PressRelease()
        context["workflow"] = {
            "state": workflow.state_label(release),
            "status": release.status,
            "steps": workflow.available_steps(release, request.user),
            "history": (list(obj.transitions.select_related("user")) if obj else []),
            "preview_url": obj and reverse("releases:preview", kwargs={"pk": obj.pk}),
            "can_share": bool(
                obj and preview.can_share(obj) and workflow.is_publisher(request.user)
            ),
            "can_edit": add or self.has_change_permission(request, obj),
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra = {}
        if obj is not None:
            extra["workflow_history"] = list(obj.transitions.select_related("user"))
        response = super().history_view(
            request, object_id, extra_context={**extra, **(extra_context or {})}
        )
        if isinstance(response, TemplateResponse) and obj is not None:
            # Whatever template the history page has (Django's, or one an
            # add-on sets), the workflow steps are shown above it.
            base = response.template_name
            names = [base] if isinstance(base, str) else list(base)
            response.context_data["workflow_base"] = select_template(names).template
            response.template_name = "admin/releases/pressrelease/workflow_history.html"
        return response

    # Buttons on the change form: save, then confirm the step ----------------

    def _step_redirect(self, request, obj):
        step = request.POST.get("_workflow")
        if step not in workflow.STEPS_BY_NAME:
            return None
        return redirect(
            reverse("admin:releases_pressrelease_workflow", args=(obj.pk, step))
        )

    def response_add(self, request, obj, post_url_continue=None):
        return self._step_redirect(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self._step_redirect(request, obj) or super().response_change(
            request, obj
        )

    # URLs -----------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/workflow/<slug:step>/",
                view(self.workflow_step_view),
                name="releases_pressrelease_workflow",
            ),
            path(
                "<path:object_id>/preview-link/",
                view(self.preview_link_view),
                name="releases_pressrelease_preview_link",
            ),
            *super().get_urls(),
        ]

    def _release_or_404(self, request, object_id):
        release = self.get_object(request, unquote(object_id))
        if release is None:
            raise Http404(_("There is no such press release."))
        if not self.has_view_or_change_permission(request, release):
            raise PermissionDenied
        return release

    def _context(self, request, release, **kwargs):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": release,
            "state": workflow.state_label(release),
            **kwargs,
        }

    def workflow_step_view(self, request, object_id, step):
        """Confirm a step (GET), take it (POST): a comment, for publishing a time."""
        release = self._release_or_404(request, object_id)
        step = workflow.STEPS_BY_NAME.get(step)
        if step is None:
            raise Http404(_("There is no such step."))
        if not request.user.has_perm(step.permission):
            raise PermissionDenied
        change_url = reverse("admin:releases_pressrelease_change", args=(release.pk,))
        if step not in workflow.available_steps(release, request.user):
            self.message_user(
                request,
                _("This step is not possible: the release is “%(state)s”.")
                % {"state": workflow.state_name(release)},
                messages.ERROR,
            )
            return redirect(change_url)

        form_class = PublishForm if step.publishes else StepForm
        kwargs = {"schedule": "_schedule" in request.POST} if step.publishes else {}
        if request.method == "POST":
            form = form_class(request.POST, **kwargs)
            if form.is_valid():
                try:
                    with transaction.atomic():
                        workflow.transition(
                            release=release,
                            to=step.target,
                            user=request.user,
                            comment=form.cleaned_data["comment"],
                            publish_at=form.cleaned_data.get("publish_at"),
                        )
                        self.log_change(
                            request,
                            release,
                            [{"changed": {"fields": [_status_label()]}}],
                        )
                except ValidationError as error:
                    form.add_error(None, error.messages)
                else:
                    self.message_user(
                        request,
                        _("“%(release)s” is now: %(state)s.")
                        # "9 a.m." already ends the sentence: no second full stop.
                        % {
                            "release": release,
                            "state": workflow.state_label(release).rstrip("."),
                        },
                        messages.SUCCESS,
                    )
                    return redirect(change_url)
        else:
            initial = {}
            if step.publishes and release.published_at > timezone.now():
                initial["publish_at"] = timezone.localtime(release.published_at)
            form = form_class(initial=initial, **kwargs)

        return TemplateResponse(
            request,
            "admin/releases/pressrelease/workflow_step.html",
            self._context(
                request,
                release,
                title=step.label,
                step=step,
                form=form,
                media=forms.Media(js=("admin/js/core.js",)) + form.media,
                target=Status(step.target).label,
            ),
        )

    def preview_link_view(self, request, object_id):
        """Make a signed, expiring preview link for journalists (publishers)."""
        release = self._release_or_404(request, object_id)
        if not self.has_publish_permission(request):
            raise PermissionDenied
        change_url = reverse("admin:releases_pressrelease_change", args=(release.pk,))
        if not preview.can_share(release):
            self.message_user(
                request,
                _(
                    "A preview link can be made for an approved or scheduled "
                    "release that is not public yet."
                ),
                messages.ERROR,
            )
            return redirect(change_url)

        link = None
        if request.method == "POST":
            form = PreviewLinkForm(request.POST)
            if form.is_valid():
                until = form.cleaned_data["valid_until"]
                link = request.build_absolute_uri(
                    preview.preview_url(release, until=until)
                )
                with translation.override(None):
                    message = "Made a preview link valid until %s." % (
                        timezone.localtime(until).isoformat(timespec="minutes")
                    )
                self.log_change(request, release, message)
        else:
            until = timezone.localtime(preview.default_expiry(release))
            form = PreviewLinkForm(initial={"valid_until": until})

        return TemplateResponse(
            request,
            "admin/releases/pressrelease/preview_link.html",
            self._context(
                request,
                release,
                title=_("Create preview link"),
                form=form,
                media=forms.Media(js=("admin/js/core.js",)) + form.media,
                link=link,
                valid_until=link and local_datetime(form.cleaned_data["valid_until"]),
            ),
        )

    # Actions --------------------------------------------------------------

    def _bulk(self, request, queryset, to, *, done, refused, nothing):
        moved, reasons = 0, []
        for release in queryset:
            step = workflow.find_step(release.status, to)
            if step is None or step not in workflow.available_steps(
                release, request.user
            ):
                continue
            try:
                with transaction.atomic():
                    workflow.transition(release=release, to=to, user=request.user)
                    self.log_change(
                        request, release, [{"changed": {"fields": [_status_label()]}}]
                    )
            except ValidationError as error:
                reasons.append("%s: %s" % (release.reference, " ".join(error.messages)))
                continue
            moved += 1
        if moved:
            self.message_user(request, done(moved) % {"count": moved}, messages.SUCCESS)
        if reasons:
            self.message_user(
                request,
                refused(len(reasons))
                % {"count": len(reasons), "reasons": "; ".join(reasons)},
                messages.ERROR,
            )
        if not moved and not reasons:
            self.message_user(request, nothing)

    @admin.action(
        description=_("Submit selected press releases for review"),
        permissions=("change",),
    )
    def submit_for_review(self, request, queryset):
        self._bulk(
            request,
            queryset,
            Status.REVIEW,
            done=lambda n: ngettext(
                "%(count)d press release was submitted for review.",
                "%(count)d press releases were submitted for review.",
                n,
            ),
            refused=lambda n: ngettext(
                "%(count)d press release could not be submitted: %(reasons)s",
                "%(count)d press releases could not be submitted: %(reasons)s",
                n,
            ),
            nothing=_("None of the selected press releases was a draft."),
        )

    @admin.action(
        description=_("Publish selected press releases now"),
        permissions=("publish",),
    )
    def publish(self, request, queryset):
        """Publish each release that passes the same validation as its form."""
        self._bulk(
            request,
            queryset,
            Status.PUBLISHED,
            done=lambda n: ngettext(
                "%(count)d press release was published.",
                "%(count)d press releases were published.",
                n,
            ),
            refused=lambda n: ngettext(
                "%(count)d press release could not be published: %(reasons)s",
                "%(count)d press releases could not be published: %(reasons)s",
                n,
            ),
            nothing=_("The selected press releases were already published."),
        )

    @admin.action(
        description=_("Withdraw selected press releases"),
        permissions=("publish",),
    )
    def withdraw(self, request, queryset):
        """Take published (or scheduled) releases off the site."""
        self._bulk(
            request,
            queryset,
            Status.WITHDRAWN,
            done=lambda n: ngettext(
                "%(count)d press release was withdrawn.",
                "%(count)d press releases were withdrawn.",
                n,
            ),
            refused=lambda n: ngettext(
                "%(count)d press release could not be withdrawn: %(reasons)s",
                "%(count)d press releases could not be withdrawn: %(reasons)s",
                n,
            ),
            nothing=_("None of the selected press releases was published."),
        )
