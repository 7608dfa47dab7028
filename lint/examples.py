"""Running the ``examples`` a rule carries: ``bad`` texts must fire it, ``good`` ones must not."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from lint.config import load_config
from lint.document import parse_document
from lint.engine import run_rules
from lint.rule import Context, Rule
from lint.sourcing.lexicon import AttributionOptions
from lint.sourcing.signals import ClaimSignals, signal_hits


def example_failures(rule: Rule, ctx: Context | None = None) -> list[str]:
    """A description of every example the rule gets wrong (empty when all hold)."""
    context = ctx or Context(language=rule.examples.language)
    if rule.examples.archive:
        with example_archive(rule.examples.archive, context) as with_archive:
            return _failures(rule, with_archive)
    return _failures(rule, context)


def _failures(rule: Rule, context: Context) -> list[str]:
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


@contextmanager
def example_archive(texts: tuple[str, ...], context: Context) -> Iterator[Context]:
    """``context`` checking against an archive index of ``texts`` (a temporary file), with
    the shipped attribution rule for the speakers of quotations."""
    from lint.memory.build import SourceArticle, build_index
    from lint.memory.lookup import open_archive

    config = load_config(None)
    lexicon = context.lexicon_rule or next(
        (r for r in config.rules if r.kind == "attribution"), None
    )
    with tempfile.TemporaryDirectory(prefix="copydesk-examples-") as folder:
        path = Path(folder) / "archive.sqlite"
        articles = [SourceArticle(f"example-{i}", t, "markdown") for i, t in enumerate(texts, 1)]
        build_index(path, articles, config)
        yield replace(context, archive=open_archive(path), lexicon_rule=lexicon)


def _fires(rule: Rule, text: str, ctx: Context) -> bool:
    findings, _ = run_rules(parse_document(text, "<example>", "markdown"), [rule], ctx)
    return any(f.rule == rule.id for f in findings)
