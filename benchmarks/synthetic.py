"""A synthetic snapshot of N resources spread over the AWS pack's resource types.

Deterministic for a given N: every fourth resource of a type carries a misconfiguration,
so the checks produce a realistic mix of PASS and FAIL.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
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
    return b.snapshot(ACCOUNT, _resources(n, only), name="synthetic", regions=list(REGIONS))


def _resources(n: int, only: str | None = None) -> Iterator[dict[str, Any]]:
    kinds = [kind for kind in _KINDS if only is None or kind[1](0, REGIONS[0])["type"] == only]
    if not kinds:
        raise ValueError(f"no synthetic builder for {only!r}")
    cycle = list(itertools.chain.from_iterable([kind] * weight for weight, *kind in kinds))
    baseline = b.account_baseline(ACCOUNT, REGIONS)
    yield from baseline
    for i in range(n - len(baseline)):
        build, bad = cycle[i % len(cycle)]
        doc = build(i, REGIONS[i % len(REGIONS)])
        if i % 4 == 0 and bad:
            doc = b.deep_merge(doc, bad)
        yield doc


def write_synthetic(n: int, path: Path, *, only: str | None = None) -> Path:
    """:func:`synthetic_snapshot` ``(n)`` written to ``path`` in the line layout that
    ``write_snapshot`` uses, a resource at a time (memory does not grow with ``n``)."""
    from cspm_opa import _json
    from cspm_opa.snapshot_lines import header_lines, write_lines

    envelope = b.snapshot(ACCOUNT, [], name="synthetic", regions=list(REGIONS))
    del envelope["resources"]
    with tempfile.TemporaryDirectory(prefix="cspm-synthetic-") as tmp:
        files: dict[str, Any] = {}
        try:
            for doc in _resources(n, only):
                out = files.get(doc["type"])
                if out is None:
                    out = files[doc["type"]] = Path(tmp, doc["type"]).open("wb")  # noqa: SIM115
                out.write(_json.dumps(doc["id"], indent=False) + b":"
                          + _json.dumps(doc, indent=False, sort_keys=True) + b"\n")  # fmt: skip
        finally:
            for out in files.values():
                out.close()
        types = sorted(files)

        def pieces() -> Iterator[bytes]:
            yield from header_lines(envelope)
            for i, rtype in enumerate(types):
                yield _json.dumps(rtype, indent=False) + b":{\n"
                with Path(tmp, rtype).open("rb") as lines:
                    pending = None
                    for line in lines:
                        if pending is not None:
                            yield pending[:-1] + b",\n"
                        pending = line
                    if pending is not None:
                        yield pending
                yield b"}\n" if i == len(types) - 1 else b"},\n"
            yield b"}}\n"

        return write_lines(pieces(), path)
