"""The suite's one user factory: staff in each role, for tests.

``make_author()``, ``make_publisher()``, ``make_translator()`` and
``make_staff()``. Editorial users have no usable password (hashing one is the
slow part of making a user): log them in with ``client.force_login(user)``,
or set a password where a browser test types it. Translators get PASSWORD,
which the browser tests type.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from releases.roles import AUTHORS, PUBLISHERS, sync_roles
from translations.models import TranslatorProfile
from translations.services import translatable_models

PASSWORD = "correct-horse-battery-staple"


def make_user(username, *, groups=(), is_staff=True, **extra):
    if groups:
        sync_roles()
    user = get_user_model().objects.create_user(
        username, "%s@example.eu" % username, None, is_staff=is_staff, **extra
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def make_author(username="author", **extra):
    return make_user(username, groups=[AUTHORS], **extra)


def make_publisher(username="publisher", **extra):
    return make_user(username, groups=[PUBLISHERS], **extra)


def _with_view_rights(user):
    """The rights the Translators group gives: view the translatable models."""
    codenames = ["view_%s" % model._meta.model_name for model in translatable_models()]
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))


def make_translator(username="translator-sv", languages=("sv",)):
    """A staff user who may view the translatable models, with a profile."""
    user = get_user_model().objects.create_user(
        username, "%s@example.eu" % username, PASSWORD, is_staff=True
    )
    _with_view_rights(user)
    TranslatorProfile.objects.create(user=user, languages=list(languages))
    return get_user_model().objects.get(pk=user.pk)


def make_staff(username, *, languages=None, superuser=False):
    """Staff with view rights, and a translator profile when ``languages``."""
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, "%s@example.eu" % username, None)
    user = User.objects.create_user(
        username, "%s@example.eu" % username, None, is_staff=True
    )
    _with_view_rights(user)
    if languages is not None:
        TranslatorProfile.objects.create(user=user, languages=list(languages))
    return User.objects.get(pk=user.pk)
