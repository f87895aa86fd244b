"""Revisions: one per save, with its author; compare; restore; who may do what."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation
from reversion.models import Revision, Version

from history import revisions
from partnerships.models import Organisation, Partnership
from releases.models import PressRelease, Speaker, Topic
from tests.admin_forms import add_inline_row, errors_of, form_data
from tests.factories import (
    make_area,
    make_contact,
    make_draft,
    make_organisation,
    make_partnership,
    make_release,
    make_speaker,
    make_topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_superuser(
        "anna", "anna@example.eu", "x", first_name="Anna", last_name="Lind"
    )
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def admin_url(obj, view, *args):
    opts = obj._meta
    return reverse(
        "admin:%s_%s_%s" % (opts.app_label, opts.model_name, view),
        args=(obj.pk, *args),
    )


def versions_of(obj):
    return Version.objects.get_for_object(obj).select_related("revision__user")


def save_in_admin(client, obj, **changes):
    data = form_data(client.get(admin_url(obj, "change")))
    data.update(changes)
    response = client.post(admin_url(obj, "change"), data)
    assert response.status_code == 302, errors_of(response)
    return response


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# A revision per save -----------------------------------------------------------


def test_every_admin_save_of_a_release_keeps_a_revision_with_its_author(editor):
    release = make_draft(title_en="Cohesion")

    save_in_admin(editor, release, title_en="Cohesion policy")
    save_in_admin(editor, release, title_sv="Sammanhållningspolitik")

    saved = [v for v in versions_of(release).order_by("pk") if v.revision.user]
    assert [v.revision.user.username for v in saved] == ["anna", "anna"]
    titles = [revisions.version_state(v).fields["title_en"] for v in saved]
    assert titles == ["Cohesion policy", "Cohesion policy"]
    assert revisions.version_state(saved[-1]).fields["title_sv"] == (
        "Sammanhållningspolitik"
    )
    assert saved[0].revision.date_created <= saved[1].revision.date_created


def test_a_save_that_changes_nothing_adds_no_revision(editor):
    release = make_draft(title_en="Cohesion", body_en="<p>One.</p><p>Two.</p>")
    save_in_admin(editor, release, title_en="Cohesion policy")
    count = versions_of(release).count()

    save_in_admin(editor, release)
    save_in_admin(editor, release)

    assert versions_of(release).count() == count


@pytest.mark.parametrize(
    ("make", "changes"),
    [
        (make_topic, {"name_sv": "Migration och asyl"}),
        (make_speaker, {"role_sv": "Ledamot"}),
        (make_organisation, {"name_sv": "Regionkommittén"}),
        (make_partnership, {"name_sv": "Partnerskap"}),
    ],
    ids=["topic", "speaker", "organisation", "partnership"],
)
def test_saving_topics_speakers_organisations_partnerships_keeps_a_revision(
    editor, make, changes
):
    obj = make()

    save_in_admin(editor, obj, **changes)

    latest = versions_of(obj).order_by("-pk").first()
    assert latest.revision.user == editor.user
    ((column, value),) = changes.items()
    assert revisions.version_state(latest).fields[column] == value


def test_a_release_version_holds_its_quotes_contacts_topics_and_tags(editor):
    topic = make_topic(name_en="Migration")
    speaker = make_speaker(name="Ylva Johansson")
    release = make_draft(topics=[topic], speakers=[speaker], tags=["asylum"])
    make_contact(release, name="Press Office")
    data = form_data(editor.get(admin_url(release, "change")))
    data["quotes-0-quote_sv"] = "Vi måste agera."
    data["tags"] = ["asylum", "Solidarity"]

    assert editor.post(admin_url(release, "change"), data).status_code == 302

    state = revisions.version_state(versions_of(release).order_by("-pk").first())
    assert state.fields["topics"] == [topic.pk]
    assert state.fields["tags"] == ["asylum", "Solidarity"]
    (quote,) = state.children["quotes"].values()
    assert quote.fields["quote_sv"] == "Vi måste agera."
    assert quote.fields["speaker"] == speaker.pk
    (contact,) = state.children["contacts"].values()
    assert contact.fields["name"] == "Press Office"


def test_a_partnership_version_holds_its_areas_of_work(editor):
    partnership = make_partnership()
    make_area(partnership, title_en="Housing")

    save_in_admin(editor, partnership, **{"areas-0-title_sv": "Bostäder"})

    state = revisions.version_state(versions_of(partnership).order_by("-pk").first())
    (area,) = state.children["areas"].values()
    assert (area.fields["title_en"], area.fields["title_sv"]) == ("Housing", "Bostäder")


def test_the_legacy_import_keeps_a_revision_of_what_it_wrote():
    from releases.legacy.importer import import_legacy_release
    from releases.legacy.parser import parse_legacy
    from tests.releases.test_import import SEED

    outcome = import_legacy_release(
        parsed=parse_legacy(SEED.read_text(encoding="utf-8")), language="sv"
    )

    (version,) = versions_of(outcome.release)
    assert version.revision.user is None
    assert revisions.describe(version.revision) == (
        "Imported from a page of the old website (sv)."
    )
    state = revisions.version_state(version)
    assert state.fields["title_sv"] == outcome.release.title_sv
    assert len(state.children["quotes"]) == outcome.release.quotes.count()


def test_a_release_saved_before_revisions_gets_a_first_revision_when_opened(editor):
    release = make_release(title_en="Older than the history")
    assert not versions_of(release).exists()

    editor.get(admin_url(release, "change"))

    (version,) = versions_of(release)
    assert version.revision.user is None
    assert revisions.describe(version.revision) == "First recorded state."


# Compare -------------------------------------------------------------------------


def compare_url(obj, old, new):
    return admin_url(obj, "compare") + "?from=%d&to=%d" % (old.pk, new.pk)


def test_compare_shows_each_changed_field_per_language_and_nothing_else(editor):
    release = make_draft(
        title_en="Cohesion for all regions",
        title_sv="Sammanhållning",
        lead_en="Lead.",
        body_en="<p>Old body.</p>",
    )
    editor.get(admin_url(release, "change"))
    save_in_admin(
        editor,
        release,
        title_sv="Sammanhållning för alla regioner",
        body_en="<p>New body.</p>",
    )
    old, new = versions_of(release).order_by("pk")

    response = editor.get(compare_url(release, old, new))

    assert response.status_code == 200
    rows = {row.label: str(row.diff) for row in response.context["rows"]}
    assert set(rows) == {"Title (sv)", "Body (en)"}
    assert rows["Title (sv)"] == ("Sammanhållning<ins> för alla regioner</ins>")
    # Rich text reads as the reader sees it: words marked, no tags.
    assert rows["Body (en)"] == "<del>Old</del><ins>New</ins> body."
    assert b"Lead." not in response.content


def test_compare_is_word_level_and_covers_quotes_topics_and_tags(editor):
    topic, other = make_topic(name_en="Energy"), make_topic(name_en="Climate")
    speaker = make_speaker(name="Vasco Cordeiro")
    release = make_draft(
        title_en="Regions act on the climate now",
        topics=[topic],
        speakers=[speaker],
        tags=["energy"],
    )
    editor.get(admin_url(release, "change"))
    data = form_data(editor.get(admin_url(release, "change")))
    data.update(
        title_en="Regions act on energy now",
        topics=[str(other.pk)],
        tags=["energy", "grids"],
    )
    data["quotes-0-quote_en"] = "We act."
    assert editor.post(admin_url(release, "change"), data).status_code == 302
    old, new = versions_of(release).order_by("pk")

    rows = editor.get(compare_url(release, old, new)).context["rows"]

    diffs = {(row.item, row.label): str(row.diff) for row in rows}
    assert diffs[("", "Title (en)")] == (
        "Regions act on <del>the climate</del><ins>energy</ins> now"
    )
    assert diffs[("", "Topics")] == "<ins>Climate</ins>, <del>Energy</del>"
    assert diffs[("", "Tags")] == "energy, <ins>grids</ins>"
    assert diffs[("Speakers quoted: Vasco Cordeiro", "Quote (en)")] == (
        "<ins>We act.</ins>"
    )


def test_compare_escapes_markup_in_titles(editor):
    release = make_draft(title_en="Safe title")
    editor.get(admin_url(release, "change"))
    save_in_admin(editor, release, title_en='<script>alert("x")</script> & <b>bold')
    old, new = versions_of(release).order_by("pk")

    response = editor.get(compare_url(release, old, new))

    content = response.content.decode()
    assert "<script>alert" not in content
    assert "<b>bold" not in content
    assert "<ins>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</ins>" in content
    assert "<ins>&amp; &lt;b&gt;bold</ins>" in content


def test_the_history_page_lists_revisions_to_compare(editor):
    release = make_draft(title_en="History")
    editor.get(admin_url(release, "change"))
    save_in_admin(editor, release, title_en="History, changed")
    old, new = versions_of(release).order_by("pk")

    response = editor.get(admin_url(release, "history"))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'action="%s"' % admin_url(release, "compare") in content
    assert 'name="from" value="%d"' % old.pk in content
    assert 'name="to" value="%d"' % new.pk in content
    assert compare_url(release, old, new).replace("&", "&amp;") in content
    assert "Changed Title [en]." in content


def test_revision_comments_read_in_the_readers_language(editor):
    release = make_draft(title_en="Read")
    save_in_admin(editor, release, lead_en="Changed lead.")
    version = versions_of(release).order_by("-pk").first()

    with translation.override("sv"):
        text = revisions.describe(version.revision)

    assert text == "Ändrade Lead [en]."


# Restore -------------------------------------------------------------------------


def test_restoring_a_version_creates_a_new_revision_and_loses_nothing(editor):
    speaker, other = make_speaker(name="First Speaker"), make_speaker(name="Later")
    release = make_draft(
        title_en="Original", title_sv="Original sv", speakers=[speaker]
    )
    editor.get(admin_url(release, "change"))
    original = versions_of(release).get()
    data = form_data(editor.get(admin_url(release, "change")))
    data.update(title_en="Rewritten", title_sv="")
    data["quotes-0-DELETE"] = "on"
    add_inline_row(data, "quotes", speaker=str(other.pk), quote_en="Added later.")
    assert editor.post(admin_url(release, "change"), data).status_code == 302
    before_restore = versions_of(release).count()

    response = editor.post(admin_url(release, "restore", original.pk))

    assert response.status_code == 302
    assert response.url == admin_url(release, "change")
    release.refresh_from_db()
    assert (release.title_en, release.title_sv) == ("Original", "Original sv")
    assert [q.speaker for q in release.quotes.all()] == [speaker]
    versions = list(versions_of(release).order_by("pk"))
    assert len(versions) == before_restore + 1
    assert versions[-1].revision.user == editor.user
    assert revisions.describe(versions[-1].revision).startswith(
        "Restored the version of"
    )
    # The rewritten state is still there, and can be restored in turn.
    rewritten = revisions.version_state(versions[-2])
    assert rewritten.fields["title_en"] == "Rewritten"
    assert any(
        child.fields["quote_en"] == "Added later."
        for child in rewritten.children["quotes"].values()
    )
    assert any("was restored" in message for message in messages_of(response))


def test_restoring_keeps_the_publication_status_and_time(editor):
    release = make_draft(title_en="Draft title")
    editor.get(admin_url(release, "change"))
    draft_version = versions_of(release).get()
    PressRelease.objects.filter(pk=release.pk).update(
        status=PressRelease.Status.PUBLISHED, title_en="Published title"
    )
    release.refresh_from_db()

    editor.post(admin_url(release, "restore", draft_version.pk))

    restored = PressRelease.objects.get(pk=release.pk)
    assert restored.title_en == "Draft title"
    assert restored.status == PressRelease.Status.PUBLISHED
    assert restored.published_at == release.published_at
    # The change made outside the admin was recorded before being replaced.
    assert any(
        revisions.version_state(v).fields["title_en"] == "Published title"
        for v in versions_of(release)
    )


def test_a_topic_can_be_restored_too(editor):
    topic = make_topic(name_en="Old name")
    editor.get(admin_url(topic, "change"))
    save_in_admin(editor, topic, name_en="New name")
    old = versions_of(topic).order_by("pk").first()

    editor.post(admin_url(topic, "restore", old.pk))

    assert Topic.objects.get(pk=topic.pk).name_en == "Old name"


# Permissions ---------------------------------------------------------------------


@pytest.fixture
def viewer(django_user_model):
    client = Client()
    user = django_user_model.objects.create_user("vera", password="x", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="view_pressrelease"),
    )
    client.force_login(user)
    return client


def test_a_user_without_change_permission_cannot_restore(editor, viewer):
    release = make_draft(title_en="Before")
    editor.get(admin_url(release, "change"))
    save_in_admin(editor, release, title_en="After")
    old = versions_of(release).order_by("pk").first()
    count = Revision.objects.count()

    response = viewer.post(admin_url(release, "restore", old.pk))

    assert response.status_code == 403
    assert PressRelease.objects.get(pk=release.pk).title_en == "After"
    assert Revision.objects.count() == count
    # They may compare, and are offered no restore button.
    page = viewer.get(compare_url(release, old, versions_of(release).first()))
    assert page.status_code == 200
    assert b"Restore the version" not in page.content


def test_restore_takes_only_post(editor):
    release = make_draft()
    editor.get(admin_url(release, "change"))
    version = versions_of(release).get()

    assert editor.get(admin_url(release, "restore", version.pk)).status_code == 405


def test_anonymous_visitors_cannot_see_compare_or_restore(client, editor):
    release = make_draft(title_en="Secret draft title")
    editor.get(admin_url(release, "change"))
    version = versions_of(release).get()

    compare = client.get(compare_url(release, version, version))
    restore = client.post(admin_url(release, "restore", version.pk))

    assert compare.status_code == 302
    assert compare.url.startswith(reverse("admin:login"))
    assert restore.status_code == 302
    assert b"Secret draft title" not in compare.content


def test_a_version_of_another_object_is_not_found(editor):
    first, second = make_draft(), make_draft()
    editor.get(admin_url(second, "change"))
    version = versions_of(second).get()

    response = editor.post(admin_url(first, "restore", version.pk))

    assert response.status_code == 404


def test_unregistered_models_stay_out_of_revisions():
    assert revisions.FOLLOW
    for model in (PressRelease, Topic, Speaker, Organisation, Partnership):
        import reversion

        assert reversion.is_registered(model)


def test_a_workflow_step_keeps_a_revision_with_who_and_which_step():
    from releases import workflow
    from tests.users import make_author

    author = make_author()
    release = make_draft(title_en="Ready for review")

    workflow.transition(release=release, to="review", user=author)

    latest = versions_of(release).order_by("-pk").first()
    assert latest.revision.user == author
    assert revisions.describe(latest.revision) == "Workflow: Draft → In review."
    assert revisions.version_state(latest).fields["status"] == "review"


def test_restoring_brings_back_a_deleted_image_with_its_caption(
    editor, settings, tmp_path
):
    from releases.models import ReleaseImage
    from tests.admin_forms import png_upload

    settings.MEDIA_ROOT = tmp_path
    release = make_draft(title_en="With a picture")
    image = ReleaseImage.objects.create(
        release=release, image=png_upload(), alt_en="A map", caption_en="Regions"
    )
    editor.get(admin_url(release, "change"))
    with_image = versions_of(release).get()
    image_pk = image.pk
    image.delete()

    editor.post(admin_url(release, "restore", with_image.pk))

    (restored,) = release.images.all()
    assert (restored.pk, restored.caption_en, restored.image.name) == (
        image_pk,
        "Regions",
        image.image.name,
    )


def test_every_revision_names_who_made_it(editor):
    """A user's name; "imported" for the legacy import; "system" otherwise."""
    release = make_draft(title_en="Named")
    revisions.record(
        release, comment=revisions.comment(revisions.IMPORTED, language="sv")
    )
    revisions.record(release)
    editor.get(admin_url(release, "change"))
    save_in_admin(editor, release, title_en="Named again")
    imported, system, saved = versions_of(release).order_by("pk")

    assert revisions.author(imported.revision) == "imported"
    assert revisions.author(system.revision) == "system"
    assert revisions.author(saved.revision) == saved.revision.user.get_username()
    history = editor.get(admin_url(release, "history")).content.decode()
    assert "imported" in history and "system" in history
    assert "unknown user" not in history
    compare = editor.get(compare_url(release, imported, saved)).content.decode()
    assert "imported" in compare and "unknown user" not in compare


def test_compare_leaves_out_columns_no_person_edits(editor):
    """An image's width and height follow its file: only the caption shows."""
    from releases.models import ReleaseImage
    from tests.images import make_release_image

    release = make_draft(title_en="Pictured")
    image = make_release_image(release, caption_en="Before")
    revisions.record(release)
    ReleaseImage.objects.filter(pk=image.pk).update(
        caption_en="After", width=999, height=777
    )
    revisions.record(release)
    old, new = versions_of(release).order_by("pk")

    rows = editor.get(compare_url(release, old, new)).context["rows"]

    labels = [row.label for row in rows]
    assert any("Caption" in label for label in labels), labels
    assert not any(
        word in label.lower() for label in labels for word in ("width", "height")
    ), labels
