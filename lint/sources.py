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


LEGEND = "[+] has a source   [!] needs a source and has none   [ ] needs none"


def render_text(doc: Document, infos: list[SentenceInfo], color: bool) -> str:
    """The article sentence by sentence, each on one line with its mark and source (see
    ``LEGEND``), and a summary."""
    lines = [f"== {doc.path}"]
    for info in infos:
        mark = "+" if info.attributed else "!" if info.needs_attribution else " "
        sentence = " ".join(doc.text[info.start : info.end].split())
        if color and mark == "!":
            sentence = f"\033[33m{sentence}\033[0m"
        lines.append(f"[{mark}] {sentence}{_annotation(info)}")
    attributed = sum(info.attributed for info in infos)
    unsourced = sum(info.needs_attribution and not info.attributed for info in infos)
    lines.append(f"-- {len(infos)} sentences: {attributed} with a source, {unsourced} needing one")
    return "\n".join(lines) + "\n"


def _annotation(info: SentenceInfo) -> str:
    """What follows a sentence: its source and how it was found, or what it lacks."""
    if info.attributed and info.cue:
        learned = ", learned" if info.learned else ""
        return f"  <- {info.source or '?'} (cue: {' '.join(info.cue.split())}{learned})"
    if info.attributed:
        return f"  <- {info.source or '?'} (from the {info.covered_by})"
    if info.needs_attribution:
        return f"  !! {info.signal or 'quotation'}"
    return ""
