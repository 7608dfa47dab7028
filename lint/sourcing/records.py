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
    learned: bool = False  # the cue is the learned model's (see ``learned_cue``)
    unvoiced: bool = False  # in a quotation whose only cues are its own words: no speaker
