"""The admin for communications staff: releases, speakers, topics and tags."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag

from releases.models import PressRelease, Speaker, Topic
from tests.admin_forms import add_inline_row, errors_of, form_data, png_upload
from tests.factories import (
    make_contact,
    make_draft,
    make_organisation,
    make_partnership,
    make_release,
    make_speaker,
    make_topic,
)

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


def url(model, view, *args):
    return reverse("admin:releases_%s_%s" % (model, view), args=args)


def assert_saved(response):
    assert response.status_code == 302, errors_of(response)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# Topics and speakers ------------------------------------------------------


def test_adding_a_topic_saves_its_names_per_language(admin_client):
    data = form_data(admin_client.get(url("topic", "add")))
    data.update(name_en="Migration", name_sv="Migration och asyl", slug="migration")

    assert_saved(admin_client.post(url("topic", "add"), data))

    topic = Topic.objects.get(slug="migration")
    assert (topic.name_en, topic.name_sv) == ("Migration", "Migration och asyl")


def test_changing_a_topic_adds_a_translation_and_keeps_the_rest(admin_client):
    topic = make_topic(name_en="Cohesion", description_en="Regions.")
    data = form_data(admin_client.get(url("topic", "change", topic.pk)))
    assert data["description_en"] == "Regions."
    data["name_de"] = "Kohäsion"

    assert_saved(admin_client.post(url("topic", "change", topic.pk), data))

    topic.refresh_from_db()
    assert (topic.name_en, topic.name_de, topic.description_en) == (
        "Cohesion",
        "Kohäsion",
        "Regions.",
    )


def test_adding_a_speaker_saves_affiliation_role_and_photo(
    admin_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    committee = make_organisation(name_en="European Committee of the Regions")
    data = form_data(admin_client.get(url("speaker", "add")))
    data.update(
        name="Apostolos Tzitzikostas",
        slug="apostolos-tzitzikostas",
        role_en="President of the European Committee of the Regions",
        role_sv="Europeiska regionkommitténs ordförande",
        country="EL",
        political_group="EPP",
        organisation=str(committee.pk),
        photo=png_upload("portrait.png"),
        photo_alt_en="Apostolos Tzitzikostas at the plenary session",
    )

    assert_saved(admin_client.post(url("speaker", "add"), data))

    speaker = Speaker.objects.get(slug="apostolos-tzitzikostas")
    assert speaker.display_name == "Apostolos Tzitzikostas (EL–EPP)"
    assert speaker.organisation == committee
    assert speaker.role_sv == "Europeiska regionkommitténs ordförande"
    # Stored re-encoded, under the hash of its content (tests/test_images.py).
    assert re.fullmatch(r"speakers/[0-9a-f]{32}\.png", speaker.photo.name)
    assert (tmp_path / speaker.photo.name).exists()


def test_a_speaker_photo_that_is_not_an_image_is_refused(
    admin_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    data = form_data(admin_client.get(url("speaker", "add")))
    data.update(
        name="Ylva Johansson",
        slug="ylva-johansson",
        photo=SimpleUploadedFile("photo.png", b"not an image", "image/png"),
    )

    response = admin_client.post(url("speaker", "add"), data)

    assert response.status_code == 200
    assert "photo" in response.context["adminform"].form.errors
    assert not Speaker.objects.exists()


def test_changing_a_speaker_updates_country_and_group(admin_client):
    speaker = make_speaker(name="Ylva Johansson", country="SE")
    data = form_data(admin_client.get(url("speaker", "change", speaker.pk)))
    data.update(political_group="PES", role_en="European Commissioner")

    assert_saved(admin_client.post(url("speaker", "change", speaker.pk), data))

    speaker.refresh_from_db()
    assert speaker.display_name == "Ylva Johansson (SE–PES)"
    assert speaker.role_en == "European Commissioner"


# Press releases: add and change -------------------------------------------


def release_form(admin_client, **fields):
    data = form_data(admin_client.get(url("pressrelease", "add")))
    data.update(
        reference="COR/20/123",
        title_en="Cities and regions for integration",
        published_at_0="2020-12-12",
        published_at_1="10:30:00",
    )
    data.update(fields)
    return data


def test_adding_a_release_saves_content_classification_people_and_publication(
    admin_client,
):
    migration, cohesion = make_topic(), make_topic()
    partnership = make_partnership()
    earlier = make_release()
    president = make_speaker(name="Apostolos Tzitzikostas")
    make_release(tags=["Migration"])  # an existing tag, in another case
    data = release_form(
        admin_client,
        original_language="sv",
        title_sv="Städer och regioner för integration",
        lead_sv="Ett nytt partnerskap.",
        body_sv="<p>Första stycket.</p>",
        more_information_sv="<p>Ytterligare information</p>",
        kind="news",
        topics=[str(migration.pk), str(cohesion.pk)],
        tags=["migration", "Integration"],
        partnership=str(partnership.pk),
        related=[str(earlier.pk)],
        slug="cities-for-integration",
        # Not a field: the status changes only through the workflow's steps.
        status="published",
    )
    add_inline_row(
        data,
        "quotes",
        speaker=str(president.pk),
        role_sv="Europeiska regionkommitténs ordförande",
        quote_sv="Integration sker lokalt.",
        position="0",
    )
    add_inline_row(
        data,
        "contacts",
        name="Press Officer",
        role_en="Spokesperson",
        email="press@cor.europa.eu",
        phone="+32 2 282 22 11",
        position="0",
    )

    assert_saved(admin_client.post(url("pressrelease", "add"), data))

    release = PressRelease.objects.get(reference="COR/20/123")
    assert release.original_language == "sv"
    assert release.title_sv == "Städer och regioner för integration"
    assert release.body_sv == "<p>Första stycket.</p>"
    assert release.kind == "news"
    assert release.status == "draft"
    assert release.slug == "cities-for-integration"
    assert release.published_at == datetime(2020, 12, 12, 10, 30, tzinfo=BRUSSELS)
    assert set(release.topics.all()) == {migration, cohesion}
    assert release.partnership == partnership
    assert list(release.related.all()) == [earlier]
    assert set(release.tags.names()) == {"Migration", "Integration"}
    assert Tag.objects.count() == 2
    [quote] = release.quotes.all()
    assert (quote.speaker, quote.role_sv, quote.quote_sv) == (
        president,
        "Europeiska regionkommitténs ordförande",
        "Integration sker lokalt.",
    )
    [contact] = release.contacts.all()
    assert (contact.name, contact.role_en, contact.phone) == (
        "Press Officer",
        "Spokesperson",
        "+32 2 282 22 11",
    )


def test_a_release_without_a_slug_gets_one_from_its_original_title(admin_client):
    data = release_form(
        admin_client,
        original_language="sv",
        title_en="",
        title_sv="Städer för integration",
        slug="",
    )

    assert_saved(admin_client.post(url("pressrelease", "add"), data))

    assert PressRelease.objects.get().slug == "stader-for-integration"


def test_changing_a_release_edits_quotes_and_removes_a_contact(admin_client):
    speaker = make_speaker()
    release = make_release(title_en="Before", speakers=[speaker], tags=["cities"])
    make_contact(release, name="Leaving Officer")
    data = form_data(admin_client.get(url("pressrelease", "change", release.pk)))
    assert data["tags"] == ["cities"]
    data.update(
        {
            "title_en": "After",
            "title_fr": "Après",
            "tags": ["cities", "regions"],
            "quotes-0-quote_en": "We act locally.",
            "contacts-0-DELETE": "on",
        }
    )

    assert_saved(admin_client.post(url("pressrelease", "change", release.pk), data))

    release.refresh_from_db()
    assert (release.title_en, release.title_fr) == ("After", "Après")
    assert set(release.tags.names()) == {"cities", "regions"}
    assert release.quotes.get().quote_en == "We act locally."
    assert not release.contacts.exists()
    assert release.available_languages() == ["en", "fr"]


def test_the_form_says_when_the_original_language_has_no_title(admin_client):
    data = release_form(admin_client, original_language="sv", title_sv="")

    response = admin_client.post(url("pressrelease", "add"), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["title_sv"] == [
        "A release needs a title in its original language (svenska)."
    ]
    assert not PressRelease.objects.exists()


def test_a_press_contact_needs_an_email_or_a_phone(admin_client):
    data = release_form(admin_client)
    add_inline_row(data, "contacts", name="Nobody", email="", phone="", position="0")

    response = admin_client.post(url("pressrelease", "add"), data)

    assert response.status_code == 200
    assert "Give an email address or a phone number." in str(
        errors_of(response)["contacts"]
    )
    assert "Constraint" not in response.content.decode()
    assert not PressRelease.objects.exists()


def test_an_invalid_contact_email_is_the_only_error_named(admin_client):
    data = release_form(admin_client)
    add_inline_row(
        data, "contacts", name="Press", email="press@", phone="", position="0"
    )

    response = admin_client.post(url("pressrelease", "add"), data)

    assert response.status_code == 200
    errors = str(errors_of(response)["contacts"])
    assert "Enter a valid email address." in errors
    assert "Give an email address or a phone number." not in errors
    assert not PressRelease.objects.exists()


def test_a_release_cannot_be_related_to_itself(admin_client):
    release = make_release()
    data = form_data(admin_client.get(url("pressrelease", "change", release.pk)))
    data["related"] = [str(release.pk)]

    response = admin_client.post(url("pressrelease", "change", release.pk), data)

    assert response.context["adminform"].form.errors["related"] == [
        "A release cannot be related to itself."
    ]


# Press releases: the change form ------------------------------------------


def test_the_change_form_follows_content_classification_people_publication(
    admin_client,
):
    release = make_release()

    response = admin_client.get(url("pressrelease", "change", release.pk))

    headings = re.findall(
        r'<h2 id="[^"]*heading" class="[^"]*">\s*(.*?)\s*</h2>',
        response.content.decode(),
    )
    assert headings == [
        "Content",
        "Classification",
        "Images",
        "Speakers quoted",
        "Press contacts",
        "Publication",
    ]
    # "View on site": the public page, since the release is public.
    assert 'href="%s" class="viewsitelink"' % release.url_in("en") in (
        response.content.decode()
    )


def test_the_change_form_has_a_tab_per_language_for_translated_fields(
    admin_client, settings
):
    response = admin_client.get(url("pressrelease", "add"))

    html = response.content.decode()
    for field in ("title", "lead", "body", "more_information"):
        for code, _name in settings.LANGUAGES:
            assert "mt-field-%s-%s" % (field, code) in html
    assert settings.STATIC_URL + settings.MODELTRANSLATION_JQUERY_UI_URL in html


def test_the_slug_is_prepopulated_from_the_english_title(admin_client):
    response = admin_client.get(url("pressrelease", "add"))

    fields = response.context["prepopulated_fields"]
    assert [
        (field["field"].name, [dep.name for dep in field["dependencies"]])
        for field in fields
    ] == [("slug", ["title_en"])]


ADMIN_PAGES = [
    ("releases", "topic"),
    ("releases", "speaker"),
    ("releases", "pressrelease"),
    ("partnerships", "organisation"),
    ("partnerships", "partnership"),
]


@pytest.mark.parametrize(("app", "model"), ADMIN_PAGES)
def test_add_forms_load_nothing_from_outside_the_site(
    admin_client, settings, app, model
):
    response = admin_client.get(reverse("admin:%s_%s_add" % (app, model)))

    html = response.content.decode()
    assert "googleapis" not in html
    addresses = re.findall(r'(?:src|href)="([^"]*)"', html)
    external = [a for a in addresses if re.match(r"(?i)^(?:[a-z]+:)?//", a)]
    assert external == []
    # And every local script and style sheet is there to be served.
    missing = [
        a
        for a in addresses
        if a.startswith(settings.STATIC_URL)
        and not finders.find(a.removeprefix(settings.STATIC_URL))
    ]
    assert missing == []


# Tags ---------------------------------------------------------------------


def test_tag_autocomplete_answers_with_the_names_of_matching_tags(admin_client):
    make_release(tags=["migration", "integration", "cohesion"])

    response = admin_client.get(
        reverse("admin:taggit_tag_autocomplete"),
        {
            "term": "gra",
            "app_label": "releases",
            "model_name": "pressrelease",
            "field_name": "tags",
        },
    )

    assert response.json()["results"] == [
        {"id": "integration", "text": "integration"},
        {"id": "migration", "text": "migration"},
    ]


def test_tag_autocomplete_is_for_staff_only(client):
    response = client.get(reverse("admin:taggit_tag_autocomplete"), {"term": "m"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_tags_field_shows_the_release_tags_selected(admin_client):
    release = make_release(tags=["migration"])

    response = admin_client.get(url("pressrelease", "change", release.pk))

    tags = re.search(
        r"<select name=\"tags\"[^>]*>.*?</select>", response.content.decode(), re.S
    )
    assert 'class="admin-tag-autocomplete"' in tags.group()
    assert '<option value="migration" selected>migration</option>' in tags.group()


def test_tag_names_are_trimmed_and_kept_once_whatever_their_case(admin_client):
    data = release_form(admin_client, tags=["Cities ", "cities", " ", "new  tag"])

    assert_saved(admin_client.post(url("pressrelease", "add"), data))

    assert sorted(PressRelease.objects.get().tags.names()) == ["Cities", "new tag"]


def test_saving_a_release_as_it_was_logs_no_change_to_its_tags(admin_client):
    release = make_release(tags=["Migration", "cities"])
    data = form_data(admin_client.get(url("pressrelease", "change", release.pk)))

    assert_saved(admin_client.post(url("pressrelease", "change", release.pk), data))

    entry = LogEntry.objects.get(object_id=str(release.pk))
    assert entry.get_change_message() == "No fields changed."


def test_a_link_the_sanitiser_would_drop_is_an_error_that_keeps_the_input(
    admin_client,
):
    body = (
        '<p>See <a href="JaVa&#x09;Script:alert(1)">this</a>, '
        '<a href="ftp://files.example.eu/">that</a> and '
        '<a href="https://cor.europa.eu/">the Committee</a>.</p>'
    )
    data = release_form(admin_client, body_en=body)

    response = admin_client.post(url("pressrelease", "add"), data)

    assert response.status_code == 200
    [error] = errors_of(response)["form"]["body_en"]
    assert error.startswith("Links may lead only to web addresses")
    assert error.endswith("JaVa\tScript:alert(1), ftp://files.example.eu/")
    assert response.context["adminform"].form["body_en"].value() == body
    assert not PressRelease.objects.exists()

    data["body_en"] = body.replace("JaVa&#x09;Script:alert(1)", "#").replace(
        "ftp://files.example.eu/", "https://files.example.eu/"
    )
    assert_saved(admin_client.post(url("pressrelease", "add"), data))


def test_rich_text_the_editor_reformats_is_not_a_change(admin_client):
    release = make_release(
        body_en="<p>Three areas:</p><ul><li>Dialogue</li><li>Data</li></ul>",
        body_sv="<p>Tre områden:</p><ul><li>Dialog</li></ul>",
        lead_en="Before.",
    )
    stored = PressRelease.objects.get(pk=release.pk).body_en
    data = form_data(admin_client.get(url("pressrelease", "change", release.pk)))
    # What the editor posts back for untouched text: the same blocks with
    # other line breaks between them.
    data["body_en"] = (
        "<p>Three areas:</p>\r\n\r\n<ul>\r\n<li>Dialogue</li> <li>Data</li></ul>"
    )
    data["body_sv"] = "<p>Tre områden:</p><ul>\n  <li>Dialog</li>\n</ul>\n"
    data["lead_en"] = "After."

    assert_saved(admin_client.post(url("pressrelease", "change", release.pk), data))

    entry = LogEntry.objects.get(object_id=str(release.pk))
    assert entry.get_change_message() == "Changed Lead [en]."
    release.refresh_from_db()
    assert release.body_en == stored


@pytest.mark.parametrize(
    ("model_name", "field_name", "make", "term"),
    [
        (
            "pressrelease",
            "topics",
            lambda: make_topic(name_sv="Sammanhållning"),
            "sammanh",
        ),
        (
            "pressrelease",
            "partnership",
            lambda: make_partnership(name_fr="Villes"),
            "vill",
        ),
        ("pressrelease", "related", lambda: make_release(title_de="Städte"), "städte"),
        (
            "pressreleasespeaker",
            "speaker",
            lambda: make_speaker(name="Ylva Johansson"),
            "johan",
        ),
        ("speaker", "organisation", lambda: make_organisation(acronym_sv="ReK"), "rek"),
    ],
)
def test_autocomplete_finds_related_objects_in_any_language(
    admin_client, model_name, field_name, make, term
):
    target = make()

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": term,
            "app_label": "releases",
            "model_name": model_name,
            "field_name": field_name,
        },
    )

    assert [result["id"] for result in response.json()["results"]] == [str(target.pk)]


# Press releases: the list -------------------------------------------------


def test_the_list_shows_the_languages_a_release_is_available_in(admin_client):
    make_release(
        reference="COR/20/1",
        title_en="Cities",
        title_sv="Städer",
        original_language="sv",
    )

    response = admin_client.get(url("pressrelease", "changelist"))

    assert response.status_code == 200
    assert (
        '<td class="field-languages">'
        '<abbr title="English">EN</abbr> '
        '<abbr title="Swedish, original language"><strong>SV</strong></abbr>'
        "</td>"
    ) in response.content.decode()


def test_the_list_shows_titles_in_the_editors_language_with_fallback(admin_client):
    make_release(title_en="Cities", title_sv="Städer")
    make_release(title_en="Only in English")

    response = admin_client.get(
        url("pressrelease", "changelist"), HTTP_ACCEPT_LANGUAGE="sv"
    )

    html = response.content.decode()
    assert ">Städer<" in html
    assert ">Cities<" not in html
    assert '<span lang="en">Only in English</span>' in html


def test_the_list_filters_by_status_kind_topic_partnership_and_language(
    admin_client,
):
    topic, partnership = make_topic(), make_partnership()
    wanted = make_release(topics=[topic], partnership=partnership, kind="news")
    make_release(topics=[topic], kind="news")
    make_draft(topics=[topic], partnership=partnership, kind="news")

    response = admin_client.get(
        url("pressrelease", "changelist"),
        {
            "status__exact": "published",
            "kind__exact": "news",
            "topics__id__exact": topic.pk,
            "partnership__id__exact": partnership.pk,
            "original_language__exact": "en",
        },
    )

    changelist = response.context["cl"]
    assert [spec.title for spec in changelist.filter_specs] == [
        "status",
        "publication",
        "kind",
        "topics",
        "partnership",
        "original language",
    ]
    assert list(changelist.result_list) == [wanted]


def test_the_list_has_a_date_hierarchy_by_publication_date(admin_client):
    make_release(published_at=datetime(2020, 12, 12, 10, tzinfo=BRUSSELS))
    recent = make_release()

    response = admin_client.get(
        url("pressrelease", "changelist"),
        {"published_at__year": recent.published_at.year},
    )

    assert list(response.context["cl"].result_list) == [recent]


@pytest.mark.parametrize(
    "term",
    ["Städer och regioner", "städer", "COR/20/123", "Partnerschaft"],
    ids=["swedish-title", "swedish-title-lowercase", "reference", "german-lead"],
)
def test_search_finds_a_release_by_reference_and_by_title_or_lead_in_any_language(
    admin_client, term
):
    wanted = make_release(
        reference="COR/20/123",
        title_sv="Städer och regioner för integration",
        lead_de="Eine neue Partnerschaft.",
    )
    make_release(reference="COR/21/001", title_en="Something else")

    response = admin_client.get(url("pressrelease", "changelist"), {"q": term})

    assert list(response.context["cl"].result_list) == [wanted]


def test_the_list_takes_the_same_queries_for_one_release_or_many(admin_client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            admin_client.get(url("pressrelease", "changelist"))
        return len(captured)

    make_release(title_sv="En")
    one = queries()
    for _ in range(5):
        make_release(title_sv="Fler", topics=[make_topic()])

    assert queries() == one


# Press releases: actions --------------------------------------------------


def run_action(admin_client, action, releases):
    return admin_client.post(
        url("pressrelease", "changelist"),
        {"action": action, "_selected_action": [str(r.pk) for r in releases]},
    )


def test_publishing_publishes_the_drafts_that_pass_validation_and_says_why_not(
    admin_client,
):
    drafts = [make_draft(), make_draft()]
    untitled = make_draft(reference="COR/20/404", original_language="sv")

    response = run_action(admin_client, "publish", [*drafts, untitled])

    assert response.status_code == 302
    statuses = dict(PressRelease.objects.values_list("pk", "status"))
    assert [statuses[r.pk] for r in drafts] == ["published", "published"]
    assert statuses[untitled.pk] == "draft"
    assert messages_of(response) == [
        "2 press releases were published.",
        "1 press release could not be published: COR/20/404: "
        "A release needs a title in its original language (svenska).",
    ]
    assert LogEntry.objects.filter(
        object_id=str(drafts[0].pk)
    ).get().get_change_message() == ("Changed Status.")


def test_publishing_one_release_says_so_in_the_singular(admin_client):
    response = run_action(admin_client, "publish", [make_draft(), make_release()])

    assert messages_of(response) == ["1 press release was published."]


def test_withdrawing_takes_published_releases_off_the_site(admin_client):
    published = make_release()
    draft = make_draft()

    response = run_action(admin_client, "withdraw", [published, draft])

    published.refresh_from_db()
    draft.refresh_from_db()
    assert (published.status, draft.status) == ("withdrawn", "draft")
    assert messages_of(response) == ["1 press release was withdrawn."]


def test_withdrawing_reports_the_count_in_the_plural(admin_client):
    releases = [make_release(), make_release(), make_release()]

    response = run_action(admin_client, "withdraw", releases)

    assert not PressRelease.objects.published().exists()
    assert messages_of(response) == ["3 press releases were withdrawn."]
