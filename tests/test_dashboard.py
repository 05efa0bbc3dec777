"""The trend dashboard: the store's fail timelines and the numbers built on them (time to
resolve, open FAILs after each scan, ages, accounts by risk) on SQLite and PostgreSQL, and
the page from a store of real scan results, checked in Chromium."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from cspm_opa import LocalOpa, snapshot_from_dict
from cspm_opa.cli import main
from cspm_opa.cli._common import run_evaluation
from cspm_opa.dashboard import build_dashboard_data, dashboard_data, render_dashboard
from cspm_opa.store import open_store
from cspm_opa.testing.estate import sample_estate
from tests.browser import open_page
from tests.store.test_store import finding, result, snapshot, uid

OTHER = "444455556666"


def _with(f: dict[str, Any], *, priority: int | None = None, severity: str = "") -> dict[str, Any]:
    if priority is not None:
        f["priority"] = {"level": "CRITICAL" if priority >= 85 else "HIGH", "score": priority,
                         "factors": []}  # fmt: skip
    if severity:
        f["severity"] = severity
    return f


def _history(store_url: str) -> None:
    """Day 1: a, b fail; day 3: a fixed, c fails; day 6: a fails again, b's bucket is gone,
    c is UNKNOWN (still open), d fails; the other account has one FAIL throughout."""
    with open_store(store_url) as store:
        store.record(
            result(1, finding(1, "FAIL", "a"), _with(finding(2, "FAIL", "b"), severity="CRITICAL"),
                   finding(3, "PASS", "c"), finding(4, "PASS", "d")),
            [snapshot("a", "b", "c", "d")],
        )  # fmt: skip
        store.record(
            result(3, finding(1, "PASS", "a"), _with(finding(2, "FAIL", "b"), severity="CRITICAL"),
                   _with(finding(3, "FAIL", "c"), severity="CRITICAL", priority=95),
                   finding(4, "PASS", "d")),
            [snapshot("a", "b", "c", "d")],
        )  # fmt: skip
        store.record(
            result(6, _with(finding(1, "FAIL", "a"), priority=70),
                   _with(finding(3, "UNKNOWN", "c"), severity="CRITICAL"),
                   _with(finding(4, "FAIL", "d"), severity="LOW", priority=20)),
            [snapshot("a", "c", "d")],
        )  # fmt: skip
        store.record(
            result(6, _with(finding(9, "FAIL", "x", account=OTHER), priority=60)),
            [snapshot("x", account=OTHER)],
        )  # fmt: skip


def test_fail_timelines(store_url: str) -> None:
    _history(store_url)
    with open_store(store_url) as store:
        timelines = {t.uid: t for t in store.fail_timelines()}
    assert set(timelines) == {uid(1), uid(2), uid(3), uid(4), uid(9)}
    a, b, c = timelines[uid(1)], timelines[uid(2)], timelines[uid(3)]
    assert [(o.scan_id, o.status) for o in a.observations] == [
        (1, "FAIL"),
        (2, "PASS"),
        (3, "FAIL"),
    ]
    assert a.state == "FAIL" and a.observations[-1].priority_score == 70
    assert b.state == "GONE" and [o.scan_id for o in b.observations] == [1, 2]
    assert b.gone_at is not None and b.gone_at[0] == 3 and b.gone_at[1].day == 6
    assert [scan_id for scan_id, _ in b.missing_from] == [3] and a.missing_from == ()
    assert c.state == "FAIL" and c.observations[-1].status == "UNKNOWN" and c.gone_at is None
    assert timelines[uid(9)].account == OTHER


def test_dashboard_numbers(store_url: str) -> None:
    _history(store_url)
    with open_store(store_url) as store:
        data = dashboard_data(store)
    assert [s.id for s in data.scans] == [1, 2, 3, 4]
    assert data.as_of == "2026-01-06T10:00:00Z"
    # open after each scan: {a, b}, {b, c}, {a, c, d} (b gone, c UNKNOWN), + x
    assert [s.open for s in data.scans] == [2, 2, 3, 4]
    assert [(s.new, s.resolved) for s in data.scans] == [(2, 0), (1, 1), (2, 1), (1, 0)]
    # a (HIGH) fixed after 2 days; b (CRITICAL) found gone after 5
    assert data.mttr_days["HIGH"] == 2.0 and data.resolved_counts["HIGH"] == 1
    assert data.mttr_days["CRITICAL"] == 5.0 and data.mttr_days["LOW"] is None
    # open CRITICAL/HIGH: c since day 3 (3 days), a again since day 6, x since day 6
    assert data.age_buckets["1-7 days"] == {"CRITICAL": 1, "HIGH": 0}
    assert data.age_buckets["< 1 day"] == {"CRITICAL": 0, "HIGH": 2}
    assert (data.oldest_open[0].uid, data.oldest_open[0].age_days) == (uid(3), 3.0)
    # ranked by the priority of open FAILs: a 70 + c 95 + d 20 against x 60
    assert data.ranked_by == "priority"
    assert [(a.account, a.risk, a.open_fails, a.top_priority) for a in data.accounts] == [
        ("111122223333", 185, 3, "CRITICAL"),
        (OTHER, 60, 1, "HIGH"),
    ]


def test_without_priority_accounts_rank_by_posture_and_empty_stores_render() -> None:
    scans = [
        {"id": i, "generated_at": f"2026-01-0{i}T00:00:00Z", "kind": "scan", "event_id": None,
         "accounts": [{"provider": "aws", "account": acct, "snapshot": "x"}],
         "posture_score": score, "compliance": {"SOC2": 50.0}, "counts": {},
         "delta": {"previous_scan": None, "new": 0, "resolved": 0, "regressed": 0,
                   "unchanged": 0}}
        for i, acct, score in ((1, "a", 80), (2, "b", 40), (3, "c", None))
    ]  # fmt: skip
    data = build_dashboard_data(scans, [])
    assert data.ranked_by == "posture score"
    assert [a.account for a in data.accounts] == ["b", "a", "c"]
    empty = render_dashboard(build_dashboard_data([], []))
    assert "No scans are recorded" in empty


# -- the page, from real results -------------------------------------------------------


def _drop(docs: list[dict[str, Any]], resource_type: str) -> list[dict[str, Any]]:
    out = copy.deepcopy(docs)
    for doc in out:
        doc["resources"].pop(resource_type, None)
    return out


def test_dashboard_page_renders_in_chromium(
    engine: LocalOpa, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three recorded scans of the sample estate: as it is, with its buckets deleted (their
    FAILs resolved), and as it was (they fail again); then `cspm-opa dashboard`."""
    estate = sample_estate()
    url = f"sqlite:///{tmp_path / 'history.db'}"
    with open_store(url) as store:
        for day, docs in ((1, estate), (4, _drop(estate, "aws_s3_bucket")), (9, estate)):
            snaps = [snapshot_from_dict(d) for d in docs]
            _, scan_result = run_evaluation(snaps, engine)
            scan_result["generated_at"] = f"2026-11-{day:02d}T09:00:00Z"
            store.record(scan_result, snaps)
        history = store.scans()
    resolved, regressed = history[1]["delta"]["resolved"], history[2]["delta"]["regressed"]
    assert resolved > 0 and regressed == resolved
    with open_store(url) as store:
        data = dashboard_data(store)
    # the deleted buckets' FAILs close when they go, and open again when they return
    opened = history[0]["delta"]["new"]
    assert [s.open for s in data.scans] == [opened, opened - resolved, opened]
    assert sum(data.resolved_counts.values()) == resolved
    page = tmp_path / "dashboard.html"
    assert main(["dashboard", "--store", url, "-o", str(page)]) == 0
    html = page.read_text()
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<link" not in html and "src=" not in html  # nothing fetched

    run = open_page(page, tmp_path)
    assert run.console_errors == []
    assert 'data-charts="6"' in run.dom
    for chart in ("posture", "compliance", "changes", "open", "mttr", "age"):
        assert f'id="chart-{chart}"' in run.dom
    assert f">{history[-1]['posture_score']}/100<" in run.dom
    rows = re.findall(r"<tr><td>(\d+)</td><td>scan</td>", run.dom)
    assert rows == [str(s["id"]) for s in history]
    assert run.dom.count('class="line"') >= 3  # posture, each framework, open
    assert "Ranked by priority" in run.dom
    image = Image.open(run.screenshot).convert("RGB")
    assert len(image.getcolors(maxcolors=1 << 20) or []) > 50, "screenshot is blank"
    capsys.readouterr()
