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
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from reversion.models import Version

from core.dates import local_datetime
from core.sanitize import clean_html
from history.revisions import (
    changed_units,
    display_value,
    ensure_current_revision,
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

    fieldsets = model_admin.get_fieldsets(request, obj)
    form_class = model_admin.get_form(
        request, obj, change=True, fields=flatten_fieldsets(fieldsets)
    )
    mine, agreed = _form_changes(form_class, request, obj, base)
    formsets = list(_followed_formsets(model_admin, request, obj, base))
    for relation, formset_class, inline, prefix in formsets:
        changed, agrees = _formset_changes(
            model_admin, request, obj, inline, formset_class, prefix, base, relation
        )
        if changed:
            mine.add(relation)
        if agrees:
            agreed.add(relation)

    check.mine = [unit for unit in check.theirs if unit in mine]
    check.conflicts = [unit for unit in check.mine if unit not in agreed]
    check.kept = [unit for unit in check.theirs if unit not in mine]
    if check.conflicts and request.POST.get(OVERWRITE) != str(check.latest.pk):
        check.refused = True
    _take_theirs(request, obj, form_class, formsets, check.kept)


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


def _followed_formsets(model_admin, request, obj, base):
    for formset_class, inline in model_admin.get_formsets_with_inlines(request, obj):
        relation = formset_class.fk.remote_field.get_accessor_name()
        if relation in base.children:
            yield relation, formset_class, inline, formset_class.get_default_prefix()


def _formset_changes(
    model_admin, request, obj, inline, formset_class, prefix, base, relation
):
    """(changed against the loaded rows, equal to the current rows) for an inline."""
    kwargs = model_admin.get_formset_kwargs(request, obj, inline, prefix)
    agrees = not formset_class(**kwargs).has_changed()
    rows = base.children[relation]
    child_model = formset_class.model
    pk_name = child_model._meta.pk.name
    changed = False
    for form in formset_class(**kwargs).forms:
        pk = str(form.data.get(form.add_prefix(pk_name)) or "")
        if pk and pk not in rows:
            # A row the loaded form did not show: the post is not from it.
            changed = True
            continue
        if pk:
            form.initial = {
                **form.initial,
                **_initial(child_model, form.fields, rows[pk].fields),
            }
        if any(
            not _same_text(child_model, name, form, form.initial.get(name))
            for name in form.changed_data
        ):
            changed = True
    posted = {
        str(form.data.get(form.add_prefix(pk_name)) or "")
        for form in formset_class(**kwargs).forms
    }
    if set(rows) - posted:
        changed = True
    return changed, agrees


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


def _take_theirs(request, obj, form_class, formsets, units):
    """Rewrite the post so that ``units`` hold the current values."""
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
    for relation, formset_class, inline, prefix in formsets:
        if relation not in units:
            continue
        for key in list(data):
            if key.startswith(prefix + "-") and "__prefix__" not in key:
                del data[key]
        formset = formset_class(
            instance=obj, prefix=prefix, queryset=inline.get_queryset(request)
        )
        for key, value in _formset_data(formset):
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


def _formset_data(formset):
    for form in (formset.management_form, *formset.forms):
        for bound in form:
            yield from _widget_data(bound.field.widget, bound.html_name, bound.value())


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
                    "fields": ", ".join(check.label(unit) for unit in check.conflicts),
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
