import pytest
from django.contrib.auth import get_user_model

from tests.users import PASSWORD, make_translator  # noqa: F401 (fixtures' users)


@pytest.fixture
def translator(db):
    return make_translator()


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        "editor", "editor@example.eu", PASSWORD
    )
