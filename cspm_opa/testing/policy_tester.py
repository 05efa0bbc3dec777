"""Assert a check's verdict on resource documents from pytest, through the real OPA.

::

    from cspm_opa.testing import builders as b
    from cspm_opa.testing.policy_tester import PolicyTester

    @pytest.fixture(scope="session")
    def tester():
        with PolicyTester(policies=["policies/"]) as t:
            yield t

    def test_owner_tag(tester):
        tester.assert_fails("ACME-S3-001", b.s3_bucket("logs", tags={}), message="Owner")
        tester.assert_passes("ACME-S3-001", b.s3_bucket("logs", tags={"Owner": "web"}))

Resources are validated against the schemas first (a typo in a test document is an
error, not a silent pass), wrapped in a snapshot of their account, and evaluated with
every check loaded, exactly as a scan would.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from cspm_opa.engine.base import Engine
from cspm_opa.engine.local import LocalOpa
from cspm_opa.evaluator import evaluate
from cspm_opa.model import Finding, Status
from cspm_opa.snapshots import snapshot_from_dict
from cspm_opa.testing.builders import snapshot

__all__ = ["PolicyTester", "VerdictError"]

_PROVIDER = {"aws_": "aws", "azurerm_": "azure", "azuread_": "azure", "google_": "gcp"}


class VerdictError(AssertionError):
    """A check did not give the verdict a test expected."""


class PolicyTester:
    """Evaluates resource documents with the built-in pack and ``policies`` loaded."""

    def __init__(
        self, policies: Sequence[str | Path] = (), *, engine: Engine | None = None
    ) -> None:
        self._own = engine is None
        self.engine: Engine = engine or LocalOpa(policies)

    def findings(
        self,
        resources: Sequence[Mapping[str, Any]],
        *,
        account: str = "111122223333",
        coverage: Sequence[Mapping[str, Any]] = (),
    ) -> list[Finding]:
        """Every check's findings for one snapshot holding ``resources``."""
        provider = _provider(resources)
        doc = snapshot(account, [dict(r) for r in resources], coverage=list(coverage) or None)
        doc["provider"] = provider
        return evaluate([snapshot_from_dict(doc, source="PolicyTester")], self.engine)

    def verdicts(self, policy_id: str, *resources: Mapping[str, Any]) -> dict[str, Finding]:
        """The findings of ``policy_id``, by resource id."""
        self.engine.catalog.get(policy_id)  # KeyError for a check that does not exist
        return {f.resource.id: f for f in self.findings(resources) if f.policy_id == policy_id}

    def _verdict(self, policy_id: str, resource: Mapping[str, Any]) -> Finding:
        found = self.verdicts(policy_id, resource).get(str(resource["id"]))
        if found is None:
            raise VerdictError(f"{policy_id} gave no result for {resource['id']} (not applicable?)")
        return found

    def assert_fails(
        self, policy_id: str, resource: Mapping[str, Any], *, message: str | None = None
    ) -> Finding:
        finding = self._verdict(policy_id, resource)
        if finding.status is not Status.FAIL:
            raise VerdictError(f"{policy_id} on {resource['id']}: expected FAIL, got "
                               f"{finding.status.value} {finding.message!r}")  # fmt: skip
        if message is not None and message not in finding.message:
            raise VerdictError(f"{policy_id}: message {finding.message!r} lacks {message!r}")
        return finding

    def assert_passes(self, policy_id: str, resource: Mapping[str, Any]) -> Finding:
        finding = self._verdict(policy_id, resource)
        if finding.status is not Status.PASS:
            raise VerdictError(f"{policy_id} on {resource['id']}: expected PASS, got "
                               f"{finding.status.value} {finding.message!r}")  # fmt: skip
        return finding

    def assert_not_applicable(self, policy_id: str, resource: Mapping[str, Any]) -> None:
        found = self.verdicts(policy_id, resource).get(str(resource["id"]))
        if found is not None:
            raise VerdictError(f"{policy_id} applied to {resource['id']}: {found.status.value}")

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


def _provider(resources: Sequence[Mapping[str, Any]]) -> str:
    providers = {
        p for r in resources for prefix, p in _PROVIDER.items() if str(r["type"]).startswith(prefix)
    }
    if len(providers) > 1:
        raise ValueError(f"resources of several providers in one snapshot: {sorted(providers)}")
    return providers.pop() if providers else "aws"
