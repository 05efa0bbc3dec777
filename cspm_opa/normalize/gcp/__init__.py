"""GCP normalizers: Cloud Asset Inventory assets -> ``google_*`` resource documents.

Pure functions, no SDK: the collector converts the SDK's messages to the REST API's JSON
first, so the same code shapes live listings, the fake cloud's payloads and hand-written
test input. :func:`build_snapshot` assembles one project's listings into a snapshot.
"""

from __future__ import annotations

from cspm_opa.normalize.gcp.snapshot import (
    NORMALIZERS,
    ancestors,
    build_snapshot,
    normalize_asset,
)
from cspm_opa.normalize.gcp.sources import (
    ORG_CONTACTS,
    SOURCES,
    AssetTypes,
    Failure,
    Listing,
    Source,
)

__all__ = [
    "NORMALIZERS",
    "ORG_CONTACTS",
    "SOURCES",
    "AssetTypes",
    "Failure",
    "Listing",
    "Source",
    "ancestors",
    "build_snapshot",
    "normalize_asset",
]
