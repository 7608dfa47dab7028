"""The on-disk caches: keyed by their inputs, rebuilt when stale or damaged, never required."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
import wordfreq
from hypothesis import given, settings
from hypothesis import strategies as st

from lint import lexicon, shipped, wordtable
from lint.affixes import UnsupportedDictionary
from lint.cache import cache_dir, content_key, prune, write_atomically
from lint.document import parse_document
from lint.engine import run_rules
from lint.errors import ConfigError
from lint.lexicon import zipf
from lint.packs import load_pack_file
from lint.rule import Context, Rule


def _fresh_table(monkeypatch: pytest.MonkeyPatch, directory: Path) -> wordtable.WordTable:
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(directory))
    wordtable.reopen_table()
    return wordtable.word_table()


@pytest.fixture(autouse=True)
def _forget_open_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # these tests are about building the table: the one shipped in the package is left out
    monkeypatch.setattr(shipped, "SHIPPED_TABLE", tmp_path / "no-shipped-table.sqlite")
    wordtable.reopen_table()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aeyhbcmt'-", min_size=1, max_size=10))
def test_tokens_as_wordfreq_splits_them(word: str) -> None:
    tokens = wordtable.wordfreq_tokens(word)
    if any(ch.isalpha() for ch in word):
        assert tokens == wordfreq.tokenize(word, "en")
    else:
        assert tokens is None  # no letters: left to wordfreq itself


def test_table_answers_like_wordfreq_and_hunspell(tmp_path: Path) -> None:
    words = ["the", "Stoltenberg", "don't", "Ma'a", "pre-tax", "Moscow-based", "qzxv", "naïve"]
    words += ["y'all", "o'clock", "shoot-'em-ups", "children't", "rock'n'roll", "a''b"]
    for word in words:
        assert zipf(word) == wordfreq.zipf_frequency(word, "en"), word
    table = wordtable.word_table()
    entry = table.entry("receive")
    assert entry is not None and entry[1] is True
    assert table.typo_fixes("recieve") == ("receive",)
    assert table.typo_fixes("receive") is None


def test_built_once_then_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fresh_table(monkeypatch, tmp_path)
    [built] = list(tmp_path.glob("words-*.sqlite"))
    stamp = built.stat().st_mtime_ns
    _fresh_table(monkeypatch, tmp_path)
    assert built.stat().st_mtime_ns == stamp
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(built, (two_days_ago, two_days_ago))
    _fresh_table(monkeypatch, tmp_path)
    assert built.stat().st_mtime > two_days_ago + 3600  # in use: renewed, so pruning keeps it


def test_damaged_or_stale_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / f"words-{wordtable.table_key()}.sqlite"
    path.write_bytes(b"this is not a database")
    old = tmp_path / "words-0123.sqlite"
    old.write_bytes(b"an older build, unused for eight days")
    os.utime(old, (time.time() - 8 * 24 * 3600,) * 2)
    # another install's table, in use: removing it would cost that install a rebuild
    (tmp_path / "words-4567.sqlite").write_bytes(b"another install's build")
    table = _fresh_table(monkeypatch, tmp_path)
    assert table.entry("receive") is not None
    assert {p.name for p in tmp_path.glob("words-*.sqlite")} == {path.name, "words-4567.sqlite"}
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = 'other' WHERE name = 'key'")
    wordtable.reopen_table()
    assert wordtable._open(path, wordtable.table_key()) is None  # a key mismatch is not trusted


def test_expanded_forms_agree_with_hunspell_on_wordfreq_words() -> None:
    table = wordtable.word_table()
    assert isinstance(table, wordtable.WordTable)
    rows = table._rows("SELECT word, dict, cap FROM words", ())[::7]
    assert len(rows) > 30_000
    for word, lower_ok, capital_ok in rows:
        assert table.is_form(word) == bool(lower_ok), word
        capitalised = word.capitalize()
        assert (table.is_form(capitalised) or table.is_form(word)) == bool(capital_ok), word


TRICKY = [
    "patchier",
    "Patchier",
    "scru",
    "revoluti",
    "pre-budget",
    "Pre-Budget",
    "well-being",
    "e-mailed",
    "anti-oxidants",
    "air-conditioned",
    "big-noting",
    "x-rays",
    "McDonald",
    "Mcdonald",
    "McDonalds",
    "naïve",
    "d'etat",
    "o'clock",
    "rock'n'roll",
    "co-worker",
    "Kinshasa",
    "kinshasa",
    "red-blue-green",
    "qzxv-qzxv",
    "Россия",
]


def test_dictionary_verdicts_without_loading_hunspell(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = {word: lexicon._hunspell_verdict(word) for word in TRICKY}
    assert any(expected.values()) and not all(expected.values())

    def not_loaded(language: str = "en_US") -> None:
        raise AssertionError("Hunspell was loaded")

    monkeypatch.setattr(lexicon, "hunspell_dictionary", not_loaded)
    lexicon.is_dictionary_word.cache_clear()
    try:
        assert {word: lexicon.is_dictionary_word(word) for word in TRICKY} == expected
    finally:
        lexicon.is_dictionary_word.cache_clear()


def test_a_dictionary_that_cannot_be_expanded_leaves_the_answers_to_hunspell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(aff: Path, dic: Path) -> set[str]:
        raise UnsupportedDictionary("FLAG long")

    monkeypatch.setattr(wordtable, "dictionary_forms", refuse)
    table = _fresh_table(monkeypatch, tmp_path)
    assert table.is_form("patchier") is None
    lexicon.is_dictionary_word.cache_clear()
    try:
        assert lexicon.is_dictionary_word("patchier") is True  # Hunspell answers it
        assert lexicon.is_dictionary_word("scru") is False
    finally:
        lexicon.is_dictionary_word.cache_clear()


def test_without_a_usable_cache_the_libraries_answer_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = _fresh_table(monkeypatch, tmp_path / "cache")
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache directory should be")
    live = _fresh_table(monkeypatch, blocked / "cache")
    assert isinstance(live, wordtable.LiveWords) and not isinstance(table, wordtable.LiveWords)
    words = ["receive", "recieve", "paris", "kyiv", "don't", "genera", "qzxv", "teh", "olsen"]
    assert live.entries(words) == table.entries(words)
    assert live.typos_among(words) == table.typos_among(words)
    assert live.dictionary_word_frequencies(5.0) == table.dictionary_word_frequencies(5.0)
    assert live.dictionary_word_frequencies(3.0, 500) == table.dictionary_word_frequencies(
        3.0, 500
    )
    assert live.other_word_frequencies(5.0) == table.other_word_frequencies(5.0)
    assert live.is_form("McDonald") is None and table.is_form("McDonald") is True
    monkeypatch.setenv("COPYDESK_NO_CACHE", "1")
    wordtable.reopen_table()
    assert isinstance(wordtable.word_table(), wordtable.LiveWords)


def test_atomic_write_leaves_nothing_behind_on_failure(tmp_path: Path) -> None:
    def fail(temporary: Path) -> None:
        temporary.write_text("half")
        raise OSError("disk full")

    target = tmp_path / "out.bin"
    assert write_atomically(target, fail) is False
    assert list(tmp_path.iterdir()) == []


def test_content_key_separates_parts() -> None:
    assert content_key("ab", "c") != content_key("a", "bc")
    assert content_key("a") == content_key(b"a")


def test_prune_keeps_the_current_file(tmp_path: Path) -> None:
    keep = tmp_path / "words-new.sqlite"
    for name in ("words-old.sqlite", "words-new.sqlite", "other.txt"):
        (tmp_path / name).write_text("x")
    prune(tmp_path, "words-*.sqlite", keep)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.txt", "words-new.sqlite"]


def test_a_directory_others_can_write_to_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(shared))
    assert cache_dir() is None
    shared.chmod(0o700)
    assert cache_dir() == shared
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(shared / "new" / "dir"))
    assert cache_dir() == shared / "new" / "dir"  # created on first write, owned by this user


def test_compiled_packs_are_reused_and_a_damaged_one_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK.format(word="slammed"), encoding="utf-8")
    assert _matches(load_pack_file(pack), "They slammed it.") == ["slammed"]
    [cached] = list((tmp_path / "cache").glob("pack-*"))
    stamp = cached.stat().st_mtime_ns
    assert _matches(load_pack_file(pack), "They slammed it.") == ["slammed"]
    assert cached.stat().st_mtime_ns == stamp  # served from the cache
    cached.write_bytes(cached.read_bytes()[:-10])  # truncated: the checksum no longer matches
    assert _matches(load_pack_file(pack), "They slammed it.") == ["slammed"]
    assert cached.stat().st_mtime_ns != stamp  # rebuilt
    pack.write_text(PACK.format(word="blasted"), encoding="utf-8")
    assert _matches(load_pack_file(pack), "They slammed it, then blasted it.") == ["blasted"]
    pack.write_text(PACK.format(word="x").replace("tokens", "tokenz"), encoding="utf-8")
    with pytest.raises(ConfigError, match="tokenz"):
        load_pack_file(pack)  # an invalid pack is reported, never served from the cache


PACK = """\
- id: test.word
  kind: existence
  severity: warning
  category: style
  message: "Avoid '{{match}}'"
  description: A test rule.
  tokens: [{word}]
  examples:
    bad: ["They {word} it."]
    good: ["They said it."]
"""


def _matches(rules: list[Rule], text: str) -> list[str]:
    findings, _ = run_rules(parse_document(text), rules, Context())
    return [f.match for f in findings]


def test_a_table_damaged_after_opening_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = _fresh_table(monkeypatch, tmp_path)
    [path] = list(tmp_path.glob("words-*.sqlite"))
    data = bytearray(path.read_bytes())
    data[len(data) // 2 :] = b"\xff" * (len(data) - len(data) // 2)  # the second half garbled
    path.write_bytes(bytes(data))
    words = ["zebra", "yacht", "xylophone", "wizard", "receive", "abbey"]
    answers = [table.entry(word) for word in words]  # served, damaged or not
    assert all(answer is not None and answer[1] for answer in answers)
    assert table.typo_fixes("recieve") == ("receive",)


def test_a_file_a_pack_read_is_checked_by_its_stamp_then_by_its_bytes(tmp_path: Path) -> None:

    from lint.packfiles import files_read_since, read_beside_pack, start_recording, unchanged
    from lint.yamlsource import load_yaml

    cues = tmp_path / "cues.txt"
    cues.write_text("slammed\r\n", encoding="utf-8")
    node = load_yaml("a: 1\n", str(tmp_path / "pack.yaml"))
    mark = start_recording()
    assert read_beside_pack(node, "cues.txt") == "slammed\n"
    assert read_beside_pack(node, "cues.txt") == "slammed\n"
    files = files_read_since(mark)
    assert len(files) == 1  # rules sharing a file record it once
    assert unchanged(files)
    os.utime(cues, ns=(1, 1))  # touched: read again, same bytes
    assert unchanged(files)
    cues.write_text("blasted\n", encoding="utf-8")
    assert not unchanged(files)
    cues.unlink()
    assert not unchanged(files)


def test_the_first_run_announces_the_build_once_and_only_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    import lint.cache

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, expected in ((io.StringIO(), ""), (Terminal(), "building the word table")):
        monkeypatch.setattr(lint.cache, "_announced", [])
        monkeypatch.setattr("sys.stderr", stream)
        lint.cache.announce_first_run()
        lint.cache.announce_first_run()
        said = stream.getvalue()
        assert (expected in said) and said.count("copydesk:") == (1 if expected else 0)
