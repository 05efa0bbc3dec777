"""BigQuery datasets and tables, and Dataproc clusters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.normalize.gcp._common import Asset, Document, data_of, document

__all__ = ["bigquery_dataset", "bigquery_table", "dataproc_cluster"]

# An access entry names its grantee in one of these fields; the member string uses the
# IAM prefix where there is one, so checks read both access lists and IAM bindings alike.
_GRANTEES = (
    ("iamMember", ""),
    ("specialGroup", "specialGroup:"),
    ("userByEmail", "user:"),
    ("groupByEmail", "group:"),
    ("domain", "domain:"),
)
_PUBLIC_GROUPS = {"allAuthenticatedUsers", "allUsers"}


def access_member(entry: Mapping[str, Any]) -> str:
    for field, prefix in _GRANTEES:
        value = entry.get(field)
        if value:
            if field == "specialGroup" and value in _PUBLIC_GROUPS:
                return str(value)
            return f"{prefix}{value}"
    for field in ("view", "routine", "dataset"):
        if entry.get(field):
            return f"{field}:{_reference(entry[field])}"
    return "unknown:"


def _reference(ref: Any) -> str:
    if isinstance(ref, Mapping):
        inner = ref.get("dataset", ref)
        parts = (inner.get("projectId"), inner.get("datasetId"), ref.get("tableId"))
        return ".".join(str(p) for p in parts if p)
    return str(ref)


def bigquery_dataset(asset: Asset) -> Document:
    data = data_of(asset)
    ref = data.get("datasetReference") or {}
    dataset_id = str(ref.get("datasetId") or data.get("id", "")).split(":")[-1]
    config = {
        "dataset_id": dataset_id,
        "location": str(data.get("location", "")),
        "default_kms_key_name": (data.get("defaultEncryptionConfiguration") or {}).get(
            "kmsKeyName"
        ),
        "access": [
            {"role": str(entry.get("role", "")), "member": access_member(entry)}
            for entry in data.get("access") or ()
        ],
        "iam_bindings": [],
    }
    return document(asset, "google_bigquery_dataset", config, name=dataset_id)


def bigquery_table(asset: Asset) -> Document:
    data = data_of(asset)
    ref = data.get("tableReference") or {}
    table_id = str(ref.get("tableId", ""))
    config = {
        "dataset_id": str(ref.get("datasetId", "")),
        "table_id": table_id,
        "table_type": str(data.get("type") or "TABLE"),
        "kms_key_name": (data.get("encryptionConfiguration") or {}).get("kmsKeyName"),
    }
    return document(asset, "google_bigquery_table", config, name=table_id)


def dataproc_cluster(asset: Asset) -> Document:
    data = data_of(asset)
    encryption = (data.get("config") or {}).get("encryptionConfig") or {}
    config = {
        "status": str((data.get("status") or {}).get("state", "")),
        "kms_key_name": encryption.get("gcePdKmsKeyName") or encryption.get("kmsKey"),
    }
    name = str(data.get("clusterName", ""))
    return document(asset, "google_dataproc_cluster", config, name=name)
