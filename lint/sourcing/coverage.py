"""Coverage: which sentence's attribution covers a sentence with no cue of its own (a
neighbour, a paragraph opener, a colon lead-in, a list label), and which sentences need none
(the writer's own view, the publication's note, a turn such as "However").
"""

from __future__ import annotations

import re
from functools import cache

from lint.sentences import Sentence, opens_list_line
from lint.sourcing.cues import inside_any
from lint.sourcing.lexicon import Lexicon, fold
from lint.sourcing.quotations import QUOTE_END, has_quote_mark, quote_pattern_for, quote_regions

_BREAK_REACH = 80  # a turn ("However", "On the other hand") opens its sentence


# A sentence that goes on with the document just cited ("The report predicts ...") names the
# source of the sentence before it too; "The figures show" does not, as figures and data are
# what a claim states rather than who states it.
_CONTENT_NOUNS = frozenset(["figures", "data", "statistics"])


@cache
def _refers_back(documents: frozenset[str]) -> re.Pattern[str]:
    nouns = "|".join(re.escape(noun) for noun in sorted(documents - _CONTENT_NOUNS))
    return re.compile(
        rf"(?:The|This|Its|Their)\s+(?:new\s+|latest\s+)?(?:{nouns})(?:,[^,]{{1,80}},)?"
        r"\s+(?:also\s+)?[a-z]+"
    )


def carried_from(
    units: list[Sentence],
    local: list[tuple[str | None, str | None]],
    i: int,
    text: str,
    opener: int | None,
    lexicon: Lexicon,
) -> int | None:
    """The sentence whose attribution covers this one, if any: one sentence earlier or later
    in the same paragraph, else the paragraph's ``opener`` (see ``paragraph_openers``).

    A later attribution covers only quoted sentences ("'...,' the Secretary-General said"),
    or any sentence when it goes on with a document ("The report predicts ..."). Items of a
    list cover no other item.
    """
    sentence = units[i]
    for j in (i - 1, i + 1):
        if 0 <= j < len(units) and units[j].block == sentence.block and local[j][0]:
            if opens_item(units[max(i, j)], text):
                continue  # another item of a plain-text list

            neighbour = text[units[j].start : units[j].end]
            body = text[sentence.start : sentence.end]
            if j > i and not (
                quote_pattern_for(body).search(body)
                or QUOTE_END.search(neighbour)
                or _refers_back(lexicon.documents).match(neighbour)
            ):
                continue
            return j
    return opener if opener is not None and opener < i - 1 else None


def uncovered_reason(
    units: list[Sentence],
    local: list[tuple[str | None, str | None]],
    i: int,
    text: str,
    lexicon: Lexicon,
) -> str:
    """Why a sentence that needs a source was given none: ``turn`` (it opens with "However"
    after a sentence with a source), ``list-item`` (its neighbours with a source are other
    items of a list), ``next-only`` (only the sentence after it has a source, and that does
    not carry back) or ``none`` (no source before or after it, nor an opener naming one)."""
    sentence = units[i]
    near = [
        j
        for j in (i - 1, i + 1)
        if 0 <= j < len(units) and units[j].block == sentence.block and local[j][0]
    ]
    if i - 1 in near and is_turn(sentence, text, lexicon):
        return "turn"
    if any(opens_item(units[max(i, j)], text) for j in near):
        return "list-item"
    return "next-only" if i + 1 in near else "none"


def opens_item(unit: Sentence, text: str) -> bool:
    """Whether a sentence opens an item of a list: a Markdown item's first sentence, or one
    that opens a plain-text list line (``lint.sentences.LIST_ITEM``)."""
    if unit.block.kind == "item":
        return unit.start == unit.block.start
    return opens_list_line(text, unit.start)


def _list_item(unit: Sentence, text: str) -> bool:
    """Whether a sentence is (the start of) an item of a list."""
    return unit.block.kind == "item" or opens_list_line(text, unit.start)


def colon_intros(
    units: list[Sentence], local: list[tuple[str | None, str | None]], text: str
) -> list[int | None]:
    """For each sentence, the sentence that introduces it if that attributes it: it has a cue
    and ends with a colon ("As part of his reforms he has announced:", "Limbaugh added:").
    It introduces the list that follows it, or the paragraph that follows when it ends its
    own: the words quoted as a block, without quote marks.
    """
    intros: list[int | None] = []
    intro: int | None = None  # for the list being read, or the one the last sentence opens
    paragraph: int | None = None  # for the paragraph being read
    for i, unit in enumerate(units):
        if _list_item(unit, text):
            intros.append(intro)
            continue
        if i > 0 and units[i - 1].block != unit.block:
            heading = unit.block.kind in ("heading", "title")
            paragraph = intro if intro == i - 1 and not heading else None
        intros.append(paragraph)
        body = text[unit.start : unit.end]
        intro = i if local[i][0] is not None and body.rstrip().endswith(":") else None
    return intros


def paragraph_openers(
    units: list[Sentence],
    local: list[tuple[str | None, str | None]],
    text: str,
    lexicon: Lexicon,
) -> list[int | None]:
    """For each sentence, the paragraph's first sentence if that names its source and covers it.

    The rest of a paragraph after a sentence that turns to the reporter's own voice ("However,
    ...") is not covered by its opener. Each item of a plain-text list is a paragraph here.
    """
    openers: list[int | None] = []
    opener: int | None = None
    for i, sentence in enumerate(units):
        if i == 0 or units[i - 1].block != sentence.block or opens_item(sentence, text):
            cue, source = local[i]
            opener = i if cue is not None and source is not None else None
        elif opener is not None and is_turn(sentence, text, lexicon):
            opener = None
        openers.append(opener)
    return openers


def is_turn(sentence: Sentence, text: str, lexicon: Lexicon) -> bool:
    """Whether a sentence opens with a turn to the reporter's own voice ("However, ...")."""
    return lexicon.breaks.search(text[sentence.start : sentence.start + _BREAK_REACH]) is not None


# "I" as the writer, not a numeral in a name ("World War I", "the Zone I tie")
_NUMERAL_NAMES = ("War", "Zone", "Group", "Division", "Phase", "Part", "Chapter", "Class", "Stage")
_FIRST_PERSON = re.compile(
    r"(?:^|[\s(])(?:"
    + "".join(rf"(?<!{name}\s)" for name in _NUMERAL_NAMES)
    + r"I(?:[’'](?:m|ve|d|ll))?\s+[a-z]|[Mm]y\s+[a-z]|me\b)"
)


def writers_view(
    text: str, sentence: Sentence, paragraphs: dict[int, bool], units: list[Sentence]
) -> bool:
    """Whether a sentence is the writer's own view: in a paragraph where the writer speaks in
    the first person, or in an article where at least half the paragraphs (two or more) do,
    as a column, a review or a reader's letter does. The byline signs it.
    """
    block = sentence.block
    if block.start not in paragraphs:
        paragraphs[block.start] = _first_person(text[block.start : block.end])
    if paragraphs[block.start]:
        return True
    if _COLUMN not in paragraphs:
        blocks = {u.block.start: u.block for u in units if u.block.kind not in ("heading", "title")}
        mine = sum(_first_person(text[b.start : b.end]) for b in blocks.values())
        paragraphs[_COLUMN] = mine >= 2 and 2 * mine >= len(blocks)
    return paragraphs[_COLUMN]


_COLUMN = -1  # the key of the whole article's verdict in ``writers_view``'s memo


_LABEL = re.compile(r"\s*([^:\n]{1,40}):")


def in_note(text: str, sentence: Sentence, lexicon: Lexicon) -> bool:
    """Whether a sentence is in a paragraph opening with one of the lexicon's note labels
    ("Correction:", "Editor's note:"): a note in the publication's own voice."""
    label = _LABEL.match(text, sentence.block.start, sentence.block.end)
    return label is not None and fold(label.group(1)) in lexicon.notes


def _first_person(body: str) -> bool:
    """Whether the writer speaks in the first person outside any quotation in a text."""
    if _FIRST_PERSON.search(body) is None:
        return False
    if not has_quote_mark(body, 0, len(body)):
        return True
    quoted = quote_regions(body, 0, len(body))
    return any(not inside_any(m.span(), quoted) for m in _FIRST_PERSON.finditer(body))
