"""Draw attribution findings on the BBC corpus at random, with their paragraphs, to be read by
hand: each is right if a copy desk would want the sentence sourced (or the quotation given a
speaker) and nothing within reach names one.

    python bench/attribution_sample.py [--rule unattributed-claim] [--count 50] [--seed 2026]

``--count 0`` prints every finding of the rule.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BBC, bbc_articles
from lint.config import load_config
from lint.document import parse_document
from lint.engine import run_rules


def main() -> None:
    """Print the sample."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rule", default="unattributed-claim")
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rules, ctx = load_config(None).rules_for(None)
    wanted = [r for r in rules if r.id == f"attribution.{args.rule}"]
    found = []
    for path, text in bbc_articles():
        findings, _ = run_rules(parse_document(text, str(path), "text"), wanted, ctx)
        found += [(path, text, f) for f in findings]
    random.seed(args.seed)
    sample = found if args.count == 0 else random.sample(found, min(args.count, len(found)))
    print(f"{len(found)} findings of attribution.{args.rule}; showing {len(sample)}")
    for n, (path, text, finding) in enumerate(sample, 1):
        start = text.rfind("\n\n", 0, finding.start) + 2
        end = text.find("\n\n", finding.end)
        end = len(text) if end < 0 else end
        before = " ".join(text[start : finding.start].split())[-240:]
        after = " ".join(text[finding.end : end].split())[:240]
        print(f"{n:>3} {path.relative_to(BBC)} [{finding.signal or 'quotation'}]")
        print(f"    ... {before}")
        print(f"    >>> {' '.join(finding.match.split())}")
        print(f"    ... {after}")


if __name__ == "__main__":
    main()
