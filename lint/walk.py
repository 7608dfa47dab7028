"""Which files a run checks: the paths given, directories searched for articles, less what
``--exclude``, each configuration's ``exclude`` and, in directory walks, ``.gitignore`` leave
out (as ruff and typos do: ``node_modules/``, ``build/`` and ignored drafts are not linted).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pathspec import GitIgnoreSpec

from lint.document import ARTICLE_SUFFIXES
from lint.errors import CopydeskError

ConfigExclude = Callable[[Path], tuple[Path, tuple[str, ...]] | None]  # path -> (root, patterns)


class Excluder:
    """Decides whether a path is left out of a run."""

    def __init__(
        self,
        patterns: Iterable[str] = (),
        cwd: Path | None = None,
        config_exclude: ConfigExclude | None = None,
    ) -> None:
        self.cwd = (cwd or Path.cwd()).resolve()
        self.cli = GitIgnoreSpec.from_lines(list(patterns))
        self.config_exclude = config_exclude
        self._specs: dict[tuple[Path, tuple[str, ...]], GitIgnoreSpec] = {}
        self.named_excluded = 0  # paths named on the command line that were left out

    def excluded(self, path: Path, is_dir: bool = False) -> bool:
        """Whether ``--exclude`` or the governing configuration's ``exclude`` leaves it out."""
        if _matches(self.cli, self.cwd, path, is_dir):
            return True
        if self.config_exclude is None:
            return False
        try:
            found = self.config_exclude(path)
        except CopydeskError:
            return False  # a bad configuration is reported when the file is checked
        if found is None or not found[1]:
            return False
        root, patterns = found
        spec = self._specs.setdefault((root, patterns), GitIgnoreSpec.from_lines(list(patterns)))
        return _matches(spec, root.resolve(), path, is_dir)


def _matches(spec: GitIgnoreSpec, base: Path, path: Path, is_dir: bool) -> bool:
    """Whether a spec whose patterns are relative to ``base`` matches a path under it."""
    if not spec.patterns:
        return False
    try:
        relative = path.resolve().relative_to(base).as_posix()
    except ValueError:
        return False  # outside the folder the patterns are written for
    return bool(relative != ".") and spec.match_file(relative + ("/" if is_dir else ""))


def find_articles(
    paths: Iterable[Path], excluder: Excluder, unreadable: list[Path] | None = None
) -> Iterator[Path]:
    """Files as given (unless excluded); directories searched recursively for articles, in
    sorted order, skipping hidden and git-ignored entries. A folder that cannot be read is
    added to ``unreadable`` (when given), not passed over."""
    for path in paths:
        if excluder.excluded(path, path.is_dir()):
            excluder.named_excluded += 1
            continue
        if path.is_dir():
            yield from _walk(path, excluder, unreadable)
        else:
            yield path


def _walk(top: Path, excluder: Excluder, unreadable: list[Path] | None) -> Iterator[Path]:
    ignores = _ancestor_ignores(top)
    found = []
    for folder, subfolders, names in os.walk(top, onerror=_noting(unreadable)):
        here = Path(folder)
        own = here / ".gitignore"
        if own.is_file():
            ignores[here.resolve()] = _read_ignore(own)

        subfolders[:] = sorted(
            d
            for d in subfolders
            if not d.startswith(".") and not _left_out(here / d, True, excluder, ignores)
        )
        found += [
            here / name
            for name in names
            if not name.startswith(".")
            and Path(name).suffix.lower() in ARTICLE_SUFFIXES
            and (here / name).is_file()
            and not _left_out(here / name, False, excluder, ignores)
        ]
    yield from sorted(found)


def _left_out(
    path: Path, is_dir: bool, excluder: Excluder, ignores: dict[Path, GitIgnoreSpec]
) -> bool:
    return excluder.excluded(path, is_dir) or any(
        _matches(spec, base, path, is_dir) for base, spec in ignores.items()
    )


def _ancestor_ignores(top: Path) -> dict[Path, GitIgnoreSpec]:
    """The ``.gitignore`` files from the repository's root down to ``top`` (none outside a
    repository but ``top``'s own, read by the walk)."""
    start = top.resolve()
    chain = [start, *start.parents]
    root = next((folder for folder in chain if (folder / ".git").exists()), None)
    if root is None:
        return {}
    ignores = {}
    for folder in reversed(chain[1 : chain.index(root) + 1]):
        if (folder / ".gitignore").is_file():
            ignores[folder] = _read_ignore(folder / ".gitignore")
    return ignores


def _read_ignore(path: Path) -> GitIgnoreSpec:
    """A ``.gitignore`` file's patterns (an unreadable one ignores nothing)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    return GitIgnoreSpec.from_lines(lines)


def _noting(unreadable: list[Path] | None) -> Callable[[OSError], None]:
    def note(error: OSError) -> None:
        if unreadable is not None and error.filename:
            unreadable.append(Path(error.filename))

    return note
