"""References between AWS documents that the checks follow, and the ones that lead out of
what was collected.

The checks join documents themselves (a trail to its bucket, a trail to the metric
filters on its log group, an alarm to its SNS topics). A reference to something this
snapshot does not hold (a bucket of a log-archive account, a log group or topic in a
region or account that was not scanned) is not evidence either way: the referring
document names that field in its ``unknown``, so the checks that follow it are UNKNOWN
instead of passing or failing on what was never read. A referenced thing that lives in
a scanned region of this account and is absent from a listing that succeeded does not
exist, and the checks may judge that (a listing that failed is already a coverage entry).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cspm_opa.normalize.aws.common import Document

__all__ = ["mark_unreachable", "unread_policies"]


def mark_unreachable(docs: Iterable[Document], account_id: str, regions: Iterable[str]) -> None:
    """Name, in each document's ``unknown``, the references that lead outside the
    snapshot: the account ``account_id`` in ``regions``."""
    docs = list(docs)
    scanned = set(regions)
    by_type: dict[str, list[Document]] = {}
    for doc in docs:
        by_type.setdefault(doc["type"], []).append(doc)
    buckets = {doc["name"] for doc in by_type.get("aws_s3_bucket", ())}
    for trail in by_type.get("aws_cloudtrail_trail", ()):
        config = trail["config"]
        if config["s3_bucket_name"] not in buckets:
            _mark(trail, "s3_bucket_name")
        group = config["cloud_watch_logs_log_group_arn"]
        if group and not _in_scope(group, account_id, scanned):
            _mark(trail, "cloud_watch_logs_log_group_arn")
    published = _published_metrics(by_type.get("aws_cloudwatch_log_metric_filter", ()))
    for alarm in by_type.get("aws_cloudwatch_metric_alarm", ()):
        config = alarm["config"]
        watched = {(m["metric_name"], m["namespace"]) for m in config["metrics"]}
        if not watched & published.get(alarm["region"], set()):
            continue  # not on a filter's metric: no check follows its actions
        topics = [a for a in config["alarm_actions"] if _service(a) == "sns"]
        if any(not _in_scope(t, account_id, scanned) for t in topics):
            _mark(alarm, "alarm_actions")


_ATTACHED = ("aws_iam_user", "aws_iam_group", "aws_iam_role")


def unread_policies(docs: Iterable[Document], coverage: Iterable[Mapping[str, Any]]) -> list[Any]:
    """Coverage entries for managed policies that users, groups or roles have attached
    but that no ``aws_iam_policy`` document holds: their permissions were never read,
    so the checks on policies must not pass for want of them. None when the policy
    listing already failed (its coverage entry says so)."""
    if any("aws_iam_policy" in entry["resource_types"] for entry in coverage):
        return []
    docs = list(docs)
    read = {doc["id"] for doc in docs if doc["type"] == "aws_iam_policy"}
    users: dict[str, list[str]] = {}
    for doc in docs:
        if doc["type"] in _ATTACHED:
            for arn in doc["config"]["attached_policy_arns"]:
                if arn not in read:
                    users.setdefault(arn, []).append(doc["name"])
    return [
        {
            "service": "iam",
            "region": "global",
            "status": "error",
            "detail": (
                f"managed policy {arn}, attached to {', '.join(sorted(names))}, was not read"
            )[:500],
            "resource_types": ["aws_iam_policy"],
        }
        for arn, names in sorted(users.items())
    ]


def _mark(doc: Document, field: str) -> None:
    doc["unknown"] = sorted({*doc.get("unknown", ()), field})


def _arn(arn: str) -> list[str]:
    parts = arn.split(":", 5)
    return parts if len(parts) == 6 and parts[0] == "arn" else []


def _service(arn: str) -> str:
    parts = _arn(arn)
    return parts[2] if parts else ""


def _in_scope(arn: str, account_id: str, regions: set[str]) -> bool:
    """Whether the resource ``arn`` names lives in this account and a scanned region
    (an ARN that cannot be read counts as out of scope)."""
    parts = _arn(arn)
    return bool(parts) and parts[4] == account_id and parts[3] in regions


def _published_metrics(filters: Iterable[Mapping[str, Any]]) -> dict[str, set[tuple[str, str]]]:
    """Region -> the (metric name, namespace) pairs that metric filters publish there."""
    out: dict[str, set[tuple[str, str]]] = {}
    for f in filters:
        for t in f["config"]["metric_transformations"]:
            out.setdefault(f["region"], set()).add((t["metric_name"], t["metric_namespace"]))
    return out
