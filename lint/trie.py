"""Literal phrase lists compiled as a trie-shaped regular expression.

Python's ``re`` tries each branch of an alternation in turn at every position, so a list of
several hundred cue phrases costs hundreds of comparisons per character. Sharing prefixes
("accus(?:ed|es)") leaves one comparison per character and branch point.
"""

from __future__ import annotations

import re

_END = ""  # a trie key no atom uses: the phrase may end here


def _atoms(phrase: str) -> list[str]:
    """A phrase as regex atoms: lowercased characters, any run of spaces as one ``\\s+``."""
    atoms: list[str] = []
    for word in phrase.lower().split():
        if atoms:
            atoms.append(r"\s+")
        atoms.extend(re.escape(ch) for ch in word)
    return atoms


def trie_alternation(phrases: list[str]) -> str:
    """A regex (no group captured) matching any phrase, preferring the longest at a position.

    Phrases are matched case-insensitively: compile the result with ``re.IGNORECASE``.
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase in phrases:
        node = root
        for atom in _atoms(phrase):
            node = node.setdefault(atom, {})
        node[_END] = {}
    return _render(root) if root else "(?!)"


def _render(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    branches = [atom + _render(child) for atom, child in sorted(node.items()) if atom != _END]
    optional = _END in node
    if not branches:
        return ""
    if len(branches) == 1 and not optional:
        return branches[0]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        # greedy: the longer phrase is tried before ending here
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


class PhraseSet:
    """Literal phrases found case-insensitively: the trie regex runs on lowercased text.

    Python's ``re`` is several times slower with ``IGNORECASE``; lowercasing the text first
    keeps offsets, except for the rare characters whose lowercase is longer ("İ"), for which
    the case-insensitive pattern is used instead. Results are ``(start, end)`` spans.
    """

    def __init__(self, phrases: list[str], before: str = r"\b", after: str = r"\b") -> None:
        self.pattern = f"{before}(?:{trie_alternation(phrases)}){after}"
        self._lower: re.Pattern[str] | None = None  # compiled on first use
        self._folding: re.Pattern[str] | None = None

    def __getstate__(self) -> dict[str, str]:
        return {"pattern": self.pattern}  # a cached pack keeps the source; compiling is lazy

    def __setstate__(self, state: dict[str, str]) -> None:
        self.pattern = state["pattern"]
        self._lower = self._folding = None

    def _prepared(self, text: str) -> tuple[re.Pattern[str], str]:
        lowered = text.lower()
        if len(lowered) == len(text):
            if self._lower is None:
                self._lower = re.compile(self.pattern)
            return self._lower, lowered
        if self._folding is None:
            self._folding = re.compile(self.pattern, re.IGNORECASE)
        return self._folding, text

    def search(self, text: str) -> tuple[int, int] | None:
        """The span of the first phrase in the text, if any."""
        pattern, subject = self._prepared(text)
        match = pattern.search(subject)
        return match.span() if match else None

    def finditer(self, text: str) -> list[tuple[int, int]]:
        """The spans of every phrase in the text, left to right, not overlapping."""
        pattern, subject = self._prepared(text)
        return [match.span() for match in pattern.finditer(subject)]

    def fullmatch(self, text: str) -> bool:
        """Whether the whole text is one of the phrases."""
        pattern, subject = self._prepared(text)
        return pattern.fullmatch(subject) is not None
