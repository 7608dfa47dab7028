"""Editing the house vocabulary in ``.copydesk.yaml``, keeping the file's comments and layout."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from lint.config import load_config
from lint.fix import write_fixes

_SAFE_WORD = re.compile(r"^[\w’'.\- ]+$")


def add_words(path: Path, words: list[str], list_name: str = "accept") -> set[str]:
    """Add words to ``vocabulary.<list_name>`` of a YAML configuration; returns those added."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if text.strip():
        load_config(path)  # refuse to edit a configuration that is already invalid
    data = yaml.safe_load(text) if text.strip() else {}
    current = set(((data or {}).get("vocabulary") or {}).get(list_name) or [])
    new = [w for w in dict.fromkeys(words) if w not in current]
    if not new:
        return set()
    updated = _insert(text, new, list_name)
    if path.exists():
        write_fixes(path, text, updated)
    else:
        path.write_text(updated, encoding="utf-8")
    load_config(path)
    return set(new)


def _quoted(word: str) -> str:
    return (
        word
        if _SAFE_WORD.match(word) and not word[0].isdigit()
        else yaml.safe_dump(word).split("\n")[0]
    )


def _insert(text: str, words: list[str], list_name: str) -> str:
    items = "".join(f"    - {_quoted(w)}\n" for w in words)
    if text and not text.endswith("\n"):
        text += "\n"
    vocab = re.search(r"^vocabulary:[ \t]*(#.*)?\n", text, re.MULTILINE)
    if vocab is None:
        return text + f"vocabulary:\n  {list_name}:\n{items}"
    block_end = _block_end(text, vocab.end())
    section = re.compile(rf"^  {list_name}:[ \t]*(#.*)?\n", re.MULTILINE)
    found = section.search(text, vocab.end(), block_end)
    if found is None:
        return text[: vocab.end()] + f"  {list_name}:\n{items}" + text[vocab.end() :]
    end = found.end()
    while end < block_end:
        line_end = text.find("\n", end) + 1 or len(text)
        line = text[end:line_end]
        if not re.match(r"^\s{3,}- |^\s*$|^\s*#", line):
            break
        end = line_end
    return text[:end] + items + text[end:]


def _block_end(text: str, start: int) -> int:
    match = re.compile(r"^\S", re.MULTILINE).search(text, start)
    return match.start() if match else len(text)
