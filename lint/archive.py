"""Archive mode: lint a stream of JSON lines, one article each, in constant memory."""

from __future__ import annotations

import json
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from lint.config import Config
from lint.document import parse_document
from lint.engine import ConfigResolver, lint_document
from lint.errors import InputError
from lint.findings import Severity
from lint.formatters.json_format import SCHEMA_VERSION, file_record
from lint.safefile import describe_size

if TYPE_CHECKING:
    from concurrent.futures import Future


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


Job = tuple[int, Any, str, str]  # line number, id, text, format
JOB_BATCH = 32  # records sent to a worker at a time


def lint_records(
    lines: Iterable[str | bytes | OversizeRecord], resolver: ConfigResolver, jobs: int = 1
) -> Iterator[dict[str, Any]]:
    """One result per record, in input order: ``{version, id, findings}``, or ``{version,
    line, error}`` (with the record's ``id`` when it has one). A line that is not UTF-8, not
    JSON (``NaN`` included) or nested too deeply is an error record; the lines after it are
    still checked. Blank lines are skipped. With ``jobs`` above 1 the records are checked by
    that many worker processes, a bounded number of batches in flight, so memory stays flat."""
    parsed = (_parsed(number, raw) for number, raw in enumerate(lines, 1))
    items = (item for item in parsed if item is not None)
    if jobs <= 1:
        config = resolver.for_article(Path.cwd() / "archive.md")
        for item in items:
            yield item if isinstance(item, dict) else _linted(item, config)
        return
    yield from _in_workers(items, resolver, jobs)


def _parsed(number: int, raw: str | bytes | OversizeRecord) -> dict[str, Any] | Job | None:
    """A record ready to check, an error record, or None for a blank line."""
    if isinstance(raw, OversizeRecord):
        oversize = f"record larger than the {describe_size(raw.limit)} limit (max_file_size)"
        return {"version": SCHEMA_VERSION, "line": number, "error": oversize}
    try:
        line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        return {"version": SCHEMA_VERSION, "line": number, "error": f"not UTF-8: {exc.reason}"}
    if number == 1:
        line = line.removeprefix("\ufeff")
    if not line.strip():
        return None
    record: Any = None
    try:
        record = json.loads(line, parse_constant=_no_constant)
        text = record["text"]
        fmt = record.get("format", "markdown")
        if not isinstance(text, str) or fmt not in ("markdown", "text"):
            raise ValueError("'text' must be a string and 'format' markdown or text")
    except RecursionError:
        return {"version": SCHEMA_VERSION, "line": number, "error": "bad record: nested too deeply"}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        bad: dict[str, Any] = {"version": SCHEMA_VERSION, "line": number}
        if isinstance(record, dict) and "id" in record:
            bad["id"] = record["id"]
        bad["error"] = f"bad record: {exc}"
        return bad
    return number, record.get("id", number), text, fmt


def _linted(job: Job, config: Config) -> dict[str, Any]:
    """The result record of one article."""
    _, ident, text, fmt = job
    doc = parse_document(text, str(ident), fmt)  # type: ignore[arg-type]
    result = lint_document(doc, config)
    record: dict[str, Any] = {
        "version": SCHEMA_VERSION,
        "id": ident,
        "findings": file_record(result)["findings"],
    }
    if result.warnings:  # a LanguageTool server that failed: findings may be missing
        record["warnings"] = result.warnings
    return record


_worker_configs: dict[tuple[object, ...], Config] = {}


def _lint_batch(args: tuple[list[Job], tuple[object, ...]]) -> list[dict[str, Any]]:
    """A worker's batch: the records checked under the run's configuration."""
    batch, key = args
    if key not in _worker_configs:
        resolver = ConfigResolver(*key)  # type: ignore[arg-type]
        _worker_configs[key] = resolver.for_article(Path.cwd() / "archive.md")
    return [_linted(job, _worker_configs[key]) for job in batch]


def _in_workers(
    items: Iterator[dict[str, Any] | Job], resolver: ConfigResolver, jobs: int
) -> Iterator[dict[str, Any]]:
    """Records checked by worker processes, yielded in input order."""
    from concurrent.futures import ProcessPoolExecutor

    resolver.for_article(Path.cwd() / "archive.md")  # a bad configuration fails here, once
    window: deque[Future[list[dict[str, Any]]] | dict[str, Any]] = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        batch: list[Job] = []
        for item in items:
            if isinstance(item, dict):  # an error record keeps its place
                if batch:
                    window.append(pool.submit(_lint_batch, (batch, resolver.key)))
                    batch = []
                window.append(item)
            else:
                batch.append(item)
                if len(batch) == JOB_BATCH:
                    window.append(pool.submit(_lint_batch, (batch, resolver.key)))
                    batch = []
            while len(window) > jobs * 4:
                yield from _done(window.popleft())
        if batch:
            window.append(pool.submit(_lint_batch, (batch, resolver.key)))
        while window:
            yield from _done(window.popleft())


def _done(item: Future[list[dict[str, Any]]] | dict[str, Any]) -> list[dict[str, Any]]:
    return [item] if isinstance(item, dict) else item.result()


def check_jsonl(
    source: str,
    resolver: ConfigResolver,
    fail_level: str | None = None,
    jobs: int = 1,
    out: TextIO | None = None,
) -> int:
    """Stream results for a JSONL file (or ``-`` for standard input): exit 2 if any line was
    bad, 1 if a finding reaches the fail level (``fail_level``, else the configuration's)."""
    stream = out or sys.stdout
    if source != "-" and Path(source).exists() and not Path(source).is_file():
        raise InputError(source, "not a regular file")  # a FIFO would block, a directory fail
    try:
        handle = sys.stdin.buffer if source == "-" else open(source, "rb")  # noqa: SIM115
    except OSError as exc:
        raise InputError(source, f"cannot read file: {exc.strerror or exc}") from None
    status = 0
    try:
        config = resolver.for_article(Path.cwd() / "archive.md")
        level = fail_level or config.fail_level
        threshold = None if level == "never" else Severity(level).rank
        for result in lint_records(bounded_lines(handle, config.max_file_size), resolver, jobs):
            if "error" in result:
                print(f"copydesk: {source}:{result['line']}: {result['error']}", file=sys.stderr)
                status = 2
            elif (
                status == 0
                and threshold is not None
                and any(Severity(f["severity"]).rank >= threshold for f in result["findings"])
            ):
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
