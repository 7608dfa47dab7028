"""Cues: where a sentence's attribution cue is ("said", "according to"), and whether a cue
found by the word list counts there.
"""

from __future__ import annotations

import re

from lint.sourcing.lexicon import Lexicon, fold
from lint.sourcing.quotations import has_quote_mark, quote_regions


def first_cue(body: str, lexicon: Lexicon) -> tuple[int, int] | None:
    """The cue of a sentence: the first outside its quotations, else the first inside.

    A cue inside a not-cue phrase ("showed up") is not one, nor is a capitalised cue inside
    the sentence, which is part of a name or title ("the Mobile Data Association", "Most
    Wanted"), unless the sentence is a title-case headline. A cue inside a quotation ("'I
    think we will win,' she said") is the speaker's word, not the attribution.
    """
    cue = lexicon.cue.search(body)
    if cue is None:
        return None
    quoted = quote_regions(body, 0, len(body)) if has_quote_mark(body, 0, cue[0]) else []
    headline = title_case(body) if body[cue[0]].isupper() else False
    if not inside_any(cue, quoted) and _counts(body, cue, lexicon, headline):
        return cue
    headline = title_case(body)
    found = [c for c in lexicon.cue.finditer(body) if _counts(body, c, lexicon, headline)]
    outside = [c for c in found if not inside_any(c, quoted)]
    chosen = outside or found
    return chosen[0] if chosen else None


def inside_any(span: tuple[int, int], regions: list[tuple[int, int]]) -> bool:
    """Whether a span lies strictly within one of the regions."""
    return any(start < span[0] and span[1] < end for start, end in regions)


def _counts(body: str, cue: tuple[int, int], lexicon: Lexicon, headline: bool) -> bool:
    """Whether a cue found in a sentence is one here: not in a not-cue phrase or a name, nor
    a label before a colon ("Analysis: ...")."""
    if not headline and _named(body, cue):
        return False
    if body.startswith(":", cue[1]) and fold(body[: cue[1]]) in lexicon.labels:
        return False
    return not in_not_cue(body, cue, lexicon)


def in_not_cue(body: str, cue: tuple[int, int], lexicon: Lexicon) -> bool:
    """Whether a cue lies inside one of the lexicon's not-cue phrases ("talks continued")."""
    if lexicon.not_cue is None or " ".join(body[cue[0] : cue[1]].lower().split()) not in (
        lexicon.not_cue_holds
    ):
        return False
    # a not-cue phrase holding the cue lies within reach of it
    offset = max(0, cue[0] - lexicon.not_cue_reach)
    near = body[offset : cue[1] + lexicon.not_cue_reach]
    return any(
        s + offset <= cue[0] and cue[1] <= e + offset for s, e in lexicon.not_cue.finditer(near)
    )


_NEXT_WORD = re.compile(r"\s+([\w&])")


def _named(body: str, cue: tuple[int, int]) -> bool:
    """Whether a cue is inside a name: capitalised after the sentence's first word, and followed
    by a capitalised word ("the Mobile Data Association"). A name that ends with the cue is
    a source ("the ABC News Poll found").
    """
    if not body[cue[0]].isupper() or not body[: cue[0]].strip(" \"“‘'([-—"):
        return False
    after = _NEXT_WORD.match(body, cue[1])
    return after is not None and (after.group(1).isupper() or after.group(1) == "&")


def title_case(body: str) -> bool:
    """Whether three words in four of a sentence are capitalised, as in a headline."""
    words = [w for w in body.split() if w[:1].isalpha()]
    return len(words) > 1 and sum(w[0].isupper() for w in words) * 4 >= len(words) * 3
