"""Applying replacements safely: non-overlapping spans, atomic writes, everything else untouched."""

from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path

from lint.errors import InputError
from lint.findings import Applicability, Finding

BOM = "\ufeff"


def applies(finding: Finding, unsafe: bool = False) -> bool:
    """Whether ``--fix`` applies a finding's fix: a safe one, or an unsafe one if asked."""
    if len(finding.replacements) != 1:
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


class ChangedOnDisk(InputError):
    """The file is no longer what was checked: someone edited it meanwhile."""

    def __init__(self, path: str) -> None:
        super().__init__(path, "changed on disk while it was being checked; not written")


def write_fixes(path: Path, checked: str, fixed: str) -> None:
    """Replace the text of an article that was checked as ``checked`` with ``fixed``.

    A symbolic link is followed and its target fixed. The file must still hold what was
    checked, or nothing is written (``ChangedOnDisk``): an edit made meanwhile is never lost.
    A file with other hard links is rewritten in place, so every link sees the fix; any other
    is replaced atomically, keeping its permissions, owner and group and any UTF-8 BOM.
    """
    target = path.resolve()
    original = target.read_bytes()
    bom = original.startswith(BOM.encode())
    if original.decode("utf-8", errors="replace").removeprefix(BOM) != checked:
        raise ChangedOnDisk(str(path))
    data = ((BOM if bom else "") + fixed).encode("utf-8")
    status = target.stat()
    if status.st_nlink > 1:
        _rewrite_in_place(target, original, data)
    else:
        _replace_atomically(target, original, data, status)


def _rewrite_in_place(target: Path, original: bytes, data: bytes) -> None:
    with open(target, "r+b") as stream:
        if stream.read() != original:
            raise ChangedOnDisk(str(target))
        stream.seek(0)
        stream.write(data)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


def _replace_atomically(target: Path, original: bytes, data: bytes, status: os.stat_result) -> None:
    handle, temp_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if os.geteuid() == 0 or status.st_uid == os.geteuid():
            # the owner first: changing it clears set-id bits, which the mode then restores
            # only for the file's own owner
            os.chown(temp_name, status.st_uid, status.st_gid)
        os.chmod(temp_name, status.st_mode & 0o7777)
        if target.read_bytes() != original:  # the last moment an edit could be lost
            raise ChangedOnDisk(str(target))
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
