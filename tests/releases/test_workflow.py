"""The editorial workflow: steps, roles, scheduling, and forged requests refused."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from releases import workflow
from releases.models import PressRelease, ReleaseTransition
from releases.roles import AUTHORS, PUBLISHERS, sync_roles
from tests.admin_forms import form_data
from tests.factories import make_contact, make_draft, make_release
from tests.users import make_author, make_publisher, make_user

pytestmark = pytest.mark.django_db

Status = PressRelease.Status
STATES = Status.values

# The steps that exist, and the role each needs. Anything else is refused.
AUTHOR_STEPS = {("draft", "review")}
PUBLISHER_STEPS = AUTHOR_STEPS | {
    ("review", "approved"),
    ("review", "draft"),
    ("approved", "draft"),
    ("withdrawn", "draft"),
    ("draft", "published"),
    ("review", "published"),
    ("approved", "published"),
    ("withdrawn", "published"),
    ("published", "withdrawn"),
    # Cancelling a schedule: only while the release is not public yet.
    ("published", "approved"),
}
ROLES = {
    "author": (make_author, AUTHOR_STEPS),
    "publisher": (make_publisher, PUBLISHER_STEPS),
    "staff-without-role": (lambda: make_user("staff"), set()),
}


def release_in(state, **overrides):
    """A release in ``state``; a published one is scheduled, so every step
    out of "published" exists."""
    if state == Status.PUBLISHED:
        overrides.setdefault("published_at", timezone.now() + timedelta(days=1))
    return make_release(status=state, **overrides)


def url(name, *args):
    return reverse("admin:releases_pressrelease_%s" % name, args=args)


def step_url(release, step):
    return url("workflow", release.pk, step)


# The service: every role x every pair of states ---------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("to", STATES)
@pytest.mark.parametrize("from_", STATES)
def test_role_may_take_exactly_its_steps_and_a_refusal_changes_nothing(role, from_, to):
    make, allowed = ROLES[role]
    user = make()
    release = release_in(from_)
    before = PressRelease.objects.values().get(pk=release.pk)

    if (from_, to) in allowed:
        step = workflow.transition(release=release, to=to, user=user)
        assert (step.from_status, step.to_status, step.user) == (from_, to, user)
        assert PressRelease.objects.get(pk=release.pk).status == to
        return

    exists = (from_, to) in PUBLISHER_STEPS
    with pytest.raises(PermissionDenied if exists else ValidationError):
        workflow.transition(release=release, to=to, user=user)
    assert PressRelease.objects.values().get(pk=release.pk) == before
    assert not ReleaseTransition.objects.exists()


def test_a_step_is_recorded_with_who_when_from_to_and_the_comment():
    author = make_author()
    release = make_draft()

    with mock.patch("django.utils.timezone.now", return_value=timezone.now()) as now:
        workflow.transition(
            release=release, to="review", user=author, comment="  Ready for you.  "
        )

    [step] = release.transitions.all()
    assert (step.from_status, step.to_status) == ("draft", "review")
    assert (step.user, step.at, step.comment) == (author, now(), "Ready for you.")
    assert step.published_at is None
    assert str(step) == "Draft → In review"


def test_history_lists_the_latest_step_first():
    author, publisher = make_author(), make_publisher()
    release = make_draft()
    workflow.transition(release=release, to="review", user=author)
    workflow.transition(release=release, to="approved", user=publisher)

    assert [(s.to_status, s.user) for s in release.transitions.all()] == [
        ("approved", publisher),
        ("review", author),
    ]


def test_submitting_needs_a_title_in_the_original_language():
    release = make_draft(original_language="sv", title_en="Only English")

    with pytest.raises(ValidationError) as refused:
        workflow.transition(release=release, to="review", user=make_author())

    assert refused.value.messages == [
        "A release needs a title in its original language (svenska)."
    ]
    assert PressRelease.objects.get(pk=release.pk).status == "draft"


@pytest.mark.parametrize(
    ("blank", "named"),
    [
        ({"lead_en": "", "body_en": ""}, "lead or body"),
        ({"body_en": "<p> </p>\n<p><br></p>"}, "body"),
        ({"lead_en": "   "}, "lead"),
    ],
)
@pytest.mark.parametrize("to", ["review", "approved", "published"])
def test_an_empty_release_cannot_be_reviewed_or_published(blank, named, to):
    release = make_draft(original_language="en", **blank)
    if to == "approved":
        PressRelease.objects.filter(pk=release.pk).update(status="review")

    with pytest.raises(ValidationError) as refused:
        workflow.transition(release=release, to=to, user=make_publisher())

    assert refused.value.messages == [
        "The release has no %s in its original language (English) yet: add it "
        "before this step." % named
    ]
    assert PressRelease.objects.get(pk=release.pk).status in ("draft", "review")
    assert not release.transitions.exists()


def test_a_release_complete_in_its_original_language_only_may_be_published():
    release = make_draft(
        original_language="sv",
        title_sv="Titel",
        lead_sv="Ingress.",
        body_sv="<p>Brödtext.</p>",
        title_en="",
        lead_en="",
        body_en="",
    )

    workflow.transition(release=release, to="published", user=make_publisher())

    assert PressRelease.objects.published().filter(pk=release.pk).exists()


def test_publishing_now_sets_the_publication_time_to_now():
    release = release_in("approved", published_at=timezone.now() - timedelta(days=9))

    workflow.transition(release=release, to="published", user=make_publisher())

    release.refresh_from_db()
    assert abs(release.published_at - timezone.now()) < timedelta(seconds=5)
    assert release.is_public


def test_a_withdrawn_release_is_republished_at_its_original_time_and_address():
    published_at = timezone.now() - timedelta(days=30)
    release = release_in("withdrawn", published_at=published_at)
    address = release.get_absolute_url()

    workflow.transition(release=release, to="published", user=make_publisher())

    release.refresh_from_db()
    assert release.published_at == published_at
    assert release.get_absolute_url() == address


def test_scheduling_publishes_in_every_language_at_the_second_it_falls_due(client):
    release = release_in("approved", title_en="Due at ten", title_sv="Klockan tio")
    # Two days ahead, so the dated URL always lies after the server's
    # date.today(): the date views must not add a future check of their own.
    due = (timezone.now() + timedelta(days=2)).replace(microsecond=0)

    step = workflow.transition(
        release=release, to="published", user=make_publisher(), publish_at=due
    )

    assert step.published_at == due
    assert workflow.state_name(release) == "Scheduled"
    for moment, status in ((due - timedelta(seconds=1), 404), (due, 200)):
        with mock.patch("django.utils.timezone.now", return_value=moment):
            visible = PressRelease.objects.published().filter(pk=release.pk)
            assert visible.exists() is (status == 200)
            for language, title in (("en", "Due at ten"), ("sv", "Klockan tio")):
                response = client.get(release.url_in(language))
                assert response.status_code == status, (moment, language)
                assert (title in response.content.decode()) is (status == 200)


def test_a_schedule_can_be_cancelled_only_before_the_release_is_public():
    publisher = make_publisher()
    scheduled = release_in("published")
    live = make_release()

    workflow.transition(release=scheduled, to="approved", user=publisher)

    assert scheduled.status == "approved"
    with pytest.raises(ValidationError):
        workflow.transition(release=live, to="approved", user=publisher)


def test_the_step_is_checked_against_the_stored_state_not_the_callers_copy():
    release = make_release()  # published
    stale = PressRelease.objects.get(pk=release.pk)
    stale.status = "draft"

    with pytest.raises(ValidationError):
        workflow.transition(release=stale, to="review", user=make_author())

    assert PressRelease.objects.get(pk=release.pk).status == "published"


def test_a_step_writes_only_status_and_time_never_unsaved_content():
    release = release_in("approved", title_en="As approved")
    release.title_en = "Changed in memory, never saved"

    workflow.transition(release=release, to="published", user=make_publisher())

    assert PressRelease.objects.get(pk=release.pk).title_en == "As approved"


def test_nobody_logged_in_takes_no_step():
    with pytest.raises(PermissionDenied):
        workflow.transition(release=make_draft(), to="review", user=None)


# Roles ----------------------------------------------------------------------


def test_authors_and_publishers_have_their_permissions():
    groups = sync_roles()
    authors = {p.codename for p in groups[AUTHORS].permissions.all()}
    publishers = {p.codename for p in groups[PUBLISHERS].permissions.all()}

    assert {"add_pressrelease", "change_pressrelease", "view_pressrelease"} <= authors
    assert {"delete_presscontact", "add_topic", "change_speaker"} <= authors
    assert "publish_pressrelease" not in authors
    assert "delete_pressrelease" not in authors
    assert "delete_topic" not in authors
    assert authors | {"publish_pressrelease", "delete_pressrelease"} <= publishers
    assert not any("releasetransition" in codename for codename in publishers)


def test_syncing_roles_again_keeps_what_an_administrator_added():
    groups = sync_roles()
    extra = groups[AUTHORS].permissions.model.objects.get(codename="delete_topic")
    groups[AUTHORS].permissions.add(extra)

    sync_roles()

    assert Group.objects.get(name=AUTHORS).permissions.filter(pk=extra.pk).exists()
    assert Group.objects.filter(name__in=[AUTHORS, PUBLISHERS]).count() == 2


# The admin: buttons, confirmation, forged requests --------------------------


def test_the_change_form_offers_an_author_only_submit_and_no_status_field(client):
    client.force_login(make_author())
    release = make_draft()

    response = client.get(url("change", release.pk))

    html = response.content.decode()
    assert 'name="status"' not in html
    assert 'value="submit"' in html
    for step in ("approve", "publish", "withdraw", "send-back"):
        assert 'value="%s"' % step not in html
    assert "Create preview link" not in html


def test_the_change_form_offers_a_publisher_the_steps_from_review(client):
    client.force_login(make_publisher())
    release = release_in("review")

    html = client.get(url("change", release.pk)).content.decode()

    assert [
        s
        for s in ("submit", "approve", "publish", "send-back", "withdraw")
        if 'name="_workflow" value="%s"' % s in html
    ] == [
        "approve",
        "publish",
        "send-back",
    ]


def test_a_step_button_saves_the_edits_then_asks_for_confirmation(client):
    client.force_login(make_author())
    release = make_draft(title_en="Before")
    data = form_data(client.get(url("change", release.pk)))
    data.update(title_en="After", _workflow="submit")

    response = client.post(url("change", release.pk), data)

    assert response.status_code == 302
    assert response["Location"] == step_url(release, "submit")
    release.refresh_from_db()
    assert (release.title_en, release.status) == ("After", "draft")

    response = client.post(step_url(release, "submit"), {"comment": "Please check."})

    assert response.status_code == 302
    release.refresh_from_db()
    assert release.status == "review"
    assert release.transitions.get().comment == "Please check."


def test_an_author_posting_status_published_to_the_form_saves_a_draft(client):
    client.force_login(make_author())
    release = make_draft(title_en="Mine")
    data = form_data(client.get(url("change", release.pk)))
    data.update(status="published", title_en="Mine, edited")

    response = client.post(url("change", release.pk), data)

    assert response.status_code == 302
    release.refresh_from_db()
    assert (release.title_en, release.status) == ("Mine, edited", "draft")
    assert not PressRelease.objects.published().exists()


@pytest.mark.parametrize(
    "state,step",
    [
        ("review", "approve"),
        ("approved", "publish"),
        ("draft", "publish"),
        ("published", "withdraw"),
        ("review", "send-back"),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_author_calling_a_publishers_step_is_refused_and_nothing_changes(
    client, state, step, method
):
    client.force_login(make_author())
    release = release_in(state)

    response = getattr(client, method)(
        step_url(release, step), {"comment": "forged", "_now": "1"}
    )

    assert response.status_code == 403
    assert PressRelease.objects.get(pk=release.pk).status == state
    assert not ReleaseTransition.objects.exists()


@pytest.mark.parametrize("state", ["approved", "published", "withdrawn"])
def test_an_author_cannot_change_a_release_past_review(client, state):
    client.force_login(make_author())
    release = release_in(state, title_en="As approved")
    make_contact(release)

    page = client.get(url("change", release.pk))
    data = form_data(page)
    data.update(title_en="Quietly changed")
    response = client.post(url("change", release.pk), data)

    assert page.status_code == 200
    assert "View press release" in page.content.decode()
    assert response.status_code == 403
    assert PressRelease.objects.get(pk=release.pk).title_en == "As approved"
    assert release.contacts.count() == 1


def test_a_staff_user_without_a_role_cannot_see_releases_at_all(client):
    client.force_login(make_user("staff"))
    release = make_draft()

    assert client.get(url("change", release.pk)).status_code == 403
    assert client.post(step_url(release, "submit")).status_code == 403


def test_a_step_that_is_not_possible_from_the_current_state_is_refused(client):
    client.force_login(make_publisher())
    release = make_draft()

    response = client.post(step_url(release, "approve"), follow=True)

    assert PressRelease.objects.get(pk=release.pk).status == "draft"
    assert "This step is not possible: the release is “Draft”." in (
        response.content.decode()
    )


def test_an_unknown_step_is_404(client):
    client.force_login(make_publisher())

    assert client.get(step_url(make_draft(), "delete-everything")).status_code == 404


def test_a_publisher_schedules_a_release_for_a_future_time(client):
    client.force_login(make_publisher())
    release = release_in("approved")
    # At 9 a.m., whose "a.m." must not get a second full stop.
    due = timezone.localtime(timezone.now() + timedelta(days=2)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )

    response = client.post(
        step_url(release, "publish"),
        {
            "publish_at_0": due.strftime("%Y-%m-%d"),
            "publish_at_1": due.strftime("%H:%M:%S"),
            "comment": "Embargo until the plenary.",
            "_schedule": "1",
        },
        follow=True,
    )

    release.refresh_from_db()
    assert (release.status, release.published_at) == ("published", due)
    assert not release.is_public
    page = client.get(url("change", release.pk)).content.decode()
    assert "Scheduled for" in page
    assert "Embargo until the plenary." in page
    message = response.content.decode()
    assert "is now: Scheduled for" in message
    assert "9 a.m.</li>" in message and "a.m..</li>" not in message


def test_scheduling_in_the_past_is_refused_with_a_message(client):
    client.force_login(make_publisher())
    release = release_in("approved")
    past = timezone.localtime(timezone.now() - timedelta(hours=1))

    response = client.post(
        step_url(release, "publish"),
        {
            "publish_at_0": past.strftime("%Y-%m-%d"),
            "publish_at_1": past.strftime("%H:%M:%S"),
            "_schedule": "1",
        },
    )

    assert response.status_code == 200
    assert "A scheduled time must be in the future." in response.content.decode()
    assert PressRelease.objects.get(pk=release.pk).status == "approved"


def test_a_refused_publication_says_why_on_the_confirmation_page(client):
    client.force_login(make_publisher())
    release = make_draft(original_language="sv")

    response = client.post(step_url(release, "publish"), {"_now": "1"})

    assert response.status_code == 200
    assert "A release needs a title in its original language (svenska)." in (
        response.content.decode()
    )
    assert PressRelease.objects.get(pk=release.pk).status == "draft"


def test_an_author_sees_only_the_submit_action_and_a_forged_publish_does_nothing(
    client,
):
    client.force_login(make_author())
    release = make_draft()

    page = client.get(url("changelist"))
    actions = [
        choice[0] for choice in page.context["action_form"].fields["action"].choices
    ]
    response = client.post(
        url("changelist"),
        {"action": "publish", "_selected_action": [str(release.pk)]},
    )

    assert "submit_for_review" in actions
    assert "publish" not in actions and "withdraw" not in actions
    assert response.status_code in (200, 302)
    assert PressRelease.objects.get(pk=release.pk).status == "draft"


def test_the_publish_action_records_each_step_for_the_publisher(client):
    publisher = make_publisher()
    client.force_login(publisher)
    release = release_in("approved")

    client.post(
        url("changelist"),
        {"action": "publish", "_selected_action": [str(release.pk)]},
    )

    step = release.transitions.get()
    assert (step.from_status, step.to_status, step.user) == (
        "approved",
        "published",
        publisher,
    )


def test_the_history_page_shows_the_workflow_steps(client):
    publisher = make_publisher()
    client.force_login(publisher)
    release = release_in("review")
    workflow.transition(
        release=release, to="draft", user=publisher, comment="Needs a quote."
    )

    response = client.get(url("history", release.pk))

    html = response.content.decode()
    assert "Workflow history" in html
    assert "In review → Draft" in html
    assert "Needs a quote." in html


def test_the_list_shows_when_a_release_is_scheduled(admin_client):
    due = timezone.now() + timedelta(days=3)
    release_in("published", published_at=due, reference="COR/26/9")

    response = admin_client.get(url("changelist"), {"publication": "scheduled"})

    assert [r.reference for r in response.context["cl"].result_list] == ["COR/26/9"]
    assert "Scheduled for" in response.content.decode()
