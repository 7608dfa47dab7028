"""The rule record shared by the pack loader, the checks and the outputs."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from lint.findings import Applicability, ArchivedText, Finding, Severity

if TYPE_CHECKING:
    from lint.memory.lookup import HouseArchive


@dataclass(frozen=True)
class Examples:
    """Texts on which a rule must fire (``bad``) and must stay silent (``good``)."""

    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()
    language: str = "auto"  # the house language the examples are written for
    archive: tuple[str, ...] = ()  # archived articles an archive rule's examples are run on


@dataclass(frozen=True)
class Context:
    """Settings a check may read, resolved from configuration before checking starts."""

    language: str = "auto"
    accept: frozenset[str] = frozenset()
    reject: frozenset[str] = frozenset()
    accept_patterns: tuple[Any, ...] = ()
    known_names: frozenset[str] = frozenset()
    archive: HouseArchive | None = None  # the house archive's index (``lint.memory``)
    lexicon_rule: Rule | None = None  # the attribution rule whose sourcing map checks share


@dataclass(frozen=True)
class Rule:
    """One rule of a pack: common fields plus the compiled, kind-specific ``options``."""

    id: str
    kind: str
    severity: Severity
    category: str
    message: str
    description: str
    link: str | None = None
    fixable: bool = True
    examples: Examples = Examples()
    options: Any = None
    source: str = ""
    line: int = 0

    def with_severity(self, severity: Severity) -> Rule:
        """A copy of this rule with another severity."""
        return replace(self, severity=severity)

    def finding(
        self,
        start: int,
        end: int,
        match: str,
        replacements: tuple[str, ...] = (),
        severity: Severity | None = None,
        applicability: Applicability = Applicability.UNSAFE,
        signal: str | None = None,
        archived: ArchivedText | None = None,
        **fields: str,
    ) -> Finding:
        """Build a finding of this rule, rendering its message template. Its fix is
        ``applicability`` (unsafe unless the check says the house's data made it) when the
        rule allows fixing and there is one replacement, else display-only."""
        values = {"match": match, "replacement": replacements[0] if replacements else "", **fields}
        fixable = self.fixable and len(replacements) == 1
        return Finding(
            rule=self.id,
            category=self.category,
            severity=severity or self.severity,
            # one line, whatever the matched text holds (a title wrapped over two lines)
            message=" ".join(render_message(self.message, values).split()),
            start=start,
            end=end,
            match=match,
            replacements=replacements,
            link=self.link,
            applicability=applicability if fixable else Applicability.DISPLAY,
            signal=signal,
            archived=archived,
        )


_SENTENCE_END = re.compile(r"[.!?][\"”')]*(?=\s+[\"“(]?[A-Z]|\s*$)")


def first_sentence(text: str) -> str:
    """The first sentence of a description, whole, on one line (however the YAML wrapped it)."""
    flat = " ".join(text.split())
    end = _SENTENCE_END.search(flat)
    return flat[: end.end()] if end else flat


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def render_message(template: str, values: dict[str, str]) -> str:
    """Fill ``{field}`` placeholders; unknown fields render empty."""
    return string.Formatter().vformat(template, (), _Blank(values))


def template_fields(template: str) -> list[str]:
    """The placeholder names a message template uses."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
