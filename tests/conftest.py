import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English, whatever a previous test activated."""
    translation.activate("en")
    yield
    translation.deactivate()
