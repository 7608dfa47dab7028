"""Spelling: suggestions, names left alone, house vocabulary, British and American spelling."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint.rule import Context
from tests.helpers import lint_text, run_cli, shipped_rules, write

SPELLING = shipped_rules("spelling")


def spelling(text: str, ctx: Context | None = None) -> list[tuple[str, str]]:
    return [
        (f.match, f.replacements[0] if f.replacements else "")
        for f in lint_text(text, SPELLING, ctx=ctx)
        if f.rule == "spelling.misspelling"
    ]


def test_the_acceptance_article() -> None:
    text = (
        "Teh officials did not recieve the goverment report.\n\n"
        "They met Stoltenberg, Zelenskyy and officials in Kyiv on Monday.\n"
    )
    assert spelling(text) == [("Teh", "The"), ("recieve", "receive"), ("goverment", "government")]


@pytest.mark.parametrize(
    "text",
    [
        "Officials met Stoltenberg and Zelenskyy in Kyiv.",  # names mid-sentence
        "The NATO and EU leaders met in the G20 at 3pm.",  # acronyms, digits
        "Follow @copydesk and #breaking at https://example.org/wrng or ed@exmple.org.",
        "The minister’s aides didn’t comment on the well-known report.",  # curly apostrophes
        "Their wi-fi and pre-tax figures were high.",  # compound fragments
        "`teh` code is skipped.",
    ],
)
def test_no_false_alarms(text: str) -> None:
    assert spelling(text) == []


def test_capitalised_words_are_checked_at_sentence_start_and_in_headlines() -> None:
    assert spelling("# Goverment falls\n\nText.\n") == [("Goverment", "Government")]
    assert spelling("Yukos shares fell.") == []  # a name at the start of a sentence


def test_hyphenated_compounds_are_checked_part_by_part() -> None:
    assert spelling("A well-knwon case.") == [("knwon", "known")]


def test_house_vocabulary() -> None:
    ctx = Context(accept=frozenset({"Zaluzhnyi", "wrng"}), reject=frozenset({"utilise"}))
    assert spelling("A wrng turn. They utilise it.", ctx) == [("utilise", "")]


def test_british_and_american_house_spelling() -> None:
    us = Context(language="en-US")
    gb = Context(language="en-GB")
    # never "not in the dictionary": the other variety is reported by spelling.variety
    assert spelling("The colour of the programme.", us) == []
    assert spelling("The colour of the programme and the rumours.", gb) == []
    mixed = [
        (f.match, f.replacements)
        for f in lint_text("We organise. They organize.", SPELLING, ctx=gb)
        if f.rule == "spelling.mixed"
    ]
    assert mixed == [("organize", ("organise",))]


def test_vocab_add_silences_a_word(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = write(tmp_path / "a.md", "The Kyivska oblast and the zaluzhnyi.\n")
    monkeypatch.chdir(tmp_path)
    before = json.loads(run_cli("check", "-f", "json", "a.md").out)["files"][0]["findings"]
    assert [f["match"] for f in before if f["category"] == "spelling"] == ["zaluzhnyi"]
    run_cli("vocab", "add", "zaluzhnyi")
    after = json.loads(run_cli("check", "-f", "json", str(article)).out)["files"][0]["findings"]
    assert [f for f in after if f["category"] == "spelling"] == []


def test_words_outside_the_dictionary_character_set_do_not_crash(tmp_path: Path) -> None:
    article = write(
        tmp_path / "a.md", "Łódź, Αθήνα, Київ and Zürich: naïve café résumé. Гуляйполе said.\n"
    )
    result = run_cli("check", "-f", "json", str(article))
    assert result.code in (0, 1) and "Traceback" not in result.err
    assert json.loads(result.out)["files"][0]["path"] == str(article)
