"""The ``archive:`` setting: which index new copy is checked against, and what a bad one does."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lint.errors import ConfigError
from lint.memory.lookup import HouseArchive, check_index, open_archive
from lint.memory.schema import IndexUnavailable
from lint.yamlsource import Node, as_choice, as_str, check_keys

ARCHIVE_KEYS = {"path", "on_error"}


@dataclass(frozen=True)
class ArchiveSettings:
    """The index's path, and whether an unusable one is a warning or an error."""

    path: Path
    on_error: str = "warning"


def archive_settings(node: Node, root: Path) -> ArchiveSettings:
    """``archive: PATH`` or ``archive: {path: PATH, on_error: warning|error}``; a relative
    path is taken from the configuration's folder."""
    if isinstance(node.value, dict):
        fields = check_keys(node, ARCHIVE_KEYS, {"path"}, "'archive'")
        path = as_str(fields["path"], "path")
        on_error = (
            as_choice(fields["on_error"], "on_error", ("warning", "error"))
            if "on_error" in fields
            else "warning"
        )
    else:
        path, on_error = as_str(node, "archive"), "warning"
    return ArchiveSettings(root / Path(path).expanduser(), on_error)


def usable_archive(settings: ArchiveSettings | None, warnings: list[str]) -> HouseArchive | None:
    """The archive to check against; an unusable index is a warning added to ``warnings``
    (the article is checked without it), or a ``ConfigError`` with ``on_error: error``."""
    if settings is None:
        return None
    try:
        check_index(settings.path)
    except IndexUnavailable as exc:
        if settings.on_error == "error":
            reason = str(exc).removeprefix(f"{settings.path}: ")
            raise ConfigError(str(settings.path), reason) from None
        warnings.append(f"{exc}; checking without the archive")
        return None
    return open_archive(settings.path)
