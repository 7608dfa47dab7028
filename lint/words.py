"""Small word-level helpers shared by the document model and the checks."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from typing import overload

_OPENERS = " \t\"'“‘([*_"
# combining marks belong to their word: decomposed (NFD) text is not split at an accent
_MARKS = "\u0300-\u036f"
_WORD = re.compile(rf"[^\W_](?:[\w’'\-.{_MARKS}]*(?:[^\W_]|[{_MARKS}]))?")


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


class WordSpans(Sequence[tuple[int, int]]):
    """``[start, end)`` of each word, kept as two arrays of machine integers.

    A list of tuples costs about 70 bytes a word, more than ten times the text it indexes;
    two arrays cost 8."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, prose: str) -> None:
        code = "I" if len(prose) < 2**32 else "q"
        self._starts, self._ends = array(code), array(code)
        for match in _WORD.finditer(prose):
            self._starts.append(match.start())
            self._ends.append(match.end())

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int]]: ...
    def __getitem__(self, index: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(index, slice):
            return list(zip(self._starts[index], self._ends[index], strict=True))
        return self._starts[index], self._ends[index]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self._starts, self._ends, strict=True)

    @property
    def starts(self) -> Sequence[int]:
        """The start offset of every word."""
        return self._starts


def shared_strings(strings: Iterator[str]) -> list[str]:
    """The strings as a list in which equal strings are one object (a word recurs often)."""
    seen: dict[str, str] = {}
    return [seen.setdefault(text, text) for text in strings]
