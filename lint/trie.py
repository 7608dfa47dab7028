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
