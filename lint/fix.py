"""Applying replacements safely: non-overlapping spans, atomic writes, everything else untouched."""

from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path

from lint.findings import Applicability, Finding

BOM = "\ufeff"


def applies(finding: Finding, unsafe: bool = False) -> bool:
    """Whether ``--fix`` applies a finding's fix: a safe one, or an unsafe one if asked."""
    if not finding.fixable or len(finding.replacements) != 1:
        return False
    allowed = (Applicability.SAFE, Applicability.UNSAFE) if unsafe else (Applicability.SAFE,)
    return finding.applicability in allowed


def fixable(findings: list[Finding], unsafe: bool = False) -> list[Finding]:
    """The findings whose fixes apply (``applies``), without overlaps."""
    chosen: list[Finding] = []
    last_end = -1
    for finding in sorted(findings, key=Finding.sort_key):
        if applies(finding, unsafe) and finding.start >= last_end:
            chosen.append(finding)
            last_end = finding.end
    return chosen


def apply_fixes(text: str, findings: list[Finding], unsafe: bool = False) -> str:
    """The text with each applicable finding's span replaced; other text is kept as it is."""
    pieces: list[str] = []
    cursor = 0
    for finding in fixable(findings, unsafe):
        if text[finding.start : finding.end] != finding.match:
            continue
        pieces.append(text[cursor : finding.start])
        pieces.append(finding.replacements[0])
        cursor = finding.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff between two versions of a file."""
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )


def write_atomic(path: Path, text: str) -> None:
    """Replace a file's contents atomically, keeping its permissions and any UTF-8 BOM."""
    original = path.read_bytes()
    data = (BOM + text if original.startswith(BOM.encode()) else text).encode("utf-8")
    mode = path.stat().st_mode
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, mode & 0o7777)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
