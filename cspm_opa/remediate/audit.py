"""The remediation audit log: JSON Lines, one record per API call made, appended and
flushed to disk before the next call, so a crash loses no record of a change.

A record: ``when`` (UTC, ISO 8601), ``who`` (the caller: an AWS ARN from
sts:GetCallerIdentity, the Azure principal, the GCP account), ``what`` (the action, its
region and parameters, and the finding, check and resource it fixes), ``before`` and
``after`` (the setting as read back just before and after the call), ``outcome``
(applied or failed) and ``error``.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cspm_opa import __version__, _json
from cspm_opa.errors import ConfigError
from cspm_opa.remediate._model import Action

__all__ = ["AuditLog"]


class AuditLog:
    """Appends records to one file (created with its directories if missing)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("ab"):
                pass  # an unwritable log fails before any change is made
        except OSError as exc:
            raise ConfigError(f"--audit-log {self.path}: cannot write: {exc}") from exc

    def write(self, action: Action, *, who: str, before: Any, after: Any) -> dict[str, Any]:
        record = {
            "when": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "who": who,
            "what": {
                "provider": action.provider,
                "account": action.account,
                "action": action.action,
                "region": action.region,
                "params": action.params,
                "finding": action.finding,
                "policy_id": action.policy_id,
                "resource": action.resource,
            },
            "before": before,
            "after": after,
            "outcome": "applied" if action.applied else "failed",
            "error": action.error,
            "tool": f"cspm-opa {__version__}",
        }
        line = _json.dumps(record, indent=False) + b"\n"
        with self.path.open("ab") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
        return record
