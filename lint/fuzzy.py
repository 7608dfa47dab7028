"""Candidate lookup for near-miss spellings: a deletion index, then exact verification.

Every key is indexed under its deletion variants (up to ``max_edits`` characters removed).
A query shares a variant with every key within that many insertions, deletions or
substitutions, and adjacent transpositions, so lookups are a few dictionary probes
instead of a scan over all keys; rapidfuzz then verifies each candidate.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz.distance import OSA


def deletions(word: str, max_edits: int) -> set[str]:
    """The word and every string made by deleting up to ``max_edits`` characters."""
    variants = {word}
    frontier = {word}
    for _ in range(min(max_edits, len(word) - 1)):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        variants |= frontier
    return variants


def edits_allowed(length: int) -> int:
    """Edits tolerated for a word of this length: one, or two for long words."""
    return 2 if length >= 10 else 1


class DeletionIndex:
    """Keys (lowercased) indexed for near-miss lookup within an edit budget."""

    def __init__(self, keys: Iterable[str] = (), max_edits: int = 2) -> None:
        self._variants: dict[str, set[str]] = {}
        self.keys: set[str] = set()
        self.max_edits = max_edits
        for key in keys:
            self.add(key)

    def add(self, key: str) -> None:
        """Index one key."""
        key = key.lower()
        if key in self.keys:
            return
        self.keys.add(key)
        for variant in deletions(key, min(self.max_edits, edits_allowed(len(key)))):
            self._variants.setdefault(variant, set()).add(key)

    def near(self, word: str, widen: bool = False) -> list[tuple[str, int]]:
        """Keys within the edit budget of ``word`` (excluding itself), closest first.

        With ``widen``, keys that share a variant one deletion away on each side are also
        verified, up to two edits: a wider net for suggestions, at the same lookup cost.
        """
        word = word.lower()
        budget = min(self.max_edits, edits_allowed(len(word)))
        candidates: set[str] = set()
        for variant in deletions(word, budget):
            candidates |= self._variants.get(variant, set())
        found = []
        for key in candidates:
            if key == word:
                continue
            limit = 2 if widen else min(budget, edits_allowed(len(key)))
            distance = OSA.distance(word, key, score_cutoff=limit)
            if distance <= limit:
                found.append((key, distance))
        return sorted(found, key=lambda item: (item[1], item[0]))
