"""XLIFF 1.2 and 2.0: export, import, and round trips through translate-toolkit.

translate-toolkit (the library behind Pootle and Weblate) stands for the
translation agency's tool: it must read our exports, and what it writes
after setting translations must import cleanly. Every import error leaves
the database exactly as it was.
"""

import copy
import io
import re
import zipfile
from xml.etree import ElementTree as ET

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from reversion.models import Version
from translate.storage import xliff as ttk_xliff12
from translate.storage import xliff2 as ttk_xliff20

from releases.models import PressContact, PressRelease, PressReleaseSpeaker
from tests.admin_forms import errors_of, form_data
from tests.factories import make_contact, make_release, make_speaker
from tests.users import make_staff
from translations import services
from translations.fingerprints import fingerprint
from translations.models import TranslationRecord
from translations.xliff.export import export_releases
from translations.xliff.importer import import_file
from translations.xliff.inline import METADATA, NEWSROOM, XLIFF12, XLIFF20

VERSIONS = ("1.2", "2.0")

BODY = (
    "<p>The Committee <strong>welcomes</strong> the plan.<br>It asks for "
    '<a href="https://cor.europa.eu/en/news">more</a> funding.</p>\n'
    "<ul><li>Cities first</li><li>Regions <em>too</em></li></ul>"
    "<h2>Next steps</h2><blockquote><p>We act now.</p></blockquote>"
)


def q(namespace, tag):
    return "{%s}%s" % (namespace, tag)


@pytest.fixture
def release(db):
    release = make_release(
        reference="COR/24/001",
        title_en="Cities and regions back the plan",
        lead_en="A short lead.",
        body_en=BODY,
        more_information_en="",
    )
    PressReleaseSpeaker.objects.create(
        release=release,
        speaker=make_speaker(name="Vasco Alves Cordeiro"),
        role_en="President",
        quote_en="Regions deliver.",
    )
    make_contact(release, role_en="Spokesperson")
    return PressRelease.objects.get(pk=release.pk)


def export(release, version, languages=("sv",)):
    result = export_releases([release], languages, version)
    return result.documents[0].render()


def database_state():
    """Every translated column, record, revision and log entry, to compare."""
    state = {}
    for model in (PressRelease, PressReleaseSpeaker, PressContact):
        columns = [
            f.attname
            for f in model._meta.concrete_fields
            if getattr(f, "translated_field", None) is not None
        ]
        state[model.__name__] = list(model.objects.order_by("pk").values(*columns))
    state["records"] = list(
        TranslationRecord.objects.order_by("pk").values(
            "field", "language", "source_fingerprint", "translated_at", "confirmed_at"
        )
    )
    state["versions"] = Version.objects.count()
    state["log"] = LogEntry.objects.count()
    return state


def uppercased(elem):
    """A translate-toolkit rich string with its text upper-cased, codes kept."""
    elem = copy.deepcopy(elem)

    def walk(node):
        for index, part in enumerate(node.sub):
            if isinstance(part, str):
                node.sub[index] = part.upper()
            else:
                walk(part)

    walk(elem)
    return elem


def ttk_store(data, version):
    if version == "1.2":
        return ttk_xliff12.xlifffile(data)
    return ttk_xliff20.Xliff2File(data)


def ttk_units(store):
    """translate-toolkit's units by our ids, ``<field key>.<segment>``.

    translate-toolkit prefixes a 1.2 unit's id with its <file original> and
    a NUL-like separator, and a 2.0 segment's with its unit's id and "::"
    (or nothing, when the unit has one segment).
    """
    units = {}
    for unit in store.units:
        key = unit.getid().split("\x04")[-1].replace("::", ".")
        if not key.rsplit(".", 1)[-1].startswith("s"):
            key += ".s1"
        units[key] = unit
    return units


def translate_all(data, version):
    """What an agency's tool sends back: every unit translated (upper case)."""
    store = ttk_store(data, version)
    for unit in store.units:
        unit.rich_target = [uppercased(unit.rich_source[0])]
    return bytes(store)


# Export ----------------------------------------------------------------------


@pytest.mark.django_db
def test_xliff_12_export_has_a_group_per_field_and_a_unit_per_block(release):
    root = ET.fromstring(export(release, "1.2"))
    assert root.tag == q(XLIFF12, "xliff") and root.get("version") == "1.2"
    file_element = root.find(q(XLIFF12, "file"))
    assert file_element.get("source-language") == "en"
    assert file_element.get("target-language") == "sv"
    groups = {g.get("id"): g for g in root.iter(q(XLIFF12, "group"))}
    quote = release.quotes.get()
    assert set(groups) == {
        "releases.pressrelease.%d.title" % release.pk,
        "releases.pressrelease.%d.lead" % release.pk,
        "releases.pressrelease.%d.body" % release.pk,
        "releases.pressreleasespeaker.%d.role" % quote.pk,
        "releases.pressreleasespeaker.%d.quote" % quote.pk,
        "releases.presscontact.%d.role" % release.contacts.get().pk,
    }
    body = groups["releases.pressrelease.%d.body" % release.pk]
    assert body.get(q(NEWSROOM, "fingerprint")) == fingerprint(release.body_en)
    units = body.findall(q(XLIFF12, "trans-unit"))
    sources = ["".join(unit.find(q(XLIFF12, "source")).itertext()) for unit in units]
    assert sources == [
        "The Committee welcomes the plan.It asks for more funding.",
        "Cities first",
        "Regions too",
        "Next steps",
        "We act now.",
    ]
    first = units[0].find(q(XLIFF12, "source"))
    assert [(c.tag, c.get("id"), c.get("ctype")) for c in first.iter()][1:] == [
        (q(XLIFF12, "g"), "1", "bold"),
        (q(XLIFF12, "x"), "2", "lb"),
        (q(XLIFF12, "g"), "3", "link"),
    ]
    # The HTML of a code never travels: a tool cannot alter a link's target.
    assert b"cor.europa.eu" not in ET.tostring(body)


@pytest.mark.django_db
def test_xliff_20_export_has_a_unit_per_field_and_a_segment_per_block(release):
    root = ET.fromstring(export(release, "2.0"))
    assert root.tag == q(XLIFF20, "xliff")
    assert (root.get("srcLang"), root.get("trgLang")) == ("en", "sv")
    unit = next(
        u
        for u in root.iter(q(XLIFF20, "unit"))
        if u.get("id") == "releases.pressrelease.%d.body" % release.pk
    )
    meta = {m.get("type"): m.text for m in unit.iter(q(METADATA, "meta"))}
    assert meta == {
        "object": "releases.pressrelease.%d" % release.pk,
        "field": "body",
        "fingerprint": fingerprint(release.body_en),
    }
    segments = unit.findall(q(XLIFF20, "segment"))
    assert [s.get("id") for s in segments] == ["s1", "s2", "s3", "s4", "s5"]
    first = segments[0].find(q(XLIFF20, "source"))
    assert [(c.tag, c.get("id")) for c in first.iter()][1:] == [
        (q(XLIFF20, "pc"), "1"),
        (q(XLIFF20, "ph"), "2"),
        (q(XLIFF20, "pc"), "3"),
    ]
    data = {d.get("id"): d.text for d in unit.iter(q(XLIFF20, "data"))}
    assert data["o1"] == "<strong>" and data["c1"] == "</strong>"
    assert data["o2"] == "<br>"
    assert data["o3"].startswith('<a href="https://cor.europa.eu/en/news"')
    notes = [n.text for n in unit.iter(q(XLIFF20, "note"))]
    assert notes == ["Press release COR/24/001 · Body"]


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_an_existing_translation_is_exported_and_an_outdated_one_marked(
    release, version
):
    release.title_sv = "Städer och regioner stöder planen"
    release.lead_sv = "En kort ingress."
    release.save()
    release.lead_en = "A new lead."
    release.save()
    assert services.field_status(release, "lead", "sv") == services.Status.OUTDATED
    units = ttk_units(ttk_store(export(release, version), version))
    title = units["releases.pressrelease.%d.title.s1" % release.pk]
    lead = units["releases.pressrelease.%d.lead.s1" % release.pk]
    assert title.target == "Städer och regioner stöder planen"
    assert not title.isfuzzy()
    assert lead.target == "En kort ingress."
    assert lead.isfuzzy(), "an outdated translation goes out as needing review"


@pytest.mark.django_db
def test_a_translation_whose_blocks_line_up_is_exported_segment_by_segment(release):
    release.body_sv = (
        "<p>Kommittén <strong>välkomnar</strong> planen.<br>Den begär "
        '<a href="https://cor.europa.eu/sv/news">mer</a> pengar.</p>'
        "<ul><li>Städer först</li><li>Regioner <em>också</em></li></ul>"
        "<h2>Nästa steg</h2><blockquote><p>Vi agerar nu.</p></blockquote>"
    )
    release.save()
    root = ET.fromstring(export(release, "1.2"))
    unit = next(
        u
        for u in root.iter(q(XLIFF12, "trans-unit"))
        if u.get("id") == "releases.pressrelease.%d.body.s1" % release.pk
    )
    target = unit.find(q(XLIFF12, "target"))
    assert (
        "".join(target.itertext()) == "Kommittén välkomnar planen.Den begär mer pengar."
    )
    assert [c.get("id") for c in target.iter() if c is not target] == ["1", "2", "3"]


@pytest.mark.django_db
def test_several_languages_make_one_file_each_in_a_zip(release):
    result = export_releases([release], ["de", "sv", "fr"], "2.0")
    name, content_type, data = result.archive("COR-24-001")
    assert (name, content_type) == ("COR-24-001.zip", "application/zip")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert names == [
            "COR-24-001.en-de.xlf",
            "COR-24-001.en-fr.xlf",
            "COR-24-001.en-sv.xlf",
        ]
        root = ET.fromstring(archive.read("COR-24-001.en-fr.xlf"))
    assert root.get("trgLang") == "fr"


@pytest.mark.django_db
def test_a_release_is_not_exported_into_its_own_language(release):
    swedish = make_release(
        reference="COR/24/002", original_language="sv", title_sv="Svensk titel"
    )
    result = export_releases([release, swedish], ["sv"], "1.2")
    assert [doc.releases for doc in result.documents] == [[release]]
    assert result.notices == [
        "COR/24/002 is written in Swedish: it has nothing to translate into it."
    ]


@pytest.mark.django_db
def test_export_command_writes_one_file_or_a_zip(release, tmp_path):
    single = tmp_path / "one.xlf"
    call_command(
        "export_xliff",
        "--release",
        "COR/24/001",
        "--target",
        "sv",
        "--version",
        "2.0",
        "-o",
        str(single),
        stdout=io.StringIO(),
    )
    assert ET.fromstring(single.read_bytes()).get("version") == "2.0"
    several = tmp_path / "several.zip"
    call_command(
        "export_xliff",
        release=["COR/24/001"],
        target=["sv", "de"],
        version="1.2",
        output=str(several),
        stdout=io.StringIO(),
    )
    assert len(zipfile.ZipFile(several).namelist()) == 2


@pytest.mark.django_db
def test_export_command_names_an_unknown_reference(release, tmp_path):
    with pytest.raises(CommandError, match="No press release has the reference NOPE/1"):
        call_command(
            "export_xliff",
            release=["NOPE/1"],
            target=["sv"],
            output=str(tmp_path / "x.xlf"),
        )


# translate-toolkit reads our exports ------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_translate_toolkit_reads_our_export(release, version):
    store = ttk_store(export(release, version), version)
    assert store.getsourcelanguage() == "en"
    assert store.gettargetlanguage() == "sv"
    units = ttk_units(store)
    body = "releases.pressrelease.%d.body.s1" % release.pk
    if version == "1.2":
        # translate-toolkit prefixes a 1.2 id with its <file original>.
        assert store.units[0].getid() == "releases.pressrelease.%d\x04%s" % (
            release.pk,
            "releases.pressrelease.%d.title.s1" % release.pk,
        )
    else:
        assert units[body].getid() == "releases.pressrelease.%d.body::s1" % release.pk
    assert len(store.units) == 1 + 1 + 5 + 2 + 1
    assert (
        units[body].source
        == "The Committee welcomes the plan.It asks for more funding."
    )
    codes = [type(part).__name__ for part in units[body].rich_source[0].sub]
    if version == "1.2":
        assert codes == [
            "StringElem",
            "G",
            "StringElem",
            "X",
            "StringElem",
            "G",
            "StringElem",
        ]
        assert (
            units[body].getnotes()
            == "Press release COR/24/001 · Body, paragraph 1 of 5"
        )
    else:
        assert "UnknownXML" in codes
        # translate-toolkit 3.20 reads notes only inside <segment>, where
        # XLIFF 2.0 does not allow them; ours are on the <unit>, as the
        # standard says, and are found through the unit's element.
        notes = units[body].getunitelement().find(q(XLIFF20, "notes"))
        assert [n.text for n in notes] == ["Press release COR/24/001 · Body"]


# Import ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_a_file_translated_with_translate_toolkit_imports_cleanly(release, version):
    translated = translate_all(export(release, version), version)
    editor = make_staff("editor", superuser=True)
    report = import_file(translated, filename="sv.xlf", user=editor)
    assert report.ok, report.errors
    assert len(report.applied) == 6 and not report.skipped and not report.conflicts
    release.refresh_from_db()
    assert release.title_sv == "CITIES AND REGIONS BACK THE PLAN"
    # Block structure from the source, inline codes rebuilt as HTML.
    assert release.body_sv == (
        "<p>THE COMMITTEE <strong>WELCOMES</strong> THE PLAN.<br>IT ASKS FOR "
        '<a href="https://cor.europa.eu/en/news" rel="noopener noreferrer">MORE</a>'
        " FUNDING.</p>\n<ul>\n<li>CITIES FIRST</li>\n<li>REGIONS <em>TOO</em></li>\n</ul>\n"
        "<h2>NEXT STEPS</h2>\n<blockquote>\n<p>WE ACT NOW.</p>\n</blockquote>"
    )
    assert release.quotes.get().quote_sv == "REGIONS DELIVER."
    assert release.contacts.get().role_sv == "SPOKESPERSON"
    for field in ("title", "lead", "body"):
        assert services.field_status(release, field, "sv") == services.Status.UP_TO_DATE
    record = services.record_for(release, "body", "sv")
    assert record.translated_by == editor
    assert record.source_fingerprint == fingerprint(release.body_en)
    # The same file again changes nothing.
    again = import_file(translated, filename="sv.xlf", user=editor)
    assert len(again.unchanged) == 6 and not again.applied


@pytest.mark.django_db
def test_an_import_keeps_a_revision_and_a_history_entry(release):
    # Releases are kept in revisions: were they not, this test must fail,
    # not skip, since an import would then leave no trace to restore.
    assert reversion.is_registered(PressRelease)
    editor = make_staff("editor", superuser=True)
    before = Version.objects.get_for_object(release).count()
    import_file(translate_all(export(release, "1.2"), "1.2"), user=editor)
    versions = Version.objects.get_for_object(release)
    assert versions.count() == before + 1
    assert versions.first().revision.user == editor
    entry = LogEntry.objects.get(object_id=str(release.pk))
    assert "Title (sv)" in entry.get_change_message()


@pytest.mark.django_db
def test_unchanged_text_marked_done_confirms_an_outdated_translation(release):
    release.title_sv = "Titel"
    release.save()
    release.title_en = "A better title"
    release.save()
    assert services.field_status(release, "title", "sv") == services.Status.OUTDATED
    store = ttk_store(export(release, "2.0"), "2.0")
    for unit in store.units:
        if unit.target:
            unit.markfuzzy(False)  # the reviewer accepts it as it is
    report = import_file(bytes(store), filename="sv.xlf")
    assert [o.reason for o in report.applied] == [
        "unchanged text confirmed as up to date"
    ]
    assert services.field_status(release, "title", "sv") == services.Status.UP_TO_DATE


@pytest.mark.django_db
def test_dry_run_reports_and_writes_nothing(release):
    before = database_state()
    report = import_file(
        translate_all(export(release, "1.2"), "1.2"), filename="sv.xlf", dry_run=True
    )
    assert len(report.applied) == 6
    assert report.summary().startswith(
        "Dry run, nothing was changed. Would be applied: 6,"
    )
    assert database_state() == before


# Conflicts and skipped units -------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_a_unit_whose_source_changed_since_the_export_is_a_conflict(release, version):
    translated = translate_all(export(release, version), version)
    release.title_en = "Cities and regions back the new plan"
    release.save()
    before = database_state()
    report = import_file(translated, filename="sv.xlf")
    assert report.ok
    [conflict] = report.conflicts
    assert conflict.label == "Press release COR/24/001 · Title"
    assert "conflicts: 1," in report.summary()  # not "1 conflicts"
    assert "source text changed since the export" in conflict.reason
    release.refresh_from_db()
    assert not release.title_sv
    assert release.lead_sv == "A SHORT LEAD."  # the rest applies
    assert services.field_status(release, "title", "sv") == services.Status.MISSING
    only_title_changed = import_file(translated, filename="sv.xlf")
    assert len(only_title_changed.conflicts) == 1
    assert before != database_state()


@pytest.mark.django_db
def test_an_admin_save_of_other_fields_conflicts_only_where_the_source_changed(
    client, release
):
    # Stored as an import or the demo writes it: no line breaks at all.
    release.body_en = BODY.replace("\n", "")
    release.save()
    exported = translate_all(export(release, "2.0"), "2.0")
    client.force_login(make_staff("editor", superuser=True))
    change = reverse("admin:releases_pressrelease_change", args=[release.pk])
    data = form_data(client.get(change))
    data["lead_en"] = "A new lead."
    # The editor posts the untouched body back with a line break after
    # every block, as it writes HTML.
    data["body_en"] = re.sub(
        r"(</(?:p|li|ul|h2|blockquote)>|<(?:ul|blockquote)>)",
        "\\1\r\n",
        data["body_en"].replace("\n", ""),
    )
    response = client.post(change, data)
    assert response.status_code == 302, errors_of(response)

    report = import_file(exported, filename="sv.xlf")

    assert [o.label for o in report.conflicts] == ["Press release COR/24/001 · Lead"]
    release.refresh_from_db()
    assert release.body_sv.startswith("<p>THE COMMITTEE")


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_a_source_edited_in_the_file_is_a_conflict(release, version):
    data = translate_all(export(release, version), version)
    data = data.replace(b"A short lead.</source>", b"A shorter lead.</source>")
    before = database_state()
    report = import_file(data, filename="sv.xlf")
    assert [o.label for o in report.conflicts] == ["Press release COR/24/001 · Lead"]
    assert "differs from the site's" in report.conflicts[0].reason
    release.refresh_from_db()
    assert not release.lead_sv
    assert before["records"] != database_state()["records"]  # others applied


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_a_file_from_a_former_original_language_is_a_conflict(release, version):
    translated = translate_all(export(release, version, languages=("sv",)), version)
    release.original_language = "fr"
    release.title_fr = "Les villes et les régions soutiennent le plan"
    release.lead_fr = "Un court chapeau."
    release.body_fr = "<p>Le Comité salue le plan.</p>"
    release.save()
    before = database_state()

    report = import_file(translated, filename="sv.xlf")

    assert report.conflicts
    reason = report.conflicts[0].reason
    # Both languages by name, in the same form, so the report reads as one.
    assert "translates from English" in reason
    assert "original language is now French" in reason
    assert not report.applied
    assert database_state() == before


def body_unit_12(data, release, segment="s1"):
    root = ET.fromstring(data)
    for unit in root.iter(q(XLIFF12, "trans-unit")):
        if unit.get("id") == "releases.pressrelease.%d.body.%s" % (release.pk, segment):
            return root, unit
    raise AssertionError("no such unit")


def with_body_target(release, target_xml, version="1.2"):
    """The export with every unit translated, and s1 of the body replaced."""
    data = translate_all(export(release, version), version)
    if version == "1.2":
        root, unit = body_unit_12(data, release)
        target = unit.find(q(XLIFF12, "target"))
    else:
        root = ET.fromstring(data)
        unit = next(
            u
            for u in root.iter(q(XLIFF20, "unit"))
            if u.get("id") == "releases.pressrelease.%d.body" % release.pk
        )
        target = unit.find(q(XLIFF20, "segment")).find(q(XLIFF20, "target"))
    namespace = XLIFF12 if version == "1.2" else XLIFF20
    replacement = ET.fromstring(
        '<target xmlns="%s">%s</target>' % (namespace, target_xml)
    )
    target.clear()
    target.text = replacement.text
    target.extend(list(replacement))
    return ET.tostring(root, encoding="utf-8")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("version", "target", "problem"),
    [
        (
            "1.2",
            'PLAN <g id="1">A</g> PLAN<x id="2"/> MORE',
            "inline code <a> (3) of the source is missing",
        ),
        (
            "2.0",
            'PLAN <pc id="1">A</pc><ph id="2"/> <pc id="3">MORE</pc> <pc id="9">X</pc>',
            "inline code 9 is not in the source of this segment",
        ),
        (
            "1.2",
            'A <g id="1">B</g> <g id="1">C</g><x id="2"/><g id="3">D</g>',
            "inline code <strong> (1) appears more than once",
        ),
        (
            "1.2",
            'A <bpt id="1">&lt;b&gt;</bpt>B <bpt id="3">&lt;a&gt;</bpt>C'
            '<ept id="1">&lt;/b&gt;</ept>D<ept id="3">&lt;/a&gt;</ept><x id="2"/>',
            "inline code 1 ends where it did not start, or overlaps another",
        ),
        (
            "1.2",
            'A <x id="1"/><x id="2"/><g id="3">B</g>',
            "inline code <strong> (1) has the wrong kind",
        ),
    ],
)
def test_broken_or_removed_inline_codes_are_reported_not_applied(
    release, version, target, problem
):
    data = with_body_target(release, target, version)
    before = database_state()
    report = import_file(data, filename="sv.xlf")
    [skipped] = report.skipped
    assert skipped.label == "Press release COR/24/001 · Body"
    assert problem in skipped.reason
    release.refresh_from_db()
    assert not release.body_sv
    assert release.title_sv  # the other fields still apply
    assert before != database_state()


@pytest.mark.django_db
def test_bpt_ept_pairs_from_other_tools_rebuild_the_same_html(release):
    data = with_body_target(
        release,
        'EN <bpt id="1">&lt;strong&gt;</bpt>FET<ept id="1">&lt;/strong&gt;</ept>'
        '<x id="2"/><bpt id="3">&lt;a href="javascript:alert(1)"&gt;</bpt>LÄNK'
        '<ept id="3">&lt;/a&gt;</ept>',
    )
    report = import_file(data, filename="sv.xlf")
    assert not report.skipped
    release.refresh_from_db()
    # The link goes where the source's goes, whatever the file says.
    assert release.body_sv.startswith(
        '<p>EN <strong>FET</strong><br><a href="https://cor.europa.eu/en/news" '
        'rel="noopener noreferrer">LÄNK</a></p>'
    )


@pytest.mark.django_db
def test_markup_typed_into_a_translation_is_text_not_html(release):
    data = with_body_target(
        release,
        '&lt;script&gt;alert(1)&lt;/script&gt; <g id="1">A</g><x id="2"/><g id="3">B</g>',
    )
    import_file(data, filename="sv.xlf")
    release.refresh_from_db()
    assert "<script>" not in release.body_sv
    assert release.body_sv.startswith(
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; <strong>"
    )


@pytest.mark.django_db
def test_a_partly_translated_field_is_skipped(release):
    data = export(release, "1.2")
    store = ttk_store(data, "1.2")
    for unit in store.units:
        if not unit.getid().endswith(".body.s3"):
            unit.rich_target = [uppercased(unit.rich_source[0])]
    report = import_file(bytes(store), filename="sv.xlf")
    [skipped] = report.skipped
    assert skipped.reason == "not fully translated: part 3 has no translation"


@pytest.mark.django_db
def test_a_link_of_the_current_translation_survives_a_round_trip(release):
    release.body_sv = BODY.replace("/en/", "/sv/")
    release.save()
    store = ttk_store(export(release, "2.0"), "2.0")
    for unit in store.units:
        unit.rich_target = [uppercased(unit.rich_source[0])]
    import_file(bytes(store), filename="sv.xlf")
    release.refresh_from_db()
    assert 'href="https://cor.europa.eu/sv/news"' in release.body_sv


@pytest.mark.django_db
def test_a_translation_longer_than_its_field_is_skipped(release):
    data = export(release, "1.2").replace(
        b"Cities and regions back the plan</source>",
        b"Cities and regions back the plan</source><target>"
        + b"x" * 301
        + b"</target>",
    )
    report = import_file(data, filename="sv.xlf")
    assert [o.reason for o in report.skipped if "Title" in o.label] == [
        "301 characters, more than the 300 the field holds"
    ]


# Errors: nothing changes -------------------------------------------------------


def assert_refused(data, message, *, user=None, filename="sv.xlf"):
    before = database_state()
    report = import_file(data, filename=filename, user=user)
    assert not report.ok
    assert not report.outcomes
    assert any(message in error for error in report.errors), report.errors
    assert report.summary().endswith("Nothing was changed.")
    assert database_state() == before
    return report


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_the_original_language_as_target_is_refused(release, version):
    data = translate_all(export(release, version), version)
    if version == "1.2":
        data = data.replace(b'target-language="sv"', b'target-language="en"')
    else:
        data = data.replace(b'trgLang="sv"', b'trgLang="en"')
    assert_refused(data, "English is the original language of Press release COR/24/001")


@pytest.mark.django_db
def test_a_language_the_site_does_not_have_is_refused(release):
    data = translate_all(export(release, "2.0"), "2.0").replace(
        b'trgLang="sv"', b'trgLang="tlh"'
    )
    assert_refused(data, "the target language “tlh” is not one of the site's languages")


@pytest.mark.django_db
def test_a_translator_may_import_only_their_languages(release):
    swedish = make_staff("sv-translator", languages=["sv"])
    german = translate_all(export(release, "1.2", languages=["de"]), "1.2")
    assert_refused(
        german,
        "you may not translate Press release COR/24/001 into German",
        user=swedish,
    )
    report = import_file(translate_all(export(release, "1.2"), "1.2"), user=swedish)
    assert report.ok and len(report.applied) == 6


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_an_unknown_object_is_refused_and_nothing_applies(release, version):
    data = translate_all(export(release, version), version)
    other = make_release(reference="COR/24/099")
    data = data.replace(
        b"releases.presscontact.%d.role" % release.contacts.get().pk,
        b"releases.presscontact.999999.role",
    )
    report = assert_refused(data, "Press contact #999999 does not exist")
    assert other.pk  # untouched with the rest
    assert len(report.errors) == 1


@pytest.mark.django_db
def test_a_deleted_release_is_refused(release):
    data = translate_all(export(release, "1.2"), "1.2")
    PressRelease.objects.filter(pk=release.pk).delete()
    assert_refused(data, "Press release #%d does not exist" % release.pk)


@pytest.mark.django_db
def test_a_field_that_is_not_translated_is_refused(release):
    data = translate_all(export(release, "2.0"), "2.0").replace(
        b'id="releases.pressrelease.%d.lead"' % release.pk,
        b'id="releases.pressrelease.%d.status"' % release.pk,
    )
    assert_refused(data, "press release has no translated field “status”")


@pytest.mark.django_db
def test_a_unit_that_lost_its_fingerprint_is_refused(release):
    data = export(release, "1.2")
    data = data.replace(
        b' nr:fingerprint="%s"' % fingerprint(release.lead_en).encode(), b""
    )
    assert_refused(data, "lost the fingerprint of its source")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<xliff version='1.2'><file>", "is not well-formed XML (line 1, column"),
        (b"", "is not well-formed XML"),
        (b"\x89PNG\r\n\x1a\n", "is not well-formed XML"),
        (b"<html><body/></html>", "is not an XLIFF file (its root element is <html>)"),
    ],
)
def test_malformed_files_are_refused(release, data, message):
    assert_refused(data, message)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">&lol9;</xliff>
"""


@pytest.mark.django_db
def test_an_entity_expansion_bomb_is_refused(release):
    assert_refused(BILLION_LAUGHS, "declares a document type or entities")


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_an_external_entity_is_refused_and_never_read(release, version, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    data = translate_all(export(release, version), version)
    data = data.replace(
        b"?>",
        b'?>\n<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file://%s">]>'
        % str(secret).encode(),
        1,
    ).replace(b"A SHORT LEAD.", b"&secret;")
    assert_refused(data, "declares a document type or entities")
    assert "TOP SECRET" not in str(PressRelease.objects.values_list("lead_sv"))


@pytest.mark.django_db
def test_an_oversized_file_is_refused(release):
    data = translate_all(export(release, "1.2"), "1.2")
    with override_settings(NEWSROOM_MAX_XLIFF_BYTES=len(data) - 1):
        report = assert_refused(data, "the largest import accepted is")
    assert report.errors[0].startswith("sv.xlf is ")


@pytest.mark.django_db
def test_a_zip_that_unpacks_too_large_is_refused(release):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.xlf", b" " * 200_000)
    data = buffer.getvalue()
    assert len(data) < 10_000
    with override_settings(NEWSROOM_MAX_XLIFF_BYTES=100_000):
        assert_refused(data, "unpacks to more than", filename="sv.zip")


@pytest.mark.django_db
def test_a_zip_of_several_languages_imports_each(release):
    result = export_releases([release], ["sv", "de"], "2.0")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in result.files("x"):
            archive.writestr(name, translate_all(data, "2.0"))
    report = import_file(buffer.getvalue(), filename="x.zip")
    assert report.ok and len(report.applied) == 12
    release.refresh_from_db()
    assert release.title_de == release.title_sv == "CITIES AND REGIONS BACK THE PLAN"


# The commands ------------------------------------------------------------------


@pytest.mark.django_db
def test_import_command_prints_the_report(release, tmp_path):
    path = tmp_path / "sv.xlf"
    path.write_bytes(translate_all(export(release, "2.0"), "2.0"))
    make_staff("anna", languages=["sv"])
    out = io.StringIO()
    call_command("import_xliff", str(path), "--user", "anna", "--dry-run", stdout=out)
    assert "Press release COR/24/001 · Title [sv]: applied" in out.getvalue()
    assert "Dry run, nothing was changed. Would be applied: 6," in out.getvalue()
    release.refresh_from_db()
    assert not release.title_sv
    call_command("import_xliff", str(path), user="anna", stdout=io.StringIO())
    release.refresh_from_db()
    assert release.title_sv == "CITIES AND REGIONS BACK THE PLAN"


@pytest.mark.django_db
def test_import_command_fails_on_errors_and_changes_nothing(release, tmp_path):
    path = tmp_path / "sv.xlf"
    path.write_bytes(BILLION_LAUGHS)
    before = database_state()
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("import_xliff", str(path), stderr=err)
    assert "declares a document type" in err.getvalue()
    with pytest.raises(CommandError, match="No user is called “nobody”"):
        call_command("import_xliff", str(path), user="nobody")
    with (
        override_settings(NEWSROOM_MAX_XLIFF_BYTES=10),
        pytest.raises(CommandError, match="the largest import accepted is 10"),
    ):
        call_command("import_xliff", str(path))
    assert database_state() == before


# The admin ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_export_action_asks_for_languages_then_sends_the_file(client, release):
    client.force_login(make_staff("editor", superuser=True))
    url = reverse("admin:releases_pressrelease_changelist")
    chosen = {"action": "export_for_translation", "_selected_action": [release.pk]}
    page = client.post(url, chosen)
    assert page.status_code == 200
    assert b'name="languages" value="sv"' in page.content
    # English is the release's original: nothing to translate into.
    assert b'name="languages" value="en"' not in page.content
    assert b"COR/24/001" in page.content
    response = client.post(
        url, {**chosen, "export": "1", "languages": ["sv"], "version": "2.0"}
    )
    assert response["Content-Type"] == "application/xliff+xml"
    assert response["Content-Disposition"] == (
        'attachment; filename="COR-24-001.en-sv.xlf"'
    )
    assert ET.fromstring(response.content).get("trgLang") == "sv"


@pytest.mark.django_db
def test_a_translator_is_offered_only_their_languages(client, release):
    client.force_login(make_staff("sv-translator", languages=["sv"]))
    url = reverse("admin:releases_pressrelease_changelist")
    listing = client.get(url)
    assert b"Export for translation (XLIFF)" in listing.content
    import_url = reverse("admin:releases_pressrelease_xliff_import").encode()
    assert import_url in listing.content
    assert import_url in client.get(reverse("admin:translations_queue")).content
    chosen = {"action": "export_for_translation", "_selected_action": [release.pk]}
    page = client.post(url, chosen)
    assert b'value="sv"' in page.content and b'value="de"' not in page.content
    forged = client.post(
        url, {**chosen, "export": "1", "languages": ["de"], "version": "1.2"}
    )
    assert forged.status_code == 200
    assert "Content-Disposition" not in forged
    assert b"Select a valid choice" in forged.content


@pytest.mark.django_db
def test_the_import_page_applies_a_file_and_shows_the_report(client, release):
    client.force_login(make_staff("sv-translator", languages=["sv"]))
    url = reverse("admin:releases_pressrelease_xliff_import")
    assert client.get(url).status_code == 200
    upload = io.BytesIO(translate_all(export(release, "1.2"), "1.2"))
    upload.name = "sv.xlf"
    page = client.post(url, {"file": upload})
    assert page.status_code == 200
    assert b"Applied: 6, unchanged: 0, conflicts: 0, skipped: 0." in page.content
    release.refresh_from_db()
    assert release.title_sv == "CITIES AND REGIONS BACK THE PLAN"


@pytest.mark.django_db
def test_the_import_page_refuses_a_bad_file_with_its_reason(client, release):
    client.force_login(make_staff("sv-translator", languages=["sv"]))
    url = reverse("admin:releases_pressrelease_xliff_import")
    german = io.BytesIO(translate_all(export(release, "2.0", ["de"]), "2.0"))
    german.name = "de.xlf"
    before = database_state()
    page = client.post(url, {"file": german})
    assert "you may not translate Press release COR/24/001 into German" in (
        page.content.decode()
    )
    assert database_state() == before
    with override_settings(NEWSROOM_MAX_XLIFF_BYTES=100):
        german.seek(0)
        page = client.post(url, {"file": german})
    assert "the largest import accepted is 100" in page.content.decode()
    assert database_state() == before


@pytest.mark.django_db
def test_the_import_page_is_closed_to_staff_without_a_language(client):
    client.force_login(make_staff("visitor"))
    response = client.get(reverse("admin:releases_pressrelease_xliff_import"))
    assert response.status_code == 403
