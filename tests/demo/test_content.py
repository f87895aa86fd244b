"""`manage.py load_demo`: the seed release, the world around it, and loading once."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from reversion.models import Revision, Version
from taggit.models import Tag

from demo import content as demo
from history import revisions
from partnerships.models import AreaOfWork, Organisation, Partnership
from releases.models import (
    PressContact,
    PressRelease,
    PressReleaseSpeaker,
    ReleaseTransition,
    Speaker,
    Topic,
)
from releases.roles import AUTHORS, PUBLISHERS

pytestmark = pytest.mark.django_db

MODELS = (
    Organisation,
    Partnership,
    AreaOfWork,
    Topic,
    Speaker,
    PressRelease,
    PressReleaseSpeaker,
    PressContact,
    Tag,
    ReleaseTransition,
    get_user_model(),
)


def load():
    out = io.StringIO()
    call_command("load_demo", stdout=out, no_color=True)
    return out.getvalue()


@pytest.fixture(scope="module", autouse=True)
def demo_output(django_db_setup, django_db_blocker):
    """Load the demo once for the module, and roll it back afterwards.

    Each test runs in a savepoint inside this transaction, so tests see the
    demo and cannot change it for the next one.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield load()
        transaction.set_rollback(True)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def seed():
    return PressRelease.objects.get(reference__startswith="LEGACY-")


def test_first_run_reports_what_it_loaded(demo_output):
    assert demo_output.splitlines()[0] == (
        "Loaded the demo: 49 releases (public: 46, draft: 1, in review: 1, "
        "scheduled: 1), including the seed LEGACY-20201212-38802cd0."
    )
    # Tests run with DEBUG off: the passwords are made up and printed once.
    for line, (role, user) in zip(
        demo_output.splitlines()[1:],
        (
            ("Admin", "admin"),
            ("Author", "author"),
            ("Publisher", "publisher"),
            ("Translator", "translator-sv"),
        ),
        strict=True,
    ):
        assert line.startswith(
            "%s login: http://127.0.0.1:8000/admin/  user: %s  password: "
            % (role, user)
        )


def test_the_committee_and_the_commission():
    cor = Organisation.objects.get(slug="european-committee-of-the-regions")
    assert cor.kind == Organisation.Kind.EU_INSTITUTION
    assert (cor.name_en, cor.acronym_en) == ("European Committee of the Regions", "CoR")
    assert (cor.name_sv, cor.acronym_sv) == ("Europeiska regionkommittén", "ReK")
    assert (cor.acronym_de, cor.acronym_fr) == ("AdR", "CdR")
    assert len(cor.available_languages("name")) >= 5
    commission = Organisation.objects.get(slug="european-commission")
    assert commission.kind == Organisation.Kind.EU_INSTITUTION
    assert commission.name_sv == "Europeiska kommissionen"


def test_the_seed_speakers_with_their_roles():
    tzitzikostas = Speaker.objects.get(name="Apostolos Tzitzikostas")
    assert tzitzikostas.display_name == "Apostolos Tzitzikostas (EL–EPP)"
    assert tzitzikostas.organisation.slug == "european-committee-of-the-regions"
    assert tzitzikostas.role_en == "President of the European Committee of the Regions"
    assert tzitzikostas.role_sv == "Europeiska regionkommitténs ordförande"
    assert len(tzitzikostas.available_languages("role")) >= 4

    johansson = Speaker.objects.get(name="Ylva Johansson")
    # Not a member of the Committee: no country, no group.
    assert johansson.display_name == "Ylva Johansson"
    assert johansson.organisation.slug == "european-commission"
    assert johansson.role_en == "European Commissioner for Home Affairs"
    assert johansson.role_sv == "EU-kommissionär med ansvar för inrikes frågor"


def test_the_partnership_builds_on_the_2019_initiative():
    partnership = Partnership.objects.get(slug="partnership-for-integration")
    initiative = Partnership.objects.get(slug="cities-and-regions-for-integration")
    assert partnership.kind == Partnership.Kind.PARTNERSHIP
    assert partnership.name_en == "Partnership for integration"
    assert partnership.name_sv == "Partnerskapet för integration"
    assert str(partnership.launched_on) == "2020-12-12"
    assert partnership.builds_on == initiative
    assert set(partnership.partners.values_list("slug", flat=True)) == {
        "european-committee-of-the-regions",
        "european-commission",
    }
    assert [area.title_sv for area in partnership.areas.all()] == [
        "Bygga upp en öppen och regelbunden dialog mellan EU-institutionerna och "
        "de lokala och regionala myndigheterna om integration",
        "Bygga upp kapacitet och främja erfarenhetsutbyte för lokala och regionala "
        "myndigheter",
        "Förbättra uppgifter och data om integration på lokal nivå",
    ]
    assert all(area.title_en for area in partnership.areas.all())

    assert initiative.kind == Partnership.Kind.INITIATIVE
    assert initiative.name_en == "Cities and Regions for Integration"
    assert initiative.launched_on.year == 2019
    assert list(initiative.partners.values_list("slug", flat=True)) == [
        "european-committee-of-the-regions"
    ]


def test_the_seed_is_imported_published_and_completed_in_english(seed):
    assert seed.is_public
    assert seed.original_language == "sv"
    assert seed.title_sv.startswith("ReK och kommissionen lanserar ett partnerskap")
    assert seed.body_sv.startswith("<p>Det nya partnerskapet för integration")
    assert seed.title_en.startswith("CoR and Commission launch partnership")
    assert seed.lead_en and seed.more_information_en
    # The links the scrape lost are restored in Swedish too.
    assert "cor.europa.eu" in seed.more_information_sv
    assert "<ul>\n<li>Building an open and regular dialogue" in seed.body_en
    assert seed.available_languages() == ["en", "sv"]
    assert seed.partnership.slug == "partnership-for-integration"
    assert timezone.localtime(seed.published_at).date().isoformat() == "2020-12-12"
    assert sorted(seed.topics.values_list("slug", flat=True)) == [
        "international-cooperation",
        "migration-asylum-and-integration-of-migrants",
    ]

    quoted, named = seed.quotes.select_related("speaker")
    assert quoted.speaker.name == "Apostolos Tzitzikostas"
    assert quoted.quote_sv.startswith("migration är inte en utmaning")
    assert quoted.quote_en.startswith("migration is not a challenge")
    assert quoted.role_en.startswith("President of the European Committee")
    assert named.speaker.name == "Ylva Johansson"
    assert not named.quote_sv

    assert seed.contacts.count() >= 1
    assert set(seed.tags.names()) == {"integration", "plenary session"}
    assert seed.related.exists()


def test_enough_releases_for_lists_archives_and_fallbacks():
    further = PressRelease.objects.filter(reference__startswith=demo.REFERENCE_PREFIX)
    public = PressRelease.objects.published()
    assert further.count() >= 45
    # More than two pages of 20, newest first.
    assert public.count() > 40
    assert set(public.values_list("kind", flat=True)) == set(PressRelease.Kind.values)
    years = {timezone.localtime(r.published_at).year for r in public}
    assert set(range(2019, 2026)) <= years
    assert Topic.objects.with_release_counts().filter(release_count__gte=3).count() >= 5

    languages = [r.available_languages() for r in further]
    for code in ("en", "sv", "de", "fr", "el"):
        assert any(code in available for available in languages), code
    # Some releases exist in one language only, not English: others fall back.
    assert {tuple(a) for a in languages if len(a) == 1} >= {
        ("sv",),
        ("de",),
        ("fr",),
        ("el",),
    }
    assert further.exclude(original_language="en").count() >= 5

    assert (
        PressReleaseSpeaker.objects.exclude(quote_en="").exclude(quote_en=None).count()
        > 10
    )
    assert further.filter(related__isnull=False).distinct().count() > 10
    assert Tag.objects.count() > 10
    assert PressContact.objects.count() > 10


def test_a_draft_one_in_review_and_one_scheduled_exist_but_are_not_public():
    drafts = PressRelease.objects.filter(status=PressRelease.Status.DRAFT)
    in_review = PressRelease.objects.filter(status=PressRelease.Status.REVIEW)
    scheduled = PressRelease.objects.filter(
        status=PressRelease.Status.PUBLISHED, published_at__gt=timezone.now()
    )
    assert (drafts.count(), in_review.count(), scheduled.count()) == (1, 1, 1)
    public = PressRelease.objects.published()
    hidden = [r.pk for r in (*drafts, *in_review, *scheduled)]
    assert not public.filter(pk__in=hidden).exists()
    assert public.count() == PressRelease.objects.count() - 3


def test_the_author_and_the_publisher_are_staff_in_their_roles():
    users = get_user_model().objects
    author, publisher = users.get(username="author"), users.get(username="publisher")
    assert author.is_staff and publisher.is_staff
    assert not (author.is_superuser or publisher.is_superuser)
    assert [g.name for g in author.groups.all()] == [AUTHORS]
    assert [g.name for g in publisher.groups.all()] == [PUBLISHERS]
    assert publisher.has_perm("releases.publish_pressrelease")
    assert not author.has_perm("releases.publish_pressrelease")


def test_the_release_in_review_and_the_scheduled_one_have_their_history():
    in_review = PressRelease.objects.get(status=PressRelease.Status.REVIEW)
    scheduled = PressRelease.objects.get(
        status=PressRelease.Status.PUBLISHED, published_at__gt=timezone.now()
    )

    assert [
        (step.from_status, step.to_status, step.user.username)
        for step in in_review.transitions.all()
    ] == [("draft", "review", "author")]
    steps = list(scheduled.transitions.all())
    assert [(s.to_status, s.user.username) for s in steps] == [
        ("published", "publisher"),
        ("approved", "publisher"),
        ("review", "author"),
    ]
    assert steps[0].published_at == scheduled.published_at
    # The seed was published by its import, and says so; no other release
    # has a history it did not go through.
    [imported] = ReleaseTransition.objects.filter(comment="import_legacy --publish")
    assert imported.to_status == "published" and imported.user is None
    assert ReleaseTransition.objects.count() == 5


def test_every_release_has_a_title_lead_and_body_in_its_original_language():
    for release in PressRelease.objects.all():
        for field in ("title", "lead", "body"):
            value = release.localized(field, release.original_language)
            assert value and value.language == release.original_language, (
                release.reference,
                field,
            )


def test_second_run_says_so_and_changes_nothing():
    before = counts()
    output = load()
    assert counts() == before
    assert output.splitlines()[0] == (
        "The demo content is already loaded; nothing to do."
    )
    # The logins are printed every time, so `make run` always shows them.
    assert [line.split("  (")[0] for line in output.splitlines()[1:]] == [
        "Admin login: http://127.0.0.1:8000/admin/  user: admin",
        "Author login: http://127.0.0.1:8000/admin/  user: author",
        "Publisher login: http://127.0.0.1:8000/admin/  user: publisher",
        "Translator login: http://127.0.0.1:8000/admin/  user: translator-sv",
    ]


def test_building_again_finds_everything_instead_of_duplicating():
    """Even past the "already loaded" check, nothing is created twice."""
    before = counts()
    demo.load_demo()
    assert counts() == before


def test_admin_login_on_a_developer_machine_is_the_demo_password():
    get_user_model().objects.filter(username="admin").delete()

    assert demo.ensure_admin(debug=True) == ("admin", "newsroom-demo")
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password("newsroom-demo")
    # Printed again on the next run.
    assert demo.ensure_admin(debug=True) == ("admin", "newsroom-demo")


def test_admin_password_elsewhere_is_random_and_printed_only_once():
    get_user_model().objects.filter(username="admin").delete()

    username, password = demo.ensure_admin(debug=False)
    assert password and password != "newsroom-demo"
    assert get_user_model().objects.get(username="admin").check_password(password)
    assert demo.ensure_admin(debug=False) == ("admin", None)


def test_editor_logins_on_a_developer_machine_use_the_demo_password():
    get_user_model().objects.filter(username__in=["author", "publisher"]).delete()

    assert demo.ensure_editors(debug=True) == [
        ("author", "newsroom-demo"),
        ("publisher", "newsroom-demo"),
    ]
    assert (
        get_user_model().objects.get(username="author").check_password("newsroom-demo")
    )
    assert demo.ensure_editors(debug=False) == [("author", None), ("publisher", None)]


def test_every_demo_object_s_history_starts_when_it_was_loaded(admin_client, seed):
    for model in (Topic, Speaker, Organisation, Partnership, PressRelease):
        for obj in model.objects.all():
            latest = revisions.latest_version(obj)
            assert latest is not None, obj
            assert not revisions.changed_units(
                revisions.version_state(latest), revisions.object_state(obj)
            ), obj
    # The seed keeps its import, then what the demo added to it.
    assert [
        revisions.describe(v.revision)
        for v in Version.objects.get_for_object(seed).order_by("pk")
    ] == [
        "Imported from a page of the old website (sv).",
        "Demo content, as loaded.",
    ]
    # Reading a history writes nothing.
    before = Revision.objects.count()
    release = PressRelease.objects.exclude(pk=seed.pk).first()
    history = admin_client.get("/admin/releases/pressrelease/%d/history/" % release.pk)
    assert history.status_code == 200
    assert "Demo content, as loaded." in history.content.decode()
    assert Revision.objects.count() == before
