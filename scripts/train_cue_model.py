"""Train the learned attribution-cue model into rules/attribution-cue-model.tsv.

Usage: python scripts/train_cue_model.py [--folds 5]   (needs the ``train`` extra: scikit-learn)

Each form of a stem that PolNeAR's training annotators marked as part of a cue (at least
``MIN_CUE_COUNT`` times) is a candidate; its label is whether it lies inside an annotated
cue in this sentence, and its features are ``lint.cuemodel.word_features``. A logistic
regression (scikit-learn's lbfgs, deterministic) learns the weights. The decision threshold is
chosen by cross-validation over training articles, on the same sentence-level measure as
``bench/attribution_quality.py``, with the pack's rules doing everything else. Only the train
split is read, so the dev split stays a fair test. Same data, same file.
Data: PolNeAR (Newell, Margolin and Ruths, LREC 2018), read from ../shared/eval/polnear.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.checks.attribution import Lexicon, analyse, quote_regions  # noqa: E402
from lint.config import load_config  # noqa: E402
from lint.cuemodel import STEM_SUFFIXES, WORD, context, stem, word_features  # noqa: E402
from lint.document import parse_document  # noqa: E402
from lint.sentences import sentences  # noqa: E402
from lint.sources import lexicon_rule  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "eval" / "polnear"
OUTPUT = ROOT / "rules" / "attribution-cue-model.tsv"
MIN_CUE_COUNT = 2  # a stem annotated as a cue fewer times gives no candidate
MIN_WEIGHT = 0.3  # smaller weights are dropped: the file stays small and quick to load
MIN_REACH = 0.1  # see ``reachable``
THRESHOLDS = [t / 100 for t in range(25, 61, 5)]
_ANNOTATOR = re.compile(r"(.+)_[0-9a-f]{4}\.ann$")


@dataclass
class Unit:
    """One sentence of a training article: the rules' verdict and its words' features."""

    doc: str
    start: int
    end: int
    by_rules: bool  # attributed by the pack's rules alone
    asked: bool  # the model decides it: unattributed, with neither a claim nor a quotation
    words: list[tuple[str, list[str], bool]]  # (word, features, inside an annotated cue)


def cue_spans(ann: str) -> list[tuple[int, int]]:
    """The character spans of the annotated cues in a brat standoff file."""
    spans = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and fields[1].startswith("Cue "):
            for part in fields[1][4:].split(";"):
                start, end = part.split()
                spans.append((int(start), int(end)))
    return spans


def articles() -> list[tuple[str, str, list[tuple[int, int]]]]:
    """(name, text, cue spans) of each training article, with its first annotator's cues."""
    found = []
    for path in sorted((POLNEAR / "data" / "train" / "attributions").glob("*.ann")):
        match = _ANNOTATOR.match(path.name)
        if match is None or (found and found[-1][0] == match.group(1)):
            continue
        text = (POLNEAR / "data" / "train" / "text" / f"{match.group(1)}.txt").read_text("utf-8")
        found.append((match.group(1), text, cue_spans(path.read_text(encoding="utf-8"))))
    return found


def units(lexicon: Lexicon) -> list[Unit]:
    """Every sentence of the training split, as the pack segments and judges it."""
    result = []
    for name, text, cues in articles():
        doc = parse_document(text, name, "text")
        for sentence, info in zip(sentences(doc), analyse(doc, lexicon), strict=True):
            body = text[sentence.start : sentence.end]
            quoted = quote_regions(body, 0, len(body))
            found = list(WORD.finditer(body))
            lower, shapes = context([m.group() for m in found])
            labelled = []
            for k, m in enumerate(found):
                start, end = m.start() + sentence.start, m.end() + sentence.start
                inside = any(s < m.start() and m.end() < e for s, e in quoted)
                gold = any(s < end and start < e for s, e in cues)
                labelled.append((lower[k], word_features(lower, shapes, k, inside), gold))
            result.append(
                Unit(
                    name,
                    sentence.start,
                    sentence.end,
                    info.attributed,
                    not info.attributed and not info.needs_attribution,
                    labelled,
                )
            )
    return result


# Words annotated inside longer cues ("has been critical of", "went out of his way") that
# would name no cue an editor could read: the map shows the content word instead.
FUNCTION_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "against",
        "also",
        "an",
        "and",
        "are",
        "as",
        "at",
        "back",
        "be",
        "been",
        "being",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "down",
        "for",
        "from",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "his",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "later",
        "more",
        "much",
        "not",
        "of",
        "off",
        "on",
        "only",
        "or",
        "out",
        "over",
        "she",
        "so",
        "still",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "they",
        "this",
        "to",
        "too",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "while",
        "who",
        "will",
        "with",
        "would",
        "you",
    ]
)


def candidates(data: list[Unit]) -> set[str]:
    """The forms of every stem annotated as (part of) a cue at least ``MIN_CUE_COUNT`` times,
    function words aside: "maintains" is scored once "maintained" and "maintain" were cues."""
    counts: Counter[str] = Counter(
        stem(w)
        for u in data
        for w, _, gold in u.words
        if gold and re.fullmatch(r"[a-z'’-]+", w) and w not in FUNCTION_WORDS
    )
    return {
        form
        for base, n in counts.items()
        if n >= MIN_CUE_COUNT
        for form in (base + suffix for suffix in ("", *STEM_SUFFIXES))
        if stem(form) == base and form not in FUNCTION_WORDS
    }


def fit(data: list[Unit], words: set[str]) -> tuple[Any, Any]:
    """A logistic regression over the candidate words of ``data``."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [(f, gold) for u in data for w, f, gold in u.words if w in words]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(f, 1) for f, _ in rows])
    matrix.indices = matrix.indices.astype(np.int32)  # lbfgs wants 32-bit indices
    matrix.indptr = matrix.indptr.astype(np.int32)
    model = LogisticRegression(C=1.0, max_iter=3000).fit(matrix, [gold for _, gold in rows])
    return vectorizer, model


def best_scores(data: list[Unit], words: set[str], trained: tuple[Any, Any]) -> list[float]:
    """Each unit's highest candidate-word probability (0 without candidates)."""
    vectorizer, model = trained
    rows = [(i, f) for i, u in enumerate(data) for w, f, _ in u.words if w in words]
    best = [0.0] * len(data)
    if rows:
        found = model.predict_proba(vectorizer.transform([dict.fromkeys(f, 1) for _, f in rows]))
        for (i, _), probability in zip(rows, found[:, 1], strict=True):
            best[i] = max(best[i], float(probability))
    return best


def gold_rows() -> dict[str, list[dict[str, Any]]]:
    """PolNeAR's sentence rows of the training split, by article."""
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with (POLNEAR / "polnear_train_sentence.jsonl").open(encoding="utf-8") as rows:
        for line in rows:
            row = json.loads(line)
            by_doc[row["doc"]].append(row)
    return by_doc


def f1(data: list[Unit], decided: list[bool], gold: dict[str, list[dict[str, Any]]]) -> float:
    """Sentence-level F1 of ``attributed``, mapped onto PolNeAR's sentences by overlap."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, unit in enumerate(data):
        by_doc[unit.doc].append(i)
    tp = fp = fn = 0
    for name, indices in by_doc.items():
        for row in gold[name]:
            covered = attributed = 0
            for i in indices:
                overlap = min(row["char_end"], data[i].end) - max(row["char_start"], data[i].start)
                if overlap > 0:
                    covered += overlap
                    attributed += overlap if decided[i] else 0
            guess = covered > 0 and attributed * 2 >= covered
            tp += row["attributed"] and guess
            fp += guess and not row["attributed"]
            fn += row["attributed"] and not guess
    return 2 * tp / (2 * tp + fp + fn)


def choose_threshold(data: list[Unit], folds: int) -> tuple[float, dict[float, float]]:
    """The threshold with the best cross-validated F1 over training articles."""
    docs = sorted({u.doc for u in data})
    scores = [0.0] * len(data)
    for k in range(folds):
        held = set(docs[k::folds])
        rest = [u for u in data if u.doc not in held]
        words = candidates(rest)
        indices = [i for i, u in enumerate(data) if u.doc in held and u.asked]
        found = best_scores([data[i] for i in indices], words, fit(rest, words))
        for i, score in zip(indices, found, strict=True):
            scores[i] = score
        print(f"fold {k + 1}/{folds} done", flush=True)
    gold = gold_rows()
    results = {
        t: f1(data, [u.by_rules or s >= t for u, s in zip(data, scores, strict=True)], gold)
        for t in THRESHOLDS
    }
    return max(results, key=lambda t: (results[t], -t)), results


def reachable(
    data: list[Unit], words: set[str], trained: tuple[Any, Any], threshold: float
) -> set[str]:
    """The candidates whose stem reaches the threshold in training at least ``MIN_CUE_COUNT``
    times and in ``MIN_REACH`` of its occurrences: a word that almost never decides ("the",
    "of") would cost a score at nearly every word of an article.
    """
    vectorizer, model = trained
    rows = [(w, f) for u in data for w, f, _ in u.words if w in words]
    found = model.predict_proba(vectorizer.transform([dict.fromkeys(f, 1) for _, f in rows]))
    seen: Counter[str] = Counter(stem(w) for w, _ in rows)
    reached: Counter[str] = Counter(
        stem(w) for (w, _), p in zip(rows, found[:, 1], strict=True) if p >= threshold
    )
    kept = {b for b, n in reached.items() if n >= MIN_CUE_COUNT and n >= seen[b] * MIN_REACH}
    return {w for w in words if stem(w) in kept}


_FORM_FEATURES = {"w": 0, "pw": 1, "wn": 0}  # feature -> which "|" part names the word
# the same for features naming its stem
_STEM_FEATURES = {"b": 0, "bn": 0, "subj": 1, "that": 1, "to": 1}


def _about(name: str, words: set[str], stems: set[str]) -> bool:
    """Whether a feature can fire for one of the candidate ``words`` (or their ``stems``):
    a feature naming another word is dropped with it."""
    prefix, _, value = name.partition("=")
    if prefix in _FORM_FEATURES:
        return value.split("|")[_FORM_FEATURES[prefix]] in words
    if prefix in _STEM_FEATURES:
        return value.split("|")[_STEM_FEATURES[prefix]] in stems
    return True


def write(path: Path, trained: tuple[Any, Any], words: set[str], threshold: float) -> int:
    """Write the model file; returns the number of features kept."""
    vectorizer, model = trained
    stems = {stem(w) for w in words}
    weights = sorted(
        (name, float(w))
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT and _about(name, words, stems)
    )
    lines = [
        "# Learned attribution-cue model: written by scripts/train_cue_model.py from PolNeAR",
        "# train (Newell, Margolin and Ruths, LREC 2018). Features: lint/cuemodel.py.",
        f"threshold\t{threshold}",
        f"bias\t{float(model.intercept_[0]):.4f}",
        f"candidates\t{' '.join(sorted(words))}",
        *(f"{name}\t{w:.4f}" for name, w in weights),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(weights)


def main() -> None:
    """Train, choose the threshold, write the file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    if not POLNEAR.exists():
        sys.exit(f"train_cue_model: {POLNEAR} not found (PolNeAR is read from ../shared)")
    rules, _ = load_config(None).rules_for(None)
    rule = lexicon_rule(rules)
    assert rule is not None
    # the rules alone: the model learns what they miss, whatever model the pack names now
    lexicon = replace(rule.options.lexicon, cue_model=None, signature="train-cue-model")
    data = units(lexicon)
    threshold, results = choose_threshold(data, args.folds)
    print("cross-validated F1 by threshold:", {t: round(f, 4) for t, f in results.items()})
    words = candidates(data)
    trained = fit(data, words)
    words = reachable(data, words, trained, threshold)
    kept = write(OUTPUT, trained, words, threshold)
    print(f"threshold {threshold}; {len(words)} candidate words; {kept} features -> {OUTPUT}")


if __name__ == "__main__":
    main()
