"""House memory on the BBC corpus: build the archive index from 90% of the articles (a seeded
split) and check the other 10% against it.

    python bench/archive_memory.py [--seed 22] [--dask] [--timing]

Prints: build throughput and index size; name respellings found (recall, archive's spelling
first); names and spelling findings per 1,000 words on the clean held-out articles with and
without the archive; quotations copied unchanged, changed and given to another speaker; and
with ``--timing`` the cost of checking the corpus with the archive against without it.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BBC, bbc_articles, require, word_count
from lint.checks.archive import speaker_names
from lint.config import load_config
from lint.document import parse_document
from lint.engine import run_rules
from lint.lexicon import is_dictionary_word
from lint.memory.build import SourceArticle, build_index
from lint.memory.extract import name_sequences
from lint.memory.lookup import DOMINANCE, KNOWN_ARTICLES, open_archive
from lint.memory.quotes import MIN_QUOTE_WORDS, quote_words

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def split(seed: int) -> tuple[list[SourceArticle], list[SourceArticle]]:
    """The archive (90%) and the held-out articles (10%)."""
    articles = [SourceArticle(str(p), t, "text") for p, t in bbc_articles()]
    random.Random(seed).shuffle(articles)
    cut = len(articles) * 9 // 10
    return articles[:cut], articles[cut:]


def respell(word: str, rng: random.Random) -> str:
    """One edit inside the word (first letter kept): substitute, drop, add or swap."""
    for _ in range(20):
        at = rng.randrange(1, len(word))
        kind = rng.choice("sdat")
        if kind == "s":
            new = word[:at] + rng.choice(LETTERS) + word[at + 1 :]
        elif kind == "d":
            new = word[:at] + word[at + 1 :]
        elif kind == "a":
            new = word[:at] + rng.choice(LETTERS) + word[at:]
        else:
            new = word[:at - 1] + word[at] + word[at - 1] + word[at + 1 :] if at > 1 else word
        if new != word and new.lower() != word.lower():
            return new
    return word


def names_known_to(db_path: Path, min_articles: int) -> dict[str, int]:
    """Single name words the archive has in at least ``min_articles`` articles."""
    import sqlite3

    db = sqlite3.connect(db_path)
    try:
        rows = db.execute(
            "SELECT spelling, articles FROM names WHERE parts = 1 AND articles >= ? AND length >= 4",
            (min_articles,),
        )
        return dict(rows)
    finally:
        db.close()


def findings(text: str, rules: list, ctx) -> list:  # type: ignore[no-untyped-def]
    doc = parse_document(text, "<held-out>", "text")
    found, _ = run_rules(doc, rules, ctx)
    return found


def names_figures(held: list[SourceArticle], index: Path, rules: list, ctx, seed: int) -> None:  # type: ignore[no-untyped-def]
    known = names_known_to(index, max(KNOWN_ARTICLES, DOMINANCE))
    rng = random.Random(seed)
    with_archive = replace(ctx, archive=open_archive(index))
    cases = found = first = real_words = real_found = 0
    for article in held:
        doc = parse_document(article.text, "<held-out>", "text")
        present = sorted({w for run in name_sequences(doc) for _, w in run if w in known})
        for word in rng.sample(present, min(3, len(present))):
            wrong = respell(word, rng)
            if wrong == word or wrong in known:
                continue
            text = re.sub(rf"\b{re.escape(word)}\b", wrong, article.text)
            hits = [f for f in findings(text, rules, with_archive) if f.match == wrong]
            cases += 1
            is_real = is_dictionary_word(wrong.lower())
            real_words += is_real
            if hits:
                found += 1
                real_found += is_real
                first += any(f.replacements[:1] == (word,) for f in hits)
    print(
        f"names: {cases} respelled names (one edit, every occurrence; the archive has each in "
        f">= {max(KNOWN_ARTICLES, DOMINANCE)} articles): found {found / cases:.1%}, "
        f"archive's spelling first {first / cases:.1%}; of them {real_words} real words, "
        f"found {real_found}"
    )
    clean_counts = {"without": 0, "with": 0}
    words = sum(word_count(a.text) for a in held)
    for article in held:
        for label, context in (("without", ctx), ("with", with_archive)):
            clean_counts[label] += sum(
                1 for f in findings(article.text, rules, context) if f.category in ("names", "spelling")
            )
    print(
        f"clean held-out ({words:,} words): names and spelling findings per 1,000 words "
        f"without the archive {1000 * clean_counts['without'] / words:.2f}, "
        f"with it {1000 * clean_counts['with'] / words:.2f}"
    )


def quotation_figures(held: list[SourceArticle], index: Path, rules: list, ctx, seed: int) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    rng = random.Random(seed)
    db = sqlite3.connect(index)
    quotes = [
        (wording, speaker)
        for wording, speaker in db.execute("SELECT wording, speaker FROM quotes")
        if len(quote_words(wording)) >= MIN_QUOTE_WORDS and speaker_names(speaker)
    ]
    db.close()
    speakers = sorted({s for _, s in quotes})
    with_archive = replace(ctx, archive=open_archive(index))
    tallies = {"unchanged": [0, 0], "changed": [0, 0], "speaker": [0, 0]}
    for article in held:
        wording, speaker = rng.choice(quotes)
        others = [s for s in speakers if not speaker_names(s) & speaker_names(speaker)]
        variants = {
            "unchanged": (wording, speaker),
            "changed": (_change_words(wording, rng), speaker),
            "speaker": (wording, rng.choice(others)),
        }
        for label, (text, who) in variants.items():
            paragraph = f'"{text.rstrip(".,")}," {who} said.'
            body = article.text.rstrip() + "\n\n" + paragraph + "\n"
            start = len(article.text.rstrip()) + 2
            hits = [f for f in findings(body, rules, with_archive) if f.start >= start]
            rule = {"unchanged": None, "changed": "archive.misquote", "speaker": "archive.misattribution"}[label]
            tallies[label][0] += 1
            if label == "unchanged":
                tallies[label][1] += any(f.rule.startswith("archive.mis") for f in hits)
            else:
                tallies[label][1] += any(f.rule == rule for f in hits)
    for label, (total, hit) in tallies.items():
        what = "reported (false alarms)" if label == "unchanged" else "found"
        print(f"quotations {label}: {hit}/{total} {what} ({hit / total:.1%})")


def _change_words(wording: str, rng: random.Random) -> str:
    """One or two words changed, dropped or added."""
    words = wording.split()
    for _ in range(rng.choice((1, 2))):
        at = rng.randrange(len(words))
        kind = rng.choice("cda")
        if kind == "c":
            words[at] = rng.choice(("never", "always", "many", "few", "big", "small", "new"))
        elif kind == "d" and len(words) > MIN_QUOTE_WORDS + 1:
            del words[at]
        else:
            words.insert(at, rng.choice(("really", "very", "all", "not", "just")))
    return " ".join(words)


def timing(index: Path, rounds: int = 4) -> None:
    """Check the corpus without and with the archive, in turns, ``rounds`` times each; the
    fastest and the median of each."""
    corpus = str(require(BBC))
    runs: dict[str, list[float]] = {"without": [], "with": []}
    for _ in range(rounds):
        for label, extra in (("without", []), ("with", ["--archive", str(index)])):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "lint", "check", corpus, "-f", "json", *extra], capture_output=True, check=False)
            runs[label].append(time.perf_counter() - started)
    best = {label: min(times) for label, times in runs.items()}
    middle = {label: statistics.median(times) for label, times in runs.items()}
    print(
        f"checking the BBC corpus ({rounds} runs each, in turns): without the archive fastest "
        f"{best['without']:.1f} s, median {middle['without']:.1f} s; with it fastest "
        f"{best['with']:.1f} s, median {middle['with']:.1f} s ({best['with'] / best['without']:.2f}x "
        f"fastest to fastest, {middle['with'] / middle['without']:.2f}x median to median)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--dask", action="store_true", help="also build on Dask, 2 workers")
    parser.add_argument("--timing", action="store_true", help="also time a corpus check")
    args = parser.parse_args()
    archive, held = split(args.seed)
    config = load_config(None)
    with tempfile.TemporaryDirectory() as folder:
        index = Path(folder) / "archive.sqlite"
        started = time.perf_counter()
        build_index(index, archive, config)
        elapsed = time.perf_counter() - started
        size = index.stat().st_size + sum(p.stat().st_size for p in Path(folder).glob("*-wal"))
        print(f"build, single process: {len(archive):,} articles in {elapsed:.1f} s ({len(archive) / elapsed:.0f} articles/s); index {size / 1e6:.1f} MB ({size / len(archive) * 1000 / 1e6:.1f} MB per 1,000 articles)")
        if args.dask:
            from distributed import Client, LocalCluster

            from lint.memory.dask_build import build_index_on_dask

            with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:
                started = time.perf_counter()
                build_index_on_dask(Path(folder) / "dask.sqlite", archive, client)
                elapsed = time.perf_counter() - started
            print(f"build, Dask on 2 workers: {elapsed:.1f} s ({len(archive) / elapsed:.0f} articles/s)")
        rules, ctx = config.rules_for(None)
        rules = [r for r in rules if r.category in ("names", "spelling") or r.id.startswith("archive.")]
        names_figures(held, index, rules, ctx, args.seed)
        quotation_figures(held, index, rules, ctx, args.seed)
        if args.timing:
            timing(index)


if __name__ == "__main__":
    main()
