"""Who said what on a page of the old site: quotations and the people they belong to.

A misattributed quote is the worst error a press office can publish, so a
quotation goes to a person only when the text ties the two together:

* the person is introduced with it in the same sentence, a speech verb in
  between: "Anna Berg (SE–PES), mayor of Umeå, said: “…”";
* or the quotation comes first and the sentence goes on with a speech verb
  and the person: "“…”, said Anna Berg (SE–PES)", "«…», a déclaré …",
  "“…”, Anna Berg (SE–PES) said";
* or it carries on the quotation just before (or just after) that is tied to
  a person, with nothing between them but "she said" or the end of a
  sentence: "“…,” she said, “…”", "“…” “…”".

Anything else is left unattributed and reported. A person named in the
"Name (CC–GROUP)" form without a quotation of their own is mentioned, not
quoted. A role is only ever the apposition right after the person, between
commas and followed by a speech verb or ending the attribution ("…, mayor of
Umeå, said"): never words that hold a speech verb or open a relative clause.

The quotation marks and speech verbs come from releases.legacy.languages.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from releases.legacy.languages import language_data
from releases.legacy.text import AFFILIATION, name_before, sentence_starts


@dataclass(frozen=True)
class Attribution:
    """A person as the page names them: "Name (CC–GROUP)", role, and their quote.

    An empty ``quote`` means the page names them without quoting them.
    """

    name: str
    country: str
    group: str
    role: str = ""
    quote: str = ""
    #: The name and its shorter endings ("Präsident Anna Berg", "Anna Berg"),
    #: longest first: a capitalised word before a name may be a title.
    name_candidates: tuple = ()

    @property
    def mentioned(self):
        return not self.quote


@dataclass
class _Mention:
    paragraph: int
    start: int
    end: int
    candidates: tuple
    country: str
    group: str


@dataclass
class _Quotation:
    paragraph: int
    open: int
    end_paragraph: int
    close: int
    parts: list
    speaker: _Mention | None = None
    role: str = ""


def _alternation(words):
    """A regex matching any of ``words`` as whole words, longest first."""
    words = sorted({word for word in words if word}, key=len, reverse=True)
    return r"(?<!\w)(?:%s)(?!\w)" % "|".join(re.escape(word) for word in words)


class Grammar:
    """One language's quotation marks and words, as the patterns the rules use."""

    def __init__(self, language=None):
        data = language_data(language)
        self.closers = {}
        for opener, closer in data["quotes"]:
            self.closers.setdefault(opener, set()).add(closer)
        self.marks = set(self.closers).union(*self.closers.values())
        self.pronouns = {word.casefold() for word in data["pronouns"]}
        self.links = {word.casefold() for word in data["links"] if word != ":"}
        self.relatives = [word.casefold() for word in data["relatives"]]
        marks = re.escape("".join(sorted(self.marks)))
        verb = _alternation(data["verbs"])
        link = _alternation(self.links)
        # A role may hold commas ("Mayor of Uppsala, Sweden"): it ends at the
        # comma before the speech verb.
        role = r"[^;!?%s]{1,300}?" % marks
        self.verb = re.compile(verb, re.IGNORECASE)
        # Between the person and the quotation: ", role, said that ".
        self.introduction = re.compile(
            r"^\s*(?:,\s*(?P<role>%s)\s*,|,)?\s*%s[^.!?;%s]{0,40}?\s*(?:%s)?\s*[:,–—-]?\s*$"
            % (role, verb, marks, link),
            re.IGNORECASE,
        )
        # After the quotation, the verb first: "”, said ", "», a déclaré ".
        self.verb_then_name = re.compile(
            r"^\s*[,.!?…]?\s*[–—-]?\s*%s(?P<extra>(?:\s+[^\W\d_]+){0,3}?)\s*$" % verb,
            re.IGNORECASE,
        )
        # After the person, the verb: "Anna Berg (SE–PES), mayor, said".
        self.then_verb = re.compile(
            r"^\s*(?:,\s*(?P<role>%s)\s*,|,)?\s*%s" % (role, verb), re.IGNORECASE
        )
        # The role that ends an attribution: "…, said Anna Berg (SE–PES), mayor."
        self.closing_role = re.compile(
            r"^\s*,\s*(?P<role>%s)\s*(?:[,;]|\.(?=\s|$)|$)" % role
        )
        # "she said", "sa hon", "– dodała": a speech verb and pronouns only.
        self.said = re.compile(
            r"^[\s,.!?…:–—-]*(?P<before>(?:[^\W\d_]+\s+){0,2}?)%s"
            r"(?P<after>(?:\s+[^\W\d_]+){0,2}?)[\s,.!?…:–—-]*$" % verb,
            re.IGNORECASE,
        )

    def tidy(self, text):
        """ "att ” migration" → "att ”migration": the old page kept the
        quotation as a separate element. Guillemets keep their spaces."""
        marks = "".join(mark for mark in self.closers if mark not in "«»")
        if not marks:
            return text
        return re.sub(
            r"(?:(?<=\s)|^)([%s])[ \u00a0]+(?=[^\W\d_])" % re.escape(marks), r"\1", text
        )

    def role(self, text):
        """``text`` if it can be a role: no speech verb, no relative clause."""
        role = (text or "").strip()
        if not role or self.verb.search(role) or sentence_starts(role):
            return ""
        if any(mark in role for mark in self.marks):
            return ""
        # "Mayor of Uppsala, Sweden" is a role; "mayor of Umeå, welcomed the
        # plan" may be a verb phrase: after a comma, only a name goes on.
        if any(not part.strip()[:1].isupper() for part in role.split(",")[1:]):
            return ""
        folded = role.casefold()
        if any(
            re.match(r"%s(?!\w)" % re.escape(word), folded) for word in self.relatives
        ):
            return ""
        return role

    def is_said(self, text):
        """Whether ``text`` is only "she said" (or nothing but punctuation)."""
        if not text.strip(" \u00a0,.!?…:;–—-"):
            return True
        match = self.said.match(text)
        if not match:
            return False
        words = (match["before"] + " " + match["after"]).casefold().split()
        return all(word in self.pronouns for word in words)

    # Finding quotations

    def _is_opener(self, text, i):
        if text[i] not in self.closers:
            return False
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        # French and others space their guillemets: « Les villes ».
        return not before.isalnum() and (text[i] == "«" or not after.isspace())

    def _is_closer(self, text, i, closers):
        if text[i] not in closers:
            return False
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if after.isalnum():  # an apostrophe, or the opener of the next word
            return False
        return not before.isspace() or text[i] in "»«"

    def _closer(self, text, start, closers):
        return next(
            (i for i in range(start, len(text)) if self._is_closer(text, i, closers)),
            None,
        )

    def quotations(self, paragraphs):
        """The quotations in order, and the offsets of those never closed.

        A quotation may run on into the next paragraphs, reopened there or not.
        """
        found, unclosed = [], []
        index, position = 0, 0
        while index < len(paragraphs):
            text = paragraphs[index]
            opener = next(
                (i for i in range(position, len(text)) if self._is_opener(text, i)),
                None,
            )
            if opener is None:
                index, position = index + 1, 0
                continue
            closers = self.closers[text[opener]]
            close = self._closer(text, opener + 1, closers)
            if close is not None:
                found.append(
                    _Quotation(index, opener, index, close, [text[opener + 1 : close]])
                )
                position = close + 1
                continue
            parts, following = [text[opener + 1 :]], index + 1
            while following < len(paragraphs):
                later = paragraphs[following]
                start = 1 if later[:1] == text[opener] else 0
                close = self._closer(later, start, closers)
                if close is not None:
                    parts.append(later[start:close])
                    found.append(_Quotation(index, opener, following, close, parts))
                    index, position = following, close + 1
                    break
                if not start:
                    break
                parts.append(later[start:])
                following += 1
            else:
                close = None
            if close is None:
                unclosed.append((index, opener))
                position = opener + 1
        return found, unclosed


def _mentions(paragraphs):
    for index, text in enumerate(paragraphs):
        for match in AFFILIATION.finditer(text):
            candidates = name_before(text, match.start())
            if candidates:
                yield _Mention(
                    index,
                    text.rfind(candidates[0], 0, match.start()),
                    match.end(),
                    candidates,
                    match["country"],
                    match["group"].strip(),
                )


def _inside(quotation, paragraph, offset):
    after_open = (paragraph, offset) > (quotation.paragraph, quotation.open)
    before_close = (paragraph, offset) < (quotation.end_paragraph, quotation.close)
    return after_open and before_close


def _excerpt(text, width=40):
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def attribute(paragraphs, language=None):
    """(paragraphs tidied, [Attribution], [note message]) for a page's paragraphs.

    ``paragraphs`` are the plain texts of the lead and the body's paragraphs,
    in order; ``language`` picks the quotation marks and verbs (all
    languages' when it is not known).
    """
    grammar = Grammar(language)
    paragraphs = [grammar.tidy(text) for text in paragraphs]
    quotations, unclosed = grammar.quotations(paragraphs)
    mentions = [
        mention
        for mention in _mentions(paragraphs)
        if not any(_inside(q, mention.paragraph, mention.start) for q in quotations)
    ]
    notes = []

    for quotation in quotations:
        _introduced(grammar, paragraphs, mentions, quotation)
    _carried_on(grammar, paragraphs, mentions, quotations)

    for quotation in quotations:
        if quotation.speaker is None:
            text = paragraphs[quotation.paragraph]
            named = [
                m
                for m in mentions
                if m.paragraph == quotation.paragraph
                and m.end <= quotation.open
                and not sentence_starts(text[m.end : quotation.open])
            ]
            if named:
                message = _(
                    "the quotation “%(quote)s” was not attributed: %(name)s is "
                    "named before it, but no speech verb ties them; no quote was "
                    "recorded."
                ) % {
                    "quote": _excerpt(quotation.parts[0]),
                    "name": named[-1].candidates[0],
                }
            else:
                message = _(
                    "the quotation “%(quote)s” was not attributed: no speaker is "
                    "introduced with it; no quote was recorded."
                ) % {"quote": _excerpt(quotation.parts[0])}
            notes.append(message)
    for index, opener in unclosed:
        notes.append(
            _(
                "the quotation that opens at “%(text)s” is never closed; no quote "
                "was recorded."
            )
            % {"text": _excerpt(paragraphs[index][opener:], 30)}
        )

    return paragraphs, _people(grammar, paragraphs, mentions, quotations), notes


def _introduced(grammar, paragraphs, mentions, quotation):
    """Tie ``quotation`` to the person the sentence introduces it with, if any."""
    text = paragraphs[quotation.paragraph]
    before = [
        m
        for m in mentions
        if m.paragraph == quotation.paragraph and m.end <= quotation.open
    ]
    if before:
        mention = before[-1]
        between = text[mention.end : quotation.open]
        match = grammar.introduction.match(between)
        if match and not sentence_starts(between):
            quotation.speaker = mention
            quotation.role = grammar.role(match["role"])
            return
    text = paragraphs[quotation.end_paragraph]
    after = [
        m
        for m in mentions
        if m.paragraph == quotation.end_paragraph and m.start > quotation.close
    ]
    if not after:
        return
    mention = after[0]
    gap = text[quotation.close + 1 : mention.start]
    match = grammar.verb_then_name.match(gap)
    if match and match["extra"] == match["extra"].lower():
        quotation.speaker = mention
        role = grammar.closing_role.match(text[mention.end :])
        quotation.role = grammar.role(role["role"]) if role else ""
        return
    # "«…», ο Νίκος Παππάς (EL–PES) δήλωσε": an article may stand before a name.
    if re.fullmatch(r"[\s,–—-]*(?:[^\W\d_]{1,3}\s+)?", gap) and gap == gap.lower():
        match = grammar.then_verb.match(text[mention.end :])
        if match:
            quotation.speaker = mention
            quotation.role = grammar.role(match["role"])


def _between(paragraphs, first, second):
    """The text between two quotations in the same or adjacent paragraphs."""
    if first.end_paragraph == second.paragraph:
        return paragraphs[second.paragraph][first.close + 1 : second.open]
    if first.end_paragraph + 1 == second.paragraph:
        return (
            paragraphs[first.end_paragraph][first.close + 1 :]
            + " "
            + paragraphs[second.paragraph][: second.open]
        )
    return None


_SENTENCE_GAP = re.compile(r"[.!?…][”»\"’)]*\s+")


def _continues(grammar, paragraphs, mentions, first, second, backward=False):
    """Whether ``second`` carries on ``first``'s words, going by the text between.

    Nothing but "she said" may stand between them; or the speaker of
    ``first`` named again in the same attribution, with ``second`` opening
    the next sentence at the latest ("“…,” said Anna Berg (SE–PES), mayor of
    Uppsala. “…”"). Anyone else named between them breaks the chain.
    """
    between = _between(paragraphs, first, second)
    if between is None:
        return False
    named = [
        m
        for m in mentions
        if (first.end_paragraph, first.close)
        < (m.paragraph, m.start)
        < (second.paragraph, second.open)
    ]
    if not named:
        return grammar.is_said(between)
    if backward:
        return False
    speaker = first.speaker or second.speaker
    if speaker is None or any(m.candidates[0] != speaker.candidates[0] for m in named):
        return False
    ends = [end.end() for end in _SENTENCE_GAP.finditer(between)]
    if paragraphs[first.end_paragraph][first.close - 1] in ".!?…":
        ends.insert(0, 0)  # the quotation ended its sentence
    return not ends or grammar.is_said(between[ends[-1] :])


def _carried_on(grammar, paragraphs, mentions, quotations):
    """A quotation that carries on one tied to a person is theirs too."""
    pairs = list(zip(quotations, quotations[1:], strict=False))
    for first, second in pairs:
        if (
            second.speaker is None
            and first.speaker is not None
            and _continues(grammar, paragraphs, mentions, first, second)
        ):
            second.speaker = first.speaker
    for first, second in reversed(pairs):
        if first.speaker is None and second.speaker is not None:
            # Backwards only over an explicit "she said": two quotations
            # merely side by side more likely continue the earlier speaker.
            between = _between(paragraphs, first, second) or ""
            if grammar.verb.search(between) and _continues(
                grammar, paragraphs, mentions, first, second, backward=True
            ):
                first.speaker = second.speaker


def _full_stop(text):
    """ "“We are ready,” she said": the comma stood for the speaker's full stop."""
    return text[:-1] + "." if text.endswith(",") else text


def _people(grammar, paragraphs, mentions, quotations):
    """One Attribution per person, in the order the page first names them."""
    people = {}
    for mention in mentions:
        key = mention.candidates[0].casefold()
        if key not in people:
            people[key] = {"mention": mention, "role": "", "quotes": []}
        person = people[key]
        if not person["role"]:
            # Reported speech names a role too: "Anna Lindqvist (SE–PES),
            # mayor of Umeå, said that …".
            match = grammar.then_verb.match(
                paragraphs[mention.paragraph][mention.end :]
            )
            if match:
                person["role"] = grammar.role(match["role"])
    for quotation in quotations:
        if quotation.speaker is None:
            continue
        person = people[quotation.speaker.candidates[0].casefold()]
        person["quotes"].append(quotation)
        person["role"] = person["role"] or quotation.role
    result = []
    for person in people.values():
        mention = person["mention"]
        text, last = "", None
        for quotation in person["quotes"]:
            part = "\n\n".join(p.strip() for p in quotation.parts)
            if last is not None:
                if not part[:1].islower():
                    text = _full_stop(text)
                # Parts of one paragraph run on; a new paragraph stays one.
                text += " " if last == quotation.paragraph else "\n\n"
            text += part
            last = quotation.end_paragraph
        text = _full_stop(text)
        result.append(
            Attribution(
                name=mention.candidates[0],
                country=mention.country,
                group=mention.group,
                role=person["role"],
                quote=text,
                name_candidates=mention.candidates,
            )
        )
    return result
