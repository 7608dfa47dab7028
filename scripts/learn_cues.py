"""Learn attribution cue words from PolNeAR's training split into rules/attribution-cues.txt.

Usage: python scripts/learn_cues.py [--min-precision 0.85] [--min-count 5]

A cue string annotated in the training data is kept when sentences containing it are attributed
at least ``--min-precision`` of the time (over at least ``--min-count`` sentences), unless it
is listed in scripts/not-cues.txt or matches one of the pack's claim signals. Only the train
split is read, so the dev split stays a fair test. Reproducible: same data, same file.
Data: PolNeAR (Newell, Margolin and Ruths, LREC 2018), read from ../shared/eval/polnear.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from lint.packs import load_pack_file
from lint.sourcing.signals import ClaimSignals

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT.parent / "shared" / "eval" / "polnear" / "polnear_train_sentence.jsonl"
OUTPUT = ROOT / "rules" / "attribution-cues.txt"
PACK = ROOT / "rules" / "attribution.yaml"

NOT_CUES_FILE = Path(__file__).with_name("not-cues.txt")


def learn(min_precision: float, min_count: int) -> list[tuple[str, int, float]]:
    """(cue, sentences containing it, share attributed), best-supported first."""
    rows = [json.loads(line) for line in TRAIN.open(encoding="utf-8")]
    annotated: Counter[str] = Counter()
    for row in rows:
        for cue in row["cues"]:
            cue = " ".join(cue.lower().split())
            if 1 <= len(cue.split()) <= 3 and re.fullmatch(r"[a-z' ]+", cue):
                annotated[cue] += 1
    claims = _claim_signals()
    not_cues = {
        line.strip()
        for line in NOT_CUES_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    kept = []
    for cue, count in annotated.most_common():
        if cue in not_cues or claims.scan(cue).first(0, len(cue)) is not None:
            continue
        if count < min_count:
            break
        body = re.escape(cue).replace(r"\ ", r"\s+")
        pattern = re.compile(rf"\b{body}\b", re.IGNORECASE)
        hits = [row["attributed"] for row in rows if pattern.search(row["text"])]
        if len(hits) >= min_count and sum(hits) / len(hits) >= min_precision:
            kept.append((cue, len(hits), sum(hits) / len(hits)))
    return kept


def _claim_signals() -> ClaimSignals:
    """The pack's claim signals: a cue that is one would make them never fire."""
    rules = load_pack_file(PACK)
    return next(r.options.lexicon.claims for r in rules if r.kind == "attribution")


def main() -> None:
    """Write the cue file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--min-precision", type=float, default=0.85)
    parser.add_argument("--min-count", type=int, default=5)
    args = parser.parse_args()
    cues = learn(args.min_precision, args.min_count)
    header = [
        "# Attribution cues learned from PolNeAR train by scripts/learn_cues.py",
        f"# (min precision {args.min_precision}, min count {args.min_count}): cue, then the",
        "# number of training sentences containing it and the share of them that are attributed.",
    ]
    lines = [f"{cue}\t{count}\t{share:.2f}" for cue, count, share in cues]
    OUTPUT.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"{len(cues)} cues written to {OUTPUT}")


if __name__ == "__main__":
    main()
