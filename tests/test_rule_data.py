"""Shipped rules are tested like code: examples hold, data is consistent."""

from __future__ import annotations

from typing import Any

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


def _attribution_pack() -> dict[str, Any]:
    """The lexicon mapping of the shipped attribution pack."""
    pack = shipped_packs()["attribution"]
    rules = yaml.safe_load(pack.read_text(encoding="utf-8"))
    lexicon: dict[str, Any] = next(rule["lexicon"] for rule in rules if "lexicon" in rule)
    return lexicon


def _attribution_lexicon() -> tuple[list[str], list[str], ClaimSignals]:
    """The shipped cues as listed, the cues learned, and the claim signals."""
    folder = shipped_packs()["attribution"].parent
    lexicon = _attribution_pack()
    learned = []
    for name in lexicon["cue_files"]:
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        learned += [line.split("\t")[0] for line in lines if line and not line.startswith("#")]
    rule = next(r for r in shipped_rules() if r.id == "attribution.unattributed-claim")
    return list(lexicon["cues"]), learned, rule.options.lexicon.claims


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
def test_attribution_phrases_hold_a_cue_and_are_listed_once(key: str) -> None:
    listed, learned, _ = _attribution_lexicon()
    cues = PhraseSet(listed + learned)
    phrases = [str(phrase) for phrase in _attribution_pack()[key]]
    assert len({p.lower() for p in phrases}) == len(phrases), f"a phrase is listed twice in {key}"
    assert [phrase for phrase in phrases if cues.search(phrase) is None] == []
