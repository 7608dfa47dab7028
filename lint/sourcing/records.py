"""The record of one sentence's sourcing: the public contract of ``copydesk sources``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SentenceInfo:
    """The sourcing of one sentence: the contract of ``copydesk sources``."""

    start: int
    end: int
    attributed: bool
    needs_attribution: bool
    cue: str | None
    source: str | None
    quote: tuple[int, int] | None = None
    claim: tuple[int, int] | None = None
    signal: str | None = None  # the id of the claim signal that fired
    learned: bool = False  # the cue is the learned model's (see ``learned_cue``)
    unvoiced: bool = False  # in a quotation whose only cues are its own words: no speaker
    # what gives the sentence its source: "cue" (its own), "quotation" (the quotation it
    # belongs to), "colon lead-in", "neighbour", "paragraph opener"; None when nothing does
    covered_by: str | None = None
    # "reporter", "first person" (the writer's own view) or "note" (the publication's own);
    # None where the checks did not need to know (an analysis that is not ``complete``)
    voice: str | None = None
    # why a claim has no source: "none", "turn", "list-item" or "next-only" (see
    # ``lint.sourcing.coverage.uncovered_reason``)
    uncovered: str | None = None
