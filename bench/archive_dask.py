"""Archive mode on Dask against one process: the BBC corpus as JSONL files (one per section),
linted by ``lint.archive_dask.lint_jsonl_files`` on a ``LocalCluster`` of two workers, and by
``copydesk check --jsonl`` with ``-j 1`` and ``-j 2`` on the same records.

    python bench/archive_dask.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BBC, bbc_articles


def main() -> None:
    """Print the figures."""
    from dask.distributed import Client, LocalCluster

    from lint.archive_dask import lint_jsonl_files

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "archive").mkdir()
        sections: dict[str, list[str]] = {}
        for path, text in bbc_articles():
            record = {"id": str(path.relative_to(BBC)), "text": text, "format": "text"}
            sections.setdefault(path.parent.name, []).append(json.dumps(record))
        for name, lines in sections.items():
            (root / "archive" / f"{name}.jsonl").write_text("\n".join(lines) + "\n")
        count = sum(len(lines) for lines in sections.values())
        with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster):
            started = time.perf_counter()
            written = lint_jsonl_files(str(root / "archive" / "*.jsonl"), root / "results")
            elapsed = time.perf_counter() - started
        results = sum(len(Path(p).read_text().splitlines()) for p in written)
        print(
            f"Dask, LocalCluster of 2 workers: {count:,} records in {elapsed:.1f} s "
            f"({count / elapsed:,.0f} records/s), {results:,} results in {len(written)} files"
        )
        joined = root / "all.jsonl"
        joined.write_text("".join(p.read_text() for p in sorted((root / "archive").glob("*"))))
        for jobs in (1, 2):
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "lint", "check", "--jsonl", str(joined), "-j", str(jobs)],
                capture_output=True,
                check=False,
            )
            elapsed = time.perf_counter() - started
            print(
                f"copydesk check --jsonl -j {jobs}: {elapsed:.1f} s "
                f"({count / elapsed:,.0f} records/s)"
            )


if __name__ == "__main__":
    main()
