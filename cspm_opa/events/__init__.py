"""Change events -> the resources they touched -> a re-evaluation of only those.

::

    event = parse_event("aws", json.loads(payload))   # pure: no cloud call
    outcome = reevaluate(event, CollectRequest(provider="aws"), engine)
    outcome.result    # a scan result, "kind": "event", or None when outcome.ignored says why

Accepted shapes (docs/events.md): AWS CloudTrail events as EventBridge delivers them;
Azure Event Grid resource events (EventGridEvent or CloudEvents 1.0, single or batched)
and Activity Log records as diagnostic settings export them; GCP Cloud Audit Log
entries, raw, in a Pub/Sub push envelope, or as an Eventarc CloudEvent.
"""

from __future__ import annotations

from typing import Any

from cspm_opa.errors import ConfigError
from cspm_opa.events._model import ChangeEvent, Touched
from cspm_opa.events.targeted import EventOutcome, Needs, needs_for, reevaluate

__all__ = [
    "ChangeEvent",
    "EventOutcome",
    "Needs",
    "Touched",
    "needs_for",
    "parse_event",
    "reevaluate",
]


def parse_event(provider: str, payload: Any) -> ChangeEvent:
    """The change ``payload`` (parsed JSON) describes; :class:`InputError` when it is
    not an event shape this provider sends."""
    if provider == "aws":
        from cspm_opa.events.aws import parse_aws

        return parse_aws(payload)
    if provider == "azure":
        from cspm_opa.events.azure import parse_azure

        return parse_azure(payload)
    if provider == "gcp":
        from cspm_opa.events.gcp import parse_gcp

        return parse_gcp(payload)
    raise ConfigError(f"unknown provider {provider!r} (one of aws, azure, gcp)")
