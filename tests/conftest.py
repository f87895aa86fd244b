import pytest
from django.test import override_settings
from django.utils import translation


@pytest.fixture(autouse=True, scope="session")
def _media_in_a_temporary_folder(tmp_path_factory):
    """Uploads and image renditions made by tests never land in var/media."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English, whatever a previous test activated."""
    translation.activate("en")
    yield
    translation.deactivate()
