"""House memory lookups: near spellings through neighbour keys, when a near spelling is a
slip, quotations behind capped shingles, and the archive in a parallel JSONL check."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from rapidfuzz.distance import OSA

from lint.config import load_config
from lint.document import parse_document
from lint.engine import run_rules
from lint.memory import lookup
from lint.memory.build import SourceArticle, build_index
from lint.memory.lookup import DOMINANCE, KNOWN_ARTICLES, open_archive
from lint.memory.neighbours import allowed_edits, neighbour_keys
from tests.helpers import run_cli, write


def _index(path: Path, texts: list[str]) -> Path:
    articles = [SourceArticle(f"a-{i}", text, "text") for i, text in enumerate(texts)]
    build_index(path, articles, load_config(None))
    return path


def _archive_findings(index: Path, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    rules, ctx = load_config(None).rules_for(None)
    rules = [r for r in rules if r.id.startswith("archive.")]
    found, _ = run_rules(
        parse_document(text, "new.md", "text"), rules, replace(ctx, archive=open_archive(index))
    )
    return [(f.rule, f.match, f.replacements) for f in found]


def _one_edit(word: str, rng: random.Random) -> str:
    at = rng.randrange(len(word))
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    return rng.choice(
        (
            word[:at] + letter + word[at + 1 :],
            word[:at] + word[at + 1 :],
            word[:at] + letter + word[at:],
            word[:at] + word[at + 1 : at + 2] + word[at : at + 1] + word[at + 2 :],
        )
    )


def test_spellings_within_the_allowed_edits_share_a_neighbour_key() -> None:
    rng = random.Random(7)
    words = ["Ostrowska", "Lammy", "Kallas", "Zelenskyy", "Goverman", "Schwarzenegger"]
    for word in words:
        for _ in range(200):
            other = _one_edit(word, rng)
            if len(word) >= 9 and rng.random() < 0.5:
                other = _one_edit(other, rng)
            distance = OSA.distance(word.lower(), other.lower())
            if 0 < distance <= min(allowed_edits(word), allowed_edits(other)):
                assert neighbour_keys(word) & neighbour_keys(other), (word, other)


def test_near_spellings_agree_with_a_scan_of_every_name(tmp_path: Path) -> None:
    rng = random.Random(3)
    stems = ["Marten", "Ostrow", "Kalla", "Gover", "Brandt", "Lindqvist", "Okonkwo", "Pereira"]
    counts = {stem: rng.randrange(1, 9) for stem in stems}
    variants = {_one_edit(stem, rng).capitalize(): rng.randrange(1, 3) for stem in stems}
    texts = []
    for name, articles in {**counts, **variants}.items():
        texts += [f"Officials named {name} on Monday."] * articles
    index = _index(tmp_path / "index.sqlite", texts)
    archive = open_archive(index)
    db = sqlite3.connect(index)
    names = dict(db.execute("SELECT spelling, articles FROM names WHERE parts = 1"))
    for word in [*stems, *variants, *(_one_edit(s, rng).capitalize() for s in stems)]:
        own = names.get(word, 0)
        floor = max(KNOWN_ARTICLES, DOMINANCE * max(own, 1))
        edits = allowed_edits(word)
        expected = {
            other
            for other, articles in names.items()
            if own <= lookup.RARE_ARTICLES
            and articles >= floor
            and other.lower() != word.lower()
            and (other[0] == word[0] or other[-1] == word[-1])
            and OSA.distance(word, other) <= edits
        }
        assert {n.spelling for n in archive.near_spellings(word)} == expected, word


def test_neighbour_keys_follow_a_name_across_the_threshold(tmp_path: Path) -> None:
    index = tmp_path / "index.sqlite"
    articles = [SourceArticle(f"a-{i}", "Ostrowska spoke.", "text") for i in range(KNOWN_ARTICLES)]
    build_index(index, articles, load_config(None))
    db = sqlite3.connect(index)
    assert ("ostrowska", "Ostrowska") in set(db.execute("SELECT key, spelling FROM name_keys"))
    build_index(index, articles[:1], load_config(None), prune=True)
    assert not db.execute("SELECT * FROM name_keys WHERE spelling = 'Ostrowska'").fetchall()


@pytest.fixture
def lane_archive(tmp_path: Path) -> Path:
    """An archive that writes "Lane", "Gallagher" and "Los Angeles" in many articles."""
    texts = [f"Report {i}: Penny Lane met Liam Gallagher in Los Angeles." for i in range(8)]
    return _index(tmp_path / "index.sqlite", texts)


def test_a_short_name_in_use_near_a_common_one_is_another_name(lane_archive: Path) -> None:
    # "Larne" is a town wordfreq knows; "Lanne" is a word nobody uses
    assert _archive_findings(lane_archive, "Larne won the match.") == []
    assert _archive_findings(lane_archive, "Lanne won the match.") == [
        ("archive.name-spelling", "Lanne", ("Lane",))
    ]


def test_a_long_name_in_an_unknown_fuller_name_is_another_person(lane_archive: Path) -> None:
    alone = _archive_findings(lane_archive, "Gallacher said the band would tour.")
    assert alone == [("archive.name-spelling", "Gallacher", ("Gallagher",))]
    assert _archive_findings(lane_archive, "Stuart Gallacher said the club would appeal.") == []


def test_a_real_word_is_a_slip_in_a_fuller_name_the_archive_knows(lane_archive: Path) -> None:
    assert _archive_findings(lane_archive, "She moved to Los Angles last year.") == [
        ("archive.name-spelling", "Angles", ("Angeles",))
    ]
    assert _archive_findings(lane_archive, "Angles matter here.") == []


@pytest.fixture
def few_per_shingle(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(lookup, "SHINGLE_FANOUT", 3)
    lookup._matching_quotes.cache_clear()
    yield
    lookup._matching_quotes.cache_clear()


def test_a_quotation_is_found_behind_shingles_too_common_to_read(
    tmp_path: Path, few_per_shingle: None
) -> None:
    # seven archived quotations open with the same five shingles ("we will not", ...); only
    # the three indexed last are read per shingle, yet the one this quotation misquotes,
    # indexed first, is found
    fillers = [
        f'"We will not stand by while our {ending}," Mr Ames said.'
        for ending in (
            "council cuts the budget again",
            "rivals take the credit for it",
            "leaders argue about the money",
            "schools close one after another",
            "roads fall apart every winter",
            "hospitals run out of beds",
        )
    ]
    target = '"We will not stand by while our neighbours suffer in silence," Ms Kallas said.'
    index = _index(tmp_path / "index.sqlite", [target, *fillers])
    found = _archive_findings(
        index, '"We will not stand by while our allies suffer in silence," Ms Kallas said.'
    )
    assert [rule for rule, _, _ in found] == ["archive.misquote"]


def test_the_archive_reaches_the_workers_of_a_parallel_jsonl_check(tmp_path: Path) -> None:
    index = _index(tmp_path / "index.sqlite", ["Ostrowska spoke in Kyiv."] * 6)
    lines = [
        json.dumps({"id": i, "text": f"Ostrowksa spoke on day {i}.", "format": "text"})
        for i in range(40)
    ]
    source = write(tmp_path / "in.jsonl", "\n".join(lines) + "\n")
    result = run_cli("check", "--jsonl", str(source), "--archive", str(index), "-j", "2")
    records = [json.loads(line) for line in result.out.splitlines()]
    assert len(records) == 40
    for record in records:
        rules = [f["rule"] for f in record["findings"]]
        assert "archive.name-spelling" in rules, record


def test_an_overlong_name_is_filed_under_itself_alone(tmp_path: Path) -> None:
    name = "Ostrowska" * 30
    assert neighbour_keys(name) == {name.lower()}
    index = _index(tmp_path / "index.sqlite", [f"{name} spoke."] * KNOWN_ARTICLES)
    keys = sqlite3.connect(index).execute("SELECT key FROM name_keys").fetchall()
    assert keys == [(name.lower(),)]
    assert open_archive(index).near_spellings(name[:-1] + "x") == ()


def test_an_extract_of_more_than_200_words_is_neither_indexed_nor_compared(
    tmp_path: Path,
) -> None:
    speech = " ".join(f"word{i % 50} and more" for i in range(80))  # 240 words
    text = (
        f'"{speech}," the minister said.\n\n"We will meet again in the spring to talk," she said.'
    )
    index = _index(tmp_path / "index.sqlite", [text])
    quotes = sqlite3.connect(index).execute("SELECT wording FROM quotes").fetchall()
    assert quotes == [("We will meet again in the spring to talk,",)]
    assert open_archive(index).matching_quotes(speech.split()) == []
