import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from translations.models import TranslatorProfile
from translations.services import translatable_models

PASSWORD = "correct-horse-battery-staple"


def make_translator(username="translator-sv", languages=("sv",)):
    """A staff user who may view the translatable models, with a profile.

    The same rights as the Translators group gives: view, never change.
    """
    user = get_user_model().objects.create_user(
        username, "%s@example.eu" % username, PASSWORD, is_staff=True
    )
    codenames = ["view_%s" % model._meta.model_name for model in translatable_models()]
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    TranslatorProfile.objects.create(user=user, languages=list(languages))
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def translator(db):
    return make_translator()


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        "editor", "editor@example.eu", PASSWORD
    )
