"""Sources found further from their cue, for the sourcing map only: a passive's agent, a group
before its verb, the subject a coordinated verb or a participle goes on from, the owner of a
noun cue, or a document that opens the sentence.
"""

from __future__ import annotations

import re

from lint.sourcing.grammar import (
    NOT_OPENING,
    OPENING_NAME,
    agent_pattern,
    compiled,
    group_before_pattern,
)
from lint.sourcing.lexicon import NAME_PATTERN, Lexicon
from lint.sourcing.sources import clean_source, pronoun_resolved

# "let players know", "hear aspiring writers read": the group does, it does not report
_CAUSATIVE = frozenset(
    [
        *("let", "lets", "make", "makes", "made", "help", "helps", "helped", "hear", "heard"),
        *("see", "saw", "watch", "watched"),
    ]
)
_PARTICIPLES = frozenset(["written", "seen", "shown", "known", "told", "said", "made", "given"])
# "Trump unleashed a series of tweets early Friday saying ...": these report without a comma
_REPORTING_PARTICIPLES = frozenset(["saying", "telling", "calling", "claiming", "arguing"])
# "Fiorina was upfront about her distaste for Trump, saying ...": the subject speaks
_PARTICIPLE_CLAUSE = re.compile(r"(?:,|\bby)\s+$")
# A verb that goes on from the sentence's subject: "Giles attempted ... and said", "Kasich
# cautioned ... before predicting".
_COORDINATED = re.compile(r"\b(?:and|but|before|after|then|while)\s+(?:[a-z]+ly\s+)?$")
# Whose the noun cue is: "Christie's Nov. 14 speech", "Mr. Pence used his keynote speech".
_POSSESSOR = (
    rf"(?:({NAME_PATTERN})[’']s?|\b([Hh]is|[Hh]er|[Tt]heir))\s+"
    r"(?:(?!(?:to|of|a|an|the|in|on|for|by|with|from|at|about)\s)[\w.-]+\s+){0,3}$"
)
_SUBJECT_BEFORE = (
    rf"{NOT_OPENING}(?!(?:What|Which|Who|Why|How|Where)\b)({NAME_PATTERN})\s+(?:[a-z]+\s+){{1,3}}$"
)
# A document cue that opens its sentence, with its article and modifiers
_DOCUMENT_OPENING = r"[\"“‘']?((?:The|A|An|Its|Their)\s+(?:(?!(?:a|an|the)\s)[\w/&.’'-]+\s+){0,3})$"


def source_further(
    body: str, cue: tuple[int, int], last_source: str | None, lexicon: Lexicon
) -> str | None:
    """For the map only, the source of a cue with none next to it (see ``_verb_source`` and
    ``_possessor``). These sources never let a sentence cover its paragraph: many are groups
    ("analysts say") or sit in a subordinate clause, which name no one a claim can rest on.
    """
    noun = body[cue[0] : cue[1]].split()[0].lower()
    documents = lexicon.documents
    document = noun in documents or noun.removesuffix("s") in documents  # "after reports"
    if noun in lexicon.noun_cues or document:
        found = _possessor(body, cue)
        if found is None and document:
            found = _document(body, cue)
    else:
        found = _verb_source(body, cue, lexicon)
    if found is None:  # the name that opens the sentence as the subject of its verb
        opening = compiled(OPENING_NAME).match(body, 0, cue[0])
        found = opening.group(1) if opening else None
    return pronoun_resolved(clean_source(found, lexicon), last_source)


def _verb_source(body: str, cue: tuple[int, int], lexicon: Lexicon) -> str | None:
    """The source of a verb cue that has none next to it: a passive's agent, a plural group
    just before it, or the subject of the verb it is coordinated with or that a participle
    after a comma goes on from."""
    words = body[cue[0] : cue[1]].split()
    last = words[-1].lower()
    if last.endswith("ed") or last in _PARTICIPLES:
        agent = compiled(agent_pattern(lexicon.group_nouns)).match(body, cue[1])
        if agent:
            return agent.group(1)
    group = compiled(group_before_pattern(lexicon.group_nouns)).search(body, 0, cue[0])
    if group and not _CAUSATIVE.intersection(body[: group.end(1)].lower().split()[-3:-1]):
        return group.group(1)
    clause = last.endswith("ing") and (
        _PARTICIPLE_CLAUSE.search(body, 0, cue[0]) or last in _REPORTING_PARTICIPLES
    )
    if clause or _COORDINATED.search(body, 0, cue[0]):
        opening = compiled(OPENING_NAME).match(body, 0, cue[0])
        if opening:
            return opening.group(1)
    return None


def _document(body: str, cue: tuple[int, int]) -> str | None:
    """A document cue that opens its sentence, with its article and modifiers: "The survey
    found", "A new CNN/ORC poll shows". One met later ("He issued a statement") is not the
    source but what the source put out."""
    found = compiled(_DOCUMENT_OPENING).match(body, 0, cue[0])
    return found.group(1) + body[cue[0] : cue[1]].split()[0] if found else None


def _possessor(body: str, cue: tuple[int, int]) -> str | None:
    """The owner of a noun cue: a name with "'s", or the sentence's subject a "his" or "her"
    refers to. A "his" with no subject before it is left unresolved: on PolNeAR train the last
    source named was its owner only a third of the time."""
    owner = compiled(_POSSESSOR).search(body, 0, cue[0])
    if owner is None:
        return None
    if owner.group(1):
        return owner.group(1)
    subject = compiled(_SUBJECT_BEFORE).search(body, 0, owner.start())
    return subject.group(1) if subject else None
