"""Staff users in the editorial roles, for tests: ``make_author()`` and friends.

They have no usable password (hashing one is the slow part of making a
user): log them in with ``client.force_login(user)``, or set a password
where a browser test types it.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from releases.roles import AUTHORS, PUBLISHERS, sync_roles


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
