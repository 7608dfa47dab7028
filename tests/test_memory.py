"""House memory: building the archive index, checking copy against it, and its bad states."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from lint.memory import build as build_module
from lint.memory.build import SourceArticle, build_index
from lint.memory.schema import open_for_reading
from lint.memory.store import index_stats
from tests.helpers import run_cli, write

ARCHIVE = {
    "2024/kyiv.md": "---\ndate: 2024-03-01\n---\n\nPresident Marta Ostrowska spoke in "
    "Kyiv on Monday.\n\n\"We will not stand by while our neighbours suffer in silence,\" "
    "Ms Kallas said.\n",
    "2024/brussels.md": "Ostrowska met European leaders in Brussels. Foreign Secretary David "
    "Lammy was there.\n",
    "2024/aides.md": "Aides to Ostrowska said the talks went well. Ruth Goverman, the "
    "envoy, agreed.\n",
    "2024/thanks.md": "Ostrowska thanked the allies. Ruth Goverman spoke later.\n",
    "2024/office.md": "Ostrowska's office confirmed the visit. Ruth Goverman was there.\n",
}


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newsroom folder: an archive of articles and an index built from it."""
    monkeypatch.chdir(tmp_path)
    for name, text in ARCHIVE.items():
        write(tmp_path / "archive" / name, text)
    result = run_cli("archive", "build", "archive", "--output", "index.sqlite")
    assert result.code == 0, result.err
    return tmp_path


def _stats(path: Path) -> dict[str, int | str | None]:
    db = open_for_reading(path)
    try:
        return index_stats(db)
    finally:
        db.close()


def _findings(*args: str) -> list[dict[str, object]]:
    result = run_cli("check", "-f", "json", *args)
    assert result.code in (0, 1), result.err
    return [f for file in json.loads(result.out)["files"] for f in file["findings"]]


def test_the_index_holds_names_quotations_titles_and_dates(desk: Path) -> None:
    stats = _stats(desk / "index.sqlite")
    assert stats["articles"] == 5 and stats["quotations"] == 1 and stats["titles"] >= 2
    assert stats["earliest date"] == "2024-03-01"
    db = sqlite3.connect(desk / "index.sqlite")
    names = dict(db.execute("SELECT spelling, articles FROM names"))
    assert names["Ostrowska"] == 5 and names["Ruth Goverman"] == 3
    assert "Aides" not in names  # a dictionary word opening a sentence is not a name
    titles = set(db.execute("SELECT title, name FROM titles"))
    assert ("Foreign Secretary", "David Lammy") in titles and ("President", "Marta Ostrowska") in titles
    (speaker,) = db.execute("SELECT speaker FROM quotes").fetchone()
    assert speaker == "Ms Kallas"
    out = run_cli("archive", "stats", "--archive", "index.sqlite").out
    assert "articles: 5" in out and "quotations: 1" in out


def test_builds_are_incremental_and_prune_on_request(desk: Path) -> None:
    again = run_cli("archive", "build", "archive", "--output", "index.sqlite")
    assert "0 added, 0 replaced, 5 unchanged, 0 pruned" in again.out
    write(desk / "archive" / "2024/thanks.md", "Ostrowska thanked the donors.\n")
    (desk / "archive" / "2024/office.md").unlink()
    changed = run_cli("archive", "build", "archive", "--output", "index.sqlite")
    assert "0 added, 1 replaced, 3 unchanged, 0 pruned" in changed.out
    assert _stats(desk / "index.sqlite")["articles"] == 5  # the deleted one stays...
    pruned = run_cli("archive", "build", "archive", "--output", "index.sqlite", "--prune")
    assert "4 unchanged, 1 pruned" in pruned.out
    db = sqlite3.connect(desk / "index.sqlite")
    names = dict(db.execute("SELECT spelling, articles FROM names"))
    assert names["Ostrowska"] == 4 and names["Ruth Goverman"] == 1  # totals follow


def test_jsonl_streams_are_indexed_with_their_ids_and_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    lines = [
        json.dumps({"id": "a-1", "text": "Ostrowska spoke.", "date": "2023-01-02"}),
        "not json",
        json.dumps({"id": "a-2", "text": "Ostrowska left.", "format": "text"}),
    ]
    write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    result = run_cli("archive", "build", "--jsonl", "feed.jsonl", "--output", "i.sqlite")
    assert result.code == 2 and "feed.jsonl:2: bad record" in result.err
    assert "2 added" in result.out
    db = sqlite3.connect(tmp_path / "i.sqlite")
    assert dict(db.execute("SELECT key, date FROM articles")) == {"a-1": "2023-01-02", "a-2": None}


def test_a_rare_spelling_near_the_archives_is_reported_with_both_counts(desk: Path) -> None:
    write(desk / "new.md", "President Ostrowksa arrived. Ostrowksa spoke.\n")
    found = [f for f in _findings("--archive", "index.sqlite", "new.md") if f["rule"] == "archive.name-spelling"]
    assert len(found) == 2
    assert found[0]["message"] == "the archive spells it 'Ostrowska' in 5 articles; 'Ostrowksa' appears in 0"
    assert found[0]["replacements"] == ["Ostrowska"] and found[0]["applicability"] == "unsafe"
    archived = found[0]["archived"]
    assert isinstance(archived, dict) and archived["article"].startswith("archive/2024/")
    assert archived["uri"] == (desk / archived["article"]).resolve().as_uri()
    assert not [f for f in _findings("new.md") if f["rule"].startswith("archive.")]  # type: ignore[union-attr]


def test_names_the_archive_knows_are_not_spelling_or_name_slips(desk: Path) -> None:
    write(desk / "new.md", "Ruth Goverman said the talks would resume.\n")
    without = {f["match"] for f in _findings("new.md")}
    assert "Goverman" in without  # the spelling check takes it for a slip
    with_archive = {f["match"] for f in _findings("--archive", "index.sqlite", "new.md")}
    assert "Goverman" not in with_archive and "Ruth" not in with_archive


def test_a_changed_quotation_is_a_possible_misquote_with_the_archived_words(desk: Path) -> None:
    write(
        desk / "new.md",
        '"We will not stand by while our allies suffer in silence," Ms Kallas said.\n\n'
        '"We will not stand by while our neighbours suffer in silence," Ms Kallas added.\n',
    )
    found = [f for f in _findings("--archive", "index.sqlite", "new.md") if f["rule"] == "archive.misquote"]
    assert len(found) == 1 and found[0]["line"] == 1
    message = str(found[0]["message"])
    assert "archive/2024/kyiv.md (2024-03-01)" in message and "neighbours suffer in silence" in message
    assert "'allies' for 'neighbours'" in message
    assert found[0]["archived"] == {
        "article": "archive/2024/kyiv.md",
        "date": "2024-03-01",
        "text": '"We will not stand by while our neighbours suffer in silence," Ms Kallas said.',
        "uri": (desk / "archive/2024/kyiv.md").resolve().as_uri(),
    }


def test_a_quotation_from_another_speaker_is_a_possible_misattribution(desk: Path) -> None:
    write(
        desk / "new.md",
        '"We will not stand by while our neighbours suffer in silence," Mr Landsbergis said.\n\n'
        '"We will not stand by while our neighbours suffer in silence," Kaja Kallas said.\n',
    )
    found = [f for f in _findings("--archive", "index.sqlite", "new.md") if f["rule"] == "archive.misattribution"]
    assert len(found) == 1 and found[0]["line"] == 1
    assert "gives these words to Ms Kallas, not Mr Landsbergis" in str(found[0]["message"])


def test_the_archive_key_in_configuration_is_read_relative_to_it(desk: Path) -> None:
    write(desk / ".copydesk.yaml", "archive: index.sqlite\n")
    write(desk / "new.md", "President Ostrowksa arrived.\n")
    assert any(f["rule"] == "archive.name-spelling" for f in _findings("new.md"))
    out = run_cli("archive", "stats").out  # the configured index by default
    assert "articles: 5" in out


def _corrupt(path: Path) -> None:
    path.write_bytes(b"this is not an SQLite database" * 100)


def _newer(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (lambda p: p.unlink(), "no archive index there"),
        (_corrupt, "cannot read the archive index"),
        (_newer, "schema 99, newer than this copydesk reads"),
    ],
)
def test_a_bad_index_is_one_warning_and_the_article_is_still_checked(desk: Path, spoil, reason: str) -> None:  # type: ignore[no-untyped-def]
    write(desk / "new.md", "The goverment resigned.\n")
    spoil(desk / "index.sqlite")
    result = run_cli("check", "--archive", "index.sqlite", "new.md")
    assert result.code == 1 and "goverment" in result.out  # checked without the archive
    warnings = [line for line in result.err.splitlines() if "archive" in line]
    assert len(warnings) == 1 and reason in warnings[0] and "checking without the archive" in warnings[0]
    write(desk / ".copydesk.yaml", "archive: {path: index.sqlite, on_error: error}\n")
    strict = run_cli("check", "new.md")
    assert strict.code == 2 and reason in strict.err and len(strict.err.strip().splitlines()) == 1


def test_a_locked_index_is_a_warning_not_a_hang(desk: Path) -> None:
    holder = sqlite3.connect(desk / "index.sqlite", isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        write(desk / "new.md", "President Ostrowksa arrived.\n")
        result = run_cli("check", "--archive", "index.sqlite", "new.md")
        assert result.code in (0, 1) and "checking without the archive" in result.err
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_an_interrupted_build_leaves_the_previous_index(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _stats(desk / "index.sqlite")
    write(desk / "archive" / "2025/new.md", "Ostrowska returned.\n")
    write(desk / "archive" / "2025/other.md", "Ostrowska left.\n")
    real = build_module.record_of
    calls = []

    def interrupted(article: SourceArticle, rule: object) -> object:
        calls.append(article.key)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(article, rule)  # type: ignore[arg-type]

    monkeypatch.setattr(build_module, "record_of", interrupted)
    stopped = run_cli("archive", "build", "archive", "--output", "index.sqlite", "--prune")
    assert stopped.code == 130 and len(calls) == 2
    assert _stats(desk / "index.sqlite") == before


def test_a_check_reads_the_index_while_a_build_writes_it(desk: Path) -> None:
    from lint.config import load_config

    started, release = threading.Event(), threading.Event()

    def slow_articles() -> Iterator[SourceArticle]:
        yield SourceArticle("late-1", "Ostrowska returned to Kyiv.", "markdown")
        started.set()
        release.wait(30)
        yield SourceArticle("late-2", "Ostrowska left Kyiv.", "markdown")

    config = load_config(None)
    builder = threading.Thread(
        target=build_index, args=(desk / "index.sqlite", slow_articles(), config)
    )
    builder.start()
    try:
        assert started.wait(30)
        write(desk / "new.md", "President Ostrowksa arrived.\n")
        found = [f for f in _findings("--archive", "index.sqlite", "new.md") if f["rule"] == "archive.name-spelling"]
        assert found and "in 5 articles" in str(found[0]["message"])  # the index before the build
    finally:
        release.set()
        builder.join(30)
    assert _stats(desk / "index.sqlite")["articles"] == 7


def _contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table of an index, row ids replaced by article keys, sorted."""
    db = sqlite3.connect(path)
    key = "(SELECT key FROM articles a WHERE a.id = t.article)"
    queries = {
        "articles": "SELECT key, digest, date, words FROM articles",
        "names": "SELECT * FROM names",
        "name_uses": f"SELECT spelling, {key}, count FROM name_uses t",
        "quotes": f"SELECT {key}, offset, wording, speaker, paragraph FROM quotes t",
        "shingles": "SELECT s.shingle, q.wording FROM quote_shingles s JOIN quotes q ON q.id = s.quote",
        "titles": f"SELECT {key}, title, name FROM titles t",
        "name_keys": "SELECT * FROM name_keys",
    }
    try:
        return {name: sorted(db.execute(sql).fetchall(), key=repr) for name, sql in queries.items()}
    finally:
        db.close()


@pytest.mark.slow
def test_a_dask_build_gives_the_same_index_as_a_single_process(desk: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from lint.config import load_config
    from lint.memory.build import file_articles
    from lint.memory.dask_build import build_index_on_dask
    from lint.walk import Excluder, find_articles

    for i in range(70):  # more than one partition
        write(desk / "archive" / "more" / f"{i:02}.md", f'Ostrowska visited town {i}. "We came to listen to every one of you today," Ms Ostrowska said.\n')
    errors: list[str] = []
    articles = list(file_articles(find_articles([Path("archive")], Excluder()), 1 << 20, errors))
    single = build_index(desk / "single.sqlite", articles, load_config(None))
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False) as cluster,
        distributed.Client(cluster) as client,
    ):
        spread = build_index_on_dask(desk / "dask.sqlite", articles, client)
    assert errors == [] and single.added == spread.added == 75
    assert _contents(desk / "single.sqlite") == _contents(desk / "dask.sqlite")
    assert _contents(desk / "dask.sqlite")["quotes"]  # the comparison covers quotations


def test_a_build_leaves_out_what_the_configuration_excludes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name, text in ARCHIVE.items():
        write(tmp_path / "archive" / name, text)
    write(tmp_path / ".copydesk.yaml", "exclude: [archive/2024/office.md]\n")
    result = run_cli("archive", "build", "archive", "--output", "index.sqlite")
    assert "4 added" in result.out
