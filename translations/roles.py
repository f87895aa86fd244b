"""The Communications and Translators groups, kept in step with the code.

Communications are the editors of issue 3: everything on content. Issue 4's
workflow splits editors into Authors and Publishers (releases/roles.py);
Communications holds exactly the Publishers' permissions, computed from the
same list so that the two never drift apart: add, change, delete and view
of releases, topics, speakers, tags, organisations, partnerships and their
parts, and ``publish_pressrelease`` (approve, publish, schedule, withdraw).

Translators may *view* every model that has translated fields, and nothing
more. What they may write (their languages' columns, in the change form and
the translation workspace) follows from their TranslatorProfile, which an
administrator sets; why they hold no ``change`` permission is explained in
translations/permissions.py.

Like releases/roles.py, the groups are brought up to date after every
``migrate`` (a post_migrate handler, see TranslationsConfig.ready) rather
than by a data migration: Django creates permissions after the migrations
have run, so a data migration on a fresh database would find none, and a
model added later (release images) would need another migration to be
covered. Syncing only adds: permissions given by hand stay.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from releases.roles import CONTENT_APPS, PUBLISHERS, role_permissions
from translations.permissions import translated_fields

COMMUNICATIONS = "Communications"
TRANSLATORS = "Translators"


def translator_models():
    """The content models with translated fields, parts included."""
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if translated_fields(model):
                yield model


def group_permissions():
    """{group name: [(app_label, codename), ...]}."""
    return {
        COMMUNICATIONS: list(role_permissions()[PUBLISHERS]),
        TRANSLATORS: [
            (model._meta.app_label, "view_%s" % model._meta.model_name)
            for model in translator_models()
        ],
    }


def ensure_groups(*, using="default"):
    """Create the groups and give them their permissions; returns the groups."""
    for label in CONTENT_APPS:
        # The permissions of an app later in INSTALLED_APPS may not exist yet.
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    ContentType.objects.clear_cache()
    groups = {}
    for name, wanted in group_permissions().items():
        wanted = set(wanted)
        group, _created = Group.objects.using(using).get_or_create(name=name)
        candidates = (
            Permission.objects.using(using)
            .filter(codename__in={codename for _app, codename in wanted})
            .select_related("content_type")
        )
        group.permissions.add(
            *(p for p in candidates if (p.content_type.app_label, p.codename) in wanted)
        )
        groups[name] = group
    return groups


def ensure_groups_after_migrate(sender, *, using="default", **kwargs):
    """post_migrate handler: every ``migrate`` brings the groups up to date."""
    ensure_groups(using=using)
