"""Benchmark of the AWS collector against a moto server, by hand (not part of the tests).

    .venv/bin/python benchmarks/bench_collect_aws.py [--sizes 1000 10000] [--workers 16]
        [--latency-ms 30] [--prowler /tmp/prowler-venv/bin/prowler]

For each size it seeds one account of a fresh moto server (its own process, so the
server's CPU does not compete with the collector's threads) with that many resources of a
realistic mix, then measures a collection of it with one worker thread and with the pool:
wall time, API calls, calls per second, and the ratio. moto answers in a few
milliseconds, far faster than AWS, so each run is repeated with ``--latency-ms`` of
simulated network round trip per HTTP attempt, which is where a thread pool earns its
keep. Last, the whole ``cspm-opa scan`` (collection, OPA evaluation, report) runs as a
subprocess for wall time and peak memory, and, when ``--prowler`` names a Prowler
executable (installed in a separate venv), Prowler's CIS 5.0 scan of the same estate.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from cspm_opa.collect import CollectRequest
from cspm_opa.collect.aws import collect_account
from cspm_opa.collect.aws.api import Api
from cspm_opa.collect.aws.session import targets_for

REGION = "us-east-1"
CLI = str(Path(sys.executable).with_name("cspm-opa"))
MOTO = str(Path(sys.executable).with_name("moto_server"))


@contextmanager
def moto_server() -> Iterator[dict[str, str]]:
    """A moto server in its own process; yields the environment that reaches it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "MOTO_EC2_LOAD_DEFAULT_AMIS": "false"}
    proc = subprocess.Popen(
        [MOTO, "-H", "127.0.0.1", "-p", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield {
            "AWS_ENDPOINT_URL": url,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": REGION,
            "HTTP_PROXY": url,
            "NO_PROXY": "127.0.0.1/32,localhost",
            "AWS_MAX_ATTEMPTS": "1",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
            "AWS_CONFIG_FILE": "/nonexistent",
        }
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _client(env: dict[str, str], service: str) -> Any:
    url = env["AWS_ENDPOINT_URL"]
    return boto3.client(
        service,
        region_name=REGION,
        endpoint_url=url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        # moto's server can fail a create under concurrent load; a retry succeeds.
        config=Config(proxies={"http": url}, retries={"max_attempts": 5}, max_pool_connections=32),
    )


def seed(env: dict[str, str], size: int) -> None:
    """About ``size`` resources: security groups, volumes and snapshots, instances,
    buckets, IAM users, KMS keys, alarms and SNS topics."""
    ec2, s3, iam, kms, cw, sns = (
        _client(env, s) for s in ("ec2", "s3", "iam", "kms", "cloudwatch", "sns")
    )
    volume = ec2.create_volume(AvailabilityZone=f"{REGION}a", Size=1)["VolumeId"]
    jobs: list[Callable[[], object]] = []
    share = {"sg": 0.25, "vol": 0.2, "snap": 0.1, "bucket": 0.1, "user": 0.1, "key": 0.05,
             "alarm": 0.05, "topic": 0.05, "inst": 0.1}  # fmt: skip
    count = {kind: max(1, int(size * f)) for kind, f in share.items()}
    for i in range(count["sg"]):
        jobs.append(lambda i=i: ec2.create_security_group(GroupName=f"sg-{i}", Description="b"))
    for _ in range(count["vol"]):
        jobs.append(lambda: ec2.create_volume(AvailabilityZone=f"{REGION}a", Size=1))
    for _ in range(count["snap"]):
        jobs.append(lambda: ec2.create_snapshot(VolumeId=volume))
    for i in range(count["bucket"]):
        jobs.append(lambda i=i: s3.create_bucket(Bucket=f"bench-bucket-{i:06d}"))
    for i in range(count["user"]):
        jobs.append(lambda i=i: iam.create_user(UserName=f"user-{i}"))
    for _ in range(count["key"]):
        jobs.append(kms.create_key)
    for i in range(count["alarm"]):
        jobs.append(
            lambda i=i: cw.put_metric_alarm(
                AlarmName=f"alarm-{i}", MetricName="m", Namespace="n", Statistic="Sum",
                Period=60, EvaluationPeriods=1, Threshold=1.0,
                ComparisonOperator="GreaterThanThreshold",
            )
        )  # fmt: skip
    for i in range(count["topic"]):
        jobs.append(lambda i=i: sns.create_topic(Name=f"topic-{i}"))
    for _ in range(max(1, count["inst"] // 10)):
        jobs.append(lambda: ec2.run_instances(ImageId="ami-12345678", MinCount=10, MaxCount=10))
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(_tolerant, jobs))


def _tolerant(job: Callable[[], object]) -> None:
    """Run a create; a duplicate (a retried create that had succeeded) is fine."""
    try:
        job()
    except ClientError as exc:
        if "Duplicate" not in str(exc) and "AlreadyExists" not in str(exc):
            raise


@contextmanager
def environment(env: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextmanager
def latency(ms: float) -> Iterator[None]:
    """Every HTTP attempt of the collector's clients waits ``ms`` first, like a round trip."""
    original = Api._session_client

    def slow(self: Api, service: str, region: str) -> Any:
        client = original(self, service, region)
        client.meta.events.register("before-send", lambda **_: time.sleep(ms / 1000))
        return client

    Api._session_client = slow  # type: ignore[method-assign]
    try:
        yield
    finally:
        Api._session_client = original  # type: ignore[method-assign]


def collect_once(env: dict[str, str], workers: int) -> tuple[float, int, int]:
    """(seconds, API calls, resources) of one collection."""
    request = CollectRequest(provider="aws", regions=(REGION,), workers=workers)
    with environment(env):
        (target,) = targets_for(request)
        started = time.perf_counter()
        doc, stats = collect_account(target, request)
        seconds = time.perf_counter() - started
    return seconds, stats.calls, sum(len(v) for v in doc["resources"].values())


def timed_process(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MiB, exit code) of a subprocess."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def row(label: str, seconds: float, calls: int, resources: int) -> str:
    rate = calls / seconds
    return f"  {label:<22} {seconds:7.2f}s {calls:7d} calls {rate:7.1f}/s {resources:6d} resources"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--latency-ms", type=float, default=30.0)
    parser.add_argument("--prowler", help="a Prowler executable, from its own venv")
    args = parser.parse_args()
    report: dict[str, Any] = {}
    for size in args.sizes:
        with moto_server() as env:
            started = time.perf_counter()
            seed(env, size)
            print(f"{size} resources seeded in {time.perf_counter() - started:.1f}s")
            results = {}
            for delay in (0.0, args.latency_ms):
                with latency(delay):
                    one = collect_once(env, 1)
                    pool = collect_once(env, args.workers)
                tag = f"+{delay:.0f}ms" if delay else "moto"
                print(row(f"{tag}, 1 worker", *one))
                print(row(f"{tag}, {args.workers} workers", *pool))
                print(f"  {tag}: pool speed-up {one[0] / pool[0]:.1f}x")
                results[tag] = {"one": one, "pool": pool, "speedup": one[0] / pool[0]}
            with tempfile.TemporaryDirectory() as tmp:
                scan_env = {**os.environ, **env}
                argv = [CLI, "scan", "--provider", "aws", "--regions", REGION,
                        "--workers", str(args.workers), "--format", "json",
                        "-o", f"{tmp}/result.json"]  # fmt: skip
                seconds, rss, code = timed_process(argv, scan_env)
                print(f"  cspm-opa scan: {seconds:.1f}s, peak RSS {rss:.0f} MiB, exit {code}")
                results["cspm-opa scan"] = {"seconds": seconds, "rss_mib": rss, "exit": code}
                if args.prowler:
                    argv = [args.prowler, "aws", "--compliance", "cis_5.0_aws", "-f", REGION,
                            "--no-banner", "-M", "json-ocsf", "-o", f"{tmp}/prowler"]  # fmt: skip
                    seconds, rss, code = timed_process(argv, scan_env)
                    print(f"  prowler: {seconds:.1f}s, peak RSS {rss:.0f} MiB, exit {code}")
                    results["prowler"] = {"seconds": seconds, "rss_mib": rss, "exit": code}
            report[str(size)] = results
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
