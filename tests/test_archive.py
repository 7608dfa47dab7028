"""Archive mode (JSON lines) and parallel runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint.archive import lint_records
from lint.engine import ConfigResolver
from tests.helpers import languagetool_down, run_cli, write


def test_jsonl_streams_one_result_per_article(tmp_path: Path) -> None:
    write(tmp_path / ".copydesk.yaml", "packs: [house]\n")
    lines = [
        json.dumps({"id": "a1", "text": "Talks in Kiev.", "format": "text"}),
        json.dumps({"id": 7, "text": "Clean copy in Kyiv."}),
        "not json",
        json.dumps({"id": "x", "text": 5}),
    ]
    config = tmp_path / ".copydesk.yaml"
    results = list(lint_records(iter(lines), ConfigResolver(config)))
    # an error record keeps the record's id when it has one, and its line
    assert [r.get("id") for r in results] == ["a1", 7, None, "x"]
    assert results[0]["findings"][0]["match"] == "Kiev"
    assert results[0]["findings"][0]["start"] == 9
    assert results[1]["findings"] == []
    assert results[2]["line"] == 3 and "bad record" in results[2]["error"]
    assert results[3]["line"] == 4


def test_jsonl_from_a_file(tmp_path: Path) -> None:
    write(tmp_path / ".copydesk.yaml", "packs: [house]\n")
    source = write(tmp_path / "in.jsonl", json.dumps({"id": 1, "text": "In Kiev."}) + "\n")
    result = run_cli("check", "--config", str(tmp_path / ".copydesk.yaml"), "--jsonl", str(source))
    assert result.code == 1
    assert json.loads(result.out)["id"] == 1


def test_parallel_output_matches_serial_order(tmp_path: Path) -> None:
    write(tmp_path / ".copydesk.yaml", "packs: [house]\n")
    for i in range(40):
        write(tmp_path / f"d{i % 3}" / f"a{i:02d}.md", f"Story {i} in Kiev and Odessa.\n")
    serial = run_cli("check", "-j", "1", "-f", "json", str(tmp_path))
    parallel = run_cli("check", "-j", "2", "-f", "json", str(tmp_path))
    assert serial.out == parallel.out
    assert len(json.loads(parallel.out)["files"]) == 40


def test_parallel_run_with_every_shipped_check_matches_serial(tmp_path: Path) -> None:
    stories = [
        "Stotenberg said the alliance would act. However, no decision has been made.",
        "Teh minister did not recieve the goverment report, experts say.",
        "Unemployment rose by 12% last year in Kiev.",
        '"We will not back down from this," the Secretary-Genera said.',
    ]
    for i in range(24):
        write(tmp_path / f"s{i:02d}.md", stories[i % len(stories)] + f" Item {i}.\n")
    serial = run_cli("check", "-j", "1", "-f", "json", str(tmp_path))
    parallel = run_cli("check", "-j", "2", "-f", "json", str(tmp_path))
    assert serial.out == parallel.out
    rules = {f["rule"] for entry in json.loads(parallel.out)["files"] for f in entry["findings"]}
    assert {"names.people", "spelling.misspelling", "attribution.unattributed-claim"} <= rules


def test_bad_streams_and_lines_are_one_line_each_and_the_rest_is_checked(tmp_path: Path) -> None:
    assert run_cli("check", "--jsonl", str(tmp_path / "missing.jsonl")).code == 2
    assert run_cli("check", "--jsonl", str(tmp_path)).code == 2
    stream = tmp_path / "a.jsonl"
    stream.write_bytes(
        b'\xef\xbb\xbf{"id": 1, "text": "Talks in Kiev."}\n'
        b'{"id": 2, "text": "\xff bad"}\n'
        b'{"id": NaN, "text": "x"}\n'
        + b'{"id": 4, "text": '
        + b"[" * 100_000
        + b"]" * 100_000
        + b"}\n"
        + b'{"id": 5, "text": "Talks in Kiev."}\n'
    )
    result = run_cli("check", "--jsonl", str(stream))
    assert result.code == 2 and "Traceback" not in result.err
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [row.get("id", row.get("line")) for row in rows] == [1, 2, 3, 4, 5]
    assert [("error" in row) for row in rows] == [False, True, True, True, False]
    assert rows[0]["findings"] and rows[4]["findings"]


def test_a_failing_languagetool_is_said_per_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    languagetool_down(tmp_path, "LanguageTool check failed: HTTP 500", monkeypatch)
    stream = write(tmp_path / "a.jsonl", '{"id": 1, "text": "A."}\n{"id": 2, "text": "B."}\n')
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--jsonl", str(stream))
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert all(row["warnings"] for row in rows)
    assert result.err.count("HTTP 500") == 2


def test_an_oversized_record_is_skipped_unread_and_the_next_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / ".copydesk.yaml", "packs: [names]\nmax_file_size: 1 KB\n")
    huge = json.dumps({"id": "big", "text": "Stotenberg spoke. " * 200})
    small = json.dumps({"id": "small", "text": "Jens Stotenberg spoke."})
    stream = write(tmp_path / "in.jsonl", f"{huge}\n{small}\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--jsonl", str(stream))
    records = [json.loads(line) for line in result.out.splitlines()]
    assert records[0] == {
        "version": records[0]["version"],
        "line": 1,
        "error": "record larger than the 1 KB limit (max_file_size)",
    }
    assert records[1]["id"] == "small" and records[1]["findings"]
    assert result.code == 2


def test_bounded_lines_keep_short_lines_whole() -> None:
    from io import BytesIO

    from lint.archive import OversizeRecord, bounded_lines

    lines = list(bounded_lines(BytesIO(b"ab\n" + b"x" * 50 + b"\ncd"), 10))
    assert lines[0] == b"ab\n" and isinstance(lines[1], OversizeRecord) and lines[2] == b"cd"
    assert len(lines) == 3


def _stream(count: int, bad_every: int = 0) -> list[str]:
    lines = []
    for n in range(count):
        if bad_every and n % bad_every == bad_every - 1:
            lines.append("not json")
        elif n % 5 == 4:
            lines.append("")  # a blank line is skipped
        else:
            text = f"Talks in Kiev, day {n}." if n % 2 else f"Clean copy in Kyiv, day {n}."
            lines.append(json.dumps({"id": f"r{n}", "text": text}))
    return lines


def test_archive_workers_keep_the_input_order_and_the_same_results(tmp_path: Path) -> None:
    write(tmp_path / ".copydesk.yaml", "packs: [house]\n")
    lines = _stream(150, bad_every=17)
    resolver = ConfigResolver(tmp_path / ".copydesk.yaml")
    alone = list(lint_records(iter(lines), resolver))
    pooled = list(lint_records(iter(lines), resolver, jobs=2))
    assert pooled == alone
    assert len(alone) == sum(1 for line in lines if line)  # blank lines are skipped
    assert [r.get("line") for r in alone if "error" in r][:2] == [17, 34]


def test_archive_mode_honours_the_fail_level_and_jobs(tmp_path: Path) -> None:
    write(tmp_path / ".copydesk.yaml", "packs: [house]\nseverity:\n  house: info\n")
    source = write(tmp_path / "in.jsonl", "\n".join(_stream(40)) + "\n")
    config = str(tmp_path / ".copydesk.yaml")
    found = run_cli("check", "--config", config, "--jsonl", str(source), "--fail-level", "info")
    assert found.code == 1
    never = run_cli("check", "--config", config, "--jsonl", str(source), "--fail-level", "never")
    assert never.code == 0 and never.out == found.out
    default = run_cli("check", "--config", config, "--jsonl", str(source))
    assert default.code == 0  # info findings only: below the default fail level
    pooled = run_cli("check", "--config", config, "--jsonl", str(source), "-j", "2")
    assert pooled.out == found.out
