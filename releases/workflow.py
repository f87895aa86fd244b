"""The editorial workflow of a press release: who may move it where, and when.

::

    draft ──submit──▶ in review ──approve──▶ approved ──publish──▶ published
      ▲                  │                      │                   │    │
      └──────── send back to draft ◀────────────┴──── withdrawn ◀───┘    │
                                                approved ◀─unschedule────┘

Authors submit drafts for review. Publishers (the ``publish_pressrelease``
permission) do everything else: approve, publish now or at a set time,
withdraw, send back to draft; they may also publish a draft or a release in
review directly, being the reviewers themselves.

A release is *scheduled* when it is published with a publication time still
ahead: ``PressRelease.objects.published()`` compares that time with now, so
it becomes public at that moment, in every language at once (there is one
status per release), without any job having to run.

``transition()`` is the only way the status changes after creation: the
admin's buttons and actions call it, and it checks the step on the server
against the release as stored, not as the caller believes it to be.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.dates import local_datetime
from history import revisions
from releases.models import PressRelease, ReleaseStatus, ReleaseTransition

Status = ReleaseStatus

#: Authors write and submit; changing a release is what they may do.
AUTHOR_PERMISSION = "releases.change_pressrelease"
#: Publishers approve, publish, schedule, withdraw and send back.
PUBLISH_PERMISSION = "releases.publish_pressrelease"

#: The states in which an author may still edit a release. Approved and
#: published text is the publishers' to change: what was reviewed is what
#: goes out.
AUTHOR_EDITABLE = frozenset({Status.DRAFT, Status.REVIEW})

#: What a release must say in its original language before it is reviewed
#: or published: a draft may be anything, a public page may not be empty.
REQUIRED_CONTENT = ("title", "lead", "body")


@dataclass(frozen=True)
class Step:
    """One kind of move: from any of ``sources`` to ``target``."""

    name: str
    label: str
    sources: frozenset
    target: str
    permission: str
    #: The release must pass full validation first.
    validates: bool = False
    #: Only while the release is not yet public (cancelling a schedule).
    before_due_only: bool = False
    #: Publishing: sets the publication time.
    publishes: bool = False


STEPS = (
    Step(
        "submit",
        _("Submit for review"),
        frozenset({Status.DRAFT}),
        Status.REVIEW,
        AUTHOR_PERMISSION,
        validates=True,
    ),
    Step(
        "approve",
        _("Approve"),
        frozenset({Status.REVIEW}),
        Status.APPROVED,
        PUBLISH_PERMISSION,
        validates=True,
    ),
    Step(
        "publish",
        _("Publish or schedule"),
        frozenset({Status.DRAFT, Status.REVIEW, Status.APPROVED, Status.WITHDRAWN}),
        Status.PUBLISHED,
        PUBLISH_PERMISSION,
        validates=True,
        publishes=True,
    ),
    Step(
        "unschedule",
        _("Cancel the schedule"),
        frozenset({Status.PUBLISHED}),
        Status.APPROVED,
        PUBLISH_PERMISSION,
        before_due_only=True,
    ),
    Step(
        "withdraw",
        _("Withdraw"),
        frozenset({Status.PUBLISHED}),
        Status.WITHDRAWN,
        PUBLISH_PERMISSION,
    ),
    Step(
        "send-back",
        _("Send back to draft"),
        frozenset({Status.REVIEW, Status.APPROVED, Status.WITHDRAWN}),
        Status.DRAFT,
        PUBLISH_PERMISSION,
    ),
)
STEPS_BY_NAME = {step.name: step for step in STEPS}


def find_step(from_status, to_status):
    """The step from ``from_status`` to ``to_status``, or None."""
    for step in STEPS:
        if from_status in step.sources and step.target == to_status:
            return step
    return None


def is_publisher(user):
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit(user, release):
    """Whether ``user`` may change ``release``'s content in its current state."""
    if not user.has_perm(AUTHOR_PERMISSION):
        return False
    return is_publisher(user) or release.status in AUTHOR_EDITABLE


def _applies(step, release):
    if release.status not in step.sources:
        return False
    return not (step.before_due_only and release.is_public)


def available_steps(release, user):
    """The steps ``user`` may take from ``release``'s current state."""
    return [
        step
        for step in STEPS
        if _applies(step, release) and user.has_perm(step.permission)
    ]


@transaction.atomic
def transition(*, release, to, user, comment="", publish_at=None):
    """Move ``release`` to the status ``to``; returns the ReleaseTransition.

    Raises PermissionDenied if ``user`` may not take that step, and
    ValidationError if the step does not exist from the stored state or the
    release is not fit for it (e.g. no title in its original language).

    Publishing sets the publication time to ``publish_at``; a time ahead
    schedules the release. Without one it is published now, except that a
    withdrawn release is put back at its original time, and so at its
    original address.

    The row is locked and re-read, so two publishers acting at once cannot
    both move it from the same state, and only status and publication time
    are written: content the caller may hold unsaved is never published by
    a status change.
    """
    stored = PressRelease.objects.select_for_update().get(pk=release.pk)
    step = find_step(stored.status, to)
    if step is None or not _applies(step, stored):
        raise ValidationError(
            _("A release that is “%(current)s” cannot be moved to “%(target)s”.")
            % {
                "current": state_name(stored),
                "target": Status(to).label if to in Status.values else to,
            },
            code="invalid_transition",
        )
    if user is None or not user.has_perm(step.permission):
        raise PermissionDenied(
            _("You do not have permission to do this: %(step)s.") % {"step": step.label}
        )
    if step.validates:
        stored.full_clean()
        require_content(stored)

    now = timezone.now()
    from_status = stored.status
    stored.status = step.target
    set_time = None
    if step.publishes:
        if publish_at is not None:
            stored.published_at = publish_at
        elif from_status != Status.WITHDRAWN or stored.published_at > now:
            stored.published_at = now
        set_time = stored.published_at
    stored.save(update_fields=("status", "published_at", "updated_at"))
    revisions.record(
        stored,
        user=user,
        comment=revisions.comment(
            revisions.WORKFLOW,
            source=Status(from_status).label,
            target=Status(stored.status).label,
            note=comment.strip(),
        ),
    )

    release.status = stored.status
    release.published_at = stored.published_at
    release.updated_at = stored.updated_at
    return ReleaseTransition.objects.create(
        release=stored,
        from_status=from_status,
        to_status=stored.status,
        user=user,
        at=now,
        comment=comment.strip(),
        published_at=set_time,
    )


def missing_content(release):
    """The REQUIRED_CONTENT fields with no text in the original language."""
    missing = []
    for field in REQUIRED_CONTENT:
        text = (
            getattr(
                release, build_localized_fieldname(field, release.original_language), ""
            )
            or ""
        )
        if field in release.rich_text_fields:
            text = strip_tags(text)
        if not text.strip():
            missing.append(field)
    return missing


def require_content(release):
    """Raise ValidationError naming what a release lacks before review."""
    missing = missing_content(release)
    if missing:
        raise ValidationError(
            _(
                "The release has no %(fields)s in its original language "
                "(%(language)s) yet: add it before this step."
            )
            % {
                "fields": get_text_list(
                    [PressRelease._meta.get_field(f).verbose_name for f in missing],
                    _("or"),
                ),
                "language": release.get_original_language_display(),
            },
            code="incomplete",
        )


def state_name(release):
    """ "Draft", "In review", ..., "Scheduled", "Published", "Withdrawn"."""
    if release.is_scheduled:
        return _("Scheduled")
    return release.get_status_display()


def state_label(release):
    """Like state_name(), with the time: "Scheduled for 3 June 2026, 10:00"."""
    if release.is_scheduled:
        return _("Scheduled for %(time)s") % {
            "time": local_datetime(release.published_at)
        }
    return release.get_status_display()
