"""The interface catalogues: Swedish complete, English present, both compiled.

The .po files are read with a small parser here (no polib), and the compiled
.mo files through the standard library's gettext, so that a catalogue edited
but not compiled, or compiled from an older .po, fails the suite.
"""

import ast
import gettext
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.languages import EU_LANGUAGES
from tests.factories import make_release, make_speaker, make_topic

LOCALE = Path(settings.BASE_DIR) / "locale"

#: printf-style (``%(name)s``, ``%(byte)02X``, ``%s``) and brace placeholders.
PLACEHOLDER = re.compile(
    r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs%]|\{[^{}\s]*\}"
)


def parse_po(path):
    """The entries of a .po file, header first, each a dict.

    ``flags`` is the set of ``#,`` flags; ``msgstr`` maps the plural index
    (``None`` for a singular entry) to its text. Obsolete ``#~`` entries are
    comments here and are not returned.
    """
    entries = []
    entry, key = None, None

    def start():
        return {"flags": set(), "msgid": None, "msgid_plural": None, "msgstr": {}}

    entry = start()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            if entry["msgid"] is not None:
                entries.append(entry)
            entry, key = start(), None
        elif line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif match := re.match(r"^(msgctxt|msgid_plural|msgid)\s+(\".*\")$", line):
            key = (match[1], None)
            entry[match[1]] = ast.literal_eval(match[2])
        elif match := re.match(r"^msgstr(?:\[(\d+)\])?\s+(\".*\")$", line):
            key = ("msgstr", int(match[1]) if match[1] else None)
            entry["msgstr"][key[1]] = ast.literal_eval(match[2])
        elif line.startswith('"') and key is not None:
            if key[0] == "msgstr":
                entry["msgstr"][key[1]] += ast.literal_eval(line)
            else:
                entry[key[0]] += ast.literal_eval(line)
        else:
            raise AssertionError("%s:%d: cannot read %r" % (path, number, line))
    if entry["msgid"] is not None:
        entries.append(entry)
    return entries


def catalogue(language):
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def header(entries):
    first = entries[0]
    assert first["msgid"] == "", "the catalogue has no header entry"
    fields = {}
    for line in first["msgstr"][None].splitlines():
        name, _sep, value = line.partition(":")
        fields[name.strip()] = value.strip()
    return fields


def messages(entries):
    return [entry for entry in entries if entry["msgid"]]


@pytest.fixture(scope="module")
def sv_entries():
    return parse_po(catalogue("sv"))


@pytest.fixture(scope="module")
def en_entries():
    return parse_po(catalogue("en"))


# The Swedish catalogue -------------------------------------------------------


def test_sv_header(sv_entries):
    fields = header(sv_entries)
    assert fields["Language"] == "sv"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert "fuzzy" not in sv_entries[0]["flags"]


def test_sv_has_no_untranslated_or_fuzzy_entries(sv_entries):
    entries = messages(sv_entries)
    assert len(entries) > 200, "the Swedish catalogue looks truncated"
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    untranslated = [
        entry["msgid"]
        for entry in entries
        if not entry["msgstr"] or not all(entry["msgstr"].values())
    ]
    assert fuzzy == []
    assert untranslated == []


def test_sv_plurals_have_both_forms(sv_entries):
    plurals = [entry for entry in messages(sv_entries) if entry["msgid_plural"]]
    assert plurals, "the Swedish catalogue has no plural entries"
    for entry in plurals:
        assert sorted(entry["msgstr"]) == [0, 1], entry["msgid"]


def test_sv_keeps_every_placeholder(sv_entries):
    for entry in messages(sv_entries):
        sources = [entry["msgid"], entry["msgid_plural"] or entry["msgid"]]
        for index, text in entry["msgstr"].items():
            source = sources[1] if index == 1 else sources[0]
            assert Counter(PLACEHOLDER.findall(text)) == Counter(
                PLACEHOLDER.findall(source)
            ), "%r -> %r" % (source, text)


def test_sv_language_names_are_lowercase(sv_entries):
    english_names = {str(english) for _code, _native, english in EU_LANGUAGES}
    by_id = {
        entry["msgid"]: entry["msgstr"][None]
        for entry in messages(sv_entries)
        if not entry["msgid_plural"]
    }
    for name in english_names:
        assert by_id[name] == by_id[name].lower(), name
    assert by_id["Swedish"] == "svenska"
    assert by_id["English"] == "engelska"


# The English catalogue -------------------------------------------------------


def test_en_catalogue_has_the_same_messages(en_entries, sv_entries):
    assert header(en_entries)["Language"] == "en"
    assert {entry["msgid"] for entry in messages(en_entries)} == {
        entry["msgid"] for entry in messages(sv_entries)
    }
    assert not any("fuzzy" in entry["flags"] for entry in en_entries)


# The compiled catalogues -----------------------------------------------------


@pytest.mark.parametrize("language", ["sv", "en"])
def test_mo_is_compiled_from_the_po(language):
    """Every .po entry reads the same through the .mo, and nothing more is there."""
    po = catalogue(language)
    mo = po.with_suffix(".mo")
    assert mo.exists(), "%s is not compiled: run 'make messages'" % po
    with mo.open("rb") as file:
        compiled = gettext.GNUTranslations(file)

    translated = set()
    for entry in messages(parse_po(po)):
        msgid, plural, context = (
            entry["msgid"],
            entry["msgid_plural"],
            entry.get("msgctxt"),
        )
        # A .mo file keys an entry with a context as "context\x04msgid".
        key = msgid if context is None else "%s\x04%s" % (context, msgid)
        if plural:
            one, other = entry["msgstr"][0] or msgid, entry["msgstr"][1] or plural
            if context is None:
                found = [compiled.ngettext(msgid, plural, n) for n in (1, 2)]
            else:
                found = [compiled.npgettext(context, msgid, plural, n) for n in (1, 2)]
            assert found == [one, other], msgid
            if entry["msgstr"][0]:
                translated.update({(key, 0), (key, 1)})
        else:
            if context is None:
                found = compiled.gettext(msgid)
            else:
                found = compiled.pgettext(context, msgid)
            assert found == (entry["msgstr"][None] or msgid), msgid
            if entry["msgstr"][None]:
                translated.add(key)
    # _catalog is the parsed .mo: it also holds the header, under "".
    assert set(compiled._catalog) - {""} == translated


# The public site in Swedish --------------------------------------------------


@pytest.mark.django_db
def test_home_page_navigation_in_swedish(client):
    make_release(topics=[make_topic(name_sv="Migration")])

    response = client.get("/sv/")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="sv">' in page
    for swedish in (
        "Hoppa till huvudinnehållet",
        "Pressrum",
        ">Pressmeddelanden</a>",
        ">Teman</a>",
        ">Talare</a>",
        ">Partnerskap</a>",
        'aria-label="Huvudmeny"',
        'aria-label="Sidfot"',
        "Senaste pressmeddelanden",
        "Alla pressmeddelanden",
        "Alla teman",
        "1 pressmeddelande<",
        "Pressmeddelande</span>",
    ):
        assert swedish in page, swedish
    for english in ("Skip to main content", "Latest releases", ">Speakers</a>"):
        assert english not in page, english


@pytest.mark.django_db
def test_release_page_in_swedish_names_the_fallback_language(client):
    release = make_release(reference="COR/20/123")

    with translation.override("sv"):
        response = client.get(release.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "Finns inte på svenska; visas på engelska." in page
    assert "Referens: COR/20/123" in page


@pytest.mark.django_db
def test_speaker_list_plural_in_swedish(client):
    speaker = make_speaker()
    make_release(speakers=[speaker])
    make_release(speakers=[speaker])

    with translation.override("sv"):
        response = client.get(reverse("releases:speakers"))

    assert "citerad i 2 pressmeddelanden" in response.content.decode()


@pytest.mark.django_db
def test_the_admin_names_newsroom_in_the_editor_s_language(admin_client):
    swedish = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    english = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Pressrummets administration" in swedish
    assert "<title>Pressmeddelanden och översättningar | Pressrummets admin" in swedish
    assert "Newsroom administration" in english
    assert "Django administration" not in english + swedish


def test_the_tags_field_s_own_help_is_swedish():
    # Shown where the tags are read only (a translator's view of a release);
    # taggit's own "A comma-separated list of tags." has no Swedish.
    from releases.models import PressRelease

    field = PressRelease._meta.get_field("tags")
    with translation.override("sv"):
        assert str(field.help_text).startswith("Nyckelord, som visas som de är")
