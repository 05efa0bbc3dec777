"""Benchmark of event-driven re-evaluation against moto, by hand (not part of the tests).

    .venv/bin/python benchmarks/bench_event.py [--repeat 5] [--extra-buckets 50]

On the seeded local AWS (its own process; the two-account estate of the demo, plus
``--extra-buckets`` buckets so that a full scan has a realistic S3 share), one bucket is
made public and a CloudTrail PutBucketAcl event for it is re-evaluated: event to finding
(parse, re-collect the bucket and what its checks read, evaluate its checks, build the
result) against a full scan of the same account (collect, evaluate every check, build
the result). Both use one OPA server that is already running, as a warm Lambda or a
long-lived listener does; starting OPA (``cspm-opa event`` from cold) is timed apart.
Aims: under 2 s for one bucket, and under a tenth of the full scan.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import boto3

from cspm_opa import LocalOpa, evaluate, snapshot_from_dict
from cspm_opa.collect import CollectRequest, collect
from cspm_opa.events import parse_event, reevaluate
from cspm_opa.localclouds.aws_process import isolated_aws_cloud
from cspm_opa.result import assess
from tests.events.aws_events import bucket_event

REGION = "us-east-1"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--extra-buckets", type=int, default=50)
    args = parser.parse_args()

    started = time.monotonic()
    engine = LocalOpa()
    engine_start = time.monotonic() - started
    with isolated_aws_cloud(seed=True) as cloud, engine, cloud.environment():
        s3 = boto3.client("s3", region_name=REGION)
        for i in range(args.extra_buckets):
            s3.create_bucket(Bucket=f"bench-extra-{i}")
        s3.create_bucket(Bucket="bench-target")
        s3.put_bucket_acl(Bucket="bench-target", ACL="public-read")
        request = CollectRequest(provider="aws", regions=(REGION,))
        event = bucket_event("PutBucketAcl", "bench-target", account=cloud.account_id)

        def full_scan() -> tuple[float, int]:
            t = time.monotonic()
            snaps = [snapshot_from_dict(d) for d in collect(request)]
            findings = evaluate(snaps, engine)
            assess(snaps, findings, engine.catalog)
            return time.monotonic() - t, sum(s.resource_count() for s in snaps)

        def one_event() -> tuple[float, str]:
            t = time.monotonic()
            outcome = reevaluate(parse_event("aws", event), request, engine)
            elapsed = time.monotonic() - t
            assert outcome.result is not None
            [verdict] = [
                f["status"] for f in outcome.result["findings"] if f["policy_id"] == "AWS-S3-005"
            ]
            return elapsed, verdict

        full_scan(), one_event()  # warm the connection pools and the service models
        scans = [full_scan() for _ in range(args.repeat)]
        events = [one_event() for _ in range(args.repeat)]
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "event.json"
            path.write_text(json.dumps(event), encoding="utf-8")
            argv = [sys.executable, "-m", "cspm_opa", "event", str(path), "--provider", "aws",
                    "--regions", REGION, "--format", "json", "-o", os.devnull]  # fmt: skip
            t = time.monotonic()
            subprocess.run(argv, check=True, env=dict(os.environ))
            cold = time.monotonic() - t

    scan_s = statistics.median(t for t, _ in scans)
    event_s = statistics.median(t for t, _ in events)
    print(f"account: {scans[0][1]} resources in {REGION} (seeded estate + "
          f"{args.extra_buckets} extra buckets); median of {args.repeat}")  # fmt: skip
    print(f"full scan (collect + evaluate + result): {scan_s:.3f} s")
    low, high = min(t for t, _ in events), max(t for t, _ in events)
    print(f"event to finding (one bucket, AWS-S3-005 {events[0][1]}): {event_s:.3f} s "
          f"(min {low:.3f} s, max {high:.3f} s)")  # fmt: skip
    print(f"ratio event / full scan: {event_s / scan_s:.3f} (aim < 0.1); "
          f"under 2 s: {'yes' if event_s < 2 else 'no'}")  # fmt: skip
    print(f"starting the OPA server (a cold start pays this once): {engine_start:.2f} s")
    print(f"cold `cspm-opa event` command (Python start, OPA start, event): {cold:.2f} s")


if __name__ == "__main__":
    main()
