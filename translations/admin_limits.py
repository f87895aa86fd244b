"""A translator's form in the content admins, enforced on the server.

translations/model_admin.py mixes these into the base of every content admin and of
the inlines of translated models, so that releases, topics, speakers,
organisations and partnerships all apply translations/permissions.py alike:

- A translator holds only ``view`` on content. In the change form, and only
  there, an object they may translate becomes changeable for them: the
  source language is shown read-only for reference, their own languages are
  editable, other languages are left out, and every other field (dates,
  status, relations, slugs, references, images, inline rows' people and
  addresses) is read-only. They cannot add or delete, here or in inlines,
  and every other view (list actions, workflow steps, revision restore)
  still sees them without ``change`` and refuses them.
- Whatever the form showed, a POST that names a field they may not write,
  adds or deletes an inline row is refused with 403 before anything is
  read from it; save_model() and save_formset() compare what the form would
  write with the stored row and refuse again if anything outside their
  fields differs. The change view runs in one transaction, so a refusal
  leaves the database as it was.
"""

import logging
import re

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.languages import LANGUAGE_CODES
from core.sanitize import safe_html
from translations.permissions import (
    all_fields,
    editable_fields,
    is_translator,
    localized_fields,
    translated_fields,
    visible_languages,
)

logger = logging.getLogger("core.lockout")

#: Set on the request by the change view, the one view where a translator's
#: limited right to change applies.
_FLAG = "_newsroom_translator_form"

_SUBWIDGET = re.compile(r"(_\d+|-clear)$")

#: {(model, column): display}: see _rich_text_display().
_RICH_TEXT_DISPLAYS = {}

_REFUSED = _(
    "You may change only the translations into your own languages; nothing was saved."
)


def _translating(request, model):
    return getattr(request, _FLAG, False) and is_translator(request.user, model)


def _without(fieldsets, hidden, replaced=None):
    """``fieldsets`` less the names in ``hidden``, empty sets dropped, and
    the names in ``replaced`` replaced."""
    replaced = replaced or {}

    def keep(fields):
        kept = []
        for entry in fields:
            if isinstance(entry, (list, tuple)):
                entry = tuple(
                    replaced.get(name, name) for name in entry if name not in hidden
                )
                if entry:
                    kept.append(entry if len(entry) > 1 else entry[0])
            elif entry not in hidden:
                kept.append(replaced.get(entry, entry))
        return kept

    result = []
    for name, options in fieldsets:
        fields = keep(options.get("fields", ()))
        if fields:
            result.append((name, {**options, "fields": fields}))
    return result


def _field_name(posted):
    """The field a posted name is for: a split date and time post
    ``published_at_0`` and ``published_at_1``, a file's "clear" box
    ``photo-clear``."""
    return _SUBWIDGET.sub("", posted)


def _rich_text_display(model, name):
    """A read-only rich-text column shown as formatted text, not as tags.

    For the source a translator reads. Django shows a read-only model field
    escaped, so the fieldset gets this callable in the column's place; one
    per column, because the admin finds read-only fields by identity.
    """
    key = (model, name)
    if key not in _RICH_TEXT_DISPLAYS:

        @admin.display(description=model._meta.get_field(name).verbose_name)
        def display(obj):
            return safe_html(getattr(obj, name)) or admin.site.empty_value_display

        display.__name__ = name
        _RICH_TEXT_DISPLAYS[key] = display
    return _RICH_TEXT_DISPLAYS[key]


def _rich_text_displays(user, model, obj):
    """{read-only rich-text column: its display} for a translator's form."""
    allowed = editable_fields(user, model, obj)
    return {
        name: _rich_text_display(model, name)
        for field in getattr(model, "rich_text_fields", ())
        for name in (build_localized_fieldname(field, c) for c in LANGUAGE_CODES)
        if name not in allowed
    }


def _hidden_languages(user, model, obj):
    shown = visible_languages(user, model, obj)
    return localized_fields(model, [c for c in LANGUAGE_CODES if c not in shown])


def _readonly_extra(user, model, obj, readonly):
    """The fields to add to ``readonly`` for a translator, sorted.

    Only language columns: modeltranslation expands an original field name
    ("title") in the read-only list to every language's column.
    """
    allowed = editable_fields(user, model, obj)
    names = all_fields(model) - allowed - set(readonly) - set(translated_fields(model))
    return sorted(names)


def _refuse(request, model, obj, names):
    logger.warning(
        "Refused a translator's change: user=%s model=%s pk=%s fields=%s",
        request.user.pk,
        model._meta.label,
        getattr(obj, "pk", None),
        ",".join(sorted(names)),
    )
    raise PermissionDenied(_REFUSED)


def check_instance(request, instance, allowed, parent):
    """Refuse if ``instance`` differs from its stored row outside ``allowed``.

    The original columns of translated fields are left out: modeltranslation
    reads them through the active language, so they mirror a language column
    rather than hold data of their own.
    """
    model = type(instance)
    mirrors = set(translated_fields(model))
    if instance._state.adding or instance.pk is None:
        _refuse(request, model, parent, {"(new row)"})
    stored = model._base_manager.filter(pk=instance.pk).first()
    if stored is None:
        _refuse(request, model, parent, {"(unknown row)"})
    changed = {
        field.name
        for field in model._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and field.name not in allowed
        and field.name not in mirrors
        and field.value_from_object(instance) != field.value_from_object(stored)
    }
    if changed:
        _refuse(request, model, parent, changed)


def check_form(request, form, allowed, parent):
    """Refuse a form that carries or changed a field outside ``allowed``.

    ``allowed`` includes an inline row's link to its parent, which the row
    posts as it is and Django checks against the parent.
    """
    forbidden = all_fields(form._meta.model) - allowed
    bad = (set(form.fields) | set(form.changed_data)) & forbidden
    if bad:
        _refuse(request, form._meta.model, parent, bad)
    check_instance(request, form.instance, allowed, parent)


class TranslatorLimits:
    """For a ModelAdmin of translated content (see the module docstring)."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if is_translator(request.user, self.model):
            setattr(request, _FLAG, True)
            if request.method == "POST":
                obj = self.get_object(request, unquote(object_id))
                if obj is not None:
                    self._refuse_forged_fields(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def has_change_permission(self, request, obj=None):
        if super().has_change_permission(request, obj):
            return True
        return self.is_translating(request, obj)

    def is_translating(self, request, obj):
        """Whether ``request`` is a translator's change form for ``obj``."""
        return (
            obj is not None
            and _translating(request, self.model)
            and bool(editable_fields(request.user, self.model, obj))
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not _translating(request, self.model):
            return fieldsets
        user = request.user
        return _without(
            fieldsets,
            _hidden_languages(user, self.model, obj),
            _rich_text_displays(user, self.model, obj),
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not _translating(request, self.model):
            return readonly
        user = request.user
        return [
            *readonly,
            *_readonly_extra(user, self.model, obj, readonly),
            *_rich_text_displays(user, self.model, obj).values(),
        ]

    def get_prepopulated_fields(self, request, obj=None):
        if _translating(request, self.model):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def _inline_prefixes(self, request, obj):
        """(prefix, inline) of each inline formset, named as Django names them."""
        prefixes, counts = [], {}
        for formset, inline in self.get_formsets_with_inlines(request, obj):
            prefix = formset.get_default_prefix()
            counts[prefix] = counts.get(prefix, 0) + 1
            if counts[prefix] != 1 or not prefix:
                prefix = "%s-%s" % (prefix, counts[prefix])
            prefixes.append((prefix, inline, formset.fk.name))
        return prefixes

    def _refuse_forged_fields(self, request, obj):
        """403 for a POST that names a field the translator may not write.

        The translator's own form never sends one: read-only fields have no
        input. So any such name is a forged request, refused whole.
        """
        user, posted = request.user, {*request.POST, *request.FILES}
        allowed = editable_fields(user, self.model, obj)
        forbidden = all_fields(self.model) - allowed
        bad = {name for name in posted if _field_name(name) in forbidden}
        for prefix, inline, fk in self._inline_prefixes(request, obj):
            inline_allowed = editable_fields(user, inline.model, obj) | {fk}
            forbidden = (all_fields(inline.model) - inline_allowed) | {"DELETE"}
            row = re.compile(r"^%s-\d+-(.+)$" % re.escape(prefix))
            for name in posted:
                match = row.match(name)
                if match and _field_name(match.group(1)) in forbidden:
                    bad.add(name)
            try:
                total = int(request.POST.get("%s-TOTAL_FORMS" % prefix, 0))
                initial = int(request.POST.get("%s-INITIAL_FORMS" % prefix, 0))
            except ValueError:
                total = initial = 0
            if total > initial:
                bad.add("%s-TOTAL_FORMS" % prefix)
        if bad:
            _refuse(request, self.model, obj, bad)

    def save_model(self, request, obj, form, change):
        if _translating(request, self.model):
            check_form(
                request, form, editable_fields(request.user, self.model, obj), obj
            )
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if _translating(request, self.model):
            parent = form.instance
            allowed = editable_fields(request.user, formset.model, parent) | {
                formset.fk.name
            }
            if formset.deleted_forms:
                _refuse(request, formset.model, parent, {"DELETE"})
            for row in formset.forms:
                if row.instance._state.adding:
                    if row.has_changed():
                        _refuse(request, formset.model, parent, {"(new row)"})
                    continue
                check_form(request, row, allowed, parent)
        super().save_formset(request, form, formset, change)


class TranslatorInlineLimits:
    """For an inline of translated rows: a release's quotes, contacts, images.

    Django passes the parent object to an inline's permission and field
    methods; its source language applies to the rows.
    """

    def has_change_permission(self, request, obj=None):
        if super().has_change_permission(request, obj):
            return True
        return (
            obj is not None
            and _translating(request, self.model)
            and bool(editable_fields(request.user, self.model, obj))
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not _translating(request, self.model):
            return fieldsets
        return _without(fieldsets, _hidden_languages(request.user, self.model, obj))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not _translating(request, self.model):
            return readonly
        return [*readonly, *_readonly_extra(request.user, self.model, obj, readonly)]

    def get_prepopulated_fields(self, request, obj=None):
        if _translating(request, self.model):
            return {}
        return super().get_prepopulated_fields(request, obj)
