"""Fuzzy name matching at scale: the BBC corpus with the default packs, then with 20,000 more names.

Usage: python bench/names_scale.py [--entries 20000]

Prints both times and their ratio (target: at most 1.5). Data: BBC News dataset (Greene and
Cunningham 2006), read from ../shared/corpus/bbc.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bbc_articles
from lint.config import load_config
from lint.document import parse_document
from lint.engine import run_rules
from lint.packs import shipped_packs

SYLLABLES = [
    "ka",
    "lo",
    "mir",
    "ten",
    "vas",
    "gro",
    "bel",
    "shu",
    "dar",
    "nik",
    "pel",
    "tor",
    "ova",
    "ski",
    "zen",
    "rud",
    "lan",
    "mer",
    "cho",
    "fay",
]


def synthetic_pack(count: int, seed: int) -> str:
    """A names pack of ``count`` invented people, in the shipped YAML format."""
    rng = random.Random(seed)
    seen: set[str] = set()
    lines = [
        "- id: big.people",
        "  kind: names",
        "  severity: error",
        "  category: names",
        "  message: \"'{match}' looks like '{canonical}'\"",
        "  description: Synthetic entries for the scale benchmark.",
        "  as_of: bench",
        "  entries:",
    ]
    while len(seen) < count:
        given = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
        family = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        name = f"{given} {family}"
        if name not in seen:
            seen.add(name)
            lines.append(f'    - {{canonical: "{name}", type: person}}')
    return "\n".join(lines) + "\n"


def timed_run(config_path: Path | None) -> tuple[float, float, int]:
    """Seconds to load the configuration, seconds to lint the corpus, and findings."""
    started = time.perf_counter()
    config = load_config(config_path)
    rules, ctx = config.rules_for(None)
    loaded = time.perf_counter() - started
    docs = [parse_document(text, str(path), "text") for path, text in bbc_articles()]
    started = time.perf_counter()
    findings = sum(len(run_rules(doc, rules, ctx)[0]) for doc in docs)
    return loaded, time.perf_counter() - started, findings


def main() -> None:
    """Time both configurations and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=20_000)
    args = parser.parse_args()
    timed_run(None)  # warm the process-wide word caches so both runs are compared alike
    base_load, base, base_findings = timed_run(None)
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder) / "big.yaml"
        pack.write_text(synthetic_pack(args.entries, 1), encoding="utf-8")
        config = Path(folder) / ".copydesk.yaml"
        names = ", ".join([*shipped_packs(), str(pack)])
        config.write_text(f"packs: [{names}]\n", encoding="utf-8")
        big_load, big, big_findings = timed_run(config)
    print(
        f"default packs:        lint {base:.2f} s (load {base_load:.2f} s), {base_findings} findings"
    )
    print(
        f"+{args.entries:,} names:      lint {big:.2f} s (load {big_load:.2f} s), {big_findings} findings"
    )
    print(f"ratio (lint): {big / base:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
