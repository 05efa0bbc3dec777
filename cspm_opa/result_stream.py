"""The scan result written as findings arrive, for runs too large to hold.

A streamed run (``cspm-opa evaluate --stream``, or any evaluation of snapshot files
larger than :data:`STREAM_BYTES` in a format that can be streamed) writes each finding
to the JSON, CSV or OCSF output as its part of the snapshot answers, and keeps only:

* a tally of results by (account, check, status, severity), from which the compliance
  summary, the posture score and the summary are computed exactly as
  :func:`cspm_opa.result.build_scan_result` computes them from the findings;
* the :data:`TOP_N` worst FAIL and UNKNOWN findings (severity, then check, account,
  resource), which the terminal table and text report are rendered from.

The JSON written has the schema of every scan result (schemas/scan_result.json). How a
streamed run differs: findings are in the order parts answered, not sorted; the risk
layer (security graph, attack paths, priorities) is not run, so no finding has a
``priority`` and ``attack_paths`` is empty; the table lists at most TOP_N findings and
says how many it left out. With a history store (:attr:`StreamedScan.recorder`), each
slice is also written to the store as it comes and stamped with its first/last seen, and
the delta is computed there at the end (``Store.stream_scan``). Alert routes, ``--to``
and the formats that need every finding at once (SARIF, JUnit, Markdown, HTML, ASFF,
OCSF Parquet) use the in-memory run.
"""

from __future__ import annotations

import csv
import heapq
import io
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from itertools import chain, repeat
from typing import IO, TYPE_CHECKING, Any

from cspm_opa import _json
from cspm_opa.compliance import compliance_summary, posture_score
from cspm_opa.engine.catalog import Catalog
from cspm_opa.model import Finding, ResourceRef, Severity, Snapshot, Status
from cspm_opa.result import _summary, build_scan_result
from cspm_opa.scope import Scope
from cspm_opa.waivers import Waiver, apply_waivers

if TYPE_CHECKING:
    from cspm_opa.store._streamed import ScanWriter

__all__ = ["STREAMED_FORMATS", "STREAM_BYTES", "TOP_N", "StreamedScan"]

STREAM_BYTES = 160 * 1024 * 1024
"""Snapshot files larger than this together (about 250k resources) are evaluated streamed
when nothing asked for needs every finding at once."""

STREAMED_FORMATS = ("json", "csv", "ocsf", "table", "text")
TOP_N = 1000
"""The worst FAIL and UNKNOWN findings a streamed run keeps for the table and text."""

_SEVERITY_RANK = {s: i for i, s in enumerate(sorted(Severity, reverse=True))}
_STATUS_RANK = {Status.FAIL: 0, Status.UNKNOWN: 1}
_SLICE = 2000


class StreamedScan:
    """Findings in (:meth:`add`), written in ``fmt`` to ``out`` as they come; the scan
    result's aggregates and the top findings out (:meth:`finish`)."""

    def __init__(
        self,
        envelopes: Sequence[Snapshot],
        counts: Sequence[int],
        catalog: Catalog,
        *,
        fmt: str,
        out: IO[bytes] | None,
        scope: Scope | None = None,
        waivers: Sequence[Waiver] = (),
        tool: dict[str, str] | None = None,
        today: date | None = None,
        top: int = TOP_N,
    ):
        self.scope = scope or Scope()
        self.envelopes, self.catalog = list(envelopes), catalog
        self.waivers, self.today = list(waivers), today or datetime.now(UTC).date()
        self.result = build_scan_result(self.envelopes, [], catalog, scope=self.scope, tool=tool)
        for entry, count in zip(self.result["scope"], counts, strict=True):
            entry["resources"] = count
        self.fmt, self.out, self.top = fmt, out, top
        self.matched = [0] * len(self.waivers)
        self.tally: Counter[tuple[str, str, Status, Severity]] = Counter()
        self.worst: list[tuple[tuple[Any, ...], int, dict[str, Any]]] = []
        self.kept_out = 0
        self.written = 0
        self.recorder: ScanWriter | None = None
        """Where each slice of findings is also recorded (a history store), if anywhere."""
        self._csv: Any = None
        self._start()

    # -- writing -----------------------------------------------------------------------

    def _start(self) -> None:
        if self.out is None:
            return
        if self.fmt == "json":
            keys = list(self.result)
            head = {k: self.result[k] for k in keys[: keys.index("findings")]}
            self.out.write(_json.dumps(head, indent=False)[:-1] + b',"findings":[')
        elif self.fmt == "csv":
            from cspm_opa.export.csv import COLUMNS

            self._text = io.TextIOWrapper(self.out, encoding="utf-8", newline="")
            self._csv = csv.writer(self._text, lineterminator="\r\n")
            self._csv.writerow(COLUMNS)

    def _write(self, docs: list[dict[str, Any]]) -> None:
        if self.out is None or not docs:
            return
        if self.fmt == "json":
            sep = b"\n" if self.written == 0 else b",\n"
            self.out.write(sep + b",\n".join(_json.dumps(d, indent=False) for d in docs))
        elif self.fmt == "csv":
            from cspm_opa.export.csv import csv_row

            self._csv.writerows(csv_row(d) for d in docs)
        elif self.fmt == "ocsf":
            from cspm_opa.export.ocsf import ocsf_findings

            batch = {**self.result, "findings": docs}
            self.out.write(
                b"".join(_json.dumps(r, indent=False) + b"\n" for r in ocsf_findings(batch))
            )
        self.written += len(docs)

    def add(self, findings: Sequence[Finding]) -> None:
        """Take one part's findings: waive, count, keep the worst, write (a slice at a
        time, so that only a slice is ever held as dictionaries and text)."""
        for start in range(0, len(findings), _SLICE):
            self._add(findings[start : start + _SLICE])

    def _add(self, findings: Sequence[Finding]) -> None:
        waived, report = apply_waivers(findings, self.waivers, self.today)
        for i, entry in enumerate(report):
            self.matched[i] += entry["matched"]
        docs = []
        tally, worst, top = self.tally, self.worst, self.top
        for f in waived:
            tally[(f.resource.account, f.policy_id, f.status, f.severity)] += 1
            doc = f.to_dict()
            docs.append(doc)
            rank = _STATUS_RANK.get(f.status)
            if rank is None:
                continue
            key = (-rank, -_SEVERITY_RANK[f.severity], _neg(f.policy_id),
                   _neg(f.resource.account), _neg(f.resource.id))  # fmt: skip
            seen = -self.written - len(docs)  # ties: the earlier kept
            if len(worst) < top:
                heapq.heappush(worst, (key, seen, doc))
            else:
                self.kept_out += 1
                if (key, seen) > worst[0][:2]:
                    heapq.heapreplace(worst, (key, seen, doc))
        if self.recorder is not None:
            self.recorder.add(docs)
        self._write(docs)

    # -- the result ----------------------------------------------------------------------

    def finish(self) -> dict[str, Any]:
        """Close the output and return the scan result: every aggregate, the waivers'
        report, and the top findings (worst first) as ``findings``."""
        profiles = self.scope.profiles(self.envelopes)
        criticality = {p.account: p.criticality for p in profiles}
        providers = {s.provider for s in self.envelopes}
        policies = [p for p in self.catalog.policies if p.provider in providers]
        _, report = apply_waivers([], self.waivers, self.today)
        for i, entry in enumerate(report):
            entry["matched"] = self.matched[i]
        distinct = {key: _stand_in(*key) for key in self.tally}
        replayed = list(chain.from_iterable(repeat(distinct[k], n) for k, n in self.tally.items()))
        tail = {
            "compliance": compliance_summary(policies, distinct.values(), profiles),
            "posture_score": posture_score(replayed, criticality, []),
            "summary": _summary(replayed, criticality, []),
            "waivers": report,
        }
        del replayed
        result = self.result
        result.update(tail)
        if self.recorder is not None:
            _, delta = self.recorder.finish(result)
            result["delta"] = delta.to_dict()
        if self.out is not None:
            if self.fmt == "json":
                keys = list(result)
                after = {k: result[k] for k in keys[keys.index("findings") + 1 :]}
                self.out.write(b"\n]," + _json.dumps(after, indent=False)[1:] + b"\n")
            elif self.fmt == "csv":
                self._text.flush()
                self._text.detach()
            self.out.flush()
        result["findings"] = [doc for *_, doc in sorted(self.worst, reverse=True)]
        return result

    def failing(self) -> Iterator[Severity]:
        """The severity of every kind of FAIL seen (for --fail-on)."""
        return (sev for (_, _, status, sev) in self.tally if status is Status.FAIL)


class _Neg(str):
    """A string that sorts in reverse (so the heap's smallest is the last in order)."""

    __slots__ = ()

    def __lt__(self, other: str) -> bool:
        return str.__gt__(self, other)

    def __gt__(self, other: str) -> bool:
        return str.__lt__(self, other)


def _neg(value: str) -> _Neg:
    return _Neg(value)


def _stand_in(account: str, policy_id: str, status: Status, severity: Severity) -> Finding:
    """A finding that stands for every result with these values in the aggregates (which
    read nothing else of a finding when no risk layer ran)."""
    return Finding(
        uid="",
        policy_id=policy_id,
        title="",
        severity=severity,
        status=status,
        message="",
        remediation="",
        resource=ResourceRef(id="", type="", provider="", account=account),
    )
