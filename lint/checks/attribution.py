"""The ``attribution`` kind: unattributed claims and quotes and vague sources, reported from
the sourcing map that ``lint.sourcing`` builds once per document."""

from __future__ import annotations

from collections.abc import Iterator

from lint.document import Document
from lint.findings import Finding
from lint.rule import Context, Rule
from lint.saferegex import finditer_bounded
from lint.sourcing.analysis import analyse
from lint.sourcing.lexicon import AttributionOptions, Lexicon
from lint.sourcing.quotations import quotation_around

# what was looked at, for each reason a claim has no source (``uncovered_reason``)
UNCOVERED = {
    "none": "no source in this sentence, the one before or after it, "
    "or an opening sentence of its paragraph",
    "turn": 'it turns to the reporter\'s own voice ("However, ..."), '
    "so the source in the sentence before does not carry over",
    "list-item": "it is an item of a list, and the sources of the items around it "
    "do not carry over",
    "next-only": "the source in the next sentence does not carry back to a claim before it",
}


def _vague_sources(prose: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """The vague sources of a text, from the phrase list and the patterns, in order; where two
    overlap ("experts say" in "some experts say"), the one that starts first, else the longer.
    """
    found = list(lexicon.vague.finditer(prose))
    for pattern in lexicon.vague_patterns:
        found.extend(m.span() for m in finditer_bounded(pattern, prose))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda span: (span[0], -span[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def check_attribution(doc: Document, rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Report what the rule's ``report`` names, from the shared sentence analysis."""
    options: AttributionOptions = rule.options
    text = doc.text
    if options.report == "vague-source":
        for start, end in _vague_sources(doc.prose, options.lexicon):
            yield rule.finding(start, end, text[start:end])
        return
    infos = analyse(doc, options.lexicon, complete=False)
    reported: set[tuple[int, int]] = set()  # quotations reported: once each
    for i, info in enumerate(infos):
        # a quotation whose only cues are its own words ("I think ...") still has no speaker
        if options.report == "unattributed-quote" and info.quote is not None:
            if info.attributed and not info.unvoiced:
                continue
            near = (infos[j] for j in (i - 1, i + 1) if 0 <= j < len(infos))
            if not any(n.cue and not n.learned and not n.unvoiced for n in near):
                start, end = info.quote
                quotation = quotation_around(doc, start)
                if quotation not in reported:
                    reported.add(quotation)
                    yield rule.finding(start, end, text[start:end])
        elif (
            options.report == "unattributed-claim"
            and not info.attributed
            and info.needs_attribution
            and info.quote is None
        ):
            signal = options.lexicon.claims.by_id(info.signal) if info.signal else None
            yield rule.finding(
                info.start,
                info.end,
                text[info.start : info.end],
                signal=info.signal,
                type=signal.description if signal else "a claim",
                detail=UNCOVERED[info.uncovered or "none"],
            )
