"""Drift between two builder snapshots: what changed (with RFC 6901 pointers), what was
added or removed, what is ignored, and what could not be compared."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from cspm_opa import snapshot_from_dict
from cspm_opa.drift import (
    Change,
    Drift,
    ResourceKey,
    compare,
    diff_documents,
    escape,
    failures,
    parse_rule,
    render_table,
)
from cspm_opa.errors import ConfigError, InputError
from cspm_opa.model import Snapshot
from cspm_opa.schemas import default_store
from cspm_opa.testing import builders as b

ACCOUNT = b.DEFAULT_ACCOUNT
BUCKET = b.s3_bucket("logs")
VOLUME = b.ebs_volume("data")
USER = b.iam_user("alice")
WEB = b.instance("web-1")
NEW = b.instance("batch-1")
PUBLIC_READ = {
    "Sid": "PublicRead",
    "Effect": "Allow",
    "Principal": "*",
    "Action": ["s3:GetObject"],
    "Resource": [f"{BUCKET['id']}/*"],
}


def snap(resources: list[dict[str, Any]], **kwargs: Any) -> Snapshot:
    return snapshot_from_dict(b.snapshot(ACCOUNT, resources, **kwargs), source="mem.json")


def key(doc: dict[str, Any]) -> ResourceKey:
    return ResourceKey("aws", ACCOUNT, doc["type"], doc["id"])


@pytest.fixture(scope="module")
def drift() -> Drift:
    before = snap([BUCKET, VOLUME, USER, WEB])
    policy = copy.deepcopy(BUCKET["config"]["policy"])
    policy["Statement"].append(PUBLIC_READ)
    broken = b.s3_bucket("logs", config={"policy": policy, "policy_is_public": True})
    used = copy.deepcopy(USER)
    used["config"]["password_last_used"] = "2026-11-30T08:00:00Z"
    used["config"]["access_keys"][0]["last_used_date"] = "2026-11-30T08:05:00Z"
    stopped = b.instance("web-1", config={"state": "stopped"})
    after = snap([broken, used, stopped, NEW], taken_at="2026-11-30T10:00:00Z")
    return compare(before, after)


def test_changed_bucket_names_its_policy_pointers(drift: Drift) -> None:
    assert [c.key for c in drift.changed] == [key(BUCKET)]
    assert drift.changed[0].paths == ("/config/policy/Statement", "/config/policy_is_public")


def test_removed_volume_and_added_instance(drift: Drift) -> None:
    assert drift.removed == (key(VOLUME),)
    assert drift.added == (key(NEW),)
    assert drift.unknown == ()


def test_taken_at_last_used_dates_and_power_state_are_not_changes(drift: Drift) -> None:
    changed = {c.key.type for c in drift.changed}
    assert "aws_iam_user" not in changed and "aws_instance" not in changed


def test_identical_snapshots_at_different_times_have_no_drift() -> None:
    before = snap([BUCKET, VOLUME])
    after = snap([BUCKET, VOLUME], taken_at="2027-01-01T00:00:00Z")
    result = compare(before, after)
    assert not result
    assert result.to_dict() == {"changed": [], "added": [], "removed": [], "unknown": []}


def test_without_default_ignores_last_used_dates_are_changes() -> None:
    used = copy.deepcopy(USER)
    used["config"]["access_keys"][0]["last_used_date"] = "2026-11-30T08:05:00Z"
    result = compare(snap([USER]), snap([used]), default_ignores=False)
    assert result.changed == (Change(key(USER), ("/config/access_keys/0/last_used_date",)),)


def test_json_matches_the_schema_and_the_documented_shape(drift: Drift) -> None:
    doc = drift.to_dict()
    assert list(default_store().issues("drift.json", doc)) == []
    assert doc["changed"][0] == {
        "provider": "aws",
        "account": ACCOUNT,
        "type": "aws_s3_bucket",
        "id": BUCKET["id"],
        "paths": ["/config/policy/Statement", "/config/policy_is_public"],
    }
    assert doc["removed"] == [{"provider": "aws", "account": ACCOUNT,
                               "type": "aws_ebs_volume", "id": VOLUME["id"]}]  # fmt: skip


def test_schema_rejects_a_pointer_with_a_bad_escape() -> None:
    change = {"provider": "aws", "account": "1", "type": "aws_s3_bucket", "id": "x",
              "paths": ["/tags/a~2b"]}  # fmt: skip
    doc = {"changed": [change], "added": [], "removed": [], "unknown": []}
    issues = list(default_store().issues("drift.json", doc))
    assert [i.path for i in issues] == ["changed[0].paths[0]"]


# --- pointers and granularity ----------------------------------------------------------


def test_pointer_tokens_escape_tilde_and_slash() -> None:
    assert escape("a/b~c") == "a~1b~0c"
    before = {"tags": {"team/owner": "x", "~home": "1"}}
    after = {"tags": {"team/owner": "y", "~home": "2"}}
    assert list(diff_documents(before, after)) == ["/tags/team~1owner", "/tags/~0home"]


def test_lists_same_length_per_index_else_whole() -> None:
    before = {"l": [{"a": 1}, {"a": 2}], "m": [1, 2]}
    after = {"l": [{"a": 1}, {"a": 3}], "m": [1, 2, 3]}
    assert list(diff_documents(before, after)) == ["/l/1/a", "/m"]


def test_type_change_added_and_removed_keys_and_bool_vs_int() -> None:
    before = {"pab": {"block": True}, "gone": 1, "flag": True}
    after = {"pab": None, "new": 1, "flag": 1}
    assert sorted(diff_documents(before, after)) == ["/flag", "/gone", "/new", "/pab"]


def test_paths_sort_list_indexes_numerically() -> None:
    groups = [f"sg-{i:02d}" for i in range(12)]
    moved = [*groups[:2], "sg-99", *groups[3:10], "sg-98", groups[11]]
    before = b.instance("web-1", config={"security_group_ids": groups})
    after = b.instance("web-1", config={"security_group_ids": moved})
    result = compare(snap([before]), snap([after]))
    assert result.changed[0].paths == (
        "/config/security_group_ids/2",
        "/config/security_group_ids/10",
    )


# --- ignore and fail-on rules ----------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "rtype", "path", "hit"),
    [
        ("/config/policy", "aws_s3_bucket", "/config/policy/Statement/0/Effect", True),
        ("/config/policy", "aws_s3_bucket", "/config/policy_is_public", False),
        ("aws_s3_bucket:/config/policy", "aws_iam_role", "/config/policy", False),
        ("aws_*:/config/policy", "aws_s3_bucket", "/config/policy", True),
        ("*last_used*", "aws_iam_user", "/config/access_keys/3/last_used_date", True),
        ("/config/*/x", "t_x", "/config/a/b/x", False),
        ("/config/**/x", "t_x", "/config/a/b/x", True),
        ("/config/acl/**", "t_x", "/config/acl", True),
        ("/tags/a~1b", "t_x", "/tags/a~1b", True),
        ("/tags/aws:cloudformation:*", "t_x", "/tags/aws:cloudformation:stack", True),
    ],
)
def test_rule_matching(spec: str, rtype: str, path: str, hit: bool) -> None:
    assert parse_rule(spec).matches(rtype, path) is hit


def test_user_ignore_drops_a_path_and_keeps_the_others() -> None:
    before = snap([BUCKET])
    after = snap([b.s3_bucket("logs", config={"policy_is_public": True}, tags={"t": "1"})])
    result = compare(before, after, ignore=[parse_rule("aws_s3_bucket:/tags")])
    assert result.changed[0].paths == ("/config/policy_is_public",)


def test_unknown_type_in_a_rule_is_refused_with_the_nearest() -> None:
    types = default_store().resource_types()
    with pytest.raises(ConfigError, match=r"--fail-on-drift 'aws_s3_buckets'.*aws_s3_bucket\?"):
        parse_rule("aws_s3_buckets", option="--fail-on-drift", type_required=True,
                   known_types=types)  # fmt: skip
    with pytest.raises(ConfigError, match="empty segment"):
        parse_rule("/config//x")
    with pytest.raises(ConfigError, match="expected TYPE"):
        parse_rule("/config/policy", option="--fail-on-drift", type_required=True)


def test_failures_name_what_matched(drift: Drift) -> None:
    assert failures(drift, [parse_rule("aws_iam_user", type_required=True)]) == []
    assert failures(drift, [parse_rule("aws_ebs_volume", type_required=True)]) == [
        f"removed aws_ebs_volume {VOLUME['id']} (aws_ebs_volume)"
    ]
    rule = parse_rule("aws_s3_bucket:/config/policy", type_required=True)
    assert failures(drift, [rule]) == [
        f"changed aws_s3_bucket {BUCKET['id']} /config/policy/Statement "
        "(aws_s3_bucket:/config/policy)"
    ]
    # A pointer rule is about changes: an added instance has no paths to match.
    assert failures(drift, [parse_rule("aws_instance:/config", type_required=True)]) == []


# --- what cannot be compared -----------------------------------------------------------


def test_resource_missing_where_its_listing_failed_is_unknown_not_removed() -> None:
    gap = {"service": "ec2", "region": "us-east-1", "status": "denied",
           "resource_types": ["aws_ebs_volume"]}  # fmt: skip
    result = compare(snap([BUCKET, VOLUME]), snap([BUCKET], coverage=[gap]))
    assert result.removed == ()
    assert result.unknown == (Change(key(VOLUME), ("",)),)
    assert not result


def test_resource_in_a_region_only_one_side_scanned_is_unknown() -> None:
    west = b.ebs_volume("w", region="eu-west-1")
    result = compare(snap([BUCKET, west]), snap([BUCKET], regions=["us-east-1"]))
    assert result.removed == () and result.unknown == (Change(key(west), ("",)),)


def test_field_unknown_on_either_side_is_not_a_change() -> None:
    blind = b.s3_bucket("logs", config={"policy": None}, unknown=["policy"])
    for before, after in ((BUCKET, blind), (blind, BUCKET)):
        result = compare(snap([before]), snap([after]))
        assert result.changed == ()
        assert result.unknown == (Change(key(BUCKET), ("/config/policy",)),)


def test_different_accounts_are_refused_naming_both_files() -> None:
    other = snapshot_from_dict(b.snapshot("444455556666", [BUCKET]), source="b.json")
    with pytest.raises(InputError, match=r"b\.json: aws account 444455556666, but mem\.json"):
        compare(snap([BUCKET]), other)


def test_table_lists_each_resource_and_the_counts(drift: Drift) -> None:
    text = render_table(drift)
    lines = text.splitlines()
    assert lines[0].split() == ["DRIFT", "ACCOUNT", "TYPE", "ID", "PATHS"]
    assert lines[1].startswith("CHANGED") and "/config/policy/Statement" in lines[1]
    assert lines[2].startswith("ADDED") and NEW["id"] in lines[2]
    assert lines[3].startswith("REMOVED") and VOLUME["id"] in lines[3]
    assert lines[-1] == "1 changed, 1 added, 1 removed, 0 not comparable"
    assert render_table(Drift()).startswith("no drift")
