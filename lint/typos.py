"""The typo engine: is a word the dictionaries do not know a word, or a slip of one we know?

Every unknown token gets one decision, lowercase or capitalised. The evidence on each side:

- for a slip: the known words within one or two edits, each scored by how common it is
  (wordfreq's Zipf scale) less the cost of the slip that would have produced the token
  (``lint.slips``: a swap or a key beside the right one costs less than any other edit);
- for a word in its own right: how common the token itself is, and whether it is built from
  known words (a prefix, a suffix on a word the dictionary lacks, a closed compound).

A closed compound or a derivation is accepted only when no slip explains the token better:
"importnat" splits into "import" and "nat" but is one swap from "important"; "ringtones" and
"reoffending" are near no common word and stay accepted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from lint.lexicon import is_dictionary_word, place_weight, typo_fixes, zipf
from lint.packfiles import shipped_pack_dir
from lint.slips import CHEAPEST_EDIT, name_slip_cost, slip_cost
from lint.variety import american_forms, american_to_british, british_to_american, variant_words
from lint.wordlists import WordList, common_words, frequent_words, name_words, near, place_words
from lint.wordtable import word_table

MAX_SUGGESTIONS = 5
SHORT_WORD = 5  # shorter lowercase words in use are words: common words crowd round them
COMMON_ZIPF = 2.0  # a token this frequent is a word, unless a slip explains it much better
WELL_ATTESTED = 4.0  # evidence of a word in use beyond what any slip of it could outweigh
ATTESTED = 1.0  # what being in use counts for, beyond its frequency: wordfreq's counts hold
# the slips people make too, but a word that common is a word far more often than not
SLIP_WEIGHT = 2.0  # Zipf points that one unit of slip cost is worth
MARGIN = 0.5  # how much better a slip must explain a plausible lowercase token
NAME_MARGIN = 1.5  # ... and a capitalised token, which may be a rare name
CAPITALISED_COMMON = 1.5  # a common word capitalised mid-sentence is that much rarer
DICTIONARY_NAME = 0.5  # the share of that penalty a word the dictionary lists as a name pays
AFTER_NAME = 3.0  # ... and right after a name or a title
SENTENCE_START_COMMON = 1.0  # ... and at the start of a sentence, where names stand too
LENGTH_EASING = 0.25  # margin taken off per letter beyond five
LONG_NAME = 8  # capitalised tokens this long may be two edits from what was meant
LOWERCASE_NAME = 1.0  # a lowercase slip is that much less often of a name
NAME_BONUS = 1.0  # a capitalised token that the dictionary lists as a name
# A word built from known words is accepted when no slip explains it; what its structure
# counts for against a slip that does: a prefix or suffix on a known word ("reoffending")
# this much, two known words closed up ("ringtones") nothing, as most such splits are chance
DERIVED_PRIOR = 1.0
ENDING_BONUS = 0.5  # a suggestion that keeps the token's ending ("-s", "-ing") ranks higher
_INFLECTIONS = ("s", "es", "d", "ed", "ing", "er", "ers", "ly")
_REGULAR = frozenset(["s", "es", "d", "ed", "ing"])  # inflections Hunspell's affixes give
_SUFFIX_LIKE = frozenset(
    [
        "ing",
        "ings",
        "ers",
        "ful",
        "ism",
        "ist",
        "ian",
        "ery",
        "ily",
        "ally",
        "ness",
        "ment",
        "able",
        "ability",
        "tion",
        "sion",
        "ation",
        "ous",
    ]
)
SHORT_PART_ZIPF = 4.0  # a three-letter part of a compound must be this common ("car", "pay")
STEM_ZIPF = 3.0  # an unlisted stem this common takes a suffix ("blogger" from "blog")
_PREFIXES = (
    *("re", "un", "pre", "non", "co", "de", "over", "under", "anti", "mis", "out", "sub"),
    *("inter", "super", "mega", "giga", "tera", "multi", "micro", "cyber", "counter", "post"),
    *("semi", "ultra"),
)


@cache
def news_words() -> frozenset[str]:
    """Words of current news the dictionaries lack (``rules/news-words.txt``)."""
    text = (shipped_pack_dir() / "news-words.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _listed(word: str) -> bool:
    return is_dictionary_word(word) or word in news_words()


@lru_cache(maxsize=300_000)
def is_listed_word(word: str) -> bool:
    """Whether a lowercase word is in the dictionary or the news words, in either spelling
    variety; known misspellings never are."""
    if typo_fixes(word) is not None:
        return False
    if word in variant_words() or _listed(word):
        return True
    return any(_listed(us) for us in american_forms(word))


@dataclass(frozen=True)
class Evidence:
    """How plausible a token is as a word of its own (Zipf-like), and the words it is built of."""

    score: float
    attested: bool = False  # in use often enough to be a word, unless a slip explains it
    parts: frozenset[str] = frozenset()

    @property
    def plausible(self) -> bool:
        """In use, or built like a word."""
        return self.attested or bool(self.parts)


def _plain(word: str) -> bool:
    return len(word) >= 3 and (_listed(word) or zipf(word) >= COMMON_ZIPF)


def _compound_part(word: str) -> bool:
    """A word that can stand in a closed compound: not a suffix ("-ing", "-ness"), and if of
    three letters, a very common word ("car", "pay"): chance splits are mostly of that kind."""
    if word in _SUFFIX_LIKE or not _plain(word):
        return False
    return len(word) > 3 or (zipf(word) >= SHORT_PART_ZIPF and _listed(word))


@lru_cache(maxsize=100_000)
def word_evidence(word: str, depth: int = 0) -> Evidence:
    """The evidence that a lowercase token is a word in its own right."""
    attested = zipf(word)
    if attested >= COMMON_ZIPF:
        attested += ATTESTED
    if attested >= WELL_ATTESTED:
        return Evidence(attested, True)  # structure could add nothing a slip would not lose to
    built, parts = _built(word, depth)
    return Evidence(max(attested, built), attested >= COMMON_ZIPF, parts)


def _built(word: str, depth: int) -> tuple[float, frozenset[str]]:
    """How likely a word its structure makes it, and the known words it is built of."""
    if not word.isalpha():
        return 0.0, frozenset()
    score, parts = 0.0, set[str]()
    for prefix in _PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and _plain(rest):
            score, parts = max(score, DERIVED_PRIOR), parts | {rest}
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if _compound_part(head) and _compound_part(tail):
            parts |= {head, tail}
    if depth == 0:
        for suffix in _INFLECTIONS:
            stem = word[: -len(suffix)]
            if not word.endswith(suffix) or len(stem) < 4:
                continue
            if is_listed_word(stem):
                # the dictionary knows a listed word's inflections, and this is not one of
                # them ("companys"); it often lacks its adverbs and agent nouns
                if suffix in _REGULAR:
                    continue
                score, parts = max(score, DERIVED_PRIOR), parts | {stem}
            elif zipf(stem) >= STEM_ZIPF or _built(stem, 1)[1]:
                score, parts = max(score, DERIVED_PRIOR), parts | {stem}
    return score, frozenset(parts)


Position = Literal["start", "mid", "after-name"]  # where a capitalised token stands


@dataclass(frozen=True)
class Slip:
    """A known word the token may be a slip of, and how well that explains it."""

    score: float
    word: str

    def __lt__(self, other: Slip) -> bool:
        """Best explanation first."""
        return (-self.score, self.word) < (-other.score, other.word)


def _related(token: str, word: str) -> bool:
    """Whether one is an inflection of the other ("hotspots" and "hotspot")."""
    short, long = sorted((token, word), key=len)
    return long.startswith(short) and long[len(short) :] in _INFLECTIONS


def slips(
    token: str, lists: Iterable[tuple[WordList, float]], edits: int, floor: float = -99.0
) -> list[Slip]:
    """Words of the lists within ``edits`` edits, best explanation first. Each list comes
    with the amount taken off its words' frequency; the names list is scored as names.
    Words that could not score ``floor`` even with the cheapest slips are not scored."""
    scored: dict[str, Slip] = {}
    cheapest = SLIP_WEIGHT * CHEAPEST_EDIT
    for words, penalty in lists:
        for word, distance in near(token, words, edits, floor + cheapest):
            prior = words.weights[word]
            if prior - cheapest * distance < floor:
                continue
            slip = _scored(token, word, penalty, words is not common_words(), prior)
            if word not in scored or slip.score > scored[word].score:
                scored[word] = slip
    return sorted(scored.values())


def _scored(
    token: str, word: str, penalty: float, name: bool = False, prior: float | None = None
) -> Slip:
    cost = name_slip_cost(token, word) if name else slip_cost(token, word)
    return Slip((zipf(word) if prior is None else prior) - penalty - SLIP_WEIGHT * cost, word)


def _explaining(token: str, found: list[Slip], evidence: Evidence) -> list[Slip]:
    """The slips that are not the token's own parts or inflections."""
    return [s for s in found if s.word not in evidence.parts and not _related(token, s.word)]


@lru_cache(maxsize=50_000)
def lowercase_verdict(word: str, variety: str) -> tuple[str, ...] | None:
    """None when a lowercase word is a word, else its ranked suggestions (maybe empty)."""
    fixes = typo_fixes(word)
    if fixes is not None:
        return _in_variety(fixes, variety)[:MAX_SUGGESTIONS]
    if is_listed_word(word):
        return None
    evidence = word_evidence(word)
    if evidence.attested and len(word) < SHORT_WORD:
        return None  # a short word in use: a slip of some common word is always near it
    edits = 2 if len(word) >= SHORT_WORD else 1
    if evidence.plausible:
        floor = evidence.score + MARGIN
        better = _explaining(word, slips(word, [(common_words(), 0.0)], edits, floor), evidence)
        if not better or better[0].score < floor:
            return None
    # a slip may be of a name written in lower case ("amercia", "britian")
    names = [(name_words(), LOWERCASE_NAME), (place_words(), LOWERCASE_NAME)]
    found = slips(word, [(common_words(), 0.0), *names], edits)
    suggestions = tuple(
        s if is_listed_word(s) else _capitalise(s) for s in _ranked(word, found, variety)
    )
    if any(s.lower() == word for s in suggestions):
        return None  # only the capitalisation differs ("internet" for "Internet")
    return suggestions


@lru_cache(maxsize=50_000)
def capitalised_verdict(word: str, variety: str, where: Position) -> tuple[str, ...] | None:
    """None when a capitalised token is a word or a name, else suggestions (capitalised).

    A capitalised token is often a name no list holds, so a slip must explain it clearly
    better, and a common word is a likely intent only as often as it is capitalised: at
    the start of a sentence, or mid-sentence in a name ("the Enviornment Agency"), but not
    right after a given name or a title, where a surname stands.
    Mid-sentence, known misspellings count as slips to weigh, not as verdicts: codespell's
    list is made for lowercase words, and "Wass" or "Humber" there are names.
    """
    lower = word.lower()
    if is_listed_word(lower) or lower in variant_words():
        return None
    fixes = typo_fixes(lower) or ()
    if fixes and where == "start":
        return tuple(_capitalise(f) for f in _in_variety(fixes, variety)[:MAX_SUGGESTIONS])
    if where == "after-name":
        fixes = ()  # codespell's list is of lowercase words; a surname stands here
    evidence = word_evidence(lower)
    if evidence.attested and len(lower) < SHORT_WORD:
        return None
    # a known misspelling's frequency is that of the slip itself: no evidence of a word
    own = 0.0 if fixes else evidence.score
    place = place_weight(lower)
    if place:
        own = max(own, place + NAME_BONUS)  # a real place ("Stromness"), however small
    if is_dictionary_word(word):
        own = max(own, zipf(lower) + NAME_BONUS)
    edits = 2 if len(lower) >= LONG_NAME else 1  # a short unknown name is often near another
    # a common word is what was meant only as often as it is capitalised there: after a
    # name or a title a surname stands ("Sarah Teather", not "Teacher" mistyped)
    common = {"start": SENTENCE_START_COMMON, "mid": CAPITALISED_COMMON}.get(where, AFTER_NAME)
    lists = [(name_words(), 0.0), (place_words(), 0.0), (common_words(), common)]
    floor = own + name_margin(len(lower))
    found = slips(lower, lists, edits, floor)
    found = [_as_name(lower, s, common) for s in found]
    found += [_scored(lower, fix, 0.0) for fix in fixes if fix.isalpha()]
    better = _explaining(lower, sorted(found), evidence)
    if not better or better[0].score < floor:
        return None
    # a name keeps its own spelling whatever the article's variety ("Labour", "Center")
    return tuple(_capitalise(s) for s in _ranked(lower, better, None))


def _as_name(token: str, slip: Slip, common: float) -> Slip:
    """A common word the dictionary also lists as a name ("Downing", "Ride") is capitalised
    more often than other common words, by how much it cannot say: it pays half the penalty."""
    if slip.word not in common_words().weights or not _dictionary_name(slip.word):
        return slip
    rescored = _scored(token, slip.word, common * DICTIONARY_NAME)
    return rescored if rescored.score > slip.score else slip


@lru_cache(maxsize=50_000)
def _dictionary_name(word: str) -> bool:
    """Whether the dictionary lists a word's capitalised form as a name beside the word."""
    return bool(word_table().is_form(_capitalise(word)))


def name_margin(length: int) -> float:
    """How much better a slip must explain a capitalised token than a name would. A long
    token is less often a real name that happens to lie one edit from a known word."""
    return max(0.0, NAME_MARGIN - LENGTH_EASING * max(0, length - SHORT_WORD))


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def _ranked(word: str, found: list[Slip], variety: str | None) -> tuple[str, ...]:
    """Suggestions: slips in the article's variety (if given), those keeping the token's
    inflection first; when no slip is near, the closest of the commonest words up to three
    edits away."""
    if not found:
        far = near(word, frequent_words(), 3)
        return _in_variety([w for w, _ in far], variety)[:MAX_SUGGESTIONS]
    ending = _ending(word)
    ordered = sorted(
        found,
        key=lambda s: (
            -(s.score + (ENDING_BONUS if ending and _ending(s.word) == ending else 0)),
            s.word,
        ),
    )
    return _in_variety([s.word for s in ordered], variety)[:MAX_SUGGESTIONS]


def _ending(word: str) -> str:
    return next((e for e in ("ing", "ed", "ly", "s") if word.endswith(e)), "")


def _in_variety(words: Iterable[str], variety: str | None) -> tuple[str, ...]:
    """Words in the article's spelling variety (as they are for None), without repeats."""
    if variety is None:
        return tuple(dict.fromkeys(words))
    swap = british_to_american() if variety == "en-US" else american_to_british()
    return tuple(dict.fromkeys(swap.get(w, w) for w in words))
