"""The documented Dask recipe for archives, run on a local Dask cluster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint.archive import lint_records
from lint.engine import ConfigResolver

dask_bag = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")


def lint_partition(lines: list[str]) -> list[dict[str, object]]:
    """What each Dask partition runs."""
    return list(lint_records(lines, ConfigResolver()))


@pytest.mark.slow
def test_dask_bag_over_jsonl_partitions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".copydesk.yaml").write_text("packs: [house]\n")
    for part in range(3):
        lines = [
            json.dumps({"id": f"{part}-{i}", "text": f"Story {i} from Kiev.", "format": "text"})
            for i in range(4)
        ]
        (tmp_path / f"part{part}.jsonl").write_text("\n".join(lines) + "\n")
    with (
        distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False) as cluster,
        distributed.Client(cluster),
    ):
        bag = dask_bag.read_text(str(tmp_path / "part*.jsonl"))
        results = bag.map_partitions(lint_partition).compute()
    assert sorted(r["id"] for r in results) == sorted(
        f"{p}-{i}" for p in range(3) for i in range(4)
    )
    assert all(r["findings"][0]["match"] == "Kiev" for r in results)
