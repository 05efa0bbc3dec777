"""Which checks may be split by id range, decided from their Rego."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspm_opa._paths import rego_dir
from cspm_opa.engine.catalog import load_catalog

HEADER = """# METADATA
# title: Test check
# description: A check written for the splitting tests.
# custom:
#   id: TEST-SPLIT-{n:03d}
#   severity: LOW
#   resource_type: aws_s3_bucket
#   remediation: Nothing to remediate, this is a test check.
#   compliance: {{}}
package cspm.checks.aws.s3.split_{n}

"""

BODIES = {
    "per resource": (
        True,
        """
applies contains id if {
	some id, b in input.resources.aws_s3_bucket
	b.config.versioning == true
}

deny contains {"resource": id, "message": "x"} if {
	some id in applies
	not input.resources.aws_s3_bucket[id].config.logging
}
""",
    ),
    "reads another type whole": (
        True,
        """
deny contains {"resource": id, "message": "x"} if {
	some id, b in input.resources.aws_s3_bucket
	some trail in input.resources.aws_cloudtrail_trail
	trail.config.s3_bucket_name == b.name
}
""",
    ),
    "compares siblings": (
        False,
        """
deny contains {"resource": id, "message": "same name"} if {
	some id, b in input.resources.aws_s3_bucket
	some other, c in input.resources.aws_s3_bucket
	id != other
	b.name == c.name
}
""",
    ),
    "counts its type": (
        False,
        """
deny contains {"resource": id, "message": "too many"} if {
	some id, _ in input.resources.aws_s3_bucket
	count(input.resources.aws_s3_bucket) > 100
}
""",
    ),
    "helper set of its type": (
        False,
        """
names contains b.name if some b in input.resources.aws_s3_bucket

deny contains {"resource": id, "message": "x"} if {
	some id, b in input.resources.aws_s3_bucket
	b.config.replica in names
}
""",
    ),
    "comprehension over its type": (
        False,
        """
deny contains {"resource": id, "message": "x"} if {
	some id, b in input.resources.aws_s3_bucket
	same := [o | some o in input.resources.aws_s3_bucket; o.region == b.region]
	count(same) > 1
}
""",
    ),
    "negated lookup of an unbound id": (
        False,
        """
deny contains {"resource": b.config.replica, "message": "replica missing"} if {
	some b in input.resources.aws_cloudtrail_trail
	not input.resources.aws_s3_bucket[b.config.replica]
}
""",
    ),
    "types by variable": (
        False,
        """
deny contains {"resource": id, "message": "x"} if {
	some t, rs in input.resources
	some id, _ in rs
	t == "aws_s3_bucket"
}
""",
    ),
    "counts applies": (
        False,
        """
applies contains id if some id, _ in input.resources.aws_s3_bucket

deny contains {"resource": id, "message": "x"} if {
	some id in applies
	count(applies) > 3
}
""",
    ),
}


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bool]:
    root = tmp_path_factory.mktemp("split-checks")
    names = {}
    for n, (name, (_, body)) in enumerate(BODIES.items()):
        Path(root, f"split_{n}.rego").write_text(HEADER.format(n=n) + body.lstrip())
        names[f"TEST-SPLIT-{n:03d}"] = name
    catalog = load_catalog([root])
    return {names[p.id]: p.id_splittable for p in catalog.policies}


@pytest.mark.parametrize("name", sorted(BODIES))
def test_splittable_follows_the_rego(verdicts: dict[str, bool], name: str) -> None:
    assert verdicts[name] is BODIES[name][0]


READER = """# METADATA
# title: Reader check
# description: A trail check that reads buckets, for the splitting tests.
# custom:
#   id: TEST-READ-{n:03d}
#   severity: LOW
#   resource_type: aws_cloudtrail_trail
#   remediation: Nothing to remediate, this is a test check.
#   compliance: {{}}
package cspm.checks.aws.cloudtrail.read_{n}

"""

READERS = {
    "looks its bucket up in a helper set": (
        True,
        """
deny contains {"resource": id, "message": "x"} if {
	some id, trail in input.resources.aws_cloudtrail_trail
	trail.config.s3_bucket_name in unlogged
}

unlogged contains b.name if {
	some b in input.resources.aws_s3_bucket
	is_null(b.config.logging)
}
""",
    ),
    "asks that no bucket exists": (
        False,
        """
deny contains {"resource": id, "message": "x"} if {
	some id, trail in input.resources.aws_cloudtrail_trail
	not bucket_exists(trail.config.s3_bucket_name)
}

bucket_exists(name) if {
	some b in input.resources.aws_s3_bucket
	b.name == name
}
""",
    ),
    "counts buckets": (
        False,
        """
deny contains {"resource": id, "message": "x"} if {
	some id, _ in input.resources.aws_cloudtrail_trail
	count(input.resources.aws_s3_bucket) == 0
}
""",
    ),
}


def test_a_check_of_another_type_may_let_a_type_be_cut(tmp_path: Path) -> None:
    names = {}
    for n, (name, (_, body)) in enumerate(READERS.items()):
        Path(tmp_path, f"read_{n}.rego").write_text(READER.format(n=n) + body.lstrip())
        names[f"TEST-READ-{n:03d}"] = name
    for policy in load_catalog([tmp_path]).policies:
        expected = READERS[names[policy.id]][0]
        assert ("aws_s3_bucket" in policy.splits_over) is expected, names[policy.id]
        assert "aws_s3_bucket" in policy.depends_on


def test_the_pack_keeps_sibling_reading_checks_whole() -> None:
    catalog = load_catalog([rego_dir()])
    whole = {p.id for p in catalog.policies if not p.id_splittable}
    # Both pass the id to a helper function that reads the type again: the rule does
    # not follow calls, so they stay whole (conservative, not wrong).
    assert {"AWS-IAM-013", "AWS-VPC-002"} <= whole
    assert catalog.get("AWS-EC2-002").id_splittable  # applies + lookup by the same id
    assert sum(p.id_splittable for p in catalog.policies) > len(catalog.policies) // 2
