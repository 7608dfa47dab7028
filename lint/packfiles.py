"""Files a rule pack refers to (cue lists and the like), read and recorded for the pack cache."""

from __future__ import annotations

from pathlib import Path

from lint.cache import content_key
from lint.yamlsource import Node

_read: list[tuple[str, str]] = []


def read_beside_pack(node: Node, name: str) -> str:
    """The text of a file named in a pack, relative to the pack's own file."""
    path = Path(node.path).parent / name
    try:
        data = path.read_bytes()
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as open() reads
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise node.error(f"cannot read {path}: {reason}") from None
    _read.append((str(path), content_key(data)))
    return text


def start_recording() -> int:
    """Mark the start of one pack's compilation; pass the mark to ``files_read_since``."""
    return len(_read)


def files_read_since(mark: int) -> list[tuple[str, str]]:
    """(path, content key) of every file read since ``mark``."""
    found = _read[mark:]
    del _read[mark:]
    return found


def unchanged(files: list[tuple[str, str]]) -> bool:
    """Whether every recorded file still has the content it had."""
    for path, key in files:
        try:
            if content_key(Path(path).read_bytes()) != key:  # bytes: no decoding at start-up
                return False
        except OSError:
            return False
    return True
