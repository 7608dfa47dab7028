"""Archive mode on Dask: lint every JSONL file of an archive on a cluster and write one
result line per record, each file a partition, so error records keep their file and line.

Dask is not a dependency of copydesk: install ``dask[bag,distributed]`` to use this module.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lint.archive import lint_records
from lint.engine import ConfigResolver


def lint_partition(items: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """The results of one file's lines, each marked with the file it came from."""
    if not items:
        return []
    source = items[0][1]
    results = list(lint_records((line for line, _ in items), ConfigResolver()))
    return [{**result, "source": source} for result in results]


def lint_jsonl_files(pattern: str, output: str | Path) -> list[str]:
    """Lint the JSONL files matching ``pattern`` with Dask (on the current client, if one is
    set up) and write the results to ``output``/``0.jsonl``, ``1.jsonl``, ...; returns the
    files written. Each result is a ``check --jsonl`` record with a ``source`` field."""
    import dask.bag as db

    # dask.bag has no type hints
    bag = db.read_text(pattern, include_path=True, blocksize=None)  # type: ignore[no-untyped-call]
    results = bag.map_partitions(lint_partition).map(json.dumps)
    Path(output).mkdir(parents=True, exist_ok=True)
    return [str(path) for path in results.to_textfiles(f"{output}/*.jsonl")]
