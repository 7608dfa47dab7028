"""A learned attribution-cue scorer: finds the cue words that no lexicon lists.

Attribution cues have a long tail ("offered", "signalled", "is pushing for", "seemed"): a
word list can hold the common ones but not a tail whose members are cues only in context
("Clinton offered a plan" against "the plan offered little"). This is a logistic regression
over the context of each candidate word, trained by ``scripts/train_cue_model.py`` on
PolNeAR's training split and shipped as a plain-text weight file beside the attribution pack.

Scoring is pure: a sentence's words in, the best-scoring cue span out. Only words the
training data saw as cues are candidates, so most words cost one set lookup.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from lint.errors import ConfigError
from lint.safefile import read_regular_text

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d.,]*|[:“”\"—]")
_PRONOUNS = frozenset(["he", "she", "they", "i", "we", "you", "it"])
STEM_SUFFIXES = ("ing", "ed", "es", "s")  # what ``stem`` takes off, longest first


def shape(word: str | None) -> str:
    """A coarse class of a word: pronoun, capitalised, number, lower case or the mark itself."""
    if word is None:
        return "none"
    if word.lower() in _PRONOUNS:
        return "pron"
    if word[0].isupper():
        return "cap"
    if word[0].isdigit():
        return "num"
    return "low" if word[0].isalpha() else word


def stem(word: str) -> str:
    """A crude stem that groups a verb's forms ("warned", "warns", "warning" -> "warn")."""
    for suffix in STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def context(words: list[str]) -> tuple[list[str], dict[int, str]]:
    """A sentence's words (as written) lower-cased and shaped, for ``word_features``."""
    return [w.lower() for w in words], dict(enumerate(shape(w) for w in words))


def word_features(lower: list[str], shapes: Mapping[int, str], k: int, quoted: bool) -> list[str]:
    """The context features of the ``k``-th word of a sentence, which is inside a quotation if
    ``quoted``: ``lower`` holds the sentence's words lower-cased, ``shapes`` the shapes of at
    least the three words before it and the one after.
    """
    word = lower[k]
    p = lower[k - 1] if k > 0 else ""
    n = lower[k + 1] if k + 1 < len(lower) else ""
    prev_shape = shapes[k - 1] if k > 0 else "none"
    before_shape = shapes[k - 2] if k > 1 else "none"
    near = [shapes[i] for i in range(max(0, k - 3), k)]
    subject = "cap" in near or "pron" in near
    base = stem(word)
    after = lower[k + 1 : k + 5]
    return [
        f"w={word}",
        f"b={base}",
        f"p={p}",
        f"n={n}",
        f"n2={lower[k + 2] if k + 2 < len(lower) else ''}",
        f"that={'that' in after}|{base}",  # "warned that ..." against "warned of"
        f"to={n == 'to'}|{base}",  # "plans to ...", "refused to ..."
        f"pw={p}|{word}",
        f"wn={word}|{n}",
        f"bn={base}|{n}",
        f"p2={lower[k - 2] if k > 1 else ''}",
        f"ps={prev_shape}",
        f"pps={before_shape}|{prev_shape}",
        f"ns={shapes[k + 1] if k + 1 < len(lower) else 'none'}",
        f"sh={shapes[k]}",
        f"q={quoted}",
        f"first={k == 0}",
        f"subj={subject}|{base}",
    ]


@dataclass(frozen=True)
class CueModel:
    """Weights of a logistic regression over ``word_features``, and its decision threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float
    candidates: frozenset[str]

    def score(self, features: Iterable[str]) -> float:
        """The probability that a word with these features is an attribution cue."""
        total = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        # clamped: a hand-edited file with huge weights must not overflow math.exp
        return 1.0 / (1.0 + math.exp(-max(-700.0, min(700.0, total))))

    def best_cue(
        self,
        body: str,
        quotations: Callable[[], list[tuple[int, int]]],
        allowed: Callable[[tuple[int, int]], bool] = lambda span: True,
    ) -> tuple[int, int, float] | None:
        """The highest-scoring cue word of a sentence at or above the threshold, if any:
        ``(start, end, probability)`` with offsets into ``body``. ``quotations`` gives the
        sentence's quoted spans; it is called only if the sentence has a candidate word.
        A word whose span ``allowed`` rejects is passed over.
        """
        if self.candidates.isdisjoint(WORD.findall(body.lower())):
            return None  # most sentences: one C-level set test
        found = list(WORD.finditer(body))
        words = [m.group() for m in found]
        lower = [w.lower() for w in words]
        quoted = quotations()
        best: tuple[int, int, float] | None = None
        for k, match in enumerate(found):
            if lower[k] not in self.candidates or not allowed(match.span()):
                continue
            probability = self._probability(words, lower, k, match.span(), quoted)
            if probability >= self.threshold and (best is None or probability > best[2]):
                best = (*match.span(), probability)
        return best

    def probability_at(
        self, body: str, start: int, quotations: Callable[[], list[tuple[int, int]]]
    ) -> float | None:
        """The probability that the word at offset ``start`` of a sentence is a cue, or None
        if that word is no candidate (see ``best_cue`` for ``quotations``)."""
        found = list(WORD.finditer(body))
        words = [m.group() for m in found]
        lower = [w.lower() for w in words]
        for k, match in enumerate(found):
            if match.start() == start:
                if lower[k] not in self.candidates:
                    return None
                return self._probability(words, lower, k, match.span(), quotations())
        return None

    def _probability(
        self,
        words: list[str],
        lower: list[str],
        k: int,
        span: tuple[int, int],
        quoted: list[tuple[int, int]],
    ) -> float:
        """The score of the ``k``-th of a sentence's ``words`` (``lower``: lower-cased), found
        at ``span`` in a sentence with the ``quoted`` spans."""
        start, end = span
        inside = any(s < start and end < e for s, e in quoted)
        window = range(max(0, k - 3), min(len(words), k + 2))
        shapes = {i: shape(words[i]) for i in window}
        return self.score(word_features(lower, shapes, k, inside))


def load_model(path: str, text: str) -> CueModel:
    """Parse a model file: ``key<TAB>value`` lines for ``threshold``, ``bias`` and
    ``candidates`` (space-separated words), then one ``feature<TAB>weight`` line per feature.

    A malformed line is a ``ConfigError`` naming the file and line.
    """
    settings: dict[str, str] = {}
    lines: dict[str, int] = {}  # where each setting is given
    weights: dict[str, float] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        key, sep, value = line.partition("\t")
        if not sep or not key:
            raise ConfigError(path, "expected 'key<TAB>value'", number, 1)
        if key in _SETTINGS:
            settings[key], lines[key] = value, number
            continue
        weights[key] = _number(path, number, value)
    missing = [key for key in _SETTINGS if key not in settings]
    if missing:
        raise ConfigError(path, f"cue model lacks '{missing[0]}'")
    threshold = _number(path, lines["threshold"], settings["threshold"])
    if not 0.0 < threshold < 1.0:
        raise ConfigError(
            path, f"cue model threshold {threshold} is not between 0 and 1", lines["threshold"], 1
        )
    return CueModel(
        weights=weights,
        bias=_number(path, lines["bias"], settings["bias"]),
        threshold=threshold,
        candidates=frozenset(settings["candidates"].split()),
    )


_SETTINGS = ("threshold", "bias", "candidates")


def _number(path: str, line: int | None, value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ConfigError(path, f"'{value}' is not a number", line, 1) from None
    if not math.isfinite(number):
        raise ConfigError(path, f"'{value}' is not a finite number", line, 1)
    return number


class CueModelFile:
    """A validated model file whose weights are parsed on first use.

    The compiled pack cache pickles only the file's path: a ``copydesk check`` run, which
    never asks the model, neither reads the file nor builds its weight table. The pack cache
    has already found the file unchanged since it was validated.
    """

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self._model: CueModel | None = load_model(path, text)  # errors surface at pack load

    @property
    def model(self) -> CueModel:
        """The parsed model."""
        if self._model is None:
            self._model = load_model(self.path, _read_text(self.path))
        return self._model

    def __getstate__(self) -> dict[str, str]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, str]) -> None:
        self.path = state["path"]
        self._model = None


def _read_text(path: str) -> str:
    try:
        return read_regular_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise ConfigError(path, f"cannot read the cue model: {reason}") from None
