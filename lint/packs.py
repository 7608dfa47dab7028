"""Loading rule packs: strict YAML validation with ``file:line:col`` errors."""

from __future__ import annotations

import re
from pathlib import Path

from lint.cache import cache_dir, code_stamp, content_key, load_object, store_object
from lint.errors import ConfigError
from lint.exampletexts import read_examples
from lint.findings import CATEGORIES, Severity
from lint.packfiles import files_read_since, shipped_pack_dir, start_recording, unchanged
from lint.registry import KINDS
from lint.rule import Examples, Rule, template_fields
from lint.safefile import read_regular_text
from lint.yamlsource import (
    Node,
    as_bool,
    as_choice,
    as_str,
    check_keys,
    load_yaml,
)

COMMON_FIELDS = {
    "id",
    "kind",
    "severity",
    "category",
    "message",
    "description",
    "link",
    "fixable",
    "examples",
}
REQUIRED_FIELDS = {"id", "kind", "severity", "category", "message", "description"}
MESSAGE_FIELDS = {"match", "replacement", "canonical", "type", "detail"} | {
    # the archive's checks (rules/archive.yaml)
    "articles", "uses", "wording", "article", "date", "differences", "speaker",
    "archived_speaker",
}  # fmt: skip
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$")


def shipped_packs() -> dict[str, Path]:
    """Shipped pack names (file stems) mapped to their files."""
    return {path.stem: path for path in sorted(shipped_pack_dir().glob("*.yaml"))}


def load_pack_file(path: Path) -> list[Rule]:
    """Read and validate one pack file (from the compiled-pack cache when it is current)."""
    try:
        text = read_regular_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read rule pack: {exc}") from None
    directory = cache_dir()
    if directory is None:
        return load_pack_text(text, str(path))
    cached = directory / f"pack-{content_key(PACK_CACHE_VERSION, code_stamp(), str(path), text)}"
    rules = _read_compiled(cached)
    if rules is None:
        mark = start_recording()
        try:
            rules = load_pack_text(text, str(path))
        finally:
            files = files_read_since(mark)
        store_object(cached, (files, rules), "pack")
    return rules


PACK_CACHE_VERSION = "pack-cache-3"


def _read_compiled(path: Path) -> list[Rule] | None:
    """A cached pack, if intact and built from files that have not changed since."""
    stored = load_object(path)
    if not isinstance(stored, tuple) or len(stored) != 2:
        return None
    files, rules = stored
    return rules if unchanged(files) else None


def load_pack_text(text: str, path: str) -> list[Rule]:
    """Validate a pack given as text; every rule id must be unique within it."""
    root = load_yaml(text, path)
    if root.value is None:
        return []
    if not isinstance(root.value, list):
        raise root.error("a rule pack must be a list of rules")
    rules: list[Rule] = []
    seen: set[str] = set()
    for node in root.value:
        rule = load_rule(node)
        if rule.id in seen:
            raise node.error(f"duplicate rule id '{rule.id}'")
        seen.add(rule.id)
        rules.append(rule)
    return rules


def load_rule(node: Node) -> Rule:
    """Validate one rule mapping and compile its kind-specific fields."""
    mapping = check_keys(node, _all_fields(node), REQUIRED_FIELDS, "rule")
    rule_id = as_str(mapping["id"], "id")
    if not _RULE_ID.match(rule_id):
        raise mapping["id"].error(f"rule id '{rule_id}' must look like 'pack.rule' (lowercase)")
    kind_name = as_choice(mapping["kind"], "kind", tuple(KINDS))
    kind = KINDS[kind_name]
    check_keys(
        node, COMMON_FIELDS | kind.fields, REQUIRED_FIELDS | kind.required, f"{kind_name} rule"
    )
    message = as_str(mapping["message"], "message")
    try:
        fields = template_fields(message)
    except ValueError as exc:  # "bad {match": an unbalanced brace
        raise mapping["message"].error(f"invalid message template: {exc}") from None
    for name in fields:
        if name not in MESSAGE_FIELDS:
            raise mapping["message"].error(
                f"unknown placeholder '{{{name}}}' in message "
                f"(known: {', '.join(sorted(MESSAGE_FIELDS))})"
            )
    specific = {key: value for key, value in mapping.items() if key in kind.fields}
    return Rule(
        id=rule_id,
        kind=kind_name,
        severity=Severity(
            as_choice(mapping["severity"], "severity", tuple(s.value for s in Severity))
        ),
        category=as_choice(mapping["category"], "category", CATEGORIES),
        message=message,
        description=as_str(mapping["description"], "description"),
        link=as_str(mapping["link"], "link") if "link" in mapping else None,
        fixable=as_bool(mapping["fixable"], "fixable") if "fixable" in mapping else True,
        examples=read_examples(mapping["examples"]) if "examples" in mapping else Examples(),
        options=kind.compile(specific, node),
        source=node.path,
        line=node.line,
    )


def _all_fields(node: Node) -> set[str]:
    """Every field any kind accepts, for the first pass that reads ``kind`` itself."""
    return COMMON_FIELDS | {key for kind in KINDS.values() for key in kind.fields}
