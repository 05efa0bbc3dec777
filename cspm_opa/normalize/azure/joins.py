"""References between Azure documents that the checks follow, and the ones that lead out
of what was collected.

A subscription's activity log diagnostic setting names the storage account that keeps
the exported logs; CIS asks about that account's encryption. An account this snapshot
does not hold (another subscription's, a log-archive tenant's) was never read: the
setting names ``storage_account_id`` in its ``unknown``, so the check is UNKNOWN rather
than silently skipped. (When the storage account listing itself failed, a coverage entry
already makes the check UNKNOWN.)

Resource diagnostic settings are read per resource and land on it by construction; a
read that fails names ``diagnostic_settings`` in that resource's ``unknown``.
"""

from __future__ import annotations

from collections.abc import Iterable

from cspm_opa.normalize.azure._common import Document

__all__ = ["mark_unreachable"]


def mark_unreachable(docs: Iterable[Document]) -> None:
    """Name, in each document's ``unknown``, the references that lead outside ``docs``."""
    docs = list(docs)
    accounts = {d["id"].lower() for d in docs if d["type"] == "azurerm_storage_account"}
    for doc in docs:
        if doc["type"] != "azurerm_monitor_diagnostic_setting":
            continue
        target = doc["config"].get("storage_account_id")
        if isinstance(target, str) and target.lower() not in accounts:
            doc["unknown"] = sorted({*doc.get("unknown", ()), "storage_account_id"})
