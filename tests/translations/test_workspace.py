"""The translator's workspace: the queue and the side-by-side editor."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from releases.models import PressRelease, PressReleaseSpeaker
from tests.admin_forms import form_data
from tests.factories import (
    make_contact,
    make_organisation,
    make_release,
    make_speaker,
    make_topic,
)
from tests.users import make_translator
from translations import services
from translations.services import Status

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:translations_queue")


def editor_url(obj, language):
    return reverse(
        "admin:translations_editor",
        kwargs={"model": obj._meta.model_name, "pk": obj.pk, "language": language},
    )


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def outdate(release, **source):
    """Change the release's source after its translations were made."""
    for name, value in source.items():
        setattr(release, name, value)
    release.save()
    return release


def stored(obj):
    """Every column of ``obj``'s row, per-language columns included."""
    names = [field.attname for field in obj._meta.concrete_fields]
    return type(obj).objects.values(*names).get(pk=obj.pk)


def queue_rows(response):
    return [
        (row["type_label"], str(row["label"]), row["status"]["value"])
        for row in response.context["rows"]
    ]


@pytest.fixture
def translator_client(client, translator):
    client.force_login(translator)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# The queue -------------------------------------------------------------------


def test_queue_lists_work_first_then_newest_releases_first(translator_client):
    done = make_release(
        title_en="Done",
        lead_en="",
        body_en="",
        title_sv="Klar",
        published_at=days_ago(1),
    )
    old_missing = make_release(
        title_en="Old missing", lead_en="", body_en="", published_at=days_ago(30)
    )
    outdated = make_release(
        title_en="Outdated",
        lead_en="",
        body_en="",
        title_sv="Föråldrad",
        published_at=days_ago(10),
    )
    outdate(outdated, title_en="Outdated, changed")
    new_missing = make_release(
        title_en="New missing", lead_en="", body_en="", published_at=days_ago(2)
    )

    response = translator_client.get(QUEUE)

    assert response.status_code == 200
    rows = [row for row in queue_rows(response) if row[0] == "Press release"]
    assert rows == [
        ("Press release", "New missing", "missing"),
        ("Press release", "Föråldrad", "outdated"),
        ("Press release", "Old missing", "missing"),
        ("Press release", "Klar", "up_to_date"),
    ]
    assert {done, old_missing, new_missing}  # all created
    assertContains(response, editor_url(outdated, "sv"))


def test_queue_counts_each_status(translator_client):
    make_release(title_en="A", lead_en="", body_en="", title_sv="A")
    make_release(title_en="B", lead_en="", body_en="")
    make_release(title_en="C", lead_en="", body_en="")
    outdate(
        make_release(title_en="D", lead_en="", body_en="", title_sv="D"), title_en="D!"
    )
    make_topic(name_en="Cohesion", name_sv="Sammanhållning")

    counts = translator_client.get(QUEUE).context["counts"]

    assert counts == {
        Status.MISSING: 2,
        Status.OUTDATED: 1,
        Status.UP_TO_DATE: 2,  # a release and a topic
    }


def test_queue_covers_topics_speakers_organisations_and_partnerships(
    translator_client,
):
    make_topic(name_en="Cohesion")
    make_speaker(name="Anna Lind", role_en="Member")
    make_organisation(name_en="City of Malmö")

    rows = queue_rows(translator_client.get(QUEUE))

    assert ("Topic", "Cohesion", "missing") in rows
    assert ("Speaker", "Anna Lind", "missing") in rows
    assert ("Organisation", "City of Malmö", "missing") in rows


def test_queue_filters_by_type_kind_topic_and_status(translator_client):
    migration = make_topic(name_en="Migration", name_sv="Migration")
    news = make_release(
        title_en="News on migration",
        lead_en="",
        body_en="",
        kind=PressRelease.Kind.NEWS,
        topics=[migration],
    )
    statement = make_release(
        title_en="A statement",
        lead_en="",
        body_en="",
        title_sv="Ett uttalande",
        kind=PressRelease.Kind.STATEMENT,
    )

    def labels(**params):
        response = translator_client.get(QUEUE, params)
        return [label for _type, label, _status in queue_rows(response)]

    assert labels(type="topic") == ["Migration"]
    assert labels(kind="news") == [news.title_en]
    assert labels(topic=migration.pk) == [news.title_en]
    assert labels(kind="statement") == [statement.title_sv]
    assert labels(type="pressrelease", status="up_to_date") == ["Ett uttalande"]
    assert labels(type="pressrelease", status="work") == [news.title_en]


def test_a_translator_sees_only_their_languages(client):
    translator = make_translator("translator-fi-sv", languages=["fi", "sv"])
    client.force_login(translator)
    make_release(title_en="One", lead_en="", body_en="", title_de="Eins")

    response = client.get(QUEUE, {"language": "de"})

    assert [choice["code"] for choice in response.context["languages"]] == ["fi", "sv"]
    # Asking for another language gives their first, not German.
    assert response.context["language"] == "fi"
    assertNotContains(response, "Eins")


def test_releases_written_in_the_language_are_not_in_its_queue(translator_client):
    make_release(original_language="sv", title_sv="Skriven på svenska", title_en="")

    rows = queue_rows(translator_client.get(QUEUE))

    assert not [row for row in rows if row[0] == "Press release"]


def test_an_editor_may_pick_any_language(editor_client):
    make_release(title_en="One", lead_en="", body_en="", title_de="Eins")

    response = editor_client.get(QUEUE, {"language": "de"})

    assert len(response.context["languages"]) == 24
    assert response.context["language"] == "de"
    assert ("Press release", "Eins", "up_to_date") in queue_rows(response)
    assertContains(response, reverse("admin:translations_coverage"))


def test_staff_without_languages_have_no_workspace(client):
    user = get_user_model().objects.create_user("nobody", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(QUEUE).status_code == 403
    make_release()
    release = PressRelease.objects.get()
    assert client.get(editor_url(release, "sv")).status_code == 403


def test_the_workspace_is_for_logged_in_staff_only(client):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_admin_index_links_translators_to_their_queue(translator_client):
    response = translator_client.get(reverse("admin:index"))
    assertContains(response, 'href="%s"' % QUEUE)


# The side-by-side editor -----------------------------------------------------


@pytest.fixture
def release():
    """English, translated into Swedish, then its title and body changed."""
    release = make_release(
        title_en="Regions meet in Brussels",
        lead_en="Mayors and regional leaders meet.",
        body_en="<p>The meeting <strong>starts</strong> at noon.</p>",
        title_sv="Regionerna möts i Bryssel",
        lead_sv="Borgmästare och regionala ledare möts.",
        body_sv="<p>Mötet <strong>börjar</strong> vid lunch.</p>",
        topics=[make_topic()],
    )
    return outdate(
        release,
        title_en="Regions meet in Strasbourg",
        body_en="<p>The meeting <strong>starts</strong> at one.</p>",
    )


def post_editor(client, obj, language, changes, button="_save"):
    url = editor_url(obj, language)
    data = form_data(client.get(url))
    data.update(changes)
    data[button] = "1"
    return client.post(url, data)


def test_editor_shows_the_source_beside_the_translation_and_the_diff(
    translator_client, release
):
    response = translator_client.get(editor_url(release, "sv"))

    assert response.status_code == 200
    rows = {row["unit"].field: row for row in response.context["rows"]}
    assert rows["title"]["status"]["value"] == "outdated"
    assert rows["lead"]["status"]["value"] == "up_to_date"
    assertContains(
        response,
        '<div class="tw-diff__text" lang="en">Regions meet in '
        "<del>Brussels</del><ins>Strasbourg</ins></div>",
        html=True,
    )
    # Rich text keeps its formatting on the source side...
    assertContains(response, "<p>The meeting <strong>starts</strong> at one.</p>")
    # ... and the translation is edited with the rich-text field.
    assertContains(response, 'name="pressrelease-%d-body"' % release.pk)
    assertContains(response, "Regionerna möts i Bryssel")
    assertContains(response, "Save and confirm as up to date")


def test_save_writes_only_the_languages_columns(translator_client, release):
    before = stored(release)
    key = "pressrelease-%d-title" % release.pk

    response = post_editor(
        translator_client, release, "sv", {key: "Regionerna möts i Strasbourg"}
    )

    assert response.status_code == 302
    after = stored(release)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"title_sv", "updated_at"}
    assert after["title_sv"] == "Regionerna möts i Strasbourg"
    release.refresh_from_db()
    statuses = services.status(release, "sv")
    assert statuses["title"] == Status.UP_TO_DATE
    # The body was not touched: still outdated until confirmed or changed.
    assert statuses["body"] == Status.OUTDATED
    record = services.record_for(release, "title", "sv")
    assert record.translated_by.username == "translator-sv"
    assert record.source_text == "Regions meet in Strasbourg"


def test_save_and_confirm_makes_every_translated_field_up_to_date(
    translator_client, release
):
    response = post_editor(
        translator_client,
        release,
        "sv",
        {"pressrelease-%d-title" % release.pk: "Regionerna möts i Strasbourg"},
        button="_confirm",
    )

    assert response.status_code == 302
    release.refresh_from_db()
    assert set(services.status(release, "sv").values()) == {Status.UP_TO_DATE}
    assert release.body_sv == "<p>Mötet <strong>börjar</strong> vid lunch.</p>"
    record = services.record_for(release, "body", "sv")
    assert record.confirmed_by.username == "translator-sv"
    page = translator_client.get(response["Location"])
    assertContains(page, "Saved; 3 fields confirmed as up to date.")
    assert page.context["overall"]["value"] == "up_to_date"


def test_forged_fields_in_the_post_change_nothing(translator_client, release):
    before = stored(release)
    topics = list(release.topics.all())

    response = post_editor(
        translator_client,
        release,
        "sv",
        {
            "title_en": "Hacked",
            "title_sv": "Hacked",
            "title_de": "Hacked",
            "status": PressRelease.Status.DRAFT,
            "slug": "hacked",
            "topics": [],
            "original_language": "sv",
            "pressrelease-%d-title_en" % release.pk: "Hacked",
            "pressrelease-%d-status" % release.pk: "draft",
        },
    )

    assert response.status_code == 302
    assert stored(release) == before
    assert list(release.topics.all()) == topics


def test_another_language_is_refused_and_changes_nothing(translator_client, release):
    before = stored(release)
    url = editor_url(release, "de")

    assert translator_client.get(url).status_code == 403
    response = translator_client.post(
        url, {"pressrelease-%d-title" % release.pk: "Gehackt", "_save": "1"}
    )

    assert response.status_code == 403
    assert stored(release) == before


def test_the_original_language_is_not_translated_here(translator_client):
    release = make_release(original_language="sv", title_sv="Svensk", title_en="")

    response = translator_client.get(editor_url(release, "sv"))

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:releases_pressrelease_change", args=[release.pk]
    )
    response = translator_client.post(
        editor_url(release, "sv"),
        {"pressrelease-%d-title" % release.pk: "Ändrad", "_save": "1"},
    )
    release.refresh_from_db()
    assert release.title_sv == "Svensk"


def test_a_translator_needs_the_right_to_see_the_model(client, release):
    translator = make_translator("translator-no-view")
    translator.user_permissions.clear()
    client.force_login(translator)
    assert client.get(editor_url(release, "sv")).status_code == 403


def test_an_editor_translates_into_any_language(editor_client, release):
    response = post_editor(
        editor_client,
        release,
        "de",
        {"pressrelease-%d-title" % release.pk: "Regionen treffen sich"},
    )
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.title_de == "Regionen treffen sich"


def test_the_editor_is_csrf_protected(translator, release):
    client = Client(enforce_csrf_checks=True)
    client.force_login(translator)

    response = client.post(
        editor_url(release, "sv"),
        {"pressrelease-%d-title" % release.pk: "Utan token", "_save": "1"},
    )

    assert response.status_code == 403
    release.refresh_from_db()
    assert release.title_sv == "Regionerna möts i Bryssel"


def test_rich_text_is_sanitised_on_save(translator_client, release):
    post_editor(
        translator_client,
        release,
        "sv",
        {
            "pressrelease-%d-body"
            % release.pk: '<p onclick="x()">Mötet <em>börjar</em> vid ett.</p>'
            "<script>alert(1)</script>"
        },
    )
    release.refresh_from_db()
    assert release.body_sv == "<p>Mötet <em>börjar</em> vid ett.</p>"


def test_too_long_text_is_refused_with_the_fields_error(translator_client, release):
    response = post_editor(
        translator_client,
        release,
        "sv",
        {"pressrelease-%d-title" % release.pk: "x" * 301},
    )
    assert response.status_code == 200
    assertContains(response, "Ensure this value has at most 300 characters")
    release.refresh_from_db()
    assert release.title_sv == "Regionerna möts i Bryssel"


def test_quotes_and_contacts_are_translated_with_their_release(translator_client):
    release = make_release(title_en="One", lead_en="", body_en="")
    quote = PressReleaseSpeaker.objects.create(
        release=release, speaker=make_speaker(), quote_en="We act now."
    )
    contact = make_contact(release, role_en="Spokesperson")

    post_editor(
        translator_client,
        release,
        "sv",
        {
            "pressreleasespeaker-%d-quote" % quote.pk: "Vi agerar nu.",
            "presscontact-%d-role" % contact.pk: "Talesperson",
        },
    )

    quote.refresh_from_db()
    contact.refresh_from_db()
    assert (quote.quote_sv, quote.quote_en) == ("Vi agerar nu.", "We act now.")
    assert contact.role_sv == "Talesperson"


def test_a_field_someone_else_changed_meanwhile_is_not_overwritten(
    translator_client, release
):
    url = editor_url(release, "sv")
    data = form_data(translator_client.get(url))
    # Another translator saves the title while this one is still typing.
    PressRelease.objects.get(pk=release.pk).__class__.objects.filter(
        pk=release.pk
    ).update(title_sv="Någon annans rubrik")
    data["pressrelease-%d-title" % release.pk] = "Min rubrik"
    data["_save"] = "1"

    response = translator_client.post(url, data)

    assert response.status_code == 200
    assertContains(response, "Not saved: while you were working, someone changed")
    release.refresh_from_db()
    assert release.title_sv == "Någon annans rubrik"
    # The form keeps what this translator typed.
    assertContains(response, 'value="Min rubrik"')


def test_a_field_this_user_left_alone_keeps_another_users_change(
    translator_client, release
):
    url = editor_url(release, "sv")
    data = form_data(translator_client.get(url))
    PressRelease.objects.filter(pk=release.pk).update(lead_sv="Någon annans ingress")
    data["pressrelease-%d-title" % release.pk] = "Min rubrik"
    data["_save"] = "1"

    response = translator_client.post(url, data)

    assert response.status_code == 302
    release.refresh_from_db()
    assert release.title_sv == "Min rubrik"
    assert release.lead_sv == "Någon annans ingress"


def test_confirming_is_refused_when_the_source_changed_meanwhile(
    translator_client, release
):
    url = editor_url(release, "sv")
    data = form_data(translator_client.get(url))
    outdate(PressRelease.objects.get(pk=release.pk), lead_en="A new lead.")
    data["_confirm"] = "1"

    response = translator_client.post(url, data)

    assert response.status_code == 200
    release.refresh_from_db()
    assert services.status(release, "sv")["lead"] == Status.OUTDATED


def test_editor_links_to_the_other_languages_of_the_translator(client, release):
    translator = make_translator("translator-fi-sv", languages=["fi", "sv"])
    client.force_login(translator)

    response = client.get(editor_url(release, "sv"))

    assert [other["code"] for other in response.context["other_languages"]] == ["fi"]


def test_topics_are_translated_in_the_same_editor(translator_client):
    topic = make_topic(name_en="Cohesion", description_en="Regions catching up.")

    post_editor(
        translator_client,
        topic,
        "sv",
        {
            "topic-%d-name" % topic.pk: "Sammanhållning",
            "topic-%d-description" % topic.pk: "Regioner som kommer ikapp.",
        },
    )

    topic.refresh_from_db()
    assert (topic.name_sv, topic.name_en) == ("Sammanhållning", "Cohesion")
    assert set(services.status(topic, "sv").values()) == {Status.UP_TO_DATE}


def test_a_saved_translation_is_kept_in_the_release_history(translator_client, release):
    from reversion.models import Version

    from history.revisions import describe

    post_editor(
        translator_client,
        release,
        "sv",
        {"pressrelease-%d-title" % release.pk: "Regionerna möts i Strasbourg"},
    )

    version = Version.objects.get_for_object(release).order_by("-pk").first()
    assert version.revision.user.username == "translator-sv"
    assert describe(version.revision) == "Changed Title [sv]."


def test_the_queue_needs_the_same_queries_for_3_or_12_releases(translator_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(count):
        for n in range(count):
            release = make_release(title_en="R%d" % n, title_sv="R%d" % n)
            PressReleaseSpeaker.objects.create(
                release=release, speaker=make_speaker(), quote_en="Q"
            )
            make_contact(release, role_en="Press")
            outdate(release, title_en="R%d changed" % n)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert translator_client.get(QUEUE).status_code == 200
        return len(captured)

    add(3)
    queries()  # content types are looked up once, then cached
    few = queries()
    add(9)
    assert queries() == few


def test_the_queue_tells_a_scheduled_release_from_a_published_one(translator_client):
    make_release(title_en="Out already", reference="COR/26/0101")
    make_release(
        title_en="Out on Friday",
        reference="COR/26/0102",
        published_at=timezone.now() + timedelta(days=2),
    )

    response = translator_client.get(QUEUE, {"language": "sv"})

    assertContains(response, "COR/26/0101 · Published")
    assertContains(response, "COR/26/0102 · Scheduled")


def test_an_editor_without_languages_starts_in_the_admin_s_language(editor_client):
    make_release(title_en="A release")

    swedish = editor_client.get(QUEUE, HTTP_ACCEPT_LANGUAGE="sv")
    english = editor_client.get(QUEUE, HTTP_ACCEPT_LANGUAGE="en")

    assert swedish.context["language"] == "sv"
    # English is the usual source: the first other language, not English.
    assert english.context["language"] == "bg"
