"""The one result record every check produces, and its severities."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.StrEnum):
    """How serious a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Numeric rank for comparisons against a fail level."""
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

CATEGORIES = ("spelling", "names", "terms", "attribution", "style", "grammar")


class Applicability(enum.StrEnum):
    """Whether a finding's fix may be applied without a person looking (as ruff's fixes)."""

    SAFE = "safe"  # from the house's own data (a swap, a ruled-out variant): ``--fix`` applies it
    UNSAFE = "unsafe"  # inferred (a near miss, a suggestion): only with ``--unsafe-fixes``
    DISPLAY = "display-only"  # no single replacement, or a rule that is not to be fixed


@dataclass(frozen=True, slots=True)
class ArchivedText:
    """What in the house archive an archive check compared the finding with: the archived
    article (its key, date and file URI when it is a file) and, for a quotation, the
    paragraph it is in."""

    article: str
    date: str | None = None
    text: str | None = None
    uri: str | None = None

    def as_json(self) -> dict[str, str | None]:
        """The JSON outputs' ``archived`` object."""
        return {"article": self.article, "date": self.date, "text": self.text, "uri": self.uri}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at ``[start, end)`` character offsets of a document's text."""

    rule: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    match: str
    replacements: tuple[str, ...] = ()
    link: str | None = field(default=None, compare=False)
    applicability: Applicability = Applicability.DISPLAY
    signal: str | None = None  # for a claim: the id of the claim signal that fired
    archived: ArchivedText | None = field(default=None, compare=False)  # an archive check's

    @property
    def fixable(self) -> bool:
        """Whether the finding has one replacement its rule lets be applied (safe or not)."""
        return self.applicability is not Applicability.DISPLAY

    def sort_key(self) -> tuple[int, int, str]:
        """Order findings by position, then rule id."""
        return (self.start, self.end, self.rule)

    def __reduce__(self) -> tuple[type[Finding], tuple[object, ...]]:
        # rebuilt through the constructor: several times faster to unpickle than a frozen
        # dataclass's slot state, which counts when workers send back thousands of findings
        return (
            Finding,
            (
                self.rule,
                self.category,
                self.severity,
                self.message,
                self.start,
                self.end,
                self.match,
                self.replacements,
                self.link,
                self.applicability,
                self.signal,
                self.archived,
            ),
        )
