"""The generic kinds: ``existence`` (flag words or patterns), ``substitution`` (wrong -> right)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from lint.document import Document
from lint.findings import Applicability, Finding
from lint.phrases import PhraseIndex, match_case
from lint.rule import Context, Rule
from lint.saferegex import compile_user, finditer_bounded
from lint.yamlsource import Node, as_bool, as_list, as_str, as_str_list, expect_mapping


@dataclass(frozen=True)
class ExistenceOptions:
    """Compiled ``existence`` data: literal phrases and bounded user patterns."""

    phrases: PhraseIndex[str]
    patterns: tuple[regex.Pattern[str], ...]


@dataclass(frozen=True)
class SubstitutionOptions:
    """Compiled ``substitution`` data: wrong phrase -> right phrase."""

    swaps: PhraseIndex[str]
    exceptions: PhraseIndex[str]


def compile_pattern(node: Node, key: str, ignorecase: bool) -> regex.Pattern[str]:
    """Compile one user regex, reporting a bad one at its location."""
    text = as_str(node, key)
    try:
        return compile_user(text, ignorecase)
    except regex.error as exc:
        raise node.error(f"'{key}' has a regex that does not compile: {exc}") from None


def compile_existence(fields: dict[str, Node], rule_node: Node) -> ExistenceOptions:
    """Validate and compile the fields of an ``existence`` rule."""
    ignorecase = as_bool(fields["ignorecase"], "ignorecase") if "ignorecase" in fields else False
    phrases: PhraseIndex[str] = PhraseIndex()
    for token in as_str_list(fields["tokens"], "tokens") if "tokens" in fields else []:
        phrases.add(token, token, ignorecase)
    patterns = tuple(
        as_list(fields["patterns"], "patterns", lambda n, k: compile_pattern(n, k, ignorecase))
        if "patterns" in fields
        else []
    )
    if not len(phrases) and not patterns:
        raise rule_node.error("an existence rule needs 'tokens' or 'patterns'")
    return ExistenceOptions(phrases, patterns)


def check_existence(doc: Document, rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Flag every occurrence of the rule's phrases and patterns in the prose."""
    options: ExistenceOptions = rule.options
    for hit in options.phrases.find(doc):
        yield rule.finding(hit.start, hit.end, doc.text[hit.start : hit.end])
    for pattern in options.patterns:
        for match in finditer_bounded(pattern, doc.prose):
            start, end = match.span()
            if end > start and doc.prose[start:end].strip():
                yield rule.finding(start, end, doc.text[start:end])


def compile_substitution(fields: dict[str, Node], rule_node: Node) -> SubstitutionOptions:
    """Validate and compile the ``swap`` table of a ``substitution`` rule."""
    ignorecase = as_bool(fields["ignorecase"], "ignorecase") if "ignorecase" in fields else True
    swaps: PhraseIndex[str] = PhraseIndex()
    table = expect_mapping(fields["swap"], "'swap'")
    if not table:
        raise fields["swap"].error("'swap' must not be empty")
    for wrong, right_node in table.items():
        right = as_str(right_node, f"swap.{wrong}")
        if right.lower() == wrong.lower() and ignorecase:
            raise fields["swap"].key_error(wrong, f"'{wrong}' is swapped for itself")
        swaps.add(wrong, right, ignorecase)
    exceptions: PhraseIndex[str] = PhraseIndex()
    for phrase in as_str_list(fields["exceptions"], "exceptions") if "exceptions" in fields else []:
        exceptions.add(phrase, phrase)
    return SubstitutionOptions(swaps, exceptions)


def excepted_spans(index: PhraseIndex[str], doc: Document) -> list[tuple[int, int]]:
    """Spans of the document covered by exception phrases."""
    return [(hit.start, hit.end) for hit in index.find(doc)] if len(index) else []


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def check_substitution(doc: Document, rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Flag each wrong phrase, offering the right one in the same case."""
    options: SubstitutionOptions = rule.options
    skip = excepted_spans(options.exceptions, doc)
    for hit in options.swaps.find(doc):
        if _inside(skip, hit.start, hit.end):
            continue
        replacement = match_case(hit.payload, hit.text)
        if replacement != hit.text:
            yield rule.finding(
                hit.start,
                hit.end,
                doc.text[hit.start : hit.end],
                (replacement,),
                applicability=Applicability.SAFE,
            )
