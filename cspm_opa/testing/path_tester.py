"""Assert the attack paths a scan would find, from pytest, through the real OPA.

::

    from cspm_opa.testing import builders as b
    from cspm_opa.testing.path_tester import PathTester

    @pytest.fixture(scope="session")
    def paths():
        with PathTester(policies=["policies/"]) as t:
            yield t

    def test_foothold_to_admin(paths):
        estate = [b.instance("web", ...), b.iam_role("web", ...), ...]
        paths.assert_path("PATH-AWS-001", estate, target="arn:aws:iam::...:role/web",
                          confidence="certain")
        paths.assert_no_path("PATH-AWS-001", [*estate_with_imdsv2])

Each positional input is one snapshot: a list of resource documents (wrapped in a
snapshot of ``account``, its provider read from the resource types), a snapshot document
(``builders.snapshot()``, ``gcp_builders.snapshot()``, ...) or a loaded
:class:`~cspm_opa.model.Snapshot`. Several inputs are several accounts of one scan, so a
path may cross them. Snapshots are validated against the schemas first, the checks run
over them (so a path lists its findings, as in a scan), the graph is built, and the
built-in and the user's path rules walk it in OPA, exactly as ``cspm-opa scan`` does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from cspm_opa.engine.base import Engine
from cspm_opa.engine.local import LocalOpa
from cspm_opa.evaluator import evaluate
from cspm_opa.model import Finding, Snapshot
from cspm_opa.risk import RiskAssessment, RiskSettings, assess_risk
from cspm_opa.risk.graph import node_key
from cspm_opa.snapshots import snapshot_from_dict
from cspm_opa.testing.builders import DEFAULT_ACCOUNT, snapshot
from cspm_opa.testing.policy_tester import _provider

__all__ = ["PathError", "PathTester"]

SnapshotInput = Snapshot | Mapping[str, Any] | Sequence[Mapping[str, Any]]
CONFIDENCES = ("certain", "possible")


class PathError(AssertionError):
    """The path rules did not find (or did find) a path a test expected."""


class PathTester:
    """Finds attack paths with the built-in pack and ``policies`` loaded."""

    def __init__(
        self, policies: Sequence[str | Path] = (), *, engine: Engine | None = None
    ) -> None:
        self._own = engine is None
        self.engine: Engine = engine or LocalOpa(policies)

    def snapshots(self, *inputs: SnapshotInput, account: str = DEFAULT_ACCOUNT) -> list[Snapshot]:
        """The inputs as validated snapshots (see the module docs for what each may be)."""
        return [_snapshot(item, account, n) for n, item in enumerate(inputs, 1)]

    def assess(
        self,
        *inputs: SnapshotInput,
        account: str = DEFAULT_ACCOUNT,
        findings: bool = True,
        settings: RiskSettings | None = None,
        classification: Mapping[str, str] | None = None,
        criticality: Mapping[str, str] | None = None,
    ) -> RiskAssessment:
        """Graph, attack paths and priorities of one scan over ``inputs``. With
        ``findings=False`` the checks are not run (paths list no findings)."""
        if not inputs:
            raise ValueError("PathTester needs at least one snapshot or list of resources")
        snaps = self.snapshots(*inputs, account=account)
        found: list[Finding] = evaluate(snaps, self.engine) if findings else []
        return assess_risk(
            snaps,
            found,
            self.engine,
            settings=settings,
            classification=classification,
            criticality=criticality,
        )

    def paths(
        self, rule_id: str | None, *inputs: SnapshotInput, **options: Any
    ) -> list[dict[str, Any]]:
        """The scan result's ``attack_paths`` over ``inputs``: those of ``rule_id`` (a
        path rule's METADATA id), or all of them when it is None."""
        if rule_id is not None:
            self.rule(rule_id)
        found = self.assess(*inputs, **options).paths
        return [p for p in found if rule_id is None or p["rule"] == rule_id]

    def rule(self, rule_id: str) -> Any:
        """The path rule with this id; KeyError naming the known ids when there is none."""
        for rule in self.engine.catalog.paths:
            if rule.id == rule_id:
                return rule
        known = ", ".join(r.id for r in self.engine.catalog.paths)
        raise KeyError(f"no path rule {rule_id!r} (known: {known})")

    def assert_path(
        self,
        rule_id: str,
        *inputs: SnapshotInput,
        target: str | None = None,
        confidence: str | None = None,
        through: Sequence[str] = (),
        **options: Any,
    ) -> dict[str, Any]:
        """The one path of ``rule_id`` whose target is ``target`` (a resource id, name or
        graph key; any target when None), with this ``confidence`` ("certain" or
        "possible") and every resource of ``through`` among its steps."""
        _confidence(confidence)
        found = self.paths(rule_id, *inputs, **options)
        matching = [
            p
            for p in found
            if (target is None or _is(p["target"]["resource"], target))
            and all(any(_is(s["resource"], r) for s in p["steps"]) for r in through)
        ]
        if not matching:
            raise PathError(
                f"{rule_id}: no path to {target or 'any target'}"
                + (f" through {', '.join(through)}" if through else "")
                + f"; found {_describe(found)}"
            )
        if len(matching) > 1:
            raise PathError(f"{rule_id}: {len(matching)} paths match: {_describe(matching)}")
        path = matching[0]
        if confidence is not None and path["confidence"] != confidence:
            raise PathError(
                f"{rule_id}: path to {_key(path['target']['resource'])} is "
                f"{path['confidence']}, expected {confidence}"
                + "".join(f"; unknown: {u['why']}" for u in path.get("unknown_edges", []))
            )
        return path

    def assert_no_path(
        self,
        rule_id: str,
        *inputs: SnapshotInput,
        confidence: str | None = None,
        **options: Any,
    ) -> list[dict[str, Any]]:
        """No path of ``rule_id`` (of this ``confidence``, when given: "certain" admits
        "possible" paths); returns the paths of the rule that remain."""
        _confidence(confidence)
        found = self.paths(rule_id, *inputs, **options)
        wrong = [p for p in found if confidence is None or p["confidence"] == confidence]
        if wrong:
            kind = f"{confidence} " if confidence else ""
            raise PathError(f"{rule_id}: expected no {kind}path, found {_describe(wrong)}")
        return found

    def close(self) -> None:
        if self._own:
            self.engine.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _snapshot(item: SnapshotInput, account: str, n: int) -> Snapshot:
    if isinstance(item, Snapshot):
        return item
    source = f"PathTester input {n}"
    if isinstance(item, Mapping):
        return snapshot_from_dict(item, source=source)
    resources = [dict(r) for r in item]
    doc = snapshot(account, resources)
    doc["provider"] = _provider(resources)
    return snapshot_from_dict(doc, source=source)


def _confidence(confidence: str | None) -> None:
    if confidence is not None and confidence not in CONFIDENCES:
        raise ValueError(f"confidence {confidence!r} is not one of {', '.join(CONFIDENCES)}")


def _key(ref: Mapping[str, str]) -> str:
    return node_key(ref["provider"], ref["account"], ref["type"], ref["id"])


def _is(ref: Mapping[str, str], wanted: str) -> bool:
    return wanted in (ref["id"], ref["name"], _key(ref))


def _describe(paths: Sequence[Mapping[str, Any]]) -> str:
    if not paths:
        return "none"
    return "; ".join(
        f"{p['confidence']} "
        + " -> ".join([p["entry"], *(_key(s["resource"]) for s in p["steps"])])
        + f" => {_key(p['target']['resource'])}"
        for p in paths
    )
