"""How long a first run takes on a machine with no cache, against a warm run: one article, and
the BBC corpus; and archive mode (``--jsonl``) over a large stream with one and two workers,
with peak memory.

    python bench/first_run.py [--copies 20]

Each run is a fresh ``copydesk`` process. The cold runs use an empty cache directory
(``COPYDESK_CACHE_DIR``), as a fresh CI machine or pre-commit environment has.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BBC, bbc_articles, require

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "article.md"


def _run(args: list[str], cache: Path) -> tuple[float, int]:
    """Wall time and peak RSS (MB) of one copydesk process."""
    env = {**os.environ, "COPYDESK_CACHE_DIR": str(cache)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lint", *args], env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) // 1024


def first_and_warm(args: list[str], label: str) -> None:
    """A cold run in an empty cache, then three warm runs in the same cache."""
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder) / "cache"
        cold, _ = _run(args, cache)
        warm = sorted(_run(args, cache)[0] for _ in range(3))[1]
    print(f"{label}: first run {cold:.2f} s, warm run {warm:.2f} s (median of 3)")


def archive_scaling(copies: int, jobs_list: tuple[int, ...] = (1, 2)) -> None:
    """The BBC corpus repeated ``copies`` times as JSONL, checked with -j 1 and -j 2."""
    records = [json.dumps({"id": str(p), "text": t, "format": "text"}) for p, t in bbc_articles()]
    with tempfile.TemporaryDirectory() as folder:
        stream = Path(folder) / "archive.jsonl"
        with stream.open("w", encoding="utf-8") as out:
            for _ in range(copies):
                out.write("\n".join(records) + "\n")
        size = stream.stat().st_size / 1e6
        cache = Path.home() / ".cache" / "copydesk"
        for jobs in jobs_list:
            elapsed, peak = _run(["check", "--jsonl", str(stream), "-j", str(jobs)], cache)
            print(
                f"archive mode, {len(records) * copies:,} records ({size:,.0f} MB), -j {jobs}: "
                f"{elapsed:.1f} s, {len(records) * copies / elapsed:,.0f} records/s, "
                f"peak RSS of the largest process so far {peak} MB"
            )


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=20, help="copies of BBC in the stream")
    parser.add_argument("--archive-only", action="store_true", help="archive mode only, -j 2")
    args = parser.parse_args()
    if args.archive_only:
        archive_scaling(args.copies, (2,))
        return
    first_and_warm(["check", str(ARTICLE)], "one article")
    first_and_warm(["check", str(require(BBC))], "BBC corpus")
    archive_scaling(args.copies)


if __name__ == "__main__":
    main()
