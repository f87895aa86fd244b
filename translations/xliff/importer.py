"""Translations coming back in XLIFF 1.2 or 2.0 files.

The file is checked whole before anything is written, inside one
transaction:

1. Reading: at most ``NEWSROOM_MAX_XLIFF_BYTES`` bytes (a .zip of several files
   counts what it unpacks to); parsed with defusedxml, refusing any DTD, so
   no external entity is fetched and no entity expands into a bomb.
2. Identity: every unit must name an object that exists, one of its
   translated fields, and a target language that is one of the site's, is
   not the object's original language and, for a translator, is one of
   theirs. Any failure is an error: nothing is written, and the report
   lists every error found.
3. Each unit then: its source fingerprint must be today's, and its source
   text the one we exported, else it is a conflict (the source changed, or
   was edited in the file) and is not applied; every segment must be
   translated, with the source's inline codes each used once, else it is
   skipped and says why. The HTML is rebuilt from today's source around the
   translated segments and sanitised by the model's save().
4. Writing: the changed fields of each object are saved (the save records
   the translation as made from today's source: translations.signals),
   within a django-reversion revision; an unchanged translation the file
   marks as done is confirmed as up to date.
"""

import io
import json
import zipfile
from dataclasses import dataclass, field

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml import ElementTree as SafeET
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override
from modeltranslation.utils import build_localized_fieldname

from core.languages import LANGUAGE_CODES, translated_name
from core.sanitize import clean_html
from translations import documents, permissions, services
from translations.fingerprints import fingerprint
from translations.xliff import inline, segments
from translations.xliff.export import describe, parse_key
from translations.xliff.inline import (
    METADATA,
    NEWSROOM,
    XLIFF12_NAMESPACES,
    XLIFF20,
    InlineError,
    q,
)

DEFAULT_MAX_SIZE = 5 * 1024 * 1024
#: Files a .zip may hold: more is not an export of ours.
MAX_FILES_IN_ARCHIVE = 50

#: Target states that say a translation is not finished (1.2, then 2.0).
UNFINISHED_STATES = {
    "new",
    "needs-translation",
    "needs-adaptation",
    "needs-l10n",
    "needs-review-translation",
    "needs-review-adaptation",
    "needs-review-l10n",
    "initial",
}


def max_size():
    return getattr(settings, "NEWSROOM_MAX_XLIFF_BYTES", DEFAULT_MAX_SIZE)


class Rejected(Exception):
    """The file as a whole cannot be imported; the message says why."""


# Outcomes and the report ------------------------------------------------------

APPLIED = "applied"
UNCHANGED = "unchanged"
CONFLICT = "conflict"
SKIPPED = "skipped"


@dataclass
class Outcome:
    label: str
    language: str
    status: str
    reason: str = ""

    def __str__(self):
        names = {
            APPLIED: _("applied"),
            UNCHANGED: _("unchanged"),
            CONFLICT: _("conflict, not applied"),
            SKIPPED: _("skipped"),
        }
        text = "%s [%s]: %s" % (self.label, self.language, names[self.status])
        return "%s (%s)" % (text, self.reason) if self.reason else text


@dataclass
class Report:
    """What an import did, or would do (``dry_run``), unit by unit.

    With ``errors``, nothing was written.
    """

    errors: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    dry_run: bool = False

    def of(self, status):
        return [outcome for outcome in self.outcomes if outcome.status == status]

    @property
    def applied(self):
        return self.of(APPLIED)

    @property
    def unchanged(self):
        return self.of(UNCHANGED)

    @property
    def conflicts(self):
        return self.of(CONFLICT)

    @property
    def skipped(self):
        return self.of(SKIPPED)

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        if self.errors:
            return ngettext(
                "The file was not imported: %(count)d error. Nothing was changed.",
                "The file was not imported: %(count)d errors. Nothing was changed.",
                len(self.errors),
            ) % {"count": len(self.errors)}
        counts = {
            "applied": len(self.applied),
            "unchanged": len(self.unchanged),
            "conflicts": len(self.conflicts),
            "skipped": len(self.skipped),
        }
        # "label: number" reads right for any number in any language, where
        # "1 conflicts" would need a plural form for each count.
        if self.dry_run:
            return (
                _(
                    "Dry run, nothing was changed. Would be applied: %(applied)d, "
                    "unchanged: %(unchanged)d, conflicts: %(conflicts)d, "
                    "skipped: %(skipped)d."
                )
                % counts
            )
        return (
            _(
                "Applied: %(applied)d, unchanged: %(unchanged)d, conflicts: "
                "%(conflicts)d, skipped: %(skipped)d."
            )
            % counts
        )

    def lines(self):
        return [self.summary(), *self.errors, *(str(o) for o in self.outcomes)]


# Reading the upload -----------------------------------------------------------


def read_upload(data, filename=""):
    """[(name, bytes)]: the XLIFF documents in an upload (.xlf, or a .zip)."""
    limit = max_size()
    if len(data) > limit:
        raise Rejected(_too_large(filename, len(data), limit))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return [(filename or "upload.xlf", data)]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > MAX_FILES_IN_ARCHIVE:
            raise Rejected(
                _("The archive holds %(count)d files; at most %(max)d are accepted.")
                % {"count": len(members), "max": MAX_FILES_IN_ARCHIVE}
            )
        documents, total = [], 0
        for info in members:
            # The sizes an archive declares can lie: read at most the limit.
            with archive.open(info) as member:
                content = member.read(limit + 1 - total)
            total += len(content)
            if total > limit:
                raise Rejected(_too_large(filename, total, limit, unpacked=True))
            documents.append((info.filename, content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError) as error:
        raise Rejected(
            _("The archive could not be read: %(error)s") % {"error": error}
        ) from error
    if not documents:
        raise Rejected(_("The archive holds no file."))
    return documents


def _too_large(filename, size, limit, unpacked=False):
    params = {
        "name": filename or _("The file"),
        "size": filesizeformat(size),
        "max": filesizeformat(limit),
    }
    if unpacked:
        return (
            _("%(name)s unpacks to more than %(max)s, the largest import accepted.")
            % params
        )
    return _("%(name)s is %(size)s; the largest import accepted is %(max)s.") % params


def parse_xml(name, data):
    """The root element of ``data``; Rejected for anything but plain XML."""
    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as error:
        raise Rejected(
            _(
                "%(name)s declares a document type or entities (<!DOCTYPE>, "
                "<!ENTITY>). XLIFF needs none, and they are refused: they can "
                "read files from the server or expand into gigabytes."
            )
            % {"name": name}
        ) from error
    except SafeET.ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise Rejected(
            _(
                "%(name)s is not well-formed XML (line %(line)d, column "
                "%(column)d): %(error)s"
            )
            % {"name": name, "line": line, "column": column + 1, "error": error}
        ) from error


@dataclass
class FileSegment:
    id: str
    source: list
    target: list | None
    state: str = ""
    #: Why the source or target could not be read, if it could not.
    source_error: str = ""
    target_error: str = ""


@dataclass
class FileUnit:
    """A field's unit as a file holds it."""

    document: str
    key: str
    fingerprint: str
    source_language: str
    target_language: str
    segments: list

    def where(self):
        return _("%(file)s, unit “%(unit)s”") % {
            "file": self.document,
            "unit": self.key,
        }


def parse_document(name, data):
    """[FileUnit] of one XLIFF 1.2 or 2.0 document."""
    root = parse_xml(name, data)
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if root.tag.rsplit("}", 1)[-1] != "xliff" or namespace not in (
        *XLIFF12_NAMESPACES,
        XLIFF20,
    ):
        raise Rejected(
            _("%(name)s is not an XLIFF file (its root element is <%(tag)s>).")
            % {"name": name, "tag": root.tag.rsplit("}", 1)[-1]}
        )
    if namespace == XLIFF20:
        return _parse_20(name, root)
    return _parse_12(name, root, namespace)


def _read_inline(element, namespace):
    """(nodes, error message) of a <source> or <target>."""
    if element is None:
        return None, ""
    try:
        return inline.read(element, namespace), ""
    except InlineError as error:
        return None, str(error)


def _parse_12(name, root, ns):
    units = []
    files = root.findall(q(ns, "file"))
    if not files:
        raise Rejected(_("%(name)s holds no <file> element.") % {"name": name})
    for file_element in files:
        source_language = file_element.get("source-language", "")
        target_language = file_element.get("target-language", "")
        body = file_element.find(q(ns, "body"))
        if body is None:
            continue
        for group, trans_units in _field_groups_12(name, body, ns):
            key = group.get("id", "")
            found = []
            for trans_unit in trans_units:
                unit_id = trans_unit.get("id", "")
                prefix = key + "."
                segment_id = (
                    unit_id[len(prefix) :] if unit_id.startswith(prefix) else ""
                )
                if not segment_id:
                    raise Rejected(
                        _(
                            "%(name)s: the unit “%(unit)s” does not belong to the "
                            "field “%(field)s” it is in."
                        )
                        % {"name": name, "unit": unit_id, "field": key}
                    )
                source, source_error = _read_inline(
                    trans_unit.find(q(ns, "source")), ns
                )
                target_element = trans_unit.find(q(ns, "target"))
                target, target_error = _read_inline(target_element, ns)
                found.append(
                    FileSegment(
                        id=segment_id,
                        source=source or [],
                        target=target,
                        state=_state_12(trans_unit, target_element),
                        source_error=source_error
                        or (
                            ""
                            if trans_unit.find(q(ns, "source")) is not None
                            else _("the unit has no source")
                        ),
                        target_error=target_error,
                    )
                )
            units.append(
                FileUnit(
                    document=name,
                    key=key,
                    fingerprint=group.get(q(NEWSROOM, "fingerprint"), ""),
                    source_language=source_language,
                    target_language=target_language,
                    segments=found,
                )
            )
    return units


def _state_12(trans_unit, target):
    """The target's state; "needs-review-translation" if marked unapproved."""
    if target is None:
        return ""
    if trans_unit.get("approved") == "no":
        return "needs-review-translation"
    return target.get("state", "")


def _field_groups_12(name, element, ns):
    """(group, trans-units) of each field; Rejected for a stray trans-unit."""
    for child in element:
        if child.tag == q(ns, "trans-unit"):
            raise Rejected(
                _(
                    "%(name)s: the unit “%(unit)s” is outside the field groups of "
                    "an export from this site."
                )
                % {"name": name, "unit": child.get("id", "")}
            )
        if child.tag != q(ns, "group"):
            continue
        if child.get(q(NEWSROOM, "fingerprint")) is not None or (
            child.get("restype") == "x-newsroom-field"
        ):
            yield child, child.findall(".//" + q(ns, "trans-unit"))
        else:
            yield from _field_groups_12(name, child, ns)


def _parse_20(name, root):
    ns = XLIFF20
    source_language = root.get("srcLang", "")
    target_language = root.get("trgLang", "")
    files = root.findall(q(ns, "file"))
    if not files:
        raise Rejected(_("%(name)s holds no <file> element.") % {"name": name})
    units = []
    for file_element in files:
        for unit in file_element.iter(q(ns, "unit")):
            fingerprint_value = ""
            for meta in unit.iterfind(
                "%s/%s/%s"
                % (
                    q(METADATA, "metadata"),
                    q(METADATA, "metaGroup"),
                    q(METADATA, "meta"),
                )
            ):
                if meta.get("type") == "fingerprint":
                    fingerprint_value = (meta.text or "").strip()
            found = []
            for number, segment in enumerate(unit.findall(q(ns, "segment")), 1):
                source_element = segment.find(q(ns, "source"))
                source, source_error = _read_inline(source_element, ns)
                target, target_error = _read_inline(segment.find(q(ns, "target")), ns)
                found.append(
                    FileSegment(
                        id=segment.get("id") or "s%d" % number,
                        source=source or [],
                        target=target,
                        state=segment.get("state", ""),
                        source_error=source_error
                        or ("" if source_element is not None else _("no source")),
                        target_error=target_error,
                    )
                )
            units.append(
                FileUnit(
                    document=name,
                    key=unit.get("id", ""),
                    fingerprint=fingerprint_value,
                    source_language=source_language,
                    target_language=target_language,
                    segments=found,
                )
            )
    return units


def normalise_language(code):
    """ "sv" for "sv", "sv-SE", "SV_se"; "" for anything else."""
    primary = (code or "").replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGE_CODES else ""


# Checking identities ---------------------------------------------------------


@dataclass
class Target:
    """A file unit tied to its object and field."""

    unit: FileUnit
    obj: object
    field: str
    language: str


def resolve(units, user=None):
    """([Target], [error]) for ``units``, with objects locked for update."""
    errors, parsed = [], []
    registered = {
        model._meta.label_lower: (model, fields)
        for model, fields in services.translatable_models().items()
    }
    for unit in units:
        key = parse_key(unit.key)
        if key is None:
            errors.append(
                _(
                    "%(where)s: not a unit exported from this site (its id does not "
                    "name an object and a field)."
                )
                % {"where": unit.where()}
            )
            continue
        label, pk, field_name = key
        if label not in registered:
            errors.append(
                _("%(where)s: “%(model)s” is not something this site translates.")
                % {"where": unit.where(), "model": label}
            )
            continue
        model, fields = registered[label]
        if field_name not in fields:
            errors.append(
                _("%(where)s: %(model)s has no translated field “%(field)s”.")
                % {
                    "where": unit.where(),
                    "model": model._meta.verbose_name,
                    "field": field_name,
                }
            )
            continue
        if not unit.fingerprint:
            errors.append(
                _(
                    "%(where)s: the unit has lost the fingerprint of its source, "
                    "so a change of the source since the export cannot be told."
                )
                % {"where": unit.where()}
            )
            continue
        parsed.append((unit, model, pk, field_name))

    objects = {}
    for model in {model for _unit, model, _pk, _field in parsed}:
        pks = {pk for _unit, each, pk, _field in parsed if each is model}
        objects[model] = model._default_manager.select_for_update().in_bulk(pks)

    targets, seen = [], set()
    for unit, model, pk, field_name in parsed:
        obj = objects[model].get(pk)
        if obj is None:
            errors.append(
                _("%(where)s: %(model)s #%(pk)d does not exist (any more).")
                % {
                    "where": unit.where(),
                    "model": capfirst(model._meta.verbose_name),
                    "pk": pk,
                }
            )
            continue
        language = normalise_language(unit.target_language)
        if not language:
            errors.append(
                _(
                    "%(where)s: the target language “%(language)s” is not one of "
                    "the site's languages."
                )
                % {"where": unit.where(), "language": unit.target_language or "—"}
            )
            continue
        original = services.source_language(obj)
        if language == original:
            errors.append(
                _(
                    "%(where)s: %(language)s is the original language of %(object)s, "
                    "not a translation."
                )
                % {
                    "where": unit.where(),
                    "language": translated_name(language),
                    "object": describe(obj),
                }
            )
            continue
        if user is not None and not permissions.may_translate(user, obj, language):
            errors.append(
                _("%(where)s: you may not translate %(object)s into %(language)s.")
                % {
                    "where": unit.where(),
                    "object": describe(obj),
                    "language": translated_name(language),
                }
            )
            continue
        if (unit.key, language) in seen:
            errors.append(
                _("%(where)s: the same field appears twice for %(language)s.")
                % {"where": unit.where(), "language": translated_name(language)}
            )
            continue
        seen.add((unit.key, language))
        targets.append(Target(unit, obj, field_name, language))
    return targets, errors


# Planning each unit ----------------------------------------------------------


@dataclass
class Plan:
    target: Target
    outcome: Outcome
    #: The new text to save (APPLIED, new text) or None.
    text: str | None = None
    #: Confirm the unchanged translation as up to date.
    confirm: bool = False


def plan(target):
    obj, name, language, unit = target.obj, target.field, target.language, target.unit
    model = type(obj)
    label = "%s · %s" % (
        describe(obj),
        capfirst(model._meta.get_field(name).verbose_name),
    )

    def outcome(status, reason=""):
        return Outcome(label, language, status, reason)

    source = services.source_text(obj, name)
    original = services.source_language(obj)
    if normalise_language(unit.source_language) not in ("", original):
        return Plan(
            target,
            outcome(
                CONFLICT,
                _(
                    "the file translates from %(file)s, but the original language is "
                    "now %(now)s"
                )
                % {
                    "file": translated_name(normalise_language(unit.source_language)),
                    "now": translated_name(original),
                },
            ),
        )
    if fingerprint(source) != unit.fingerprint:
        return Plan(
            target,
            outcome(
                CONFLICT,
                _(
                    "the source text changed since the export; export it again to "
                    "translate today's text"
                ),
            ),
        )
    rich = services.is_rich_text(model, name)
    segmentation = segments.segment(source, rich=rich)
    by_id = {segment.id: segment for segment in segmentation.segments}
    for file_segment in unit.segments:
        segment = by_id.get(file_segment.id)
        if (
            segment is None
            or file_segment.source_error
            or segments.signature(file_segment.source)
            != segments.signature(segment.nodes)
        ):
            return Plan(
                target,
                outcome(
                    CONFLICT,
                    _(
                        "the source text in the file differs from the site's (part "
                        "%(part)s was edited in the file)"
                    )
                    % {"part": file_segment.id},
                ),
            )

    contents, untranslated, problems = {}, [], []
    file_segments = {file_segment.id: file_segment for file_segment in unit.segments}
    for number, segment in enumerate(segmentation.segments, 1):
        file_segment = file_segments.get(segment.id)
        if file_segment is None or (
            file_segment.target is None and not file_segment.target_error
        ):
            untranslated.append(number)
            continue
        if file_segment.target_error:
            problems.append("%d: %s" % (number, file_segment.target_error))
            continue
        if not segments.has_text(file_segment.target):
            untranslated.append(number)
            continue
        for problem in segments.code_problems(
            segment, segmentation, file_segment.target
        ):
            problems.append("%d: %s" % (number, problem))
        contents[segment.id] = file_segment.target
    if untranslated and len(untranslated) == len(segmentation.segments):
        return Plan(target, outcome(SKIPPED, _("no translation in the file")))
    if untranslated:
        return Plan(
            target,
            outcome(
                SKIPPED,
                _("not fully translated: part %(parts)s has no translation")
                % {"parts": ", ".join(map(str, untranslated))},
            ),
        )
    if problems:
        return Plan(
            target,
            outcome(
                SKIPPED,
                _("inline codes do not match the source, in part %(problems)s")
                % {"problems": "; ".join(problems)},
            ),
        )

    current = services.text_in(obj, name, language)
    # Links and other codes keep what the current translation made of them
    # (a link to the Swedish page), where it lines up with the source.
    kept_codes = segments.align(segmentation, current)[1] if current else {}
    text = segmentation.rebuild(contents, kept_codes)
    if rich:
        text = clean_html(text)
        current = clean_html(current)
    max_length = model._meta.get_field(name).max_length
    if max_length and len(text) > max_length:
        return Plan(
            target,
            outcome(
                SKIPPED,
                _("%(count)d characters, more than the %(max)d the field holds")
                % {"count": len(text), "max": max_length},
            ),
        )
    if text != current:
        return Plan(target, outcome(APPLIED), text=text)
    finished = all(
        file_segments[segment.id].state not in UNFINISHED_STATES
        for segment in segmentation.segments
    )
    status = services.field_status(obj, name, language)
    if finished and status == services.Status.OUTDATED:
        return Plan(
            target,
            outcome(APPLIED, _("unchanged text confirmed as up to date")),
            confirm=True,
        )
    return Plan(target, outcome(UNCHANGED))


# Importing -------------------------------------------------------------------


def import_documents(documents, *, user=None, dry_run=False):
    """Import [(name, bytes)]; returns a Report. Writes nothing on error."""
    report = Report(dry_run=dry_run)
    units = []
    for name, data in documents:
        try:
            units.extend(parse_document(name, data))
        except Rejected as error:
            report.errors.append(str(error))
    if report.errors:
        return report
    if not units:
        report.errors.append(_("The file holds no translation unit."))
        return report
    with transaction.atomic():
        targets, errors = resolve(units, user=user)
        if errors:
            report.errors.extend(errors)
            return report
        plans = [plan(target) for target in targets]
        report.outcomes = [each.outcome for each in plans]
        if not dry_run:
            _write(plans, user)
    return report


def import_file(data, *, filename="", user=None, dry_run=False):
    """Import an upload's bytes (.xlf or .zip); returns a Report."""
    try:
        documents = read_upload(data, filename)
    except Rejected as error:
        return Report(errors=[str(error)], dry_run=dry_run)
    return import_documents(documents, user=user, dry_run=dry_run)


def _write(plans, user):
    changes, confirmations = {}, []
    for each in plans:
        if each.text is not None:
            changes.setdefault(each.target.obj, []).append(each)
        elif each.confirm:
            confirmations.append(each)
    if not changes and not confirmations:
        return
    messages = {}
    with _revision(user) as revision, services.attributed_to(user):
        for obj, obj_plans in changes.items():
            columns = []
            for each in obj_plans:
                column = build_localized_fieldname(
                    each.target.field, each.target.language
                )
                setattr(obj, column, each.text)
                columns.append(column)
            if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
                columns.append("updated_at")
            # Only the translated columns: an editor's change to anything else
            # made while the file was out stays.
            obj.save(update_fields=columns)
            root = documents.owner(obj)
            messages.setdefault(root, []).append(_change(obj, root, obj_plans))
        for each in confirmations:
            services.confirm(
                obj=each.target.obj,
                language=each.target.language,
                fields=[each.target.field],
                user=user,
            )
        revision.comment = json.dumps(
            [item for items in messages.values() for item in items]
        )
    if user is not None and user.is_authenticated:
        for root, items in messages.items():
            LogEntry.objects.log_actions(
                user.pk, [root], CHANGE, change_message=json.dumps(items)
            )


def _change(obj, root, obj_plans):
    """One item of the admin's JSON change message, as an inline's change is.

    Stored untranslated, so that the history reads in each reader's language.
    """
    with override(None):
        labels = [
            "%s (%s)"
            % (
                capfirst(type(obj)._meta.get_field(each.target.field).verbose_name),
                each.target.language,
            )
            for each in obj_plans
        ]
        if obj == root:
            return {"changed": {"fields": labels}}
        return {
            "changed": {
                "name": str(obj._meta.verbose_name),
                "object": str(obj),
                "fields": labels,
            }
        }


class _revision:
    """A django-reversion revision around the writes, when reversion is on."""

    def __init__(self, user):
        self.user = user
        self.context = None
        self.comment = ""

    def __enter__(self):
        if apps.is_installed("reversion"):
            import reversion

            self.context = reversion.create_revision()
            self.context.__enter__()
            if self.user is not None and self.user.is_authenticated:
                reversion.set_user(self.user)
        return self

    def __exit__(self, *exc):
        if self.context is None:
            return False
        import reversion

        if exc[0] is None and self.comment:
            reversion.set_comment(self.comment)
        return self.context.__exit__(*exc)
