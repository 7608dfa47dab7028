"""Spelling quality and speed: BBC false alarms (en-GB), misspelling-list detection, throughput.

Usage: python bench/spelling_quality.py [--list]

Data: BBC News dataset (Greene and Cunningham 2006); Wikipedia's list of common misspellings
(CC BY-SA 3.0); the Aspell test set (Roger Mitton). All read from ../shared.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import MISSPELLINGS, bbc_articles, require, sentence_of, word_count
from lint.config import load_config
from lint.document import parse_document
from lint.engine import run_rules
from lint.typos import lowercase_verdict

# Genuine typos in the BBC corpus: findings on these count as found, not as false alarms.
GENUINE = {"anyhting", "currentily", "noteboook", "surprisngly"}


def bbc(show: bool) -> None:
    """Spelling findings per 1,000 words on edited copy (default configuration), and speed."""
    rules, ctx = load_config(None).rules_for(None)
    rules = [r for r in rules if r.category == "spelling"]
    docs = [(p, t, parse_document(t, str(p), "text")) for p, t in bbc_articles()]
    words = sum(word_count(t) for _, t, _ in docs)
    found = []
    started = time.perf_counter()
    for path, text, doc in docs:
        findings, _ = run_rules(doc, rules, ctx)
        found += [(path, text, f) for f in findings]
    elapsed = time.perf_counter() - started
    genuine = [x for x in found if x[2].match.lower() in GENUINE]
    alarms = [x for x in found if x[2].match.lower() not in GENUINE]
    print(f"BBC corpus, language {ctx.language}: {words:,} words, {len(found)} spelling findings")
    known = sorted({f.match for _, _, f in genuine})
    print(f"  known typos found: {len(known)} of {len(GENUINE)} ({len(genuine)} findings: {known})")
    print(
        f"  other findings: {len(alarms)} = {1000 * len(alarms) / words:.3f} per 1,000 words "
        "(target <= 0.4; some of these are real typos too, see --list)"
    )
    print(
        f"  throughput, spelling rules on parsed documents, first pass (fresh process memos, "
        f"word table on disk): {words / elapsed:,.0f} words/s ({elapsed:.2f} s; target >= 200,000)"
    )
    started = time.perf_counter()
    for _, _, doc in docs:
        run_rules(doc, rules, ctx)
    again = time.perf_counter() - started
    print(f"  second pass (memos warm): {words / again:,.0f} words/s")
    if show:
        for path, text, f in alarms:
            print(
                f"  {path.parent.name}/{path.name}: {f.match!r} -> {list(f.replacements[:3])}: "
                f"{sentence_of(text, f.start, f.end)}"
            )


def wikipedia() -> list[tuple[str, set[str]]]:
    """(misspelling, corrections) from Wikipedia's list, single words only."""
    pairs = []
    path = require(MISSPELLINGS / "wikipedia_for_machines_2018.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "->" not in line:
            continue
        wrong, _, right = line.partition("->")
        fixes = {f.strip() for f in right.split(",") if f.strip()}
        if " " not in wrong:
            pairs.append((wrong.strip(), fixes))
    return pairs


def aspell() -> list[tuple[str, set[str]]]:
    """(misspelling, {target}) from the Aspell test set."""
    pairs, target = [], ""
    for line in require(MISSPELLINGS / "aspell.dat").read_text(encoding="latin-1").splitlines():
        if line.startswith("$"):
            target = line[1:].replace("_", " ")
        elif line.strip() and "_" not in line:
            pairs.append((line.strip(), {target}))
    return pairs


def list_accuracy(name: str, pairs: list[tuple[str, set[str]]], language: str) -> None:
    """Detection rate and first-suggestion accuracy on a misspelling list."""
    detected = first = 0
    for wrong, fixes in pairs:
        verdict = lowercase_verdict(wrong.lower(), language)
        if verdict is None:
            continue
        detected += 1
        first += bool(verdict) and verdict[0].lower() in {f.lower() for f in fixes}
    print(
        f"{name} ({len(pairs)} misspellings, {language}): detected {detected / len(pairs):.1%}, "
        f"first suggestion right {first / len(pairs):.1%}"
    )


def main() -> None:
    """Run every measurement."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--list", action="store_true", help="list the false alarms")
    args = parser.parse_args()
    bbc(args.list)
    list_accuracy("Wikipedia list", wikipedia(), "en-US")
    list_accuracy("Aspell set", aspell(), "en-US")


if __name__ == "__main__":
    main()
