"""The small grammar the source finders share: the words around a source (auxiliaries,
prepositions, connectives, days), what opens a sentence, and the patterns built from a
lexicon's group nouns ("aides say", "opposed by House Republicans").

The larger patterns are kept as text and compiled on first use (``compiled``): they cost
several milliseconds to compile, which ``copydesk check`` (it rarely needs them) should not
pay at every start.
"""

from __future__ import annotations

import re
from functools import cache

from lint.sourcing.lexicon import NAME_PATTERN

compiled = cache(re.compile)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY = rf"(?:{'|'.join(day.capitalize() for day in WEEKDAYS)})"
# Words a capitalised-name pattern finds that name no one: the quoted speaker's own voice
# ("I think"), and times ("Donald Trump on Sunday tweeted").
NOT_NAMES = frozenset(["i", "we", "you", "it", "my", "our", "your", "me", "us", "do", *WEEKDAYS])
# Words that open a source but are not part of it: connectives, and "On Tuesday" before "Mr
# Ebbers said" (not "sunday", which opens newspapers' names)
LEADING = frozenset(
    [
        *("although", "however", "but", "and", "as", "while", "when", "after", "before", "if"),
        *("because", "then", "also", "so", "on"),
        *WEEKDAYS[:-1],
    ]
)
# between a source and its verb: "Clinton has not mentioned", "Trump has steadfastly refused",
# "he later said"
AUXILIARIES = r"(?:(?:has|had|have|also|not|never|once|later|again|[a-z]+ly)\s+){0,3}"
# "At the risk of stating ...": a cue after a preposition has no source before it
PREPOSITION = r"(?:of|for|to|in|on|at|by|with|from|about|into)\b"
VERB_WORDS = frozenset(
    [
        *("will", "would", "can", "could", "may", "might", "must", "should", "shall", "cannot"),
        *("is", "are", "was", "were", "be", "been", "being", "did", "does", "do"),
    ]
)
NO_SUBJECT = NOT_NAMES | {"the", "a", "an"}  # what would leave no source once cleaned
PASSIVE = frozenset(["was", "were", "is", "are", "been", "be"])
NOT_OPENING = (
    r"(?!(?:In|On|At|After|Before|During|Since|For|With|By|From|When|While|If|As|Although"
    r"|Despite|Under|Over|Asked|It|There|This|That|The|A|An|We|I|You|He|She|They|No|Yet|But|And"
    r"|So|Among|Following|Earlier|Later|Meanwhile|However|Still|Now|Then|Both|Along|Elsewhere|One"
    r"|Some|Many|Most|All|Each|Every|Other|Another)\b)"
)
# A name that opens a sentence as the subject of its verb: "Giles attempted ... and said"
OPENING_NAME = (
    rf"(?:[^,]{{1,60}},\s+)?{NOT_OPENING}({NAME_PATTERN})(?:\s+\([^)]{{1,40}}\))?(?:,[^,]{{1,120}},)?"
    r"\s+(?:[a-z]+ly\s+)?(?:has|had|have|is|was|will|would|can|could|[a-z]+ed|said|says|told)\b"
)
# titles between two names in a passive's agent: "by the club's chairman Ken Bates"
_TITLES = (
    r"(?:coach|manager|boss|chairman|chairwoman|chief|president|minister|secretary|leader"
    r"|captain|spokesman|spokeswoman|director|head|founder|editor|governor|senator)"
)


def without_connectives(words: list[str]) -> list[str]:
    """The words of a source after its leading connectives ("But", "And", "However") and days
    ("On Tuesday Mr Ebbers")."""
    while words and words[0].lower() in LEADING:
        words = words[1:]
    return words


@cache
def group_pattern(nouns: tuple[str, ...]) -> str:
    """A group of people named by one of the lexicon's plural ``group_nouns``, perhaps with a
    determiner and one modifier: "aides", "his advisers", "political analysts"."""
    plural = f"(?:{'|'.join(re.escape(noun) for noun in nouns)})"
    return (
        r"(?:(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Ss]ome|[Mm]any|[Mm]ost|[Ss]everal|[Oo]ther"
        r"|[Aa]\s+number\s+of|[Aa]\s+group\s+of|[Tt]he)\s+)?"
        r"(?:(?!(?:with|and|but|or|of|for|to|in|on|at|by|as|that|than|from|after|before|while"
        r"|when|if|because|who|which|where|do|does|did|can|will|would|should|could|may|might"
        r"|must|are|were|is|was|have|has|had)\s)[a-z][\w-]*\s+)?"
        rf"{plural}"
    )


@cache
def agent_pattern(nouns: tuple[str, ...]) -> str:
    """The agent of a passive cue: "opposed by House Republicans", "charged by the Greek
    authorities"."""
    plural = f"(?:{'|'.join(re.escape(noun) for noun in nouns)})"
    return (
        rf"\s+by\s+((?:the\s+)?{NAME_PATTERN}"
        rf"(?:\s+{_TITLES}\s+{NAME_PATTERN}|\s+(?:[a-z][\w-]*\s+)?{plural}\b)?"
        rf"|{group_pattern(nouns)})\b"
    )


@cache
def group_before_pattern(nouns: tuple[str, ...]) -> str:
    """A group just before its verb: "aides say", "political analysts say"."""
    return rf"(?<![\w’'-])({group_pattern(nouns)})\s+{AUXILIARIES}$"
