"""Revisions of releases, topics, speakers, organisations and partnerships.

django-reversion keeps a version of an object each time it is saved inside a
revision (the admin's saves, the legacy import, the workflow's transitions),
with who saved it and when. This module says what is kept (``register_models``),
records writes made outside the admin (``record``), reads an object's state
from a version or from the database (``version_state``, ``object_state``),
lists what differs between two states field by field and language by
language (``changed_units``, ``compare``) and restores a version as a new
revision (``restore``).

A state holds the serialised columns of the object (one per language for a
translated field: ``title_sv``), its many-to-many fields (topics, tags) and
the rows it keeps with it (a release's quotes and contacts, a partnership's
areas of work). Comparing serialised values, rather than model instances,
lets a version from last year be compared with today's row without touching
the database.
"""

import datetime
import json
import re
from dataclasses import dataclass, field

import reversion
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, models, transaction
from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import Promise
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext
from modeltranslation.translator import NotRegistered, translator
from reversion.models import Version

from core.dates import local_datetime
from core.diff import word_diff
from core.languages import LANGUAGE_CODES

#: The serialisation versions are stored in: Django's JSON plus tag names.
FORMAT = "newsroom_json"

#: Every model kept in revisions, and the rows each version keeps with it,
#: so that a version is the whole form. The rows an admin edits inline are
#: added to these by ``follow_inlines`` when the admin is set up: an inline
#: added later is kept, compared and merged without being listed here. An
#: image's version names its file; files are never deleted with their row,
#: so a restored image finds its file again.
FOLLOW = {
    "releases.Topic": (),
    "releases.Speaker": (),
    "releases.PressRelease": (),
    "releases.PressReleaseSpeaker": (),
    "releases.PressContact": (),
    "releases.ReleaseImage": (),
    "partnerships.Organisation": (),
    "partnerships.Partnership": (),
    "partnerships.AreaOfWork": (),
}

#: What each registered model's versions follow now: FOLLOW plus its inlines.
_FOLLOWED = {}

#: Fields a restore leaves as they are. Publication belongs to the workflow,
#: which checks who may publish: restoring brings back content, and never
#: publishes, unpublishes or reschedules a release.
RESTORE_KEEPS = {"releases.PressRelease": ("status", "published_at")}

# Comments are stored as JSON, like the admin's change messages, so that the
# history reads in each reader's language rather than the saver's.
RESTORED = "restored"
RECORDED = "recorded"
IMPORTED = "imported"
WORKFLOW = "workflow"
DEMO = "demo"


def register_models():
    """Register the models with django-reversion, once.

    The translated fields' own columns (``title``) are left out: their
    descriptor reads and writes the active language's column, so a version
    would hold whichever language was active and a restore would write it
    into the wrong one. The per-language columns (``title_sv``) are kept.
    """
    if FORMAT not in serializers.get_serializer_formats():
        serializers.register_serializer(FORMAT, "history.format")
    for label, follow in FOLLOW.items():
        model = apps.get_model(label)
        if not reversion.is_registered(model):
            _register(model, follow)


def _register(model, follow):
    # ignore_duplicates: a save that changes nothing (the admin's "Save"
    # pressed twice, the save before a workflow step) adds no revision to
    # read past in the history. Not for a model that keeps rows with it:
    # reversion compares only the object's own columns, so a save that
    # changed only a quote would keep no version of the release, and the
    # conflict check would not see the quote change (the stale form would
    # put the old quote back). Those duplicates are dropped by
    # ``drop_if_unchanged`` instead, comparing rows too.
    reversion.register(
        model,
        exclude=(*_translated_names(model), *_save_stamps(model)),
        follow=follow,
        format=FORMAT,
        ignore_duplicates=not follow,
    )
    _FOLLOWED[model._meta.label] = tuple(follow)


def follow_inlines(model, inlines):
    """Keep the rows an admin edits inline with each version of ``model``.

    Called for every admin that keeps revisions, with its inline classes, so
    that every inline, including one added later, is kept, compared and
    merged by the conflict check (history.conflicts) without a list to
    keep in step.
    """
    from django.forms.models import _get_foreign_key

    register_models()
    if not reversion.is_registered(model):
        _register(model, ())
    relations = []
    for inline in inlines:
        fk = _get_foreign_key(model, inline.model, fk_name=inline.fk_name)
        relations.append(fk.remote_field.get_accessor_name())
        if not reversion.is_registered(inline.model):
            _register(inline.model, ())
    wanted = tuple(dict.fromkeys((*_follow(model), *relations)))
    if wanted != _follow(model):
        reversion.unregister(model)
        _register(model, wanted)


def _save_stamps(model):
    """Fields every save rewrites (``updated_at``): not content, and kept out
    of versions so that an unchanged save is a duplicate."""
    return tuple(
        f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)
    )


def _translated_names(model):
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def _follow(model):
    return _FOLLOWED.get(model._meta.label, ())


# Writing revisions -----------------------------------------------------------


def record(*objs, user=None, comment=""):
    """Keep a revision of ``objs`` (and the rows they keep with them) as they are now.

    For writes outside the admin: call it after the write, in the same
    transaction. Inside a revision already open (an admin save), the objects
    join that revision.
    """
    register_models()
    with reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        if comment:
            reversion.set_comment(comment)
        for obj in objs:
            reversion.add_to_revision(obj)


def comment(kind, **params):
    """A revision comment that is translated when it is read.

    Lazy strings (a status's label) are stored untranslated and translated
    by ``describe``.
    """
    with translation.override(None):
        params = {
            name: str(value) if isinstance(value, Promise) else value
            for name, value in params.items()
        }
    return json.dumps([{kind: params}])


def author(revision):
    """Who made ``revision``: their username, else "imported" or "system".

    A revision without a user was made by the legacy import (its comment
    says so) or by the system: a scheduled step, a command, a migration.
    """
    if revision.user_id:
        return revision.user.get_username()
    try:
        items = json.loads(revision.comment)
    except ValueError:
        items = []
    if isinstance(items, list) and any(
        isinstance(item, dict) and IMPORTED in item for item in items
    ):
        return gettext("imported")
    return gettext("system")


def describe(revision):
    """The revision's comment in the reader's language."""
    try:
        items = json.loads(revision.comment)
    except ValueError:
        return revision.comment
    if not isinstance(items, list):
        return revision.comment
    texts = []
    for item in items:
        if not isinstance(item, dict):
            continue
        if RESTORED in item:
            texts.append(
                gettext("Restored the version of %(date)s.")
                # "9 a.m." already ends the sentence: no second full stop.
                % {"date": _format_datetime(item[RESTORED].get("date")).rstrip(".")}
            )
        elif RECORDED in item:
            if item[RECORDED].get("first"):
                texts.append(gettext("First recorded state."))
            else:
                texts.append(
                    gettext("Changes saved outside the history, recorded as found.")
                )
        elif WORKFLOW in item:
            step = item[WORKFLOW]
            texts.append(
                gettext("Workflow: %(source)s → %(target)s.")
                % {
                    "source": gettext(step.get("source", "")),
                    "target": gettext(step.get("target", "")),
                }
            )
            if step.get("note"):
                texts.append(step["note"])
        elif DEMO in item:
            texts.append(gettext("Demo content, as loaded."))
        elif IMPORTED in item:
            texts.append(
                gettext("Imported from a page of the old website (%(language)s).")
                % {"language": item[IMPORTED].get("language", "")}
            )
    admin_items = [
        item
        for item in items
        if isinstance(item, dict) and {"added", "changed", "deleted"} & set(item)
    ]
    if admin_items:
        texts.append(
            LogEntry(change_message=json.dumps(admin_items)).get_change_message()
        )
    return " ".join(text for text in texts if text)


def latest_version(obj):
    return Version.objects.get_for_object(obj).order_by("-pk").first()


def ensure_current_revision(obj, *, kind=None):
    """The latest version of ``obj``, recording one first if it is out of date.

    ``kind`` names why, for the history (DEMO); by default the revision says
    it recorded the object as it was found.

    An object saved before revisions existed, or changed by a write that
    kept no revision, gets a revision of its current state (with no author:
    who made it is unknown), so that every later change has a version to
    start from and nothing is overwritten unseen.
    """
    latest = latest_version(obj)
    if latest is not None and not changed_units(
        version_state(latest), object_state(obj)
    ):
        return latest
    if kind is None:
        record(obj, comment=comment(RECORDED, first=latest is None))
    else:
        record(obj, comment=comment(kind))
    return latest_version(obj)


def drop_if_unchanged(obj, previous):
    """Delete the revision just kept of ``obj`` if it changed nothing since
    ``previous`` (its latest version before the save), rows included."""
    latest = latest_version(obj)
    if latest is None or previous is None or latest.pk == previous.pk:
        return
    if not changed_units(version_state(previous), version_state(latest)):
        latest.revision.delete()


@transaction.atomic
def restore(version, *, user):
    """Bring back ``version`` of its object, as a new revision by ``user``.

    The state before the restore is kept as a revision first, so it can be
    restored in turn. The rows the object keeps with it (quotes, contacts,
    areas of work) come back as they were, and rows added since are deleted.
    Returns the object and the rows that could not come back (a quote of a
    speaker deleted since, say), as (label, reason) pairs.
    """
    model = version._model
    obj = model._default_manager.select_for_update().get(pk=version.object_id)
    ensure_current_revision(obj)
    old = version._object_version
    keep = RESTORE_KEEPS.get(model._meta.label, ())
    skipped = []
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(
            comment(RESTORED, date=version.revision.date_created.isoformat())
        )
        stored = json.loads(version.serialized_data)[0]["fields"]
        for name in stored:
            try:
                model_field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # a field removed since the version was kept
            if name in keep or model_field.many_to_many:
                continue
            setattr(obj, model_field.attname, getattr(old.object, model_field.attname))
        obj.save()
        for name, values in (old.m2m_data or {}).items():
            getattr(obj, name).set(values)
        for relation in _follow(model):
            rel = model._meta.get_field(relation)
            wanted = _child_versions(version, rel)
            getattr(obj, relation).exclude(pk__in=list(wanted)).delete()
            for child in wanted.values():
                try:
                    with transaction.atomic():
                        child.revert()
                except (IntegrityError, models.ObjectDoesNotExist) as error:
                    skipped.append((child.object_repr, str(error)))
        reversion.add_to_revision(obj)
    return obj, skipped


def _child_versions(version, rel):
    """{pk: version} of the rows ``version``'s object kept through ``rel``."""
    content_type = ContentType.objects.get_for_model(rel.related_model)
    found = {}
    for child in version.revision.version_set.filter(content_type=content_type):
        fields = json.loads(child.serialized_data)[0]["fields"]
        if str(fields.get(rel.field.name)) == str(version.object_id):
            found[child.object_id] = child
    return found


# States ------------------------------------------------------------------------


@dataclass
class Child:
    label: str
    fields: dict


@dataclass
class State:
    model: type
    fields: dict
    children: dict = field(default_factory=dict)


def version_state(version):
    model = version._model
    children = {}
    for relation in _follow(model):
        rel = model._meta.get_field(relation)
        children[relation] = {
            pk: Child(child.object_repr, _stored_fields(child))
            for pk, child in _child_versions(version, rel).items()
        }
    return State(model, _stored_fields(version), children)


def object_state(obj):
    model = type(obj)
    children = {}
    for relation in _follow(model):
        children[relation] = {
            str(child.pk): Child(str(child), _serialised_fields(child))
            for child in getattr(obj, relation).all()
        }
    return State(model, _serialised_fields(obj), children)


def _stored_fields(version):
    return json.loads(version.serialized_data)[0]["fields"]


def _serialised_fields(obj):
    data = serializers.serialize(FORMAT, [obj], fields=_version_fields(type(obj)))
    return json.loads(data)[0]["fields"]


def _version_fields(model):
    excluded = _translated_names(model)
    opts = model._meta.concrete_model._meta
    return tuple(
        f.name
        for f in opts.local_fields + opts.local_many_to_many
        if f.name not in excluded
    )


def compared_fields(model):
    """The fields whose changes matter, in the order the model declares them."""
    names = []
    for name in _version_fields(model):
        model_field = model._meta.get_field(name)
        if model_field.primary_key or getattr(model_field, "auto_now", False):
            continue
        if getattr(model_field, "auto_now_add", False):
            continue
        if model_field.many_to_many and not _serialised_m2m(model_field):
            continue
        names.append(name)
    return names


def _serialised_m2m(model_field):
    from taggit.managers import TaggableManager

    if isinstance(model_field, TaggableManager):
        return True
    return model_field.remote_field.through._meta.auto_created


_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$")


def normalise(value):
    """A serialised value as it is compared: line endings and order do not count."""
    if value is None:
        # An empty translation is NULL or "" depending on how it was saved.
        return ""
    if isinstance(value, str):
        if _DATETIME.match(value):
            # In UTC, to the second: an instance fresh from a form carries
            # the local zone, and the admin's time widget has no fractions.
            moment = parse_datetime(value)
            if timezone.is_aware(moment):
                moment = moment.astimezone(datetime.UTC)
            return moment.replace(microsecond=0).isoformat()
        return value.replace("\r\n", "\n")
    if isinstance(value, list):
        return sorted(str(item).casefold() for item in value)
    return value


def _child_key(rows, exclude=()):
    return {
        pk: {
            name: normalise(value)
            for name, value in child.fields.items()
            if name not in exclude
        }
        for pk, child in rows.items()
    }


def changed_units(before, after):
    """The fields and kept relations that differ between two states, in order.

    A unit is a column (``title_sv``, ``topics``) or a relation whose rows
    are compared as a whole (``quotes``).
    """
    model = after.model
    units = [
        name
        for name in compared_fields(model)
        if normalise(before.fields.get(name)) != normalise(after.fields.get(name))
    ]
    for relation in _follow(model):
        child_model = model._meta.get_field(relation).related_model
        ignored = _ignored_child_fields(child_model)
        if _child_key(before.children.get(relation, {}), ignored) != _child_key(
            after.children.get(relation, {}), ignored
        ):
            units.append(relation)
    return units


def _ignored_child_fields(model):
    return set(_version_fields(model)) - set(compared_fields(model))


def unit_label(model, unit):
    """ "Title (sv)", "Topics", "Speakers quoted": a unit as an editor calls it."""
    model_field = model._meta.get_field(unit)
    if model_field.auto_created and not model_field.concrete:
        return str(capfirst(model_field.related_model._meta.verbose_name_plural))
    original = getattr(model_field, "translated_field", None)
    if original is not None:
        return gettext("%(field)s (%(language)s)") % {
            "field": capfirst(original.verbose_name),
            "language": model_field.language,
        }
    return str(capfirst(model_field.verbose_name))


def versions_since(version):
    """[(version, units changed by it)] of the same object after ``version``."""
    later = (
        Version.objects.get_for_object_reference(version._model, version.object_id)
        .filter(pk__gt=version.pk)
        .select_related("revision__user")
        .order_by("pk")
    )
    steps, previous = [], version_state(version)
    for each in later:
        state = version_state(each)
        steps.append((each, changed_units(previous, state)))
        previous = state
    return steps


# Comparing ---------------------------------------------------------------------


@dataclass
class Row:
    """One changed field of one language, with its diff, for the compare view."""

    label: str
    diff: str
    item: str = ""


def compare(before, after):
    """Rows for every field, language and kept row that differs."""
    model = after.model
    rows = []
    for name in changed_units(before, after):
        model_field = model._meta.get_field(name)
        if model_field.auto_created and not model_field.concrete:
            rows.extend(_compare_children(model_field, before, after))
            continue
        rows.append(
            Row(
                unit_label(model, name),
                _diff_values(
                    model, name, before.fields.get(name), after.fields.get(name)
                ),
            )
        )
    return rows


def _compare_children(rel, before, after):
    child_model = rel.related_model
    old = before.children.get(rel.name, {})
    new = after.children.get(rel.name, {})
    heading = capfirst(child_model._meta.verbose_name_plural)
    # Columns the code fills (an image's width, height, file hash) change
    # with a row no person edited there: not rows of the compare.
    fields = [
        name
        for name in compared_fields(child_model)
        if name != rel.field.name and child_model._meta.get_field(name).editable
    ]
    rows = []
    for pk in sorted(set(old) | set(new), key=_pk_order):
        was, now = old.get(pk), new.get(pk)
        if was is not None and now is not None:
            label = now.label
            state = gettext("%(item)s: %(label)s")
        elif now is not None:
            label = now.label
            state = gettext("%(item)s: %(label)s (added)")
        else:
            label = was.label
            state = gettext("%(item)s: %(label)s (removed)")
        item = state % {"item": heading, "label": label}
        for name in fields:
            a = was.fields.get(name) if was else None
            b = now.fields.get(name) if now else None
            if normalise(a) == normalise(b):
                continue
            rows.append(
                Row(
                    unit_label(child_model, name),
                    _diff_values(child_model, name, a, b),
                    item,
                )
            )
    return rows


def _pk_order(pk):
    return (0, int(pk)) if str(pk).isdigit() else (1, str(pk))


def _diff_values(model, name, a, b):
    model_field = model._meta.get_field(name)
    if model_field.many_to_many:
        return _diff_lists(
            _display_list(model_field, a or []), _display_list(model_field, b or [])
        )
    return diff_html(
        display_value(model_field, a),
        display_value(model_field, b),
        rich=_is_rich_text(model, name),
    )


def _is_rich_text(model, name):
    """Whether column ``name`` (``body`` or ``body_sv``) holds rich text."""
    rich = getattr(model, "rich_text_fields", ())
    base, _sep, code = name.rpartition("_")
    return name in rich or (base in rich and code in LANGUAGE_CODES)


def display_value(model_field, value):
    """A serialised value as text an editor reads."""
    if value is None or value == "":
        return ""
    if model_field.is_relation and model_field.many_to_one:
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else "#%s" % value
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return gettext("yes") if value else gettext("no")
    if isinstance(model_field, models.DateTimeField):
        return _format_datetime(value)
    if isinstance(model_field, models.DateField):
        parsed = parse_date(str(value))
        return formats.date_format(parsed) if parsed else str(value)
    return str(value)


def _format_datetime(value):
    parsed = parse_datetime(str(value)) if value else None
    if parsed is None:
        return str(value or "")
    return local_datetime(parsed)


def _display_list(model_field, values):
    from taggit.managers import TaggableManager

    if isinstance(model_field, TaggableManager):
        return sorted((str(value) for value in values), key=str.casefold)
    found = model_field.related_model._default_manager.in_bulk(values)
    names = []
    for value in values:
        related = found.get(value) or found.get(_int_or_none(value))
        names.append(str(related) if related is not None else "#%s" % value)
    return sorted(names, key=str.casefold)


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _diff_lists(old, new):
    parts = []
    for item in sorted(set(old) | set(new), key=str.casefold):
        if item in old and item in new:
            parts.append(escape(item))
        elif item in new:
            parts.append(format_html("<ins>{}</ins>", item))
        else:
            parts.append(format_html("<del>{}</del>", item))
    return mark_safe(", ".join(parts))


def diff_html(old, new, *, rich=False):
    """A word-level diff of two values, escaped, with <del> and <ins>.

    The one word diff of the project (core/diff.py), which the translators'
    workspace uses too: rich text is compared as the text a reader sees, not
    as tags. Every piece of text is escaped: a title containing markup shows
    as that markup, it never becomes part of the page.
    """
    return word_diff(old, new, rich=rich).html
