"""A synthetic snapshot of N resources spread over the AWS pack's resource types.

Deterministic for a given N: every fourth resource of a type carries a misconfiguration,
so the checks produce a realistic mix of PASS and FAIL.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from cspm_opa.testing import builders as b

ACCOUNT = "123456789012"
REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2")

Builder = Callable[[int, str], dict[str, Any]]

# (builder, misconfiguration override) per resource type, weighted as in real estates:
# more volumes, instances and security groups than trails and keys.
_KINDS: list[tuple[int, Builder, dict[str, Any]]] = [
    (3, lambda i, r: b.ebs_volume(f"vol-{i}", ACCOUNT, r), {"config": {"encrypted": False}}),
    (3, lambda i, r: b.instance(f"web-{i}", ACCOUNT, r),
     {"config": {"metadata_options": {"http_tokens": "optional"}}}),
    (2, lambda i, r: b.security_group(f"sg-{i}", ACCOUNT, r),
     {"config": {"ingress": [b.sg_rule(from_port=22, to_port=22, ipv4=["0.0.0.0/0"])]}}),
    (2, lambda i, r: b.s3_bucket(f"bucket-{i}", ACCOUNT, r), {"config": {"policy": None}}),
    (1, lambda i, r: b.iam_user(f"user-{i}", ACCOUNT), {"config": {"mfa_active": False}}),
    (1, lambda i, r: b.db_instance(f"db-{i}", ACCOUNT, r),
     {"config": {"storage_encrypted": False, "publicly_accessible": True}}),
    (1, lambda i, r: b.vpc(f"vpc-{i}", ACCOUNT, r), {"config": {"flow_logs": []}}),
    (1, lambda i, r: b.network_acl(f"nacl-{i}", ACCOUNT, r), {}),
    (1, lambda i, r: b.kms_key(f"key-{i}", ACCOUNT, r), {"config": {"rotation_enabled": False}}),
    (1, lambda i, r: b.efs_file_system(f"efs-{i}", ACCOUNT, r), {"config": {"encrypted": False}}),
    (1, lambda i, r: b.iam_policy(f"policy-{i}", ACCOUNT), {}),
]  # fmt: skip


DOMINANT = "aws_security_group"
"""The one type of the single-type snapshots: the type that dwarfs the rest in large accounts."""


def synthetic_snapshot(n: int, *, only: str | None = None) -> dict[str, Any]:
    """A schema-valid snapshot document with ``n`` resources (plus account baselines):
    the realistic mix of types, or with ``only``, that one type (e.g. :data:`DOMINANT`)."""
    kinds = [kind for kind in _KINDS if only is None or kind[1](0, REGIONS[0])["type"] == only]
    if not kinds:
        raise ValueError(f"no synthetic builder for {only!r}")
    cycle = list(itertools.chain.from_iterable([kind] * weight for weight, *kind in kinds))
    resources: list[dict[str, Any]] = [*b.account_baseline(ACCOUNT, REGIONS)]
    for i in range(n - len(resources)):
        build, bad = cycle[i % len(cycle)]
        doc = build(i, REGIONS[i % len(REGIONS)])
        if i % 4 == 0 and bad:
            doc = b.deep_merge(doc, bad)
        resources.append(doc)
    return b.snapshot(ACCOUNT, resources, name="synthetic", regions=list(REGIONS))
