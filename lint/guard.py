"""Literal guards: a quick test that rules out the sentences a rule pattern cannot match.

Rule patterns run in the ``regex`` module under a time limit, and asking for the limit costs
more than a microsecond on every call: more than the search itself on a short sentence. Most
sentences cannot match a given pattern anyway: ``according to (?P<source>...)`` needs the
words "according to". A guard is a short list of fixed strings, found by walking the parsed
pattern, one of which every match contains. A document is scanned for them once with
``str.find``; a sentence that holds none of them is not searched.

A pattern whose structure is not understood, or whose necessary strings are too many to be
worth a scan each, gets no guard and is always searched: a guard may only ever skip a search
that would fail.
"""

from __future__ import annotations

import bisect
import importlib
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import regex

from lint.saferegex import search_bounded

sre: Any
sre_parse: Any
try:  # re's own parser: private, so a Python where it has moved simply gets no guards
    sre = importlib.import_module("re._constants")
    sre_parse = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover
    sre = sre_parse = None

Choices = frozenset[str]  # a match contains at least one of these strings

MAX_CHOICES = 8  # each string costs a scan of the document
# Characters the regex module matches to an ASCII letter when ignoring case (VERSION0) but
# that do not lowercase to one: a text holding them is searched without its guard.
FOLDS_TO_ASCII = "\u0130\u017f"  # İ, ſ
_UNGUARDED_FLAGS = regex.VERSION1 | regex.FULLCASE | regex.VERBOSE


def guard_for(pattern: str, ignorecase: bool = False) -> Choices | None:
    """Strings one of which every match of ``pattern`` contains; ``None`` when none are known.

    With ``ignorecase``, the strings are lowercased ASCII, to be looked for in lowercased text.
    """
    if sre_parse is None:
        return None
    try:
        with warnings.catch_warnings():
            # re warns where the regex module reads a set differently ("[[:alpha:]]", "--")
            warnings.simplefilter("error")
            parsed = sre_parse.parse(pattern, sre.SRE_FLAG_IGNORECASE if ignorecase else 0)
    except Exception:  # syntax re does not share with the regex module: no guard
        return None
    if parsed.state.flags & sre.SRE_FLAG_VERBOSE or any(
        op is sre.LITERAL and av == ord("{") for op, av in _walk(parsed.data)
    ):
        return None  # a brace re reads as text may be a fuzzy-match constraint to regex
    best = _best(_sequence(parsed.data))
    if best is None or len(best) > MAX_CHOICES:
        return None
    if parsed.state.flags & sre.SRE_FLAG_IGNORECASE:
        if not all(choice.isascii() for choice in best):
            return None
        return frozenset(choice.lower() for choice in best)
    return best


def opens_with_boundary(pattern: str) -> bool:
    """Whether every match of ``pattern`` starts at a word boundary it asks for (``\\b...``).

    Patterns that share it can be searched as ``\\b(?:a|b|c)``, which tests the boundary
    once per position rather than once per pattern. ``\\bfoo|bar`` does not qualify: its
    boundary belongs to one branch only.
    """
    if sre_parse is None or not pattern.startswith("\\b"):
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            parsed = sre_parse.parse(pattern)
    except Exception:
        return False
    return bool(parsed.data) and parsed.data[0] == (sre.AT, sre.AT_BOUNDARY)


def _walk(items: Iterable[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
    """Every item of a parsed pattern, nested ones included."""
    for op, av in items:
        yield op, av
        yield from _walk_value(av)


def _walk_value(value: Any) -> Iterator[tuple[Any, Any]]:
    if isinstance(value, sre_parse.SubPattern):
        yield from _walk(value.data)
    elif isinstance(value, tuple | list):
        for part in value:
            yield from _walk_value(part)


def _sequence(items: list[tuple[Any, Any]]) -> list[Choices]:
    """Every necessary part of a sequence: its runs of literal text, and what its groups need."""
    found: list[Choices] = []
    looked: list[Choices] = []  # a lookaround's requirements: after the text itself, on a tie
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if op in (sre.AT, sre.ASSERT_NOT):
            continue  # consumes nothing: the characters either side stay adjacent
        if op is sre.ASSERT:  # "(?=[\"“])": what a lookaround requires is in the text too
            inner = _best(_sequence(av[1].data))
            if inner is not None:
                looked.append(inner)
            continue
        if run:
            found.append(frozenset(["".join(run)]))
            run = []
        inner = _required(op, av)
        if inner is not None:
            found.append(inner)
    if run:
        found.append(frozenset(["".join(run)]))
    return found + looked


def _required(op: Any, av: Any) -> Choices | None:
    """What a group, alternation or repetition requires, or ``None`` if nothing is known."""
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, body = av
        return None if add_flags or del_flags else _best(_sequence(body.data))
    if op is sre.ATOMIC_GROUP:
        return _best(_sequence(av.data))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, body = av
        return _best(_sequence(body.data)) if low >= 1 else None
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            choices = _best(_sequence(branch.data))
            if choices is None:
                return None
            union |= choices
        return frozenset(union)
    if op is sre.IN and all(item_op is sre.LITERAL for item_op, _ in av):
        characters = frozenset(chr(value) for _, value in av)  # '[\"“]': one of a few
        return characters if len(characters) <= MAX_CHOICES else None
    return None  # a class, any character, a back-reference: no fixed text


def _best(candidates: list[Choices]) -> Choices | None:
    """The most selective part: the longest shortest string, then the fewest strings."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


@dataclass(frozen=True)
class GuardedPattern:
    """A rule pattern and the strings that let a search of it be skipped."""

    pattern: regex.Pattern[str]
    guard: Choices | None = None
    folded: bool = False  # the guard is lowercase: look for it in lowercased text

    @classmethod
    def build(cls, pattern: regex.Pattern[str]) -> GuardedPattern:
        """Find the guard of a compiled rule pattern."""
        if pattern.flags & _UNGUARDED_FLAGS:
            return cls(pattern)
        folded = bool(pattern.flags & regex.IGNORECASE)
        return cls(pattern, guard_for(pattern.pattern, folded), folded)

    def scan(self, text: str) -> GuardScan:
        """Find the guard's strings in a document once, for searches of its parts."""
        return GuardScan(self, text, self._occurrences(text))

    def _occurrences(self, text: str) -> list[tuple[int, int]] | None:
        if self.guard is None:
            return None
        if self.folded:
            if not text.isascii():
                if any(ch in text for ch in FOLDS_TO_ASCII):
                    return None
                if len(text.lower()) != len(text):
                    return None
            text = text.lower()
        found = []
        for choice in self.guard:
            at = text.find(choice)
            while at >= 0:
                found.append((at, at + len(choice)))
                at = text.find(choice, at + 1)
        found.sort()
        return found


@dataclass(frozen=True)
class GuardScan:
    """A guarded pattern's view of one document: where its guard's strings occur."""

    guarded: GuardedPattern
    text: str
    occurrences: list[tuple[int, int]] | None  # None: no guard, search every part
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        starts = [start for start, _ in self.occurrences or []]
        object.__setattr__(self, "starts", starts)

    def may_match(self, start: int, end: int) -> bool:
        """False only when ``text[start:end]`` cannot hold a match of the pattern."""
        if self.occurrences is None:
            return True
        i = bisect.bisect_left(self.starts, start)
        while i < len(self.starts) and self.starts[i] < end:
            if self.occurrences[i][1] <= end:
                return True
            i += 1
        return False

    def search(self, start: int, end: int) -> regex.Match[str] | None:
        """Search ``text[start:end]`` as a text of its own; offsets are relative to ``start``."""
        if not self.may_match(start, end):
            return None
        return search_bounded(self.guarded.pattern, self.text[start:end])
