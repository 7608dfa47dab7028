"""The learned cue model's pass: attribution for plain sentences the word lists do not
cover, and doubt about noun cues in sentences that need no source.
"""

from __future__ import annotations

from dataclasses import replace

from lint.cuemodel import CueModel
from lint.sourcing.cues import first_cue, in_not_cue
from lint.sourcing.further import source_further
from lint.sourcing.lexicon import Lexicon
from lint.sourcing.quotations import quotation_spans
from lint.sourcing.records import SentenceInfo
from lint.sourcing.sources import clean_source, pronoun_resolved, source_near


def learned_cue(
    info: SentenceInfo, body: str, last_source: str | None, lexicon: Lexicon, model: CueModel
) -> SentenceInfo:
    """A sentence that needs no source, attributed if the learned model finds its cue.

    The model decides only sentences with neither a claim nor a quotation, and its cues cover
    no other sentence: every finding stays the rules' own, explained by the lexicon a newsroom
    can read and edit. The model only tells the map which plain sentences report someone's
    account ("Clinton championed the plan").
    """

    # a word the pack lists inside a not-cue phrase ("talks continued") is no cue here either
    found = model.best_cue(
        body, lambda: quotation_spans(body), lambda span: not in_not_cue(body, span, lexicon)
    )
    if found is None:
        return info
    cue = found[:2]
    source = clean_source(source_near(body, cue, lexicon), lexicon)
    if source is None:
        source = source_further(body, cue, last_source, lexicon)
    else:
        source = pronoun_resolved(source, last_source)
    return replace(info, attributed=True, cue=body[cue[0] : cue[1]], source=source, learned=True)


def doubted(body: str, cue: str, lexicon: Lexicon, model: CueModel) -> bool:
    """Whether the model overrules a noun cue in a sentence that needs no source: "The poll
    of 1,000 voters was taken on Thursday" reports no one's account. A noun cue counts there
    only if the model also reads it as a cue; verbs ("said") always count, and in a sentence
    with a claim or a quotation the lexicon alone decides.
    """
    if cue.lower() not in lexicon.noun_cues:
        return False
    span = first_cue(body, lexicon)
    if span is None:
        return False
    probability = model.probability_at(body, span[0], lambda: quotation_spans(body))
    return probability is not None and probability < model.threshold
