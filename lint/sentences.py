"""Sentence segmentation with exact offsets, aware of abbreviations, initials and quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lint.document import Block, Document

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "sgt",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "pres",
        "no",
        "nos",
        "v",  # "Brown v. Board of Education"
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "dept",
        "est",
        "approx",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "ave",
        "blvd",
        "univ",
        "cf",
        "al",
    ]
)
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|[.!?…]+[\"”’')\]]*\s*$")
_CLOSERS = "\"”’')]"
# The one definition of a plain-text list item: a line that opens with a marker ("- ", "~ ",
# "• ", "– ", "-Trump said ...", or "* " with its space, since "*Emphasis*" opens lines too)
# before a capital, a digit or a quotation. Such a line starts a sentence whatever ends the line
# before it; the sourcing engine and the packs' patterns (``{ITEM}``) use the same definition.
LIST_ITEM = r"[ \t\u00a0]*(?:[-~•–][ \t\u00a0]?|\*[ \t\u00a0]+)(?=[\"“‘'(\[]?[A-Z0-9])"
_LIST_ITEM = re.compile(rf"\n(?={LIST_ITEM})")
_ITEM_START = re.compile(LIST_ITEM)


def opens_list_line(text: str, start: int) -> bool:
    """Whether ``text[start:]`` opens a plain-text list item: its marker, at a line's start."""
    if not _ITEM_START.match(text, start):
        return False
    # only blanks before it on its line: looked for backwards, so that a very long line is not
    # scanned again for each of its sentences
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in "\r\n"


# A quotation signed after a dash at the end of its line ('"..." ― Sonya Herrid') ends there:
# readers' comments and epigraphs are printed one to a line. The signature is capitalised
# words alone, so a hard-wrapped line ending '"..." - Smith later' is not cut.
_SIGNED_LINE = re.compile(
    r"[”\"][^\S\n]*(?:[―—–]|-(?=\s))[^\S\n]*[A-Z][\w'’.-]*(?:[^\S\n]+[A-Z][\w'’.-]*){0,5}"
    r"(?=[^\S\n]*\n)"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence at ``[start, end)`` within a block."""

    start: int
    end: int
    block: Block


def split_block(text: str, block: Block) -> list[Sentence]:
    """The sentences of one block, trimmed of surrounding space."""
    sentences = []
    start = block.start
    for end in _cuts(text, block):
        if end > start:
            sentences.append(_trimmed(text, start, end, block))
            start = end
    if text[start : block.end].strip():
        sentences.append(_trimmed(text, start, block.end, block))
    return [s for s in sentences if s.end > s.start]


def _cuts(text: str, block: Block) -> list[int]:
    """Where the sentences of a block end: after a sentence's closing mark, before a list
    item's line, or after a quotation signed at the end of its line."""
    chunk = text[block.start : block.end]
    cuts = [
        block.start + match.end()
        for match in _BOUNDARY.finditer(chunk)
        if not _is_abbreviation(text, block.start + match.start(), block.start)
    ]
    if "\n" in chunk:
        cuts.extend(block.start + match.start() for match in _LIST_ITEM.finditer(chunk))
        cuts.extend(block.start + match.end() for match in _SIGNED_LINE.finditer(chunk))
        cuts.sort()
    return cuts


def _trimmed(text: str, start: int, end: int, block: Block) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end, block)


def _is_abbreviation(text: str, dot: int, floor: int) -> bool:
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > floor and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot]
    if not word:
        return False
    if word.lower().rstrip(".") in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. K. Rowling"
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word))  # "U.S", "a.m"


def sentences(doc: Document) -> list[Sentence]:
    """Every sentence of the document's prose blocks, in order."""
    return [s for block in doc.blocks for s in split_block(doc.prose, block)]
