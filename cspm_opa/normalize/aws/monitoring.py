"""CIS section 4 monitoring: CloudWatch Logs log groups and metric filters, metric alarms,
and the SNS topics (with their subscriptions) that alarms notify."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.normalize.aws.common import Document, resource
from cspm_opa.normalize.aws.facts import Facts

__all__ = ["MONITORING_TYPES", "monitoring_resources"]

MONITORING_TYPES = (
    "aws_cloudwatch_log_group",
    "aws_cloudwatch_log_metric_filter",
    "aws_cloudwatch_metric_alarm",
    "aws_sns_topic",
)


_ALARM_STATES = {"OK", "ALARM", "INSUFFICIENT_DATA"}


def monitoring_resources(facts: Facts, region: str) -> list[Document]:
    """Metric filter, alarm and SNS topic documents of one region."""
    prefix = f"arn:{facts.partition}:logs:{region}:{facts.account_id}:log-group:"
    docs: list[Document] = []
    for record in facts.of("logs.log_groups", region):
        docs.extend(_log_group(g, prefix, region) for g in record.data.get("logGroups", []))
    for record in facts.of("logs.metric_filters", region):
        docs.extend(_metric_filter(f, prefix, region) for f in record.data.get("metricFilters", []))
    for record in facts.of("cloudwatch.alarms", region):
        docs.extend(_alarm(a, region) for a in record.data.get("MetricAlarms", []))
    subscriptions = facts.one("sns.subscriptions", region)
    known = subscriptions is not None and not subscriptions.failed
    by_topic: dict[str, list[dict[str, Any]]] = {}
    if subscriptions is not None and known:
        for sub in subscriptions.data.get("Subscriptions", []):
            by_topic.setdefault(sub.get("TopicArn", ""), []).append(
                {
                    "protocol": str(sub.get("Protocol", "")),
                    "confirmed": sub.get("SubscriptionArn", "PendingConfirmation")
                    not in ("PendingConfirmation", "Deleted"),
                }
            )
    for record in facts.of("sns.topics", region):
        for topic in record.data.get("Topics", []):
            arn = topic["TopicArn"]
            docs.append(
                resource(
                    "aws_sns_topic",
                    arn,
                    arn.rsplit(":", 1)[-1],
                    region,
                    {"subscriptions": by_topic.get(arn, [])},
                    unknown=[] if known else ["subscriptions"],
                )
            )
    return docs


def _log_group(raw: Mapping[str, Any], prefix: str, region: str) -> Document:
    name = str(raw.get("logGroupName", ""))
    retention = raw.get("retentionInDays")
    config = {
        "log_group_name": name,
        "retention_in_days": int(retention) if retention else None,
        "kms_key_id": raw.get("kmsKeyId") or None,
    }
    return resource("aws_cloudwatch_log_group", prefix + name, name, region, config)


def _metric_filter(raw: Mapping[str, Any], prefix: str, region: str) -> Document:
    group = raw.get("logGroupName", "")
    name = raw.get("filterName", "")
    config = {
        "filter_name": name,
        "log_group_name": group,
        "log_group_arn": prefix + group,
        "filter_pattern": raw.get("filterPattern", ""),
        "metric_transformations": [
            {
                "metric_name": t.get("metricName", ""),
                "metric_namespace": t.get("metricNamespace", ""),
            }
            for t in raw.get("metricTransformations", [])
        ],
    }
    rid = f"{prefix}{group}:metric-filter:{name}"
    return resource("aws_cloudwatch_log_metric_filter", rid, name, region, config)


def _alarm(raw: Mapping[str, Any], region: str) -> Document:
    metrics = []
    if raw.get("MetricName"):
        metrics.append({"metric_name": raw["MetricName"], "namespace": raw.get("Namespace", "")})
    for query in raw.get("Metrics", []):
        metric = (query.get("MetricStat") or {}).get("Metric") or {}
        if metric.get("MetricName"):
            metrics.append(
                {"metric_name": metric["MetricName"], "namespace": metric.get("Namespace", "")}
            )
    state = raw.get("StateValue", "INSUFFICIENT_DATA")
    config = {
        "alarm_name": raw["AlarmName"],
        "metrics": metrics,
        "actions_enabled": bool(raw.get("ActionsEnabled", True)),
        "alarm_actions": list(raw.get("AlarmActions", [])),
        "state_value": state if state in _ALARM_STATES else "INSUFFICIENT_DATA",
    }
    return resource(
        "aws_cloudwatch_metric_alarm", raw["AlarmArn"], raw["AlarmName"], region, config
    )
