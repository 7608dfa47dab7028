"""Keys that find near spellings of a name without scanning the names table.

A spelling is filed under itself and every string made by deleting one letter (two, for a
spelling of nine letters or more), in lower case. Two spellings within the edits a lookup
allows (one, or two from nine letters) share a key, so a lookup reads only the spellings
filed under the keys of the word it asks about, whatever the size of the archive; the edit
distance then decides.
"""

from __future__ import annotations

LONG_NAME = 9  # from this length two edits are allowed, and two letters deleted
MAX_NAME = 40  # a longer "name" is filed and looked up under itself alone


def allowed_edits(spelling: str) -> int:
    """How many edits apart a near spelling may be."""
    return 2 if len(spelling) >= LONG_NAME else 1


def neighbour_keys(spelling: str) -> set[str]:
    """The keys a spelling is filed and looked up under."""
    word = spelling.lower()
    keys = {word}
    if len(word) > MAX_NAME:
        return keys  # its keys would grow with the square of its length
    frontier = {word}
    for _ in range(allowed_edits(spelling)):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        keys |= frontier
    return keys
