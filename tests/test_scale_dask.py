"""Collection and evaluation on Dask give the findings a local run gives.

A real cluster: a ``dask scheduler`` process and two ``dask worker`` processes started
here, against a two-account moto estate (the second account reached by assuming a role
with an external id, on the worker). The workers get moto's fake credentials but not its
endpoint, which travels in the tasks; each worker starts its own OPA. A LocalCluster
runs the command line with a custom check, which reaches the workers as a bundle.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from distributed import Client

from cspm_opa.cli import main
from cspm_opa.collect import CollectRequest, collect
from cspm_opa.engine.local import LocalOpa
from cspm_opa.errors import EngineError
from cspm_opa.evaluator import evaluate
from cspm_opa.localclouds.aws_cloud import ISOLATION, UNSET, AwsCloud
from cspm_opa.localclouds.aws_process import isolated_aws_cloud
from cspm_opa.model import Finding
from cspm_opa.scale import Fanout, open_fanout
from cspm_opa.scale import collect as scale_collect
from cspm_opa.scale import worker as scale_worker
from cspm_opa.scale.collect import collect_on
from cspm_opa.scale.engine import DistributedEngine, policy_source
from cspm_opa.scale.worker import worker_state
from cspm_opa.snapshots import load_snapshot, snapshot_from_dict
from cspm_opa.testing.estate import sample_estate
from tests.conftest import TAG_CHECK, write_policy
from tests.test_custom_policies import OWNER_YAML

Key = set[tuple[str, str, str, str]]


def same(findings: Sequence[Finding]) -> Key:
    return {(f.uid, f.status.value, f.severity.value, f.message) for f in findings}


def result_key(path: Path) -> Key:
    result = json.loads(path.read_text(encoding="utf-8"))
    return {(f["uid"], f["status"], f["severity"], f["message"]) for f in result["findings"]}


@pytest.fixture(scope="module")
def cloud() -> Iterator[AwsCloud]:
    with isolated_aws_cloud() as found:
        yield found


def _worker_env(cloud: AwsCloud) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env.update(ISOLATION)
    env.update(cloud.env)
    env.pop("AWS_ENDPOINT_URL")  # the client's endpoint reaches the workers in the tasks
    return env


@pytest.fixture(scope="module")
def cluster(cloud: AwsCloud, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A scheduler and two single-threaded workers, as `dask scheduler` and
    `dask worker tcp://host:port` run them; yields the scheduler's address."""
    where = tmp_path_factory.mktemp("dask")
    scheduler_file = where / "scheduler.json"
    env = _worker_env(cloud)
    procs: list[subprocess.Popen[bytes]] = []
    logs = [open(where / f"{name}.log", "wb") for name in ("scheduler", "w1", "w2")]  # noqa: SIM115
    scheduler = [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host",
                 "127.0.0.1", "--port", "0", "--no-dashboard",
                 "--scheduler-file", str(scheduler_file)]  # fmt: skip
    try:
        procs.append(subprocess.Popen(scheduler, env=env, stdout=logs[0], stderr=subprocess.STDOUT))
        address = _scheduler_address(scheduler_file, procs[0], where / "scheduler.log")
        for i in (1, 2):
            worker = [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads",
                      "1", "--nworkers", "1", "--no-dashboard", "--name", f"w{i}"]  # fmt: skip
            procs.append(
                subprocess.Popen(worker, env=env, stdout=logs[i], stderr=subprocess.STDOUT)
            )
        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
        with Client(address, timeout=30) as client:
            client.shutdown()  # the scheduler stops its workers, then itself
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.terminate()
        for proc in reversed(procs):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for log in logs:
            log.close()


def _scheduler_address(path: Path, proc: subprocess.Popen[bytes], log: Path) -> str:
    """The address the scheduler wrote (the file appears before its text does)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(encoding="utf-8", errors="replace")
        try:
            return str(json.loads(path.read_text(encoding="utf-8"))["address"])
        except (OSError, ValueError, KeyError):
            time.sleep(0.1)
    raise AssertionError(f"the scheduler wrote no address: {log.read_text(encoding='utf-8')}")


def _collect_local(cloud: AwsCloud, accounts: Path) -> list[dict[str, Any]]:
    with cloud.environment():
        return collect(
            CollectRequest(provider="aws", regions=cloud.regions, accounts_file=accounts)
        )


def test_a_real_cluster_collects_and_evaluates_as_a_local_run_does(
    cloud: AwsCloud, cluster: str, tmp_path: Path
) -> None:
    accounts = cloud.accounts_file(tmp_path)
    local_docs = _collect_local(cloud, accounts)
    request = CollectRequest(provider="aws", regions=cloud.regions, accounts_file=accounts)
    with cloud.environment(), open_fanout(cluster) as fanout:
        assert fanout.distributed and fanout.width == 2
        dask_docs = collect_on(request, fanout)
        # One task per account to identify it, then one per (account, global services)
        # and per (account, region): 2 + 2 * (1 + 2) tasks ran on the workers, which made
        # their own sessions (the role assumed there, never here).
        assert sum(s["sessions"] for s in fanout.client.run(worker_state).values()) >= 2
        assert scale_collect._TARGETS == {}
        local_snaps = [snapshot_from_dict(d, source="local") for d in local_docs]
        dask_snaps = [snapshot_from_dict(d, source="dask") for d in dask_docs]
        assert [s.account_id for s in dask_snaps] == [cloud.account_id, cloud.second_account_id]
        with LocalOpa() as engine:
            expected = evaluate(local_snaps, engine)
            remote = DistributedEngine(engine, fanout, policy_source(engine))
            found = evaluate(dask_snaps, remote, workers=remote.parallelism)
        # Each worker that evaluated started one OPA of its own; this process none.
        assert 1 <= sum(s["engines"] for s in fanout.client.run(worker_state).values()) <= 2
        assert scale_worker._ENGINES == {}
    assert same(found) == same(expected)
    assert {f.resource.account for f in found} == {cloud.account_id, cloud.second_account_id}
    assert any(f.status.value == "FAIL" for f in found)
    for local_doc, dask_doc in zip(local_docs, dask_docs, strict=True):
        assert dask_doc["coverage"] == local_doc["coverage"]
        assert sorted(dask_doc["resources"]) == sorted(local_doc["resources"])


def test_an_account_the_worker_cannot_reach_is_unknown_not_missing(
    cloud: AwsCloud, cluster: str, tmp_path: Path
) -> None:
    accounts = tmp_path / "accounts.yaml"
    accounts.write_text(
        f'accounts:\n  - id: "{cloud.account_id}"\n  - profile: nowhere\n', encoding="utf-8"
    )
    request = CollectRequest(provider="aws", regions=cloud.regions[:1], accounts_file=accounts)
    with cloud.environment():
        local = collect(request)
        with open_fanout(cluster) as fanout:
            docs = collect_on(request, fanout)
    # The missing profile is found on the worker; the account is a blind snapshot named
    # by its place in the file, exactly as the threaded collector names it.
    assert [d["account"] for d in docs] == [d["account"] for d in local]
    assert docs[1]["account"]["id"] == "accounts.yaml:3"
    assert docs[1]["resources"] == {} and docs[1]["coverage"][0]["service"] == "sts"
    assert "nowhere" in docs[1]["coverage"][0]["detail"]
    assert docs[1]["coverage"] == local[1]["coverage"]


def test_collect_on_a_running_scheduler_from_the_command_line(
    cloud: AwsCloud, cluster: str, tmp_path: Path
) -> None:
    accounts = cloud.accounts_file(tmp_path)
    out = tmp_path / "snapshots"
    argv = ["collect", "--provider", "aws", "--accounts", str(accounts), "--regions",
            cloud.regions[0], "--dask", cluster, "-o", str(out)]  # fmt: skip
    with cloud.environment():
        assert main(argv) == 0
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(f"aws-{a}.json" for a in (cloud.account_id, cloud.second_account_id))
    for name in written:
        snap = load_snapshot(out / name)
        assert snap.resource_count() > 0 and snap.regions == (cloud.regions[0],)


def test_the_command_line_on_a_local_cluster_carries_custom_checks_as_a_bundle(
    tmp_path: Path,
) -> None:
    write_policy(tmp_path, "mine/owner_tag.rego", TAG_CHECK)
    write_policy(tmp_path, "mine/owner.yaml", OWNER_YAML)  # compiled to Rego on the client
    files = []
    for doc in sample_estate():
        path = tmp_path / f"{doc['account']['id']}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        files.append(str(path))
    common = [*files, "--policies", str(tmp_path / "mine"), "--format", "json"]
    assert main(["evaluate", *common, "-o", str(tmp_path / "local.json")]) == 0
    dask = ["--dask", "local", "--dask-workers", "2", "-o", str(tmp_path / "dask.json")]
    assert main(["evaluate", *common, *dask]) == 0
    local, distributed = result_key(tmp_path / "local.json"), result_key(tmp_path / "dask.json")
    assert distributed == local
    assert any(uid for uid, status, _, _ in local if status == "FAIL")
    policies = {
        f["policy_id"] for f in json.loads((tmp_path / "dask.json").read_text())["findings"]
    }
    # The custom checks ran on the workers, which have none of the client's files.
    assert {"ACME-S3-001", "CUSTOM-S3-OWNER-TAG"} <= policies


def test_a_worker_with_other_policies_refuses_to_evaluate(cluster: str) -> None:
    with LocalOpa() as engine, open_fanout(cluster) as fanout:
        source = policy_source(engine)
        wrong = scale_worker.PolicySource("sha256:" + "0" * 64, allow_network=False)
        remote = DistributedEngine(engine, fanout, wrong)
        snap = snapshot_from_dict(sample_estate()[0])
        with pytest.raises(EngineError, match="differ from the client's"):
            evaluate([snap], remote, workers=1)
        assert source.digest != wrong.digest


def test_dask_workers_without_a_local_cluster_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(sample_estate()[0]), encoding="utf-8")
    assert main(["evaluate", str(path), "--dask-workers", "2"]) == 2
    assert "--dask local" in capsys.readouterr().err


def test_threads_are_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CSPM_OPA_DASK", raising=False)
    with open_fanout(threads=3) as fanout:
        assert isinstance(fanout, Fanout) and not fanout.distributed
        assert fanout.executor.submit(sum, [1, 2]).result() == 3
