"""The ``terms`` kind: titles and fixed phrases, matched fuzzily at phrase level."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from lint.document import Document
from lint.findings import Applicability, Finding
from lint.phrases import PhraseIndex, match_case
from lint.rule import Context, Rule
from lint.words import strip_possessive
from lint.yamlsource import Node, as_list, as_str, as_str_list, check_keys

ENTRY_KEYS = {"term", "forms", "wrong", "note"}
_PARTS = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class TermEntry:
    """A term, the other forms that are correct, and house substitutions."""

    term: str
    forms: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    note: str | None = None


@dataclass
class TermsOptions:
    """Compiled ``terms`` data: exact house substitutions and a component index for fuzzy lookup."""

    entries: list[TermEntry]
    wrong: PhraseIndex[str]
    correct: frozenset[str]
    by_component: dict[str, list[tuple[int, TermEntry]]]
    sizes: dict[str, int]  # components in each term
    as_of: str | None = None
    _verdicts: dict[str, str | None] = field(default_factory=dict)


def normalise(text: str) -> str:
    """Lowercase with hyphens and runs of space folded to one space."""
    return _PARTS.sub(" ", text.lower()).strip()


def compile_terms(fields: dict[str, Node], rule_node: Node) -> TermsOptions:
    """Validate entries and index each term under its components."""
    entries = as_list(fields["entries"], "entries", _entry)
    if not entries:
        raise fields["entries"].error("'entries' must not be empty")
    wrong: PhraseIndex[str] = PhraseIndex()
    correct: set[str] = set()
    for entry in entries:
        correct.add(normalise(entry.term))
        correct.update(normalise(f) for f in entry.forms)
        for suffix in ("s", "'s", "’s", "s'"):
            correct.add(normalise(entry.term + suffix))
    by_component: dict[str, list[tuple[int, TermEntry]]] = {}
    sizes: dict[str, int] = {}
    for node, entry in zip(fields["entries"].value, entries, strict=True):
        for variant in entry.wrong:
            if normalise(variant) in correct:
                raise node.error(f"wrong variant '{variant}' is also a correct form")
            wrong.add(variant, entry.term, ignorecase=False)
        sizes[entry.term] = len(normalise(entry.term).split())
        for position, component in enumerate(normalise(entry.term).split()):
            if len(component) >= 3:
                by_component.setdefault(component, []).append((position, entry))
    as_of = as_str(fields["as_of"], "as_of") if "as_of" in fields else None
    return TermsOptions(entries, wrong, frozenset(correct), by_component, sizes, as_of)


def _entry(node: Node, key: str) -> TermEntry:
    fields = check_keys(node, ENTRY_KEYS, {"term"}, "terms entry")
    return TermEntry(
        term=as_str(fields["term"], "term"),
        forms=tuple(as_str_list(fields["forms"], "forms")) if "forms" in fields else (),
        wrong=tuple(as_str_list(fields["wrong"], "wrong")) if "wrong" in fields else (),
        note=as_str(fields["note"], "note") if "note" in fields else None,
    )


def check_terms(doc: Document, rule: Rule, ctx: Context) -> Iterator[Finding]:
    """Report house substitutions, then phrases one edit away from a term."""
    options: TermsOptions = rule.options
    taken: list[tuple[int, int]] = []
    for hit in options.wrong.find(doc):
        taken.append((hit.start, hit.end))
        yield rule.finding(
            hit.start,
            hit.end,
            doc.text[hit.start : hit.end],
            (hit.payload,),
            applicability=Applicability.SAFE,
        )
    for start, end in _candidate_spans(doc, options):
        text = strip_possessive(doc.text[start:end])
        end = start + len(text)
        if any(a < end and start < b for a, b in taken):
            continue
        term = _near_term(text, options)
        if term is not None:
            taken.append((start, end))
            yield rule.finding(
                start,
                end,
                text,
                (match_case(term, text),),
                applicability=Applicability.SAFE,  # a listed title, one edit away
                canonical=term,
            )


def _candidate_spans(doc: Document, options: TermsOptions) -> list[tuple[int, int]]:
    """Runs of adjacent words that put a word's part where that component sits in a term."""
    by_component = options.by_component
    keys = doc.key_set
    anchors = (keys & by_component.keys()) | {
        key for key in keys if "-" in key and not by_component.keys().isdisjoint(key.split("-"))
    }
    spans: set[tuple[int, int]] = set()
    for key, indexes in doc.positions_of(anchors).items() if anchors else ():
        parts = key.split("-")
        for k, part in enumerate(parts):
            # words before and after the anchor, per term it may sit in: many terms share one
            shapes = {
                (position - k, options.sizes[entry.term] - position - (len(parts) - k))
                for position, entry in by_component.get(part, ())
            }
            for before, after in shapes:
                for j in indexes:
                    span = _aligned_span(doc, j, before, after)
                    if span is not None:
                        spans.add(span)
    return sorted(spans)


def _aligned_span(doc: Document, j: int, before: int, after: int) -> tuple[int, int] | None:
    """Word ``j`` with whole words holding exactly ``before`` components before it and ``after``
    after it, with nothing but space between them; None when no such run exists."""
    keys, words, prose = doc.keys, doc.words, doc.prose
    first = last = j
    while before > 0:
        first -= 1
        if first < 0 or prose[words[first][1] : words[first + 1][0]].strip():
            return None
        before -= keys[first].count("-") + 1
    while after > 0:
        last += 1
        if last >= len(words) or prose[words[last - 1][1] : words[last][0]].strip():
            return None
        after -= keys[last].count("-") + 1
    if before < 0 or after < 0:
        return None
    return words[first][0], words[last][1]


def _near_term(text: str, options: TermsOptions) -> str | None:
    if text in options._verdicts:
        return options._verdicts[text]
    verdict: str | None = None
    key = normalise(text)
    if key not in options.correct:
        components = key.split()
        for position, component in enumerate(components):
            for term_position, entry in options.by_component.get(component, ()):
                if term_position != position:
                    continue
                target = normalise(entry.term)
                if len(target.split()) == len(components) and OSA.distance(key, target) == 1:
                    verdict = entry.term
                    break
            if verdict:
                break
    options._verdicts[text] = verdict
    return verdict
