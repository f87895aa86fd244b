"""Documents follow every write: admin-free saves, workflow, translations, import."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from releases import workflow
from releases.models import PressRelease, PressReleaseSpeaker
from search.models import SearchDocument
from tests.admin_forms import form_data
from tests.factories import make_draft, make_release, make_speaker, make_topic
from tests.search.conftest import search, titles
from tests.translations.test_workspace import post_editor
from tests.users import make_publisher, make_translator

pytestmark = pytest.mark.django_db


def found(client, q, language="en"):
    return titles(search(client, language, q=q))


def test_an_edited_release_is_found_by_its_new_words(client):
    release = make_release(title_en="Old harbour")
    release.title_en = "New lighthouse"
    release.save()
    assert found(client, "lighthouse") == ["New lighthouse"]
    assert found(client, "harbour") == []


def test_a_release_saved_in_the_admin_is_found_by_its_new_words(admin_client, client):
    release = make_release(title_en="Old harbour")
    change = reverse("admin:releases_pressrelease_change", args=[release.pk])
    data = form_data(admin_client.get(change))
    data["title_en"] = "Admin lighthouse"
    data["body_sv"] = "<p>Fyren i hamnen.</p>"
    data["title_sv"] = "Fyren"
    response = admin_client.post(change, data)
    assert response.status_code == 302, response.context["errors"]
    assert found(client, "lighthouse") == ["Admin lighthouse"]
    assert found(client, "fyren", "sv") == ["Fyren"]


def test_a_new_translation_adds_a_document_and_removing_it_drops_it(client):
    release = make_release(title_en="Harbour")
    release.title_sv = "Hamnen"
    release.save()
    assert found(client, "hamnen", "sv") == ["Hamnen"]
    release.title_sv = ""
    release.save()
    assert not SearchDocument.objects.filter(release=release, language="sv").exists()
    assert found(client, "hamnen", "sv") == []


def test_publish_and_withdraw_through_the_workflow(client):
    publisher = make_publisher()
    release = make_draft(title_en="Workflow zeppelin", lead_en="A lead.")
    assert found(client, "zeppelin") == []
    workflow.transition(
        release=release, to=PressRelease.Status.PUBLISHED, user=publisher
    )
    assert found(client, "zeppelin") == ["Workflow zeppelin"]
    workflow.transition(
        release=release, to=PressRelease.Status.WITHDRAWN, user=publisher
    )
    assert found(client, "zeppelin") == []


def test_a_scheduled_release_is_found_from_its_time_on(client):
    publisher = make_publisher()
    release = make_draft(title_en="Scheduled zeppelin", lead_en="A lead.")
    workflow.transition(
        release=release,
        to=PressRelease.Status.PUBLISHED,
        user=publisher,
        publish_at=timezone.now() + timedelta(hours=1),
    )
    assert found(client, "zeppelin") == []
    # Time passes; nothing is saved, nothing reindexed.
    PressRelease.objects.filter(pk=release.pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )
    assert found(client, "zeppelin") == ["Scheduled zeppelin"]


def test_a_translation_saved_in_the_workspace_is_found(client):
    release = make_release(title_en="Regions meet", title_sv="Regionerna möts")
    translator = make_translator()
    client.force_login(translator)
    key = "pressrelease-%d-title" % release.pk
    response = post_editor(client, release, "sv", {key: "Borgmästarna möts"})
    assert response.status_code == 302
    client.logout()
    assert found(client, "borgmastarna", "sv") == ["Borgmästarna möts"]
    assert found(client, "regionerna", "sv") == []


def test_quotes_themes_and_names_reindex_their_releases(client):
    topic = make_topic(name_en="Fisheries")
    speaker = make_speaker(name="Quoted Person")
    release = make_release(title_en="Release", topics=[topic])
    quote = PressReleaseSpeaker.objects.create(
        release=release, speaker=speaker, quote_en="We build dikes."
    )
    assert found(client, "dikes") == ["Release"]
    assert found(client, "quoted") == ["Release"]

    topic.name_en = "Aquaculture"
    topic.save()
    assert found(client, "aquaculture") == ["Release"]
    assert found(client, "fisheries") == []

    speaker.name = "Renamed Speaker"
    speaker.save()
    assert found(client, "renamed") == ["Release"]

    quote.delete()
    assert found(client, "dikes") == []

    other = make_topic(name_en="Forestry")
    other.releases.add(release)
    assert found(client, "forestry") == ["Release"]
    other.releases.clear()
    assert found(client, "forestry") == []
    release.topics.remove(topic)
    assert found(client, "aquaculture") == []
    release.topics.add(topic)
    topic.delete()
    assert found(client, "aquaculture") == []


def test_the_legacy_import_indexes_what_it_imports(client, settings):
    from pathlib import Path

    seed = Path(settings.BASE_DIR) / "demo" / "data" / "seed_sv.txt"
    call_command(
        "import_legacy", str(seed), "--language", "sv", "--publish", stdout=StringIO()
    )
    release = PressRelease.objects.get()
    assert SearchDocument.objects.filter(release=release, language="sv").exists()
    assert found(client, "migration", "sv") == [release.title_sv]


def test_rebuild_command_rebuilds_what_bulk_writes_skipped(client):
    PressRelease.objects.bulk_create(
        [
            PressRelease(
                reference="BULK/%d" % n,
                slug="bulk-%d" % n,
                title_en="Bulk harbour %d" % n,
                status=PressRelease.Status.PUBLISHED,
                published_at=timezone.now() - timedelta(hours=n + 1),
            )
            for n in range(3)
        ]
    )
    assert found(client, "harbour") == []
    out = StringIO()
    call_command("rebuild_search_index", "--batch-size", "2", stdout=out)
    assert out.getvalue() == "Indexed 3 releases.\n"
    assert found(client, "harbour") == [
        "Bulk harbour 0",
        "Bulk harbour 1",
        "Bulk harbour 2",
    ]


def test_rebuild_command_refuses_a_bad_batch_size():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--batch-size must be 1 or more."):
        call_command("rebuild_search_index", "--batch-size", "0")


def test_deleting_a_release_with_quotes_and_themes_deletes_its_documents(client):
    release = make_release(
        title_en="Going", topics=[make_topic()], speakers=[make_speaker()]
    )
    PressRelease.objects.filter(pk=release.pk).first().delete()
    make_release(title_en="Bulk going", speakers=[make_speaker()])
    PressRelease.objects.filter(title_en="Bulk going").delete()
    assert not SearchDocument.objects.exists()
    assert found(client, "going") == []


def test_an_xliff_import_is_found_in_its_language(client):
    from tests.translations.test_xliff import export, translate_all
    from tests.users import make_staff
    from translations.xliff.importer import import_file

    release = make_release(
        title_en="Cities back the plan",
        body_en="<p>Regions welcome it.</p>",
        speakers=[make_speaker()],
    )
    PressReleaseSpeaker.objects.filter(release=release).update(quote_en="We deliver.")
    release = PressRelease.objects.get(pk=release.pk)
    translated = translate_all(export(release, "2.0"), "2.0")
    report = import_file(
        translated, filename="sv.xlf", user=make_staff("e", superuser=True)
    )
    assert report.ok, report.errors
    assert found(client, "welcome", "sv") == ["CITIES BACK THE PLAN"]
    assert found(client, "deliver", "sv") == ["CITIES BACK THE PLAN"]
