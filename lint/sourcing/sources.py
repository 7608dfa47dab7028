"""Sources: who a cue attributes a sentence to ("the minister", "Mr Howard", "aides"),
found before or after the cue, resolved through pronouns to the last named source, and
cleaned of connectives and stray words.
"""

from __future__ import annotations

import re

from lint.guard import GuardScan
from lint.sentences import Sentence
from lint.sourcing.cues import first_cue
from lint.sourcing.grammar import (
    AUXILIARIES,
    DAY,
    NO_SUBJECT,
    NOT_NAMES,
    OPENING_NAME,
    PASSIVE,
    PREPOSITION,
    VERB_WORDS,
    agent_pattern,
    compiled,
    without_connectives,
)
from lint.sourcing.lexicon import NAME_PATTERN, Lexicon, fold


def pronoun_resolved(source: str | None, last_source: str | None) -> str | None:
    """A cleaned source, with a pronoun referred back to the last source named."""
    if source in (_PRONOUN, _PLURAL_PRONOUN):
        return _refer_back(last_source, plural=source == _PLURAL_PRONOUN)
    return source


def resolve_sources(
    local: list[tuple[str | None, str | None]],
    units: list[Sentence],
    text: str,
    people: list[str | None] | None = None,
) -> tuple[list[str | None], list[str | None]]:
    """Each sentence's own source with pronouns resolved, and the last source named by it.

    ``people`` holds, per sentence without a source, the person it introduces as its subject
    ("Ruth Lonsdale, 54, has waited two years"): a later "she said" means that person.
    """
    own: list[str | None] = []
    latest: list[str | None] = []
    last: str | None = None
    for i, (_, source) in enumerate(local):
        if source == _PLURAL_PRONOUN:
            source = _refer_back(last, plural=True) or _named_group(units, i, text)
        elif source == _PRONOUN:
            source = _refer_back(last, plural=False)
        elif source:
            last = source
        elif people is not None and people[i]:
            last = people[i]
        own.append(source)
        latest.append(last)
    return own, latest


# Two people named as the subject of a sentence ("Blinken and Lammy arrived"), whom a later
# "they" can mean though neither was quoted.
_NAMED_GROUP = re.compile(rf"\b({NAME_PATTERN}\s+and\s+{NAME_PATTERN})(?=\s+[a-z])")


def _named_group(units: list[Sentence], i: int, text: str) -> str | None:
    """The group a plural pronoun refers to: two people named in the sentence before it."""
    if i == 0:
        return None
    before = units[i - 1]
    found = _NAMED_GROUP.search(text, before.start, before.end)
    if found is None:
        return None
    return " ".join(without_connectives(found.group(1).split())) or None


def local_attribution(
    text: str, sentence: Sentence, sources: list[GuardScan], lexicon: Lexicon
) -> tuple[str | None, str | None]:
    """A sentence's own cue and source: a source pattern's match, else the first cue and the
    source beside it; (None, None) when it has no cue."""
    for scan in sources:
        match = scan.search(sentence.start, sentence.end)
        if match and fold(match.groupdict().get("source") or "") not in lexicon.labels:
            source = match.groupdict().get("source")
            if source and match.start("source") > 0:  # "Fishermen in Stromness said"
                head = _SUBJECT_HEAD.fullmatch(
                    text, sentence.start, sentence.start + match.start("source")
                )
                source = head.group(0) + source if head else source
            return match.group(0).strip(), clean_source(source, lexicon)
    body = text[sentence.start : sentence.end]
    cue = first_cue(body, lexicon)
    if cue is None:
        return None, None
    source = clean_source(source_near(body, cue, lexicon), lexicon)
    noun = body[cue[0] : cue[1]].split()[0]
    if source and noun.lower() in _RECORDS and body[: cue[0]].rstrip().endswith(source):
        source = f"{source} {noun}"  # "Board papers show": the papers are the source
    named = _APPOSITION.match(body, cue[1]) if body[cue[0] : cue[1]].lower() in _SPOKES else None
    if named is None and source and source.split()[0] in _OWNERS:
        at = body.find(source)  # "Its chief executive, Ken Murphy, said"
        named = _APPOSITION.match(body, at + len(source)) if at >= 0 else None
    if named:  # "Its spokesman, Dmitry Peskov, said"
        source = named.group(1)
    if source is None:  # "In his opinion, ...": the cue's own pronoun refers back
        owner = next(
            (w for w in body[cue[0] : cue[1]].split() if lexicon.pronoun.fullmatch(w)), None
        )
        source = clean_source(owner, lexicon)
    return body[cue[0] : cue[1]], source


# The head of a subject whose name ends it: "Fishermen in Stromness", "Officials at the Treasury"
_SUBJECT_HEAD = re.compile(
    r"(?!(?:In|On|At|After|Before|During|Since|For|With|By|From|When|While|If|As|Earlier|Later"
    r"|Speaking|Meanwhile|But|And|So|Yet|The)\b)[A-Z][a-z]+(?:\s+[a-z]+){0,2}"
    r"\s+(?:in|at|from|of|for|with)\s+(?:the\s+)?"
)
_SPOKES = frozenset(["spokesman", "spokeswoman", "spokesperson"])
# documents that a cue opens with ("papers show"): a name before one names whose they are
_RECORDS = frozenset(["papers", "documents", "records", "minutes", "accounts", "filings"])
_OWNERS = frozenset(["Its", "His", "Her", "Their"])
_APPOSITION = re.compile(rf",\s+({NAME_PATTERN}),")

_PRONOUN = "\0pronoun"
_PLURAL_PRONOUN = "\0plural pronoun"
_PLURAL = frozenset(["they", "their", "them"])


def _refer_back(last_source: str | None, plural: bool) -> str | None:
    """The source a pronoun refers to: the last named one, if its number agrees."""
    if last_source is None or not plural:
        return last_source
    words = last_source.split()
    group = " and " in last_source or (words[-1].endswith("s") and not words[-1][0].isupper())
    led = words[0].lower() in ("both", "the", "two", "three", "many", "several", "some")
    return last_source if group or (led and words[-1].endswith("s")) else None


_SOURCE_BEFORE = re.compile(
    rf"({NAME_PATTERN}|\b(?:[Hh]e|[Ss]he|[Tt]hey)\b"
    rf"|\b(?:[Tt]he|[Bb]oth)\s+(?:(?!{PREPOSITION})[\w’'-]+\s+){{0,2}}(?!{PREPOSITION})[a-z][\w-]*"
    # "Ukraine's foreign minister said"
    rf"|{NAME_PATTERN}[’']s\s+(?:[a-z][\w-]*\s+){{0,2}}[a-z][\w-]*)"
    rf"(?:\s+(?:on|late|early|last)\s+{DAY}(?:\s+(?:morning|afternoon|evening|night))?)?"
    rf"\s+{AUXILIARIES}$"
)
_SOURCE_AFTER = re.compile(
    rf"\s+((?:(?!{PREPOSITION}|the\b|an?\b)[a-z0-9/][\w/-]*\s+){{0,2}}{NAME_PATTERN}"
    r"|the\s+[\w-]+(?:\s+[\w-]+)?)"
)
_INVERTED = re.compile(r"[,\"”’']\s*$")  # '"...," said the minister': the source follows
# '"...," the RNC member said', '"...," Jeff Weaver, Sanders' campaign manager, said': the
# words between a quotation and its cue name the speaker
_AFTER_QUOTE = re.compile(
    r"[,?!—-]\s*(?:[\"”’]|'')\s+((?:[^\s\"“”]+\s+){0,11}?[^\s\"“”]+?),?"
    rf"\s+{AUXILIARIES}$"
)
_CLAUSE_WORDS = frozenset(["and", "but", "or", "then", "while", "as", "because", "when", "who"])
# The sentence's opening noun phrase as the source of a verb it leads to, perhaps across an
# apposition: "Rep. Meeks, chairman of the caucus, said", "A union of flight attendants endorsed".
_OPENING_SUBJECT = re.compile(
    r"(?!(?:In|On|At|After|Before|During|Since|For|With|By|From|When|While|If|As|Although|Despite"
    r"|Under|Over|Asked|It|There|This|We|I|You|He|She|They|No|Yet|Among|Following|Earlier|Later)\b)"
    r"((?:[A-Z][\w.'’-]*|[Tt]he|[Aa]n?)"
    r"(?:\s+(?!(?:to|that|who|which|is|was|are|were|will|would|has|have|had|and|does|do|did|not"
    r"|never|meanwhile|however)\b)(?![\w.'’-]*n[’']t\b)[\w(][\w.'’()&-]*){0,6})"
    rf"(?:(?:,[^,\"“”]{{1,120}}){{1,4}},)?\s+{AUXILIARIES}$"
)
_DETERMINERS = frozenset(["a", "an", "the", "of", "for", "to", "in", "on"])


# the auxiliary of a progressive cue: "Trump is once again questioning", "isn't saying"
_PROGRESSIVE = re.compile(
    r"\s+(?:is|are|was|were|has\s+been|have\s+been|had\s+been)(?:n[’']t)?"
    r"(?:\s+(?:not|once\s+again|again|now|still|also|[a-z]+ly))*\s*$"
)


def _opening_subject(body: str, cue: tuple[int, int], lexicon: Lexicon) -> str | None:
    """The noun phrase that opens a sentence and leads to its cue, if the cue is a verb.

    A headline ("Howard dismisses Tory tax fears") has no closing stop and no subject to name.
    """
    if (
        body.rstrip()[-1:] not in ".!?\"”'’"
        or body[cue[0] : cue[1]].split()[0].lower() in lexicon.noun_cues
    ):
        return None
    end = cue[0]
    if body[cue[0] : cue[1]].split()[-1].endswith("ing"):  # "Donald Trump is warning"
        progressive = _PROGRESSIVE.search(body, 0, cue[0])
        end = progressive.start() if progressive else end
    opening = _OPENING_SUBJECT.match(body, 0, end)
    if opening is None or opening.group(1).split()[-1].lower() in _DETERMINERS:
        return None
    return opening.group(1)


def source_near(body: str, cue: tuple[int, int], lexicon: Lexicon) -> str | None:
    """The source written beside a cue, before it ("the minister said"), as the sentence's
    opening subject, or after it ('"...," said the minister'); None if there is none."""
    before = _SOURCE_BEFORE.search(body, 0, cue[0])
    if before:
        return _mended(body, cue, before.group(1), lexicon)
    opening = _opening_subject(body, cue, lexicon)
    if opening:
        return _mended(body, cue, opening, lexicon)
    speaker = _AFTER_QUOTE.search(body, 0, cue[0])
    if (
        speaker
        and body[cue[0] : cue[1]].split()[0].lower() not in lexicon.noun_cues  # "a BT spokesman"
        and _CLAUSE_WORDS.isdisjoint(speaker.group(1).lower().split())
    ):
        return _mended(body, cue, speaker.group(1), lexicon)
    if not _INVERTED.search(body, 0, cue[0]) or body[cue[0] : cue[1]].endswith("ing"):
        # "said the plan was sound", "..., arguing the move was needed": what follows is
        # what was said
        return None
    after = _SOURCE_AFTER.match(body, cue[1])
    return after.group(1) if after else None


def _mended(body: str, cue: tuple[int, int], phrase: str, lexicon: Lexicon) -> str:
    """A phrase found before a cue, mended: with the noun cue it modifies ("The party
    spokesman"), the agent of a passive ("The bill was opposed by the House"), the subject
    of a coordinated verb ("Giles attempted to reach the campaign and said"), or cut at its
    first auxiliary or modal ("the review will conclude"). A source is named either way, so
    what the sentence covers stays the same."""
    words = phrase.split()
    noun = body[cue[0] : cue[1]].split()[0]
    if noun.lower() in lexicon.noun_cues and words[0].lower() == "the" and phrase[4:].islower():
        return f"{phrase} {noun}"  # "The new survey": the words before a noun cue modify it
    found = None
    if words[-1] in PASSIVE:
        found = compiled(agent_pattern(lexicon.group_nouns)).match(body, cue[1])
    elif words[-1] in ("and", "but", "or", "then"):
        found = compiled(OPENING_NAME).match(body, 0, cue[0])
    if found:
        return found.group(1)
    cut = next((k for k, word in enumerate(words) if k and word in VERB_WORDS), None)
    kept = without_connectives(words[:cut]) if cut is not None else []
    if kept and kept[-1].lower() not in NO_SUBJECT:
        return " ".join(words[:cut])  # "the review will conclude", "Coaches should let players"
    return phrase


_CONTRACTED = frozenset(["", "let", "he", "she", "it", "that", "there", "what", "who", "here"])
_CONTRACTION = re.compile(r"([A-Za-z]{1,4})[’'](?:s|ve|d|ll|re|m)")
_ADVERBS = frozenset(["also", "still"])
_LONE_WORDS = frozenset(["the", "a", "an", "this", "that", "these", "those", "by", "so"])


def clean_source(source: str | None, lexicon: Lexicon) -> str | None:
    """Drop sentence connectives from a source; a pronoun refers back to the last source."""
    if not source:
        return None
    words = without_connectives(source.split())
    for at, word in enumerate(words[1:], start=1):
        if word in _ADVERBS:  # "The 32-year-old also", "Obama still": the subject ends there
            words = words[:at]
            break
    if not words or (len(words) == 1 and words[0].lower() in _LONE_WORDS):
        return None  # "A study by ... found": "A" names no one
    contracted = _CONTRACTION.fullmatch(words[0]) if len(words) == 1 else None
    if contracted and (  # "He's supported", "I've said": the pronoun before the contraction
        lexicon.pronoun.fullmatch(contracted.group(1)) or contracted.group(1).lower() in NOT_NAMES
    ):
        words = [contracted.group(1)]
    if len(words) == 1 and lexicon.pronoun.fullmatch(words[0]):
        return _PLURAL_PRONOUN if words[0].lower() in _PLURAL else _PRONOUN
    last = words[-1]
    if len(last) > 4 and last.endswith(".") and last[:-1].isalpha():
        words[-1] = last[:-1]  # '"...," said Mulgrew.': the sentence's stop, not an initial
    elif last[-2:] in ("’s", "'s") and last[:-2].lower() not in _CONTRACTED:
        words[-1] = last[:-2]  # "Christie's speech": the speech is Christie's
    if words[-1].lower() in NOT_NAMES:  # "Thursday's figures" are no one's
        return None
    return " ".join(words)
