"""Unit builders shared by the service modules: listings and single calls.

A listing that fails as a whole becomes a coverage entry for the resource types it
feeds. A source that only feeds a field of other resources (flow logs of VPCs, the
public-snapshot listing, a region's EBS default) becomes a record with ``failed`` set
instead, so the normalizer marks that field unknown on the resources it belongs to.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from cspm_opa.collect.aws.api import Api, CallFailed
from cspm_opa.collect.aws.runner import Outcome, Unit, gap
from cspm_opa.normalize.aws import Record

__all__ = ["call_unit", "failed_record", "listing_unit", "try_call"]


def failed_record(kind: str, region: str, exc: CallFailed) -> Record:
    """A record saying that ``exc.operation`` failed."""
    return Record(kind, region, failed={exc.operation: f"{exc.status}: {exc.detail}"})


def listing_failed(
    service: str, region: str, exc: CallFailed, resource_types: Sequence[str]
) -> Outcome:
    """A listing that failed: one coverage entry, so the checks that needed it are UNKNOWN."""
    detail = f"{exc.operation}: {exc.detail}"
    return Outcome(coverage=[gap(service, region, exc.status, detail, resource_types)])


def listing_unit(
    service: str,
    region: str,
    method: str,
    key: str,
    *,
    kind: str,
    resource_types: tuple[str, ...] = (),
    client_region: str | None = None,
    **params: Any,
) -> Unit:
    """Read a paginated listing into one record; on failure, a coverage entry for
    ``resource_types`` or, when there are none (a field source), a failed record.
    A global service has ``region`` "global" and is called in ``client_region``."""

    def run(api: Api) -> Outcome:
        try:
            items = api.pages(service, client_region or region, method, key, **params)
        except CallFailed as exc:
            if resource_types:
                return listing_failed(service, region, exc, resource_types)
            return Outcome(records=[failed_record(kind, region, exc)])
        return Outcome(records=[Record(kind, region, {key: items})])

    return Unit(service, region, resource_types, run)


def call_unit(
    service: str,
    region: str,
    method: str,
    kind: str,
    *,
    absent: Collection[str] = (),
    client_region: str | None = None,
    **params: Any,
) -> Unit:
    """One call whose whole response is a field source (failures: a failed record)."""

    def run(api: Api) -> Outcome:
        try:
            response = api.call(service, client_region or region, method, absent=absent, **params)
        except CallFailed as exc:
            return Outcome(records=[failed_record(kind, region, exc)])
        return Outcome(records=[Record(kind, region, response or {})])

    return Unit(service, region, (), run)


def try_call(
    api: Api,
    failed: dict[str, str],
    service: str,
    region: str,
    method: str,
    *,
    absent: Collection[str] = (),
    **params: Any,
) -> dict[str, Any] | None:
    """A detail call: its response, or None with the failure noted in ``failed``."""
    try:
        return api.call(service, region, method, absent=absent, **params)
    except CallFailed as exc:
        failed[exc.operation] = f"{exc.status}: {exc.detail}"
        return None
