"""``copydesk sources``: the sourcing map of an article, per sentence."""

from __future__ import annotations

import json
from typing import Any

from lint.document import Document
from lint.rule import Rule
from lint.sourcing.analysis import analyse
from lint.sourcing.lexicon import AttributionOptions
from lint.sourcing.records import SentenceInfo

SCHEMA_VERSION = 1


def lexicon_rule(rules: list[Rule]) -> Rule | None:
    """The first attribution rule: its lexicon drives the map."""
    return next((r for r in rules if r.kind == "attribution"), None)


def sourcing(doc: Document, rule: Rule) -> list[SentenceInfo]:
    """The sentence analysis of a document under an attribution rule's lexicon."""
    options: AttributionOptions = rule.options
    return analyse(doc, options.lexicon)


def sentence_record(info: SentenceInfo) -> dict[str, Any]:
    """One sentence as the JSON contract defines it."""
    return {
        "start": info.start,
        "end": info.end,
        "attributed": info.attributed,
        "needs_attribution": info.needs_attribution,
        "cue": info.cue,
        "source": info.source,
        "signal": info.signal,
        "covered_by": info.covered_by,
        "voice": info.voice,
    }


def render_json(maps: list[tuple[str, list[SentenceInfo]]]) -> str:
    """The versioned JSON contract of ``copydesk sources``."""
    files = [
        {"path": path, "sentences": [sentence_record(i) for i in infos]} for path, infos in maps
    ]
    return (
        json.dumps({"version": SCHEMA_VERSION, "files": files}, ensure_ascii=False, indent=2) + "\n"
    )


def render_text(doc: Document, infos: list[SentenceInfo], color: bool) -> str:
    """The article with each sentence marked: [+] attributed, [!] needs a source, [ ] neither."""
    lines = [f"== {doc.path}"]
    for info in infos:
        mark = "+" if info.attributed else "!" if info.needs_attribution else " "
        who = f"  <- {info.source or '?'} ({info.cue})" if info.attributed and info.cue else ""
        if info.attributed and not info.cue:
            who = f"  <- {info.source} (carried over)" if info.source else "  <- carried over"
        sentence = " ".join(doc.text[info.start : info.end].split())
        if color and mark == "!":
            sentence = f"\033[33m{sentence}\033[0m"
        lines.append(f"[{mark}] {sentence}{who}")
    return "\n".join(lines) + "\n"
