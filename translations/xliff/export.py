"""Press releases exported for translation, as XLIFF 1.2 or 2.0.

One XLIFF document per pair of languages (the releases' original language
and one target language), zipped when there are several. XLIFF 2.0 allows
nothing else (``srcLang`` and ``trgLang`` belong to the document), agencies
hand each language to another translator, and CAT tools and
translate-toolkit open a file as one language pair; XLIFF 1.2 files follow
the same rule so that both versions split work alike.

Inside a document each release is a ``<file>``, holding the release's
translatable fields and those of the rows that belong to it (quotes,
contacts, images). Each field is a unit (2.0 ``<unit>``; 1.2 a ``<group>``
of ``<trans-unit>``), whose segments are the field's blocks
(translations.xliff.segments). Each unit says what it is:

- its id: ``releases.pressrelease.42.body``, the model, the object's primary
  key and the field (``parse_key``);
- the fingerprint of the source it was exported from (2.0: the metadata
  module's ``<mda:meta type="fingerprint">``; 1.2: ``nr:fingerprint``, in
  our own namespace), which the import compares with today's source;
- a note naming the release and field for the translator.

A translation that exists goes beside its source (as ``translated``, or as
needing review when the source changed since), segment by segment where its
blocks line up with the source's.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.languages import LANGUAGE_CODES, translated_name
from translations import documents, services
from translations.fingerprints import fingerprint
from translations.xliff import inline, segments
from translations.xliff.inline import METADATA, NEWSROOM, XLIFF12, XLIFF20, XML, q

VERSIONS = ("1.2", "2.0")

#: ``app_label.model.pk.field``: what a unit's id says it is.
KEY = re.compile(r"^(?P<model>[a-z0-9_]+\.[a-z0-9_]+)\.(?P<pk>\d+)\.(?P<field>\w+)$")


def object_key(obj):
    return "%s.%s" % (obj._meta.label_lower, obj.pk)


def field_key(obj, field):
    return "%s.%s" % (object_key(obj), field)


def parse_key(key):
    """(model label, pk, field) of a unit id, or None if it is not one of ours."""
    match = KEY.match(key or "")
    if not match:
        return None
    return match["model"], int(match["pk"]), match["field"]


def release_objects(release):
    """The release, then the translatable rows that belong to it, in order."""
    objects = [release]
    for model in services.translatable_models():
        parent = services.parent_field(model)
        if parent is not None and parent.related_model is type(release):
            objects.extend(model._default_manager.filter(**{parent.name: release}))
    return objects


def describe(obj):
    """How a note or a report names ``obj``.

    "Press release COR/20/123", "Speaker quoted “…” in press release …",
    "Topic “Cohesion policy”".
    """
    PressRelease = documents.primary_model()
    if isinstance(obj, PressRelease):
        return _("Press release %(reference)s") % {"reference": obj.reference}
    release = documents.owner(obj)
    if not isinstance(release, PressRelease):
        return _("%(kind)s “%(name)s”") % {
            "kind": capfirst(obj._meta.verbose_name),
            "name": obj,
        }
    return _("%(kind)s “%(name)s” in press release %(reference)s") % {
        "kind": capfirst(obj._meta.verbose_name),
        "name": obj,
        "reference": release.reference,
    }


@dataclass
class Unit:
    """One field of one object, ready to be written in a target language."""

    obj: object
    field: str
    key: str
    label: str
    fingerprint: str
    segmentation: segments.Segmentation
    targets: dict
    status: str
    max_length: int | None = None


@dataclass
class Document:
    """One XLIFF file: the releases of one language pair."""

    source_language: str
    target_language: str
    version: str
    releases: list = field(default_factory=list)
    units: dict = field(default_factory=dict)

    @property
    def unit_count(self):
        return sum(
            len(units) for objects in self.units.values() for units in objects.values()
        )

    def filename(self, stem):
        return "%s.%s-%s.xlf" % (stem, self.source_language, self.target_language)

    def render(self):
        if self.version == "1.2":
            root, namespace = _write_12(self), XLIFF12
        else:
            root, namespace = _write_20(self), XLIFF20
        _indent(root)
        # XLIFF's own namespace as the default one, without a prefix: what
        # every XLIFF tool writes. ElementTree's default_namespace option
        # refuses the unprefixed attributes XLIFF uses, so it is done here.
        prefix = "{%s}" % namespace
        for element in root.iter():
            if element.tag.startswith(prefix):
                element.tag = element.tag[len(prefix) :]
        root.set("xmlns", namespace)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


@dataclass
class Export:
    documents: list
    #: Why a release or language was left out, for the person exporting.
    notices: list

    def files(self, stem):
        return [(doc.filename(stem), doc.render()) for doc in self.documents]

    def archive(self, stem):
        """(filename, content type, bytes): one .xlf, or a .zip of several."""
        files = self.files(stem)
        if len(files) == 1:
            name, data = files[0]
            return name, "application/xliff+xml", data
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in files:
                archive.writestr(name, data)
        return "%s.zip" % stem, "application/zip", buffer.getvalue()


def field_units(obj, language, records):
    """The units of ``obj``'s fields that have a source to translate."""
    model = type(obj)
    units = []
    for name in services.translated_fields(model):
        source = services.source_text(obj, name)
        if not source.strip():
            continue
        rich = services.is_rich_text(model, name)
        segmentation = segments.segment(source, rich=rich)
        if not segmentation.segments:
            continue
        status = services.field_status(obj, name, language, records=records)
        existing = services.text_in(obj, name, language)
        model_field = model._meta.get_field(name)
        units.append(
            Unit(
                obj=obj,
                field=name,
                key=field_key(obj, name),
                label="%s · %s" % (describe(obj), capfirst(model_field.verbose_name)),
                fingerprint=fingerprint(source),
                segmentation=segmentation,
                targets=segments.align(segmentation, existing)[0] if existing else {},
                status=status,
                max_length=None if rich else model_field.max_length,
            )
        )
    return units


def export_releases(releases, languages, version):
    """An Export of ``releases`` into each of ``languages``.

    A release is left out of the document of its own original language,
    and a document with nothing to translate is not made; ``notices`` says
    so.
    """
    if version not in VERSIONS:
        raise ValueError("XLIFF version must be one of %s" % ", ".join(VERSIONS))
    releases = list(releases)
    languages = [code for code in LANGUAGE_CODES if code in set(languages)]
    objects = {release.pk: release_objects(release) for release in releases}
    records = services.RecordIndex.for_objects(
        [obj for objs in objects.values() for obj in objs], languages=languages
    )
    documents, notices = {}, []
    for language in languages:
        for release in releases:
            source = services.source_language(release)
            if source == language:
                notices.append(
                    _(
                        "%(reference)s is written in %(language)s: it has nothing to translate into it."
                    )
                    % {
                        "reference": release.reference,
                        "language": translated_name(language),
                    }
                )
                continue
            units = {}
            for obj in objects[release.pk]:
                found = field_units(obj, language, records)
                if found:
                    units[obj] = found
            if not units:
                notices.append(
                    _("%(reference)s has no text to translate.")
                    % {"reference": release.reference}
                )
                continue
            document = documents.setdefault(
                (source, language), Document(source, language, version)
            )
            document.releases.append(release)
            document.units[release] = units
    return Export(list(documents.values()), _unique(notices))


def _unique(items):
    return list(dict.fromkeys(items))


def summary(export):
    """One sentence for a message or the command's output."""
    units = sum(doc.unit_count for doc in export.documents)
    files = ngettext("%(count)d file", "%(count)d files", len(export.documents)) % {
        "count": len(export.documents)
    }
    fields = ngettext(
        "%(count)d field to translate", "%(count)d fields to translate", units
    ) % {"count": units}
    return _("%(files)s, %(fields)s.") % {"files": files, "fields": fields}


# XLIFF 1.2 -----------------------------------------------------------------

#: 1.2 target states. "needs-review-translation" is what tools show as
#: fuzzy: the source changed since the translation was confirmed.
_STATES_12 = {
    services.Status.UP_TO_DATE: "translated",
    services.Status.OUTDATED: "needs-review-translation",
}
_STATES_20 = {
    services.Status.UP_TO_DATE: "translated",
    services.Status.OUTDATED: "initial",
}


def _notes(unit, segment=None):
    """What a translator is told about ``unit`` (and one of its segments)."""
    label = unit.label
    count = len(unit.segmentation.segments)
    if segment is not None and count > 1:
        label = _("%(field)s, %(block)s %(number)d of %(count)d") % {
            "field": unit.label,
            "block": segment.block_name or _("part"),
            "number": unit.segmentation.segments.index(segment) + 1,
            "count": count,
        }
    notes = [label]
    if unit.targets and unit.status == services.Status.OUTDATED:
        notes.append(
            _("The source changed since this translation was made: please review it.")
        )
    if unit.max_length:
        notes.append(_("At most %(count)d characters.") % {"count": unit.max_length})
    return notes


def _write_12(document):
    root = ET.Element(q(XLIFF12, "xliff"), version="1.2")
    for release in document.releases:
        file_element = ET.SubElement(
            root,
            q(XLIFF12, "file"),
            {
                "original": object_key(release),
                "source-language": document.source_language,
                "target-language": document.target_language,
                "datatype": "html",
                "product-name": "Newsroom",
            },
        )
        header = ET.SubElement(file_element, q(XLIFF12, "header"))
        ET.SubElement(
            header, q(XLIFF12, "tool"), {"tool-id": "newsroom", "tool-name": "Newsroom"}
        )
        ET.SubElement(header, q(XLIFF12, "note")).text = "%s: %s" % (
            describe(release),
            services.source_text(release, "title"),
        )
        body = ET.SubElement(file_element, q(XLIFF12, "body"))
        for units in document.units[release].values():
            for unit in units:
                _unit_12(body, unit, document)
    return root


def _unit_12(body, unit, document):
    group = ET.SubElement(
        body,
        q(XLIFF12, "group"),
        {
            "id": unit.key,
            "resname": unit.field,
            "restype": "x-newsroom-field",
            q(NEWSROOM, "fingerprint"): unit.fingerprint,
        },
    )
    for segment in unit.segmentation.segments:
        attrs = {"id": "%s.%s" % (unit.key, segment.id), q(XML, "space"): "preserve"}
        if segment.id in unit.targets:
            # What translate-toolkit and Weblate read as "not fuzzy".
            attrs["approved"] = (
                "no" if unit.status == services.Status.OUTDATED else "yes"
            )
        if unit.max_length:
            attrs.update(maxwidth=str(unit.max_length), **{"size-unit": "char"})
        trans_unit = ET.SubElement(group, q(XLIFF12, "trans-unit"), attrs)
        source = ET.SubElement(
            trans_unit,
            q(XLIFF12, "source"),
            {q(XML, "lang"): document.source_language},
        )
        inline.write_12(source, segment.nodes, unit.segmentation.codes)
        if segment.id in unit.targets:
            target = ET.SubElement(
                trans_unit,
                q(XLIFF12, "target"),
                {
                    q(XML, "lang"): document.target_language,
                    "state": _STATES_12.get(unit.status, "translated"),
                },
            )
            inline.write_12(target, unit.targets[segment.id], unit.segmentation.codes)
        for text in _notes(unit, segment):
            ET.SubElement(
                trans_unit, q(XLIFF12, "note"), {"from": "newsroom"}
            ).text = text


# XLIFF 2.0 -----------------------------------------------------------------


def _write_20(document):
    root = ET.Element(
        q(XLIFF20, "xliff"),
        {
            "version": "2.0",
            "srcLang": document.source_language,
            "trgLang": document.target_language,
        },
    )
    for release in document.releases:
        file_element = ET.SubElement(
            root,
            q(XLIFF20, "file"),
            {"id": object_key(release), "original": release.reference},
        )
        notes = ET.SubElement(file_element, q(XLIFF20, "notes"))
        ET.SubElement(notes, q(XLIFF20, "note")).text = "%s: %s" % (
            describe(release),
            services.source_text(release, "title"),
        )
        for units in document.units[release].values():
            for unit in units:
                _unit_20(file_element, unit)
    return root


def _unit_20(parent, unit):
    element = ET.SubElement(
        parent,
        q(XLIFF20, "unit"),
        {"id": unit.key, "name": unit.field, q(XML, "space"): "preserve"},
    )
    metadata = ET.SubElement(element, q(METADATA, "metadata"))
    group = ET.SubElement(metadata, q(METADATA, "metaGroup"), category="newsroom")
    for kind, value in (
        ("object", object_key(unit.obj)),
        ("field", unit.field),
        ("fingerprint", unit.fingerprint),
    ):
        ET.SubElement(group, q(METADATA, "meta"), type=kind).text = value
    # XLIFF 2.0 notes belong to the unit, not to its segments.
    notes = ET.SubElement(element, q(XLIFF20, "notes"))
    for text in _notes(unit):
        ET.SubElement(notes, q(XLIFF20, "note")).text = text
    inline.original_data(element, unit.segmentation.codes)
    for segment in unit.segmentation.segments:
        attrs = {"id": segment.id}
        if segment.id in unit.targets:
            attrs["state"] = _STATES_20.get(unit.status, "translated")
        segment_element = ET.SubElement(element, q(XLIFF20, "segment"), attrs)
        source = ET.SubElement(segment_element, q(XLIFF20, "source"))
        inline.write_20(source, segment.nodes, unit.segmentation.codes)
        if segment.id in unit.targets:
            target = ET.SubElement(segment_element, q(XLIFF20, "target"))
            inline.write_20(target, unit.targets[segment.id], unit.segmentation.codes)


# Layout --------------------------------------------------------------------

#: Elements whose content is text: indenting inside them would change it.
_TEXT_ELEMENTS = {
    q(ns, tag)
    for ns in (XLIFF12, XLIFF20)
    for tag in ("source", "target", "note", "data")
} | {q(METADATA, "meta")}


def _indent(element, level=0):
    """Indent the structure, never the text (ElementTree.indent would)."""
    if element.tag in _TEXT_ELEMENTS or not len(element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level
