"""Write the attribution findings and the sourcing map of every article of the BBC corpus and
PolNeAR's train and dev texts, one JSON line each, so two versions of the code can be compared
byte for byte (``cmp a.jsonl b.jsonl``) when the sourcing code is restructured.

Usage: python bench/sourcing_snapshot.py OUT.jsonl

Data: ../shared/corpus/bbc and ../shared/eval/polnear (train and dev texts).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import POLNEAR, bbc_articles, require
from lint.config import load_config
from lint.document import parse_document
from lint.engine import run_rules
from lint.formatters.json_format import file_record
from lint.results import FileResult, SourceText
from lint.sources import lexicon_rule, sentence_record, sourcing


def _texts() -> Iterator[tuple[str, str, str]]:
    for path, text in bbc_articles():
        yield str(path), text, "markdown"
    for split in ("train", "dev"):
        for path in sorted(require(POLNEAR / "data" / split / "text").glob("*.txt")):
            yield str(path), path.read_text(encoding="utf-8"), "text"


def main() -> None:
    """Write one line per article: its attribution findings and its sourcing map."""
    out = Path(sys.argv[1])
    rules, ctx = load_config(None).rules_for(None)
    attribution = [r for r in rules if r.kind == "attribution"]
    lexicon = lexicon_rule(rules)
    assert lexicon is not None
    with out.open("w", encoding="utf-8") as stream:
        for name, text, fmt in _texts():
            doc = parse_document(text, name, fmt)  # type: ignore[arg-type]
            findings, _ = run_rules(doc, attribution, ctx)
            record = {
                "path": name,
                "findings": file_record(FileResult(name, findings, source=SourceText.of(doc)))[
                    "findings"
                ],
                "sentences": [sentence_record(i) for i in sourcing(doc, lexicon)],
            }
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
