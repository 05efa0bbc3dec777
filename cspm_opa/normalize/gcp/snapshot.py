"""Assembling one project's listings into a snapshot document (schemas/snapshot.json).

Pure: the collector hands over what it fetched, the fake cloud's tests hand over what
they planted, and both get the same document back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from cspm_opa.normalize.gcp import analytics, compute, identity, network, observability, sql
from cspm_opa.normalize.gcp import storage as storage_mod
from cspm_opa.normalize.gcp._common import Asset, Document, bindings
from cspm_opa.normalize.gcp.project import contact, project, project_resource_name
from cspm_opa.normalize.gcp.sources import PROJECT, AssetTypes, Listing

__all__ = ["NORMALIZERS", "ancestors", "build_snapshot", "normalize_asset"]

T = AssetTypes

NORMALIZERS: dict[str, Callable[[Asset], Document]] = {
    T.API_KEY: identity.api_key,
    T.SERVICE_ACCOUNT: identity.service_account,
    T.CRYPTO_KEY: identity.crypto_key,
    T.BUCKET: storage_mod.bucket,
    T.INSTANCE: compute.instance,
    T.DISK: compute.disk,
    T.BACKEND_SERVICE: compute.backend_service,
    T.NETWORK: network.network,
    T.SUBNETWORK: network.subnetwork,
    T.FIREWALL: network.firewall,
    T.DNS_ZONE: network.managed_zone,
    T.DNS_POLICY: network.dns_policy,
    T.LOG_SINK: observability.log_sink,
    T.LOG_METRIC: observability.log_metric,
    T.ALERT_POLICY: observability.alert_policy,
    T.SQL_INSTANCE: sql.sql_instance,
    T.DATASET: analytics.bigquery_dataset,
    T.TABLE: analytics.bigquery_table,
    T.DATAPROC_CLUSTER: analytics.dataproc_cluster,
}
"""Asset types that become resource documents of their own."""

_POLICY_TYPES = {
    T.BUCKET: "google_storage_bucket",
    T.CRYPTO_KEY: "google_kms_crypto_key",
    T.DATASET: "google_bigquery_dataset",
}
"""Asset types whose IAM policy becomes the ``iam_bindings`` of their document."""


def normalize_asset(asset: Asset) -> Document | None:
    """The resource document for one RESOURCE asset, or None for types that only
    contribute to another document (project settings, service account keys)."""
    normalizer = NORMALIZERS.get(str(asset.get("assetType")))
    return normalizer(asset) if normalizer else None


def ancestors(listings: Iterable[Listing]) -> list[str]:
    """The project's place in the hierarchy (``projects/<n>``, ``folders/<id>``, ...,
    ``organizations/<id>``), as Asset Inventory reports it on every asset: the project
    asset's own list when it was listed, else the first asset's."""
    first: list[str] = []
    for listing in listings:
        for asset in listing.assets:
            found = [str(a) for a in asset.get("ancestors") or ()]
            if asset.get("assetType") == T.CRM_PROJECT and found:
                return found
            first = first or found
    return first


class _Parts:
    """What the listings of one project contribute, before assembly."""

    def __init__(self) -> None:
        self.resources: dict[str, dict[str, Document]] = defaultdict(dict)
        self.unknown: dict[str, set[str]] = defaultdict(set)
        self.coverage: list[dict[str, Any]] = []
        self.policies: dict[str, Mapping[str, Any]] = {}
        self.policy_types: dict[str, str] = {}
        self.key_assets: list[Asset] = []
        self.marks: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.listed: set[str] = set()
        self.compute_project: Asset | None = None
        self.services: list[Asset] = []
        self.contacts: list[dict[str, Any]] = []

    def add(self, listing: Listing) -> None:
        source = listing.source
        if listing.failure is not None:
            for rtype in source.produces:
                self.coverage.append(
                    {
                        "service": source.name,
                        "region": "global",
                        "status": listing.failure.status,
                        "detail": listing.failure.detail,
                        "resource_types": [rtype],
                    }
                )
            for rtype, field in source.feeds:
                self.unknown[rtype].add(field)
            return
        self.listed.add(source.name)
        for asset in listing.assets:
            self._asset(asset, source.content_type)

    def _asset(self, asset: Asset, content_type: str) -> None:
        kind = str(asset.get("assetType"))
        if content_type == "IAM_POLICY":
            self.policies[str(asset["name"])] = asset.get("iamPolicy") or {}
            self.policy_types[str(asset["name"])] = kind
            return
        doc = normalize_asset(asset)
        if doc is not None:
            self.resources[doc["type"]][doc["id"]] = doc
        elif kind == T.COMPUTE_PROJECT:
            self.compute_project = asset
        elif kind == T.SERVICE:
            self.services.append(asset)
        elif kind == T.CONTACT:
            self.contacts.append(contact(asset))
        elif kind == T.SERVICE_ACCOUNT_KEY:
            self.key_assets.append(asset)

    def orphan(self, service: str, rtype: str, detail: str) -> None:
        """A coverage entry for something listed whose owner was not: the owner is a
        resource of ``rtype`` that the snapshot does not hold, so it is not assessed."""
        self.coverage.append(
            {
                "service": service,
                "region": "global",
                "status": "error",
                "detail": detail[:500],
                "resource_types": [rtype],
            }
        )

    def attach(self, project_name: str) -> None:
        """Put IAM policies and keys on the documents they belong to, and make visible
        what belongs to nothing listed (:meth:`orphan`)."""
        self._attach_policies(project_name)
        self._attach_keys()

    def _attach_policies(self, project_name: str) -> None:
        listed: set[str] = {project_name}
        for rtype in _POLICY_TYPES.values():
            for rid, doc in self.resources.get(rtype, {}).items():
                doc["config"]["iam_bindings"] = bindings(self.policies.get(rid))
                listed.add(rid)
        if "iam-policies" in self.listed and project_name not in self.policies:
            # Every project has an IAM policy (someone owns it): a listing without it is
            # incomplete, and "no bindings" would pass every check on project roles.
            self.marks[(PROJECT, project_name)] |= {"iam_bindings", "audit_configs"}
        gaps = {t for entry in self.coverage for t in entry["resource_types"]}
        for name in sorted(set(self.policies) - listed):
            owner_type = _POLICY_TYPES.get(self.policy_types.get(name, ""))
            if owner_type is not None and owner_type not in gaps:
                self.orphan(
                    "iam-policies",
                    owner_type,
                    f"the IAM policy of {name} was listed, but not that {owner_type}: "
                    "the resource was not assessed",
                )

    def _attach_keys(self) -> None:
        accounts = self.resources.get("google_service_account", {})
        by_handle = {h: doc for doc in accounts.values() for h in identity.account_handles(doc)}
        keys: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for asset in self.key_assets:
            owner = identity.key_owner(asset)
            handle = owner.lower() if owner and "@" in owner else owner
            account = by_handle.get(handle) if handle else None
            if account is not None:
                keys[account["id"]].append(identity.service_account_key(asset))
                continue
            # The key's account is not among those listed, or its name could not be
            # matched to one: any listed account may be its owner, so none of their key
            # checks may pass; the unlisted owner is a coverage entry that names the key.
            for rid in accounts:
                self.marks[("google_service_account", rid)].add("keys")
            self.orphan(
                "iam",
                "google_service_account",
                f"service account key {asset.get('name')} belongs to "
                f"{owner or 'an unnamed service account'}, which is not among the listed "
                "service accounts: its keys were not assessed",
            )
        for rid, found in keys.items():
            accounts[rid]["config"]["keys"] = sorted(found, key=lambda k: k["key_id"])


def _inherited(
    contacts: Iterable[dict[str, Any]], ancestors: Sequence[str]
) -> list[dict[str, Any]]:
    """Contacts set on a folder or organization above the project."""
    above = {a for a in ancestors if not a.startswith("projects/")}
    return [c for c in contacts if c["parent"] in above]


def build_snapshot(
    meta: Mapping[str, Any],
    listings: Iterable[Listing],
    *,
    taken_at: str,
    org_contacts: Listing | None = None,
) -> dict[str, Any]:
    """The snapshot of one project.

    ``meta`` is the Resource Manager v3 Project (JSON). ``listings`` are the outcomes of
    :data:`~cspm_opa.normalize.gcp.sources.SOURCES` for it; ``org_contacts`` is the
    Essential Contacts listing of its organization, when it has one.
    """
    parts = _Parts()
    listings = list(listings)
    lineage = ancestors(listings)
    for listing in listings:
        parts.add(listing)
    parts.attach(project_resource_name(meta))
    contacts = list(parts.contacts)
    if org_contacts is not None:
        if org_contacts.failure is not None:
            parts.unknown[PROJECT].add("essential_contacts")
        else:
            org_level = [contact(a) for a in org_contacts.assets]
            contacts.extend(_inherited(org_level, lineage))
    project_doc = project(
        meta,
        ancestors=lineage,
        iam_policy=parts.policies.get(project_resource_name(meta)),
        services=parts.services,
        compute_project=parts.compute_project,
        contacts=contacts,
    )
    parts.resources[PROJECT][project_doc["id"]] = project_doc
    for rtype, fields in parts.unknown.items():
        for rid in parts.resources.get(rtype, {}):
            parts.marks[(rtype, rid)] |= fields
    for (rtype, rid), fields in parts.marks.items():
        doc = parts.resources.get(rtype, {}).get(rid)
        if doc is not None and fields:
            doc["unknown"] = sorted(fields | set(doc.get("unknown", ())))
    regions = {doc["region"] for by_id in parts.resources.values() for doc in by_id.values()} - {
        "global"
    }
    account: dict[str, Any] = {"id": project_doc["name"]}
    if project_doc["config"]["display_name"]:
        account["name"] = project_doc["config"]["display_name"]
    if project_doc.get("tags"):
        account["labels"] = dict(project_doc["tags"])
    return {
        "schema_version": "1",
        "provider": "gcp",
        "account": account,
        "taken_at": taken_at,
        "regions": sorted(regions),
        "resources": {
            t: dict(sorted(by_id.items())) for t, by_id in sorted(parts.resources.items())
        },
        "coverage": parts.coverage,
    }
