"""Keeping search documents up to date, whoever saves, however.

A release's documents are rewritten when the release is saved (the admin,
the translation workspace, an XLIFF import, the workflow, the legacy
import), when one of its quotes is saved or deleted, when its themes change,
and when a theme's or speaker's name changes. Synchronously, as Wagtail
and Haystack's real-time processor do: what was saved is findable as soon as
it is public. Raw saves (fixtures) are left to ``rebuild_search_index``.

Writes that bypass save() (``QuerySet.update``, ``bulk_create``) are not
seen either; run the command after them.
"""

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from releases.models import PressRelease, PressReleaseSpeaker, Speaker, Topic
from search.indexing import index_releases

UID = "search-%s"


def connect():
    post_save.connect(release_saved, sender=PressRelease, dispatch_uid=UID % "release")
    post_save.connect(
        quote_changed, sender=PressReleaseSpeaker, dispatch_uid=UID % "quote"
    )
    post_delete.connect(
        quote_changed, sender=PressReleaseSpeaker, dispatch_uid=UID % "quote-delete"
    )
    m2m_changed.connect(
        topics_changed, sender=PressRelease.topics.through, dispatch_uid=UID % "topics"
    )
    post_save.connect(name_changed, sender=Topic, dispatch_uid=UID % "topic")
    post_save.connect(name_changed, sender=Speaker, dispatch_uid=UID % "speaker")
    # A theme's links go with it, without an m2m signal: note its releases
    # before, reindex them after.
    pre_delete.connect(topic_deleting, sender=Topic, dispatch_uid=UID % "topic-pre")
    post_delete.connect(topic_deleted, sender=Topic, dispatch_uid=UID % "topic-post")


def release_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_releases([instance.pk])


def quote_changed(sender, instance, raw=False, origin=None, **kwargs):
    if raw:
        return
    # A quote deleted with its release (origin is the release, or a queryset
    # of releases): indexing now would write documents for a release about
    # to go, which its deletion would not remove.
    if origin is not None:
        model = origin.model if isinstance(origin, QuerySet) else type(origin)
        if model is not PressReleaseSpeaker:
            return
    index_releases([instance.release_id])


def topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear", "pre_clear"}:
        return
    if not reverse:
        if action != "pre_clear":
            index_releases([instance.pk])
        return
    # topic.releases.add(...) and friends: the releases are in pk_set, or,
    # for clear(), must be read before the links go.
    if action == "pre_clear":
        instance._search_cleared = list(instance.releases.values_list("pk", flat=True))
    elif action == "post_clear":
        index_releases(instance.__dict__.pop("_search_cleared", []))
    else:
        index_releases(pk_set or [])


def name_changed(sender, instance, created=False, raw=False, **kwargs):
    update_fields = kwargs.get("update_fields")
    if raw or created:
        return
    if update_fields and not any(name.startswith("name") for name in update_fields):
        return
    if sender is Topic:
        releases = PressRelease.objects.filter(topics=instance)
    else:
        releases = PressRelease.objects.filter(quotes__speaker=instance)
    index_releases(releases.values_list("pk", flat=True))


def topic_deleting(sender, instance, **kwargs):
    instance._search_releases = list(instance.releases.values_list("pk", flat=True))


def topic_deleted(sender, instance, **kwargs):
    index_releases(instance.__dict__.pop("_search_releases", []))
