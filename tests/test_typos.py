"""The typo engine: slips caught in lowercase words and names, correct modern copy left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint.packs import load_pack_file
from lint.rule import Context
from lint.slips import slip_cost
from lint.typos import capitalised_verdict, lowercase_verdict
from lint.variety import article_variety
from tests.helpers import lint_text, run_cli, shipped_rules, write

FIXTURES = Path(__file__).parent / "fixtures"
RULES = shipped_rules("spelling", "names", "terms", "house")


def found(text: str, ctx: Context | None = None) -> list[tuple[str, str]]:
    """(match, first replacement) of every spelling and names finding."""
    return [
        (f.match, f.replacements[0] if f.replacements else "")
        for f in lint_text(text, RULES, ctx=ctx)
        if f.category in ("spelling", "names")
    ]


def test_the_slips_fixture() -> None:
    """Every situation of the fixture in one snapshot: what is reported and what is offered."""
    text = (FIXTURES / "slips.md").read_text(encoding="utf-8")
    assert found(text) == [
        ("importnat", "important"),
        ("origanal", "original"),
        ("closly", "closely"),
        ("parteners", "partners"),
        ("Cihna", "China"),
        ("Rusia", "Russia"),
        ("Kfemlin", "Kremlin"),
        ("Enviornment", "Environment"),
        ("Engergy", "Energy"),
        ("Vlamidir", "Vladimir"),
        ("Burbock", "Baerbock"),
        ("Joseph", "Josep"),
        ("Jan", "Jen"),
        ("wan’t", "want"),
    ]


@pytest.mark.parametrize(
    ("word", "meant"),
    [
        ("importnat", "important"),
        ("origanal", "original"),
        ("closly", "closely"),
        ("parteners", "partners"),
        ("studens", "students"),
        ("truthfull", "truthful"),
        ("sometheing", "something"),
        ("voteing", "voting"),
        ("fianal", "final"),
    ],
)
def test_lowercase_slips_that_split_into_words_are_caught(word: str, meant: str) -> None:
    verdict = lowercase_verdict(word, "en-US")
    assert verdict is not None and verdict[0] == meant


@pytest.mark.parametrize("word", ["ringtones", "hotspots", "reoffending", "carmakers"])
def test_compounds_and_derivations_near_no_common_word_are_accepted(word: str) -> None:
    assert lowercase_verdict(word, "en-US") is None


@pytest.mark.parametrize(
    "text",
    [
        "Cases of mpox and norovirus rose.",
        "The langoustine was served to anaesthetists.",
        "Semaglutide trials and decarbonisation plans were ecclesial matters.",
        "The defence programme at the centre of organisations.",
        "The defense program at the center of organizations.",
    ],
)
def test_modern_words_and_either_spelling_variety_are_accepted(text: str) -> None:
    assert found(text) == []


def test_capitalised_slips_mid_sentence_are_caught_with_no_correct_occurrence() -> None:
    assert found("Officials in Cihna said exports to Rusia rose.") == [
        ("Cihna", "China"),
        ("Rusia", "Russia"),
    ]
    assert found("Officials from the Enviornment Agency met the Engergy Department.") == [
        ("Enviornment", "Environment"),
        ("Engergy", "Energy"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Goals came from Ljungberg and Pires.",  # names the dictionaries may not hold
        "The deal was signed by Khodorkovsky and Abramovich.",
        "Harry Redknapp and Sam Allardyce met Arsene Wenger.",
        "Brian Teather and Sarah Wride spoke in Wass.",  # rare names near common words
    ],
)
def test_rare_real_names_stay_quiet(text: str) -> None:
    assert found(text) == []


def test_names_misspelled_beside_another_part_of_the_name() -> None:
    text = "Russian President Vlamidir Putin met Volodomir Zelenskyy and Annalena Burbock."
    assert found(text) == [
        ("Vlamidir", "Vladimir"),
        ("Volodomir", "Volodymyr"),
        ("Burbock", "Baerbock"),
    ]


def test_a_name_beside_a_nearly_spelled_part_of_it() -> None:
    assert found("Foreign Minister Sergey Lavrow said so.") == [("Lavrow", "Lavrov")]
    assert found("The award went to Boing Boing and Gawker.") == []


def test_a_given_name_slip_before_a_listed_surname() -> None:
    assert found("Joseph Borrell and Jan Psaki spoke.") == [("Joseph", "Josep"), ("Jan", "Jen")]
    # a common surname is shared by many people: "Doris Johnson" is not Boris
    assert found("Doris Johnson and Martin Sorrell spoke.") == []


def test_two_people_side_by_side_are_not_made_one() -> None:
    assert found("Ms Sinclair and Ms Sinclaire both spoke.") == []
    assert found("Fiona Sinclair spoke. Later, Sinclaire said the plan would work.") == [
        ("Sinclaire", "Sinclair")
    ]


def test_a_house_list_is_authoritative(tmp_path: Path) -> None:
    pack = write(
        tmp_path / "desk.yaml",
        "- id: desk.people\n"
        "  kind: names\n"
        "  severity: error\n"
        "  category: names\n"
        "  message: \"'{match}' is spelled '{canonical}'\"\n"
        "  description: The desk's own list.\n"
        "  entries:\n"
        '    - {canonical: "Oleksandra Matviichuk", type: "person"}\n',
    )
    rules = load_pack_file(pack)
    text = "Matviichyk said the court would act. Later Matviichyk left. The matter was closed."
    hits = [(f.match, f.replacements[0]) for f in lint_text(text, rules)]
    assert hits == [("Matviichyk", "Matviichuk"), ("Matviichyk", "Matviichuk")]
    assert lint_text("The matter was closed.", rules) == []


def test_suggestions_keep_the_inflection_and_the_variety() -> None:
    assert lowercase_verdict("studens", "en-US")[:1] == ("students",)  # type: ignore[index]
    assert lowercase_verdict("favourate", "en-GB")[:1] == ("favourite",)  # type: ignore[index]
    assert lowercase_verdict("favourate", "en-US")[:1] == ("favorite",)  # type: ignore[index]


def test_codespell_entries_mid_sentence_are_weighed_not_obeyed() -> None:
    assert capitalised_verdict("Wass", "en-US", "mid") is None  # a surname
    assert capitalised_verdict("Goverment", "en-US", "start") == ("Government",)


def test_slip_costs_follow_how_people_type() -> None:
    assert slip_cost("importnat", "important") < slip_cost("impoxtant", "important")
    assert slip_cost("kfemlin", "kremlin") < slip_cost("kzemlin", "kremlin")  # f beside r
    assert slip_cost("truthfull", "truthful") < slip_cost("truthfulk", "truthful")
    assert slip_cost("rusia", "russia") < slip_cost("rusa", "russia")
    assert slip_cost("xremlin", "kremlin") > slip_cost("kremlix", "kremlin")  # first letter
    assert slip_cost("same", "same") == 0


def _words(text: str) -> list[str]:
    return text.split()


def test_language_auto_follows_the_article() -> None:
    assert article_variety("auto", _words("the colour of the programme")) == "en-GB"
    assert article_variety("auto", _words("the color of the program and the center")) == "en-US"
    assert article_variety("en-US", _words("the colour")) == "en-US"
    # a capitalised form may be a name: it does not vote
    assert article_variety("auto", _words("the Lincoln Center and the colour")) == "en-GB"


def test_explicit_language_reports_the_other_variety_as_such() -> None:
    findings = lint_text("The colour of the programme.", RULES, ctx=Context(language="en-US"))
    assert [(f.rule, f.match, f.replacements) for f in findings] == [
        ("spelling.variety", "colour", ("color",)),
        ("spelling.variety", "programme", ("program",)),
    ]


def test_match_is_the_text_as_written_for_curly_apostrophes(tmp_path: Path) -> None:
    article = write(tmp_path / "a.md", "He wan’t there.\n")
    result = run_cli("check", "-f", "json", str(article))
    text = article.read_text(encoding="utf-8")
    findings = json.loads(result.out)["files"][0]["findings"]
    assert [f["match"] for f in findings] == ["wan’t"]
    for finding in findings:
        assert finding["match"] == text[finding["start"] : finding["end"]]
