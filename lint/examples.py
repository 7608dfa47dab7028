"""Running the ``examples`` a rule carries: ``bad`` texts must fire it, ``good`` ones must not."""

from __future__ import annotations

from lint.document import parse_document
from lint.engine import run_rules
from lint.rule import Context, Rule


def example_failures(rule: Rule, ctx: Context | None = None) -> list[str]:
    """A description of every example the rule gets wrong (empty when all hold)."""
    context = ctx or Context(language=rule.examples.language)
    failures = []
    for text in rule.examples.bad:
        if not _fires(rule, text, context):
            failures.append(f"{rule.id}: should fire on: {text!r}")
    for text in rule.examples.good:
        if _fires(rule, text, context):
            failures.append(f"{rule.id}: should not fire on: {text!r}")
    return failures


def _fires(rule: Rule, text: str, ctx: Context) -> bool:
    findings, _ = run_rules(parse_document(text, "<example>", "markdown"), [rule], ctx)
    return any(f.rule == rule.id for f in findings)
