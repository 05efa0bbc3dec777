"""``cspm-opa baseline approve`` and ``cspm-opa drift --store URL --baseline`` over a
SQLite history store: the latest scanned snapshot of each account against its baseline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cspm_opa.cli import main
from cspm_opa.store import open_store
from cspm_opa.testing import builders as b

OTHER = "444455556666"
BUCKET = b.s3_bucket("logs")
VOLUME = b.ebs_volume("data")


def doc(resources: list[dict[str, Any]], account: str = b.DEFAULT_ACCOUNT) -> dict[str, Any]:
    return b.snapshot(account, resources)


def write(path: Path, document: dict[str, Any]) -> str:
    path.write_text(json.dumps(document))
    return str(path)


def record_scan(url: str, *docs: dict[str, Any]) -> None:
    result = {"generated_at": "2026-11-30T10:00:00Z", "findings": []}
    with open_store(url) as store:
        store.record(result, list(docs))


@pytest.fixture(autouse=True)
def _no_store_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CSPM_OPA_STORE", raising=False)


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'history.db'}"


def test_drift_against_the_approved_baseline(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    approved = write(tmp_path / "a.json", doc([BUCKET, VOLUME]))
    assert main(["baseline", "approve", approved, "--store", url]) == 0
    assert f"approved aws account {b.DEFAULT_ACCOUNT}" in capsys.readouterr().out
    public = b.s3_bucket("logs", config={"policy_is_public": True})
    record_scan(url, doc([public]))

    assert main(["drift", "--store", url, "--baseline", "--format", "json"]) == 0
    drift = json.loads(capsys.readouterr().out)
    assert [(c["id"], c["paths"]) for c in drift["changed"]] == [
        (BUCKET["id"], ["/config/policy_is_public"])
    ]
    assert [r["id"] for r in drift["removed"]] == [VOLUME["id"]]
    gate = ["--fail-on-drift", "aws_ebs_volume"]
    assert main(["drift", "--store", url, "--baseline", *gate]) == 1

    # Approving the latest configuration ends the drift.
    now = write(tmp_path / "b.json", doc([public]))
    assert main(["baseline", "approve", now, "--store", url]) == 0
    capsys.readouterr()
    assert main(["drift", "--store", url, "--baseline", *gate]) == 0
    assert capsys.readouterr().out.startswith("no drift")


def test_account_without_baseline_is_named_and_account_selects(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["baseline", "approve", write(tmp_path / "a.json", doc([BUCKET])), "--store", url])
    other_bucket = b.s3_bucket("other", account=OTHER)
    record_scan(url, doc([BUCKET, VOLUME]), doc([other_bucket], OTHER))
    capsys.readouterr()

    assert main(["drift", "--store", url, "--baseline"]) == 2
    err = capsys.readouterr().err
    assert "no approved baseline in " in err and "history.db" in err
    assert f"for aws account {OTHER}: approve one with cspm-opa baseline approve" in err
    assert b.DEFAULT_ACCOUNT not in err

    argv = ["drift", "--store", url, "--baseline", "--account", b.DEFAULT_ACCOUNT]
    assert main([*argv, "--format", "json"]) == 0
    assert [a["id"] for a in json.loads(capsys.readouterr().out)["added"]] == [VOLUME["id"]]

    assert main(["drift", "--store", url, "--baseline", "--account", "999"]) == 2
    assert "holds no scan of account 999" in capsys.readouterr().err


def test_approve_refuses_bad_files_before_writing(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path / "a.json", doc([BUCKET]))
    broken = doc([BUCKET])
    broken["resources"]["aws_s3_bucket"][BUCKET["id"]]["config"]["versioning"]["status"] = "x"
    bad = write(tmp_path / "bad.json", broken)
    assert main(["baseline", "approve", good, bad, "--store", url]) == 2
    err = capsys.readouterr().err
    assert "bad.json" in err and "versioning.status" in err
    twice = write(tmp_path / "again.json", doc([BUCKET, VOLUME]))
    assert main(["baseline", "approve", good, twice, "--store", url]) == 2
    assert "is also in" in capsys.readouterr().err
    with open_store(url) as store:
        assert store.baseline(b.DEFAULT_ACCOUNT) is None


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--store", "X"], "--store and --baseline go together"),
        (["--baseline"], "--baseline needs --store URL (or CSPM_OPA_STORE)"),
        (["a.json", "b.json", "--store", "X", "--baseline"], "not both"),
        (["a.json", "b.json", "--account", "1"], "use it with --baseline"),
    ],
)
def test_store_options_misused(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["drift", *argv]) == 2
    assert message in capsys.readouterr().err


def test_store_from_the_environment(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["baseline", "approve", write(tmp_path / "a.json", doc([BUCKET]))]) == 2
    assert "needs --store URL (or CSPM_OPA_STORE)" in capsys.readouterr().err
    monkeypatch.setenv("CSPM_OPA_STORE", url)
    assert main(["baseline", "approve", write(tmp_path / "a.json", doc([BUCKET]))]) == 0
    record_scan(url, doc([BUCKET, VOLUME]))
    assert main(["drift", "--baseline", "--fail-on-drift", "aws_ebs_volume"]) == 1
    # Two files still mean two files, whatever the environment names.
    same = write(tmp_path / "b.json", doc([BUCKET]))
    assert main(["drift", same, same, "--fail-on-drift", "aws_ebs_volume"]) == 0
