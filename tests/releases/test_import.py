"""`manage.py import_legacy`: the seed page from the old website, and broken ones."""

import datetime
import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from releases.legacy.parser import decode_legacy, legacy_reference, parse_legacy
from releases.models import PressRelease, PressReleaseSpeaker, Speaker, Topic
from tests.factories import make_release, make_speaker, make_topic

SEED = Path(settings.BASE_DIR) / "demo" / "data" / "seed_sv.txt"
SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")
SEED_TITLE = SEED_LINES[2]
SEED_REFERENCE = "LEGACY-20201212-38802cd0"

SEED_LEAD = (
    "Europeiska kommissionen och Europeiska regionkommittén (ReK) gör gemensam sak "
    "i syfte att utveckla ett nytt partnerskap för att öka stödet till det "
    "integrationsarbete som utförs av EU:s städer och regioner. Partnerskapet "
    "tillkännagavs av ReK:s ordförande, Apostolos Tzitzikostas, och "
    "kommissionsledamoten med ansvar för inrikes frågor, Ylva Johansson, vid "
    "ReK:s plenarsession i dag."
)
SEED_QUOTE = (
    "migration är inte en utmaning bara för några få medlemsstater: det är en "
    "fråga för hela EU. EU måste stödja regioner, städer och öar – t.ex. Lesbos, "
    "Lampedusa och Kanarieöarna – som befinner sig i frontlinjen när det gäller "
    "att tillhandahålla stöd, integration och andra tjänster till nyanlända "
    "migranter. Även om de lokala myndigheterna har infört många framgångsrika "
    "och innovativa integrationsmetoder har de fortfarande problem med tillgång "
    "till finansiering, data och kunskap, särskilt i små städer och "
    "landsbygdsområden. Partnerskapet kommer att stödja deras ansträngningar och "
    "konkret visa att EU är på deras sida när det gäller att ta itu med de många "
    "utmaningar som de står inför."
)
SEED_BODY = (
    "<p>Det nya partnerskapet för integration kommer att stödja städer och "
    "regioner i EU genom arbete på tre huvudområden:</p>\n"
    "<ul>\n"
    "<li>Bygga upp en öppen och regelbunden dialog mellan EU-institutionerna och "
    "de lokala och regionala myndigheterna om integration.</li>\n"
    "<li>Bygga upp kapacitet och främja erfarenhetsutbyte för lokala och "
    "regionala myndigheter.</li>\n"
    "<li>Förbättra uppgifter och data om integration på lokal nivå.</li>\n"
    "</ul>\n"
    "<p>Partnerskapet kommer att bygga vidare på det väletablerade samarbetet "
    "mellan kommissionen och ReK inom ramen för initiativet Städer och regioner "
    "för integration, som lanserades av ReK 2019 som en politisk plattform där "
    "europeiska borgmästare och regionala ledare kan utbyta information och visa "
    "upp positiva exempel på integration av migranter och flyktingar.</p>\n"
    "<p>Apostolos Tzitzikostas (EL–EPP), Europeiska regionkommitténs ordförande "
    "och regionpresident i Mellersta Makedonien, framhöll att ”" + SEED_QUOTE + "”</p>"
)
SEED_ROLE = (
    "Europeiska regionkommitténs ordförande och regionpresident i Mellersta Makedonien"
)

pytestmark = pytest.mark.django_db


def run_import(*args):
    out = io.StringIO()
    call_command("import_legacy", *map(str, args), stdout=out, no_color=True)
    return out.getvalue()


@pytest.fixture
def page(tmp_path):
    """Write lines to a file in a fresh folder; returns its path."""

    def write(lines, name="page.txt"):
        path = tmp_path / name
        path.write_text("\n".join(lines), encoding="utf-8")
        return path

    return write


def seed_with(**replacements):
    """The seed's lines, with some (1-based) replaced; None removes a line."""
    lines = list(SEED_LINES)
    for key, value in sorted(replacements.items(), reverse=True):
        number = int(key.removeprefix("line"))
        if value is None:
            del lines[number - 1]
        else:
            lines[number - 1] = value
    return lines


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (PressRelease, PressReleaseSpeaker, Speaker, Topic)
    }


# The seed


def test_the_seed_file_is_the_scraped_page_with_its_odd_characters():
    text = SEED.read_text(encoding="utf-8")
    assert SEED_LINES[0] == "News \u00a0"
    assert SEED_LINES[1] == "ExtentedCQWP"
    assert text.count("\uf0a7") == 3
    assert "(EL\u2013EPP)" in text
    assert "att \u201d migration" in text


def test_seed_import_maps_every_field():
    output = run_import(SEED, "--language", "sv")

    release = PressRelease.objects.get()
    assert release.reference == SEED_REFERENCE
    assert release.title_sv == SEED_TITLE
    assert release.lead_sv == SEED_LEAD
    assert release.body_sv == SEED_BODY
    assert release.more_information_sv == ""
    # Nothing in any other language.
    assert release.available_languages("title") == ["sv"]
    assert release.available_languages("body") == ["sv"]
    assert release.kind == PressRelease.Kind.PRESS_RELEASE
    assert release.original_language == "sv"
    assert release.status == PressRelease.Status.DRAFT
    local = timezone.localtime(release.published_at)
    assert (local.date(), local.time()) == (
        datetime.date(2020, 12, 12),
        datetime.time(12, 0),
    )
    assert str(local.tzinfo) == "Europe/Brussels"
    assert release.slug == (
        "rek-och-kommissionen-lanserar-ett-partnerskap-for-att-hjalpa-lokala-myndigheter"
    )

    assert sorted(release.topics.values_list("name_en", "slug")) == [
        ("International Cooperation", "international-cooperation"),
        (
            "Migration, asylum and integration of migrants",
            "migration-asylum-and-integration-of-migrants",
        ),
    ]

    (quote,) = release.quotes.select_related("speaker")
    speaker = quote.speaker
    assert (speaker.name, speaker.slug, speaker.country, speaker.political_group) == (
        "Apostolos Tzitzikostas",
        "apostolos-tzitzikostas",
        "EL",
        "EPP",
    )
    assert speaker.display_name == "Apostolos Tzitzikostas (EL–EPP)"
    assert quote.role_sv == SEED_ROLE
    assert quote.quote_sv == SEED_QUOTE
    assert quote.quote_sv.startswith("migration är inte en utmaning")
    assert not quote.role_en and not quote.quote_en
    # A new speaker's role at the time is the role we know them by.
    assert speaker.role_sv == SEED_ROLE

    assert "Created press release %s" % SEED_REFERENCE in output
    assert (
        "Topics: Migration, asylum and integration of migrants (new); "
        "International Cooperation (new)"
    ) in output
    assert "Speakers: Apostolos Tzitzikostas (EL–EPP) (new, quoted)" in output
    assert "Date: 2020-12-12 12:00 CET" in output


def test_seed_import_reports_what_it_could_not_map_and_what_it_chose():
    output = run_import(SEED, "--language", "sv").splitlines()

    assert output[0] == "[1/1] seed_sv.txt: Created press release %s" % SEED_REFERENCE
    read_as = output.index("  Read as:")
    not_mapped = output.index("  Not mapped:")
    assert output[read_as:not_mapped] == [
        "  Read as:",
        "    - line 6: a list of 3 items was restored after “Det nya partnerskapet "
        "för integration kommer att stödja stä…”.",
        "    - line 6: the lead is the opening paragraph without its last sentence "
        "“Det nya partnerskapet för integration kommer att stödja stä…”, which "
        "introduces the list and opens the body.",
    ]
    assert output[not_mapped:] == [
        "  Not mapped:",
        "    - line 1: the section label “News” is not stored; the kind comes from "
        "the kind line.",
        "    - line 2: the old site's widget name “ExtentedCQWP” was ignored.",
        "    - line 6: a link's address was lost near “Städer och regioner för "
        "integration”.",
        "    - line 7: the links under “Ytterligare information” were lost on the "
        "old site; the more-information block is left empty.",
        "Created: 1, updated: 0, refused: 0.",
    ]


def test_publish_flag_publishes_at_noon_on_the_page_date():
    run_import(SEED, "--language", "sv", "--publish")

    release = PressRelease.objects.get()
    assert release.status == PressRelease.Status.PUBLISHED
    assert list(PressRelease.objects.published()) == [release]
    # The step is in the release's history like any other publication.
    step = release.transitions.get()
    assert (step.from_status, step.to_status) == ("draft", "published")
    assert step.published_at == release.published_at
    assert step.user is None

    # Importing it again, published already, adds no second step.
    run_import(SEED, "--language", "sv", "--publish")
    assert release.transitions.count() == 1


def test_known_topics_and_speakers_are_matched_not_duplicated():
    migration = make_topic(
        name_en="Migration",
        name_sv="Migration",
        slug="migration-asylum-and-integration-of-migrants",
    )
    cooperation = make_topic(name_en="international cooperation", slug="intl")
    tzitzikostas = make_speaker(
        name="Apostolos Tzitzikostas", slug="tzitzikostas", role_sv="Ordförande"
    )
    johansson = make_speaker(name="Ylva Johansson", slug="ylva-johansson")
    before = counts()

    output = run_import(SEED, "--language", "sv")

    assert Topic.objects.count() == before["Topic"]
    assert Speaker.objects.count() == before["Speaker"]
    release = PressRelease.objects.get()
    assert set(release.topics.all()) == {migration, cooperation}
    quotes = list(release.quotes.select_related("speaker"))
    assert [q.speaker for q in quotes] == [tzitzikostas, johansson]
    # The quoted speaker first, with their words; the one merely named after.
    assert quotes[0].quote_sv == SEED_QUOTE
    assert quotes[0].role_sv == SEED_ROLE
    assert (quotes[1].quote_sv, quotes[1].role_sv) == ("", "")
    # A known speaker keeps their current role.
    tzitzikostas.refresh_from_db()
    assert tzitzikostas.role_sv == "Ordförande"
    assert "(new)" not in output
    assert "Ylva Johansson (named in the text)" in output


def test_topic_is_matched_by_its_name_in_any_language():
    topic = make_topic(name_en="Cooperation", name_sv="International Cooperation")
    run_import(SEED, "--language", "sv")
    assert topic in PressRelease.objects.get().topics.all()


def test_importing_the_page_again_updates_the_release(page):
    make_speaker(name="Ylva Johansson")
    run_import(SEED, "--language", "sv", "--publish")
    before = counts()
    release = PressRelease.objects.get()
    release.title_en = "An English title added by an editor"
    release.save()
    quote = release.quotes.get(speaker__name="Apostolos Tzitzikostas")
    quote.quote_en = "migration is not a challenge for just a few member states"
    quote.save()

    changed = SEED_LINES[5].replace("framhöll att", "sade att")
    output = run_import(page(seed_with(line6=changed)), "--language", "sv")

    assert counts() == before
    release.refresh_from_db()
    assert "Updated press release %s" % SEED_REFERENCE in output
    assert "sade att ”migration" in release.body_sv
    # What the page does not say is kept: the status, other languages.
    assert release.status == PressRelease.Status.PUBLISHED
    assert release.title_en == "An English title added by an editor"
    quote.refresh_from_db()
    assert quote.quote_en.startswith("migration is not a challenge")
    assert quote.quote_sv == SEED_QUOTE


def test_reimport_unlinks_a_speaker_the_page_no_longer_names(page):
    run_import(SEED, "--language", "sv")
    renamed = SEED_LINES[5].replace("Apostolos Tzitzikostas", "Anna Berg")
    run_import(page(seed_with(line6=renamed)), "--language", "sv")

    release = PressRelease.objects.get()
    (quote,) = release.quotes.select_related("speaker")
    assert quote.speaker.name == "Anna Berg"
    assert quote.quote_sv == SEED_QUOTE
    # The speaker stays: other releases may quote them.
    assert Speaker.objects.filter(name="Apostolos Tzitzikostas").exists()


def test_a_known_speaker_no_longer_quoted_stays_linked_without_the_quote(page):
    run_import(SEED, "--language", "sv")
    unquoted = SEED_LINES[5].replace("(EL–EPP)", "")
    run_import(page(seed_with(line6=unquoted)), "--language", "sv")

    (quote,) = PressRelease.objects.get().quotes.all()
    assert quote.speaker.name == "Apostolos Tzitzikostas"
    assert (quote.quote_sv, quote.role_sv) == ("", "")


def test_an_explicit_reference_adds_a_translation_to_an_existing_release():
    release = make_release(
        reference="COR-20-5678",
        title_en="CoR and Commission launch a partnership",
        original_language="en",
        status=PressRelease.Status.PUBLISHED,
    )

    run_import(SEED, "--language", "sv", "--reference", "COR-20-5678")

    release.refresh_from_db()
    assert PressRelease.objects.count() == 1
    assert release.title_sv == SEED_TITLE
    assert release.title_en == "CoR and Commission launch a partnership"
    assert release.original_language == "en"
    assert release.status == PressRelease.Status.PUBLISHED


def test_dry_run_writes_nothing():
    before = counts()
    output = run_import(SEED, "--language", "sv", "--dry-run")
    assert counts() == before
    assert "Dry run, nothing written: would create %s" % SEED_REFERENCE in output
    assert "Not mapped:" in output
    assert output.endswith(
        "Dry run, nothing written. Would create: 1, would update: 0, refused: 0.\n"
    )


def test_unknown_speaker_with_a_non_member_state_code_is_reported_not_created(page):
    body = SEED_LINES[5] + (
        " Jane Smith (UK–PES), borgmästare i Leeds, sade att ”vi behöver detta”."
    )
    output = run_import(page(seed_with(line6=body)), "--language", "sv")

    assert not Speaker.objects.filter(name="Jane Smith").exists()
    assert (
        "line 6: speaker “Jane Smith (UK–PES)” was not created: UK is not a "
        "member-state code as the EU writes it (EL for Greece)."
    ) in output


# Broken pages: a clear error naming the line, and nothing written.


MALFORMED = {
    "empty file": ([], 1, "the file is empty."),
    "only blank lines": (["", "  ", "\u00a0"], 1, "the file is empty."),
    "missing title": (
        seed_with(line3=None, line4=None),
        3,
        "the title is missing: found the kind and date line where it should be.",
    ),
    "mismatched duplicate title": (
        seed_with(line4=SEED_TITLE.replace("migranter", "flyktingar")),
        4,
        "the title is repeated differently from line 3",
    ),
    "file ends after the title": (
        SEED_LINES[:4],
        5,
        "the file ends where the kind and date line should be.",
    ),
    "kind line without a date": (
        seed_with(
            line5="Press release | Migration, asylum and integration of migrants;"
        ),
        5,
        "expected the kind, the date (dd.mm.yyyy) and the themes",
    ),
    "impossible date": (
        seed_with(line5=SEED_LINES[4].replace("12.12.2020", "31.02.2020")),
        5,
        "31.02.2020 is not a valid date (dd.mm.yyyy).",
    ),
    "unknown kind": (
        seed_with(line5=SEED_LINES[4].replace("Press release", "Rumour")),
        5,
        "unknown kind “Rumour”; expected Press release, News, Statement.",
    ),
    "missing body": (
        seed_with(line6=None),
        6,
        "the body is missing: the line after the kind line is the heading "
        "“Ytterligare information”.",
    ),
    "blank body": (
        seed_with(line6=""),
        6,
        "the body is missing",
    ),
    "file ends after the kind line": (
        SEED_LINES[:5],
        6,
        "the body is missing: the file ends after the kind line.",
    ),
    "body of bullets only": (
        seed_with(line6="\uf0a7 \uf0a7"),
        6,
        "the body has no text.",
    ),
}


@pytest.mark.parametrize(
    ("lines", "line", "message"), MALFORMED.values(), ids=MALFORMED.keys()
)
def test_malformed_page_stops_with_the_line_and_writes_nothing(
    page, lines, line, message
):
    make_topic(name_en="Existing topic")
    before = counts()

    with pytest.raises(CommandError) as error:
        run_import(page(lines), "--language", "sv")

    assert str(error.value).startswith("page.txt, Line %d: " % line)
    assert message in str(error.value)
    assert str(error.value).endswith("Nothing was imported.")
    assert counts() == before


def test_bytes_that_are_not_utf8_are_refused_with_their_line(tmp_path):
    data = SEED.read_bytes().split(b"\n")
    data[2] = SEED_TITLE.encode("cp1252")  # "för" as one byte, 0xF6
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"\n".join(data))

    with pytest.raises(CommandError) as error:
        run_import(path, "--language", "sv")

    assert str(error.value) == (
        "latin1.txt, Line 3: the file is not UTF-8 text (byte 0xF6 at column 48); "
        "save the page as UTF-8 and import it again. Nothing was imported."
    )
    assert counts() == dict.fromkeys(counts(), 0)


def test_a_database_rule_broken_late_rolls_back_the_topics_already_created(page):
    too_long = "Lång titel " * 30  # longer than the 300 characters a title may have
    lines = seed_with(line3=too_long, line4=too_long)

    with pytest.raises(CommandError) as error:
        run_import(page(lines), "--language", "sv")

    assert (
        "Line 3: title (Swedish): Ensure this value has at most 300 characters"
        in str(error.value)
    )
    assert counts() == dict.fromkeys(counts(), 0)


def test_an_invalid_reference_is_refused():
    with pytest.raises(CommandError, match="Line 3: reference: Use letters, digits"):
        run_import(SEED, "--language", "sv", "--reference", "not a reference")
    assert PressRelease.objects.count() == 0


def test_unknown_language_lists_the_valid_codes():
    with pytest.raises(CommandError) as error:
        run_import(SEED, "--language", "se")
    assert str(error.value) == (
        "Unknown language “se”. Use one of: bg, cs, da, de, el, en, es, et, fi, fr, "
        "ga, hr, hu, it, lt, lv, mt, nl, pl, pt, ro, sk, sl, sv."
    )


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="^No such file: .*nowhere.txt$"):
        run_import(tmp_path / "nowhere.txt", "--language", "sv")


def run_manage_py(*args):
    """The command as a shell runs it, for its exit status."""
    return subprocess.run(
        [sys.executable, "manage.py", "import_legacy", *map(str, args)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_broken_page_makes_the_command_exit_non_zero(page):
    path = page(seed_with(line4="Another title"))
    result = run_manage_py(path, "--language", "sv")
    assert result.returncode == 1
    assert "page.txt, Line 4: the title is repeated differently" in result.stderr


# The parser on its own: other ways the old site wrote the same things.


def _parse(body, title="A title"):
    return parse_legacy(
        "\n".join(
            ["News", "ExtentedCQWP", title, title, "News01.02.2021 | Health;", body]
        )
    )


def test_english_quote_with_role_and_curly_quotes():
    parsed = _parse(
        "The Committee adopted an opinion today. Anna Berg (SE-PES), Mayor of "
        "Uppsala, said: “Cities are ready. We need the means.” The vote was "
        "unanimous."
    )
    (attribution,) = parsed.attributions
    assert (attribution.name, attribution.country, attribution.group) == (
        "Anna Berg",
        "SE",
        "PES",
    )
    assert attribution.role == "Mayor of Uppsala"
    assert attribution.quote == "Cities are ready. We need the means."
    assert parsed.lead == "The Committee adopted an opinion today."
    assert parsed.body == (
        "<p>Anna Berg (SE-PES), Mayor of Uppsala, said: “Cities are ready. We need "
        "the means.” The vote was unanimous.</p>"
    )


def test_quote_before_the_attribution_and_french_guillemets():
    parsed = _parse(
        "Le Comité a adopté un avis. « Les villes sont prêtes », a déclaré Jean "
        "Dupont (FR/Renew Europe), maire de Lyon, à Bruxelles."
    )
    (attribution,) = parsed.attributions
    assert attribution.name == "Jean Dupont"
    assert attribution.group == "Renew Europe"
    assert attribution.role == "maire de Lyon"
    assert attribution.quote == "Les villes sont prêtes"


def test_a_title_before_a_name_is_a_candidate_to_drop():
    parsed = _parse(
        "Heute tagte der Ausschuss. Präsidentin Anna Berg (SE–PES) sagte: „Wir sind "
        "bereit.“"
    )
    (attribution,) = parsed.attributions
    assert attribution.name_candidates == ("Präsidentin Anna Berg", "Anna Berg")
    assert attribution.quote == "Wir sind bereit."


def test_double_spaces_where_blocks_were_joined_are_paragraph_breaks():
    parsed = _parse("First paragraph.  Second paragraph.  Third one.")
    assert parsed.lead == "First paragraph."
    assert parsed.body == "<p>Second paragraph.</p><p>Third one.</p>"


def test_a_one_paragraph_body_leads_with_its_first_sentence():
    parsed = _parse("The Committee met in Brussels, e.g. Dr. Berg. It voted twice.")
    assert parsed.lead == "The Committee met in Brussels, e.g. Dr. Berg."
    assert parsed.body == "<p>It voted twice.</p>"
    assert [note.message for note in parsed.notes if note.choice] == [
        "the body is a single paragraph: its first sentence is the lead, the rest "
        "the body."
    ]


def test_more_information_lines_are_kept_with_their_links():
    parsed = parse_legacy(
        "\n".join(
            [
                *SEED_LINES[:6],
                "More information",
                "Press release of the Commission: https://ec.europa.eu/x",
                "International Cooperation;",
            ]
        )
    )
    assert parsed.more_information == (
        '<p>Press release of the Commission: <a href="https://ec.europa.eu/x">'
        "https://ec.europa.eu/x</a></p>"
    )
    assert parsed.themes == [
        "Migration, asylum and integration of migrants",
        "International Cooperation",
    ]
    assert not any("were lost" in note.message for note in parsed.notes)


def test_a_title_given_once_is_accepted_and_windows_line_ends_too():
    text = "\r\n".join(seed_with(line4=None))
    parsed = parse_legacy(text)
    assert parsed.title == SEED_TITLE
    assert parsed.lines == {
        "title": 3,
        "kind": 4,
        "date": 4,
        "body": 5,
        "more_information": 6,
        "themes": 7,
    }


def test_reference_is_the_date_and_a_hash_of_the_title():
    parsed = parse_legacy(decode_legacy(SEED.read_bytes()))
    assert legacy_reference(parsed) == SEED_REFERENCE


# Several pages at once: a folder, or files one after another.

CORPUS = Path(__file__).resolve().parent / "legacy_pages"


def scrape(tmp_path, *pages):
    """A folder of pages, as a scrape of the old site: {name: lines}."""
    folder = tmp_path / "scrape"
    folder.mkdir()
    for name, lines in pages:
        (folder / name).write_text("\n".join(lines), encoding="utf-8")
    return folder


def english_page(title):
    lines = (CORPUS / "13_en_several_quotes_one_speaker.txt").read_text(
        encoding="utf-8"
    )
    lines = lines.split("\n")
    lines[2] = lines[3] = title
    return lines


def test_a_folder_imports_every_page_and_refuses_a_broken_one_alone(tmp_path):
    folder = scrape(
        tmp_path,
        ("a.txt", english_page("Local leaders warn against cuts")),
        ("b.txt", seed_with(line4="Another title")),
        ("c.txt", english_page("Local leaders warn again")),
        ("notes.md", ["not a page"]),
    )
    out = io.StringIO()

    with pytest.raises(CommandError) as error:
        call_command(
            "import_legacy", str(folder), "--language", "en", stdout=out, no_color=True
        )

    assert str(error.value) == "1 of 3 pages were refused; see the report above."
    lines = out.getvalue().splitlines()
    progress = [line for line in lines if line.startswith("[")]
    assert progress == [
        "[1/3] a.txt: Created press release %s"
        % PressRelease.objects.get(
            title_en="Local leaders warn against cuts"
        ).reference,
        "[2/3] b.txt: refused",
        "[3/3] c.txt: Created press release %s"
        % PressRelease.objects.get(title_en="Local leaders warn again").reference,
    ]
    reason = (
        "b.txt, Line 4: the title is repeated differently from line 3: they differ "
        "from character 1"
    )
    assert lines[lines.index("[2/3] b.txt: refused") + 1].startswith("  " + reason)
    summary = lines.index("Created: 2, updated: 0, refused: 1.")
    assert lines[summary + 1].startswith("  - " + reason)
    assert lines[summary + 1].endswith("Nothing was imported.")
    # The pages before and after the broken one stay imported, the speakers
    # they share made once.
    assert PressRelease.objects.count() == 2
    assert Speaker.objects.filter(name="Siobhán Murphy").count() == 1


def test_several_files_then_again_are_updated_not_duplicated(tmp_path):
    folder = scrape(
        tmp_path,
        ("one.txt", english_page("First release")),
        ("two.txt", english_page("Second release")),
    )
    files = [str(folder / "one.txt"), str(folder / "two.txt")]
    run_import(files[0], files[1], "--language", "en")
    before = counts()

    output = run_import(files[0], files[1], "--language", "en")

    assert counts() == before
    assert output.splitlines()[-1] == "Created: 0, updated: 2, refused: 0."


def test_a_dry_run_over_a_folder_reports_what_the_import_does_and_writes_nothing(
    tmp_path,
):
    folder = scrape(
        tmp_path,
        ("a.txt", english_page("First release")),
        ("b.txt", english_page("Second release")),
    )

    dry = run_import(folder, "--language", "en", "--dry-run")
    assert counts() == dict.fromkeys(counts(), 0)
    real = run_import(folder, "--language", "en")

    def details(output):
        # What the page is and what it brings; addresses exist only once written.
        return [
            line
            for line in output.splitlines()
            if line.startswith("  ") and not line.startswith(("  Address", "  Edit"))
        ]

    assert details(dry) == details(real)
    # A topic both pages share is new on the first page only, in both runs.
    assert [line for line in details(dry) if line.startswith("  Topics")] == [
        "  Topics: Agriculture (new); Rural development (new)",
        "  Topics: Agriculture; Rural development",
    ]
    assert dry.splitlines()[-1] == (
        "Dry run, nothing written. Would create: 2, would update: 0, refused: 0."
    )
    assert real.splitlines()[-1] == "Created: 2, updated: 0, refused: 0."


def test_refused_pages_make_the_command_exit_non_zero_after_its_report(tmp_path):
    folder = scrape(
        tmp_path,
        ("a.txt", seed_with(line5="Rumour12.12.2020 | Migration;")),
        ("b.txt", []),
    )
    result = run_manage_py(folder, "--language", "sv")
    assert result.returncode == 1
    assert "[1/2] a.txt: refused" in result.stdout
    assert "a.txt, Line 5: unknown kind “Rumour”" in result.stdout
    assert "b.txt, Line 1: the file is empty. Nothing was imported." in result.stdout
    assert "Created: 0, updated: 0, refused: 2." in result.stdout
    assert "2 of 2 pages were refused" in result.stderr


def test_a_reference_names_one_release_so_it_takes_one_page(tmp_path):
    folder = scrape(
        tmp_path, ("a.txt", english_page("One")), ("b.txt", english_page("Two"))
    )
    with pytest.raises(CommandError, match="give it with one page, not 2"):
        run_import(folder, "--language", "en", "--reference", "COR-1")
    assert PressRelease.objects.count() == 0


def test_a_folder_without_pages_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="^No .txt pages in the folder .*"):
        run_import(tmp_path, "--language", "sv")


def test_a_missing_path_among_several_stops_before_anything_is_imported(tmp_path):
    with pytest.raises(CommandError, match="^No such file: .*nowhere.txt$"):
        run_import(SEED, tmp_path / "nowhere.txt", "--language", "sv")
    assert PressRelease.objects.count() == 0


def test_a_translation_that_names_a_speaker_without_quoting_them_hides_no_quote(page):
    """Quoted in one language is quoted: mentioned only when no language quotes."""
    run_import(SEED, "--language", "sv")
    release = PressRelease.objects.get()
    (row,) = release.quotes.all()
    assert row.mentioned is False

    english = seed_with(
        line3="CoR and Commission launch a partnership",
        line4="CoR and Commission launch a partnership",
        line6="The partnership was announced today. Apostolos Tzitzikostas (EL–EPP), "
        "President of the CoR, welcomed it.",
    )
    run_import(page(english), "--language", "en", "--reference", release.reference)

    row.refresh_from_db()
    assert (row.quote_sv, row.quote_en) == (SEED_QUOTE, "")
    assert row.mentioned is False

    # A page of its own naming him without a quote links him as mentioned.
    other = seed_with(
        line3="Another release", line4="Another release", line6=english[5]
    )
    run_import(page(other, name="other.txt"), "--language", "en")
    mention = PressRelease.objects.get(title_en="Another release").quotes.get()
    assert mention.speaker == row.speaker
    assert mention.mentioned is True
