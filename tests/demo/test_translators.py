"""The demo's Swedish translator, and the work waiting in their queue."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from demo import content as demo
from demo import translators as translation_demo
from releases.roles import TRANSLATORS
from translations import services
from translations.models import TranslationRecord
from translations.services import Status

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo_output(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("load_demo", stdout=out, no_color=True)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def translator():
    return get_user_model().objects.get(username="translator-sv")


def test_the_translator_login_is_printed(demo_output):
    assert (
        "Translator login: http://127.0.0.1:8000/admin/  user: translator-sv  "
        "password: " in demo_output
    )


def test_the_translator_is_staff_and_translates_into_swedish(translator):
    assert translator.is_staff and not translator.is_superuser
    assert translator.translator_profile.languages == ["sv"]
    assert list(translator.groups.values_list("name", flat=True)) == [TRANSLATORS]


def test_on_a_developer_machine_the_translator_has_the_demo_password():
    get_user_model().objects.filter(username="translator-sv").delete()
    assert translation_demo.ensure_translator(
        debug=True, password=demo.DEMO_PASSWORD
    ) == ("translator-sv", demo.DEMO_PASSWORD)
    assert translation_demo.ensure_translator(
        debug=True, password=demo.DEMO_PASSWORD
    ) == ("translator-sv", demo.DEMO_PASSWORD)
    assert translation_demo.ensure_translator(debug=False) == ("translator-sv", None)


def test_the_swedish_queue_opens_on_outdated_and_missing_work(client, translator):
    client.force_login(translator)

    response = client.get(reverse("admin:translations_queue"))

    counts = response.context["counts"]
    assert counts[Status.OUTDATED] >= 2
    assert counts[Status.MISSING] >= 10
    assert counts[Status.UP_TO_DATE] >= 5
    statuses = [row["status"]["value"] for row in response.context["rows"]]
    assert statuses[0] in ("outdated", "missing")
    outdated = [
        row for row in response.context["rows"] if row["status"]["value"] == "outdated"
    ]
    # The outdated ones show what changed in English.
    page = client.get(outdated[0]["url"])
    assert page.status_code == 200
    assert "<ins>" in page.content.decode()


def test_outdating_again_changes_nothing():
    records = list(TranslationRecord.objects.values_list("pk", "source_fingerprint"))
    outdated = translation_demo.outdate_swedish()
    assert len(outdated) == 2
    assert list(TranslationRecord.objects.values_list("pk", "source_fingerprint")) == (
        records
    )
    for release in outdated:
        assert services.status(release, "sv")["lead"] == Status.OUTDATED
