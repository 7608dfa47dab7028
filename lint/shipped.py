"""The word table built when copydesk is installed, so that a first run need not build it.

Building the table from wordfreq, Hunspell, codespell and the place data takes seconds; a
fresh CI machine or pre-commit environment would pay that on its first run. The wheel (and an
editable install) therefore carries ``lint/data/words.sqlite``, built by ``setup.py`` from the
same libraries pip installs beside copydesk.

The cached table is keyed by the paths and modification times of its inputs, which differ
from machine to machine; the shipped one records a key of the inputs' *contents*
(``data_key``). When they match the installed libraries, the shipped table is copied into the
cache under the local key, and nothing is built. When they do not (another version of
wordfreq, say), it is ignored and the table is built as before.
"""

from __future__ import annotations

import shutil
import sqlite3
import zlib
from pathlib import Path

SHIPPED_TABLE = Path(__file__).parent / "data" / "words.sqlite"
_CONTENT = "content"  # the meta row holding the shipped table's data key


def data_key(inputs: list[Path]) -> str:
    """A key of the inputs' names and bytes, the same wherever the libraries are installed."""
    from lint.cache import content_key

    parts: list[bytes | str] = []
    for path in inputs:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"missing"
        checksum = zlib.crc32(data).to_bytes(4, "little") + len(data).to_bytes(8, "little")
        parts += [f"{path.parent.name}/{path.name}", checksum]
    return content_key(*parts)


def build_shipped_table(target: Path) -> None:
    """Build the table for the installed libraries at ``target`` (used by ``setup.py``)."""
    from lint.wordtable import SCHEMA, _fill, _inputs

    key = data_key(_inputs())
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    try:
        _fill(db, f"shipped-{SCHEMA}")
        db.execute("INSERT INTO meta VALUES (?, ?)", (_CONTENT, f"{SCHEMA}:{key}"))
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    partial.replace(target)


def shipped_table_matches() -> bool:
    """Whether the shipped table exists and was built from the installed data."""
    from lint.wordtable import SCHEMA, _inputs

    connection = open_shipped_table()
    if connection is None:
        return False
    try:
        row = connection.execute("SELECT value FROM meta WHERE name = ?", (_CONTENT,)).fetchone()
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return row is not None and row[0] == f"{SCHEMA}:{data_key(_inputs())}"


def open_shipped_table() -> sqlite3.Connection | None:
    """A read-only connection to the shipped table, or None if there is none."""
    if not SHIPPED_TABLE.is_file():
        return None
    try:
        return sqlite3.connect(
            f"{SHIPPED_TABLE.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
    except sqlite3.Error:
        return None


def copy_shipped_table(destination: Path, local_key: str) -> bool:
    """Copy the shipped table to ``destination`` under ``local_key`` if it was built from the
    installed data; False otherwise (``destination`` may then hold a partial copy)."""
    if not shipped_table_matches():
        return False
    try:
        shutil.copyfile(SHIPPED_TABLE, destination)
        db = sqlite3.connect(destination)
        try:
            db.execute("UPDATE meta SET value = ? WHERE name = 'key'", (local_key,))
            db.commit()
        finally:
            db.close()
    except (OSError, sqlite3.Error):
        return False
    return True
