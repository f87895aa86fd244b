"""The translation workspace in the admin: the queue, the editor, the coverage.

Registered on the admin site by translations/admin.py (WorkspaceAdmin), so
every view is staff-only, CSRF-protected and drawn in the admin's frame.
"""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from modeltranslation.utils import build_localized_fieldname

from core.diff import word_diff
from core.languages import LANGUAGE_CODES, translated_name
from core.sanitize import clean_html, safe_html
from history import revisions
from translations import documents, permissions, services
from translations.fingerprints import fingerprint
from translations.services import Status

QUEUE_PAGE_SIZE = 50
COVERAGE_PAGE_SIZE = 25

#: The symbol each status shows beside its name, so that colour is never
#: the only sign (WCAG 1.4.1).
SYMBOLS = {
    Status.UP_TO_DATE: "✓",
    Status.OUTDATED: "!",
    Status.MISSING: "✕",
    Status.ORIGINAL: "◆",
}


def status_display(status):
    return {
        "value": status.value,
        "label": status.label,
        "symbol": SYMBOLS[status],
    }


def legend():
    return [
        status_display(status)
        for status in (
            Status.MISSING,
            Status.OUTDATED,
            Status.UP_TO_DATE,
            Status.ORIGINAL,
        )
    ]


def editor_url(document, language):
    return reverse(
        "admin:translations_editor",
        kwargs={
            "model": document._meta.model_name,
            "pk": document.pk,
            "language": language,
        },
    )


def change_url(document):
    opts = document._meta
    return reverse(
        "admin:%s_%s_change" % (opts.app_label, opts.model_name), args=[document.pk]
    )


def _language_choices(codes):
    return [{"code": code, "name": translated_name(code)} for code in codes]


# The queue ------------------------------------------------------------------


def _source_languages(document_type, queryset):
    """The languages ``queryset``'s documents are written in."""
    model = document_type.model
    if any(f.name == "original_language" for f in model._meta.concrete_fields):
        return set(
            queryset.order_by().values_list("original_language", flat=True).distinct()
        )
    return {services.source_language(model())}


def _queue_items(user, language, filters):
    """[(document_type, document, summary)] the user may translate into ``language``."""
    PressRelease = documents.primary_model()
    items = []
    release_filters = filters["kind"] or filters["topic"]
    for document_type in documents.document_types().values():
        model = document_type.model
        if filters["type"] and document_type.key != filters["type"]:
            continue
        if release_filters and model is not PressRelease:
            continue
        if not permissions.may_translate_model(user, model, language):
            continue
        queryset = model._default_manager.all()
        if model is PressRelease:
            queryset = queryset.exclude(original_language=language)
            if filters["kind"]:
                queryset = queryset.of_kind(filters["kind"])
            if filters["topic"]:
                queryset = queryset.for_topic(filters["topic"])
        languages = {language, *_source_languages(document_type, queryset)}
        found = documents.load(document_type, queryset, languages)
        summaries = documents.summaries(document_type, found, [language])
        for document in found:
            summary = summaries[(document.pk, language)]
            if summary.status not in (None, Status.ORIGINAL):
                items.append((document_type, document, summary))
    return items


def _queue_order(item):
    """Work first (missing and outdated), then newest releases, then the rest."""
    document_type, document, summary = item
    order = _TYPE_ORDER.get(document_type.key)
    if order is None:
        order = _TYPE_ORDER[document_type.key] = list(documents.document_types()).index(
            document_type.key
        )
    published = getattr(document, "published_at", None)
    return (
        0 if summary.needs_work else 1,
        order,
        -published.timestamp() if published else 0,
        str(documents.label(document)).casefold(),
    )


_TYPE_ORDER = {}


def queue_view(request, admin_site):
    """A language's translation work: what is missing or outdated, newest first."""
    PressRelease = documents.primary_model()
    Topic = PressRelease._meta.get_field("topics").related_model
    user = request.user
    languages = permissions.user_languages(user)
    if not languages:
        raise PermissionDenied
    own = permissions.profile_languages(user)
    language = request.GET.get("language")
    if language not in languages:
        # Their own languages first; an editor without any gets the language
        # they use the admin in, unless that is the usual source, English.
        active = translation.get_language()
        preferred = (*own, *([active] if active in languages else []), *languages)
        default = [code for code in preferred if code != "en"]
        language = default[0] if default else languages[0]

    types = documents.document_types()
    topic = None
    if request.GET.get("topic", "").isdigit():
        topic = Topic.objects.filter(pk=request.GET["topic"]).first()
    filters = {
        "type": request.GET.get("type") if request.GET.get("type") in types else "",
        "kind": request.GET.get("kind")
        if request.GET.get("kind") in PressRelease.Kind.values
        else "",
        "topic": topic,
    }
    status_filter = request.GET.get("status", "")
    if status_filter not in ("", "work", *Status.values):
        status_filter = ""

    items = _queue_items(user, language, filters)
    counts = dict.fromkeys((Status.MISSING, Status.OUTDATED, Status.UP_TO_DATE), 0)
    for _type, _document, summary in items:
        counts[summary.status] += 1
    if status_filter == "work":
        items = [item for item in items if item[2].needs_work]
    elif status_filter:
        items = [item for item in items if item[2].status == status_filter]
    items.sort(key=_queue_order)
    page = Paginator(items, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))

    rows = [
        {
            "type": document_type,
            "type_label": capfirst(document_type.model._meta.verbose_name),
            "document": document,
            "label": documents.label(document, language),
            "label_language": language
            if services.text_in(
                document, services.translated_fields(type(document))[0], language
            )
            else services.source_language(document),
            "source_language": services.source_language(document),
            "summary": summary,
            "status": status_display(summary.status),
            "done": summary.count(Status.UP_TO_DATE),
            "url": editor_url(document, language),
        }
        for document_type, document, summary in page
    ]

    def query(**changes):
        params = request.GET.copy()
        params.pop("page", None)
        for key, value in changes.items():
            if value:
                params[key] = value
            else:
                params.pop(key, None)
        return "?" + params.urlencode() if params else "?"

    status_links = [
        {
            "value": "",
            "label": _("All"),
            "count": sum(counts.values()),
            "url": query(status=""),
            "current": status_filter == "",
        },
        {
            "value": "work",
            "label": _("To do"),
            "count": counts[Status.MISSING] + counts[Status.OUTDATED],
            "url": query(status="work"),
            "current": status_filter == "work",
        },
    ] + [
        {
            **status_display(status),
            "count": counts[status],
            "url": query(status=status.value),
            "current": status_filter == status.value,
        }
        for status in counts
    ]
    context = {
        **admin_site.each_context(request),
        "title": _("Translation queue: %(language)s")
        % {"language": translated_name(language)},
        "language": language,
        "language_name": translated_name(language),
        "languages": _language_choices(languages),
        "types": [{"key": key, "label": capfirst(t.label)} for key, t in types.items()],
        "kinds": PressRelease.Kind.choices,
        "topics": Topic.objects.all(),
        "filters": filters,
        "status_filter": status_filter,
        "status_links": status_links,
        "counts": counts,
        "rows": rows,
        "page": page,
        "page_query": query(),
        "is_editor": permissions.is_translation_editor(user),
        "legend": legend(),
    }
    return TemplateResponse(request, "admin/translations/queue.html", context)


# The side-by-side editor ----------------------------------------------------


def _rich_text_widget():
    """The admin's rich-text editor where there is one (core.widgets)."""
    try:
        from core.widgets import RichTextWidget
    except ImportError:
        return forms.Textarea(attrs={"rows": 12})
    return RichTextWidget()


def _unit_form_field(unit, language):
    obj, name = unit.obj, unit.field
    model_field = type(obj)._meta.get_field(build_localized_fieldname(name, language))
    field = model_field.formfield(required=False)
    rich = services.is_rich_text(type(obj), name)
    if rich:
        field.widget = _rich_text_widget()
    elif isinstance(field.widget, forms.Textarea):
        field.widget.attrs.update({"rows": 4})
    field.widget.attrs.update({"lang": language})
    field.label = _unit_label(unit)
    # The editor shows the source beside the field; the admin's help texts
    # are for authors.
    field.help_text = ""
    return field


def _unit_label(unit):
    verbose = capfirst(type(unit.obj)._meta.get_field(unit.field).verbose_name)
    return verbose


def _part_label(document, obj):
    """ "Quote: Apostolos Tzitzikostas" for a part; None for the document."""
    if obj is document:
        return None
    return "%s: %s" % (capfirst(obj._meta.verbose_name), obj)


def _state(unit, language):
    """What the form was opened on, for one unit: its source and translation."""
    source = services.source_text(unit.obj, unit.field)
    target = services.text_in(unit.obj, unit.field, language)
    return fingerprint(source) + fingerprint(target)


def _load_document(document_type, pk):
    queryset = document_type.model._default_manager.filter(pk=pk)
    found = documents.load(document_type, queryset)
    if not found:
        raise Http404
    return found[0]


def _units(document_type, document, language, records):
    summary = documents.summarise(document_type, document, language, records)
    return summary, summary.units


def _keep_revision(document, user, changed, language):
    """A revision of the document as saved, so that its history shows the change.

    The comment is the admin's kind (changed fields, per part), written with
    untranslated labels so that each reader sees it in their own language.
    """
    items = []
    with translation.override(None):
        for obj, units in changed.items():
            fields = [
                str(
                    capfirst(
                        obj._meta.get_field(
                            build_localized_fieldname(unit.field, language)
                        ).verbose_name
                    )
                )
                for unit in units
            ]
            if obj is document:
                items.append({"changed": {"fields": fields}})
            else:
                items.append(
                    {
                        "changed": {
                            "name": str(obj._meta.verbose_name),
                            "object": str(obj),
                            "fields": fields,
                        }
                    }
                )
    revisions.record(document, user=user, comment=json.dumps(items))


def editor_view(request, admin_site, model, pk, language):
    """The source on the left, the translation on the right, field by field."""
    document_type = documents.document_types().get(model)
    if document_type is None or language not in LANGUAGE_CODES:
        raise Http404
    document = _load_document(document_type, pk)
    source = services.source_language(document)
    if language == source:
        messages.info(
            request,
            _("%(language)s is this item's original language: edit it here.")
            % {"language": translated_name(language)},
        )
        return redirect(change_url(document))
    if not permissions.may_translate(request.user, document, language):
        raise PermissionDenied

    every = list(documents.objects_of(document_type, document))
    records = services.RecordIndex.for_objects(every, languages=[language])
    summary, units = _units(document_type, document, language, records)

    form_class = type(
        "TranslationForm",
        (forms.Form,),
        {unit.key: _unit_form_field(unit, language) for unit in units},
    )
    opened = {unit.key: _state(unit, language) for unit in units}
    conflicts = []
    if request.method == "POST":
        form = form_class(request.POST)
        confirming = "_confirm" in request.POST
        if form.is_valid():
            mine, conflicts = _changes(
                units,
                form,
                language,
                _parse_state(request.POST.get("_state", "")),
                opened,
                confirming=confirming,
            )
            if conflicts:
                messages.error(
                    request,
                    _(
                        "Not saved: while you were working, someone changed "
                        "%(fields)s. Today's source and translation are shown "
                        "below, your text is still in the form: check it and save "
                        "again."
                    )
                    % {
                        "fields": ", ".join(
                            _describe(document, unit) for unit in conflicts
                        )
                    },
                )
            else:
                saved, confirmed = _save(
                    request.user, document, units, mine, language, confirming=confirming
                )
                _report(request, saved, confirmed, confirming)
                return redirect(request.get_full_path())
    else:
        form = form_class(
            initial={
                unit.key: services.text_in(unit.obj, unit.field, language)
                for unit in units
            }
        )

    rows = []
    for unit in units:
        record = records.get(unit.obj, unit.field, language)
        rich = services.is_rich_text(type(unit.obj), unit.field)
        text = services.source_text(unit.obj, unit.field)
        row = {
            "unit": unit,
            "part": _part_label(document, unit.obj),
            "label": _unit_label(unit),
            "rich": rich,
            "source": safe_html(text) if rich else text,
            "status": status_display(unit.status),
            "field": form[unit.key],
            "record": record,
            "conflict": unit in conflicts,
        }
        if unit.status == Status.OUTDATED and record is not None:
            row["diff"] = word_diff(record.source_text, text, rich=rich)
            row["since_kind"], row["since"] = _since(record)
        rows.append(row)

    opts = document._meta
    context = {
        **admin_site.each_context(request),
        "title": _("Translate into %(language)s")
        % {"language": translated_name(language)},
        "subtitle": documents.label(document),
        "document": document,
        "document_label": documents.label(document),
        "opts": opts,
        "change_url": change_url(document),
        "queue_url": reverse("admin:translations_queue") + "?language=" + language,
        "language": language,
        "language_name": translated_name(language),
        "source_language": source,
        "source_language_name": translated_name(source),
        "summary": summary,
        "overall": status_display(summary.status) if summary.status else None,
        "counts": {
            status.value: summary.count(status)
            for status in (Status.MISSING, Status.OUTDATED, Status.UP_TO_DATE)
        },
        "rows": rows,
        "form": form,
        "state": ";".join("%s:%s" % item for item in opened.items()),
        "other_languages": [
            {
                "code": code,
                "name": translated_name(code),
                "url": editor_url(document, code),
            }
            for code in permissions.user_languages(request.user)
            if code not in (language, source)
        ],
        "media": form.media,
        "legend": legend(),
    }
    return TemplateResponse(request, "admin/translations/editor.html", context)


def _since(record):
    """("confirmed" or "saved", when) the translation last met its source."""
    moments = [
        (moment, kind)
        for moment, kind in (
            (record.confirmed_at, "confirmed"),
            (record.translated_at, "saved"),
        )
        if moment
    ]
    if not moments:
        return None, None
    moment, kind = max(moments)
    return kind, moment


def _parse_state(value):
    """{unit key: (source fingerprint, translation fingerprint)} as opened."""
    state = {}
    for item in value.split(";"):
        key, _sep, digests = item.partition(":")
        if key and len(digests) == 2 * _FINGERPRINT:
            state[key] = digests
    return state


_FINGERPRINT = len(fingerprint(""))


def _normalised(unit, value):
    """``value`` as it would be stored: rich text sanitised, CRLF as LF."""
    value = (value or "").replace("\r\n", "\n")
    if services.is_rich_text(type(unit.obj), unit.field):
        return clean_html(value)
    return value


def _changes(units, form, language, posted_state, opened, *, confirming):
    """({unit: new text} this user changed, [units in conflict]).

    ``posted_state`` is what the form was opened on, ``opened`` what is
    stored now. A field this user did not change is not written, so that
    another's change to it is kept. A field they changed is in conflict when
    someone else changed it too (to other text), or when its source changed:
    the translation would be recorded against a source they have not seen.
    Confirming is refused when any source changed since the form was opened.
    """
    mine, conflicts = {}, []
    for unit in units:
        value = _normalised(unit, form.cleaned_data.get(unit.key))
        stored = services.text_in(unit.obj, unit.field, language)
        now = opened[unit.key]
        then = posted_state.get(unit.key, now)
        source_moved = then[:_FINGERPRINT] != now[:_FINGERPRINT]
        changed = fingerprint(value) != then[_FINGERPRINT:]
        if changed and value != stored:
            mine[unit] = value
            if then[_FINGERPRINT:] != now[_FINGERPRINT:] or source_moved:
                conflicts.append(unit)
        elif confirming and source_moved:
            conflicts.append(unit)
    return mine, conflicts


def _describe(document, unit):
    part = _part_label(document, unit.obj)
    label = str(_unit_label(unit))
    return "%s (%s)" % (label, part) if part else label


@transaction.atomic
def _save(user, document, units, mine, language, *, confirming):
    """Write this user's changes to ``language``, and nothing else.

    Each object is saved through its model's save() (rich text is sanitised
    there), limited to the columns of ``language`` that changed; the records
    follow from that save (translations.signals). Returns (saved units,
    confirmed units).
    """
    changed = {}
    for unit, value in mine.items():
        setattr(unit.obj, build_localized_fieldname(unit.field, language), value)
        changed.setdefault(unit.obj, []).append(unit)
    confirmed = []
    with services.attributed_to(user):
        for obj, obj_units in changed.items():
            columns = [build_localized_fieldname(u.field, language) for u in obj_units]
            if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
                columns.append("updated_at")
            obj.save(update_fields=columns)
        if confirming:
            by_object = {}
            for unit in units:
                by_object.setdefault(unit.obj, []).append(unit.field)
            for obj, fields in by_object.items():
                done = services.confirm(
                    obj=obj, language=language, fields=fields, user=user
                )
                confirmed += [u for u in units if u.obj is obj and u.field in done]
    if changed:
        _keep_revision(document, user, changed, language)
    return list(mine), confirmed


def _report(request, saved, confirmed, confirming):
    if confirming:
        messages.success(
            request,
            ngettext(
                "Saved; %(count)d field confirmed as up to date.",
                "Saved; %(count)d fields confirmed as up to date.",
                len(confirmed),
            )
            % {"count": len(confirmed)},
        )
    elif saved:
        messages.success(
            request,
            ngettext(
                "Saved %(count)d changed field.",
                "Saved %(count)d changed fields.",
                len(saved),
            )
            % {"count": len(saved)},
        )
    else:
        messages.info(request, _("Nothing changed."))


# The coverage matrix --------------------------------------------------------


def coverage_view(request, admin_site):
    """Recent releases against the 24 languages, each cell a status."""
    PressRelease = documents.primary_model()
    if not permissions.is_translation_editor(request.user):
        raise PermissionDenied
    document_type = documents.document_type_for(PressRelease)
    page = Paginator(PressRelease.objects.only("pk"), COVERAGE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    releases = documents.load(
        document_type,
        PressRelease.objects.filter(pk__in=[release.pk for release in page]),
    )
    summaries = documents.summaries(document_type, releases, LANGUAGE_CODES)

    totals = {code: dict.fromkeys(Status, 0) for code in LANGUAGE_CODES}
    # Worked out once, not in each of the 24 x 25 cells.
    names = {code: translated_name(code) for code in LANGUAGE_CODES}
    statuses = {status: status_display(status) for status in Status}
    labels = {status: str(status.label) for status in Status}
    fields_done = _("%(status)s (%(done)d of %(total)d fields up to date)")
    rows = []
    for release in releases:
        cells = []
        for code in LANGUAGE_CODES:
            summary = summaries[(release.pk, code)]
            status = summary.status or Status.MISSING
            totals[code][status] += 1
            if status == Status.ORIGINAL:
                url = change_url(release)
            else:
                url = editor_url(release, code)
            text = labels[status]
            if status == Status.MISSING and summary.total:
                text = fields_done % {
                    "status": text,
                    "done": summary.count(Status.UP_TO_DATE),
                    "total": summary.total,
                }
            cells.append(
                {
                    "code": code,
                    "status": statuses[status],
                    "url": url,
                    "text": "%s: %s" % (names[code], text),
                }
            )
        rows.append(
            {
                "release": release,
                "label": documents.label(release),
                "source_language": release.original_language,
                "cells": cells,
            }
        )
    columns = [{"code": code, "name": names[code]} for code in LANGUAGE_CODES]
    total_rows = [
        {
            "status": status_display(status),
            "counts": [totals[code][status] for code in LANGUAGE_CODES],
        }
        for status in (Status.UP_TO_DATE, Status.OUTDATED, Status.MISSING)
    ]
    context = {
        **admin_site.each_context(request),
        "title": _("Translation coverage"),
        "rows": rows,
        "columns": columns,
        "total_rows": total_rows,
        "page": page,
        "legend": legend(),
        "queue_url": reverse("admin:translations_queue"),
    }
    return TemplateResponse(request, "admin/translations/coverage.html", context)
