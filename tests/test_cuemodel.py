"""The learned cue model: its file format, its scoring, and how the analysis uses it."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from lint.cuemodel import CueModel, context, load_model, word_features
from lint.document import parse_document
from lint.errors import ConfigError
from lint.sources import lexicon_rule
from lint.sourcing.analysis import analyse
from tests.helpers import copy_pack_files, run_cli, shipped_rules, write

RULES = Path(__file__).parent.parent / "rules"

# "championed" after a capitalised word is a cue; after a lower-case one it is not
TINY = (
    "# a hand-made model\n"
    "threshold\t0.5\n"
    "bias\t-1.0\n"
    "candidates\tchampioned plans\n"
    "w=championed\t1.5\n"
    "ps=cap\t1.0\n"
    "ps=low\t-2.0\n"
    "w=plans\t5.0\n"
)


def test_a_model_scores_words_in_context() -> None:
    model = load_model("tiny.tsv", TINY)
    assert model.threshold == 0.5 and model.candidates == {"championed", "plans"}
    words = ["Clinton", "championed", "a", "plan"]
    expected = 1 / (1 + math.exp(-(-1.0 + 1.5 + 1.0)))
    assert model.score(word_features(*context(words), 1, False)) == pytest.approx(expected)
    assert model.best_cue("Clinton championed a plan.", list) == (8, 18, pytest.approx(expected))
    assert model.best_cue("The plan championed little.", list) is None
    assert model.best_cue("Nothing to see here.", list) is None


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("threshold\t0.5\nbias\t0\ncandidates\tx\nw=x 1.0\n", "expected 'key<TAB>value'", 4),
        ("threshold\t0.5\nbias\t0\ncandidates\tx\nw=x\tmany\n", "'many' is not a number", 4),
        ("threshold\t0.5\nbias\t0\ncandidates\tx\nw=x\tnan\n", "not a finite number", 4),
        ("bias\t0\ncandidates\tx\n", "lacks 'threshold'", None),
        ("threshold\t1.5\nbias\t0\ncandidates\tx\n", "not between 0 and 1", 1),
        ("threshold\t0.5\nbias\tx\ncandidates\tx\n", "'x' is not a number", 2),
    ],
)
def test_a_bad_model_file_names_the_file_and_line(
    text: str, message: str, line: int | None
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_model("m.tsv", text)
    assert message in caught.value.message
    assert caught.value.path == "m.tsv" and caught.value.line == line


def _pack_with_model(tmp_path: Path, model: str) -> Path:
    write(tmp_path / "attribution.yaml", (RULES / "attribution.yaml").read_text())
    copy_pack_files(tmp_path)
    write(tmp_path / "attribution-cues.txt", (RULES / "attribution-cues.txt").read_text())
    write(tmp_path / "attribution-cue-model.tsv", model)
    write(tmp_path / ".copydesk.yaml", "packs: [attribution.yaml]\n")
    return tmp_path


def test_a_learned_cue_attributes_its_sentence_in_the_map(tmp_path: Path) -> None:
    folder = _pack_with_model(tmp_path, TINY)
    article = write(folder / "a.txt", "Clinton championed a new plan for the voters of Iowa.\n")
    sourced = json.loads(run_cli("sources", "-f", "json", str(article)).out)
    sentence = sourced["files"][0]["sentences"][0]
    assert sentence["attributed"] and sentence["cue"] == "championed"
    assert sentence["source"] == "Clinton"


@pytest.mark.parametrize(
    "text",
    [
        "The company plans to cut 500 jobs next year.",  # "plans" scores high, but is the claim
        "Clinton championed a plan that would cut taxes by 40%.",  # a cue, and a figure elsewhere
    ],
)
def test_the_model_never_decides_a_sentence_with_a_claim_signal(tmp_path: Path, text: str) -> None:
    folder = _pack_with_model(tmp_path, TINY)
    article = write(folder / "a.txt", text + "\n")
    checked = json.loads(run_cli("check", "-f", "json", str(article)).out)
    rules = [f["rule"] for f in checked["files"][0]["findings"]]
    assert rules == ["attribution.unattributed-claim"]
    sourced = json.loads(run_cli("sources", "-f", "json", str(article)).out)
    assert sourced["files"][0]["sentences"][0]["attributed"] is False


def test_a_learned_cue_inside_a_not_cue_phrase_is_passed_over(tmp_path: Path) -> None:
    model = "threshold\t0.5\nbias\t0.0\ncandidates\tcontinued\nw=continued\t5.0\n"
    folder = _pack_with_model(tmp_path, model)
    article = write(
        folder / "a.txt",
        "Talks continued in Kiev on Wednesday.\n\nThe minister continued her tour.\n",
    )
    sourced = json.loads(run_cli("sources", "-f", "json", str(article)).out)
    assert [s["attributed"] for s in sourced["files"][0]["sentences"]] == [False, True]


@pytest.mark.parametrize(("weight", "counts"), [("-5.0", False), ("5.0", True)])
def test_the_model_has_the_last_word_on_a_noun_cue_in_a_plain_sentence(
    tmp_path: Path, weight: str, counts: bool
) -> None:
    model = f"threshold\t0.5\nbias\t0.0\ncandidates\tpoll\nw=poll\t{weight}\n"
    folder = _pack_with_model(tmp_path, model)
    text = (
        "The poll was taken on Thursday.\n\n"  # plain: the model decides the noun
        "The poll found that sales rose by 5%.\n\n"  # a claim: the lexicon decides
        "Smith said the poll was taken on Thursday.\n"  # a verb always counts
    )
    article = write(folder / "a.txt", text)
    sourced = json.loads(run_cli("sources", "-f", "json", str(article)).out)
    sentences = sourced["files"][0]["sentences"]
    assert [s["attributed"] for s in sentences] == [counts, True, True]
    assert sentences[0]["cue"] == ("poll" if counts else None)
    checked = json.loads(run_cli("check", "-f", "json", str(article)).out)
    assert checked["files"][0]["findings"] == []


def test_a_learned_cue_covers_no_other_sentence(tmp_path: Path) -> None:
    folder = _pack_with_model(tmp_path, TINY)
    text = (
        "Clinton championed the new plan. Taxes would fall by 40% next year.\n\n"
        'Critics championed the new plan. "Nothing like this has ever happened in this town."\n'
    )
    article = write(folder / "a.txt", text)
    sourced = json.loads(run_cli("sources", "-f", "json", str(article)).out)
    assert [s["attributed"] for s in sourced["files"][0]["sentences"]] == [True, False] * 2
    checked = json.loads(run_cli("check", "-f", "json", str(article)).out)
    rules = [f["rule"] for f in checked["files"][0]["findings"]]
    assert rules == ["attribution.unattributed-claim", "attribution.unattributed-quote"]


def test_the_shipped_model_changes_no_finding(tmp_path: Path) -> None:
    text = (FIXTURES / "red-lines.txt").read_text() + "\n" + MIXED
    shipped = (RULES / "attribution-cue-model.tsv").read_text()
    with_model = write(_pack_with_model(tmp_path / "with", shipped) / "a.txt", text)
    without = _pack_with_model(tmp_path / "without", "")
    pack = (without / "attribution.yaml").read_text()
    write(
        without / "attribution.yaml", pack.replace("    cue_model: attribution-cue-model.tsv", "")
    )
    write(without / "a.txt", text)
    found = [
        json.loads(run_cli("check", "-f", "json", str(path)).out)["files"][0]["findings"]
        for path in (with_model, without / "a.txt")
    ]
    assert found[0] and found[0] == found[1]
    maps = [
        json.loads(run_cli("sources", "-f", "json", str(path)).out)["files"][0]["sentences"]
        for path in (with_model, without / "a.txt")
    ]
    assert sum(s["attributed"] for s in maps[0]) > sum(s["attributed"] for s in maps[1])


FIXTURES = Path(__file__).parent / "fixtures"
# sentences of the kinds the model decides, beside claims and quotations it must leave alone
MIXED = """\
The senator backed the bill on Tuesday. Sales rose by 12% last year.

Her rival seemed unconvinced by the plan. "We have seen nothing like this in a decade."

The mayor signed the order after a long debate. The decision is expected to cost jobs.
"""


def test_a_bad_model_file_is_a_one_line_error_with_its_line(tmp_path: Path) -> None:
    folder = _pack_with_model(tmp_path, "threshold\t0.5\nbias\t0\ncandidates\tx\nw=x\tlots\n")
    article = write(folder / "a.txt", "Prices rose.\n")
    result = run_cli("check", str(article))
    assert result.code == 2
    assert f"{folder / 'attribution-cue-model.tsv'}:4:1: 'lots' is not a number" in result.err
    assert "Traceback" not in result.err


def _map(text: str) -> list[tuple[bool, bool]]:
    rule = lexicon_rule(shipped_rules())
    assert rule is not None
    infos = analyse(parse_document(text, "a.md", "markdown"), rule.options.lexicon)
    return [(info.attributed, info.cue is not None) for info in infos]


def test_only_a_sentence_that_needs_a_source_takes_its_neighbours() -> None:
    plain = "Sanders said the race was close. The office reopened on Saturday morning.\n"
    assert _map(plain) == [(True, True), (False, False)]
    claim = "The minister said the plan was agreed. The cost rose by 40% last year.\n"
    assert _map(claim) == [(True, True), (True, False)]


def test_the_shipped_model_is_well_formed() -> None:
    model = load_model("shipped", (RULES / "attribution-cue-model.tsv").read_text())
    assert isinstance(model, CueModel)
    assert 0 < model.threshold < 1 and len(model.candidates) > 100
    # every word-form feature names a candidate: the others could never fire
    forms = [k.split("=", 1)[1] for k in model.weights if k.startswith("w=")]
    assert forms and set(forms) <= model.candidates


def test_a_cached_model_file_keeps_its_path_and_reads_it_on_first_use(tmp_path: Path) -> None:
    import pickle

    from lint.cuemodel import CueModelFile

    path = tmp_path / "tiny.tsv"
    path.write_text(TINY, encoding="utf-8")
    original = CueModelFile(str(path), TINY)
    restored = pickle.loads(pickle.dumps(original))
    assert restored.__getstate__() == {"path": str(path)}  # not the weights, not the text
    assert restored._model is None  # nothing read or parsed until the model is asked
    assert restored.model == original.model
    path.unlink()
    gone = pickle.loads(pickle.dumps(original))
    with pytest.raises(ConfigError, match=r"tiny\.tsv: cannot read the cue model"):
        _ = gone.model


def test_huge_weights_give_a_probability_not_an_overflow() -> None:
    model = load_model("big.tsv", "threshold\t0.5\nbias\t-1e300\ncandidates\tx\nw=x\t-1e300\n")
    assert model.score(["w=x"]) == pytest.approx(0.0, abs=1e-12)
    model = load_model("big.tsv", "threshold\t0.5\nbias\t1e300\ncandidates\tx\nw=x\t1e300\n")
    assert model.score(["w=x"]) == pytest.approx(1.0)
