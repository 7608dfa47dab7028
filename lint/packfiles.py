"""Files a rule pack refers to (cue lists and the like), read and recorded for the pack cache."""

from __future__ import annotations

from pathlib import Path

from lint.cache import content_key, file_stamp
from lint.safefile import read_regular
from lint.yamlsource import Node

# (path, stamp, content key) of each file read, as ``files_read_since`` returns them
FileRecord = tuple[str, str, str]
_read: list[FileRecord] = []


def shipped_pack_dir() -> Path:
    """The directory of the packs that ship with copydesk (inside the wheel, or the source tree)."""
    packaged = Path(__file__).resolve().parent / "rules"  # lint/rules inside an installed wheel
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def read_beside_pack(node: Node, name: str) -> str:
    """The text of a file named in a pack, relative to the pack's own file."""
    path = Path(node.path).parent / name
    stamp = file_stamp(path)  # before reading: a change while it is read shows next time
    try:
        data = read_regular(path)
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as open() reads
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise node.error(f"cannot read {path}: {reason}") from None
    _read.append((str(path), stamp, content_key(data)))
    return text


def start_recording() -> int:
    """Mark the start of one pack's compilation; pass the mark to ``files_read_since``."""
    return len(_read)


def files_read_since(mark: int) -> list[FileRecord]:
    """Every file read since ``mark``, once each (the rules of a pack share files)."""
    found = list(dict.fromkeys(_read[mark:]))
    del _read[mark:]
    return found


def unchanged(files: list[FileRecord]) -> bool:
    """Whether every recorded file still has the content it had.

    A file with the same size and modification time is taken as unchanged, which costs one
    ``stat`` at start-up; any other is read and compared by its bytes, so a file that was only
    touched keeps the cached pack.
    """
    for path, stamp, key in files:
        if file_stamp(path) == stamp:
            continue
        try:
            if content_key(Path(path).read_bytes()) != key:
                return False
        except OSError:
            return False
    return True
