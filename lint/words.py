"""Small word-level helpers shared by the document model and the checks."""

from __future__ import annotations

_OPENERS = " \t\"'“‘([*_"


def strip_possessive(word: str) -> str:
    """``Kiev's`` -> ``Kiev``; other words unchanged."""
    if len(word) > 3 and (word.endswith("'s") or word.endswith("’s")):
        return word[:-2]
    return word


def is_sentence_start(prose: str, start: int, floor: int = 0) -> bool:
    """Whether the word at ``start`` opens a sentence (only quotes or brackets before it)."""
    i = start - 1
    while i >= floor and prose[i] in _OPENERS:
        i -= 1
    return i < floor or prose[i] in ".!?:\n"
