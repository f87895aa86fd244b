"""The word diff a translator reads above an outdated field."""

from core.diff import text_of, word_diff


def test_changed_words_are_marked_and_the_rest_is_plain():
    diff = word_diff(
        "Regions meet in Brussels today.",
        "Regions and cities meet in Strasbourg today!",
    )
    assert diff.html == (
        "Regions<ins> and cities</ins> meet in <del>Brussels</del>"
        "<ins>Strasbourg</ins> today<del>.</del><ins>!</ins>"
    )
    assert diff.changed_words


def test_words_are_compared_whole_not_letter_by_letter():
    diff = word_diff("the co-operation agreement", "the cooperation agreement")
    assert diff.html == "the <del>co-operation</del><ins>cooperation</ins> agreement"


def test_everything_but_the_diff_markup_is_escaped():
    diff = word_diff('Say "<b>hi</b>" & go', 'Say "<i>hi</i>" & go <script>')
    assert "<b>" not in diff.html and "<script>" not in diff.html
    assert "&lt;script&gt;" in diff.html
    assert "&quot;" in diff.html and "&amp;" in diff.html
    assert diff.html.count("<ins>") + diff.html.count("<del>") >= 2


def test_rich_text_is_compared_as_the_text_a_reader_sees_block_by_block():
    old = "<p>First paragraph.</p><ul><li>one</li></ul>"
    new = "<p>First <strong>paragraph</strong>.</p><ul><li>one</li><li>two</li></ul>"
    diff = word_diff(old, new, rich=True)
    assert diff.html == "First paragraph.\n• one<ins>\n• two</ins>"
    assert "<strong>" not in diff.html and "<li>" not in diff.html


def test_a_changed_link_address_shows_in_rich_text():
    old = '<p>See <a href="https://cor.europa.eu/old">the page</a>.</p>'
    new = '<p>See <a href="https://cor.europa.eu/new">the page</a>.</p>'
    diff = word_diff(old, new, rich=True)
    assert "<del>old</del><ins>new</ins>" in diff.html
    assert diff.changed_words


def test_formatting_only_changes_are_not_word_changes():
    diff = word_diff("<p>Plain words</p>", "<p><em>Plain</em>   words</p>", rich=True)
    assert diff.html == "Plain words"
    assert not diff.changed_words


def test_markup_in_rich_text_sources_is_never_rendered_from_the_diff():
    old = "<p>Safe</p>"
    new = "<p>Safe &lt;img src=x onerror=alert(1)&gt;</p>"
    diff = word_diff(old, new, rich=True)
    assert "<img" not in diff.html
    assert "&lt;img" in diff.html


def test_text_of_puts_each_block_on_its_own_line():
    assert text_of("<h2>Title</h2><p>One<br>two</p><blockquote>Quote</blockquote>") == (
        "Title\nOne\ntwo\nQuote"
    )
