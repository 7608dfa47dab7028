"""Attribution quality on PolNeAR dev and analysis speed on the BBC corpus.

Usage: python bench/attribution_quality.py [--show N]

Data: PolNeAR (Newell, Margolin and Ruths, LREC 2018), research use; BBC News dataset
(Greene and Cunningham 2006). Both read from ../shared.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import POLNEAR, bbc_articles, require, word_count
from lint.config import load_config
from lint.document import parse_document
from lint.engine import run_rules
from lint.sources import lexicon_rule
from lint.sourcing.analysis import analyse
from lint.sourcing.records import SentenceInfo


def _predicted(infos: list[SentenceInfo], start: int, end: int) -> bool:
    """Attributed if the analysed sentences covering most of the gold span are."""
    covered = attributed = 0
    for info in infos:
        overlap = min(end, info.end) - max(start, info.start)
        if overlap > 0:
            covered += overlap
            attributed += overlap if info.attributed else 0
    return covered > 0 and attributed * 2 >= covered


def polnear() -> None:
    """Sentence-level precision, recall and F1 of ``attributed``."""
    rules, _ = load_config(None).rules_for(None)
    rule = lexicon_rule(rules)
    assert rule is not None
    rows = [json.loads(line) for line in require(POLNEAR / "polnear_dev_sentence.jsonl").open()]
    by_doc: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        by_doc[str(row["doc"])].append(row)
    tp = fp = fn = tn = 0
    carried = [0, 0]
    no_source = [0, 0]
    named: Counter[str] = Counter()
    for name, doc_rows in by_doc.items():
        text = (POLNEAR / "data" / "dev" / "text" / f"{name}.txt").read_text(encoding="utf-8")
        infos = analyse(parse_document(text, name, "text"), rule.options.lexicon)
        named.update(_source_agreement(infos, doc_rows))
        for row in doc_rows:
            gold = bool(row["attributed"])
            span = (int(str(row["char_start"])), int(str(row["char_end"])))
            guess = _predicted(infos, *span)
            tp += gold and guess
            fp += guess and not gold
            fn += gold and not guess
            tn += not gold and not guess
            for flag, tally in (("carried_over", carried), ("no_source", no_source)):
                if row[flag]:
                    tally[0] += guess
                    tally[1] += 1
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    print(f"PolNeAR dev, {len(rows)} annotated sentences in {len(by_doc)} articles:")
    print(
        f"  attributed: precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f} "
        "(regex baseline 0.86, annotators 0.93, target 0.90)"
    )
    print(
        f"  recall on carried_over sentences: {carried[0]}/{carried[1]} = "
        f"{carried[0] / carried[1]:.3f}"
    )
    print(
        f"  recall on no_source sentences: {no_source[0]}/{no_source[1]} = "
        f"{no_source[0] / max(1, no_source[1]):.3f}"
    )
    total = sum(named.values())
    print(
        f"  source named for {total} attributed sentences with a named PolNeAR source: "
        + ", ".join(f"{kind} {named[kind] / total:.3f}" for kind in ("agrees", "differs", "none"))
    )


_PRONOUNS = {"he", "she", "they", "his", "her", "their", "we", "i", "it", "him", "them", "its"}
_FILLER = {"the", "a", "of", "and"}


def _words(source: str) -> set[str]:
    return {w.lower().strip(".,’'s") for w in source.split()} - _FILLER


def _source_agreement(infos: list[SentenceInfo], rows: list[dict[str, object]]) -> Counter[str]:
    """Per attributed sentence whose PolNeAR source is a name: does ours share a word with it?"""
    tally: Counter[str] = Counter()
    for info in infos:
        if not info.attributed:
            continue
        gold = {
            word
            for row in rows
            if row["attributed"]
            and int(str(row["char_start"])) < info.end
            and int(str(row["char_end"])) > info.start
            for source in row["sources"]  # type: ignore[attr-defined]
            if source.lower() not in _PRONOUNS
            for word in _words(source)
        }
        if gold:
            kind = (
                "none"
                if info.source is None
                else "agrees"
                if _words(info.source) & gold
                else "differs"
            )
            tally[kind] += 1
    return tally


def bbc(show: int) -> None:
    """Attribution analysis throughput, and a sample of claim findings to read by hand."""
    rules, ctx = load_config(None).rules_for(None)
    rules = [r for r in rules if r.category == "attribution"]
    articles = list(bbc_articles())
    docs = [parse_document(t, str(p), "text") for p, t in articles]
    words = sum(word_count(t) for _, t in articles)
    started = time.perf_counter()
    results = [run_rules(doc, rules, ctx)[0] for doc in docs]
    elapsed = time.perf_counter() - started
    claims = sum(1 for r in results for f in r if f.rule == "attribution.unattributed-claim")
    print(
        f"BBC corpus: {words:,} words; attribution rules: {words / elapsed:,.0f} words/s "
        f"({elapsed:.2f} s; target >= 100,000); {claims} unattributed-claim findings"
    )
    rule = lexicon_rule(rules)
    assert rule is not None
    fresh = [parse_document(t, str(p), "text") for p, t in articles]
    started = time.perf_counter()
    maps = [analyse(doc, rule.options.lexicon) for doc in fresh]
    elapsed = time.perf_counter() - started
    learned = sum(1 for infos in maps for info in infos if info.learned)
    sentences = sum(len(infos) for infos in maps)
    print(
        f"  sourcing map (copydesk sources, with the learned cue model): "
        f"{words / elapsed:,.0f} words/s ({elapsed:.2f} s); {learned} of {sentences:,} "
        "sentences attributed by a learned cue"
    )
    rng = random.Random(3)
    for index in rng.sample(range(len(docs)), show):
        found = [f for f in results[index] if f.rule == "attribution.unattributed-claim"]
        print(
            f"--- {articles[index][0].parent.name}/{articles[index][0].name}: {len(found)} claims"
        )
        for finding in found:
            print("   ", " ".join(finding.match.split()))


def main() -> None:
    """Run both measurements."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", type=int, default=0, help="print findings of N BBC articles")
    args = parser.parse_args()
    polnear()
    bbc(args.show)


if __name__ == "__main__":
    main()
