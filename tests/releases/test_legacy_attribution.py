"""Who said what: the rules that keep a quote from going to the wrong person."""

import pytest

from core.languages import LANGUAGE_CODES
from releases.legacy.languages import LANGUAGES
from releases.legacy.parser import parse_legacy


def parse(body, language="en"):
    return parse_legacy(
        "\n".join(
            ["News", "ExtentedCQWP", "A title", "A title", "News01.02.2021 | Health;"]
            + [body]
        ),
        language,
    )


def people(parsed):
    return [(person.name, person.role, person.quote) for person in parsed.attributions]


def unmapped(parsed):
    return [note.message for note in parsed.notes if not note.choice][2:]


def test_every_language_has_its_marks_and_verbs_as_data():
    assert sorted(LANGUAGES) == sorted(LANGUAGE_CODES)
    keys = set(LANGUAGES["en"])
    for code, data in LANGUAGES.items():
        assert set(data) == keys, code
        assert data["quotes"] and data["verbs"], code
        assert all(len(pair) == 2 for pair in data["quotes"]), code
        assert all(verb == verb.lower() for verb in data["verbs"]), code


MARKS = [
    (code, opener, closer)
    for code in sorted(LANGUAGES)
    for opener, closer in LANGUAGES[code]["quotes"]
]


@pytest.mark.parametrize(
    ("code", "opener", "closer"),
    MARKS,
    ids=["%s %s…%s" % mark for mark in MARKS],
)
def test_each_language_ties_a_quotation_to_its_speaker(code, opener, closer):
    """Every pair of marks of every language, and its first verb, in the seed's
    sentence shape; an apostrophe inside the quotation does not close it."""
    verb = LANGUAGES[code]["verbs"][0]
    parsed = parse(
        "The Committee met today. Anna Berg (SE–PES), Mayor of Uppsala, %s "
        "%sCities’re ready.%s Carl Ek (SE–EPP) was there too." % (verb, opener, closer),
        code,
    )
    assert people(parsed) == [
        ("Anna Berg", "Mayor of Uppsala", "Cities’re ready."),
        ("Carl Ek", "", ""),
    ]


def test_a_member_named_after_a_quote_does_not_get_it_nor_a_verb_phrase_as_role():
    """The issue's page: the second member is named in reported speech."""
    parsed = parse(
        "The opinion was adopted today. Anna Berg (SE–PES) said: “We are ready.” "
        "The rapporteur, Jan Novak (CZ–EPP), added that cities need the means, "
        "and welcomed the vote."
    )
    assert people(parsed) == [
        ("Anna Berg", "", "We are ready."),
        ("Jan Novak", "", ""),
    ]


def test_reported_speech_gives_a_role_but_no_quote():
    parsed = parse(
        "The opinion was adopted today. Anna Lindqvist (SE–PES), mayor of Umeå, "
        "said that cities are ready."
    )
    assert people(parsed) == [("Anna Lindqvist", "mayor of Umeå", "")]


def test_a_relative_clause_is_not_a_role():
    parsed = parse(
        "The opinion was adopted today. Anna Berg (SE–PES), who chaired the "
        "debate, said: “We are ready.”"
    )
    assert people(parsed) == [("Anna Berg", "", "We are ready.")]


def test_without_a_speech_verb_the_quote_is_not_recorded_and_the_report_says_so():
    parsed = parse(
        "The opinion was adopted today. Anna Berg (SE–PES) welcomed the vote: "
        "“A good day.”"
    )
    assert people(parsed) == [("Anna Berg", "", "")]
    assert unmapped(parsed) == [
        "the quotation “A good day.” was not attributed: Anna Berg is named before "
        "it, but no speech verb ties them; no quote was recorded."
    ]


def test_she_said_before_anyone_is_named_is_not_guessed():
    parsed = parse(
        "The opinion was adopted today. “We are ready,” she said. Anna Berg "
        "(SE–PES) said: “We will act.”"
    )
    assert people(parsed) == [("Anna Berg", "", "We will act.")]
    assert unmapped(parsed) == [
        "the quotation “We are ready,” was not attributed: no speaker is introduced "
        "with it; no quote was recorded."
    ]


def test_someone_else_named_between_two_quotations_breaks_the_chain():
    parsed = parse(
        "The opinion was adopted today. Anna Berg (SE–PES) said: “We are ready.” "
        "Carl Ek (SE–EPP) disagreed. “Not yet.”"
    )
    assert people(parsed) == [("Anna Berg", "", "We are ready."), ("Carl Ek", "", "")]
    assert len(unmapped(parsed)) == 1


@pytest.mark.parametrize(
    "body",
    [
        # The name after the first part.
        "“Cities are ready,” said Anna Berg (SE–PES), “but we need the means.”",
        # The name after the second part.
        "“Cities are ready,” she said, “but we need the means,” said Anna Berg "
        "(SE–PES).",
        # The name first.
        "Anna Berg (SE–PES) said: “Cities are ready,” she said, “but we need the "
        "means.”",
    ],
    ids=["name after the first part", "name after the second", "name first"],
)
def test_a_quote_split_by_she_said_is_one_quote(body):
    parsed = parse("The opinion was adopted today. " + body)
    assert people(parsed) == [
        ("Anna Berg", "", "Cities are ready, but we need the means.")
    ]


def test_a_second_quote_in_the_next_sentence_and_across_a_paragraph():
    parsed = parse(
        "The opinion was adopted today.  Anna Berg (SE–PES) said: “We are ready. "
        "We have waited.  Now we act.” “And fast.” The vote followed.",
    )
    assert people(parsed) == [
        ("Anna Berg", "", "We are ready. We have waited.\n\nNow we act. And fast.")
    ]


def test_a_quotation_never_closed_is_not_recorded():
    parsed = parse(
        "The opinion was adopted today. Anna Berg (SE–PES) said: “We are ready "
        "and we will act."
    )
    assert people(parsed) == [("Anna Berg", "", "")]
    assert unmapped(parsed) == [
        "the quotation that opens at ““We are ready and we will act.” is never "
        "closed; no quote was recorded."
    ]


def test_a_name_inside_a_quotation_is_not_a_speaker():
    parsed = parse(
        "The opinion was adopted today. Anna Berg (SE–PES) said: “As Carl Ek "
        "(SE–EPP) told us, we are ready.”"
    )
    assert [person.name for person in parsed.attributions] == ["Anna Berg"]


def test_a_paragraph_is_not_cut_inside_a_quotation_that_names_someone():
    parsed = parse(
        "The opinion was adopted today. Anna Berg (SE–PES) said: “We met. Carl Ek "
        "(SE–EPP) agreed with us.” The vote followed."
    )
    assert parsed.body == (
        "<p>Anna Berg (SE–PES) said: “We met. Carl Ek (SE–EPP) agreed with us.” "
        "The vote followed.</p>"
    )
    assert people(parsed) == [
        ("Anna Berg", "", "We met. Carl Ek (SE–EPP) agreed with us.")
    ]


def test_a_colon_before_a_quotation_after_two_spaces_is_not_a_list():
    parsed = parse(
        "The opinion was adopted today. Anna Berg (SE–PES) said:  “We are ready.”"
    )
    assert "<ul>" not in parsed.body
    assert people(parsed) == [("Anna Berg", "", "We are ready.")]


def test_one_item_after_a_colon_is_a_paragraph_not_a_list():
    parsed = parse("The opinion was adopted today. It asks for one thing:  Money.")
    assert "<ul>" not in parsed.body
    assert parsed.body == "<p>It asks for one thing:</p><p>Money.</p>"


@pytest.mark.parametrize(
    ("apposition", "role"),
    [
        ("Mayor of Uppsala, Sweden", "Mayor of Uppsala, Sweden"),
        ("mayor of Umeå, welcomed the plan", ""),
    ],
)
def test_a_role_with_a_comma_goes_on_only_with_a_name(apposition, role):
    parsed = parse(
        "The opinion was adopted today. Anna Berg (SE–PES), %s, said: “We are "
        "ready.”" % apposition
    )
    assert people(parsed) == [("Anna Berg", role, "We are ready.")]


def test_a_greek_article_may_stand_between_the_quotation_and_the_name():
    parsed = parse(
        "Η Επιτροπή ενέκρινε τη γνωμοδότηση. «Είμαστε έτοιμοι», ο Νίκος Παππάς "
        "(EL–PES) δήλωσε.",
        "el",
    )
    assert people(parsed) == [("Νίκος Παππάς", "", "Είμαστε έτοιμοι")]


def test_a_person_named_a_sentence_earlier_does_not_get_the_quotation():
    parsed = parse(
        "The opinion was adopted today. Anna Berg (SE–PES), a mayor. Afterwards, "
        "said one member: “We are ready.”"
    )
    assert people(parsed) == [("Anna Berg", "", "")]
