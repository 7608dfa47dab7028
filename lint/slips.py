"""How likely a written word is a slip of another: typing errors weighted by how often they occur.

A slip is one or two small edits. The edits people make most when typing or spelling from
memory cost least: two neighbours swapped ("importnat"), a key beside the intended one
("Kfemlin"), a letter doubled or a double letter dropped ("truthfull", "Rusia"), one vowel for
another ("origanal"). Other insertions, deletions and substitutions cost a whole edit, and an
edit of the first letter costs a little more, since writers rarely get the first letter wrong.
"""

from __future__ import annotations

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = frozenset("aeiouy")

TRANSPOSE = 0.6
NEIGHBOUR_KEY = 0.7
VOWEL_FOR_VOWEL = 0.8
DOUBLED = 0.5  # a letter typed twice, or one of a double letter left out
DROPPED_VOWEL = 0.8  # a vowel left out, or one typed in excess
OTHER = 1.0
FIRST_LETTER = 0.3  # added to an edit of a word's first letter
CHEAPEST_EDIT = min(TRANSPOSE, NEIGHBOUR_KEY, VOWEL_FOR_VOWEL, DOUBLED, DROPPED_VOWEL, OTHER)
NAME_ENDING = 0.5  # added when one name is the other with a letter more at the end


def _neighbours() -> dict[str, frozenset[str]]:
    """Keys touching each letter on a QWERTY keyboard, whose rows are staggered."""
    offsets = (0.0, 0.25, 0.75)
    where = {
        ch: (col + offsets[row], row)
        for row, keys in enumerate(_ROWS)
        for col, ch in enumerate(keys)
    }
    return {
        ch: frozenset(
            other
            for other, (ox, oy) in where.items()
            if other != ch
            and ((oy == y and abs(ox - x) == 1) or (abs(oy - y) == 1 and abs(ox - x) <= 0.75))
        )
        for ch, (x, y) in where.items()
    }


NEIGHBOURS = _neighbours()


def substitution_cost(meant: str, typed: str, vowels: float = VOWEL_FOR_VOWEL) -> float:
    """The cost of typing ``typed`` where ``meant`` was intended."""
    if typed in NEIGHBOURS.get(meant, ()):
        return NEIGHBOUR_KEY
    if meant in _VOWELS and typed in _VOWELS:
        return vowels
    return OTHER


def _extra_cost(written: str, i: int) -> float:
    """The cost of the letter ``written[i]`` being typed in excess."""
    ch = written[i]
    if (i > 0 and written[i - 1] == ch) or (i + 1 < len(written) and written[i + 1] == ch):
        return DOUBLED
    beside = {written[j] for j in (i - 1, i + 1) if 0 <= j < len(written)}
    if beside & NEIGHBOURS.get(ch, frozenset()):
        return NEIGHBOUR_KEY
    return DROPPED_VOWEL if ch in _VOWELS else OTHER


def _missing_cost(meant: str, j: int) -> float:
    """The cost of the letter ``meant[j]`` being left out."""
    ch = meant[j]
    if (j > 0 and meant[j - 1] == ch) or (j + 1 < len(meant) and meant[j + 1] == ch):
        return DOUBLED
    return DROPPED_VOWEL if ch in _VOWELS else OTHER


def name_slip_cost(written: str, meant: str) -> float:
    """``slip_cost`` for a name: names differ from each other by a vowel (Callum, Callam) or
    an ending (Jacob, Jacoba) far more often than they are mistyped that way."""
    cost = slip_cost(written, meant, vowels=OTHER)
    short, long = sorted((written, meant), key=len)
    if len(long) == len(short) + 1 and long.startswith(short) and long[-1] != short[-1]:
        cost += NAME_ENDING
    return cost


def slip_cost(written: str, meant: str, vowels: float = VOWEL_FOR_VOWEL) -> float:
    """The weighted edit distance (optimal string alignment) from ``meant`` to ``written``.

    Both are compared as given (lowercase them first). 0 for the same word; about 0.5 to 1
    for one typical slip, about 2 for two ordinary edits. ``vowels`` is the cost of one vowel
    typed for another.
    """
    n, m = len(written), len(meant)
    extra = [_extra_cost(written, i) for i in range(n)]
    missing = [_missing_cost(meant, j) for j in range(m)]
    extra[0:1] = [c + FIRST_LETTER for c in extra[0:1]]
    missing[0:1] = [c + FIRST_LETTER for c in missing[0:1]]
    previous2: list[float] = []
    previous = [0.0] * (m + 1)
    for j in range(m):
        previous[j + 1] = previous[j] + missing[j]
    for i in range(1, n + 1):
        a = written[i - 1]
        current = [previous[0] + extra[i - 1]]
        first = FIRST_LETTER if i == 1 else 0.0
        for j in range(1, m + 1):
            b = meant[j - 1]
            if a == b:
                best = previous[j - 1]
            else:
                edge = first or (FIRST_LETTER if j == 1 else 0.0)
                best = previous[j - 1] + substitution_cost(b, a, vowels) + edge
            inserted = previous[j] + extra[i - 1]
            dropped = current[j - 1] + missing[j - 1]
            best = min(best, inserted, dropped)
            if i > 1 and j > 1 and a == meant[j - 2] and written[i - 2] == b and a != b:
                best = min(best, previous2[j - 2] + TRANSPOSE + (FIRST_LETTER if i == 2 else 0))
            current.append(best)
        previous2, previous = previous, current
    return previous[m]
