"""The admin for organisations and partnerships."""

import re
from datetime import date

import pytest
from django.urls import reverse

from partnerships.models import Organisation, Partnership
from tests.admin_forms import add_inline_row, errors_of, form_data, png_upload
from tests.factories import make_area, make_organisation, make_partnership

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # admin_client makes a superuser for every test; the real hasher would
    # spend most of this module's time on it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def url(model, view, *args):
    return reverse("admin:partnerships_%s_%s" % (model, view), args=args)


def assert_saved(response):
    assert response.status_code == 302, errors_of(response)


def test_adding_an_organisation_saves_names_acronyms_and_logo(
    admin_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    data = form_data(admin_client.get(url("organisation", "add")))
    data.update(
        name_en="European Committee of the Regions",
        name_sv="Europeiska regionkommittén",
        acronym_en="CoR",
        acronym_sv="ReK",
        acronym_de="AdR",
        slug="european-committee-of-the-regions",
        kind="eu_body",
        website="cor.europa.eu",
        logo=png_upload("cor.png"),
        logo_alt_en="European Committee of the Regions",
    )

    assert_saved(admin_client.post(url("organisation", "add"), data))

    committee = Organisation.objects.get()
    assert (committee.acronym_en, committee.acronym_sv, committee.acronym_de) == (
        "CoR",
        "ReK",
        "AdR",
    )
    assert committee.name_sv == "Europeiska regionkommittén"
    assert committee.kind == "eu_body"
    assert committee.website == "https://cor.europa.eu"
    # Stored re-encoded, under the hash of its content (tests/test_images.py).
    assert re.fullmatch(r"organisations/[0-9a-f]{32}\.png", committee.logo.name)
    assert committee.logo_alt_en == "European Committee of the Regions"


def test_changing_an_organisation_adds_a_translation(admin_client):
    commission = make_organisation(name_en="European Commission", kind="eu_institution")
    data = form_data(admin_client.get(url("organisation", "change", commission.pk)))
    assert data["kind"] == "eu_institution"
    data["name_fr"] = "Commission européenne"

    assert_saved(admin_client.post(url("organisation", "change", commission.pk), data))

    commission.refresh_from_db()
    assert (commission.name_en, commission.name_fr) == (
        "European Commission",
        "Commission européenne",
    )


def test_adding_a_partnership_saves_partners_history_and_areas_of_work(admin_client):
    committee, commission = make_organisation(), make_organisation()
    initiative = make_partnership(name_en="Cities and Regions for Integration")
    data = form_data(admin_client.get(url("partnership", "add")))
    data.update(
        name_en="Partnership on integration",
        name_sv="Partnerskap för integration",
        description_en="The Committee and the Commission work together.",
        slug="partnership-on-integration",
        kind="partnership",
        status="active",
        launched_on="2020-12-12",
        partners=[str(committee.pk), str(commission.pk)],
        builds_on=str(initiative.pk),
    )
    add_inline_row(data, "areas", title_en="Housing", title_sv="Bostäder", position="1")
    add_inline_row(data, "areas", title_en="Education", position="0")

    assert_saved(admin_client.post(url("partnership", "add"), data))

    partnership = Partnership.objects.get(slug="partnership-on-integration")
    assert partnership.name_sv == "Partnerskap för integration"
    assert partnership.launched_on == date(2020, 12, 12)
    assert set(partnership.partners.all()) == {committee, commission}
    assert partnership.builds_on == initiative
    assert [(a.title_en, a.title_sv or "") for a in partnership.areas.all()] == [
        ("Education", ""),
        ("Housing", "Bostäder"),
    ]


def test_changing_a_partnership_edits_removes_and_adds_areas(admin_client):
    partnership = make_partnership()
    make_area(partnership, title_en="Housing", position=0)
    make_area(partnership, title_en="Obsolete", position=1)
    data = form_data(admin_client.get(url("partnership", "change", partnership.pk)))
    assert data["areas-INITIAL_FORMS"] == "2"
    data.update({"areas-0-title_fr": "Logement", "areas-1-DELETE": "on"})
    add_inline_row(data, "areas", title_en="Jobs", position="2")

    assert_saved(admin_client.post(url("partnership", "change", partnership.pk), data))

    assert [(a.title_en, a.title_fr or "") for a in partnership.areas.all()] == [
        ("Housing", "Logement"),
        ("Jobs", ""),
    ]


@pytest.mark.parametrize("loop", ["itself", "successor"])
def test_a_partnership_cannot_build_on_itself_or_its_successors(admin_client, loop):
    partnership = make_partnership()
    successor = make_partnership(builds_on=partnership)
    target = partnership if loop == "itself" else successor
    data = form_data(admin_client.get(url("partnership", "change", partnership.pk)))
    data["builds_on"] = str(target.pk)

    response = admin_client.post(url("partnership", "change", partnership.pk), data)

    assert response.context["adminform"].form.errors["builds_on"] == [
        "A partnership cannot build on itself or on its successors."
    ]
    partnership.refresh_from_db()
    assert partnership.builds_on is None


def test_the_partnership_list_shows_languages_and_filters_by_kind_and_status(
    admin_client,
):
    wanted = make_partnership(
        name_en="Integration", name_sv="Integration", kind="initiative"
    )
    make_partnership(kind="partnership")

    response = admin_client.get(
        url("partnership", "changelist"), {"kind__exact": "initiative"}
    )

    changelist = response.context["cl"]
    assert [spec.title for spec in changelist.filter_specs] == ["kind", "status"]
    assert list(changelist.result_list) == [wanted]
    assert (
        '<td class="field-languages"><abbr title="English">EN</abbr> '
        '<abbr title="Swedish">SV</abbr></td>'
    ) in response.content.decode()


@pytest.mark.parametrize(
    ("field_name", "make", "term"),
    [
        (
            "partners",
            lambda: make_organisation(name_de="Europäische Kommission"),
            "kommission",
        ),
        ("partners", lambda: make_organisation(acronym_de="AdR"), "adr"),
        (
            "builds_on",
            lambda: make_partnership(name_sv="Städer för integration"),
            "städer",
        ),
    ],
)
def test_partnership_autocompletes_find_organisations_and_partnerships_in_any_language(
    admin_client, field_name, make, term
):
    target = make()

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": term,
            "app_label": "partnerships",
            "model_name": "partnership",
            "field_name": field_name,
        },
    )

    assert [result["id"] for result in response.json()["results"]] == [str(target.pk)]
