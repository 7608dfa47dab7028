"""What a formatter receives: the results, the rules that produced them, and display options."""

from __future__ import annotations

from dataclasses import dataclass, field

from lint.document import Document
from lint.engine import FileResult
from lint.findings import Finding
from lint.rule import Rule


@dataclass(frozen=True)
class Span:
    """1-based line and column of a finding's start and (exclusive) end."""

    line: int
    column: int
    end_line: int
    end_column: int


def span_of(doc: Document, finding: Finding) -> Span:
    """Line and column of a finding, derived from its character offsets."""
    line, column = doc.lines.position(finding.start)
    end_line, end_column = doc.lines.position(finding.end)
    return Span(line, column, end_line, end_column)


@dataclass
class Report:
    """The input to every formatter."""

    results: list[FileResult]
    rules: dict[str, Rule] = field(default_factory=dict)
    color: bool = False


def replacement_hint(message: str, replacements: tuple[str, ...]) -> str:
    """`` (did you mean 'X'?)`` unless the message already names the first replacement."""
    if not replacements or f"'{replacements[0]}'" in message:
        return ""
    return f" (did you mean '{replacements[0]}'?)"
