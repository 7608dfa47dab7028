"""Shipped rules are tested like code: examples hold, data is consistent."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lint.examples import example_failures
from lint.packs import shipped_packs
from lint.rule import Rule
from lint.sourcing.signals import ClaimSignals, signal_hits
from lint.trie import PhraseSet
from tests.helpers import shipped_rules

ALL_RULES = shipped_rules()


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.id)
def test_rule_examples(rule: Rule) -> None:
    assert rule.examples.bad, f"{rule.id} has no examples that must fire"
    assert example_failures(rule) == []


def test_rule_ids_are_unique_and_prefixed_by_their_pack() -> None:
    ids = [rule.id for rule in ALL_RULES]
    assert len(ids) == len(set(ids))
    packs = shipped_packs()
    for rule in ALL_RULES:
        assert rule.id.split(".")[0] in packs, rule.id


def test_substitutions_do_not_contradict_each_other() -> None:
    wrong_to_right: dict[str, str] = {}
    rights: set[str] = set()
    for rule in ALL_RULES:
        if rule.kind != "substitution":
            continue
        for entries in rule.options.swaps._by_first.values():
            for words, _, right in entries:
                wrong = " ".join(words).lower()
                assert wrong_to_right.setdefault(wrong, right.lower()) == right.lower(), wrong
                rights.add(right.lower())
    assert not rights & set(wrong_to_right), "a replacement is itself flagged as wrong"


RULES = Path(__file__).parent.parent / "rules"
# every word list the shipped attribution pack reads from a file, by lexicon key
LIST_FILES = {
    "cues": "attribution-cues-listed.txt",
    "not_cues": "attribution-not-cues.txt",
    "vague": "attribution-vague.txt",
    "labels": "attribution-labels.txt",
    "market_data": "attribution-market-data.txt",
    "noun_cues": "attribution-noun-cues.txt",
    "documents": "attribution-documents.txt",
    "group_nouns": "attribution-group-nouns.txt",
}


def _entries(name: str) -> list[str]:
    """A word list file's entries: its lines, less comments and blank lines."""
    lines = (RULES / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line.strip() and not line.startswith("#")]


def _lists() -> dict[str, list[str]]:
    return {key: _entries(name) for key, name in LIST_FILES.items()}


def test_the_pack_reads_each_list_from_its_file() -> None:
    lexicon = yaml.safe_load((RULES / "attribution.yaml").read_text(encoding="utf-8"))[0]["lexicon"]
    assert {key: lexicon[key] for key in LIST_FILES} == {
        key: {"file": name} for key, name in LIST_FILES.items()
    }


@pytest.mark.parametrize("name", sorted(LIST_FILES.values()))
def test_word_lists_are_sorted_unique_and_tidy(name: str) -> None:
    entries = _entries(name)
    assert entries, name
    assert entries == sorted(entries, key=str.lower), f"{name} is not sorted"
    assert len({e.lower() for e in entries}) == len(entries), f"{name} lists an entry twice"
    assert [e for e in entries if e != " ".join(e.split())] == [], "stray spaces"


def test_word_lists_do_not_contradict_each_other() -> None:
    lists = _lists()
    openings = {cue.split()[0].lower() for cue in lists["cues"] + _entries("attribution-cues.txt")}
    # a noun cue is a cue's first word ("prediction" of "prediction that"), or it is never
    # met; a document is a noun cue naming itself
    assert set(lists["noun_cues"]) <= openings
    assert set(lists["documents"]) <= set(lists["noun_cues"])
    # a word that labels what follows a colon names no one, so it cannot be a group of people
    assert not set(lists["labels"]) & set(lists["group_nouns"])
    # market data is a record, not a vague source
    assert not set(lists["market_data"]) & set(lists["vague"])


def _attribution_lexicon() -> tuple[list[str], list[str], ClaimSignals]:
    """The shipped cues as listed, the cues learned, and the claim signals."""
    rule = next(r for r in shipped_rules() if r.id == "attribution.unattributed-claim")
    return _lists()["cues"], _entries("attribution-cues.txt"), rule.options.lexicon.claims


def test_attribution_cues_are_listed_once_and_never_silence_a_claim_signal() -> None:
    listed, learned, claims = _attribution_lexicon()
    for cues in (listed, learned):
        lowered = [cue.lower() for cue in cues]
        assert len(lowered) == len(set(lowered)), "a cue is listed twice"
    # a cue makes its sentence attributed, so a claim signal that is also a cue never fires
    for signal in claims.signals:
        silenced = [cue for cue in listed + learned if signal_hits(claims, cue, signal.id)]
        assert silenced == [], signal.id


@pytest.mark.parametrize(
    "key",
    [
        "not_cues",  # a not-cue phrase cancels a cue inside it: one holding no cue is dead data
        "vague",  # a vague source is still a source: one finding (vague-source), not two
    ],
)
def test_attribution_phrases_hold_a_cue(key: str) -> None:
    listed, learned, _ = _attribution_lexicon()
    cues = PhraseSet(listed + learned)
    assert [phrase for phrase in _lists()[key] if cues.search(phrase) is None] == []
