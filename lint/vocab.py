"""Editing the house vocabulary in ``.copydesk.yaml``, keeping the file's comments and layout."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from lint.config import CONFIG_NAME, Config, config_from_text, find_config_file
from lint.errors import ConfigError
from lint.fix import write_fixes


def add_words(path: Path, words: list[str], list_name: str = "accept") -> set[str]:
    """Add words to ``vocabulary.<list_name>`` of a YAML configuration; returns those added.

    The new text is built and validated (it must load, hold exactly the old words and the new
    ones, and change nothing else) before the file is replaced; a layout that cannot be edited
    so is refused with a one-line error, and the file is left as it was.
    """
    for word in words:
        _check_word(path, word)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    before = config_from_text(path, text) if text.strip() else None  # an invalid file: refused
    current = _listed(before, list_name)
    new = [w for w in dict.fromkeys(words) if w not in current]
    if not new:
        return set()
    wanted = current | frozenset(new)
    for candidate in (_insert_block(text, new, list_name), _insert_flow(text, new, list_name)):
        if candidate is not None and _is_valid(path, candidate, before, list_name, wanted):
            break
    else:
        raise ConfigError(
            str(path),
            f"cannot add to 'vocabulary.{list_name}' in this layout; add {', '.join(new)} by hand",
        )
    if path.exists():
        write_fixes(path, text, candidate)
    else:
        with open(path, "x", encoding="utf-8") as stream:  # never over a file made meanwhile
            stream.write(candidate)
    return set(new)


def vocabulary_file(start: Path, explicit: Path | None = None) -> Path:
    """The configuration ``vocab add`` edits: the one given, else the nearest
    ``.copydesk.yaml``, else a new one at the root of the repository (or here, outside one).
    A ``pyproject.toml`` is refused: a new ``.copydesk.yaml`` beside it would take precedence
    and silently drop its settings."""
    found = explicit or find_config_file(start)
    if found is not None and found.name == "pyproject.toml":
        raise ConfigError(
            str(found),
            "the configuration is in [tool.copydesk]; add words to its vocabulary by hand "
            "(copydesk edits only .copydesk.yaml)",
        )
    if found is not None:
        return found
    folder = start if start.is_dir() else start.parent
    root = next((p for p in [folder, *folder.parents] if (p / ".git").exists()), folder)
    return root / CONFIG_NAME


def _check_word(path: Path, word: object) -> None:
    if not isinstance(word, str) or not word.strip() or word != word.strip():
        raise ConfigError(str(path), f"not a word to add: {word!r}")
    if any(ch in word for ch in "\n\r\x85\u2028\u2029") or not word.isprintable():
        raise ConfigError(str(path), f"a word to add must be one line of text: {word!r}")


def _listed(config: Config | None, list_name: str) -> frozenset[str]:
    if config is None:
        return frozenset()
    return config.accept if list_name == "accept" else config.reject


def _is_valid(
    path: Path, text: str, before: Config | None, list_name: str, wanted: frozenset[str]
) -> bool:
    """Whether an edited text loads, lists exactly the wanted words, and changes nothing else."""
    try:
        after = config_from_text(path, text)
    except ConfigError:
        return False
    if _listed(after, list_name) != wanted:
        return False
    return before is None or _settings(before, list_name) == _settings(after, list_name)


def _settings(config: Config, edited: str) -> tuple[object, ...]:
    """Everything of a configuration but the list being edited."""
    other = config.reject if edited == "accept" else config.accept
    return (
        [rule.id for rule in config.rules],
        config.enable,
        config.disable,
        config.severity,
        config.language,
        config.fail_level,
        other,
        [p.pattern for p in config.accept_patterns],
        config.overrides,
        config.languagetool,
    )


def _quoted(word: str) -> str:
    """The word as a YAML scalar: plain when it reads back as itself, else double-quoted."""
    plain = bool(re.fullmatch(r"[^\W\d_][\w’'.\-]*(?: [\w’'.\-]+)*", word))
    if plain:
        try:
            plain = yaml.safe_load(f"- {word}\n") == [word]
        except yaml.YAMLError:
            plain = False
    return word if plain else json.dumps(word, ensure_ascii=False)


def _insert_block(text: str, words: list[str], list_name: str) -> str | None:
    """The words appended to a block-style list, in the file's own indentation."""
    if text and not text.endswith("\n"):
        text += "\n"
    vocab = re.search(r"^vocabulary:[ \t]*(#.*)?\n", text, re.MULTILINE)
    if vocab is None:
        items = "".join(f"    - {_quoted(w)}\n" for w in words)
        return text + f"vocabulary:\n  {list_name}:\n{items}"
    block_end = _block_end(text, vocab.end())
    child = re.compile(r"^([ \t]+)\S", re.MULTILINE).search(text, vocab.end(), block_end)
    indent = child.group(1) if child else "  "
    section = re.compile(rf"^{indent}{list_name}:[ \t]*(#.*)?\n", re.MULTILINE)
    found = section.search(text, vocab.end(), block_end)
    if found is None:
        items = "".join(f"{indent * 2}- {_quoted(w)}\n" for w in words)
        return text[: vocab.end()] + f"{indent}{list_name}:\n{items}" + text[vocab.end() :]
    end = found.end()
    item_indent = indent * 2
    while end < block_end:
        line_end = text.find("\n", end) + 1 or len(text)
        line = text[end:line_end]
        item = re.match(r"^([ \t]*)- ", line)
        if item and len(item.group(1)) > len(indent):
            item_indent = item.group(1)
        elif not re.match(r"^\s*$|^\s*#", line):
            break
        end = line_end
    items = "".join(f"{item_indent}- {_quoted(w)}\n" for w in words)
    return text[:end] + items + text[end:]


def _insert_flow(text: str, words: list[str], list_name: str) -> str | None:
    """The words added to a flow-style list (``accept: [Zaluzhnyi, Syrskyi]``)."""
    found = re.search(rf"\b{list_name}:[ \t]*\[([^\]\n]*)\]", text)
    if found is None:
        return None
    items = found.group(1).strip()
    added = ", ".join(json.dumps(w, ensure_ascii=False) for w in words)
    inside = f"{items}, {added}" if items else added
    return text[: found.start(1)] + inside + text[found.end(1) :]


def _block_end(text: str, start: int) -> int:
    match = re.compile(r"^\S", re.MULTILINE).search(text, start)
    return match.start() if match else len(text)
