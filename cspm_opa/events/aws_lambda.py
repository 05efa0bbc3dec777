"""The AWS Lambda entry point: ``cspm_opa.events.aws_lambda.handler``.

An EventBridge rule sends CloudTrail "AWS API Call via CloudTrail" events to the
function; each invocation re-evaluates what the event touched and returns the scan
result (``"kind": "event"``), or ``{"ignored": why}``. The OPA server is started on the
first invocation and kept for the warm ones (``opa`` from a layer: ``/opt/bin/opa``, or
``CSPM_OPA_BIN``). Environment:

- ``CSPM_OPA_STORE``: record each result in this history store (delta, first/last seen);
- ``CSPM_OPA_REGIONS``: comma-separated regions whose trails and settings the checks read
  (default: the event's region);
- ``CSPM_OPA_ROLE_ARN`` / ``CSPM_OPA_EXTERNAL_ID``: read the event's account through
  this role (a central security account receiving other accounts' events).

docs/events.md shows the rule, the role and the layer.
"""

from __future__ import annotations

import atexit
import os
import threading
from pathlib import Path
from typing import Any

__all__ = ["handler", "reset"]

_LAYER_OPA = Path("/opt/bin/opa")
_lock = threading.Lock()
_kept: dict[str, Any] = {}
"""The warm OPA server, under "engine"."""


def _get_engine() -> Any:
    with _lock:
        engine = _kept.get("engine")
        if engine is None:
            from cspm_opa import LocalOpa

            opa = os.environ.get("CSPM_OPA_BIN") or (
                str(_LAYER_OPA) if _LAYER_OPA.exists() else None
            )
            engine = _kept["engine"] = LocalOpa(opa_bin=opa)
            atexit.register(reset)
        return engine


def reset() -> None:
    """Stop the kept OPA server (tests; the Lambda runtime just freezes it)."""
    with _lock:
        engine = _kept.pop("engine", None)
    if engine is not None:
        engine.close()


def handler(event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    """Re-evaluate the resources one EventBridge CloudTrail event touched."""
    from cspm_opa import __version__
    from cspm_opa.collect import CollectRequest
    from cspm_opa.events import parse_event, reevaluate

    change = parse_event("aws", event)
    if change.ignored:
        return {"ignored": change.ignored, "event": change.id}
    regions = tuple(r for r in os.environ.get("CSPM_OPA_REGIONS", "").split(",") if r.strip())
    request = CollectRequest(
        provider="aws",
        regions=tuple(r.strip() for r in regions) or None,
        role_arn=os.environ.get("CSPM_OPA_ROLE_ARN") or None,
        external_id=os.environ.get("CSPM_OPA_EXTERNAL_ID") or None,
        workers=4,
    )
    tool = {"name": "cspm-opa", "version": __version__}
    outcome = reevaluate(change, request, _get_engine(), tool=tool)
    if outcome.result is None:
        return {"ignored": outcome.ignored, "event": change.id}
    url = os.environ.get("CSPM_OPA_STORE", "").strip()
    if url:
        from cspm_opa.store import open_store

        with open_store(url) as store:
            store.record(outcome.result, outcome.snapshots, kind="event",
                         event_id=change.id or None, evaluated=outcome.gone)  # fmt: skip
    return outcome.result
