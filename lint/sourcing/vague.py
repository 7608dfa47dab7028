"""Vague sources as groups: who ("critics", "some"), the verbs that make them a source
("argued", "warn"), the words that may come between ("have long"), and what rules a match out
("many feared dead"), compiled into one pattern per group."""

from __future__ import annotations

import regex

from lint.saferegex import compile_user
from lint.sourcing.signals import alternation
from lint.yamlsource import Node, as_str_list, check_keys

GROUP_KEYS = {"who", "verbs", "between", "unless_after"}
_BETWEEN_WORDS = 2  # at most this many ``between`` words: "have long argued"


def compile_vague_groups(node: Node) -> list[regex.Pattern[str]]:
    """The ``vague_groups`` list of a lexicon, one pattern per group."""
    if not isinstance(node.value, list):
        raise node.error("'vague_groups' must be a list")
    return [_group(item) for item in node.value]


def _group(item: Node) -> regex.Pattern[str]:
    fields = check_keys(item, GROUP_KEYS, {"who", "verbs"}, "a vague group")
    lists = {key: as_str_list(node, key) for key, node in fields.items()}
    pattern = rf"\b(?:{alternation(lists['who'])})\s+"
    if "between" in lists:
        pattern += rf"(?:(?:{alternation(lists['between'])})\s+){{0,{_BETWEEN_WORDS}}}"
    pattern += rf"(?:{alternation(lists['verbs'])})\b"
    if "unless_after" in lists:
        pattern += rf"(?!\s+(?:{alternation(lists['unless_after'])})\b)"
    return compile_user(pattern, ignorecase=True)
