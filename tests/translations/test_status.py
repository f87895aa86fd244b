"""Translation status: missing, up to date, outdated, across models and languages."""

import pytest
from django.utils import translation

from releases.models import PressContact, PressReleaseSpeaker
from tests.factories import (
    make_area,
    make_contact,
    make_organisation,
    make_partnership,
    make_release,
    make_speaker,
    make_topic,
)
from translations import services
from translations.fingerprints import fingerprint
from translations.models import TranslationRecord
from translations.services import Status

pytestmark = pytest.mark.django_db


def test_fingerprint_ignores_whitespace_runs_and_unicode_normalisation():
    assert fingerprint("Cities  and\n regions ") == fingerprint("Cities and regions")
    assert fingerprint("Caf\u00e9") == fingerprint("Cafe\u0301")
    assert fingerprint("Cities and regions") != fingerprint("Cities and region")
    assert fingerprint("<p>a</p>") != fingerprint("<p><strong>a</strong></p>")
    assert len(fingerprint("x")) == 16


def test_translatable_models_come_from_the_modeltranslation_registry():
    labels = {model._meta.label_lower for model in services.translatable_models()}
    assert {
        "releases.pressrelease",
        "releases.topic",
        "releases.speaker",
        "releases.pressreleasespeaker",
        "releases.presscontact",
        "partnerships.organisation",
        "partnerships.partnership",
        "partnerships.areaofwork",
    } <= labels
    fields = {
        model._meta.label_lower: fields
        for model, fields in services.translatable_models().items()
    }
    assert fields["releases.pressrelease"] == (
        "title",
        "lead",
        "body",
        "more_information",
    )


def test_source_language_is_the_release_original_else_english():
    release = make_release(original_language="sv", title_sv="Hej")
    speaker = make_speaker()
    quote = PressReleaseSpeaker.objects.create(release=release, speaker=speaker)
    assert services.source_language(release) == "sv"
    assert services.source_language(quote) == "sv"
    assert services.source_language(make_topic()) == "en"
    assert services.source_language(make_organisation()) == "en"


def test_missing_until_written_then_up_to_date():
    release = make_release(title_en="Regions meet", lead_en="Lead.", body_en="")
    assert services.status(release, "sv") == {
        "title": Status.MISSING,
        "lead": Status.MISSING,
    }
    release.title_sv = "Regionerna möts"
    release.save()
    assert services.status(release, "sv") == {
        "title": Status.UP_TO_DATE,
        "lead": Status.MISSING,
    }
    # Empty sources (body, more information) have nothing to translate.
    assert "body" not in services.status(release, "sv")


def test_the_original_language_is_original_not_a_translation():
    release = make_release(original_language="sv", title_sv="Hej", title_en="Hello")
    assert services.status(release, "sv")["title"] == Status.ORIGINAL
    assert services.status(release, "en")["title"] == Status.UP_TO_DATE


def test_changing_the_source_makes_a_saved_translation_outdated():
    release = make_release(title_en="Regions meet in Brussels")
    release.title_sv = "Regionerna möts i Bryssel"
    release.save()
    assert services.status(release, "sv")["title"] == Status.UP_TO_DATE

    release.title_en = "Regions meet in Strasbourg"
    release.save()
    assert services.status(release, "sv")["title"] == Status.OUTDATED
    record = services.record_for(release, "title", "sv")
    assert record.source_text == "Regions meet in Brussels"
    # The lead did not change: its translation is still up to date.
    assert services.status(release, "sv").get("lead") == Status.MISSING


def test_a_translation_written_with_its_source_turns_outdated_when_the_source_changes():
    """No record yet: up to date; the first source change records the old one."""
    release = make_release(title_en="First title", title_de="Erster Titel")
    assert not TranslationRecord.objects.exists()
    assert services.status(release, "de")["title"] == Status.UP_TO_DATE

    release.title_en = "Second title"
    release.save()
    assert services.status(release, "de")["title"] == Status.OUTDATED
    assert services.record_for(release, "title", "de").source_text == "First title"


def test_changing_the_source_again_keeps_the_source_the_translation_was_made_from():
    release = make_release(title_en="One", title_fr="Un")
    release.title_en = "Two"
    release.save()
    release.title_en = "Three"
    release.save()
    assert services.record_for(release, "title", "fr").source_text == "One"


def test_reverting_the_source_makes_the_translation_up_to_date_again():
    release = make_release(title_en="One", title_fr="Un")
    release.title_en = "Two"
    release.save()
    assert services.status(release, "fr")["title"] == Status.OUTDATED
    release.title_en = "One"
    release.save()
    assert services.status(release, "fr")["title"] == Status.UP_TO_DATE


def test_updating_an_outdated_translation_makes_it_up_to_date():
    release = make_release(title_en="One", title_fr="Un")
    release.title_en = "Two"
    release.save()
    release.title_fr = "Deux"
    release.save()
    assert services.status(release, "fr")["title"] == Status.UP_TO_DATE
    record = services.record_for(release, "title", "fr")
    assert (record.source_text, record.translated_at is not None) == ("Two", True)


def test_confirm_records_todays_source_for_translations_with_text():
    release = make_release(title_en="One", lead_en="Lead", body_en="", title_fr="Un")
    release.title_en = "One!"
    release.save()
    assert services.status(release, "fr")["title"] == Status.OUTDATED

    confirmed = services.confirm(obj=release, language="fr", user=None)
    assert confirmed == ["title"]  # the lead has no French: it stays missing
    assert services.status(release, "fr") == {
        "title": Status.UP_TO_DATE,
        "lead": Status.MISSING,
    }
    assert services.record_for(release, "title", "fr").confirmed_at is not None


def test_confirm_refuses_unknown_fields():
    release = make_release()
    with pytest.raises(ValueError):
        services.confirm(obj=release, language="fr", fields=["status"])


def test_save_limited_to_other_columns_records_nothing():
    release = make_release(title_en="One", title_fr="Un")
    release.title_en = "Two"
    release.status = release.Status.DRAFT
    release.save(update_fields=["status"])
    assert not TranslationRecord.objects.exists()


def test_record_saved_translation_for_writes_that_bypass_save():
    release = make_release(title_en="One")
    type(release).objects.filter(pk=release.pk).update(title_sv="Ett")
    release.refresh_from_db()
    assert services.record_saved_translation(
        obj=release, language="sv", fields=["title"]
    ) == ["title"]
    type(release).objects.filter(pk=release.pk).update(title_en="Two")
    release.refresh_from_db()
    assert services.status(release, "sv")["title"] == Status.OUTDATED


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: make_topic(name_en="Cohesion", name_sv="Sammanhållning"), "name"),
        (lambda: make_speaker(role_en="Member", role_sv="Ledamot"), "role"),
        (lambda: make_organisation(name_en="City", name_sv="Stad"), "name"),
        (lambda: make_partnership(name_en="Pact", name_sv="Pakt"), "name"),
        (
            lambda: make_area(make_partnership(), title_en="Data", title_sv="Data"),
            "title",
        ),
        (
            lambda: make_contact(make_release(), role_en="Press", role_sv="Press"),
            "role",
        ),
    ],
)
def test_every_translatable_model_turns_outdated_when_its_source_changes(make, field):
    obj = make()
    assert services.status(obj, "sv")[field] == Status.UP_TO_DATE
    assert services.status(obj, "de")[field] == Status.MISSING
    setattr(obj, field + "_en", "Changed source")
    obj.save()
    assert services.status(obj, "sv")[field] == Status.OUTDATED
    assert services.status(obj, "de")[field] == Status.MISSING


def test_a_quote_is_translated_from_its_release_original_language():
    release = make_release(original_language="de", title_de="Titel")
    quote = PressReleaseSpeaker.objects.create(
        release=release,
        speaker=make_speaker(),
        quote_de="Wir handeln.",
        quote_en="We act.",
    )
    assert services.status(quote, "en")["quote"] == Status.UP_TO_DATE
    quote.quote_de = "Wir handeln jetzt."
    quote.save()
    assert services.status(quote, "en")["quote"] == Status.OUTDATED
    assert services.status(quote, "de")["quote"] == Status.ORIGINAL


@pytest.mark.parametrize("language", ["fr", "sv", "ga"])
def test_status_does_not_depend_on_the_interface_language(language):
    release = make_release(title_en="One", title_fr="Un")
    with translation.override(language):
        assert services.status(release, "fr")["title"] == Status.UP_TO_DATE


def test_deleting_an_object_deletes_its_records():
    release = make_release(title_en="One", title_fr="Un")
    contact = make_contact(release, role_en="Press", role_fr="Presse")
    contact.role_en = "Press office"
    contact.save()
    release.title_en = "Two"
    release.save()
    assert TranslationRecord.objects.count() == 2
    release.delete()
    assert not TranslationRecord.objects.exists()
    assert not PressContact.objects.exists()


def test_overall_status_puts_outdated_before_missing():
    assert services.overall([Status.UP_TO_DATE, Status.MISSING]) == Status.MISSING
    assert services.overall([Status.MISSING, Status.OUTDATED]) == Status.OUTDATED
    assert services.overall([]) is None
