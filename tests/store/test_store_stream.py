"""A streamed run with ``--store`` records what the in-memory run records: the same scans
and counts, the same delta (new, resolved by status and by deletion, regressed), the same
findings and latest known states with the same first/last seen, on SQLite and on
PostgreSQL, across three scans of a changing account."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from benchmarks.synthetic import synthetic_snapshot
from cspm_opa import LocalOpa, evaluate, snapshot_from_dict, write_snapshot
from cspm_opa.cli import main
from cspm_opa.errors import StoreError
from cspm_opa.result import assess
from cspm_opa.result_stream import StreamedScan
from cspm_opa.schemas import default_store
from cspm_opa.snapshots import load_snapshot
from cspm_opa.store import open_store
from cspm_opa.store._models import FindingRow, FindingState
from cspm_opa.store._store import Store, _aware
from cspm_opa.streaming import evaluate_parts, open_source
from tests import pg_cluster

CHANGED: dict[str, str] = {}
"""The volumes _estates changes: deleted, fixed, broken (ids)."""
TIMES = ("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z")


def _estates(tmp_path: Path) -> list[Path]:
    """Three snapshots of one account: as generated; then one failing volume deleted, one
    fixed and one broken; then as generated again (the fixed one regresses, the deleted
    one comes back failing, the broken one is fixed)."""
    first = synthetic_snapshot(160)
    volumes = first["resources"]["aws_ebs_volume"]
    bad = [rid for rid, v in volumes.items() if v["config"]["encrypted"] is False]
    good = [rid for rid, v in volumes.items() if v["config"]["encrypted"] is True]
    CHANGED.update(deleted=bad[0], fixed=bad[1], broken=good[0])
    second = json.loads(json.dumps(first))
    vols = second["resources"]["aws_ebs_volume"]
    del vols[bad[0]]
    vols[bad[1]]["config"]["encrypted"] = True
    vols[good[0]]["config"]["encrypted"] = False
    paths = []
    for i, doc in enumerate((first, second, first)):
        out = tmp_path / f"scan{i}"
        paths.append(write_snapshot(snapshot_from_dict(doc), out))
    return paths


def _findings(store: Store) -> list[tuple[Any, ...]]:
    with store._read() as session:
        rows = session.scalars(select(FindingRow).order_by(FindingRow.scan_id, FindingRow.uid))
        return [
            (r.scan_id, r.uid, r.provider, r.account, r.policy_id, r.resource_type,
             r.resource_id, r.region, r.status, r.severity, r.message)
            for r in rows
        ]  # fmt: skip


def _states(store: Store) -> list[tuple[Any, ...]]:
    with store._read() as session:
        rows = session.scalars(select(FindingState).order_by(FindingState.uid))
        return [
            (r.uid, r.provider, r.account, r.policy_id, r.resource_type, r.resource_id,
             r.region, r.status, r.ever_failed, r.last_scan, _aware(r.first_seen),
             _aware(r.last_seen))
            for r in rows
        ]  # fmt: skip


def _recorded(url: str) -> dict[str, Any]:
    with open_store(url) as store:
        return {
            "scans": [{k: v for k, v in e.items() if k != "recorded_at"} for e in store.scans()],
            "findings": _findings(store),
            "states": _states(store),
        }


def _second(store_url: str, tmp_path: Path) -> str:
    """Another empty store of the same kind (PostgreSQL: the same database, emptied)."""
    if store_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'second.db'}"
    pg_cluster.reset(store_url)
    return store_url


def _same_delta(mine: dict[str, Any], theirs: dict[str, Any]) -> None:
    for key in ("new", "resolved", "regressed"):
        assert sorted(mine[key]) == sorted(theirs[key]), key
    assert mine["unchanged"] == theirs["unchanged"]
    assert mine["previous_scan"] == theirs["previous_scan"]


def test_streamed_scans_store_what_in_memory_scans_store(
    engine: LocalOpa, store_url: str, tmp_path: Path
) -> None:
    paths = _estates(tmp_path)
    plain = []
    with open_store(store_url) as store:
        for path, when in zip(paths, TIMES, strict=True):
            snap = load_snapshot(path)
            result = assess([snap], evaluate([snap], engine), engine.catalog,
                            generated_at=when).result  # fmt: skip
            store.record(result, [snap])
            plain.append(result)
    expected = _recorded(store_url)

    url = _second(store_url, tmp_path)
    streamed = []
    with open_store(url) as store:
        for path, when in zip(paths, TIMES, strict=True):
            source = open_source(path)
            scan = StreamedScan([source.envelope], [source.resource_count()], engine.catalog,
                                fmt="json", out=None)  # fmt: skip
            scan.result["generated_at"] = when
            with store.stream_scan([source], when) as writer:
                scan.recorder = writer
                evaluate_parts([source], engine, scan.add, workers=2, max_part_bytes=20_000)
                result = scan.finish()
            streamed.append(result)
    got = _recorded(url)

    # The same scans (ids, previous scan, delta counts, counts by status and severity,
    # compliance, posture, the snapshots by the same content address), the same finding
    # rows, and the same latest known states with the same first and last seen.
    assert got["scans"] == expected["scans"]
    assert got["findings"] == expected["findings"]
    assert got["states"] == expected["states"]
    for mine, theirs in zip(streamed, plain, strict=True):
        _same_delta(mine["delta"], theirs["delta"])
        stamps = {f["uid"]: (f["first_seen"], f["last_seen"]) for f in theirs["findings"]}
        assert all(stamps[f["uid"]] == (f["first_seen"], f["last_seen"])
                   for f in mine["findings"])  # fmt: skip

    # Every kind of change happened, so every rule was exercised.
    second, third = plain[1]["delta"], plain[2]["delta"]
    check = _volume_check(plain[0])
    uid_of = {f["resource"]["id"]: f["uid"] for f in plain[0]["findings"]
              if f["policy_id"] == check}  # fmt: skip
    assert uid_of[CHANGED["deleted"]] in second["resolved"]  # deleted
    assert uid_of[CHANGED["fixed"]] in second["resolved"]  # fixed
    assert uid_of[CHANGED["broken"]] in second["new"]  # broken
    assert uid_of[CHANGED["fixed"]] in third["regressed"]
    assert uid_of[CHANGED["deleted"]] in third["regressed"]
    assert uid_of[CHANGED["broken"]] in third["resolved"]
    assert second["unchanged"] > 0
    states = {s[0]: s for s in got["states"]}
    # Seen (passing) since the first scan, last seen at the third.
    assert states[uid_of[CHANGED["broken"]]][10:] == (_time(TIMES[0]), _time(TIMES[2]))


def _time(value: str) -> Any:
    from datetime import datetime

    return _aware(datetime.fromisoformat(value))


def _volume_check(result: dict[str, Any]) -> str:
    (policy,) = {
        f["policy_id"]
        for f in result["findings"]
        if f["resource"]["id"] == CHANGED["deleted"] and f["status"] == "FAIL"
    }
    return str(policy)


def test_cli_stream_with_store_gives_the_in_memory_delta(store_url: str, tmp_path: Path) -> None:
    paths = _estates(tmp_path)[:2]
    runs: dict[str, list[dict[str, Any]]] = {}
    for mode in ("plain", "stream"):
        url = _second(store_url, tmp_path) if mode == "stream" else store_url
        extra = ["--stream"] if mode == "stream" else []
        runs[mode] = []
        for i, path in enumerate(paths):
            out = tmp_path / f"{mode}{i}.json"
            argv = ["evaluate", str(path), *extra, "--store", url, "--format", "json"]
            assert main([*argv, "-o", str(out)]) == 0
            runs[mode].append(json.loads(out.read_text()))
        with open_store(url) as store:
            assert [e["delta"]["previous_scan"] for e in store.scans()] == [None, 1]
    for mine, theirs in zip(runs["stream"], runs["plain"], strict=True):
        assert list(default_store().issues("scan_result.json", mine)) == []
        _same_delta(mine["delta"], theirs["delta"])
        assert all("first_seen" in f and "last_seen" in f for f in mine["findings"])
    assert runs["stream"][1]["delta"]["new"] and runs["stream"][1]["delta"]["resolved"]


def test_a_streamed_scan_not_finished_records_nothing(
    engine: LocalOpa, store_url: str, tmp_path: Path
) -> None:
    source = open_source(_estates(tmp_path)[0])
    with open_store(store_url) as store:
        scan = StreamedScan([source.envelope], [source.resource_count()], engine.catalog,
                            fmt="json", out=None)  # fmt: skip
        with (
            pytest.raises(RuntimeError, match="part failed"),
            store.stream_scan([source], TIMES[0]) as writer,
        ):
            scan.recorder = writer
            evaluate_parts([source], engine, scan.add, workers=1, max_part_bytes=20_000)
            raise RuntimeError("part failed")
        with pytest.raises(StoreError, match="not finished"), store.stream_scan([source], TIMES[0]):
            pass
        assert store.scans() == []
        assert _findings(store) == [] and _states(store) == []
