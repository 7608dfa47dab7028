"""Whole-word phrase lookup over a document's words: one dictionary probe per word."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from lint.document import Document
from lint.words import strip_possessive

P = TypeVar("P")

_SPLIT = re.compile(r"[^\W_](?:[\w’'\-.]*[^\W_])?")


def phrase_words(phrase: str) -> tuple[str, ...]:
    """Split a phrase into the words the document tokenizer would produce."""
    return tuple(m.group() for m in _SPLIT.finditer(phrase))


@dataclass(frozen=True, slots=True)
class PhraseHit(Generic[P]):
    """A phrase found at ``[start, end)``, with the text matched and the entry's payload."""

    start: int
    end: int
    text: str
    payload: P


class PhraseIndex(Generic[P]):
    """Phrases keyed by their lowercased first word; case rules are applied per entry."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], bool, P]]] = {}
        self._first_words: frozenset[str] = frozenset()

    def add(self, phrase: str, payload: P, ignorecase: bool = True) -> None:
        """Register a phrase; without ``ignorecase``, only its own case or a capital initial."""
        words = phrase_words(phrase)
        if words:
            self._by_first.setdefault(words[0].lower(), []).append((words, ignorecase, payload))
            self._first_words = frozenset(self._by_first)

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values())

    def find(self, doc: Document) -> Iterator[PhraseHit[P]]:
        """Every whole-word occurrence of a registered phrase, longest first at each position."""
        words = doc.words
        prose = doc.prose
        index = self._by_first
        hits: list[tuple[int, PhraseHit[P]]] = []
        matched = doc.key_set & self._first_words  # set operations iterate the smaller side
        if not matched:
            return
        for key, positions in doc.positions_of(matched).items():
            entries = index[key]
            for i in positions:
                best = self._longest(entries, words, i, prose)
                if best is not None:
                    hits.append((i, best))
        hits.sort(key=lambda item: item[0])
        for _, hit in hits:
            yield hit

    @staticmethod
    def _longest(
        entries: list[tuple[tuple[str, ...], bool, P]],
        words: Sequence[tuple[int, int]],
        i: int,
        prose: str,
    ) -> PhraseHit[P] | None:
        best: PhraseHit[P] | None = None
        for phrase, ignorecase, payload in entries:
            n = len(phrase)
            if i + n > len(words):
                continue
            span = words[i : i + n]
            if any(prose[a[1] : b[0]].strip() for a, b in itertools.pairwise(span)):
                continue
            tokens = [prose[s:e] for s, e in span]
            tokens[-1] = strip_possessive(tokens[-1])
            if not all(_same(t, p, ignorecase) for t, p in zip(tokens, phrase, strict=True)):
                continue
            start, end = span[0][0], span[-1][0] + len(tokens[-1])
            if best is None or end > best.end:
                best = PhraseHit(start, end, prose[start:end], payload)
        return best


def _same(token: str, word: str, ignorecase: bool) -> bool:
    if ignorecase:
        return token.lower() == word.lower()
    return token in (word, word[:1].upper() + word[1:], word.upper())


def match_case(replacement: str, original: str) -> str:
    """Carry the case pattern of ``original`` (all caps, all lower, capital initial) over."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and all(c.islower() for c in letters):
        return replacement.lower()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
