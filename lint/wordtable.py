"""English word knowledge in one SQLite table, built once and cached on disk.

Loading wordfreq's frequency list, codespell's misspelling list and Hunspell costs a few
hundred milliseconds per process, more than linting an article. The table holds, for every
word of ASCII letters wordfreq knows, its frequency and whether Hunspell accepts it in lower
case and capitalised; every form of the Hunspell dictionary (its stems with their affixes,
expanded by ``lint.affixes``); and codespell's misspellings. A lookup is one indexed query.
The file is keyed by the data it was built from and rebuilt when that changes or the file
cannot be read.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Protocol

from lint.affixes import UnsupportedDictionary, dictionary_forms
from lint.cache import (
    PRUNE_AFTER_SECONDS,
    announce_first_run,
    cache_dir,
    content_key,
    file_stamp,
    prune,
    write_atomically,
)
from lint.places import place_files, place_weights
from lint.shipped import copy_shipped_table, open_shipped_table, shipped_table_matches

SCHEMA = 10  # raise when what the table holds changes (lint.places weights included)


def table_form(word: str) -> bool:
    """Whether a word is kept in the table: ASCII letters, maybe with inner apostrophes."""
    return (
        word.isascii()
        and word[:1].isalpha()
        and word[-1:].isalpha()
        and word.replace("'", "").isalpha()
    )


_ELISION_VOWELS = frozenset("aehiouy")  # wordfreq splits "y'all" and "ma'a" before these
_TOKEN_BREAKS = re.compile(r"-|'{2,}")


def wordfreq_tokens(word: str) -> list[str] | None:
    """The tokens wordfreq looks up for an English word of ASCII letters, apostrophes and
    hyphens (``None`` for other words), without loading wordfreq.

    Hyphens and doubled apostrophes separate tokens, apostrophes at a token's ends are
    dropped, and one or two letters, an apostrophe and a vowel or "h" open a token of their
    own (wordfreq's rule for elisions such as "l'arc", which also splits "y'all").
    """
    if not word.isascii() or not word.replace("'", "").replace("-", "").isalpha():
        return None
    tokens = []
    for chunk in _TOKEN_BREAKS.split(word.lower()):
        chunk = chunk.strip("'")
        while chunk:
            mark = chunk.find("'", 1, 3)
            if mark < 0 or chunk[mark + 1] not in _ELISION_VOWELS:
                tokens.append(chunk)
                break
            tokens.append(chunk[:mark])
            chunk = chunk[mark + 1 :]
    return tokens


def _package_dir(name: str) -> Path:
    spec = find_spec(name)
    if spec is None or spec.origin is None:
        raise ImportError(f"package {name} is not installed")
    return Path(spec.origin).parent


def codespell_file(name: str) -> Path:
    """A data file shipped by codespell (CC BY-SA 3.0, used as a dependency)."""
    return _package_dir("codespell_lib") / "data" / name


def _inputs() -> list[Path]:
    hunspell = _package_dir("hunspell") / "dictionaries"
    return [
        _package_dir("wordfreq") / "data" / "large_en.msgpack.gz",
        codespell_file("dictionary.txt"),
        hunspell / "en_US.dic",
        hunspell / "en_US.aff",
        *place_files(),
    ]


def table_key() -> str:
    """The key of the table the installed data would build."""
    return content_key(f"wordtable-{SCHEMA}", *(file_stamp(p) for p in _inputs()))


_Entry = tuple[float, bool, bool]


class WordSource(Protocol):
    """What the checks ask about words; answered by the cached table or by the libraries."""

    def entry(self, word: str) -> _Entry | None:
        """(frequency, Hunspell accepts it, Hunspell accepts it capitalised) of a lowercase word."""
        ...

    def entries(self, words: list[str]) -> dict[str, _Entry]:
        """``entry`` for many words at once (those listed)."""
        ...

    def is_form(self, word: str) -> bool | None:
        """Whether a word as written is a form of Hunspell's dictionary; None if unknown."""
        ...

    def typo_fixes(self, word: str) -> tuple[str, ...] | None:
        """codespell's corrections of a known misspelling, or None."""
        ...

    def typos_among(self, words: list[str]) -> dict[str, tuple[str, ...]]:
        """``typo_fixes`` for many words at once (those that are known misspellings)."""
        ...

    def dictionary_word_frequencies(
        self, min_zipf: float, limit: int = -1
    ) -> list[tuple[str, float]]:
        """Hunspell-accepted words at least this frequent, not misspellings, commonest first,
        with their frequencies."""
        ...

    def other_word_frequencies(self, min_zipf: float) -> list[tuple[str, float]]:
        """Words Hunspell does not accept in lower case (names mostly), not misspellings,
        at least this frequent, commonest first, with their frequencies."""
        ...

    def place_weight(self, word: str) -> float:
        """The weight of a lowercase place word (``lint.places``), 0 if it names no place."""
        ...

    def places(self) -> list[tuple[str, float]]:
        """Every place word with its weight, heaviest first."""
        ...


class WordTable:
    """Read access to a built table."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None = None) -> None:
        self._db = connection
        self._path = path
        self._forms_known: bool | None = None

    def _rows(self, sql: str, parameters: Sequence[object]) -> list[tuple[Any, ...]]:
        """Run a query; a damaged cache file is deleted and the table built again."""
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError:
            if self._path is None:
                raise
            self._path.unlink(missing_ok=True)
            rebuilt = _open_or_build()
            if isinstance(rebuilt, WordTable):
                self._db, self._path = rebuilt._db, rebuilt._path
            else:  # the file cannot be written again: keep a table in memory
                self._db, self._path = sqlite3.connect(":memory:", check_same_thread=False), None
                _fill(self._db, table_key())
            return self._db.execute(sql, parameters).fetchall()

    def entry(self, word: str) -> tuple[float, bool, bool] | None:
        """(frequency, Hunspell accepts it, Hunspell accepts it capitalised) of a lowercase word."""
        rows = self._rows("SELECT freq, dict, cap FROM words WHERE word = ?", (word,))
        return (rows[0][0], bool(rows[0][1]), bool(rows[0][2])) if rows else None

    def is_form(self, word: str) -> bool | None:
        """Whether a word as written is a form of Hunspell's dictionary (stem or affixed)."""
        if self._forms_known is None:
            rows = self._rows("SELECT value FROM meta WHERE name = 'forms'", ())
            self._forms_known = bool(rows) and rows[0][0] == "1"
        if not self._forms_known:
            return None  # the dictionary uses affix features the expansion does not model
        return bool(self._rows("SELECT 1 FROM forms WHERE word = ?", (word,)))

    def entries(self, words: list[str]) -> dict[str, tuple[float, bool, bool]]:
        """``entry`` for many words at once (those the table lists)."""
        found: dict[str, tuple[float, bool, bool]] = {}
        for chunk in _chunks(words):
            marks = ",".join("?" * len(chunk))
            rows = self._rows(
                f"SELECT word, freq, dict, cap FROM words WHERE word IN ({marks})", chunk
            )
            found.update((row[0], (row[1], bool(row[2]), bool(row[3]))) for row in rows)
        return found

    def typos_among(self, words: list[str]) -> dict[str, tuple[str, ...]]:
        """``typo_fixes`` for many words at once (those that are known misspellings)."""
        found: dict[str, tuple[str, ...]] = {}
        for chunk in _chunks(words):
            marks = ",".join("?" * len(chunk))
            rows = self._rows(f"SELECT wrong, fixes FROM typos WHERE wrong IN ({marks})", chunk)
            found.update((row[0], tuple(row[1].split("\t"))) for row in rows)
        return found

    def typo_fixes(self, word: str) -> tuple[str, ...] | None:
        """codespell's corrections of a known misspelling, or None."""
        rows = self._rows("SELECT fixes FROM typos WHERE wrong = ?", (word,))
        return tuple(rows[0][0].split("\t")) if rows else None

    def dictionary_word_frequencies(
        self, min_zipf: float, limit: int = -1
    ) -> list[tuple[str, float]]:
        """Hunspell-accepted words at least this frequent, not misspellings, commonest first,
        with their frequencies."""
        rows = self._rows(
            "SELECT word, freq FROM words WHERE freq >= ? AND dict = 1 AND word NOT IN "
            "(SELECT wrong FROM typos) ORDER BY freq DESC, word LIMIT ?",
            (10 ** (min_zipf - 9), limit),
        )
        return [(row[0], float(row[1])) for row in rows]

    def other_word_frequencies(self, min_zipf: float) -> list[tuple[str, float]]:
        """Words Hunspell does not accept in lower case (names mostly), not misspellings,
        at least this frequent, commonest first, with their frequencies."""
        rows = self._rows(
            "SELECT word, freq FROM words WHERE freq >= ? AND dict = 0 AND word NOT IN "
            "(SELECT wrong FROM typos) ORDER BY freq DESC, word",
            (10 ** (min_zipf - 9),),
        )
        return [(row[0], float(row[1])) for row in rows]

    def place_weight(self, word: str) -> float:
        """The weight of a lowercase place word (``lint.places``), 0 if it names no place."""
        rows = self._rows("SELECT weight FROM places WHERE word = ?", (word,))
        return float(rows[0][0]) if rows else 0.0

    def places(self) -> list[tuple[str, float]]:
        """Every place word with its weight, heaviest first."""
        rows = self._rows("SELECT word, weight FROM places ORDER BY weight DESC, word", ())
        return [(row[0], float(row[1])) for row in rows]


def _chunks(words: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(words), size):
        yield words[start : start + size]


_opened: dict[int, WordSource] = {}  # by process id: a connection must not cross a fork


def word_table() -> WordSource:
    """The table for the installed data: opened from the cache, else built (and cached)."""
    table = _opened.get(os.getpid())
    if table is None:
        _opened.clear()
        table = _opened[os.getpid()] = _open_or_build()
    return table


def reopen_table() -> None:
    """Open (or build) the table afresh on next use, as after a change of cache settings."""
    _opened.clear()


def _open_or_build() -> WordSource:
    """The cached table, copied from the shipped one or built first if need be; without a
    usable cache, the shipped table or else the libraries."""
    key = table_key()
    directory = cache_dir()
    if directory is not None:
        path = directory / f"words-{key}.sqlite"
        opened = _open(path, key)
        if opened is None and write_atomically(path, lambda tmp: _copy_or_build(tmp, key)):
            # only tables unused for a while: another install of copydesk (a pre-commit
            # hook's, an editor's) has its own table in the same directory, and removing it
            # would cost that install a rebuild of several seconds on its next run
            prune(directory, "words-*.sqlite", path, older_than=PRUNE_AFTER_SECONDS)
            opened = _open(path, key)
        elif opened is not None:
            _mark_used(path)
        if opened is not None:
            return WordTable(opened, path)
    if shipped_table_matches():
        shipped = open_shipped_table()
        if shipped is not None:
            return WordTable(shipped)
    return LiveWords()


def _copy_or_build(path: Path, key: str) -> None:
    """Write the table to ``path``: a copy of the shipped one when it fits, else built."""
    if not copy_shipped_table(path, key):
        announce_first_run()
        _build_file(path, key)


class LiveWords:
    """The table's answers straight from wordfreq, Hunspell and codespell's list.

    Used when the table cannot be cached: nothing is built, each answer costs a little more,
    and loading the libraries adds about a quarter of a second to every run.
    """

    def __init__(self) -> None:
        import wordfreq

        from lint.lexicon import hunspell_dictionary

        self._frequencies = wordfreq.get_frequency_dict("en")
        self._spell = hunspell_dictionary().spell
        self._typos = {wrong: tuple(fixes.split("\t")) for wrong, fixes in _typo_rows()}
        self._place_weights: dict[str, float] | None = None

    def entry(self, word: str) -> _Entry | None:
        """(frequency, Hunspell accepts it, Hunspell accepts it capitalised) of a lowercase word."""
        frequency = self._frequencies.get(word)
        if frequency is None or not table_form(word):
            return None
        return frequency, bool(self._spell(word)), bool(self._spell(word.capitalize()))

    def entries(self, words: list[str]) -> dict[str, _Entry]:
        """``entry`` for many words at once (those listed)."""
        return {word: entry for word in words if (entry := self.entry(word)) is not None}

    def is_form(self, word: str) -> bool | None:
        """Not known without the table: Hunspell is asked instead."""
        return None

    def typo_fixes(self, word: str) -> tuple[str, ...] | None:
        """codespell's corrections of a known misspelling, or None."""
        return self._typos.get(word)

    def typos_among(self, words: list[str]) -> dict[str, tuple[str, ...]]:
        """``typo_fixes`` for many words at once (those that are known misspellings)."""
        return {word: self._typos[word] for word in words if word in self._typos}

    def dictionary_word_frequencies(
        self, min_zipf: float, limit: int = -1
    ) -> list[tuple[str, float]]:
        """Hunspell-accepted words at least this frequent, not misspellings, commonest first,
        with their frequencies."""
        floor = 10 ** (min_zipf - 9)
        frequent = [(f, w) for w, f in self._frequencies.items() if f >= floor and table_form(w)]
        chosen: list[tuple[str, float]] = []
        for frequency, word in sorted(frequent, key=lambda item: (-item[0], item[1])):
            if word not in self._typos and self._spell(word):
                chosen.append((word, frequency))
                if len(chosen) == limit:
                    break
        return chosen

    def other_word_frequencies(self, min_zipf: float) -> list[tuple[str, float]]:
        """Words Hunspell does not accept in lower case (names mostly), not misspellings,
        at least this frequent, commonest first, with their frequencies."""
        floor = 10 ** (min_zipf - 9)
        frequent = [(f, w) for w, f in self._frequencies.items() if f >= floor and table_form(w)]
        return [
            (word, frequency)
            for frequency, word in sorted(frequent, key=lambda item: (-item[0], item[1]))
            if word not in self._typos and not self._spell(word)
        ]

    def place_weight(self, word: str) -> float:
        """The weight of a lowercase place word (``lint.places``), 0 if it names no place."""
        return self._places().get(word, 0.0)

    def places(self) -> list[tuple[str, float]]:
        """Every place word with its weight, heaviest first."""
        return sorted(self._places().items(), key=lambda item: (-item[1], item[0]))

    def _places(self) -> dict[str, float]:
        if self._place_weights is None:
            self._place_weights = place_weights()
        return self._place_weights


def _mark_used(path: Path) -> None:
    """Renew a table's modification time, at most daily, so that pruning keeps it."""
    try:
        if time.time() - path.stat().st_mtime > _RENEW_AFTER_SECONDS:
            os.utime(path)
    except OSError:
        pass  # a read-only cache: the table may be pruned a week after it was built


_RENEW_AFTER_SECONDS = 24 * 3600


def _open(path: Path, key: str) -> sqlite3.Connection | None:
    """Open a cached table read-only if it is complete and built from the same data."""
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(
            f"{path.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
    except sqlite3.Error:
        return None
    try:
        row = db.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
        if row is not None and row[0] == key:
            return db
    except sqlite3.Error:
        pass
    db.close()
    return None


def _build_file(path: Path, key: str) -> None:
    db = sqlite3.connect(path)
    try:
        _fill(db, key)
    except sqlite3.Error as exc:
        raise OSError(str(exc)) from exc
    finally:
        db.close()


def _fill(db: sqlite3.Connection, key: str) -> None:
    """Create and fill the tables; the key is written last, so a partial file is never used."""
    db.executescript(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"  # a new file, renamed when done
        "CREATE TABLE words (word TEXT PRIMARY KEY, freq REAL NOT NULL, dict INTEGER NOT NULL,"
        " cap INTEGER NOT NULL) WITHOUT ROWID;"
        "CREATE TABLE forms (word TEXT PRIMARY KEY) WITHOUT ROWID;"
        "CREATE TABLE typos (wrong TEXT PRIMARY KEY, fixes TEXT NOT NULL) WITHOUT ROWID;"
        "CREATE TABLE places (word TEXT PRIMARY KEY, weight REAL NOT NULL) WITHOUT ROWID;"
        "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
    )
    hunspell = _package_dir("hunspell") / "dictionaries"
    try:
        forms = dictionary_forms(hunspell / "en_US.aff", hunspell / "en_US.dic")
    except (UnsupportedDictionary, OSError, UnicodeError, LookupError):
        forms = set()  # Hunspell answers the words wordfreq does not list, as before
    db.executemany("INSERT INTO words VALUES (?, ?, ?, ?)", sorted(_word_rows(forms)))
    db.executemany("INSERT INTO forms VALUES (?)", ((form,) for form in sorted(forms)))
    db.execute("INSERT INTO meta VALUES ('forms', ?)", ("1" if forms else "0",))
    typos = dict(_typo_rows())  # a misspelling listed twice keeps its last line, as before
    db.executemany("INSERT INTO typos VALUES (?, ?)", sorted(typos.items()))
    db.executemany("INSERT INTO places VALUES (?, ?)", sorted(place_weights().items()))
    db.execute("INSERT INTO meta VALUES ('key', ?)", (key,))
    db.commit()


def _word_rows(forms: set[str]) -> Iterator[tuple[str, float, int, int]]:
    """wordfreq's words of table form with Hunspell's verdicts in lower case and capitalised.

    With the dictionary's forms expanded, a verdict is a set lookup: Hunspell accepts a
    lowercase word when it is a form, and a capitalised one when it or its lowercase is (the
    two agree on every word wordfreq lists; ``tests/test_wordtable.py`` checks a sample).
    Hunspell itself, a hundred times slower, answers only when the forms are unknown.
    """
    import wordfreq

    verdicts = _form_verdicts(forms) if forms else _hunspell_verdicts()
    for word, frequency in wordfreq.get_frequency_dict("en").items():
        if table_form(word):
            lower, capitalised = verdicts(word)
            yield word, frequency, int(lower), int(capitalised)


def _form_verdicts(forms: set[str]) -> Callable[[str], tuple[bool, bool]]:
    def verdicts(word: str) -> tuple[bool, bool]:
        lower = word in forms
        return lower, lower or word.capitalize() in forms

    return verdicts


def _hunspell_verdicts() -> Callable[[str], tuple[bool, bool]]:
    from lint.lexicon import hunspell_dictionary

    spell = hunspell_dictionary().spell
    return lambda word: (bool(spell(word)), bool(spell(word.capitalize())))


def zipf_of_frequency(frequency: float) -> float:
    """wordfreq's Zipf value of a listed frequency (3 significant digits, then 2 decimals)."""
    rounded = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


def _typo_rows() -> Iterator[tuple[str, str]]:
    text = codespell_file("dictionary.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        wrong, _, right = line.partition("->")
        fixes = [f.strip() for f in right.split(",") if f.strip()]
        if wrong and fixes:
            yield wrong, "\t".join(fixes)
