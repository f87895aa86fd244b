"""The roles, as groups: Authors, Publishers and Translators.

Authors add, change and view releases and the content around them (topics,
speakers, tags, organisations, partnerships) and submit releases for review;
they delete only the parts edited inline (a release's quote, contact or
image, a partnership's area of work).
Publishers can do all that, delete, and hold ``publish_pressrelease``:
approve, publish, schedule, withdraw and send back to draft (see
releases/workflow.py). Translators view the translated content; what they
write follows from their languages (translations/permissions.py).

The groups are kept in step with the code after every ``migrate`` (a
post_migrate handler, see ReleasesConfig.ready) and by ``load_demo``, so a
model added later, e.g. release images, is covered without a data migration.
Syncing only adds: permissions an administrator gave a group by hand stay.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models

from translations.permissions import translated_fields

AUTHORS = "Authors"
PUBLISHERS = "Publishers"

#: The apps whose content the editorial roles work on.
CONTENT_APPS = ("releases", "partnerships", "taggit")
#: Written by the system only (the workflow history).
SYSTEM_MODELS = {"releases.releasetransition"}


def _content_models():
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label_lower not in SYSTEM_MODELS:
                yield model


def _is_part(model):
    """Rows that belong to another piece of content and go with it.

    A release's quotes, contacts and images, a partnership's areas of work:
    the admin edits them inline, where removing a row is deleting it.
    """
    return any(
        isinstance(field, models.ForeignKey)
        and field.remote_field.on_delete is models.CASCADE
        and field.related_model._meta.app_label in CONTENT_APPS
        for field in model._meta.get_fields()
    )


def role_permissions():
    """{group name: [(app_label, codename), ...]}."""
    authors, publishers = [], []
    for model in _content_models():
        opts = model._meta
        actions = ["add", "change", "view"]
        author_actions = [*actions, "delete"] if _is_part(model) else actions
        authors += [
            (opts.app_label, "%s_%s" % (a, opts.model_name)) for a in author_actions
        ]
        publishers += [
            (opts.app_label, "%s_%s" % (a, opts.model_name))
            for a in [*actions, "delete"]
        ]
    publishers.append(("releases", "publish_pressrelease"))
    return {AUTHORS: authors, PUBLISHERS: publishers}


TRANSLATORS = "Translators"

#: The group issue 3 created for editors, with exactly the Publishers'
#: permissions; folded into Publishers (members kept) by sync_roles().
RETIRED_COMMUNICATIONS = "Communications"


def translator_models():
    """The content models with translated fields, parts included."""
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if translated_fields(model):
                yield model


def group_permissions():
    """{group name: [(app_label, codename), ...]} for every role.

    Translators may *view* every model that has translated fields, and
    nothing more: what they may write follows from their TranslatorProfile
    (translations/permissions.py explains why they hold no ``change``).
    """
    return {
        **role_permissions(),
        TRANSLATORS: [
            (model._meta.app_label, "view_%s" % model._meta.model_name)
            for model in translator_models()
        ],
    }


def sync_roles(*, using="default"):
    """Create the groups and give them their permissions; returns the groups.

    Only adds: permissions given by hand stay. A Communications group left
    from before is folded into Publishers, its members with it.
    """
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
            .filter(
                content_type__app_label__in=CONTENT_APPS,
                codename__in={codename for _app, codename in wanted},
            )
            .select_related("content_type")
        )
        group.permissions.add(
            *(p for p in candidates if (p.content_type.app_label, p.codename) in wanted)
        )
        groups[name] = group
    retired = Group.objects.using(using).filter(name=RETIRED_COMMUNICATIONS).first()
    if retired is not None:
        groups[PUBLISHERS].user_set.add(*retired.user_set.all())
        retired.delete()
    return groups


def sync_roles_after_migrate(sender, *, using="default", **kwargs):
    """post_migrate handler: every ``migrate`` brings the groups up to date."""
    sync_roles(using=using)
