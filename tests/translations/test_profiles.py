"""Translator profiles: the languages a translator works on, set by an administrator."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains

from translations.models import TranslatorProfile
from translations.permissions import user_languages

pytestmark = pytest.mark.django_db


def test_an_administrator_gives_a_user_languages_in_the_admin(client, editor):
    user = get_user_model().objects.create_user("anna", is_staff=True)
    client.force_login(editor)
    add = reverse("admin:translations_translatorprofile_add")

    form = client.get(add)
    assertContains(form, 'type="checkbox" name="languages" value="sv"')
    assertContains(form, "Swedish (svenska)")
    response = client.post(add, {"user": user.pk, "languages": ["sv", "fi"]})

    assert response.status_code == 302
    # Stored in the site's order, whatever order they were ticked in.
    assert TranslatorProfile.objects.get(user=user).languages == ["fi", "sv"]
    listing = client.get(reverse("admin:translations_translatorprofile_changelist"))
    assertContains(listing, "Finnish, Swedish")


def test_unknown_languages_are_refused():
    profile = TranslatorProfile(
        user=get_user_model().objects.create_user("bo"), languages=["sv", "xx"]
    )
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "Unknown language codes: xx." in str(error.value)


def test_a_translator_cannot_give_themselves_languages(client, translator):
    client.force_login(translator)
    url = reverse(
        "admin:translations_translatorprofile_change",
        args=[translator.translator_profile.pk],
    )
    assert client.get(url).status_code == 403
    client.post(url, {"user": translator.pk, "languages": ["sv", "de"]})
    assert TranslatorProfile.objects.get(user=translator).languages == ["sv"]


def test_profiles_are_found_by_language(translator):
    assert list(TranslatorProfile.objects.for_language("sv")) == [
        translator.translator_profile
    ]
    assert not TranslatorProfile.objects.for_language("de").exists()


def test_an_inactive_translator_has_no_languages(translator):
    translator.is_active = False
    assert user_languages(translator) == ()


@pytest.mark.django_db
def test_the_languages_to_choose_are_named_in_the_administrator_s_language(
    admin_client,
):
    add = reverse("admin:translations_translatorprofile_add")

    swedish = admin_client.get(add, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    english = admin_client.get(add, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "bulgariska (български)" in swedish and "Bulgarian" not in swedish
    assert "Språk:" in swedish
    assert "Bulgarian (български)" in english
