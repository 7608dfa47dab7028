"""Names and terms quality on the BBC corpus: false alarms per 1,000 words and injected-typo recall.

Usage: python bench/names_quality.py [--list]

Data: BBC News dataset (D. Greene and P. Cunningham, ICML 2006), read from ../shared/corpus/bbc.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bbc_articles, sentence_of, word_count
from lint.config import load_config
from lint.document import parse_document
from lint.engine import run_rules
from lint.lexicon import is_dictionary_word

CATEGORIES = {"names", "terms"}


def false_alarms(show: bool) -> None:
    """Findings of the names and terms rules on professionally edited copy."""
    config = load_config(None)
    rules, ctx = config.rules_for(None)
    rules = [r for r in rules if r.category in CATEGORIES]
    words = 0
    found = []
    started = time.perf_counter()
    for path, text in bbc_articles():
        words += word_count(text)
        doc = parse_document(text, str(path), "text")
        findings, _ = run_rules(doc, rules, ctx)
        found += [(path, text, f) for f in findings]
    elapsed = time.perf_counter() - started
    by_rule = Counter(f.rule for _, _, f in found)
    print(f"BBC corpus: {words:,} words, {len(found)} names/terms findings")
    print(f"  per 1,000 words: {1000 * len(found) / words:.3f} (target <= 0.2)")
    print(f"  by rule: {dict(by_rule)}")
    print(f"  time: {elapsed:.2f} s")
    if show:
        for path, text, f in found:
            where = f"{path.parent.name}/{path.name}"
            print(
                f"  {where}: {f.rule} {f.match!r} -> {list(f.replacements)}: "
                f"{sentence_of(text, f.start, f.end)}"
            )


def _misspell(word: str, rng: random.Random) -> str:
    """One single-character edit: deletion, adjacent transposition or substitution."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    for _ in range(20):
        kind = rng.choice(("delete", "transpose", "substitute"))
        i = rng.randrange(1, len(word))  # keep the capital initial
        if kind == "delete":
            candidate = word[:i] + word[i + 1 :]
        elif kind == "transpose" and i < len(word) - 1:
            candidate = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        else:
            candidate = word[:i] + rng.choice(letters) + word[i + 1 :]
        if candidate != word and not is_dictionary_word(candidate):
            return candidate
    return word


def injection_recall(seed: int, trials: int) -> None:
    """Misspell one occurrence of a name used 3+ times in an article; is it caught and fixed?"""
    rng = random.Random(seed)
    config = load_config(None)
    rules, ctx = config.rules_for(None)
    rules = [r for r in rules if r.category in CATEGORIES]
    articles = [(p, t) for p, t in bbc_articles()]
    rng.shuffle(articles)
    caught = first_right = attempted = 0
    misses = []
    for path, text in articles:
        if attempted >= trials:
            break
        names = Counter(
            m.group()
            for m in re.finditer(r"(?<![\w.])[A-Z][a-z]{4,}\b", text)
            if m.start() > text.find("\n")
        )
        candidates = [n for n, c in names.items() if c >= 3 and not is_dictionary_word(n.lower())]
        if not candidates:
            continue
        name = rng.choice(sorted(candidates))
        spots = [m.start() for m in re.finditer(rf"\b{name}\b", text)]
        spot = rng.choice(spots[1:])
        typo = _misspell(name, rng)
        if typo == name:
            continue
        attempted += 1
        mutated = text[:spot] + typo + text[spot + len(name) :]
        findings, _ = run_rules(parse_document(mutated, str(path), "text"), rules, ctx)
        hit = [f for f in findings if f.start == spot]
        if hit:
            caught += 1
            first_right += hit[0].replacements[:1] == (name,)
        else:
            misses.append(f"{path.parent.name}/{path.name}: {name} -> {typo}")
    print(f"Injected single-character misspellings of names used 3+ times: {attempted}")
    print(f"  recall: {caught / attempted:.1%} (target >= 90%)")
    print(f"  first replacement is the original: {first_right / attempted:.1%}")
    for miss in misses[:15]:
        print(f"  missed: {miss}")


def main() -> None:
    """Run both measurements."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--list", action="store_true", help="list every false alarm")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--trials", type=int, default=500)
    args = parser.parse_args()
    false_alarms(args.list)
    injection_recall(args.seed, args.trials)


if __name__ == "__main__":
    main()
