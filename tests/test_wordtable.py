"""The word table's shortcuts give the answers of the libraries they stand in for."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import wordfreq

from lint import shipped, wordlists, wordtable
from lint.lexicon import zipf


def _sample_of_wordfreq(step: int = 40) -> list[str]:
    """Every ``step``-th word wordfreq lists in table form: common words, names, rare forms."""
    words = [w for w in wordfreq.get_frequency_dict("en") if wordtable.table_form(w)]
    return words[::step]


def test_the_forms_give_hunspells_verdicts_on_wordfreqs_words() -> None:
    from lint.affixes import dictionary_forms

    folder = wordtable._package_dir("hunspell") / "dictionaries"
    forms = dictionary_forms(folder / "en_US.aff", folder / "en_US.dic")
    by_forms = wordtable._form_verdicts(forms)
    by_hunspell = wordtable._hunspell_verdicts()
    sample = _sample_of_wordfreq()
    assert len(sample) > 5000
    disagreements = [w for w in sample if by_forms(w) != by_hunspell(w)]
    assert disagreements == []
    # the sample holds all four kinds of verdict, so the comparison means something
    assert {by_hunspell(w) for w in sample} == {(True, True), (False, True), (False, False)}
    assert by_forms("paris") == (False, True) and by_forms("receive") == (True, True)


def test_list_priors_match_the_lexicons_zipf_values() -> None:
    pairs = [("the", 0.05), ("receive", 4e-5), ("y'all", 3e-6), ("don't", 1e-3)]
    table = wordtable.word_table()
    listed = table.dictionary_word_frequencies(4.0, 300) + table.other_word_frequencies(4.5)
    assert len(listed) > 300
    for word, value in wordlists._by_zipf(listed):
        assert value == zipf(word), word
    # a word wordfreq splits takes the lexicon's value, not its own listed frequency
    assert dict(wordlists._by_zipf(pairs))["y'all"] == zipf("y'all")


def test_hunspell_is_asked_when_the_forms_are_unknown() -> None:
    verdicts = wordtable._hunspell_verdicts()
    assert verdicts("receive") == (True, True)
    assert verdicts("paris") == (False, True)  # a name: accepted capitalised only
    assert verdicts("recieve") == (False, False)


@pytest.fixture(scope="module")
def built_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A table built as ``setup.py`` builds the one shipped in the package."""
    target = tmp_path_factory.mktemp("package") / "words.sqlite"
    shipped.build_shipped_table(target)
    return target


@pytest.fixture(autouse=True)
def _forget_open_table() -> Iterator[None]:
    wordtable.reopen_table()
    yield
    wordtable.reopen_table()


def _refuse_to_build(path: Path, key: str) -> None:
    raise AssertionError("the table was built although a fitting one was shipped")


def test_a_fitting_shipped_table_is_copied_into_the_cache_not_built(
    built_table: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shipped, "SHIPPED_TABLE", built_table)
    monkeypatch.setattr(wordtable, "_build_file", _refuse_to_build)
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    table = wordtable.word_table()
    assert isinstance(table, wordtable.WordTable)
    (cached,) = (tmp_path / "cache").glob("words-*.sqlite")
    with sqlite3.connect(cached) as db:
        (key,) = db.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
    db.close()
    assert key == wordtable.table_key()  # the copy is keyed as a local build would be
    assert table.entry("receive") is not None and table.entry("receive")[1] is True  # type: ignore[index]
    assert table.typo_fixes("recieve") == ("receive",)
    wordtable.reopen_table()  # the next process opens the cached copy
    assert isinstance(wordtable.word_table(), wordtable.WordTable)


def test_a_shipped_table_from_other_data_is_ignored_and_the_table_built(
    built_table: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = tmp_path / "words.sqlite"
    stale.write_bytes(built_table.read_bytes())
    with sqlite3.connect(stale) as db:
        db.execute("UPDATE meta SET value = '10:0000' WHERE name = 'content'")
    db.close()
    built: list[Path] = []
    monkeypatch.setattr(shipped, "SHIPPED_TABLE", stale)
    monkeypatch.setattr(wordtable, "_build_file", lambda path, key: built.append(path))
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    assert not shipped.shipped_table_matches()
    wordtable.word_table()
    assert len(built) == 1


def test_without_a_cache_a_fitting_shipped_table_is_read_in_place(
    built_table: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shipped, "SHIPPED_TABLE", built_table)
    monkeypatch.setenv("COPYDESK_NO_CACHE", "1")
    table = wordtable.word_table()
    assert isinstance(table, wordtable.WordTable)
    assert table.is_form("McDonald") is True
    monkeypatch.setattr(shipped, "SHIPPED_TABLE", tmp_path / "missing.sqlite")
    wordtable.reopen_table()
    assert isinstance(wordtable.word_table(), wordtable.LiveWords)


def test_the_installed_package_ships_a_table_for_the_installed_data() -> None:
    # setup.py builds it at install time (pip install -e . included): a first run copies it
    assert shipped.SHIPPED_TABLE.is_file(), "reinstall copydesk: pip install -e ."
    assert shipped.shipped_table_matches()


def test_the_data_key_depends_on_contents_not_places(tmp_path: Path) -> None:
    here, there = tmp_path / "here" / "data" / "words.txt", tmp_path / "there" / "data" / "words.txt"
    for path in (here, there):
        path.parent.mkdir(parents=True)
        path.write_text("same words")
    os.utime(there, (1_000_000, 1_000_000))
    assert shipped.data_key([here]) == shipped.data_key([there])
    there.write_text("more words")
    assert shipped.data_key([here]) != shipped.data_key([there])
