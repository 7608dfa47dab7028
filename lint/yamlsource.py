"""Safe YAML loading that keeps the line and column of every value, for precise errors."""

from __future__ import annotations

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
    except yaml.YAMLError as exc:
        raise ConfigError(path, f"invalid YAML: {exc}") from None
    if root is None:
        return Node(None, path, 1, 1)
    return _convert(root, path)


@cache
def _constructor() -> yaml.constructor.SafeConstructor:
    import yaml

    return yaml.constructor.SafeConstructor()


_STANDARD_TAG = "tag:yaml.org,2002:"


def _convert(node: yaml.Node, path: str) -> Node:
    import yaml

    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if not node.tag.startswith(_STANDARD_TAG) or node.tag.startswith(_STANDARD_TAG + "python"):
        raise ConfigError(path, f"YAML tag '{node.tag}' is not allowed", line, column)
    if isinstance(node, yaml.MappingNode):
        items: dict[str, Node] = {}
        positions: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, path)
            key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key, str):
                raise ConfigError(path, f"keys must be strings, got {key!r}", *key_pos)
            if key in items:
                raise ConfigError(path, f"duplicate key '{key}'", *key_pos)
            items[key] = _convert(value_node, path)
            positions[key] = key_pos
        return Node(items, path, line, column, positions)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(child, path) for child in node.value], path, line, column)
    return Node(_scalar(node, path), path, line, column)


def _scalar(node: yaml.Node, path: str) -> Any:
    import yaml

    if not isinstance(node, yaml.ScalarNode):
        mark = node.start_mark
        raise ConfigError(path, "keys must be plain scalars", mark.line + 1, mark.column + 1)
    try:
        return _constructor().construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        mark = node.start_mark
        raise ConfigError(path, f"invalid value: {exc}", mark.line + 1, mark.column + 1) from None


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
