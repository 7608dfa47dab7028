"""House memory at scale: a synthetic archive of a million articles, and one article checked
against it.

    python bench/archive_scale.py [--articles 1000000] [--index PATH] [--sample 300]

The archive is generated from the BBC corpus. Each synthetic article is a BBC article's index
record with about a third of its name words replaced by names drawn, with Zipf-distributed
popularity, from a pool of made-up names (halves of real ones joined: "Stolt" + "son"), and
one to three words of each quotation changed, so that names and quotations keep a long tail
as a real archive's do. The records go through the writer ``copydesk archive build`` uses,
in batches. An index already at ``--index`` with at least ``--articles`` articles is reused.

Then BBC articles, some with a name respelled and a quotation reworded, are checked with the
archive rules; each article's answers are looked up afresh (no answers remembered from the
one before). Prints the build's throughput and size, the per-article time of the archive
checks (median, 95th percentile, worst) and the checking process's peak memory, beside the
same figures for an archive of the BBC corpus alone.
"""

from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.archive_memory import respell
from bench.common import bbc_articles
from lint.config import load_config
from lint.document import parse_document
from lint.engine import run_rules
from lint.memory import lookup
from lint.memory.build import SourceArticle, record_of
from lint.memory.extract import ArticleRecord, Quotation
from lint.memory.lookup import open_archive
from lint.memory.schema import open_for_writing
from lint.memory.store import BuildCounts, write_records
from lint.sources import lexicon_rule, sourcing

BATCH = 20_000  # articles per write (one transaction each)
POOL = 400_000  # made-up names


def base_records() -> list[ArticleRecord]:
    """The index record of every BBC article."""
    rule = lexicon_rule(load_config(None).rules)
    return [record_of(SourceArticle(str(p), t, "text"), rule) for p, t in bbc_articles()]


def name_pool(records: list[ArticleRecord], rng: random.Random) -> list[str]:
    """Made-up names: the first half of one real name word joined to the second half of
    another, none of them a real one."""
    real = sorted({n for r in records for n in r.names if " " not in n and len(n) >= 4})
    seen = set(real)
    pool: list[str] = []
    while len(pool) < POOL:
        a, b = rng.choice(real), rng.choice(real)
        name = a[: (len(a) + 1) // 2] + b[len(b) // 2 :].lower()
        if name not in seen:
            seen.add(name)
            pool.append(name)
    return pool


def synthetic_records(base: list[ArticleRecord], count: int, seed: int) -> Iterator[ArticleRecord]:
    """``count`` articles varied from the BBC records."""
    rng = random.Random(seed)
    pool = name_pool(base, rng)
    weights = [1 / (rank + 1) for rank in range(len(pool))]
    draws: list[str] = []
    vocabulary = sorted({w for r in base for q in r.quotes for w in q.words.split()})
    for number in range(count):
        record = base[number % len(base)]
        if not draws:
            draws = rng.choices(pool, weights, k=100_000)
        single = [n for n in record.names if " " not in n]
        swap = {n: draws.pop() for n in single if rng.random() < 0.3 and draws}

        def renamed(text: str, swap: dict[str, str] = swap) -> str:
            return " ".join(swap.get(w, w) for w in text.split(" "))

        names: dict[str, int] = {}
        for spelling, uses in record.names.items():
            new = renamed(spelling)
            names[new] = names.get(new, 0) + uses
        quotes = []
        for quote in record.quotes:
            words = quote.words.split()
            for _ in range(rng.randint(1, 3)):
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
            text = " ".join(words)
            speaker = renamed(quote.speaker) if quote.speaker else None
            quotes.append(Quotation(text, text, quote.offset, speaker, quote.paragraph))
        yield ArticleRecord(
            key=f"synthetic/{number:07d}",
            digest=f"{number:032x}",
            date=f"{2000 + number % 25}-{1 + number % 12:02d}-{1 + number % 28:02d}",
            words=record.words,
            names=names,
            quotes=tuple(quotes),
            titles=tuple((t, renamed(n)) for t, n in record.titles),
        )


def build(index: Path, base: list[ArticleRecord], count: int) -> None:
    """Write ``count`` synthetic articles into ``index`` in batches, printing progress."""
    db = open_for_writing(index)
    counts = BuildCounts()
    records = synthetic_records(base, count, seed=22)
    started = time.perf_counter()
    try:
        for done in range(0, count, BATCH):
            batch = [next(records) for _ in range(min(BATCH, count - done))]
            write_records(db, batch, counts)
            elapsed = time.perf_counter() - started
            print(f"  {done + len(batch):,} articles, {elapsed:.0f} s", flush=True)
    finally:
        db.close()
    size = sum(p.stat().st_size for p in index.parent.glob(index.name + "*"))
    print(
        f"build: {count:,} synthetic articles in {elapsed:.0f} s ({count / elapsed:.0f} "
        f"articles/s); index {size / 1e9:.2f} GB ({size / count * 1000 / 1e6:.1f} MB per "
        f"1,000 articles)"
    )


def indexed_articles(index: Path) -> int:
    """How many articles the index at ``index`` holds (0 if there is none)."""
    if not index.exists():
        return 0
    db = sqlite3.connect(index)
    try:
        return int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0
    finally:
        db.close()


def probe_texts(sample: int, seed: int) -> list[str]:
    """BBC articles to check: every other one with a name word respelled everywhere and a
    quotation with a word changed."""
    rng = random.Random(seed)
    texts = [t for _, t in bbc_articles()]
    chosen = rng.sample(texts, sample)
    probes = []
    for number, text in enumerate(chosen):
        if number % 2:
            doc = parse_document(text, "<probe>", "text")
            words = sorted({text[s:e] for s, e in doc.words if text[s : s + 1].isupper()})
            long_words = [w for w in words if len(w) >= 5 and w.isalpha()]
            if long_words:
                word = rng.choice(long_words)
                text = text.replace(word, respell(word, rng))
            text = text.replace(" the ", " a ", 1)
        probes.append(text)
    return probes


def check_times(index: Path, texts: list[str]) -> tuple[list[float], Counter[str]]:
    """Seconds the archive checks take on each text, answers looked up afresh each time, and
    the findings they made by rule."""
    config = load_config(None)
    rules, ctx = config.rules_for(None)
    archive_rules = [r for r in rules if r.id.startswith("archive.")]
    with_archive = replace(ctx, archive=open_archive(index))
    times = []
    made: Counter[str] = Counter()
    for text in texts:
        doc = parse_document(text, "<probe>", "text")
        run_rules(doc, [r for r in rules if not r.id.startswith("archive.")], ctx)
        for cached in (lookup._knows, lookup._near, lookup._matching_quotes):
            cached.cache_clear()
        lookup._counts.clear()
        started = time.perf_counter()
        found, _ = run_rules(doc, archive_rules, with_archive)
        times.append(time.perf_counter() - started)
        made.update(f.rule for f in found)
    return times, made


def report(label: str, times: list[float]) -> None:
    """Print the time figures of one archive."""
    ordered = sorted(times)
    p95 = ordered[int(len(ordered) * 0.95)]
    print(
        f"{label}: archive checks per article median {1000 * statistics.median(times):.1f} ms, "
        f"95th percentile {1000 * p95:.1f} ms, worst {1000 * ordered[-1]:.1f} ms "
        f"({len(times)} articles)"
    )


def probe(index: Path, label: str, sample: int) -> None:
    """Check the probe articles against ``index`` and print the figures (run in a process of
    its own, so that its peak memory is the checking's)."""
    texts = probe_texts(sample, seed=22)
    config = load_config(None)
    rules, ctx = config.rules_for(None)
    for text in texts:  # everything but the archive loaded and used once
        run_rules(parse_document(text, "<probe>", "text"), rules, ctx)
    if ctx.lexicon_rule is not None:  # and the complete sourcing analysis, once per process
        sourcing(parse_document(texts[0], "<probe>", "text"), ctx.lexicon_rule)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    times, made = check_times(index, texts)
    report(label, times)
    print(f"  findings: {dict(sorted(made.items()))}")
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"  peak RSS of the checking process: {before:.0f} MB before the archive checks, "
        f"{after:.0f} MB after",
        flush=True,
    )


def probe_in_process(index: Path, label: str, sample: int) -> None:
    """``probe`` in a fresh Python process."""
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--probe",
            str(index),
            "--label",
            label,
            "--sample",
            str(sample),
        ],
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--index", type=Path, default=Path("/tmp/copydesk-scale.sqlite"))
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--probe", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--label", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        probe(args.probe, args.label, args.sample)
        return
    base = base_records()
    if indexed_articles(args.index) < args.articles:
        for old in args.index.parent.glob(args.index.name + "*"):
            old.unlink()
        build(args.index, base, args.articles)
    else:
        print(f"reusing {args.index} ({indexed_articles(args.index):,} articles)")
    if args.build_only:
        return
    small = Path(f"{args.index}.bbc")
    for old in small.parent.glob(small.name + "*"):
        old.unlink()
    db = open_for_writing(small)
    write_records(db, base, BuildCounts())
    db.close()
    probe_in_process(small, f"BBC archive ({len(base):,} articles)", args.sample)
    count = indexed_articles(args.index)
    probe_in_process(args.index, f"synthetic archive ({count:,} articles)", args.sample)


if __name__ == "__main__":
    main()
