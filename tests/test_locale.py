"""The interface catalogues: Swedish complete, English present, both compiled.

The .po files are read with a small parser here (no polib), and the compiled
.mo files through the standard library's gettext, so that a catalogue edited
but not compiled, or compiled from an older .po, fails the suite.
"""

import ast
import gettext
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.languages import EU_LANGUAGES, LANGUAGE_CODES, NATIVE_NAMES
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


# Every catalogue -------------------------------------------------------------

#: Django ships no Maltese catalogue, so its Plural-Forms is not in
#: django/conf/locale/mt: this is gettext's own rule for Maltese.
MALTESE_PLURAL_FORMS = 4

#: Languages with more than two plural forms, where a wrong header or a
#: missing form shows "1 releases"-like text to readers.
SEVERAL_PLURALS = ("pl", "cs", "sk", "sl", "lt", "lv", "ga", "mt", "ro", "hr")

_entries_cache = {}


def entries_of(language):
    """The parsed catalogue of ``language``, parsed once per test session."""
    if language not in _entries_cache:
        path = catalogue(language)
        assert path.exists(), "%s has no catalogue: run 'make messages'" % language
        _entries_cache[language] = parse_po(path)
    return _entries_cache[language]


def django_nplurals(language):
    """nplurals in Django's own catalogue for ``language`` (its admin strings)."""
    if language == "mt":
        return MALTESE_PLURAL_FORMS
    django_po = (
        Path(translation.__file__).resolve().parent.parent.parent
        / "conf"
        / "locale"
        / language
        / "LC_MESSAGES"
        / "django.po"
    )
    plural_forms = header(parse_po(django_po))["Plural-Forms"]
    return int(re.match(r"nplurals=(\d+);", plural_forms)[1])


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_catalogue_has_the_same_messages_as_swedish(language, sv_entries):
    """``make messages`` keeps all 24 in step: none lacks or adds a message."""
    entries = entries_of(language)
    assert header(entries)["Language"] == language
    assert "fuzzy" not in entries[0]["flags"]

    def keys(catalogue_entries):
        return {
            (entry.get("msgctxt"), entry["msgid"])
            for entry in messages(catalogue_entries)
        }

    assert keys(entries) == keys(sv_entries)


@pytest.mark.parametrize("language", [c for c in LANGUAGE_CODES if c != "en"])
def test_catalogue_has_no_untranslated_or_fuzzy_entry(language):
    # English needs no msgstr: the msgids are English.
    entries = messages(entries_of(language))
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    untranslated = [
        entry["msgid"]
        for entry in entries
        if not entry["msgstr"] or not all(entry["msgstr"].values())
    ]
    assert fuzzy == []
    assert untranslated == []


@pytest.mark.parametrize("language", [c for c in LANGUAGE_CODES if c != "en"])
def test_catalogue_keeps_every_placeholder(language):
    for entry in messages(entries_of(language)):
        for text in entry["msgstr"].values():
            if not text:
                continue
            sources = {entry["msgid"], entry["msgid_plural"] or entry["msgid"]}
            found = Counter(PLACEHOLDER.findall(text))
            # A singular form may leave the number out ("The selected release
            # goes into the file:"), so it may match either source.
            assert any(
                found == Counter(PLACEHOLDER.findall(source)) for source in sources
            ), "%s: %r -> %r" % (language, entry["msgid"], text)


@pytest.mark.parametrize("language", [c for c in LANGUAGE_CODES if c != "en"])
def test_plural_forms_match_django_s_and_every_form_is_translated(language):
    entries = entries_of(language)
    nplurals = django_nplurals(language)
    plural_forms = header(entries)["Plural-Forms"]
    assert plural_forms.startswith("nplurals=%d;" % nplurals), plural_forms
    if language in SEVERAL_PLURALS:
        assert nplurals > 2, "%s has more than two plural forms" % language
    plurals = [entry for entry in messages(entries) if entry["msgid_plural"]]
    assert plurals, "no plural entries in %s" % language
    for entry in plurals:
        assert sorted(entry["msgstr"]) == list(range(nplurals)), entry["msgid"]
        assert all(entry["msgstr"].values()), entry["msgid"]


# The compiled catalogues -----------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGE_CODES)
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
            # Each number picks its form by the catalogue's own rule (Latvian's
            # form 0 is for 0, 10, 11..., not for 1), so check several.
            for n in (0, 1, 2, 3, 5, 11, 21, 102):
                index = compiled.plural(n)
                expected = entry["msgstr"][index] or (msgid if n == 1 else plural)
                if context is None:
                    found = compiled.ngettext(msgid, plural, n)
                else:
                    found = compiled.npgettext(context, msgid, plural, n)
                assert found == expected, (msgid, n)
            if all(entry["msgstr"].values()):
                translated.update((key, index) for index in entry["msgstr"])
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


# Every public page in every language -----------------------------------------

#: URL names that are not public pages: staff previews and signed embargo
#: links (tested in tests/releases/test_preview.py).
NOT_PUBLIC = {"releases:preview", "releases:embargo-preview"}

#: Attributes a reader meets (screen readers, tooltips, search snippets).
READ_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder", "content", "value"}


class _Readable(HTMLParser):
    """The text a reader meets on a page: text nodes and readable attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data)


def readable_texts(html):
    parser = _Readable()
    parser.feed(html)
    return {" ".join(text.split()) for text in parser.texts}


def public_url_names():
    """Every named URL under the language prefix, as "namespace:name"."""
    from django.urls import LocalePrefixPattern, get_resolver

    names = set()
    for prefixed in get_resolver().url_patterns:
        if not isinstance(prefixed.pattern, LocalePrefixPattern):
            continue
        for included in prefixed.url_patterns:
            for inner in included.url_patterns:
                if inner.name:
                    names.add("%s:%s" % (included.namespace, inner.name))
    return names - NOT_PUBLIC


@pytest.fixture
def every_page_type(db):
    """One object of each kind a public page shows, and the page addresses."""
    from django.utils import timezone

    from tests.factories import (
        make_area,
        make_contact,
        make_organisation,
        make_partnership,
    )

    topic = make_topic(slug="climate", name_en="Climate")
    speaker = make_speaker(slug="a-speaker")
    release = make_release(topics=[topic], speakers=[speaker], tags=["energy"])
    make_contact(release)
    partnership = make_partnership(slug="a-partnership")
    partnership.partners.add(make_organisation())
    make_area(partnership)
    day = timezone.localtime(release.published_at)
    dated = {"year": "%04d" % day.year, "month": "%02d" % day.month}
    return {
        "releases:home": {},
        "releases:list": {},
        "releases:archive-year": {"year": dated["year"]},
        "releases:archive-month": dated,
        "releases:archive-day": {**dated, "day": "%02d" % day.day},
        "releases:detail": release,
        "releases:feed-rss": {},
        "releases:feed-atom": {},
        "releases:topic-feed-rss": {"slug": topic.slug},
        "releases:topic-feed-atom": {"slug": topic.slug},
        "releases:topics": {},
        "releases:topic": {"slug": topic.slug},
        "releases:speakers": {},
        "releases:speaker": {"slug": speaker.slug},
        "partnerships:list": {},
        "partnerships:detail": {"slug": partnership.slug},
        "search:search": {},
    }


def _address(name, kwargs, language):
    with translation.override(language):
        if hasattr(kwargs, "url_in"):
            return kwargs.url_in(language)
        return reverse(name, kwargs=kwargs)


def test_every_public_url_pattern_is_covered(every_page_type):
    """A new public page must join the per-language test below."""
    assert public_url_names() == set(every_page_type)


def _english_interface_messages(language):
    """(message, pattern) for each English msgid the language translates.

    Messages identical in the language ("Logo", "Status" in German) are left
    out: seeing them is no sign of a missing translation.
    """
    translated = {}
    for entry in messages(entries_of(language)):
        if entry.get("msgctxt") or entry["msgid_plural"]:
            continue
        msgid, msgstr = entry["msgid"], entry["msgstr"].get(None)
        # Short words and bare placeholders ("%(field)s: %(message)s") would
        # match any text: only messages with some words of their own count.
        words = re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub("", msgid))
        # "English" is also English's own name in the language switcher.
        native = msgid in NATIVE_NAMES.values()
        if msgstr and msgstr != msgid and sum(map(len, words)) > 3 and not native:
            text = " ".join(msgid.split())
            parts = PLACEHOLDER.split(text)
            pattern = ".+?".join(re.escape(part) for part in parts)
            translated[text] = re.compile(pattern + r"\Z")
    return translated


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_every_public_page_answers_in_the_language_without_english_chrome(
    client, every_page_type, language
):
    """Each public page type answers under /<language>/ (Maltese included)
    and shows no English interface message the language has a translation for.
    """
    english = {} if language == "en" else _english_interface_messages(language)
    # A translation may equal another message's English ("Kind" is "Type" in
    # French, and "Type" is a message too): text that is one is no leak.
    own = {
        " ".join(text.split())
        for entry in messages(entries_of(language))
        for text in entry["msgstr"].values()
    }
    leaks = []
    for name, kwargs in every_page_type.items():
        url = _address(name, kwargs, language)
        assert url.startswith("/%s/" % language), url
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if "html" not in response["Content-Type"]:
            continue
        assert '<html lang="%s"' % language in response.content.decode()
        for text in readable_texts(response.content.decode()) - own:
            leaks += [
                (url, text) for pattern in english.values() if pattern.match(text)
            ]
    assert leaks == []


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_not_found_page_answers_in_the_language(client, language):
    response = client.get("/%s/no-such-page/" % language)

    assert response.status_code == 404
    with translation.override(language):
        assert str(translation.gettext("Page not found")) in response.content.decode()


# Dates follow the active language ---------------------------------------------


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_dates_follow_the_language_on_the_site_and_in_the_admin(admin_client, language):
    """The changelist's "Dec. 11, 2026, 10 a.m." and the release page's date
    are written the language's way, with its month names."""
    from datetime import datetime, timedelta

    from django.utils import formats, timezone

    moment = timezone.make_aware(datetime(2026, 3, 11, 10, 0)) - timedelta(days=400)
    release = make_release(published_at=moment)
    local = timezone.localtime(moment)
    with translation.override(language):
        in_admin = formats.date_format(local, "DATETIME_FORMAT")
        on_the_site = formats.date_format(local, "DATE_FORMAT")
        month = formats.date_format(local, "F")

    changelist = admin_client.get(
        reverse("admin:releases_pressrelease_changelist"),
        HTTP_ACCEPT_LANGUAGE=language,
    ).content.decode()
    page = admin_client.get(release.url_in(language)).content.decode()

    assert re.search(
        r'<td class="field-published_at[^"]*">%s</td>' % re.escape(in_admin), changelist
    ), in_admin
    assert ">%s</time>" % on_the_site in page
    if language != "en":
        assert "March" not in page + changelist or month == "March"


@pytest.mark.parametrize("language", [c for c in LANGUAGE_CODES if c != "sv"])
def test_fallback_notice_is_wholly_in_the_visitor_s_language(client, db, language):
    """ "στα ελληνικά· εμφανίζεται στα σουηδικά", not "Not available in
    Ελληνικά": both languages are named by the catalogue's own phrases, and
    the Swedish text keeps its own lang attribute."""
    from core.languages import in_language

    release = make_release(
        original_language="sv",
        title_sv="Bara på svenska",
        lead_sv="Ingress.",
        body_sv="<p>Text.</p>",
        title_en="",
        lead_en="",
        body_en="",
    )

    page = client.get(release.url_in(language)).content.decode()

    with translation.override(language):
        expected = translation.gettext(
            "Not available %(in_requested)s; shown %(in_shown)s."
        ) % {"in_requested": in_language(language), "in_shown": in_language("sv")}
    assert '<p class="fallback-notice" role="note">%s</p>' % expected in page
    assert '<h1 lang="sv">Bara på svenska</h1>' in page
    if language != "en":
        assert "Not available" not in page
