"""Archive mode: lint a stream of JSON lines, one article each, in constant memory."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from lint.document import parse_document
from lint.engine import ConfigResolver, lint_document
from lint.errors import InputError
from lint.formatters.json_format import SCHEMA_VERSION, file_record
from lint.safefile import describe_size


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


class OversizeRecord:
    """Stands for a line longer than the size limit, which is skipped, not read into memory."""

    def __init__(self, limit: int) -> None:
        self.limit = limit


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | OversizeRecord]:
    """The lines of a stream, each at most ``limit`` bytes; a longer one is skipped to its end
    and stands as an ``OversizeRecord``, so one huge line cannot fill memory."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(1024 * 1024)) and not rest.endswith(b"\n"):
            pass
        yield OversizeRecord(limit)


def lint_records(
    lines: Iterable[str | bytes | OversizeRecord], resolver: ConfigResolver
) -> Iterator[dict[str, Any]]:
    """One result per input line: ``{version, id, findings}``, or ``{version, line, error}``.
    A line that is not UTF-8, not JSON (``NaN`` included) or nested too deeply is an error
    record; the lines after it are still checked."""
    config = resolver.for_article(Path.cwd() / "archive.md")
    for number, raw in enumerate(lines, 1):
        if isinstance(raw, OversizeRecord):
            error = f"record larger than the {describe_size(raw.limit)} limit (max_file_size)"
            yield {"version": SCHEMA_VERSION, "line": number, "error": error}
            continue
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            yield {"version": SCHEMA_VERSION, "line": number, "error": f"not UTF-8: {exc.reason}"}
            continue
        if number == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            record = json.loads(line, parse_constant=_no_constant)
            text = record["text"]
            fmt = record.get("format", "markdown")
            if not isinstance(text, str) or fmt not in ("markdown", "text"):
                raise ValueError("'text' must be a string and 'format' markdown or text")
        except RecursionError:
            yield {
                "version": SCHEMA_VERSION,
                "line": number,
                "error": "bad record: nested too deeply",
            }
            continue
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            yield {"version": SCHEMA_VERSION, "line": number, "error": f"bad record: {exc}"}
            continue
        ident = record.get("id", number)
        doc = parse_document(text, str(ident), fmt)
        result = lint_document(doc, config)
        record = {
            "version": SCHEMA_VERSION,
            "id": ident,
            "findings": file_record(result)["findings"],
        }
        if result.warnings:  # a LanguageTool server that failed: findings may be missing
            record["warnings"] = result.warnings
        yield record


def check_jsonl(source: str, resolver: ConfigResolver, out: TextIO | None = None) -> int:
    """Stream results for a JSONL file (or ``-`` for standard input); exit 2 if any line was bad."""
    stream = out or sys.stdout
    if source != "-" and Path(source).exists() and not Path(source).is_file():
        raise InputError(source, "not a regular file")  # a FIFO would block, a directory fail
    try:
        handle = sys.stdin.buffer if source == "-" else open(source, "rb")  # noqa: SIM115
    except OSError as exc:
        raise InputError(source, f"cannot read file: {exc.strerror or exc}") from None
    status = 0
    try:
        limit = resolver.for_article(Path.cwd() / "archive.md").max_file_size
        for result in lint_records(bounded_lines(handle, limit), resolver):
            if "error" in result:
                print(f"copydesk: {source}:{result['line']}: {result['error']}", file=sys.stderr)
                status = 2
            elif result["findings"] and status == 0:
                status = 1
            for warning in result.get("warnings", ()):
                print(
                    f"copydesk: warning: {source}: record {result['id']}: {warning}",
                    file=sys.stderr,
                )
            stream.write(json.dumps(result, ensure_ascii=False) + "\n")
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()
    return status
