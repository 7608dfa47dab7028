"""What a formatter receives: the results, the rules that produced them, and display options."""

from __future__ import annotations

from dataclasses import dataclass

from lint.findings import Finding
from lint.results import FileResult, RuleInfo, SourceText


@dataclass(frozen=True)
class Span:
    """1-based line and column of a finding's start and (exclusive) end."""

    line: int
    column: int
    end_line: int
    end_column: int


def span_of(source: SourceText, finding: Finding) -> Span:
    """Line and column of a finding, derived from its character offsets."""
    line, column = source.lines.position(finding.start)
    end_line, end_column = source.lines.position(finding.end)
    return Span(line, column, end_line, end_column)


@dataclass
class Report:
    """The input to every formatter: the results, each with its own context, and how to show
    them."""

    results: list[FileResult]
    color: bool = False
    quiet: bool = False  # findings only: no summary line

    @property
    def rules(self) -> dict[str, RuleInfo]:
        """Every rule that ran on any of the results, by id."""
        return {rule_id: info for r in self.results for rule_id, info in r.rules.items()}


def replacement_hint(message: str, replacements: tuple[str, ...]) -> str:
    """`` (did you mean 'X'?)`` unless the message already names the first replacement."""
    if not replacements or f"'{replacements[0]}'" in message:
        return ""
    return f" (did you mean '{replacements[0]}'?)"
