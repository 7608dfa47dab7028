"""The ``consistency`` kind: a capitalised name written two close ways in one article."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from lint.checks.names import TITLES, could_be_misspelt_name
from lint.document import Document
from lint.findings import Finding, Severity
from lint.fuzzy import edits_allowed
from lint.lexicon import is_common_word, is_dictionary_word
from lint.phrases import match_case
from lint.rule import Context, Rule
from lint.yamlsource import Node, as_number

MIN_LENGTH = 5


@dataclass(frozen=True)
class ConsistencyOptions:
    """Compiled ``consistency`` data."""

    min_length: int = MIN_LENGTH


def compile_consistency(fields: dict[str, Node], rule_node: Node) -> ConsistencyOptions:
    """Validate the ``min_length`` option."""
    if "min_length" in fields:
        return ConsistencyOptions(int(as_number(fields["min_length"], "min_length", 3, 30)))
    return ConsistencyOptions()


def check_consistency(doc: Document, rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Report the rarer of two close spellings of a name, suggesting the commoner one."""
    options: ConsistencyOptions = rule.options
    occurrences = {  # token -> indexes of the words
        token: indexes
        for token, indexes in doc.capitalised_tokens.items()
        if len(token) >= options.min_length and token.isalpha()
    }
    words = doc.words
    counts = Counter({token: len(found) for token, found in occurrences.items()})
    first_seen = {token: found[0] for token, found in occurrences.items()}
    for rare, common, severity in _variant_pairs(counts, first_seen, ctx):
        if _different_people(
            _neighbours(doc, occurrences[rare]), _neighbours(doc, occurrences[common])
        ) or _side_by_side(doc, occurrences[rare], occurrences[common]):
            continue
        for index in occurrences[rare]:
            start = words[index][0]
            replacement = match_case(common, rare)
            yield rule.finding(
                start, start + len(rare), rare, (replacement,), severity=severity, canonical=common
            )


def _different_people(rare: set[tuple[int, str]], common: set[tuple[int, str]]) -> bool:
    """Whether the two spellings stand beside different names on the same side.

    "Jelena Jankovic" and "Elena Baltacha" are two people, not one name misspelt.
    """
    for side, name in rare:
        same_side = {n for s, n in common if s == side}
        if same_side and name not in same_side:
            return True
    return False


_JOINED = re.compile(r"\b(?:and|or|nor|with|v|vs|versus)\b|[,;&/]")


def _side_by_side(doc: Document, rare: list[int], common: list[int]) -> bool:
    """Whether the two spellings are coordinated in one sentence ("Ms Sinclair and Ms
    Sinclaire"): a writer does not slip on a name right beside its right spelling, so
    they are two names."""
    for a in rare:
        for b in common:
            lo, hi = sorted((doc.words[a], doc.words[b]))
            gap = doc.prose[lo[1] : hi[0]]
            if len(gap) <= _NEAR and not any(ch in gap for ch in ".!?\n") and _JOINED.search(gap):
                return True
    return False


_NEAR = 30  # characters between two coordinated names


def _neighbours(doc: Document, indexes: list[int]) -> set[tuple[int, str]]:
    """(side, word) for the names beside every occurrence of a token."""
    return {pair for index in indexes for pair in _adjacent_names(doc, index)}


def _adjacent_names(doc: Document, index: int) -> set[tuple[int, str]]:
    """(side, word) for capitalised words directly beside a word: a given name or surname."""
    return {
        (side, word)
        for side, word in doc.touching(index)
        if word[:1].isupper()
        and word.isalpha()
        and word not in TITLES
        and not is_dictionary_word(word.lower())
    }


def _variant_pairs(
    counts: Counter[str], first_seen: dict[str, int], ctx: Context
) -> Iterator[tuple[str, str, Severity]]:
    """(rarer, commoner, severity) for each pair of close spellings worth reporting.

    Of two spellings used equally often, the one first seen later is taken for the variant.
    """
    rank = {t: (-counts[t], first_seen[t]) for t in counts}
    tokens = sorted(counts, key=rank.__getitem__)
    suspects = [t for t in tokens if could_be_misspelt_name(t, ctx)]
    position = {token: i for i, token in enumerate(tokens)}
    lowered = [token.lower() for token in tokens]
    for rare in suspects:
        # candidates are the commoner spellings: those ranked before it, two edits at most
        hits = process.extract(
            rare.lower(), lowered[: position[rare]], scorer=OSA.distance, score_cutoff=2, limit=None
        )
        for _, distance, index in sorted(hits, key=lambda hit: (hit[1], hit[2])):
            common = tokens[index]
            if _plural_or_same(rare, common):
                continue
            if distance <= edits_allowed(min(len(rare), len(common))):
                yield rare, common, _severity(rare, common, counts, ctx)
                break


def _plural_or_same(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or a in (b + "s", b + "es") or b in (a + "s", a + "es")


def _severity(rare: str, common: str, counts: Counter[str], ctx: Context) -> Severity:
    """Warning when the commoner form is clearly the name; info when either could be right."""
    common_is_known = (
        common in ctx.known_names or is_dictionary_word(common) or is_common_word(common, 2.5)
    )
    if counts[common] > counts[rare] or common_is_known:
        return Severity.WARNING
    return Severity.INFO
