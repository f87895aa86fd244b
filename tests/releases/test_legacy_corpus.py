"""Pages of the old site beyond the seed: each read as its expected result says.

tests/releases/legacy_pages/ holds synthetic pages in the seed's exact
format (NN_<language>_<what it shows>.txt), each with the structured result
an editor would expect next to it (.json): who is quoted and who is only
named, their roles, the lead and the body with its lists, the themes, and
the report's lines.
"""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from modeltranslation.utils import build_localized_fieldname

from releases.legacy.parser import parse_legacy
from releases.models import PressRelease, Speaker, Topic

PAGES = Path(__file__).resolve().parent / "legacy_pages"
CASES = sorted(PAGES.glob("*.txt"))


def expected(page):
    return json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))


def test_the_corpus_covers_what_the_import_must_handle():
    results = [expected(page) for page in CASES]
    languages = {result["language"] for result in results}
    assert len(CASES) >= 15
    assert len(languages) >= 8 and {"el", "bg"} <= languages
    people = [person for result in results for person in result["people"]]
    assert any(len([p for p in r["people"] if p["quote"]]) >= 2 for r in results)
    assert any(not r["people"] for r in results)
    assert any(not person["quote"] for person in people)
    assert any(r["lead"].endswith(":") or "<ul>" in r["body"] for r in results)
    assert any("," in theme for r in results for theme in r["themes"])
    texts = [page.read_text(encoding="utf-8") for page in CASES]
    assert sum(" , " in text for text in texts) >= 2
    assert all(page.with_suffix(".json").exists() for page in CASES)


@pytest.mark.parametrize("page", CASES, ids=[page.stem for page in CASES])
def test_each_page_is_read_as_expected(page):
    want = expected(page)
    parsed = parse_legacy(page.read_text(encoding="utf-8"), want["language"])

    assert parsed.title == want["title"]
    assert parsed.kind == want["kind"]
    assert parsed.date.isoformat() == want["date"]
    assert parsed.themes == want["themes"]
    assert parsed.lead == want["lead"]
    assert parsed.body == want["body"]
    assert parsed.more_information_heading == want["more_information_heading"]
    assert parsed.more_information == want["more_information"]
    people = [
        {
            "name": person.name,
            "country": person.country,
            "group": person.group,
            "role": person.role,
            "quote": person.quote,
        }
        for person in parsed.attributions
    ]
    for got, wanted in zip(people, want["people"], strict=True):
        for name in ("name", "country", "group", "role", "quote"):
            assert got[name] == wanted[name], (got["name"], name)
    assert [str(note) for note in parsed.notes if note.choice] == want["read_as"]
    assert [str(note) for note in parsed.notes if not note.choice] == want["not_mapped"]


@pytest.mark.django_db
@pytest.mark.parametrize("page", CASES, ids=[page.stem for page in CASES])
def test_each_page_imports_its_speakers_as_quoted_or_mentioned(page):
    want = expected(page)
    language = want["language"]
    call_command(
        "import_legacy", str(page), "--language", language, stdout=io.StringIO()
    )

    release = PressRelease.objects.get()
    assert getattr(release, build_localized_fieldname("lead", language)) == want["lead"]
    assert sorted(Topic.objects.values_list("name_en", flat=True)) == sorted(
        want["themes"]
    )
    rows = list(release.quotes.select_related("speaker"))
    assert [row.speaker.name for row in rows] == [p["name"] for p in want["people"]]
    for row, person in zip(rows, want["people"], strict=True):
        quote = getattr(row, build_localized_fieldname("quote", language))
        role = getattr(row, build_localized_fieldname("role", language))
        assert (quote, role) == (person["quote"], person["role"])
        assert row.mentioned is (not person["quote"])
        assert (row.speaker.country, row.speaker.political_group) == (
            person["country"],
            person["group"],
        )
    assert Speaker.objects.count() == len(want["people"])
