"""Safe YAML loading that keeps the line and column of every value, for precise errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from lint.errors import ConfigError

if TYPE_CHECKING:
    import yaml

T = TypeVar("T")


@dataclass(frozen=True)
class Node:
    """A YAML value with its source position (1-based line and column)."""

    value: Any
    path: str
    line: int
    column: int
    key_positions: dict[str, tuple[int, int]] = field(default_factory=dict)

    def error(self, message: str) -> ConfigError:
        """An error located at this value."""
        return ConfigError(self.path, message, self.line, self.column)

    def key_error(self, key: str, message: str) -> ConfigError:
        """An error located at one key of this mapping."""
        line, column = self.key_positions.get(key, (self.line, self.column))
        return ConfigError(self.path, message, line, column)


def load_yaml(text: str, path: str) -> Node:
    """Parse YAML text with the safe loader into a located ``Node`` tree."""
    import yaml  # imported on first use: a run served from the pack cache needs no YAML

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise ConfigError(path, f"invalid YAML: {exc.problem or exc}", line, column) from None
    except yaml.reader.ReaderError as exc:  # a control character YAML does not allow
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else 0
        reason = f"character #x{code:04x} is not allowed in YAML ({exc.reason})"
        raise ConfigError(path, f"invalid YAML: {reason}", line, column) from None
    except yaml.YAMLError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(path, f"invalid YAML: {reason}") from None
    if root is None:
        return Node(None, path, 1, 1)
    return _Converter(path, max(MAX_NODES, len(text))).convert(root, 0)


@cache
def _constructor() -> yaml.constructor.SafeConstructor:
    import yaml

    return yaml.constructor.SafeConstructor()


_STANDARD_TAG = "tag:yaml.org,2002:"


MAX_NODES = 100_000  # values a document may expand to (aliases included), at the least
MAX_DEPTH = 64  # how deeply values may nest


class _Converter:
    """Turns a composed YAML graph into ``Node`` trees, expanding aliases within bounds: a
    document whose aliases would expand past its budget ("billion laughs"), refer to
    themselves, or nest too deeply is an error at the alias, not a hang or a crash."""

    def __init__(self, path: str, budget: int) -> None:
        self.path = path
        self.budget = budget
        self.open: set[int] = set()  # the nodes being converted: a cycle comes back to one

    def convert(self, node: yaml.Node, depth: int) -> Node:
        import yaml

        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.budget -= 1
        if self.budget < 0:
            raise ConfigError(self.path, "too many values (aliases expand too far)", line, column)
        if depth > MAX_DEPTH or id(node) in self.open:
            what = "an alias refers to itself" if id(node) in self.open else "nested too deeply"
            raise ConfigError(self.path, what, line, column)
        tag = node.tag
        if not tag.startswith(_STANDARD_TAG) or tag.startswith(_STANDARD_TAG + "python"):
            raise ConfigError(self.path, f"YAML tag '{tag}' is not allowed", line, column)
        if not isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            return Node(_scalar(node, self.path), self.path, line, column)
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                items = [self.convert(child, depth + 1) for child in node.value]
                return Node(items, self.path, line, column)
            return self._mapping(node, depth, line, column)
        finally:
            self.open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, depth: int, line: int, column: int) -> Node:
        items: dict[str, Node] = {}
        positions: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, self.path)
            key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key, str):
                raise ConfigError(self.path, f"keys must be strings, got {key!r}", *key_pos)
            if key in items:
                raise ConfigError(self.path, f"duplicate key '{key}'", *key_pos)
            items[key] = self.convert(value_node, depth + 1)
            positions[key] = key_pos
        return Node(items, self.path, line, column, positions)


def _scalar(node: yaml.Node, path: str) -> Any:
    import yaml

    if not isinstance(node, yaml.ScalarNode):
        mark = node.start_mark
        raise ConfigError(path, "keys must be plain scalars", mark.line + 1, mark.column + 1)
    try:
        return _constructor().construct_object(node, deep=True)
    except (
        yaml.YAMLError,
        ValueError,
        OverflowError,
        AttributeError,
        TypeError,
        LookupError,
    ) as exc:
        # "!!int abc", "2024-13-45", "!!timestamp abc" (which PyYAML itself trips on)
        mark = node.start_mark
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise ConfigError(
            path, f"invalid value: {reason}", mark.line + 1, mark.column + 1
        ) from None


def plain(node: Node) -> Any:
    """Strip positions from a node tree, returning plain Python data."""
    if isinstance(node.value, dict):
        return {key: plain(child) for key, child in node.value.items()}
    if isinstance(node.value, list):
        return [plain(child) for child in node.value]
    return node.value


# --- typed accessors used by the rule and configuration schemas -------------------------------


def expect_mapping(node: Node, what: str) -> dict[str, Node]:
    """The node's mapping, or an error naming what was expected."""
    if not isinstance(node.value, dict):
        raise node.error(f"{what} must be a mapping")
    return node.value


def check_keys(node: Node, allowed: set[str], required: set[str], what: str) -> dict[str, Node]:
    """Reject unknown keys and report missing required ones."""
    mapping = expect_mapping(node, what)
    for key in mapping:
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise node.key_error(key, f"unknown key '{key}' in {what} (known: {known})")
    for key in sorted(required):
        if key not in mapping:
            raise node.error(f"{what} is missing required key '{key}'")
    return mapping


def as_str(node: Node, key: str) -> str:
    """A non-empty string value."""
    if not isinstance(node.value, str) or not node.value:
        raise node.error(f"'{key}' must be a non-empty string")
    return node.value


def as_bool(node: Node, key: str) -> bool:
    """A boolean value."""
    if not isinstance(node.value, bool):
        raise node.error(f"'{key}' must be true or false")
    return node.value


def as_number(node: Node, key: str, low: float, high: float) -> float:
    """A number within ``[low, high]``."""
    value = node.value
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise node.error(f"'{key}' must be a number from {low:g} to {high:g}")
    return float(value)


_SIZE = re.compile(r"(\d{1,12})\s*(B|KB|MB|GB)?", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 1024, "mb": 1024**2, "gb": 1024**3}


def as_size(node: Node, key: str) -> int:
    """A size in bytes: a whole number, or one with a unit (``512 KB``, ``20 MB``, ``1 GB``)."""
    value = node.value
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = _SIZE.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None or int(match[1]) == 0:
        raise node.error(f"'{key}' must be a size such as 20 MB, 512 KB or a number of bytes")
    return int(match[1]) * _UNITS[(match[2] or "b").lower()]


def as_list(node: Node, key: str, item: Callable[[Node, str], T]) -> list[T]:
    """A list whose items are each converted by ``item``."""
    if not isinstance(node.value, list):
        raise node.error(f"'{key}' must be a list")
    return [item(child, key) for child in node.value]


def as_str_list(node: Node, key: str) -> list[str]:
    """A list of non-empty strings (a single string is accepted as a one-item list)."""
    if isinstance(node.value, str):
        return [as_str(node, key)]
    return as_list(node, key, as_str)


def as_choice(node: Node, key: str, choices: tuple[str, ...]) -> str:
    """One string out of a fixed set."""
    value = as_str(node, key)
    if value not in choices:
        raise node.error(f"'{key}' must be one of {', '.join(choices)}, got '{value}'")
    return value
