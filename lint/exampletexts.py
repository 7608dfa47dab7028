"""Reading ``examples`` (texts a rule or a claim signal must and must not fire on) from a pack."""

from __future__ import annotations

from lint.rule import Examples
from lint.variety import AUTO, LANGUAGES
from lint.yamlsource import Node, as_choice, as_str_list, check_keys


def read_examples(node: Node) -> Examples:
    """An ``examples`` mapping: ``bad`` and ``good`` texts, the ``language`` they are in, and
    for the archive's rules the ``archive`` articles they are checked against."""
    mapping = check_keys(node, {"bad", "good", "language", "archive"}, set(), "'examples'")
    archive = as_str_list(mapping["archive"], "examples.archive") if "archive" in mapping else []
    bad = as_str_list(mapping["bad"], "examples.bad") if "bad" in mapping else []
    good = as_str_list(mapping["good"], "examples.good") if "good" in mapping else []
    language = (
        as_choice(mapping["language"], "examples.language", LANGUAGES)
        if "language" in mapping
        else AUTO
    )
    return Examples(tuple(bad), tuple(good), language, tuple(archive))
