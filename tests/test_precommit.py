"""The pre-commit hook, run for real by pre-commit in a temporary editorial repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture(scope="module")
def project_rev(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A snapshot of the working tree committed to a scratch repository, so local edits count."""
    if shutil.which("git") is None:
        pytest.skip("git is needed")
    snapshot = tmp_path_factory.mktemp("copydesk-src")
    ignore = shutil.ignore_patterns(
        ".git", ".venv", "venv", "*.egg-info", "__pycache__", ".*_cache"
    )
    shutil.copytree(ROOT, snapshot, dirs_exist_ok=True, ignore=ignore)
    _git(snapshot, "init", "-q")
    _git(snapshot, "add", "-A")
    _git(
        snapshot, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "snapshot"
    )
    return snapshot, _git(snapshot, "rev-parse", "HEAD")


def _editorial_repo(tmp_path: Path, project: tuple[Path, str], article: str) -> Path:
    repo = tmp_path / "newsroom"
    repo.mkdir(parents=True)
    _git(repo, "init", "-q")
    source, rev = project
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: copydesk\n"
    )
    (repo / ".copydesk.yaml").write_text("packs: [house]\n")
    (repo / "story.md").write_text(article)
    _git(repo, "add", "-A")
    return repo


def _run_pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.mark.slow
def test_pre_commit_hook_fails_on_errors_and_passes_clean_articles(
    tmp_path: Path, project_rev: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    bad = _run_pre_commit(_editorial_repo(tmp_path / "bad", project_rev, "Talks in Kiev.\n"), home)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "house.ukraine-places" in bad.stdout
    clean = _run_pre_commit(_editorial_repo(tmp_path / "ok", project_rev, "Talks in Kyiv.\n"), home)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "copydesk" in clean.stdout and "Passed" in clean.stdout
