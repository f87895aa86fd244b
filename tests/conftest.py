import pytest
from django.test import override_settings
from django.utils import translation


@pytest.fixture(autouse=True, scope="session")
def _media_in_a_temporary_folder(tmp_path_factory):
    """Uploads and image renditions made by tests never land in var/media."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Hash test passwords cheaply.

    The suite makes hundreds of users and logs in and fails dozens of times;
    the production hasher would spend most of the suite's time on them. Tests
    of the hasher itself would override this back.
    """
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(PASSWORD_HASHERS=hashers):
        yield


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English, whatever a previous test activated."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _an_empty_cache():
    """Each test starts with nothing cached.

    A test's database is rolled back without any signal, so facts a
    previous test cached (themes, counts, pages) would describe rows that
    are gone; in production every change goes through a signal.
    """
    from django.core.cache import cache

    cache.clear()
    yield
