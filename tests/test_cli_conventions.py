"""The command-line habits of ruff, codespell and typos: rule selection, statistics, quiet and
file output, exit codes, standard input, file lists, colour variables, exclusions, warnings
for unknown rule ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli, write

CLAIM = "Prices rose by 40% last year.\n"
TYPO = "The goverment resigned.\n"


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    write(tmp_path / "a.md", CLAIM + "\n" + TYPO)
    return tmp_path


def _rules(out: str) -> set[str]:
    return {f["rule"] for file in json.loads(out)["files"] for f in file["findings"]}


def test_select_and_ignore_choose_rules_by_id_or_pack(desk: Path) -> None:
    everything = _rules(run_cli("check", "-f", "json", "a.md").out)
    assert "attribution.unattributed-claim" in everything and len(everything) > 1
    only = _rules(run_cli("check", "-f", "json", "--select", "attribution", "a.md").out)
    assert only == {"attribution.unattributed-claim"}
    left = _rules(run_cli("check", "-f", "json", "--ignore", "attribution", "a.md").out)
    assert left == everything - {"attribution.unattributed-claim"}
    both = run_cli(
        "check", "-f", "json", "--select", "attribution,spelling", "--ignore", "spelling", "a.md"
    )
    assert _rules(both.out) == {"attribution.unattributed-claim"}


def test_select_overrides_a_disable_in_the_configuration(desk: Path) -> None:
    write(desk / ".copydesk.yaml", "disable: [attribution]\n")
    assert "attribution.unattributed-claim" not in _rules(
        run_cli("check", "-f", "json", "a.md").out
    )
    chosen = run_cli("check", "-f", "json", "--select", "attribution.unattributed-claim", "a.md")
    assert _rules(chosen.out) == {"attribution.unattributed-claim"}


def test_unknown_rule_ids_are_warnings_naming_where_they_are(desk: Path) -> None:
    write(
        desk / ".copydesk.yaml",
        "disable:\n  - attribution.unatributed-claim\nseverity:\n  nmes: error\n",
    )
    write(desk / "b.md", "<!-- copydesk-disable spelling.typoz -->\n" + CLAIM)
    result = run_cli("check", "--select", "atribution", "a.md", "b.md")
    config = desk / ".copydesk.yaml"
    assert f"{config}:2: unknown rule or pack 'attribution.unatributed-claim' in 'disable'" in (
        result.err
    )
    assert f"{config}:4: unknown rule or pack 'nmes' in 'severity'" in result.err
    assert "unknown rule or pack 'atribution' in --select" in result.err
    assert "b.md:1: unknown rule or pack 'spelling.typoz' in a comment" in result.err
    quiet = run_cli("check", "-q", "--select", "atribution", "a.md")
    assert "warning" not in quiet.err


def test_statistics_count_findings_per_rule(desk: Path) -> None:
    write(desk / "b.md", CLAIM + "\nWages fell by 3% in a year.\n")
    result = run_cli("check", "--statistics", "--select", "attribution", "a.md", "b.md")
    assert result.out.splitlines() == ["     3  attribution.unattributed-claim"]
    assert result.code == 1


def test_quiet_prints_findings_without_a_summary(desk: Path) -> None:
    loud = run_cli("check", "--color", "never", "a.md").out
    quiet = run_cli("check", "--color", "never", "-q", "a.md").out
    assert "finding" in loud.splitlines()[-1]
    assert quiet.splitlines() == loud.splitlines()[:-1]
    write(desk / "clean.md", "The council met on Monday.\n")
    assert run_cli("check", "-q", "clean.md").out == ""


def test_output_file_holds_the_report(desk: Path) -> None:
    result = run_cli("check", "-f", "json", "-o", "report.json", "a.md")
    assert result.out == "" and result.code == 1
    assert "attribution.unattributed-claim" in _rules((desk / "report.json").read_text())
    nowhere = run_cli("check", "-o", "no/such/folder/report.txt", "a.md")
    assert nowhere.code == 2 and "cannot write the report" in nowhere.err


def test_exit_zero_and_fail_level_never(desk: Path) -> None:
    assert run_cli("check", "a.md").code == 1
    assert run_cli("check", "--exit-zero", "a.md").code == 0
    assert run_cli("check", "--fail-level", "never", "a.md").code == 0
    assert run_cli("check", "--exit-zero", "missing.md").code == 2  # errors still count


def test_a_dash_reads_standard_input(desk: Path) -> None:
    result = run_cli("check", "-f", "json", "-", stdin=CLAIM.encode())
    assert json.loads(result.out)["files"][0]["path"] == "-"
    assert result.code == 1
    both = run_cli("check", "-", "a.md", stdin=CLAIM.encode())
    assert [
        f["path"]
        for f in json.loads(run_cli("check", "-f", "json", "-", "a.md", stdin=CLAIM.encode()).out)[
            "files"
        ]
    ] == ["-", "a.md"]
    assert both.code == 1


def test_file_list_from_a_file_or_standard_input(desk: Path) -> None:
    write(desk / "b.md", "The council met on Monday.\n")
    write(desk / "list.txt", "a.md\n\nb.md\n")
    listed = json.loads(run_cli("check", "-f", "json", "--file-list", "list.txt").out)
    assert [f["path"] for f in listed["files"]] == ["a.md", "b.md"]
    piped = run_cli("check", "-f", "json", "--file-list", "-", stdin=b"b.md\n")
    assert [f["path"] for f in json.loads(piped.out)["files"]] == ["b.md"]
    clash = run_cli("check", "--file-list", "-", "-", stdin=b"b.md\n")
    assert clash.code == 2 and "cannot hold both" in clash.err
    missing = run_cli("check", "--file-list", "nowhere.txt")
    assert missing.code == 2 and "nowhere.txt: cannot read the file list" in missing.err
    assert "Traceback" not in missing.err


@pytest.mark.parametrize(
    ("environment", "colored"),
    [
        ({}, False),
        ({"NO_COLOR": "1"}, False),
        ({"FORCE_COLOR": "1"}, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ({"TERM": "dumb"}, False),
    ],
)
def test_colour_follows_the_environment(
    desk: Path, monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], colored: bool
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert ("\033[" in run_cli("check", "a.md").out) is colored
    assert "\033[" in run_cli("check", "--color", "always", "a.md").out  # --color wins
    assert "\033[" not in run_cli("check", "--color", "never", "a.md").out


def test_walks_respect_gitignore_config_exclude_and_the_exclude_option(desk: Path) -> None:
    (desk / ".git").mkdir()
    write(desk / ".gitignore", "node_modules/\nbuild/\n")
    for folder in ("node_modules/pkg", "build", "drafts", "articles"):
        write(desk / folder / "story.md", CLAIM)
    write(desk / ".copydesk.yaml", "exclude: [drafts/]\n")

    def checked(*args: str) -> list[str]:
        out = run_cli("check", "-f", "json", *args).out
        return sorted(f["path"] for f in json.loads(out)["files"])

    assert checked(".") == ["a.md", "articles/story.md"]
    assert checked("--exclude", "articles/", ".") == ["a.md"]
    assert checked("drafts/story.md") == []  # an excluded file is left out even when named


def test_no_articles_in_the_paths_given_is_an_error(desk: Path) -> None:
    (desk / "empty").mkdir()
    result = run_cli("check", "empty")
    assert result.code == 2 and "no articles found" in result.err


def test_a_message_never_holds_a_line_break(desk: Path) -> None:
    write(desk / "t.md", "The report found that the firm's\nprofits rose by 40% last year.\n")
    out = run_cli("check", "-f", "json", "t.md").out
    for file in json.loads(out)["files"]:
        for finding in file["findings"]:
            assert "\n" not in finding["message"]
