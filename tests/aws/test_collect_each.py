"""``cspm-opa collect`` writes each account's snapshot as soon as that account is
collected: an account read early is on disk before the last one is read, and the files
are byte for byte what writing the collected documents afterwards gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cspm_opa.cli import main
from cspm_opa.collect import aws as aws_collector
from cspm_opa.localclouds.aws_cloud import ACCOUNT, SECOND_ACCOUNT, AwsCloud
from cspm_opa.localclouds.aws_process import isolated_aws_cloud
from cspm_opa.snapshots import load_snapshot, snapshot_from_dict, write_snapshot

pytest.importorskip("moto")


@pytest.fixture(scope="module")
def cloud() -> Iterator[AwsCloud]:
    with isolated_aws_cloud() as fake:
        yield fake


def test_collect_writes_each_account_as_it_is_collected(
    cloud: AwsCloud, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    # Three accounts: one that cannot be read (its gaps wait for a first success), the
    # default one, and the second through the audit role.
    accounts = cloud.accounts_file(tmp_path)
    text = accounts.read_text(encoding="utf-8")
    accounts.write_text(text.replace("accounts:\n", "accounts:\n  - profile: nowhere\n", 1))
    out = tmp_path / "snapshots"
    on_disk: list[set[str]] = []  # the files present as each account's collection starts
    collected: list[dict[str, Any]] = []
    real = aws_collector.collect_account

    def observed(target: Any, request: Any, **kwargs: Any) -> Any:
        on_disk.append({p.name for p in out.glob("*.json")} if out.is_dir() else set())
        doc, stats = real(target, request, **kwargs)
        collected.append(doc)
        return doc, stats

    monkeypatch.setattr(aws_collector, "collect_account", observed)
    with cloud.environment():
        argv = ["collect", "--provider", "aws", "--regions", "us-east-1",
                "--accounts", str(accounts), "-o", str(out)]  # fmt: skip
        assert main(argv) == 0
    printed = capsys.readouterr().out.split()

    first, second = f"aws-{ACCOUNT}.json", f"aws-{SECOND_ACCOUNT}.json"
    blind = "aws-aws-accounts.yaml_2.json"
    assert len(on_disk) == 3
    assert on_disk[0] == on_disk[1] == set()  # nothing read yet: the gap waits
    # When the last account starts, the unreadable one and the first account are written.
    assert on_disk[2] == {blind, first}
    assert [Path(p).name for p in printed] == [blind, first, second]
    assert {p.name for p in out.iterdir()} == {blind, first, second}

    # The same bytes as writing every collected document at the end (as collect did).
    before = tmp_path / "before"
    for doc in collected:
        write_snapshot(snapshot_from_dict(doc), before)
    for name in (first, second):
        assert (out / name).read_bytes() == (before / name).read_bytes(), name
    gaps = load_snapshot(out / blind).document["coverage"]
    assert any("profile 'nowhere' not found" in g["detail"] for g in gaps)


def test_collect_writes_nothing_when_no_account_can_be_read(
    cloud: AwsCloud, tmp_path: Path
) -> None:
    accounts = tmp_path / "accounts.yaml"
    accounts.write_text('accounts:\n  - profile: nowhere\n  - id: "999988887777"\n')
    out = tmp_path / "snapshots"
    with cloud.environment():
        argv = ["collect", "--provider", "aws", "--regions", "us-east-1",
                "--accounts", str(accounts), "-o", str(out)]  # fmt: skip
        assert main(argv) == 3
    assert not out.exists() or list(out.iterdir()) == []
