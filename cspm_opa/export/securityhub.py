"""Import ASFF findings into AWS Security Hub (``--format asff --to securityhub``).

BatchImportFindings takes at most 100 findings a call; the findings go in batches of 100,
each checked first against botocore's model of the call. The findings are rendered for
the caller's account and region (their ``ProductArn`` is that account's default product)
with ``UpdatedAt`` set to now, so that importing a result again updates its findings.
Security Hub accepts findings only for the calling account with the default product:
import each account's findings with that account's credentials.

Needs boto3 (the ``aws`` extra), imported only when an import is asked for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cspm_opa.errors import ConfigError, RuntimeFailure
from cspm_opa.export.asff import asff_document, asff_problems

__all__ = ["BATCH_SIZE", "ImportReport", "import_findings", "import_result"]

BATCH_SIZE = 100


@dataclass
class ImportReport:
    """What BatchImportFindings said, summed over the batches."""

    imported: int = 0
    failed: list[dict[str, Any]] = field(default_factory=list)
    calls: int = 0
    skipped: int = 0


def _session(region: str | None) -> Any:
    try:
        import boto3  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - the aws extra is installed in dev
        raise ConfigError("--to securityhub needs boto3: pip install 'cspm-opa[aws]'") from exc
    return boto3.Session(region_name=region)


def import_findings(client: Any, findings: Sequence[Mapping[str, Any]]) -> ImportReport:
    """BatchImportFindings in batches of at most 100; a batch botocore rejects stops it."""
    report = ImportReport()
    for start in range(0, len(findings), BATCH_SIZE):
        batch = list(findings[start : start + BATCH_SIZE])
        problems = asff_problems(batch)
        if problems:
            listed = "\n".join(f"  {p}" for p in problems[:20])
            raise RuntimeFailure(f"ASFF findings do not match Security Hub's model:\n{listed}")
        response = client.batch_import_findings(Findings=batch)
        report.calls += 1
        report.imported += int(response.get("SuccessCount", 0))
        report.failed.extend(response.get("FailedFindings", []))
    return report


def import_result(
    result: Mapping[str, Any], *, session: Any = None, region: str | None = None
) -> tuple[dict[str, Any], ImportReport]:
    """Render the result's AWS findings for the caller and import them; return both.

    ``session`` is a boto3 Session (default: the environment's credentials, region and
    endpoint, AWS_ENDPOINT_URL included); the caller's account comes from STS.
    """
    session = session or _session(region)
    client = session.client("securityhub", region_name=region)
    where = client.meta.region_name
    if not where:
        raise ConfigError("--to securityhub needs a region (AWS_REGION or a profile's region)")
    account = session.client("sts", region_name=where).get_caller_identity()["Account"]
    document, skipped = asff_document(
        result, updated_at=datetime.now(UTC), region=where, product_account=account
    )
    report = import_findings(client, document["Findings"])
    report.skipped = skipped
    return document, report
