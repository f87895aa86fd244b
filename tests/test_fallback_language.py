"""The catalogues of hu it lt lv mt nl pl pt ro sk sl: complete, compiled, right.

Each is read twice: the .po with translate-toolkit (the library Weblate and
Pootle use), and the compiled .mo through the standard library, so that a
catalogue edited but not compiled fails here. A fallback page in each
language then names both languages in that language.
"""

import gettext
import re
from collections import Counter
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.utils import translation
from translate.storage import pypo

from core.languages import in_language
from tests.factories import make_release

LOCALE = Path(settings.BASE_DIR) / "locale"
DJANGO_LOCALE = Path(django.__file__).parent / "conf" / "locale"

LANGUAGES = ("hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl")
#: Django ships no Maltese catalogue; this is gettext's rule for Maltese.
MALTESE_PLURALS = (
    "nplurals=4; plural=(n==1 ? 0 : n==0 || ( n%100>1 && n%100<11) ? 1 : "
    "(n%100>10 && n%100<20 ) ? 2 : 3);"
)
PLACEHOLDER = re.compile(
    r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs%]|\{[^{}\s]*\}"
)


def po(language):
    return pypo.pofile.parsefile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def header(store):
    return store.parseheader()


def django_plural_forms(language):
    if language == "mt":
        return MALTESE_PLURALS
    path = DJANGO_LOCALE / language / "LC_MESSAGES" / "django.po"
    return header(pypo.pofile.parsefile(str(path)))["Plural-Forms"]


def messages(store):
    return [unit for unit in store.units if not unit.isheader() and unit.source]


@pytest.fixture(scope="module", params=LANGUAGES)
def catalogue(request):
    return request.param, po(request.param)


def test_header_names_the_language_and_django_s_plural_rule(catalogue):
    language, store = catalogue
    fields = header(store)

    assert fields["Language"] == language
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == django_plural_forms(language)
    assert not store.header().isfuzzy()


def test_every_message_is_translated_and_none_is_fuzzy(catalogue):
    language, store = catalogue
    units = messages(store)
    # The same messages as the complete Swedish reference.
    assert {unit.getid() for unit in units} >= {
        unit.getid() for unit in messages(po("sv"))
    }
    assert [unit.getid() for unit in units if unit.isfuzzy()] == []
    untranslated = [
        unit.getid()
        for unit in units
        if not all(unit.target.strings if unit.hasplural() else [unit.target])
    ]
    assert untranslated == []


def test_every_plural_form_is_there_and_keeps_the_placeholders(catalogue):
    language, store = catalogue
    nplurals = int(re.search(r"nplurals=(\d+)", django_plural_forms(language))[1])
    for unit in messages(store):
        if unit.hasplural():
            forms = unit.target.strings
            assert len(forms) == nplurals, unit.getid()
            sources = unit.source.strings
            allowed = [Counter(PLACEHOLDER.findall(text)) for text in sources]
            for form in forms:
                # A singular may drop the count ("the selected release").
                assert Counter(PLACEHOLDER.findall(form)) in allowed, form
        else:
            assert Counter(PLACEHOLDER.findall(unit.target)) == Counter(
                PLACEHOLDER.findall(unit.source)
            ), unit.target


def test_the_mo_is_compiled_from_the_po(catalogue):
    language, store = catalogue
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as file:
        compiled = gettext.GNUTranslations(file)
    for unit in messages(store):
        context = unit.getcontext() or None
        if unit.hasplural():
            one, other = unit.source.strings
            # Counts that pick each form in one of these languages or another.
            for n in (0, 1, 2, 3, 5, 11, 12, 21, 22, 101, 102, 111):
                found = (
                    compiled.npgettext(context, one, other, n)
                    if context
                    else compiled.ngettext(one, other, n)
                )
                assert found == unit.target.strings[compiled.plural(n)], (one, n)
        else:
            found = (
                compiled.pgettext(context, unit.source)
                if context
                else compiled.gettext(unit.source)
            )
            assert found == unit.target, unit.source


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_fallback_page_names_both_languages_in_the_reader_s_language(
    client, language
):
    # A release that exists in English only, read in the page's language.
    release = make_release()

    page = client.get(release.url_in(language)).content.decode()

    # The notice names both languages with the catalogue's whole phrases
    # ("po polsku", "v slovenščini"), which inflect the name where the
    # language needs it, so those are what it must contain.
    with translation.override(language):
        own, shown = in_language(language), in_language("en")
    notice = re.search(r'<p class="fallback-notice"[^>]*>(.*?)</p>', page, re.S)
    assert notice, language
    # Both come from this language's catalogue, not the English source.
    assert own != "in English" and shown != "in English", language
    assert own in notice[1] and shown in notice[1], notice[1]
    assert "Not available" not in notice[1]
