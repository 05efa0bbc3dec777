"""cspm-opa: cloud security posture as policy-as-code, evaluated by Open Policy Agent.

Typical use::

    from cspm_opa import LocalOpa, evaluate, load_snapshot

    snapshot = load_snapshot("aws-123456789012.json")
    with LocalOpa(policies=["my_checks/"]) as engine:
        findings = evaluate([snapshot], engine)
    failed = [f for f in findings if f.status is Status.FAIL]
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

from cspm_opa.errors import (
    CapabilityError,
    CollectionError,
    ConfigError,
    CspmError,
    EngineError,
    InputError,
    OpaRequestError,
    PolicyError,
    RuntimeFailure,
    SnapshotError,
    ValidationIssue,
)
from cspm_opa.model import (
    ComplianceRef,
    CoverageGap,
    Finding,
    Policy,
    ResourceRef,
    Severity,
    Snapshot,
    Status,
    finding_uid,
)

if TYPE_CHECKING:
    from cspm_opa.engine.base import Engine
    from cspm_opa.engine.catalog import Catalog, load_catalog
    from cspm_opa.engine.local import LocalOpa
    from cspm_opa.engine.remote import OpaServer
    from cspm_opa.evaluator import EvaluationStats, evaluate
    from cspm_opa.result import build_scan_result
    from cspm_opa.snapshots import load_snapshot, snapshot_from_dict, write_snapshot

# The engine, schema validation and HTTP client load on first use, so that
# `import cspm_opa` stays fast and pulls in no HTTP or JSON Schema machinery.
_LAZY = {
    "Engine": "cspm_opa.engine.base",
    "Catalog": "cspm_opa.engine.catalog",
    "load_catalog": "cspm_opa.engine.catalog",
    "LocalOpa": "cspm_opa.engine.local",
    "OpaServer": "cspm_opa.engine.remote",
    "EvaluationStats": "cspm_opa.evaluator",
    "evaluate": "cspm_opa.evaluator",
    "build_scan_result": "cspm_opa.result",
    "load_snapshot": "cspm_opa.snapshots",
    "snapshot_from_dict": "cspm_opa.snapshots",
    "write_snapshot": "cspm_opa.snapshots",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cspm_opa' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "CapabilityError",
    "Catalog",
    "CollectionError",
    "ComplianceRef",
    "ConfigError",
    "CoverageGap",
    "CspmError",
    "Engine",
    "EngineError",
    "EvaluationStats",
    "Finding",
    "InputError",
    "LocalOpa",
    "OpaRequestError",
    "OpaServer",
    "Policy",
    "PolicyError",
    "ResourceRef",
    "RuntimeFailure",
    "Severity",
    "Snapshot",
    "SnapshotError",
    "Status",
    "ValidationIssue",
    "__version__",
    "build_scan_result",
    "evaluate",
    "finding_uid",
    "load_catalog",
    "load_snapshot",
    "snapshot_from_dict",
    "write_snapshot",
]
