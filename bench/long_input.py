"""Time and peak memory of one very long article: one line of 1, 5 and 50 MB, and a 20 MB
article of ordinary paragraphs (targets: time linear in the size, memory at most about 20
times the text).

Usage: python bench/long_input.py [--sizes 1 5 50] [--paragraphs 20]

The text is generated (news-like sentences), so no data is needed. Each size runs in a new
process, whose peak resident memory is read from the operating system.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

SENTENCE = "The minister said prices rose 5% in March, and officials met in Kyiv on Monday. "


def _child(megabytes: float, paragraphs: bool) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from lint.config import load_config
    from lint.document import parse_document
    from lint.engine import run_rules

    rules, ctx = load_config(None).rules_for(None)
    count = int(megabytes * 1024 * 1024 / len(SENTENCE))
    unit = SENTENCE * 4 + "\n\n" if paragraphs else SENTENCE
    text = unit * max(count // (4 if paragraphs else 1), 1)
    started = time.perf_counter()
    findings, _ = run_rules(parse_document(text, "long.md", "markdown"), rules, ctx)
    elapsed = time.perf_counter() - started
    print(f"{elapsed:.2f} {len(text)} {len(findings)}")


def main() -> None:
    """Run each size in its own process and print time and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=float, nargs="*", default=[1, 5, 50])
    parser.add_argument("--paragraphs", type=float, default=20)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(float(args.child[0]), args.child[1] == "paragraphs")
        return
    runs = [(size, "line") for size in args.sizes]
    if args.paragraphs:
        runs.append((args.paragraphs, "paragraphs"))
    _, _, baseline = _run(0.0001, "line")
    print(f"a one-sentence article: peak {baseline / 1024:.0f} MB (the interpreter, rules, words)")
    for size, shape in runs:
        elapsed, chars, peak = _run(size, shape)
        print(
            f"{size:g} MB as {shape}: {elapsed:.2f} s ({chars / elapsed / 1e6:.2f} M chars/s), "
            f"peak {peak / 1024:.0f} MB, {(peak - baseline) / 1024:.0f} MB above a one-sentence "
            f"article = {(peak - baseline) * 1024 / chars:.1f} times the text"
        )


def _run(megabytes: float, shape: str) -> tuple[float, int, int]:
    """Seconds, characters and peak resident kilobytes of one run in a new process."""
    command = [sys.executable, __file__, "--child", str(megabytes), shape]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    assert process.stdout is not None
    out = process.stdout.read().split()
    if status or not out:
        sys.exit(f"{command} failed after {time.perf_counter() - started:.0f} s")
    return float(out[0]), int(out[1]), usage.ru_maxrss


if __name__ == "__main__":
    main()
