"""Configuration: ``.copydesk.yaml`` or ``[tool.copydesk]``, found walking up from each article."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import regex

from lint.errors import ConfigError
from lint.findings import Severity
from lint.memory.lookup import HouseArchive
from lint.memory.settings import ArchiveSettings, archive_settings, usable_archive
from lint.packs import load_pack_file, shipped_packs
from lint.rule import Context, Rule
from lint.safefile import MAX_BYTES, read_regular, read_regular_text
from lint.saferegex import compile_user
from lint.variety import AUTO, LANGUAGES
from lint.yamlsource import (
    Node,
    as_choice,
    as_list,
    as_size,
    as_str,
    as_str_list,
    check_keys,
    expect_mapping,
    load_yaml,
)

CONFIG_NAME = ".copydesk.yaml"
SEVERITIES = tuple(s.value for s in Severity)
FAIL_LEVELS = (*SEVERITIES, "never")

TOP_KEYS = {
    "packs",
    "enable",
    "disable",
    "severity",
    "language",
    "vocabulary",
    "fail_level",
    "overrides",
    "languagetool",
    "max_file_size",
    "exclude",
    "archive",
}
OVERRIDE_KEYS = {"paths", "enable", "disable", "severity", "language"}
VOCAB_KEYS = {"accept", "reject", "accept_patterns"}
LT_KEYS = {"url", "timeout", "on_error", "spelling", "language", "disabled_rules"}


@dataclass(frozen=True)
class Override:
    """Settings applied to the articles whose path matches one of ``paths`` (globs)."""

    paths: tuple[str, ...]
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    language: str | None = None


@dataclass(frozen=True)
class LanguageToolSettings:
    """How to reach a LanguageTool server."""

    url: str
    timeout: float = 10.0
    on_error: str = "error"
    spelling: bool = False
    language: str | None = None
    disabled_rules: tuple[str, ...] = ()


@dataclass
class Config:
    """A resolved configuration: rules loaded, settings validated."""

    path: Path | None
    root: Path
    rules: list[Rule]
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    language: str = "auto"
    accept: frozenset[str] = frozenset()
    reject: frozenset[str] = frozenset()
    accept_patterns: tuple[regex.Pattern[str], ...] = ()
    fail_level: str = "warning"
    overrides: tuple[Override, ...] = ()
    languagetool: LanguageToolSettings | None = None
    max_file_size: int = MAX_BYTES
    exclude: tuple[str, ...] = ()  # gitignore-style patterns, relative to ``root``
    # from the command line (``--select``, ``--ignore``): they override enable and disable
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # located problems that do not stop a run (unknown rule ids)
    archive: ArchiveSettings | None = None
    house_archive: HouseArchive | None = None  # the archive's index, found usable when set
    _resolved: dict[tuple[int, ...], tuple[list[Rule], Context]] = field(default_factory=dict)

    def with_archive(self, settings: ArchiveSettings | None) -> Config:
        """This configuration checking against the archive index ``settings`` names; one that
        cannot be used is a warning (or a ``ConfigError`` with ``on_error: error``)."""
        if settings is None:
            return self
        warnings = list(self.warnings)
        house = usable_archive(settings, warnings)
        return replace(
            self, archive=settings, house_archive=house, warnings=tuple(warnings), _resolved={}
        )

    def rules_for(self, article: Path | None) -> tuple[list[Rule], Context]:
        """The active rules (severity overrides applied) and check context for one article."""
        chosen = self._matching_overrides(article)
        key = tuple(chosen)
        if key not in self._resolved:
            self._resolved[key] = self._resolve([self.overrides[i] for i in chosen])
        return self._resolved[key]

    def _matching_overrides(self, article: Path | None) -> list[int]:
        if article is None or not self.overrides:
            return []
        try:
            relative = article.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            relative = article.as_posix()
        return [
            i
            for i, o in enumerate(self.overrides)
            if any(fnmatch.fnmatch(relative, glob) for glob in o.paths)
        ]

    def _resolve(self, overrides: list[Override]) -> tuple[list[Rule], Context]:
        enable = list(self.enable)
        disable = list(self.disable)
        severity = dict(self.severity)
        language = self.language
        for override in overrides:
            enable += override.enable
            disable += override.disable
            severity.update(override.severity)
            language = override.language or language
        if self.select:  # the command line's choice replaces the configuration's
            enable, disable = list(self.select), list(self.ignore)
        else:
            disable += self.ignore
        active = []
        for rule in self.rules:
            if not _is_active(rule.id, enable, disable) or (
                self.select and not _chosen(rule.id, self.select, self.ignore)
            ):
                continue
            level = _most_specific(rule.id, severity)
            active.append(rule.with_severity(level) if level else rule)
        context = Context(
            language=language,
            accept=self.accept,
            reject=self.reject,
            accept_patterns=self.accept_patterns,
            known_names=known_names(self.rules),
            archive=self.house_archive,
            lexicon_rule=next((r for r in self.rules if r.kind == "attribution"), None),
        )
        return active, context


def known_names(rules: list[Rule]) -> frozenset[str]:
    """Every correct name form that the loaded names rules declare."""
    names: set[str] = set()
    for rule in rules:
        declared = getattr(rule.options, "correct_forms", None)
        if declared:
            names.update(declared)
    return frozenset(names)


def _specificity(rule_id: str, selector: str) -> int:
    if rule_id == selector:
        return 1000
    if rule_id.startswith(selector + "."):
        return selector.count(".") + 1
    return -1


def _is_active(rule_id: str, enable: list[str], disable: list[str]) -> bool:
    best_enable = max((_specificity(rule_id, s) for s in enable), default=-1)
    best_disable = max((_specificity(rule_id, s) for s in disable), default=-1)
    return best_disable < 0 or best_enable >= best_disable


def _chosen(rule_id: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Whether the command line's ``--select`` takes a rule and ``--ignore`` does not (an
    ignore as specific as the select wins, as in ruff)."""
    chosen = max((_specificity(rule_id, s) for s in select), default=-1)
    ignored = max((_specificity(rule_id, s) for s in ignore), default=-1)
    return chosen >= 0 and ignored < chosen


def _most_specific(rule_id: str, severity: dict[str, Severity]) -> Severity | None:
    scored = [(_specificity(rule_id, sel), level) for sel, level in severity.items()]
    scored = [item for item in scored if item[0] >= 0]
    return max(scored, key=lambda item: item[0])[1] if scored else None


# --- finding and loading ------------------------------------------------------------------------


def find_config_file(start: Path) -> Path | None:
    """The nearest ``.copydesk.yaml`` or ``pyproject.toml`` with ``[tool.copydesk]``."""
    directory = start if start.is_dir() else start.parent
    for folder in [directory.resolve(), *directory.resolve().parents]:
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        if candidate.exists() or candidate.is_symlink():  # a folder, a FIFO, a broken link
            raise ConfigError(str(candidate), "not a regular file; the configuration is not read")
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(pyproject: Path) -> bool:
    """Whether a pyproject names copydesk's table (read as bytes: one that is not valid UTF-8
    is then reported when it is loaded, not passed over)."""
    try:
        return b"[tool.copydesk" in read_regular(pyproject)
    except OSError:
        return False


def load_config(path: Path | None) -> Config:
    """Load a configuration file, or the defaults when ``path`` is None."""
    if path is None:
        return _build(None, Path.cwd(), None)
    if path.name == "pyproject.toml":
        return _build(path, path.parent, _pyproject_node(path))
    try:
        text = read_regular_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read configuration: {exc}") from None
    root = load_yaml(text, str(path))
    return _build(path, path.parent, root if root.value is not None else None)


def config_from_text(path: Path, text: str) -> Config:
    """The configuration a YAML file at ``path`` would give if it held ``text``."""
    root = load_yaml(text, str(path))
    return _build(path, path.parent, root if root.value is not None else None)


def _pyproject_node(path: Path) -> Node | None:
    import tomllib

    try:
        text = read_regular_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise ConfigError(str(path), f"cannot read configuration: {reason}") from None
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise ConfigError(str(path), "invalid TOML: nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        number = int(line.group(1)) if line else None
        raise ConfigError(str(path), f"invalid TOML: {exc}", number) from None
    except ValueError:  # a number past Python's 4,300-digit conversion limit
        digits = re.search(r"\d{4300}", text)
        number = text.count("\n", 0, digits.start()) + 1 if digits else None
        raise ConfigError(str(path), "invalid TOML: a number too long to read", number) from None
    section = data.get("tool", {}).get("copydesk")
    if section is None:
        return None
    return _toml_to_node(section, str(path), text)


def _toml_to_node(value: Any, path: str, text: str, line: int = 1) -> Node:
    """Wrap TOML data as nodes; a value's position is the line where its key is first
    assigned (so an error in it names that line), a list's items share the list's."""
    if isinstance(value, dict):
        positions = {k: (_toml_line(text, k), 1) for k in value}
        items = {k: _toml_to_node(v, path, text, positions[k][0]) for k, v in value.items()}
        return Node(items, path, line, 1, positions)
    if isinstance(value, list):
        return Node([_toml_to_node(v, path, text, line) for v in value], path, line, 1)
    return Node(value, path, line, 1)


def _toml_line(text: str, key: str) -> int:
    match = re.search(rf"^[ \t]*\"?{re.escape(key)}\"?[ \t]*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _build(path: Path | None, root: Path, node: Node | None) -> Config:
    fields = check_keys(node, TOP_KEYS, set(), "configuration") if node is not None else {}
    packs = as_str_list(fields["packs"], "packs") if "packs" in fields else list(shipped_packs())
    rules = _load_packs(packs, root, fields.get("packs"))
    vocab = _vocabulary(fields["vocabulary"]) if "vocabulary" in fields else ({}, (), ())
    accept, reject, patterns = vocab
    return Config(
        path=path,
        root=root,
        rules=rules,
        enable=tuple(as_str_list(fields["enable"], "enable")) if "enable" in fields else (),
        disable=tuple(as_str_list(fields["disable"], "disable")) if "disable" in fields else (),
        severity=_severity_map(fields["severity"]) if "severity" in fields else {},
        language=as_choice(fields["language"], "language", LANGUAGES)
        if "language" in fields
        else AUTO,
        accept=frozenset(accept),
        reject=frozenset(reject),
        accept_patterns=patterns,
        fail_level=as_choice(fields["fail_level"], "fail_level", FAIL_LEVELS)
        if "fail_level" in fields
        else "warning",
        overrides=tuple(as_list(fields["overrides"], "overrides", _override))
        if "overrides" in fields
        else (),
        languagetool=_languagetool(fields["languagetool"]) if "languagetool" in fields else None,
        max_file_size=as_size(fields["max_file_size"], "max_file_size")
        if "max_file_size" in fields
        else MAX_BYTES,
        exclude=tuple(as_str_list(fields["exclude"], "exclude")) if "exclude" in fields else (),
        warnings=tuple(unknown_selectors(fields, rules)),
    ).with_archive(archive_settings(fields["archive"], root) if "archive" in fields else None)


def unknown_selectors(fields: dict[str, Node], rules: list[Rule]) -> list[str]:
    """A located warning for each rule id or pack in ``enable``, ``disable``, ``severity`` or
    an override that names no loaded rule (a typo there silently does nothing)."""
    found = []
    for key in ("enable", "disable", "severity"):
        if key in fields:
            found += _unknown_in(fields[key], key, rules)
    for override in fields["overrides"].value if "overrides" in fields else []:
        if isinstance(override.value, dict):
            for key in ("enable", "disable", "severity"):
                if key in override.value:
                    found += _unknown_in(override.value[key], key, rules)
    return found


def _unknown_in(node: Node, key: str, rules: list[Rule]) -> list[str]:
    if isinstance(node.value, dict):  # severity: {rule: level}, each key located
        named = [(name, node.key_positions.get(name, (node.line, 1))[0]) for name in node.value]
    elif isinstance(node.value, list):
        named = [(item.value, item.line) for item in node.value]
    else:
        named = [(node.value, node.line)]
    return [
        f"{node.path}:{line}: unknown rule or pack '{name}' in '{key}'"
        for name, line in named
        if isinstance(name, str) and not matches_a_rule(name, rules)
    ]


def matches_a_rule(selector: str, rules: list[Rule]) -> bool:
    """Whether a rule id or pack name selects at least one of the rules."""
    return any(_specificity(rule.id, selector) >= 0 for rule in rules)


def _pack_path(root: Path, name: str) -> Path | None:
    """The pack file a name in ``packs`` refers to, or None if there is no such file."""
    try:
        candidate = (root / name).resolve()
        return candidate if candidate.is_file() else None
    except (OSError, ValueError):  # a name too long for a path, or holding a NUL
        return None


def _load_packs(names: list[str], root: Path, node: Node | None) -> list[Rule]:
    shipped = shipped_packs()
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for name in names:
        if name in shipped:
            pack_rules = load_pack_file(shipped[name])
        else:
            candidate = _pack_path(root, name)
            if candidate is None:
                where = node or Node(None, str(root), 1, 1)
                known = ", ".join(shipped)
                shown = name if len(name) <= 60 else name[:57] + "..."
                raise where.error(
                    f"unknown pack '{shown}': not a shipped pack ({known}) nor a file"
                )
            pack_rules = load_pack_file(candidate)
        for rule in pack_rules:
            if rule.id in seen:
                raise ConfigError(
                    rule.source,
                    f"rule id '{rule.id}' is also defined in {seen[rule.id]}",
                    rule.line,
                )
            seen[rule.id] = rule.source
        rules.extend(pack_rules)
    return rules


def _severity_map(node: Node) -> dict[str, Severity]:
    mapping = expect_mapping(node, "'severity'")
    return {
        key: Severity(as_choice(value, f"severity.{key}", SEVERITIES))
        for key, value in mapping.items()
    }


def _vocabulary(node: Node) -> tuple[set[str], set[str], tuple[regex.Pattern[str], ...]]:
    fields = check_keys(node, VOCAB_KEYS, set(), "'vocabulary'")
    accept = set(as_str_list(fields["accept"], "accept")) if "accept" in fields else set()
    reject = set(as_str_list(fields["reject"], "reject")) if "reject" in fields else set()
    patterns: list[regex.Pattern[str]] = []
    for item in fields["accept_patterns"].value if "accept_patterns" in fields else []:
        try:
            patterns.append(compile_user(as_str(item, "accept_patterns")))
        except regex.error as exc:
            raise item.error(
                f"'accept_patterns' has a regex that does not compile: {exc}"
            ) from None
    return accept, reject, tuple(patterns)


def _override(node: Node, key: str) -> Override:
    fields = check_keys(node, OVERRIDE_KEYS, {"paths"}, "override")
    return Override(
        paths=tuple(as_str_list(fields["paths"], "paths")),
        enable=tuple(as_str_list(fields["enable"], "enable")) if "enable" in fields else (),
        disable=tuple(as_str_list(fields["disable"], "disable")) if "disable" in fields else (),
        severity=_severity_map(fields["severity"]) if "severity" in fields else {},
        language=as_choice(fields["language"], "language", LANGUAGES)
        if "language" in fields
        else None,
    )


def _languagetool(node: Node) -> LanguageToolSettings:
    fields = check_keys(node, LT_KEYS, {"url"}, "'languagetool'")
    timeout = fields.get("timeout")
    if timeout is not None and (
        isinstance(timeout.value, bool)
        or not isinstance(timeout.value, int | float)
        or timeout.value <= 0
    ):
        raise timeout.error("'timeout' must be a positive number of seconds")
    spelling = fields.get("spelling")
    if spelling is not None and not isinstance(spelling.value, bool):
        raise spelling.error("'spelling' must be true or false")
    return LanguageToolSettings(
        url=as_str(fields["url"], "url"),
        timeout=float(timeout.value) if timeout is not None else 10.0,
        on_error=as_choice(fields["on_error"], "on_error", ("error", "warning"))
        if "on_error" in fields
        else "error",
        spelling=bool(spelling.value) if spelling is not None else False,
        language=as_choice(fields["language"], "language", LANGUAGES)
        if "language" in fields
        else None,
        disabled_rules=tuple(as_str_list(fields["disabled_rules"], "disabled_rules"))
        if "disabled_rules" in fields
        else (),
    )
