"""The history store on SQLite and on a real PostgreSQL: deltas by the rules of
docs/history.md, first/last seen, content-addressed snapshots, baselines, migrations,
concurrent writers, and errors that name the URL without its password."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from typing import Any

import pytest

from cspm_opa.errors import ConfigError, StoreError
from cspm_opa.store import canonical_json, open_store, snapshot_sha
from cspm_opa.store._url import database_url, redact

ACCOUNT = "111122223333"
BUCKET = "aws_s3_bucket"


def uid(n: int) -> str:
    return f"{n:032x}"


def finding(
    n: int,
    status: str,
    resource: str,
    *,
    region: str = "us-east-1",
    severity: str = "HIGH",
    account: str = ACCOUNT,
) -> dict[str, Any]:
    return {
        "uid": uid(n),
        "policy_id": "AWS-S3-001",
        "title": "t",
        "severity": severity,
        "status": status,
        "message": "m",
        "remediation": "r",
        "resource": {
            "id": resource,
            "type": BUCKET,
            "provider": "aws",
            "account": account,
            "region": region,
            "name": resource,
            "tags": {},
        },
        "compliance": [],
    }


def snapshot(
    *resources: str,
    regions: tuple[str, ...] = ("us-east-1",),
    account: str = ACCOUNT,
    coverage: list[Any] | None = None,
) -> dict[str, Any]:
    return {
        "schema_version": "1",
        "provider": "aws",
        "account": {"id": account},
        "taken_at": "2026-01-01T00:00:00Z",
        "regions": list(regions),
        "resources": {BUCKET: {r: {"id": r, "type": BUCKET} for r in resources}},
        "coverage": coverage or [],
    }


def result(day: int, *findings: dict[str, Any]) -> dict[str, Any]:
    return {
        "generated_at": f"2026-01-{day:02d}T10:00:00Z",
        "findings": list(findings),
        "policies": [{"id": "AWS-S3-001"}],
        "compliance": {"SOC2": {"percent": 50.0}, "CIS_AWS_v5.0": {"percent": None}},
        "posture_score": 70,
        "summary": {"by_status": {"FAIL": 1}, "by_severity": {"HIGH": 1}},
    }


def test_deltas_follow_the_latest_known_state(store_url: str) -> None:
    with open_store(store_url) as store:
        first = result(
            1,
            finding(1, "FAIL", "a"),
            finding(2, "PASS", "b"),
            finding(3, "FAIL", "c"),
            finding(4, "FAIL", "d"),
            finding(5, "FAIL", "e"),
            finding(6, "FAIL", "f"),
        )
        scan1, delta1 = store.record(first, [snapshot("a", "b", "c", "d", "e", "f")])
        assert delta1.previous_scan is None
        assert delta1.new == (uid(1), uid(3), uid(4), uid(5), uid(6))
        assert first["delta"]["new"] == [uid(1), uid(3), uid(4), uid(5), uid(6)]

        # a fixed, b broken, c waived, d unknown, e's bucket deleted, f still failing
        second = result(
            2,
            finding(1, "PASS", "a"),
            finding(2, "FAIL", "b"),
            finding(3, "WAIVED", "c"),
            finding(4, "UNKNOWN", "d"),
            finding(6, "FAIL", "f"),
        )
        scan2, _ = store.record(second, [snapshot("a", "b", "c", "d", "f")])
        assert scan2 > scan1
        assert second["delta"] == {
            "previous_scan": scan1,
            "new": [uid(2)],
            "resolved": [uid(1), uid(3), uid(5)],
            "regressed": [],
            "unchanged": 1,
        }
        # first_seen is the first scan that saw the uid; last_seen this one
        seen = {f["uid"]: (f["first_seen"], f["last_seen"]) for f in second["findings"]}
        assert seen[uid(1)] == ("2026-01-01T10:00:00Z", "2026-01-02T10:00:00Z")

        # a broken again: regressed; d (FAIL, then UNKNOWN) failing again: unchanged
        third = result(
            3,
            finding(1, "FAIL", "a"),
            finding(2, "FAIL", "b"),
            finding(4, "FAIL", "d"),
            finding(7, "FAIL", "g"),
        )
        _, delta3 = store.record(third, [snapshot("a", "b", "c", "d", "f", "g")])
        assert delta3.previous_scan == scan2
        assert delta3.regressed == (uid(1),)
        assert delta3.new == (uid(7),)
        assert delta3.unchanged == 2  # b and d
        # f is missing but its bucket is still there: the check no longer names it
        assert delta3.resolved == ()
        assert [s["delta"]["regressed"] for s in store.scans()] == [0, 0, 1]


def test_resolving_by_absence_only_where_the_scan_looked(store_url: str) -> None:
    with open_store(store_url) as store:
        store.record(
            result(
                1,
                finding(1, "FAIL", "a"),
                finding(2, "FAIL", "b", region="eu-west-1"),
                finding(3, "FAIL", "c"),
            ),
            [snapshot("a", "b", "c", regions=("us-east-1", "eu-west-1"))],
        )
        # An event about bucket a only: c is missing from its snapshot, not deleted.
        _, event = store.record(
            result(2),
            [snapshot()],
            kind="event",
            event_id="evt-1",
            evaluated=[("aws", ACCOUNT, BUCKET, "a")],
        )
        assert event.resolved == (uid(1),)
        # A scan of us-east-1 alone, whose bucket listing failed: nothing resolves.
        gap = [
            {"service": "s3", "region": "us-east-1", "status": "error", "resource_types": [BUCKET]}
        ]
        _, blind = store.record(result(3), [snapshot(coverage=gap)])
        assert blind.resolved == ()
        # A scan of us-east-1 that listed buckets: c is gone; b is in a region not scanned.
        _, scan = store.record(result(4), [snapshot()])
        assert scan.resolved == (uid(3),)
        # Another account's findings are not touched by this one's scans.
        other = snapshot("z", account="999988887777")
        _, first_other = store.record(
            result(5, finding(9, "FAIL", "z", account="999988887777")), [other]
        )
        assert first_other.new == (uid(9),) and first_other.previous_scan is None
        history = store.scans()
        assert [h["kind"] for h in history] == ["scan", "event", "scan", "scan", "scan"]
        assert history[1]["event_id"] == "evt-1"


def test_snapshots_are_stored_once_by_content(store_url: str) -> None:
    from sqlalchemy import func, select

    from cspm_opa.store._models import SnapshotBlob

    doc = snapshot("a", "b")
    with open_store(store_url) as store:
        store.record(result(1), [doc])
        store.record(result(2), [json.loads(json.dumps(doc))])
        changed = snapshot("a")
        store.record(result(3), [changed])
        history = store.scans()
        shas = [h["accounts"][0]["snapshot"] for h in history]
        assert shas == [snapshot_sha(doc), snapshot_sha(doc), snapshot_sha(changed)]
        with store._engine.connect() as conn:  # one row per distinct content
            assert conn.scalar(select(func.count()).select_from(SnapshotBlob)) == 2
        assert store.snapshot(shas[0]) == doc
        assert store.latest_snapshots() == [changed]
        assert store.latest_snapshots(account="nobody") == []
        with pytest.raises(KeyError, match="no snapshot"):
            store.snapshot("0" * 64)

        assert store.baseline(ACCOUNT) is None
        assert store.approve_baseline([doc]) == [snapshot_sha(doc)]
        store.approve_baseline([changed])
        assert store.baseline(ACCOUNT) == changed
        assert store.baseline(ACCOUNT, provider="gcp") is None
        # An event's partial snapshot is not an account's latest state.
        store.record(result(4), [snapshot()], kind="event")
        assert store.latest_snapshots(ACCOUNT) == [changed]


def test_canonical_json_is_sorted_and_compact() -> None:
    doc = {"b": [1, {"z": "é", "a": None}], "a": 1.5}
    expected = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert canonical_json(doc) == expected.encode("utf-8")
    assert snapshot_sha(doc) == snapshot_sha(json.loads(expected))


def test_two_writers_at_once_lose_nothing(store_url: str) -> None:
    shared = finding(1, "FAIL", "a")
    with open_store(store_url) as store:
        store.record(result(1), [snapshot("a")])  # the schema exists; the race is on rows
    deltas: list[Any] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def write(day: int) -> None:
        try:
            with open_store(store_url) as own:
                barrier.wait()
                own_findings = [dict(shared), finding(100 + day, "FAIL", "a")]
                deltas.append(own.record(result(day, *own_findings), [snapshot("a")])[1])
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(day,)) for day in (2, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    # Serialized: the shared uid is new to exactly one writer and unchanged for the other.
    assert sorted(len(d.new) for d in deltas) == [1, 2]
    assert sorted(d.unchanged for d in deltas) == [0, 1]
    assert {d.previous_scan for d in deltas} == {1, 2}
    with open_store(store_url) as store:
        history = store.scans()
        assert [h["id"] for h in history] == [1, 2, 3]
        assert [h["counts"]["findings"] for h in history] == [0, 2, 2]


def test_concurrent_first_uses_migrate_once(store_url: str) -> None:
    errors: list[BaseException] = []
    barrier = threading.Barrier(3)

    def first_use() -> None:
        try:
            barrier.wait()
            open_store(store_url).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=first_use) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    with open_store(store_url) as store:
        assert store.scans() == []


def test_migrations_match_the_models(store_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from cspm_opa.store._models import Base

    with open_store(store_url) as store, store._engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        assert context.get_current_revision() == "0002"


def test_a_store_written_by_a_newer_version_is_refused(tmp_path: Any) -> None:
    import sqlite3

    path = tmp_path / "newer.db"
    open_store(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="newer cspm-opa") as caught:
        open_store(str(path))
    assert str(path) in str(caught.value)


def test_unreachable_postgresql_names_the_url_without_its_password() -> None:
    url = "postgresql://scanner:hunter2-secret@127.0.0.1:1/history?connect_timeout=3"
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert "postgresql://scanner:***@127.0.0.1:1/history" in message
    assert "hunter2" not in message
    assert "refused" in message.lower() or "connect" in message.lower()


def test_a_wrong_password_is_reported_without_it(postgres_database: str) -> None:
    from tests import pg_cluster

    wrong = postgres_database.replace(pg_cluster.PASSWORD, "not-the-password")
    with pytest.raises(StoreError, match="password authentication failed") as caught:
        open_store(wrong)
    assert "not-the-password" not in str(caught.value)
    assert "postgres:***@" in str(caught.value)


def test_store_urls() -> None:
    assert database_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert database_url("postgres://h/db") == "postgresql+psycopg://h/db"
    assert database_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"
    assert database_url("rel/x.db").startswith("sqlite:////")
    assert redact("postgresql://u:p@h/db?password=q&sslmode=require") == (
        "postgresql://u:***@h/db?password=***&sslmode=require"
    )
    with pytest.raises(ConfigError, match="unsupported store URL scheme 'mysql'"):
        open_store("mysql://u:secret@h/db")
    with pytest.raises(ConfigError, match="name a database file"):
        open_store("sqlite://")


def test_importing_the_package_and_cli_loads_no_sqlalchemy() -> None:
    code = (
        "import sys, cspm_opa, cspm_opa.store, cspm_opa.cli;"
        "cspm_opa.cli.build_parser();"
        "print([m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'psycopg')])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_redact_keeps_sqlite_urls_whole() -> None:
    assert redact("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"
    assert redact("sqlite:///rel.db") == "sqlite:///rel.db"
    assert redact("postgresql://u:pw@h/db") == "postgresql://u:***@h/db"
