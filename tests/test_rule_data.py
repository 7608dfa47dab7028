"""Shipped rules are tested like code: examples hold, data is consistent."""

from __future__ import annotations

import pytest

from lint.examples import example_failures
from lint.packs import shipped_packs
from lint.rule import Rule
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
