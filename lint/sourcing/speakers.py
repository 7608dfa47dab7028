"""Speakers: which sentences are inside a quotation, and who speaks it (the attribution
clause around it, or the person the paragraph has just introduced).
"""

from __future__ import annotations

import re

from lint.document import Document
from lint.sentences import Sentence
from lint.sourcing.coverage import opens_item
from lint.sourcing.quotations import quote_regions


def quoted_sentences(
    doc: Document, units: list[Sentence], local: list[tuple[str | None, str | None]]
) -> tuple[dict[int, int | None], set[int], set[int]]:
    """Sentences inside a quotation whose speaker is named next to it (before, in, or after),
    each with the sentence that names the speaker: for a quotation that goes on from the
    paragraph before, the last sentence before it to name a source; for one after a sentence
    about a person, that sentence; ``None`` when no sentence names one (a cue with no source
    next to it, a lead-in ending in a colon). Guessing the last source named for those was
    wrong 268 times in 357 on PolNeAR train.

    Also the sentences with a cue that a quotation with a named speaker holds whole: their
    cue is the speaker's word ('"He said it over and over."'), and they are the speaker's;
    and the sentences of a quotation whose only cues are its own words ('"I think we will
    win."'): attributed, as PolNeAR counts them, to a speaker no one names.
    """
    covered: dict[int, int | None] = {}
    spoken: set[int] = set()
    unvoiced: set[int] = set()
    named_before = _last_named(local)
    carry = False  # the quotation opening the next paragraph continues a named speaker
    introducer: int | None = None  # the sentence about a person that ends the paragraph before
    by_block: dict[int, list[int]] = {}
    for i, unit in enumerate(units):
        by_block.setdefault(unit.block.start, []).append(i)
    for block in doc.blocks:
        members = by_block.get(block.start, [])
        if not members:
            continue
        regions = quote_regions(doc.prose, block.start, block.end)
        for q_start, q_end in regions:
            inside = [i for i in members if units[i].start < q_end and q_start < units[i].end]
            if inside:
                has_speaker, speaker = _speaker(
                    doc,
                    units,
                    local,
                    covered,
                    inside,
                    members,
                    (q_start, q_end),
                    (carry, introducer),
                    named_before,
                )
                if has_speaker:
                    covered.update((i, speaker) for i in inside)
                elif any(local[i][0] for i in inside):
                    covered.update((i, None) for i in inside)
                    unvoiced.update(inside)
                if speaker is not None:
                    spoken.update(
                        i
                        for i in inside
                        if local[i][0] and _holds(doc.prose, units[i], q_start, q_end)
                    )
        last = regions[-1] if regions else None
        carry = bool(last and last[1] == block.end and covered.keys() & set(members))
        introducer = None
        if _introduces(doc, units[members[-1]]) or local[members[-1]][1]:
            # 'He said:' introduces the quotation in the next paragraph, and a paragraph that
            # ends naming its speaker ('..." he said.', 'Smith says ...') goes on in the next
            carry = True
        elif not local[members[-1]][0] and person_subject(doc, units[members[-1]]):
            # "Gervais is keen for the project to be taken slowly." then '"A film will ..."'
            carry, introducer = True, members[-1]
    return covered, spoken, unvoiced


def _speaker(
    doc: Document,
    units: list[Sentence],
    local: list[tuple[str | None, str | None]],
    covered: dict[int, int | None],
    inside: list[int],
    members: list[int],
    quotation: tuple[int, int],
    carried: tuple[bool, int | None],
    named_before: list[int | None],
) -> tuple[bool, int | None]:
    """Whether a quotation has a speaker, and the sentence that names it, if any (see
    ``quoted_sentences``).
    """
    q_start, q_end = quotation
    members = _same_item(units, doc.prose, members, inside)
    # the speaker is named inside the quotation, or just after it, or just before it
    near = [*inside, inside[-1] + 1, inside[0] - 1]
    # a cue in a sentence the quotation holds whole is the speaker's word ('"He said it
    # over and over."'), not the quotation's attribution: others name the speaker first
    named = [
        i
        for i in near
        if i in members and local[i][0] and not _holds(doc.prose, units[i], q_start, q_end)
    ]
    if named:
        return True, next((i for i in named if local[i][1]), None)
    before = inside[0] - 1
    if inside[0] in covered or (before in members and before in covered):
        return True, covered.get(inside[0], covered.get(before))  # the same speaker goes on
    lead_in = doc.prose[units[inside[0]].block.start : q_start]
    opens = not lead_in.strip()
    carry, introducer = carried
    if opens and carry:  # the speaker of the paragraph before goes on
        return True, introducer if introducer is not None else named_before[inside[0]]
    if lead_in.rstrip().endswith(":"):  # "He went further: '...'"
        return True, None
    if before >= 0 and (opens or before in members) and person_subject(doc, units[before]):
        # "Mr Howard was dismissive. 'These things happen.'": he speaks, if the quotation
        # opens its sentence rather than being a phrase inside one ('a "worldwide" plan')
        speaks = not doc.prose[units[inside[0]].start : q_start].strip()
        return True, before if speaks else None
    return False, None


def _same_item(
    units: list[Sentence], text: str, members: list[int], inside: list[int]
) -> list[int]:
    """The sentences of a paragraph in the plain-text list item that holds a quotation (all of
    them when the paragraph is no list): another item speaks for itself."""
    first, last = inside[0], inside[-1] + 1
    while first > members[0] and not opens_item(units[first], text):
        first -= 1
    while last <= members[-1] and not opens_item(units[last], text):
        last += 1
    return [i for i in members if first <= i < last]


def _holds(text: str, sentence: Sentence, q_start: int, q_end: int) -> bool:
    """Whether a closed quotation holds the whole of a sentence, between its quote marks (an
    unclosed one runs to the paragraph's end, and may hold the reporter's words)."""
    closed = text[q_end - 1] in "\"”'"
    return closed and q_start <= sentence.start and sentence.end <= q_end


def _last_named(local: list[tuple[str | None, str | None]]) -> list[int | None]:
    """For each sentence, the last sentence before it that names a source, if any."""
    found: list[int | None] = []
    last: int | None = None
    for i, (_, source) in enumerate(local):
        found.append(last)
        if source:
            last = i
    return found


# A sentence about a person, who speaks in the quotation that follows: a name or "he"/"she",
# perhaps after an opening phrase and with an apposition, then its verb. A single capitalised
# word may be any sentence's first word ("Shops closed"), so it needs a verb of state ("Kerr
# was delighted").
_NOT_PERSON = (
    r"(?!(?:It|Its|This|That|There|These|Those|The|They|We|I|You|What|Which|Who|Here|A|An|Some"
    r"|Many|All|Most|One|No|Now|Then|Nobody|Everyone|Everybody|Someone|Somebody|Anyone)\b)"
)
_CAPITALISED = r"[A-Z][\w'’-]+"
_STATE_VERB = (
    r"(?:is|was|has|had|looked|seemed|remained|appeared|sounded|felt"
    r"|(?:will|would|did|does|could|can)(?:n[’']t)?|won[’']t|can[’']t)\b"
)
_BETWEEN = r"(?:(?:,[^,]{1,80}){1,2},)?\s+(?:[a-z]+ly\s+|also\s+|then\s+|still\s+)?"
_NAMED_PERSON = (
    rf"{_NOT_PERSON}(?:(?:Mr|Mrs|Ms|Dr|Prof|Sir)\.?\s+{_CAPITALISED}"
    rf"|{_CAPITALISED}(?:\s+{_CAPITALISED}){{1,2}})"
    r"|[Hh]e|[Ss]he|[Tt]he\s+(?:\d+-year-old|world\s+number\s+\d+)"
)
_PERSON_SUBJECT = re.compile(
    rf"(?:[^,.]{{1,60}},\s+){{0,2}}(?:[A-Za-z-]+\s+){{0,3}}?"
    rf"(?:(?P<named>{_NAMED_PERSON}){_BETWEEN}(?:{_STATE_VERB}|[a-z]+ed\b|[a-z]+s\b)"
    rf"|{_NOT_PERSON}(?P<word>{_CAPITALISED}){_BETWEEN}{_STATE_VERB})"
)
# A one-word subject and an active verb: "Kerr applauded the move."
_WORD_SUBJECT = re.compile(r"([A-Z][a-z’'-]+)\s+[a-z]+(?:ed|s)\b")


def person_subject(doc: Document, sentence: Sentence) -> str | None:
    """The person a sentence is about, named as its subject (see ``_PERSON_SUBJECT``), if any.

    A single capitalised word opening the sentence is a name if the article also capitalises
    it after a lower-case word ("since Kerr succeeded"), which "Shops closed" never shows.
    """
    person = _PERSON_SUBJECT.match(doc.prose, sentence.start, sentence.end)
    if person:
        return person.group("named") or person.group("word")
    word = _WORD_SUBJECT.match(doc.prose, sentence.start, sentence.end)
    if word is None or re.fullmatch(_NOT_PERSON + r"\w+", word.group(1)) is None:
        return None
    named = re.search(rf"\b[a-z]+\s+{re.escape(word.group(1))}\b", doc.prose) is not None
    return word.group(1) if named else None


def _introduces(doc: Document, sentence: Sentence) -> bool:
    """Whether a sentence ends with a colon that introduces a quotation ("He went further:")."""
    return doc.prose[sentence.start : sentence.end].rstrip().endswith(":")
