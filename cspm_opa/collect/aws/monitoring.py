"""CIS section 4 sources (per region): CloudWatch Logs log groups and metric filters,
CloudWatch metric alarms, SNS topics and their subscriptions."""

from __future__ import annotations

from typing import Any

from cspm_opa.collect.aws.api import Api, CallFailed
from cspm_opa.collect.aws.runner import Outcome, Unit
from cspm_opa.collect.aws.units import failed_record, listing_unit
from cspm_opa.normalize.aws import Record

__all__ = ["monitoring_units"]


def monitoring_units(region: str) -> list[Unit]:
    return [
        listing_unit(
            "logs",
            region,
            "describe_log_groups",
            "logGroups",
            kind="logs.log_groups",
            resource_types=("aws_cloudwatch_log_group",),
        ),
        listing_unit(
            "logs",
            region,
            "describe_metric_filters",
            "metricFilters",
            kind="logs.metric_filters",
            resource_types=("aws_cloudwatch_log_metric_filter",),
        ),
        listing_unit(
            "cloudwatch",
            region,
            "describe_alarms",
            "MetricAlarms",
            kind="cloudwatch.alarms",
            resource_types=("aws_cloudwatch_metric_alarm",),
            AlarmTypes=["MetricAlarm"],
        ),
        listing_unit(
            "sns",
            region,
            "list_topics",
            "Topics",
            kind="sns.topics",
            resource_types=("aws_sns_topic",),
        ),
        Unit("sns", region, (), lambda api: _subscriptions(api, region)),
    ]


def _subscriptions(api: Api, region: str) -> Outcome:
    """Subscriptions without their endpoints (e-mail addresses, URLs with tokens)."""
    try:
        subs = api.pages("sns", region, "list_subscriptions", "Subscriptions")
    except CallFailed as exc:
        return Outcome(records=[failed_record("sns.subscriptions", region, exc)])
    kept: list[dict[str, Any]] = [
        {k: s.get(k) for k in ("TopicArn", "Protocol", "SubscriptionArn")} for s in subs
    ]
    return Outcome(records=[Record("sns.subscriptions", region, {"Subscriptions": kept})])
