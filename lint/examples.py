"""Running the ``examples`` a rule carries: ``bad`` texts must fire it, ``good`` ones must not."""

from __future__ import annotations

from lint.document import parse_document
from lint.engine import run_rules
from lint.rule import Context, Rule
from lint.sourcing.lexicon import AttributionOptions
from lint.sourcing.signals import ClaimSignals, signal_hits


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
    options = rule.options
    if isinstance(options, AttributionOptions) and options.report == "unattributed-claim":
        failures += signal_failures(options.lexicon.claims)
    return failures


def signal_failures(signals: ClaimSignals) -> list[str]:
    """Every example a claim signal gets wrong: it must fire on ``bad`` texts, not ``good``."""
    failures = []
    for signal in signals.signals:
        for text in signal.examples.bad:
            if not signal_hits(signals, text, signal.id):
                failures.append(f"claim signal {signal.id}: should fire on: {text!r}")
        for text in signal.examples.good:
            if signal_hits(signals, text, signal.id):
                failures.append(f"claim signal {signal.id}: should not fire on: {text!r}")
    return failures


def _fires(rule: Rule, text: str, ctx: Context) -> bool:
    findings, _ = run_rules(parse_document(text, "<example>", "markdown"), [rule], ctx)
    return any(f.rule == rule.id for f in findings)
