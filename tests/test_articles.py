"""Golden snapshots of realistic articles: each article's sourcing map (``copydesk sources``)
and its findings (``copydesk check``), plus the situations each article is there to show.

Run with ``COPYDESK_UPDATE_GOLDEN=1`` to rewrite the snapshots after a deliberate change, and
read the diff before committing it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import run_cli

ARTICLES = Path(__file__).parent / "articles"
GOLDEN = ARTICLES / "golden"
NAMES = sorted(path.stem for path in ARTICLES.glob("*.md"))


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding copies of the articles and no configuration (the shipped defaults)."""
    for name in NAMES:
        shutil.copy(ARTICLES / f"{name}.md", tmp_path / f"{name}.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _matches_golden(rendered: str, golden: Path) -> None:
    if os.environ.get("COPYDESK_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


def test_there_are_at_least_ten_articles() -> None:
    assert len(NAMES) >= 10


@pytest.mark.parametrize("name", NAMES)
def test_sourcing_map_matches_its_snapshot(desk: Path, name: str) -> None:
    result = run_cli("sources", f"{name}.md")
    assert result.code == 0, result.err
    _matches_golden(result.out, GOLDEN / f"{name}.sources.txt")


@pytest.mark.parametrize("name", NAMES)
def test_findings_match_their_snapshot(desk: Path, name: str) -> None:
    result = run_cli("check", "--color", "never", f"{name}.md")
    assert result.code in (0, 1), result.err
    _matches_golden(result.out, GOLDEN / f"{name}.check.txt")


def _map(name: str) -> list[tuple[str, dict[str, object]]]:
    """Each sentence of an article with its record in the JSON sourcing map."""
    result = run_cli("sources", "-f", "json", f"{name}.md")
    text = (Path(f"{name}.md")).read_text(encoding="utf-8")
    sentences = json.loads(result.out)["files"][0]["sentences"]
    return [(" ".join(text[s["start"] : s["end"]].split()), s) for s in sentences]


def _record(name: str, opening: str) -> dict[str, object]:
    found = [record for sentence, record in _map(name) if sentence.startswith(opening)]
    assert len(found) == 1, f"{opening!r} in {name}"
    return found[0]


@pytest.mark.parametrize(
    ("name", "opening", "source"),
    [
        # "she said" after a paragraph that introduces a new person goes to that person
        ("health", '"I understand why', "Ruth Lonsdale"),
        ("longread", '"My father bought it', "Margaret Olsen"),
        ("longread", '"People thought the internet', "David Kerr"),
        # a quotation's speaker is the person in the attribution clause around it
        ("health", '"We are doing our best', "Sister Pattinson"),
        ("council", '"Nobody comes into local government', "Councillor James Stockan"),
        # organisation names stay whole; subject phrases and possessive titles are sources
        ("council", "The Institute for Fiscal Studies", "The Institute for Fiscal Studies"),
        ("council", "Fishermen in Stromness", "Fishermen in Stromness"),
        ("wire", "KYIV, Dec 2", "Ukraine's foreign minister"),
        ("wire", '"Every system we receive', "Ukraine's foreign minister"),
        ("wire", "Russia launched 96 drones", "the Ukrainian air force"),
        ("wire", "Its spokesman, Dmitry Peskov", "Dmitry Peskov"),
        ("markets", "Its chief executive, Ken Murphy", "Ken Murphy"),
        # a document is a source
        ("health", "Board papers show", "Board papers"),
        # a speaker's label
        ("sport", "Stirling manager Darren Young", "Stirling manager Darren Young"),
        ("interview", "MacLeod: The boats", "MacLeod"),
    ],
)
def test_the_source_named(desk: Path, name: str, opening: str, source: str) -> None:
    assert _record(name, opening)["source"] == source


@pytest.mark.parametrize(
    ("name", "opening", "signal"),
    [
        # a forecast with a figure or a date is a claim
        ("forecast", "Waiting times will fall by half", "forecast"),
        ("wire", "Electricity imports from the European Union", "forecast"),
        # "However" turns to the reporter's voice: the source before it does not carry over
        ("forecast", "However, the number of patients", "figure"),
        # an unintroduced list: each item is a claim of its own
        ("findings", "Rail fares rose by 49%", "figure"),
        ("markets", "The retailer plans", "plan"),
        ("longread", "Online retailers now sell", "comparison"),
    ],
)
def test_unsourced_claims_are_flagged_with_their_signal(
    desk: Path, name: str, opening: str, signal: str
) -> None:
    record = _record(name, opening)
    assert (record["attributed"], record["needs_attribution"]) == (False, True)
    assert record["signal"] == signal


@pytest.mark.parametrize(
    ("name", "opening"),
    [
        # documents, methodology lines, anonymity boilerplate, a recorded vote, market data
        ("health", "Board papers show"),
        ("health", "This article is based on interviews"),
        ("health", "Some staff spoke on condition of anonymity"),
        ("council", "The council's cabinet voted 7-2"),
        ("markets", "The FTSE 100 rose 1.2%"),
        ("markets", "The pound fell 0.3% against the dollar"),
        ("markets", "Brent crude was up 2%"),
        # a timetable, team news, athletics distances
        ("council", "The new charges are due to come into force"),
        ("sport", "Captain Ross Docherty will miss the final"),
        ("sport", "Earlier in the day, Sarah Reid won"),
        # the writer's own view in a column; the publication's correction
        ("column", "Fares rose by 10% last year"),
        ("correction", "Correction: An earlier version"),
        # a list introduced by an attribution ending with a colon
        ("findings", "Rural bus mileage fell by 27%"),
    ],
)
def test_sourced_or_plain_sentences_are_not_flagged(desk: Path, name: str, opening: str) -> None:
    record = _record(name, opening)
    assert record["attributed"] or not record["needs_attribution"], record


def test_headings_get_no_learned_cue(desk: Path) -> None:
    assert _record("longread", "The Saturday lists")["attributed"] is False
    assert _record("wire", "Ukraine seeks more air defence")["attributed"] is False


def test_a_finding_says_why_its_claim_has_no_source(desk: Path) -> None:
    result = run_cli("check", "-f", "json", "forecast.md", "findings.md")
    findings = [f for file in json.loads(result.out)["files"] for f in file["findings"]]
    claims = {
        " ".join(f["match"].split()): f
        for f in findings
        if f["rule"] == "attribution.unattributed-claim"
    }
    turn = claims[
        "However, the number of patients waiting more than 18 weeks rose by 4% in October."
    ]
    assert turn["signal"] == "figure"
    assert "turns to the reporter's own voice" in turn["message"]
    bare = claims["Waiting times will fall by half by 2026."]
    assert bare["message"].startswith("This claim (a forecast")
    assert "no source in this sentence, the one before or after it" in bare["message"]
    item = claims["Rail fares rose by 49%."]
    assert item["signal"] == "figure"
    council = run_cli("check", "-f", "json", "council.md")
    [before] = [
        f
        for f in json.loads(council.out)["files"][0]["findings"]
        if f["match"].startswith("Libraries in three villages")
    ]
    assert before["signal"] == "cause"
    assert "the source in the next sentence does not carry back" in before["message"]
