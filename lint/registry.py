"""The explicit table of rule kinds: which fields each takes and which function checks it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from lint.checks import archive, attribution, basic, consistency, names, spelling, terms
from lint.document import Document
from lint.findings import Finding
from lint.rule import Context, Rule
from lint.sourcing.lexicon import compile_attribution
from lint.yamlsource import Node

CheckFunction = Callable[[Document, Rule, Context], Iterator[Finding]]
CompileFunction = Callable[[dict[str, Node], Node], Any]


@dataclass(frozen=True)
class Kind:
    """A rule kind: its own YAML fields, how to compile them, and its check function."""

    name: str
    fields: frozenset[str]
    required: frozenset[str]
    compile: CompileFunction
    check: CheckFunction


def _kind(
    name: str, fields: set[str], required: set[str], compile: CompileFunction, check: CheckFunction
) -> Kind:
    return Kind(name, frozenset(fields), frozenset(required), compile, check)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        _kind(
            "existence",
            {"tokens", "patterns", "ignorecase"},
            set(),
            basic.compile_existence,
            basic.check_existence,
        ),
        _kind(
            "substitution",
            {"swap", "ignorecase", "exceptions"},
            {"swap"},
            basic.compile_substitution,
            basic.check_substitution,
        ),
        _kind(
            "names",
            {"entries", "threshold", "as_of"},
            {"entries"},
            names.compile_names,
            names.check_names,
        ),
        _kind(
            "terms",
            {"entries", "as_of"},
            {"entries"},
            terms.compile_terms,
            terms.check_terms,
        ),
        _kind(
            "consistency",
            {"min_length"},
            set(),
            consistency.compile_consistency,
            consistency.check_consistency,
        ),
        _kind(
            "spelling",
            {"min_length", "accept"},
            set(),
            spelling.compile_spelling,
            spelling.check_spelling,
        ),
        _kind(
            "spelling-variants",
            {"report"},
            set(),
            spelling.compile_variants,
            spelling.check_variants,
        ),
        _kind(
            "attribution",
            {"report", "lexicon"},
            {"report", "lexicon"},
            compile_attribution,
            attribution.check_attribution,
        ),
        _kind(
            "archive-names",
            set(),
            set(),
            archive.compile_archive_names,
            archive.check_archive_names,
        ),
        _kind(
            "archive-quotes",
            {"report"},
            {"report"},
            archive.compile_archive_quotes,
            archive.check_archive_quotes,
        ),
    )
}
