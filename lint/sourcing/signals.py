"""Claim signals: the named reasons a sentence needs a source ("a figure", "a forecast", "a
cause"), read from a lexicon's ``claims`` list and searched as one guarded pattern.

A signal is a mapping with an ``id``, what it looks for and what rules it out:

- ``phrases``: words or phrases, matched whole and without case (``{number}`` stands for a
  number in figures or words); ``match_case: true`` matches them as written;
- ``after``: words one of which must come just before a phrase (and is part of the match);
- ``patterns``: short regular expressions, for what a list cannot say;
- ``recogniser``: a built-in recogniser (``figure``: see ``lint.sourcing.figures``);
- ``unless_before`` / ``unless_after``: words or phrases just before or after that cancel it;
- ``unless_soon_after``: words that cancel it when one of the next three words or the
  fourth is one of them ("because of a knee injury");
- ``examples``: sentences on which it must (``bad``) and must not (``good``) fire.

A plain string in the list is a pattern of its own, named ``claims-N`` by its position.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import regex

from lint.exampletexts import read_examples
from lint.guard import GuardedPattern, GuardScan, opens_with_boundary
from lint.rule import Examples
from lint.saferegex import compile_user, search_bounded
from lint.sourcing.figures import FIGURE_PATTERN, is_claim_figure
from lint.trie import trie_alternation
from lint.yamlsource import Node, as_bool, as_str, as_str_list, check_keys

Recogniser = Callable[[str, int, int], bool]  # text, match start, end: whether it counts
RECOGNISERS: dict[str, tuple[str, Recogniser]] = {"figure": (FIGURE_PATTERN, is_claim_figure)}

SIGNAL_KEYS = {
    "id",
    "description",
    "phrases",
    "match_case",
    "after",
    "patterns",
    "recogniser",
    "unless_before",
    "unless_after",
    "unless_soon_after",
    "examples",
}
MAX_PATTERN = 120  # characters: a longer pattern is one a newsroom cannot read; use lists
_NUMBER = r"(?:\d[\d,.]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few)"
_SOON = 3  # words that may come between a signal and an ``unless_soon_after`` word
_GROUP = "cdsig"  # the named group of signal k is ``cdsig{k}``


@dataclass(frozen=True)
class ClaimSignal:
    """One named claim signal, compiled to the regex source of its group."""

    id: str
    description: str
    source: str  # the signal's pattern, without its group
    recogniser: Recogniser | None = None
    examples: Examples = field(default_factory=Examples)
    bounded: bool = False  # the pattern opens with ``\\b``: it shares one with the others


@dataclass(frozen=True)
class SignalHit:
    """A claim signal found in a sentence: which one, and where (document offsets)."""

    signal: str
    start: int
    end: int


@dataclass(frozen=True)
class ClaimSignals:
    """A lexicon's claim signals and the one pattern that searches for all of them."""

    signals: tuple[ClaimSignal, ...]
    pattern: GuardedPattern

    def scan(self, text: str) -> SignalScan:
        """The signals' view of one document."""
        return SignalScan(self, self.pattern.scan(text))

    def by_id(self, signal: str) -> ClaimSignal:
        """The signal with this id."""
        return next(s for s in self.signals if s.id == signal)


@dataclass(frozen=True)
class SignalScan:
    """Claim signals searched in the sentences of one document."""

    signals: ClaimSignals
    scan: GuardScan

    def first(self, start: int, end: int) -> SignalHit | None:
        """The first signal in ``text[start:end]`` that a recogniser does not rule out."""
        if not self.scan.may_match(start, end):
            return None
        return next(self._hits(self.scan.text[start:end], start), None)

    def _hits(self, body: str, offset: int) -> Iterator[SignalHit]:
        pattern = self.scan.guarded.pattern
        at = 0
        while at <= len(body):
            match = search_bounded(pattern, body, at)
            if match is None:
                return
            for k, signal in enumerate(self.signals.signals):
                if match.start(f"{_GROUP}{k}") < 0:
                    continue
                if _in_a_title(body, match.start()):
                    break  # "the comedy Because of Winn-Dixie": part of a name or a title
                if signal.recogniser is None or signal.recogniser(body, *match.span()):
                    yield SignalHit(signal.id, offset + match.start(), offset + match.end())
                break
            at = match.start() + 1


def _in_a_title(body: str, start: int) -> bool:
    """Whether a signal's first word is capitalised inside its sentence, as in a title."""
    return body[start].isupper() and any(ch.isalnum() for ch in body[:start])


def signal_hits(signals: ClaimSignals, text: str, signal: str) -> list[tuple[int, int]]:
    """Every place one signal fires in a text (to test its examples)."""
    found = signals.by_id(signal)
    pattern = compile_user(found.source, ignorecase=True)
    return [
        m.span()
        for m in pattern.finditer(text)
        if found.recogniser is None or found.recogniser(text, *m.span())
    ]


def compile_signals(node: Node) -> ClaimSignals:
    """The ``claims`` list of a lexicon compiled; errors name the line of the bad entry."""
    if not isinstance(node.value, list):
        raise node.error("'claims' must be a list")
    signals: list[ClaimSignal] = []
    for k, item in enumerate(node.value, 1):
        if isinstance(item.value, str):
            pattern = _checked(item, as_str(item, "claims"))
            signal = ClaimSignal(f"claims-{k}", f"claim pattern {k}", pattern)
        else:
            signal = _signal(item)
        if any(s.id == signal.id for s in signals):
            raise item.error(f"claim signal '{signal.id}' is defined twice")
        signals.append(signal)
    # "\b(?:a|b)" tests the boundary once per position, not once per signal
    shared = [f"(?P<{_GROUP}{k}>{s.source[2:]})" for k, s in enumerate(signals) if s.bounded]
    others = [f"(?P<{_GROUP}{k}>{s.source})" for k, s in enumerate(signals) if not s.bounded]
    parts = ([rf"\b(?:{'|'.join(shared)})"] if shared else []) + others
    compiled = compile_user(f"(?:{'|'.join(parts)})" if parts else "(?!)", ignorecase=True)
    return ClaimSignals(tuple(signals), GuardedPattern.build(compiled))


def _signal(item: Node) -> ClaimSignal:
    fields = check_keys(item, SIGNAL_KEYS, {"id"}, "a claim signal")
    ident = as_str(fields["id"], "id")
    if not regex.fullmatch(r"[a-z][a-z0-9-]*", ident):
        raise fields["id"].error("a claim signal's 'id' is lowercase letters, digits and '-'")
    lists: dict[str, list[str]] = {
        key: as_str_list(fields[key], key)
        for key in ("phrases", "after", "unless_before", "unless_after", "unless_soon_after")
        if key in fields
    }
    cores = []
    if "phrases" in lists:
        case = "match_case" in fields and as_bool(fields["match_case"], "match_case")
        phrases = lists["phrases"]
        cores.append(f"(?-i:{'|'.join(map(_phrase, phrases))})" if case else alternation(phrases))
    cores += [_checked(p, as_str(p, "patterns")) for p in _items(fields.get("patterns"))]
    recogniser = None
    if "recogniser" in fields:
        name = as_str(fields["recogniser"], "recogniser")
        if name not in RECOGNISERS:
            known = ", ".join(sorted(RECOGNISERS))
            raise fields["recogniser"].error(f"unknown recogniser '{name}' (known: {known})")
        pattern, recogniser = RECOGNISERS[name]
        cores.append(pattern)
    if not cores:
        raise item.error(f"claim signal '{ident}' needs phrases, patterns or a recogniser")
    source = _wrapped("|".join(cores), lists, word=recogniser is None)
    try:
        compile_user(source, ignorecase=True)
    except regex.error as exc:
        raise item.error(f"claim signal '{ident}' does not compile: {exc}") from None
    return ClaimSignal(
        id=ident,
        description=(
            as_str(fields["description"], "description")
            if "description" in fields
            else f"claim signal '{ident}'"
        ),
        source=source,
        recogniser=recogniser,
        examples=read_examples(fields["examples"]) if "examples" in fields else Examples(),
        bounded=opens_with_boundary(source),
    )


def _items(node: Node | None) -> list[Node]:
    if node is None:
        return []
    if isinstance(node.value, str):
        return [node]
    if not isinstance(node.value, list):
        raise node.error("'patterns' must be a list")
    return list(node.value)


def _checked(node: Node, pattern: str) -> str:
    """A pattern of a signal, refused when it is too long to read or does not compile."""
    if len(pattern) > MAX_PATTERN:
        raise node.error(
            f"a claim pattern of {len(pattern)} characters (at most {MAX_PATTERN}): "
            "say it with phrases and 'unless_' lists"
        )
    try:
        compile_user(pattern, ignorecase=True)
    except regex.error as exc:
        raise node.error(f"'claims' has a regex that does not compile: {exc}") from None
    return pattern


def _phrase(phrase: str) -> str:
    """A phrase as a regex: its words escaped, any spacing between them, ``{number}`` a number."""
    return r"\s+".join(_NUMBER if w == "{number}" else regex.escape(w) for w in phrase.split())


def phrase_pattern(phrases: list[str]) -> regex.Pattern[str]:
    """Phrases (``{number}`` a number) found whole and without case, as one pattern."""
    return compile_user(rf"\b(?:{alternation(phrases)})\b", ignorecase=True)


def alternation(phrases: list[str]) -> str:
    """Phrases (matched without case) as one trie-shaped alternation; those opening with
    ``{number}`` share it."""
    numbered = [p.split(None, 1)[1] for p in phrases if p.startswith("{number} ")]
    elsewhere = [p for p in phrases if "{number}" in p and not p.startswith("{number} ")]
    plain = [p for p in phrases if "{number}" not in p]
    parts = [trie_alternation(plain)] if plain else []
    if numbered:
        parts.append(rf"{_NUMBER}\s+(?:{trie_alternation(numbered)})")
    return "|".join(parts + [_phrase(p) for p in elsewhere])


def _wrapped(core: str, lists: dict[str, list[str]], word: bool) -> str:
    """The signal's core with its required words before it and its exceptions around it.

    The words that rule a signal out before it are tested after the core has matched, as a
    lookbehind over both: a lookbehind tried first would run at every word of every sentence.
    """
    if "after" in lists:
        core = rf"(?:{alternation(lists['after'])})\s+(?:{core})"
    body = rf"(?:{core})\b" if word else rf"(?:{core})"
    guards = ""
    if "unless_before" in lists:
        words = alternation(lists["unless_before"])
        guards += rf"(?<!\b(?:{words})\s+{body})"
    if "unless_after" in lists:
        words = alternation(lists["unless_after"])
        guards += rf"(?!(?:\s+|\s*-\s*)(?:{words})\b)"
    if "unless_soon_after" in lists:
        words = alternation(lists["unless_soon_after"])
        guards += rf"(?!(?:\s+[\w'’-]+){{0,{_SOON}}}?\s+(?:{words})\b)"
    return rf"\b{body}{guards}" if word else rf"{body}{guards}"
