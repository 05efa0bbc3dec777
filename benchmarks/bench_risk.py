"""Risk layer benchmark: the security graph and attack paths of a synthetic estate, against
evaluation alone, measured in one run.

    python -m benchmarks.bench_risk [--resources 100000] [--accounts 50]

Each account is a small real network (a public and a private subnet, an internet gateway,
route tables, a network ACL) with instances, security groups, roles, buckets, databases
and volumes; every tenth instance is exposed with SSH open and IMDSv1 and holds an
administrator role, every twentieth bucket is public and holds PII, every tenth database
is publicly accessible. Prints the time and peak Python memory of evaluation (the checks,
in OPA) and of risk (graph, path rules in the same OPA, priority), their ratio, and the
path counts. The issue's aim: risk takes no more than evaluation.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from typing import Any

from cspm_opa import LocalOpa, evaluate
from cspm_opa.model import Snapshot
from cspm_opa.risk import assess_risk
from cspm_opa.snapshots import snapshot_from_dict
from cspm_opa.testing import builders as b

WORLD = "0.0.0.0/0"
REGION = "us-east-1"
ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"


def _network(account: str) -> tuple[list[dict[str, Any]], str, str]:
    public = b.subnet("public", account, config={"map_public_ip_on_launch": True})
    private = b.subnet("private-a", account)
    igw = b.internet_gateway("main", account)
    igw_id = igw["config"]["internet_gateway_id"]
    public_id, private_id = public["config"]["subnet_id"], private["config"]["subnet_id"]
    routes = [b.route("10.0.0.0/16", "local", "local"), b.route(WORLD, "gateway", igw_id)]
    docs = [
        public,
        private,
        igw,
        b.route_table("public", account, config={"subnet_ids": [public_id], "routes": routes}),
        b.route_table("private", account),
        b.network_acl("open", account, config={"subnet_ids": [public_id, private_id]}),
        b.network_acl(
            "open-entries",
            account,
            config={"subnet_ids": [], "entries": [b._nacl_entry(100, "allow", "-1", None, None)]},
        ),
    ]
    # the public subnet's ACL admits everything (the default ACL does)
    docs[5]["config"]["entries"] = docs[6]["config"]["entries"]
    return docs, public_id, private_id


def _account(account: str, size: int) -> dict[str, Any]:
    docs, public_id, private_id = _network(account)
    ssh = b.security_group(
        "ssh", account, config={"ingress": [b.sg_rule("tcp", 22, 22, ipv4=[WORLD])]}
    )
    web = b.security_group("web", account)
    baseline = b.account_baseline(account, [REGION])
    for doc in baseline:
        if doc["type"] == "aws_account":  # Block Public Access off, so public grants count
            doc["config"]["s3_public_access_block"] = None
    docs += [ssh, web, *baseline]
    kinds: list[Callable[[int], list[dict[str, Any]]]] = [
        lambda i: _instance(account, i, (public_id, private_id), (ssh, web)),
        lambda i: [b.ebs_volume(f"vol-{i}", account, REGION)],
        lambda i: [b.s3_bucket(f"bucket-{account}-{i}", account, REGION, **_bucket(i))],
        lambda i: [b.db_instance(f"db-{i}", account, REGION, **_db(i, public_id, ssh))],
        lambda i: [b.security_group(f"sg-{i}", account, REGION)],
    ]
    i = 0
    while len(docs) < size:
        docs += kinds[i % len(kinds)](i)
        i += 1
    return b.snapshot(account, docs[:size] if len(docs) > size else docs, regions=[REGION])


def _instance(
    account: str,
    i: int,
    subnets: tuple[str, str],
    groups: tuple[dict[str, Any], dict[str, Any]],
) -> list[dict[str, Any]]:
    (public_id, private_id), (ssh, web) = subnets, groups
    exposed = i % 50 == 0
    name = f"web-{i}"
    config: dict[str, Any] = {
        "subnet_id": public_id if exposed else private_id,
        "security_group_ids": [ssh["config"]["group_id"] if exposed else web["config"]["group_id"]],
    }
    if exposed:
        config["public_ip_address"] = f"54.0.{i // 256 % 256}.{i % 256}"
        config["metadata_options"] = {"http_tokens": "optional"}
    role = b.iam_role(name, account, config={"attached_policy_arns": [ADMIN] if exposed else []})
    return [b.instance(name, account, REGION, config=config), role]


def _bucket(i: int) -> dict[str, Any]:
    if i % 100 != 2:
        return {}
    grant = {"grantee_uri": "http://acs.amazonaws.com/groups/global/AllUsers",
             "grantee_id": None, "permission": "READ"}  # fmt: skip
    return {"tags": {"DataClassification": "PII"},
            "config": {"acl_grants": [grant], "public_access_block": None}}  # fmt: skip


def _db(i: int, public_id: str, ssh: dict[str, Any]) -> dict[str, Any]:
    if i % 50 != 3:
        return {}
    return {"config": {"publicly_accessible": True, "subnet_ids": [public_id],
                       "vpc_security_group_ids": [ssh["config"]["group_id"]]}}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--resources", type=int, default=100_000)
    parser.add_argument("--accounts", type=int, default=50)
    args = parser.parse_args()
    per = args.resources // args.accounts
    docs = [_account(f"{100000000000 + n:012d}", per) for n in range(args.accounts)]
    snaps: list[Snapshot] = [snapshot_from_dict(d) for d in docs]
    total = sum(s.resource_count() for s in snaps)
    with LocalOpa() as engine:
        tracemalloc.start()
        started = time.perf_counter()
        findings = evaluate(snaps, engine)
        evaluation = time.perf_counter() - started
        _, eval_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        started = time.perf_counter()
        risk = assess_risk(snaps, findings, engine)
        risk_time = time.perf_counter() - started
        _, risk_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    counts = Counter(p["rule"] for p in risk.paths)
    nodes, edges = len(risk.graph["nodes"]), sum(len(v) for v in risk.graph["edges"].values())
    print(f"estate: {total:,} resources in {len(snaps)} accounts; graph {nodes:,} nodes, "
          f"{edges:,} edges")  # fmt: skip
    print(f"evaluation: {evaluation:.2f} s, {len(findings):,} results, "
          f"peak {eval_peak / 2**20:.0f} MiB in Python")  # fmt: skip
    print(f"risk (graph + paths + priority): {risk_time:.2f} s, peak "
          f"{risk_peak / 2**20:.0f} MiB in Python")  # fmt: skip
    print(f"risk / evaluation: {risk_time / evaluation:.2f}x time, "
          f"{risk_peak / max(eval_peak, 1):.2f}x memory")  # fmt: skip
    by_rule = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"paths: {len(risk.paths):,} ({by_rule}); {len(risk.priorities):,} findings prioritised")


if __name__ == "__main__":
    main()
