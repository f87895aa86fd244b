from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from releases.models import PressRelease, Topic
from tests.factories import (
    make_draft,
    make_future,
    make_release,
    make_speaker,
    make_topic,
)

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_future_releases():
    public = make_release()
    make_draft()
    make_future()
    assert list(PressRelease.objects.published()) == [public]


def test_release_becomes_public_the_moment_it_falls_due():
    release = make_release(published_at=timezone.now() + timedelta(seconds=1))
    assert not PressRelease.objects.published().filter(pk=release.pk).exists()
    PressRelease.objects.filter(pk=release.pk).update(
        published_at=timezone.now() - timedelta(microseconds=1)
    )
    assert PressRelease.objects.published().filter(pk=release.pk).exists()


def test_reference_is_unique_in_the_database():
    make_release(reference="COR/20/1")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_release(reference="COR/20/1")


def test_invalid_kind_is_refused_by_the_database():
    release = make_release()
    with pytest.raises(IntegrityError), transaction.atomic():
        PressRelease.objects.filter(pk=release.pk).update(kind="rumour")


def test_speaker_country_must_be_a_member_state_code():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_speaker(country="GR")  # the EU writes EL for Greece


@pytest.mark.parametrize(
    ("language", "title", "expected"),
    [
        (
            "sv",
            "ReK och kommissionen lanserar ett partnerskap för integration",
            "rek-och-kommissionen-lanserar-ett-partnerskap-for-integration",
        ),
        ("el", "Η ΕτΠ και η Επιτροπή", "i-etp-kai-i-epitropi"),
        ("bg", "КР и Комисията", "kr-i-komisiyata"),
    ],
)
def test_slug_is_ascii_transliteration_of_the_original_title(language, title, expected):
    release = make_release(
        slug="",
        original_language=language,
        title_en="",
        **{"title_%s" % language: title},
    )
    assert release.slug == expected
    with translation.override("de"):
        assert release.get_absolute_url().endswith("/%s/" % expected)


def test_slug_never_empty_and_unique():
    first = make_release(slug="", title_en="!!!")
    second = make_release(slug="", title_en="???")
    assert first.slug == "release"
    assert second.slug == "release-2"


def test_topic_counts_only_published_releases():
    topic = make_topic()
    make_release(topics=[topic])
    make_draft(topics=[topic])
    make_future(topics=[topic])
    assert Topic.objects.with_release_counts().get(pk=topic.pk).release_count == 1


def test_for_topic_and_quoting_chain_on_published():
    topic, speaker = make_topic(), make_speaker()
    quoted = make_release(topics=[topic], speakers=[speaker])
    make_release(topics=[topic])
    make_draft(topics=[topic], speakers=[speaker])
    assert list(PressRelease.objects.published().for_topic(topic).quoting(speaker)) == [
        quoted
    ]


def test_body_is_sanitised_in_every_language_on_save():
    release = make_release(
        body_en='<p onclick="x()">Hi<script>alert(1)</script></p>',
        body_sv='<a href="javascript:alert(1)">länk</a><img src=x onerror=alert(1)>',
    )
    release.refresh_from_db()
    assert release.body_en == "<p>Hi</p>"
    assert "javascript" not in release.body_sv and "onerror" not in release.body_sv
    assert "länk" in release.body_sv


@pytest.mark.parametrize(
    ("requested", "original", "expected_language"),
    # English comes before the original (issue 9, point 5); without English,
    # the original: tests/releases/test_fallback.py.
    [("sv", "sv", "sv"), ("de", "sv", "en"), ("fr", "de", "en"), ("en", "sv", "en")],
)
def test_fallback_order_requested_then_english_then_original(
    requested, original, expected_language
):
    values = {
        "title_en": "English title",
        "title_sv": "Svensk titel",
        "original_language": original,
    }
    release = make_release(**values)
    with translation.override(requested):
        title = release.i18n.title
    assert title.language == expected_language
    assert title.is_fallback == (expected_language != requested)
    assert (
        str(title) == {"sv": "Svensk titel", "en": "English title"}[expected_language]
    )


def test_fallback_never_gives_an_empty_title():
    release = make_release(title_en="", title_lt="Pranešimas", original_language="lt")
    with translation.override("sv"):
        assert str(release.i18n.title) == "Pranešimas"
    release = make_release(
        title_en="", title_lt="", title_mt="Stqarrija", original_language="mt"
    )
    with translation.override("fr"):
        assert release.i18n.title.language == "mt"


def test_speaker_display_uses_eu_country_code_and_group():
    speaker = make_speaker(
        name="Apostolos Tzitzikostas", country="EL", political_group="EPP"
    )
    assert speaker.display_name == "Apostolos Tzitzikostas (EL–EPP)"
    assert make_speaker(name="Ylva Johansson").display_name == "Ylva Johansson"
