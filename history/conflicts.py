"""Conflict-safe editing: an optimistic version check on every admin save.

No lock is taken when a form is opened (a lock can be forgotten in a closed
tab). Instead the change form carries, in a hidden ``_loaded_version`` field,
the id of the object's latest revision when the form was opened; opening a
form records one first if the object has none or its row was changed by a
write that kept no revision. (An ``updated_at`` token would tell that
something changed, but not what: the version holds the loaded values, which
the merge needs.)

On save, the server compares three states, field by field and per language
column (``title_sv``), plus each inline (quotes, contacts, areas of work) as
a whole:

* base: the version the form was loaded from;
* theirs: the object now, i.e. what others saved since;
* mine: the posted form.

What this user changed is the posted form against the base (Django's own
``has_changed`` with the base as initial data); what others changed is the
base against the current state. Fields only others changed are taken from
the current state (the posted data is rewritten for them), fields only this
user changed are saved, so a translator saving Swedish and an editor saving
English both keep their work. A field both changed, to different values, is
a conflict: the save is refused with who changed what and when, and the
form comes back with everything typed still in it. Ticking "replace their
changes with mine" (which names the exact version shown) saves anyway. A
post without a known version is refused once, never saved blindly.
"""

import re
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.forms.widgets import ChoiceWidget
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from reversion.models import Version

from core.dates import local_datetime
from core.sanitize import clean_html
from history.revisions import (
    changed_units,
    compared_fields,
    display_value,
    ensure_current_revision,
    normalise,
    object_state,
    unit_label,
    version_state,
    versions_since,
)

#: The hidden field with the version the form was loaded from.
TOKEN = "_loaded_version"
#: The checkbox that saves over the changes shown in a conflict.
OVERWRITE = "_overwrite_version"

_CHECK = "newsroom_edit_check"
_LOADED = "newsroom_loaded_version"


@dataclass
class EditCheck:
    model: type
    latest: Version
    base: Version | None = None
    #: [(version, units)] saved by others since the base.
    steps: list = field(default_factory=list)
    theirs: list = field(default_factory=list)
    mine: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    #: Units others changed and this user did not: kept as others left them.
    kept: list = field(default_factory=list)
    #: The inline rows in conflict (RowConflict), and the inlines some of
    #: whose rows or fields others changed and this user did not.
    rows: list = field(default_factory=list)
    kept_rows: set = field(default_factory=set)
    #: {version pk: State}, read once per check.
    states: dict = field(default_factory=dict)
    refused: bool = False

    @property
    def missing(self):
        return self.base is None

    def label(self, unit):
        return unit_label(self.model, unit)

    def changes_text(self):
        """ "anna (Anna Lind), 26 Nov 2026 14:02: Title (sv), Body (en)"; ..."""
        return "; ".join(
            _("%(user)s, %(time)s: %(fields)s")
            % {
                "user": user_name(version.revision.user),
                "time": local_datetime(version.revision.date_created),
                "fields": ", ".join(self.label(unit) for unit in units),
            }
            for version, units in self.steps
            if units
        )

    def conflict_labels(self):
        """The fields, and the inline rows and their fields, both changed."""
        labels = [
            self.label(unit)
            for unit in self.conflicts
            if not any(row.relation == unit for row in self.rows)
        ]
        return labels + [row.describe() for row in self.rows]

    def rows_of(self, relation):
        """{form index: [RowConflict]} of one inline, for its forms."""
        found = {}
        for row in self.rows:
            if row.relation == relation:
                found.setdefault(row.index, []).append(row)
        return found

    def last_change_of(self, unit):
        for version, units in reversed(self.steps):
            if unit in units:
                return version
        return self.latest

    def panel(self):
        """What the conflict panel on the form lists: who changed what, when."""
        return [
            {
                "user": user_name(version.revision.user),
                "time": version.revision.date_created,
                "fields": [
                    {"label": self.label(unit), "conflict": unit in self.conflicts}
                    for unit in units
                ],
            }
            for version, units in self.steps
            if units
        ]


def user_name(user):
    if user is None:
        return _("someone (a change made outside the admin)")
    full_name = user.get_full_name()
    if full_name:
        return "%s (%s)" % (full_name, user.get_username())
    return user.get_username()


def is_exempt(request):
    # "Save as new" makes another object: nothing of this one is overwritten.
    return "_saveasnew" in request.POST


# The check ---------------------------------------------------------------------


def check_edit(model_admin, request, obj):
    """Compare the posted form with what others saved since it was loaded.

    Rewrites ``request.POST`` for the units only others changed, and leaves
    an EditCheck on the request for the form (which refuses a conflict) and
    for the messages after the save.
    """
    latest = ensure_current_revision(obj)
    check = EditCheck(model=type(obj), latest=latest)
    token = request.POST.get(TOKEN, "")
    if token.isdigit():
        check.base = Version.objects.get_for_object(obj).filter(pk=int(token)).first()
    if check.base is None:
        check.refused = True
    elif check.base.pk != latest.pk:
        _compare(model_admin, request, obj, check)
    setattr(request, _CHECK, check)
    return check


def _compare(model_admin, request, obj, check):
    base = version_state(check.base)
    now = object_state(obj)
    check.theirs = changed_units(base, now)
    if not check.theirs:
        return
    check.steps = versions_since(check.base)
    check.states = {check.base.pk: base}

    fieldsets = model_admin.get_fieldsets(request, obj)
    form_class = model_admin.get_form(
        request, obj, change=True, fields=flatten_fieldsets(fieldsets)
    )
    mine, agreed = _form_changes(form_class, request, obj, base)
    relations = _merge_inlines(model_admin, request, obj, base, now, check)
    for relation, (changed, took) in relations.items():
        if changed:
            mine.add(relation)
        if took or not changed:
            check.kept_rows.add(relation)

    check.mine = [unit for unit in check.theirs if unit in mine]
    # A relation is in conflict only for the rows and fields both changed
    # (check.rows); the others' other rows and fields were merged.
    conflicted = {row.relation for row in check.rows}
    check.conflicts = [
        unit
        for unit in check.mine
        if (unit in conflicted if unit in relations else unit not in agreed)
    ]
    check.kept = [
        unit
        for unit in check.theirs
        if (unit in check.kept_rows if unit in relations else unit not in mine)
    ]
    if check.conflicts and request.POST.get(OVERWRITE) != str(check.latest.pk):
        check.refused = True
    _take_theirs(
        request, obj, form_class, [u for u in check.kept if u not in relations]
    )


def _form_changes(form_class, request, obj, base):
    """(fields changed against the loaded version, fields equal to the current)."""
    initial = _initial(type(obj), form_class.base_fields, base.fields)
    against_base = form_class(
        request.POST, request.FILES, instance=obj, initial=initial
    )
    against_now = form_class(request.POST, request.FILES, instance=obj)
    mine = {
        name
        for name in against_base.changed_data
        if not _same_text(type(obj), name, against_base, initial.get(name))
    }
    now_values = {name: getattr(obj, name, None) for name in against_now.changed_data}
    differs = {
        name
        for name in against_now.changed_data
        if not _same_text(type(obj), name, against_now, now_values[name])
    }
    agreed = set(against_now.fields) - differs
    return mine, agreed


# Inlines, row by row and field by field --------------------------------------
#
# Every inline the admin shows is merged (its rows are kept with each version:
# history.revisions.follow_inlines). For each posted row, what this user
# changed is the row against the loaded version, what others changed is the
# loaded row against the current one; a field only others changed takes their
# value, a field both changed to different values is a conflict. A row others
# deleted is dropped from the post unless this user changed it (a conflict:
# their typing comes back as a new row); a row this user deletes that others
# changed is a conflict; rows others added are put in the post beside the
# ones this user added. The post is then what a browser would have sent from
# a form opened now, with this user's changes typed in.


@dataclass
class RowConflict:
    relation: str
    model: type
    #: "changed" (both changed fields), "deleted" (others deleted it, this
    #: user changed it) or "removed" (this user deletes it, others changed it).
    kind: str
    label: str
    version: Version
    #: {field name: its value now, serialised} for "changed" and "removed".
    fields: dict = field(default_factory=dict)
    #: The row's index in the rewritten post.
    index: int = 0

    @property
    def heading(self):
        return capfirst(self.model._meta.verbose_name_plural)

    def describe(self):
        values = {
            "item": self.heading,
            "label": self.label,
            "user": user_name(self.version.revision.user),
            "fields": ", ".join(unit_label(self.model, name) for name in self.fields),
        }
        if self.kind == "deleted":
            return _("%(item)s: %(label)s (deleted by %(user)s, changed by you)") % (
                values
            )
        if self.kind == "removed":
            return (
                _(
                    "%(item)s: %(label)s (%(fields)s changed by %(user)s, deleted by you)"
                )
                % values
            )
        return _("%(item)s: %(label)s, %(fields)s") % values

    def errors(self):
        """(field name or None, error) to show on the row's form."""
        who = {
            "user": user_name(self.version.revision.user),
            "time": local_datetime(self.version.revision.date_created),
        }
        if self.kind == "deleted":
            yield (
                None,
                ValidationError(
                    _(
                        "Deleted meanwhile by %(user)s (%(time)s). Your changes to it "
                        "are kept here as a new row: save to add it again, or remove it."
                    )
                    % who,
                    code="edit_conflict",
                ),
            )
            return
        if self.kind == "removed":
            yield (
                None,
                ValidationError(
                    _(
                        "Changed meanwhile by %(user)s (%(time)s): %(fields)s. Untick "
                        "“Delete” to keep the row with their changes."
                    )
                    % {
                        **who,
                        "fields": ", ".join(
                            unit_label(self.model, name) for name in self.fields
                        ),
                    },
                    code="edit_conflict",
                ),
            )
            return
        for name, stored in self.fields.items():
            value = display_value(self.model._meta.get_field(name), stored)
            yield (
                name,
                ValidationError(
                    _("Changed meanwhile by %(user)s (%(time)s) to: “%(value)s”")
                    % {**who, "value": Truncator(value).chars(300) if value else "—"},
                    code="edit_conflict",
                ),
            )


@dataclass
class _Entry:
    """A row of the rewritten post: from the posted row ``source`` or, for a
    row others added, from the current row ``pk``."""

    source: int | None
    pk: str = ""
    as_new: bool = False
    take: list = field(default_factory=list)
    conflict: RowConflict | None = None


def inline_formsets(model_admin, request, obj):
    """(formset class, inline, relation, prefix) of each inline the admin shows,
    with the prefixes the admin gives them."""
    seen = {}
    for formset_class, inline in model_admin.get_formsets_with_inlines(request, obj):
        prefix = formset_class.get_default_prefix()
        seen[prefix] = seen.get(prefix, 0) + 1
        if seen[prefix] != 1 or not prefix:
            prefix = "%s-%s" % (prefix, seen[prefix])
        relation = formset_class.fk.remote_field.get_accessor_name()
        yield formset_class, inline, relation, prefix


def _merge_inlines(model_admin, request, obj, base, now, check):
    """Merge the inlines others changed; {relation: (I changed it, took theirs)}."""
    data, files = request.POST.copy(), request.FILES.copy()
    found = {}
    for formset_class, inline, relation, prefix in inline_formsets(
        model_admin, request, obj
    ):
        if relation not in check.theirs or relation not in base.children:
            continue
        kwargs = model_admin.get_formset_kwargs(request, obj, inline, prefix)
        posted = formset_class(**kwargs)
        if not posted.management_form.is_valid():
            # Django's own error for a damaged form; changing nothing.
            found[relation] = (True, False)
            continue
        current = formset_class(
            instance=obj, prefix=prefix, queryset=inline.get_queryset(request)
        )
        entries, changed, took = _merge_rows(
            posted, current, relation, base, now, check
        )
        _rewrite_rows(data, files, posted, current, entries)
        found[relation] = (changed, took)
    if found:
        request.POST = data
        # Rows are renumbered, and a chosen file goes with its row; FILES has
        # no setter, and the admin reads it after this.
        request._files = files
    return found


def _merge_rows(posted, current, relation, base, now, check):
    model = posted.model
    pk_name = model._meta.pk.name
    names = [name for name in compared_fields(model) if name != posted.fk.name]
    base_rows = base.children.get(relation, {})
    now_rows = now.children.get(relation, {})
    current_pks = {str(form.instance.pk) for form in current.forms}
    existing, new, seen = [], [], set()
    changed = took = False
    for index, form in enumerate(posted.forms):
        pk = ""
        if index < posted.initial_form_count():
            pk = str(form.data.get(form.add_prefix(pk_name)) or "")
        if not pk:
            new.append(_Entry(index, as_new=True))
            changed = changed or form.has_changed()
            continue
        seen.add(pk)
        then = base_rows.get(pk) or _first_seen(check, relation, pk)
        row = now_rows.get(pk)
        if then is None:
            then = row
        if then is None:
            existing.append(_Entry(index, pk))  # unknown: Django says so
            continue
        fields = [name for name in names if name in form.fields]
        deleting = "DELETE" in form.fields and bool(form["DELETE"].data)
        mine = [name for name in fields if _differs(form, model, name, then.fields)]
        changed = changed or deleting or bool(mine)
        if row is None:
            if deleting or not mine:
                took = True  # their deletion stands
                continue
            conflict = RowConflict(
                relation, model, "deleted", then.label, _who(check, relation, pk)
            )
            check.rows.append(conflict)
            new.insert(0, _Entry(index, pk, as_new=True, conflict=conflict))
            continue
        theirs = [
            name
            for name in fields
            if normalise(then.fields.get(name)) != normalise(row.fields.get(name))
        ]
        entry = _Entry(index, pk)
        if deleting:
            if theirs:
                entry.conflict = RowConflict(
                    relation,
                    model,
                    "removed",
                    row.label,
                    _who(check, relation, pk, theirs),
                    {name: row.fields.get(name) for name in theirs},
                )
        else:
            entry.take = [name for name in theirs if name not in mine]
            both = [
                name
                for name in theirs
                if name in mine and _differs(form, model, name, row.fields)
            ]
            if both:
                entry.conflict = RowConflict(
                    relation,
                    model,
                    "changed",
                    row.label,
                    _who(check, relation, pk, both),
                    {name: row.fields.get(name) for name in both},
                )
        took = took or bool(entry.take)
        if entry.conflict is not None:
            check.rows.append(entry.conflict)
        existing.append(entry)
    for pk in now_rows:
        if pk not in seen and pk not in base_rows and pk in current_pks:
            existing.append(_Entry(None, pk))  # added by others: kept
            took = True
    return existing + new, changed, took


def _first_seen(check, relation, pk):
    """The row as it was when it first appeared after the loaded version (a
    form sent back after a refusal shows rows others added meanwhile)."""
    for version, units in check.steps:
        if relation in units:
            row = _state(check, version).children.get(relation, {}).get(pk)
            if row is not None:
                return row
    return None


def _who(check, relation, pk, names=None):
    """The last version that deleted the row, or changed one of ``names`` in it."""
    found, previous = check.latest, _state(check, check.base)
    for version, units in check.steps:
        if relation not in units:
            continue
        state = _state(check, version)
        before = previous.children.get(relation, {}).get(pk)
        after = state.children.get(relation, {}).get(pk)
        gone = (before is None) != (after is None)
        if gone or (
            before is not None
            and any(
                normalise(before.fields.get(name)) != normalise(after.fields.get(name))
                for name in names or ()
            )
        ):
            found = version
        previous = state
    return found


def _state(check, version):
    if version.pk not in check.states:
        check.states[version.pk] = version_state(version)
    return check.states[version.pk]


def _differs(form, model, name, stored):
    """Whether a row's posted ``name`` differs from its serialised ``stored`` value."""
    initial = _initial(model, [name], stored).get(name)
    if not form.fields[name].has_changed(initial, form[name].data):
        return False
    return not _same_text(model, name, form, initial)


def _rewrite_rows(data, files, posted, current, entries):
    """Rewrite the posted rows of one inline as ``entries``: existing rows
    first (as a formset wants them), then new ones."""
    prefix = posted.prefix
    pk_name = posted.model._meta.pk.name
    row_key = re.compile(r"^%s-(\d+)-(.+)$" % re.escape(prefix))
    rows = {}
    for source in (data, files):
        for key in list(source):
            match = row_key.match(key)
            if match:
                rows.setdefault((id(source), int(match[1])), []).append(
                    (match[2], source.getlist(key))
                )
                del source[key]
    by_pk = {str(form.instance.pk): form for form in current.forms}
    initial = 0
    for index, entry in enumerate(entries):
        name = "%s-%d-%%s" % (prefix, index)
        if entry.conflict is not None:
            entry.conflict.index = index
        if entry.source is None:
            for bound in by_pk[entry.pk]:
                for key, value in _widget_data(
                    bound.field.widget, name % bound.name, bound.value()
                ):
                    data.appendlist(key, value)
            initial += 1
            continue
        for source in (data, files):
            for suffix, values in rows.get((id(source), entry.source), ()):
                source.setlist(name % suffix, values)
        if entry.as_new:
            data[name % pk_name] = ""
            continue
        initial += 1
        for field_name in entry.take:
            bound = by_pk[entry.pk][field_name]
            for key in _keys(bound.field.widget, name % field_name):
                data.pop(key, None)
            for key, value in _widget_data(
                bound.field.widget, name % field_name, bound.value()
            ):
                data.appendlist(key, value)
    data["%s-TOTAL_FORMS" % prefix] = str(len(entries))
    data["%s-INITIAL_FORMS" % prefix] = str(initial)


def _initial(model, form_fields, stored):
    """Form initial data from a version's serialised values."""
    initial = {}
    for name in form_fields:
        if name not in stored:
            continue
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        value = stored[name]
        if model_field.many_to_many:
            initial[name] = list(value or [])
        elif model_field.is_relation:
            initial[name] = value
        else:
            initial[name] = model_field.to_python(value)
    return initial


def _same_text(model, name, form, other):
    """Whether a posted text equals ``other`` once line endings and markup settle.

    Browsers post CRLF line endings, and a rich-text editor may write the
    same HTML differently from how it was stored after sanitising.
    """
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    if not isinstance(model_field, (models.CharField, models.TextField)):
        return False
    posted = form[name].data
    if not isinstance(posted, str) or not isinstance(other, str):
        return False
    original = getattr(model_field, "translated_field", model_field)
    if original.name in getattr(model, "rich_text_fields", ()):
        return _settled(clean_html(posted)) == _settled(clean_html(other))
    return posted.replace("\r\n", "\n").strip() == other.replace("\r\n", "\n").strip()


def _settled(html):
    return re.sub(r"\s+", " ", html or "").replace("> <", "><").strip()


# Taking others' changes into the posted data -----------------------------------


def _take_theirs(request, obj, form_class, units):
    """Rewrite the post so that the fields ``units`` hold the current values."""
    if not units:
        return
    data = request.POST.copy()
    current = form_class(instance=obj)
    for unit in units:
        if unit in current.fields:
            bound = current[unit]
            for key in _keys(bound.field.widget, bound.html_name):
                data.pop(key, None)
            for key, value in _widget_data(
                bound.field.widget, bound.html_name, bound.value()
            ):
                data.appendlist(key, value)
    request.POST = data


def _unwrap(widget):
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    return widget


def _keys(widget, name):
    widget = _unwrap(widget)
    if isinstance(widget, forms.MultiWidget):
        return [
            key
            for sub, suffix in zip(widget.widgets, widget.widgets_names, strict=True)
            for key in _keys(sub, name + suffix)
        ]
    return [name]


def _widget_data(widget, name, value):
    """(key, value) pairs a browser would post for ``value`` in ``widget``."""
    widget = _unwrap(widget)
    if isinstance(widget, forms.MultiWidget):
        values = value if isinstance(value, (list, tuple)) else widget.decompress(value)
        for sub, suffix, sub_value in zip(
            widget.widgets, widget.widgets_names, values, strict=True
        ):
            yield from _widget_data(sub, name + suffix, sub_value)
    elif isinstance(widget, forms.CheckboxInput):
        if widget.check_test(value):
            yield name, "on"
    elif isinstance(widget, forms.FileInput):
        return
    elif isinstance(widget, ChoiceWidget):
        for item in widget.format_value(value):
            yield name, item
    else:
        formatted = widget.format_value(value)
        yield name, "" if formatted is None else str(formatted)


# The form, the template and the messages ---------------------------------------


class _CheckedForm:
    """Mixed into the admin's form when a save is refused: the refusal is a form error.

    Django's admin then shows the form again, bound to what was posted, so
    nothing typed is lost.
    """

    edit_check = None

    def clean(self):
        cleaned_data = super().clean()
        check = self.edit_check
        if check.missing:
            self.add_error(
                None,
                ValidationError(
                    _(
                        "Not saved: this form did not say which version of the "
                        "object it was opened on, so your changes could overwrite "
                        "someone else's. Check the form and save again."
                    ),
                    code="edit_version_missing",
                ),
            )
            return cleaned_data
        self.add_error(
            None,
            ValidationError(
                _(
                    "Not saved: while you were editing, this was changed by "
                    "%(changes)s. You changed these too: %(fields)s. Your input is "
                    "still in the form below."
                )
                % {
                    "changes": check.changes_text(),
                    "fields": "; ".join(check.conflict_labels()),
                },
                code="edit_conflict",
            ),
        )
        current = object_state(self.instance) if self.instance.pk else None
        for unit in check.conflicts:
            if unit not in self.fields or current is None:
                continue
            version = check.last_change_of(unit)
            model_field = check.model._meta.get_field(unit)
            value = display_value(model_field, current.fields.get(unit))
            self.add_error(
                unit,
                ValidationError(
                    _("Changed meanwhile by %(user)s (%(time)s) to: “%(value)s”")
                    % {
                        "user": user_name(version.revision.user),
                        "time": local_datetime(version.revision.date_created),
                        "value": Truncator(value).chars(300) if value else "—",
                    },
                    code="edit_conflict",
                ),
            )
        return cleaned_data


class _CheckedRowForm:
    """Mixed into an inline's form when a save is refused: the others' values,
    or their deletion, shown on the row (what was typed stays in the form)."""

    row_conflicts = None

    def clean(self):
        cleaned_data = super().clean()
        index = self.prefix.rpartition("-")[2]
        for conflict in (
            self.row_conflicts.get(int(index), ()) if index.isdigit() else ()
        ):
            for name, error in conflict.errors():
                self.add_error(name if name in self.fields else None, error)
        return cleaned_data


def formset_with_check(request, formset_class):
    check = getattr(request, _CHECK, None)
    if check is None or not check.refused or not check.rows:
        return formset_class
    relation = formset_class.fk.remote_field.get_accessor_name()
    rows = check.rows_of(relation)
    if not rows:
        return formset_class
    form = type(
        formset_class.form.__name__,
        (_CheckedRowForm, formset_class.form),
        {"row_conflicts": rows},
    )
    return type(formset_class.__name__, (formset_class,), {"form": form})


def form_with_check(request, form_class):
    check = getattr(request, _CHECK, None)
    if check is None or not check.refused:
        return form_class
    return type(form_class.__name__, (_CheckedForm, form_class), {"edit_check": check})


def template_context(request):
    """The hidden version field's value, and the conflict to show, if any."""
    check = getattr(request, _CHECK, None)
    if check is None:
        return {"edit_loaded_version": getattr(request, _LOADED, None)}
    return {
        # After a refusal for a missing version, the form is from now on based
        # on the latest; after a conflict it stays based on what was loaded,
        # so that the next save still merges others' other changes.
        "edit_loaded_version": check.base.pk if check.base else check.latest.pk,
        "edit_conflict": check if check.refused and not check.missing else None,
    }


def remember_loaded(request, version):
    setattr(request, _LOADED, version.pk)


def report_merge(model_admin, request, response):
    """After a save that merged: say whose changes were kept alongside."""
    check = getattr(request, _CHECK, None)
    if check is None or check.refused or response.status_code != 302:
        return
    kept = [check.label(unit) for unit in check.kept]
    if not kept:
        return
    model_admin.message_user(
        request,
        _(
            "Others saved changes while you were editing (%(changes)s). Their "
            "changes to %(fields)s were kept, and yours saved alongside."
        )
        % {"changes": check.changes_text(), "fields": ", ".join(kept)},
        messages.INFO,
    )
