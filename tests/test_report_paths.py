"""Risk in the renderers: findings ordered by priority, TOP ATTACK PATHS in the text,
Markdown and HTML reports (the HTML chain checked in Chromium), and attack paths and
priority in SARIF. The scan result is built by hand on top of the sample estate so every
case (grouping across accounts, a possible path, more than ten paths, ties) is present."""

from __future__ import annotations

import copy
import html
import itertools
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from PIL import Image

from cspm_opa import LocalOpa, evaluate, snapshot_from_dict
from cspm_opa.export import render_csv, sarif_log
from cspm_opa.report import render_html, render_markdown, render_table, render_text
from cspm_opa.report.data import by_priority, eta
from cspm_opa.result import assess
from cspm_opa.schemas import default_store
from cspm_opa.scope import load_scope
from cspm_opa.testing.estate import sample_estate
from cspm_opa.waivers import load_waivers
from tests.browser import open_page
from tests.conftest import REPO

DEMO = REPO / "cspm_opa" / "localclouds" / "demo"
SARIF_SCHEMA = REPO / ".tools" / "sarif-2.1.0-rtm.5.json"
PROD, DEV = "111122223333", "444455556666"
BASE_SCORE = {"CRITICAL": 85, "HIGH": 65, "MEDIUM": 45, "LOW": 25, "INFO": 10}


@pytest.fixture(scope="module")
def plain() -> dict[str, Any]:
    """The sample estate's scan result as it is without risk: no priority, no paths."""
    snaps = [snapshot_from_dict(d) for d in sample_estate()]
    with LocalOpa() as engine:
        findings = evaluate(snaps, engine)
        outcome = assess(
            snaps, findings, engine.catalog, scope=load_scope(DEMO / "scope.yaml"),
            waivers=load_waivers(REPO / "tests" / "data" / "waivers.yaml"),
            today=date(2026, 11, 29),
        )  # fmt: skip
    result = copy.deepcopy(outcome.result)
    result["attack_paths"] = []
    for f in result["findings"]:
        f.pop("priority", None)
    return result


def _find(result: dict[str, Any], policy: str, name: str) -> dict[str, Any]:
    return next(
        f for f in result["findings"]
        if f["policy_id"] == policy and f["resource"]["name"] == name
    )  # fmt: skip


def _ref(f_or_ref: dict[str, Any]) -> dict[str, str]:
    r = f_or_ref.get("resource", f_or_ref)
    return {k: r[k] for k in ("provider", "account", "type", "id", "name")}


def _path(  # noqa: PLR0917 - a path literal reads best positionally
    pid: str, rule: str, title: str, risk: str, steps: list[tuple[dict[str, str], str]],
    target: tuple[dict[str, str], str], findings: list[str], **extra: Any,
) -> dict[str, Any]:  # fmt: skip
    refs = [r for r, _ in steps] + [target[0]]
    within = {"CRITICAL": "P1D", "HIGH": "P7D", "MEDIUM": "P30D", "LOW": "P90D"}[risk]
    return {
        "id": pid, "rule": rule, "title": title, "risk": risk,
        "confidence": "possible" if "unknown_edges" in extra else "certain",
        "accounts": sorted({r["account"] for r in refs}), "entry": extra.pop("entry", "internet"),
        "steps": [{"resource": r, "why": why} for r, why in steps],
        "target": {"resource": target[0], "why": target[1]},
        "findings": sorted(findings), "remediate_within": within, **extra,
    }  # fmt: skip


@pytest.fixture(scope="module")
def ranked(plain: dict[str, Any]) -> dict[str, Any]:
    """The same result with attack paths and a priority on every FAIL and UNKNOWN finding."""
    r = copy.deepcopy(plain)
    policies = ("AWS-S3-002", "AWS-S3-001", "AWS-CLOUDTRAIL-004", "AWS-CLOUDTRAIL-005")
    scratch = {p: _find(r, p, "dev-scratch") for p in policies}
    bastion, batch = _find(r, "AWS-EC2-003", "bastion"), _find(r, "AWS-EC2-002", "payments-batch-1")
    db = [_find(r, "AWS-RDS-001", "dev-db"), _find(r, "AWS-RDS-003", "dev-db")]
    prod_scratch = {**_ref(scratch["AWS-S3-002"]), "account": PROD, "id": "arn:aws:s3:::prod-x"}
    admin = {"provider": "aws", "account": PROD, "type": "aws_iam_role",
             "id": f"arn:aws:iam::{PROD}:role/admin-role", "name": "admin-role"}  # fmt: skip
    public = "public read via bucket policy; PII data"
    paths = [
        _path("PATH-AWS-001-aaaaaaaaaaa1", "PATH-AWS-001", "Internet to a public bucket with "
              "sensitive data", "CRITICAL", [], (_ref(scratch["AWS-S3-002"]), public),
              [f["uid"] for f in scratch.values()]),
        _path("PATH-AWS-001-aaaaaaaaaaa2", "PATH-AWS-001", "Internet to a public bucket with "
              "sensitive data", "CRITICAL", [], (prod_scratch, public), []),
        _path("PATH-AWS-004-bbbbbbbbbbbb", "PATH-AWS-004", "SSH to an instance whose role is "
              "admin", "HIGH", [(_ref(bastion), "SSH open to 0.0.0.0/0"),
                                (_ref(batch), "instance profile reachable over IMDSv1")],
              (admin, "AdministratorAccess"), [bastion["uid"], batch["uid"]]),
        _path("PATH-AWS-003-cccccccccccc", "PATH-AWS-003", "Internet to a publicly reachable "
              "database", "HIGH", [], (_ref(db[0]), "publicly accessible database"),
              [f["uid"] for f in db],
              unknown_edges=[{"from": {"provider": "", "account": "", "type": "internet",
                                       "id": "internet", "name": "Internet"},
                              "to": _ref(db[0]), "why": "security group not collected"}]),
    ]  # fmt: skip
    for i in range(10):
        bucket = {**_ref(scratch["AWS-S3-002"]), "id": f"arn:aws:s3:::filler-{i}",
                  "name": f"filler-{i}"}  # fmt: skip
        paths.append(_path(f"PATH-AWS-009-{i:012d}", "PATH-AWS-009", "Network to an internal "
                           "bucket", "LOW", [], (bucket, "reachable from the VPC"), [],
                           entry="network"))  # fmt: skip
    r["attack_paths"] = paths
    on: dict[str, list[str]] = {}
    for p in paths:
        for uid in p["findings"]:
            on.setdefault(uid, []).append(p["id"])
    special = {
        scratch["AWS-CLOUDTRAIL-004"]["uid"]: 97,  # a LOW finding that outranks every HIGH
        _find(r, "AWS-S3-001", "payments-exports")["uid"]: 72,  # UNKNOWN MEDIUM ...
        _find(r, "AWS-RDS-002", "reporting-db")["uid"]: 72,  # ... ties with a FAIL LOW
    }
    for f in r["findings"]:
        if f["status"] in ("FAIL", "UNKNOWN"):
            score = special.get(f["uid"], BASE_SCORE[f["severity"]] + 5 * bool(on.get(f["uid"])))
            level = next(lv for lv, lo in (("CRITICAL", 90), ("HIGH", 70), ("MEDIUM", 40),
                                           ("LOW", 0)) if score >= lo)  # fmt: skip
            f["priority"] = {"level": level, "score": score, "factors": {
                "severity": f["severity"], "exposure": "internet" if f["uid"] in on else "none",
                "attack_paths": on.get(f["uid"], []), "data_sensitivity": "unclassified",
                "account_criticality": "medium", "blast_radius": 0}}  # fmt: skip
    return r


def test_the_hand_built_results_are_scan_results(
    plain: dict[str, Any], ranked: dict[str, Any]
) -> None:
    store = default_store()
    assert list(store.issues("scan_result.json", plain)) == []
    assert list(store.issues("scan_result.json", ranked)) == []
    assert any(f["status"] == "WAIVED" for f in ranked["findings"])  # findings with no priority


# -- ordering ---------------------------------------------------------------------------------

_ROW = re.compile(r"^(CRITICAL|HIGH|MEDIUM|LOW) (\d+)\s+(FAIL|UNKNOWN)\s+(\w+)\s+(\S+)\s+(\d+)")


def test_table_orders_by_priority_score_then_severity(ranked: dict[str, Any]) -> None:
    out = render_table(ranked)
    assert out.splitlines()[1].startswith("PRIORITY")
    rows = [m.groups() for line in out.splitlines() if (m := _ROW.match(line))]
    expected = [f for f in ranked["findings"] if f["status"] in ("FAIL", "UNKNOWN")]
    assert len(rows) == len(expected)
    scores = [int(s) for _, s, *_ in rows]
    assert scores == sorted(scores, reverse=True)
    # A LOW finding with the top score comes first, above every HIGH one.
    assert rows[0][1:5] == ("97", "FAIL", "LOW", "AWS-CLOUDTRAIL-004")
    # Equal scores: severity decides, even against the old status order (FAIL before UNKNOWN).
    tied = [(status, sev, pid) for _, s, status, sev, pid, _ in rows if s == "72"]
    assert tied == [("UNKNOWN", "MEDIUM", "AWS-S3-001"), ("FAIL", "LOW", "AWS-RDS-002")]


def test_without_priority_the_table_is_as_before(plain: dict[str, Any]) -> None:
    out = render_table(plain)
    assert "PRIORITY" not in out
    status = {"FAIL": 0, "UNKNOWN": 1}
    sev = {"CRITICAL": 0, "HIGH": 1, "MEDIUM": 2, "LOW": 3, "INFO": 4}
    rows = [f for f in plain["findings"] if f["status"] in status]
    rows.sort(key=lambda f: (status[f["status"]], sev[f["severity"]], f["policy_id"],
                             f["resource"]["account"], f["resource"]["id"]))  # fmt: skip
    listed = [line.split()[:3] for line in out.splitlines() if line.split()[:1] in
              (["FAIL"], ["UNKNOWN"])]  # fmt: skip
    assert listed == [[f["status"], f["severity"], f["policy_id"]] for f in rows]
    assert by_priority(rows) == rows


def test_html_findings_follow_priority_and_plain_keeps_result_order(
    plain: dict[str, Any], ranked: dict[str, Any]
) -> None:
    def first_cells(page: str) -> list[list[str]]:
        body = page.split('<table id="findings">', 1)[1].split("</table>", 1)[0]
        rows = [[html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr)[:4]]
                for tr in re.findall(r"<tr>(.*?)</tr>", body)]  # fmt: skip
        return [r for r in rows if r]  # not the header

    rows = first_cells(render_html(ranked))
    assert rows[0][0].startswith("CRITICAL 97") and rows[0][1:3] == ["FAIL", "LOW"]
    ranked_scores = [int(c[0].split()[1]) for c in rows if c[0] != "-"]
    assert ranked_scores == sorted(ranked_scores, reverse=True)
    assert rows[-1][0] == "-" and rows[-1][1] == "WAIVED"  # no priority: after the ranked ones
    assert any("· 1 path" in c[0] for c in rows)
    plain_rows = first_cells(render_html(plain))
    not_pass = [f for f in plain["findings"] if f["status"] != "PASS"]
    assert [c[:2] for c in plain_rows] == [[f["status"], f["severity"]] for f in not_pass]
    # JSON-shaped exports keep the result's order.
    assert render_csv(ranked).splitlines()[1].startswith(ranked["findings"][0]["uid"])


def test_text_and_markdown_list_the_top_findings_by_priority(
    plain: dict[str, Any], ranked: dict[str, Any]
) -> None:
    text = render_text(ranked)
    section = text.split("Top findings by priority\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(section) == 10
    assert section[0].split()[:4] == ["CRITICAL", "97", "FAIL", "AWS-CLOUDTRAIL-004"]
    assert "on 1 attack path(s)" in section[0]
    md = render_markdown(ranked)
    assert "### Top findings by priority" in md
    assert "| CRITICAL | 97 | FAIL | `AWS-CLOUDTRAIL-004`" in md
    for page in (render_text(plain), render_markdown(plain), render_html(plain)):
        assert "by priority" not in page and "attack path" not in page.lower()


# -- TOP ATTACK PATHS -----------------------------------------------------------------------------


def test_eta_reads_iso_day_durations() -> None:
    assert [eta(d) for d in ("P1D", "P7D", "P30D", "P90D")] == [
        "1 day", "7 days", "30 days", "90 days"]  # fmt: skip


def test_text_report_has_top_attack_paths(ranked: dict[str, Any]) -> None:
    text = render_text(ranked)
    section = text.split("TOP ATTACK PATHS\n", 1)[1].split("\n\n", 1)[0]
    assert text.index("TOP ATTACK PATHS") < text.index("Compliance")
    lines = section.splitlines()
    numbered = [line for line in lines if re.match(r"\s*\d+\. ", line)]
    assert len(numbered) == 10  # 13 groups (14 paths, two grouped): the top ten ...
    assert lines[-1].strip() == "... and 3 more attack path(s) in the JSON result"
    assert lines[:3] == [
        " 1. Internet -> dev-scratch (public read via bucket policy; PII data)",
        "    Internet to a public bucket with sensitive data [PATH-AWS-001]",
        "    Affected: 2 accounts | Risk: Critical | ETA to remediate: 1 day",
    ]
    assert lines[3:6] == [
        " 2. Internet -> bastion (SSH open to 0.0.0.0/0) -> payments-batch-1 (instance profile"
        " reachable over IMDSv1) -> admin-role (AdministratorAccess)",
        "    SSH to an instance whose role is admin [PATH-AWS-004]",
        "    Affected: 1 account | Risk: High | ETA to remediate: 7 days",
    ]
    assert lines[6:10] == [
        " 3. Internet -> dev-db (publicly accessible database)",
        "    Internet to a publicly reachable database [PATH-AWS-003]",
        "    Affected: 1 account | Risk: High | ETA to remediate: 7 days",
        "    Possible path (not collected: security group not collected (Internet -> dev-db))",
    ]
    assert " 4. Network -> filler-0 (reachable from the VPC)" in lines
    assert "ETA to remediate: 90 days" in section


def test_markdown_report_has_top_attack_paths(ranked: dict[str, Any]) -> None:
    md = render_markdown(ranked)
    section = md.split("### Top attack paths\n", 1)[1].split("### ", 1)[0]
    plain = re.sub(r"\\(.)", r"\1", section.replace("**", ""))
    assert "1. Internet -> dev-scratch (public read via bucket policy; PII data)" in plain
    assert "Affected: 2 accounts | Risk: Critical | ETA to remediate: 1 day" in plain
    assert "3. Internet -> dev-db (publicly accessible database) *(possible)*" in plain
    assert "Possible path (not collected: security group not collected" in plain
    assert len(re.findall(r"^\d+\. ", section, re.M)) == 10
    assert "… and 3 more attack path(s)" in section
    assert "|" not in section.replace("\\|", "").replace(" | ", "")  # no stray table pipes


def test_a_long_reason_is_clipped_in_the_chain_but_kept_in_html(ranked: dict[str, Any]) -> None:
    r = copy.deepcopy(ranked)
    long_why = "public read via bucket policy; PII data; " + "x" * 80
    r["attack_paths"][0]["target"]["why"] = r["attack_paths"][1]["target"]["why"] = long_why
    first = render_text(r).split("TOP ATTACK PATHS\n", 1)[1].splitlines()[0]
    assert first.endswith("…)") and len(first) < 100
    assert f'title="{long_why}"' in render_html(r)


def _injected(page: str) -> str:
    """The report with a probe that writes the chains' layout into the DOM, at a fixed page
    width so the DOM run (default window) and the screenshot run lay out the same."""
    probe = """<style>body{width:1300px}</style><script>
(function () {
  var out = [].map.call(document.querySelectorAll('li.path'), function (li) {
    return {possible: li.classList.contains('possible'),
      parts: [].map.call(li.querySelector('.chain').children, function (el) {
        var r = el.getBoundingClientRect(), cs = getComputedStyle(el);
        var line = el.querySelector('line');
        return {tag: el.tagName.toLowerCase(), cls: el.getAttribute('class'),
          x: r.left, y: r.top + window.scrollY, w: r.width, h: r.height, bg: cs.backgroundColor,
          border: cs.borderTopStyle, dash: line ? line.getAttribute('stroke-dasharray') : null};
      })};
  });
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.style.display = 'none';
  pre.textContent = JSON.stringify({dpr: window.devicePixelRatio, paths: out});
  document.body.appendChild(pre);
})();
</script></body>"""
    return page.replace("</body>", probe)


def test_html_draws_each_path_as_a_chain_in_chromium(
    ranked: dict[str, Any], tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    page.write_text(_injected(render_html(ranked)))
    run = open_page(page, tmp_path)
    assert run.console_errors == []
    raw = re.search(r'<pre id="probe"[^>]*>(.*?)</pre>', run.dom, re.S)
    assert raw is not None, "the probe did not run"
    probe = json.loads(html.unescape(raw.group(1)))
    paths = probe["paths"]
    assert len(paths) == 10
    expected_nodes = [2, 4, 2] + [2] * 7  # entry + steps + target
    for path, nodes in zip(paths, expected_nodes, strict=True):
        parts = path["parts"]
        kinds = [p["tag"] for p in parts]
        # box, arrow, box, arrow, ..., box: boxes joined by SVG arrows
        assert kinds == ["div", *["svg", "div"] * (nodes - 1)]
        assert parts[0]["cls"] == "node entry" and parts[-1]["cls"].startswith("node target")
        # visible, laid out left to right on a row (centres aligned), never overlapping
        for a, b in itertools.pairwise(parts):
            assert a["w"] > 0 and a["h"] > 0 and b["w"] > 0 and b["h"] > 0
            assert b["x"] >= a["x"] + a["w"] - 0.5
            assert abs((a["y"] + a["h"] / 2) - (b["y"] + b["h"] / 2)) < 2
    # The critical target is filled with the critical colour; the possible path is dashed.
    assert paths[0]["parts"][-1]["bg"] == "rgb(123, 31, 162)"
    possible = paths[2]
    assert possible["possible"] and not paths[0]["possible"]
    assert possible["parts"][1]["dash"] and possible["parts"][2]["border"] == "dashed"
    assert paths[1]["parts"][1]["dash"] is None and paths[1]["parts"][2]["border"] == "solid"
    # And the screenshot shows it: the critical box's pixels are that purple.
    image = Image.open(run.screenshot).convert("RGB")
    target, dpr = paths[0]["parts"][-1], probe["dpr"]
    x, y = int((target["x"] + 5) * dpr), int((target["y"] + target["h"] / 2) * dpr)
    assert y < image.height, "the attack paths are below the screenshot"
    assert image.getpixel((x, y)) == (123, 31, 162)


# -- SARIF --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    assert SARIF_SCHEMA.is_file(), "run `make install` (the Makefile fetches the SARIF schema)"
    return jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text()))


def test_sarif_with_paths_and_priority_validates(
    ranked: dict[str, Any], sarif_validator: jsonschema.Draft4Validator
) -> None:
    for log in (sarif_log(ranked), sarif_log(ranked, include_pass=True)):
        errors = [f"{list(e.path)}: {e.message}" for e in sarif_validator.iter_errors(log)]
        assert errors == []


def _fqn(ref: dict[str, str]) -> str:
    return f"{ref['provider']}/{ref['account']}/{ref['id']}"


def test_sarif_results_on_paths_carry_related_locations_and_code_flows(
    ranked: dict[str, Any],
) -> None:
    results = {r["partialFingerprints"]["cspmFindingUid/v1"]: r
               for r in sarif_log(ranked)["runs"][0]["results"]}  # fmt: skip
    paths = {p["id"]: p for p in ranked["attack_paths"]}
    on: dict[str, list[str]] = {}
    for p in ranked["attack_paths"]:
        for uid in p["findings"]:
            on.setdefault(uid, []).append(p["id"])
    assert len(on) == 8
    for uid, result in results.items():
        if uid not in on:
            assert "codeFlows" not in result and "relatedLocations" not in result
            assert "attack_paths" not in result["properties"]
            continue
        assert result["properties"]["attack_paths"] == on[uid]
        related = {(loc["logicalLocations"][0]["fullyQualifiedName"], loc["message"]["text"])
                   for loc in result["relatedLocations"]}  # fmt: skip
        ids = [loc["id"] for loc in result["relatedLocations"]]
        assert len(set(ids)) == len(ids)
        assert [f["threadFlows"][0]["id"] for f in result["codeFlows"]] == on[uid]
        for flow in result["codeFlows"]:
            path = paths[flow["threadFlows"][0]["id"]]
            links = [*path["steps"], path["target"]]
            assert {(_fqn(s["resource"]), s["why"]) for s in links} <= related
            locations = flow["threadFlows"][0]["locations"]
            assert locations[0]["location"]["message"]["text"] == "Entry: the internet"
            assert [
                (loc["location"]["logicalLocations"][0]["fullyQualifiedName"],
                 loc["location"]["message"]["text"]) for loc in locations[1:]
            ] == [(_fqn(s["resource"]), s["why"]) for s in links]  # fmt: skip
            assert locations[-1]["importance"] == "essential"
            assert ("possible" in flow["message"]["text"]) == (path["confidence"] == "possible")
    bastion = results[paths["PATH-AWS-004-bbbbbbbbbbbb"]["findings"][0]]
    assert len(bastion["codeFlows"][0]["threadFlows"][0]["locations"]) == 4
    assert len(bastion["relatedLocations"]) == 3


def test_sarif_rank_and_priority_follow_the_finding(
    plain: dict[str, Any], ranked: dict[str, Any]
) -> None:
    by_uid = {f["uid"]: f for f in ranked["findings"]}
    results = sarif_log(ranked)["runs"][0]["results"]
    with_priority = 0
    for result in results:
        finding = by_uid[result["partialFingerprints"]["cspmFindingUid/v1"]]
        prio = finding.get("priority")
        if prio is None:
            assert "rank" not in result and "priority" not in result["properties"]
            continue
        with_priority += 1
        assert result["rank"] == float(prio["score"])
        assert result["properties"]["priority"] == {"level": prio["level"], "score": prio["score"]}
    assert with_priority == sum(f["status"] in ("FAIL", "UNKNOWN") for f in ranked["findings"])
    for result in sarif_log(plain)["runs"][0]["results"]:
        assert not {"rank", "codeFlows", "relatedLocations"} & result.keys()
