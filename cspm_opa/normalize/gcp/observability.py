"""Cloud Logging sinks and log-based metrics, and Cloud Monitoring alert policies."""

from __future__ import annotations

from cspm_opa.normalize.gcp._common import Asset, Document, data_of, document, last_segment

__all__ = ["alert_policy", "log_metric", "log_sink"]

# Condition kinds that watch a time series through a filter (log-match conditions watch
# log entries directly and have no metric to refer to).
_CONDITION_KINDS = ("conditionThreshold", "conditionAbsent")


def log_sink(asset: Asset) -> Document:
    data = data_of(asset)
    config = {
        "destination": str(data.get("destination", "")),
        "filter": str(data.get("filter") or ""),
        "disabled": bool(data.get("disabled", False)),
        "include_children": bool(data.get("includeChildren", False)),
        "exclusions": [
            {
                "name": str(e.get("name", "")),
                "filter": str(e.get("filter", "")),
                "disabled": bool(e.get("disabled", False)),
            }
            for e in data.get("exclusions") or ()
        ],
    }
    return document(asset, "google_logging_project_sink", config, region="global")


def log_metric(asset: Asset) -> Document:
    data = data_of(asset)
    metric = last_segment(str(data.get("name") or asset["name"]))
    config = {
        "metric_name": metric,
        "filter": str(data.get("filter") or ""),
        "disabled": bool(data.get("disabled", False)),
    }
    return document(asset, "google_logging_metric", config, name=metric, region="global")


def alert_policy(asset: Asset) -> Document:
    data = data_of(asset)
    enabled = data.get("enabled", True)
    if isinstance(enabled, dict):  # a BoolValue wrapper written out in full
        enabled = enabled.get("value", True)
    filters = [
        str(condition[kind].get("filter", ""))
        for condition in data.get("conditions") or ()
        for kind in _CONDITION_KINDS
        if isinstance(condition.get(kind), dict)
    ]
    config = {
        "display_name": str(data.get("displayName", "")),
        "enabled": bool(enabled),
        "condition_filters": filters,
        "notification_channels": [str(c) for c in data.get("notificationChannels") or ()],
    }
    name = str(data.get("displayName") or last_segment(asset["name"]))
    return document(asset, "google_monitoring_alert_policy", config, name=name, region="global")
