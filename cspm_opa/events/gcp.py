"""GCP: a Cloud Audit Log entry (``protoPayload.serviceName``, ``methodName``,
``resourceName``): raw, in a Pub/Sub push envelope (``message.data``, base64), or as an
Eventarc ``google.cloud.audit.log.v1.written`` CloudEvent in structured mode.

Snapshot ids are Cloud Asset full resource names (``//storage.googleapis.com/b``); the
audit log's ``resourceName`` is relative (``projects/_/buckets/b``), so each service says
which asset host and type it becomes.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from cspm_opa.errors import InputError
from cspm_opa.events._model import ChangeEvent, Touched

__all__ = ["EVENTARC_TYPE", "parse_gcp"]

EVENTARC_TYPE = "google.cloud.audit.log.v1.written"
_READS = re.compile(r"\.(get|list|aggregated|search|getIamPolicy|testIamPermissions)\w*$", re.I)
_PROJECT = re.compile(r"(?:^|/)projects/([^/_][^/]*)")

# serviceName -> ((resourceName pattern, snapshot type, asset host), ...), first match wins.
_RESOURCES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "storage.googleapis.com": (
        (r"^projects/_/buckets/([^/]+)$", "google_storage_bucket", "storage.googleapis.com"),
    ),
    "compute.googleapis.com": (
        (r"/instances/[^/]+$", "google_compute_instance", "compute.googleapis.com"),
        (r"/disks/[^/]+$", "google_compute_disk", "compute.googleapis.com"),
        (r"/firewalls/[^/]+$", "google_compute_firewall", "compute.googleapis.com"),
        (r"/subnetworks/[^/]+$", "google_compute_subnetwork", "compute.googleapis.com"),
        (r"/networks/[^/]+$", "google_compute_network", "compute.googleapis.com"),
        (r"/backendServices/[^/]+$", "google_compute_backend_service", "compute.googleapis.com"),
    ),
    "cloudsql.googleapis.com": (
        (r"/instances/[^/]+$", "google_sql_database_instance", "sqladmin.googleapis.com"),
    ),
    "cloudkms.googleapis.com": (
        (r"/cryptoKeys/[^/]+", "google_kms_crypto_key", "cloudkms.googleapis.com"),
    ),
    "iam.googleapis.com": (
        (r"/serviceAccounts/[^/]+", "google_service_account", "iam.googleapis.com"),
    ),
    "bigquery.googleapis.com": (
        (r"/datasets/[^/]+/tables/[^/]+$", "google_bigquery_table", "bigquery.googleapis.com"),
        (r"/datasets/[^/]+$", "google_bigquery_dataset", "bigquery.googleapis.com"),
    ),
    "logging.googleapis.com": (
        (r"/sinks/[^/]+$", "google_logging_project_sink", "logging.googleapis.com"),
        (r"/metrics/[^/]+$", "google_logging_metric", "logging.googleapis.com"),
    ),
    "monitoring.googleapis.com": (
        (r"/alertPolicies/[^/]+$", "google_monitoring_alert_policy", "monitoring.googleapis.com"),
    ),
    "dns.googleapis.com": (
        (r"/managedZones/[^/]+$", "google_dns_managed_zone", "dns.googleapis.com"),
        (r"/policies/[^/]+$", "google_dns_policy", "dns.googleapis.com"),
    ),
    "dataproc.googleapis.com": (
        (r"/clusters/[^/]+$", "google_dataproc_cluster", "dataproc.googleapis.com"),
    ),
    "apikeys.googleapis.com": ((r"/keys/[^/]+$", "google_apikeys_key", "apikeys.googleapis.com"),),
}
_PROJECT_ONLY = re.compile(r"^projects/[^/]+$")


def parse_gcp(payload: Any) -> ChangeEvent:
    """The change one audit log entry (raw, Pub/Sub push, or Eventarc) describes."""
    if not isinstance(payload, Mapping):
        raise InputError("a GCP event is a JSON object (a LogEntry, a Pub/Sub push, a CloudEvent)")
    event_id: str | None = None
    entry: Any = payload
    if isinstance(payload.get("message"), Mapping):  # Pub/Sub push
        message = payload["message"]
        event_id = message.get("messageId") or message.get("message_id")
        entry = _decoded(message.get("data"))
    elif payload.get("specversion"):  # Eventarc, structured mode
        if payload.get("type") != EVENTARC_TYPE:
            raise InputError(
                f"a CloudEvent of type {payload.get('type')!r}, expected {EVENTARC_TYPE!r}"
            )
        event_id = payload.get("id")
        entry = payload.get("data")
    if not isinstance(entry, Mapping) or not isinstance(entry.get("protoPayload"), Mapping):
        raise InputError("not a Cloud Audit Log entry: no protoPayload")
    proto = entry["protoPayload"]
    service, method = str(proto.get("serviceName") or ""), str(proto.get("methodName") or "")
    name = str(proto.get("resourceName") or "")
    labels = (entry.get("resource") or {}).get("labels") or {}
    project = labels.get("project_id") or _project(name) or _project(str(entry.get("logName", "")))
    event = ChangeEvent(
        provider="gcp",
        id=str(entry.get("insertId") or event_id or ""),
        source=f"{service} {method}",
        account=project,
        region=labels.get("location") or labels.get("zone") or labels.get("region"),
        time=entry.get("timestamp"),
        raw=payload,
    )
    status = proto.get("status") or {}
    if isinstance(status, Mapping) and status.get("code"):
        return replace(event, ignored=f"the call failed (code {status['code']}): nothing changed")
    if _READS.search(method):
        return replace(event, ignored=f"{method} only reads: nothing changed")
    touched = _touched(service, method, name, project)
    if not touched:
        return replace(event, ignored=f"{service} {name} is not a resource type checked")
    return replace(event, touched=touched)


def _decoded(data: Any) -> Any:
    if not isinstance(data, str):
        raise InputError("the Pub/Sub message has no base64 data")
    try:
        return json.loads(base64.b64decode(data, validate=True))
    except (binascii.Error, ValueError) as exc:
        raise InputError(f"the Pub/Sub message data is not base64 JSON: {exc}") from exc


def _project(name: str) -> str | None:
    found = _PROJECT.search(name)
    return found.group(1) if found else None


def _touched(service: str, method: str, name: str, project: str | None) -> tuple[Touched, ...]:
    deleted = bool(re.search(r"\.(delete|Delete)\w*$", method))
    if _PROJECT_ONLY.match(name) and "setIamPolicy" in method.replace(
        "SetIamPolicy", "setIamPolicy"
    ):
        return (Touched("google_project", id=f"//cloudresourcemanager.googleapis.com/{name}",
                        name=project, fields=frozenset({"iam_bindings"})),)  # fmt: skip
    for pattern, rtype, host in _RESOURCES.get(service, ()):
        found = re.search(pattern, name)
        if not found:
            continue
        if rtype == "google_storage_bucket":
            bucket = found.group(1)
            return (Touched(rtype, id=f"//{host}/{bucket}", name=bucket, deleted=deleted),)
        relative = name[: found.end()]
        short = relative.rsplit("/", 1)[-1]
        whole = found.end() == len(name)
        return (Touched(rtype, id=f"//{host}/{relative}", name=short,
                        deleted=deleted and whole),)  # fmt: skip
    return ()
