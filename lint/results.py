"""What checking one article produced, with the context that produced it: the findings, the
source text and its line index, the rules that ran and the fail level that judges them.

Outputs read only this: a formatter never goes back to the configuration or the document
model after linting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from lint.document import Document, Format, LineIndex
from lint.findings import Finding, Severity
from lint.rule import Examples, Rule


@dataclass(frozen=True)
class RuleInfo:
    """What an output needs to know of a rule: its id, category, severity, description, link
    and examples (shown on hover)."""

    id: str
    category: str
    severity: Severity
    description: str
    link: str | None = None
    examples: Examples = field(default_factory=Examples)

    @classmethod
    def of(cls, rule: Rule) -> RuleInfo:
        """The output-facing facts of a rule."""
        return cls(
            rule.id, rule.category, rule.severity, rule.description, rule.link, rule.examples
        )


def rule_infos(rules: Iterable[Rule]) -> dict[str, RuleInfo]:
    """The rules that ran, by id."""
    return {rule.id: RuleInfo.of(rule) for rule in rules}


@dataclass(frozen=True)
class SourceText:
    """An article's text as read, with its path, format and line index."""

    path: str
    text: str
    format: Format

    @classmethod
    def of(cls, doc: Document) -> SourceText:
        """The source text of a parsed document."""
        return cls(doc.path, doc.text, doc.format)

    @cached_property
    def lines(self) -> LineIndex:
        """The line index of the text."""
        return LineIndex(self.text)

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path, "text": self.text, "format": self.format}  # not the index

    def __setstate__(self, state: dict[str, object]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)


@dataclass
class FileResult:
    """What checking one article produced (findings, or the error that stopped it) and the
    context that produced it: the source text, the rules that ran and the fail level."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    source: SourceText | None = None
    rules: Mapping[str, RuleInfo] = field(default_factory=dict)
    fail_level: str = "warning"

    def fails(self, fail_level: str | None = None) -> bool:
        """Whether a finding reaches the fail level (``fail_level``, else the result's own)."""
        level = fail_level or self.fail_level
        if level == "never":
            return False
        threshold = Severity(level).rank
        return any(f.severity.rank >= threshold for f in self.findings)
