"""copydesk against the tools a newsroom would otherwise use, on the same texts in the same run.

Usage: python bench/peers.py [--runs 3] [--peers-bin DIR] [--out docs]

Peers are found on PATH (or in --peers-bin): proselint, codespell, typos, harper (harper-cli),
and cspell through npx when node is present; a missing peer is skipped with a note. Writes
docs/benchmarks-peers.md (a table) and docs/benchmarks-peers.png (a chart, if matplotlib is
installed). Data: BBC News dataset (Greene and Cunningham 2006), read from ../shared/corpus/bbc.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bbc_articles

ROOT = Path(__file__).resolve().parent.parent
WORDS = 854_490


@dataclass
class Measure:
    """Median wall and CPU seconds and peak memory of repeated runs of one command."""

    wall: float
    cpu: float
    peak_mb: float


def run(command: list[str], runs: int, cwd: Path | None = None) -> Measure | None:
    """Run a command ``runs`` times; None if it cannot start."""
    walls, cpus, peaks = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        try:
            process = subprocess.Popen(
                command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        except OSError:
            return None
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1, 2, 65):  # linters exit non-zero when they find things
            print(f"note: {command[0]} exited {process.returncode}")
        walls.append(time.perf_counter() - started)
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss / 1024)
    return Measure(statistics.median(walls), statistics.median(cpus), max(peaks))


def cold_start(
    prefix: list[str], articles: list[Path], corpus: Path | None, runs: int
) -> Measure | None:
    """The median, over the articles, of a new process checking one article."""
    found = []
    for article in articles:
        one = str(article.relative_to(corpus)) if corpus else str(article)
        measure = run([*prefix, one], runs, cwd=corpus)
        if measure is None:
            return None
        found.append(measure)
    return Measure(
        statistics.median(m.wall for m in found),
        statistics.median(m.cpu for m in found),
        max(m.peak_mb for m in found),
    )


def corpus_copy(times: int) -> Path:
    """The BBC corpus as UTF-8 text files, repeated ``times`` times (for the linearity check)."""
    folder = Path(tempfile.mkdtemp(prefix="copydesk-bench-"))
    for copy in range(times):
        for path, text in bbc_articles():
            target = folder / f"c{copy}" / path.parent.name / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return folder


def tools(peers_bin: Path | None, copydesk: str | None) -> dict[str, list[str]]:
    """Command prefixes of each tool that is available; the path is appended."""

    def find(name: str) -> str | None:
        if peers_bin and (peers_bin / name).exists():
            return str(peers_bin / name)
        return shutil.which(name)

    ours = copydesk or shutil.which("copydesk")
    base = [ours] if ours else [sys.executable, "-m", "lint"]
    found: dict[str, list[str]] = {"copydesk": [*base, "check", "--fail-level", "never"]}
    for name, args in (
        ("proselint", ["check"]),
        ("codespell", []),
        ("typos", []),
        ("harper", ["lint"]),
    ):
        exe = find(name if name != "harper" else "harper")
        if exe:
            found[name] = [exe, *args]
        else:
            print(f"note: {name} not found; skipped")
    if shutil.which("npx"):
        found["cspell"] = ["npx", "--yes", "cspell", "--no-progress", "--no-summary"]
    else:
        print("note: npx not found; cspell skipped")
    return found


def main() -> None:
    """Measure every tool, write the table and the chart."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peers-bin", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument(
        "--copydesk",
        help="the copydesk executable to measure (default: the one on PATH); measure a regular "
        "install, since an editable one adds an import hook to every start",
    )
    args = parser.parse_args()
    corpus = corpus_copy(1)
    # one article from each section: what a run costs depends on the words it meets
    articles = [
        sorted(corpus.glob(f"c0/{section.name}/*.txt"))[0]
        for section in sorted((corpus / "c0").iterdir())
    ]
    article = articles[0]
    rows = []
    floor_pass = run([sys.executable, "-c", "pass"], args.runs * 3)
    found = tools(args.peers_bin, args.copydesk)
    python = str(Path(found["copydesk"][0]).parent / "python")
    floor_import = run(
        [python, "-c", "import yaml, rapidfuzz, markdown_it, regex, hunspell, wordfreq"],
        args.runs * 3,
    )
    subprocess.run([*found["copydesk"], str(article)], capture_output=True)  # builds the caches
    for name, prefix in found.items():
        # cspell checks only files below its working directory: run it from the corpus
        where = corpus if name == "cspell" else None
        target = "**/*.txt" if name == "cspell" else str(corpus)
        whole = run([*prefix, target], args.runs, cwd=where)
        if whole is None or whole.wall < 0.05:
            print(f"note: {name} did not run; skipped")
            continue
        cold = cold_start(prefix, articles, corpus if where else None, args.runs * 2)
        rows.append((name, whole, cold))
        print(
            f"{name}: corpus {whole.wall:.2f} s wall, {whole.cpu:.2f} s CPU, "
            f"{whole.peak_mb:.0f} MB; cold article {cold.wall * 1000 if cold else 0:.0f} ms"
        )
    big = corpus_copy(4)
    linear = run([*found["copydesk"], str(big)], 1)
    ours = rows[0][1]
    lines = [
        "# copydesk and its peers",
        "",
        f"BBC corpus ({WORDS:,} words, 2,225 articles), one invocation per tool, median of "
        f"{args.runs} runs, on this {os.cpu_count()}-core machine. Cold: one article in a new "
        f"process, the median over {len(articles)} articles (one per section) of "
        f"{args.runs * 2} runs each.",
        "",
        "| tool | corpus wall (s) | CPU (s) | peak MB | words/s | cold article (ms) | copydesk/peer wall |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, whole, cold in rows:
        lines.append(
            f"| {name} | {whole.wall:.2f} | {whole.cpu:.2f} | {whole.peak_mb:.0f} | "
            f"{WORDS / whole.wall:,.0f} | {cold.wall * 1000 if cold else 0:.0f} | "
            f"{ours.wall / whole.wall:.2f} |"
        )
    lines += [
        "",
        f"Floor: `python -c pass` {floor_pass.wall * 1000 if floor_pass else 0:.0f} ms; "
        f"bare import of copydesk's dependencies {floor_import.wall * 1000 if floor_import else 0:.0f} ms.",
        f"Linearity: the corpus 4 times took {linear.wall if linear else 0:.2f} s, "
        f"{(linear.wall / ours.wall) if linear else 0:.2f} times the single corpus (target <= 4.4).",
    ]
    args.out.mkdir(exist_ok=True)
    (args.out / "benchmarks-peers.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("note: matplotlib not installed; no chart")
        return
    figure, axis = plt.subplots(figsize=(7, 3.5))
    axis.barh([r[0] for r in rows], [r[1].wall for r in rows], color="#4a7bb7")
    axis.set_xlabel("seconds for the BBC corpus (lower is better)")
    axis.invert_yaxis()
    figure.tight_layout()
    figure.savefig(args.out / "benchmarks-peers.png", dpi=120)


if __name__ == "__main__":
    main()
