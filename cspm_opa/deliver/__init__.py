"""Alert delivery: route findings to Jira, Slack, webhooks and email.

::

    from cspm_opa.deliver import load_routes, deliver

    routes = load_routes("routes.yaml")          # ConfigError at file:line when invalid
    report = deliver(result, routes, store=store, spool_dir="/var/spool/cspm")
    for outcome in report.failed:                # a sink that is down never raises
        print(outcome.line())

``result`` is a scan result (schemas/scan_result.json); with a ``delta`` (a history
store) its new, regressed and resolved findings are the alerts, without one every FAIL
is new. Deliveries that fail after their retries are spooled and re-sent by the next
call. docs/alerts.md describes the routes file and each sink.
"""

from __future__ import annotations

import logging

from cspm_opa.deliver._deliver import DeliveryReport, Outcome, alerts_for, deliver
from cspm_opa.deliver.retry import DeliveryError, RetryPolicy
from cspm_opa.deliver.routes import Alert, Match, Route, Routes, SinkConfig, load_routes
from cspm_opa.deliver.spool import Spool, default_spool_dir

# Outcomes are logged to "cspm_opa.deliver" for applications that configure logging;
# nothing reaches stderr by itself (the CLI prints its own lines).
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Alert",
    "DeliveryError",
    "DeliveryReport",
    "Match",
    "Outcome",
    "RetryPolicy",
    "Route",
    "Routes",
    "SinkConfig",
    "Spool",
    "alerts_for",
    "default_spool_dir",
    "deliver",
    "load_routes",
]
