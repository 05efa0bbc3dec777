"""The OCSF records of :mod:`cspm_opa.export.ocsf` as Parquet, laid out for Security Lake.

A Security Lake custom source writes Parquet objects of one OCSF class under its prefix,
partitioned as ``region=<region>/accountId=<account>/eventDay=YYYYMMDD/``. The records
are grouped that way (an Azure finding's account is its subscription and a GCP finding's
its project; a resource without a region is ``global``), and each group is one object
named by the class, the scan time and a digest of the group's finding uids, so that a
second scan adds objects and never overwrites the first's. Every object has the same
Arrow schema (:data:`SCHEMA`), whatever fields its records leave out.

Needs pyarrow (the ``siem`` extra).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cspm_opa.errors import ConfigError
from cspm_opa.export.ocsf import CLASS_UID, event_time, ocsf_findings

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped]

__all__ = ["partition_of", "schema", "write_ocsf_parquet"]


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - the siem extra is installed in dev
        raise ConfigError(
            "--format ocsf-parquet needs pyarrow: pip install 'cspm-opa[siem]'"
        ) from exc
    return pyarrow


def schema() -> pa.Schema:
    """The Arrow schema of every object: the attributes the records carry, all nullable."""
    pa = _pyarrow()
    s, i32, i64 = pa.string(), pa.int32(), pa.int64()
    strings = pa.list_(s)
    return pa.schema([
        ("class_uid", i32), ("class_name", s), ("category_uid", i32), ("category_name", s),
        ("activity_id", i32), ("activity_name", s), ("type_uid", i64), ("type_name", s),
        ("time", i64), ("severity_id", i32), ("severity", s), ("status_id", i32),
        ("status", s), ("message", s),
        ("metadata", pa.struct([
            ("version", s),
            ("product", pa.struct([("name", s), ("vendor_name", s), ("version", s)])),
            ("profiles", strings),
        ])),
        ("finding_info", pa.struct([
            ("uid", s), ("title", s), ("created_time", i64), ("first_seen_time", i64),
            ("last_seen_time", i64),
        ])),
        ("compliance", pa.struct([
            ("control", s), ("standards", strings), ("requirements", strings),
            ("status_id", i32), ("status", s),
        ])),
        ("remediation", pa.struct([("desc", s)])),
        ("cloud", pa.struct([
            ("provider", s), ("region", s), ("project_uid", s),
            ("account", pa.struct([("uid", s), ("type_id", i32), ("type", s)])),
        ])),
        ("resource", pa.struct([
            ("uid", s), ("type", s), ("name", s), ("region", s), ("labels", strings),
        ])),
    ])  # fmt: skip


def partition_of(record: Mapping[str, Any]) -> str:
    """``region=<region>/accountId=<account>/eventDay=YYYYMMDD`` of one record."""
    day = datetime.fromtimestamp(record["time"] / 1000, tz=UTC).strftime("%Y%m%d")
    cloud = record["cloud"]
    return f"region={cloud['region']}/accountId={cloud['account']['uid']}/eventDay={day}"


def _safe(part: str) -> str:
    # A path segment: regions and account ids never hold these, but a custom one might.
    return part.replace("/", "_").replace("\\", "_").replace("..", "_")


def write_ocsf_parquet(result: Mapping[str, Any], directory: str | Path) -> list[Path]:
    """Write the result's OCSF records under ``directory``; return the objects written."""
    pa = _pyarrow()
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in ocsf_findings(result):
        groups[partition_of(record)].append(record)
    arrow_schema = schema()
    stamp = datetime.fromtimestamp(event_time(result) / 1000, tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    written: list[Path] = []
    root = Path(directory)
    for partition, records in sorted(groups.items()):
        folder = root.joinpath(*(_safe(p) for p in partition.split("/")))
        folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(
            "\n".join(r["finding_info"]["uid"] for r in records).encode()
        ).hexdigest()[:12]
        target = folder / f"cspm-opa-ocsf-{CLASS_UID}-{stamp}-{digest}.parquet"
        table = pa.Table.from_pylist(records, schema=arrow_schema)
        pa.parquet.write_table(table, target, compression="zstd")
        written.append(target)
    return written
