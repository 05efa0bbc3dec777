"""The estate scope classifies accounts and picks the frameworks they are assessed against."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspm_opa import ConfigError, snapshot_from_dict
from cspm_opa.cli import main
from cspm_opa.scope import Scope, load_scope
from cspm_opa.testing.builders import snapshot

SCOPE = """\
organization: Acme
defaults:
  criticality: low
accounts:
  - match: {provider: aws, labels: {environment: prod*}}
    environment: production
    data_classification: pci
    criticality: critical
    compliance: [PCI_DSS_v4.0]
    workloads: [payments]
  - match: {name: "dev-*"}
    environment: development
  - match: {id: "333344445555"}
    environment: staging
    criticality: high
"""


def _snap(account: str, name: str, **labels: str) -> object:
    return snapshot_from_dict(snapshot(account, [], name=name, labels=labels or None))


def test_first_matching_rule_applies_then_defaults(tmp_path: Path) -> None:
    path = tmp_path / "scope.yaml"
    path.write_text(SCOPE)
    scope = load_scope(path)
    prod, dev, staging, other = (
        _snap("111122223333", "prod-payments", environment="production"),
        _snap("444455556666", "dev-sandbox", environment="production-like"),
        _snap("333344445555", "dev-staging"),
        _snap("777788889999", "misc"),
    )
    p = scope.classify(prod)  # type: ignore[arg-type]
    assert (p.environment, p.data_classification, p.criticality) == (
        "production",
        "pci",
        "critical",
    )
    assert p.compliance == ("PCI_DSS_v4.0",) and p.workloads == ("payments",)
    assert p.rule == f"{path}:5"
    # Labels match by glob: "production-like" matches prod* too; rules are ordered.
    assert scope.classify(dev).environment == "production"  # type: ignore[arg-type]
    s = scope.classify(staging)  # type: ignore[arg-type]
    assert s.environment == "development" and s.criticality == "low"
    o = scope.classify(other)  # type: ignore[arg-type]
    assert (o.environment, o.criticality, o.rule) == ("unclassified", "low", "defaults")
    assert o.compliance == ("CIS_AWS_v5.0", "PCI_DSS_v4.0", "SOC2")


def test_without_a_scope_file_every_framework_of_the_provider_applies() -> None:
    profile = Scope().classify(_snap("111122223333", "x"))  # type: ignore[arg-type]
    assert profile.compliance == ("CIS_AWS_v5.0", "PCI_DSS_v4.0", "SOC2")
    assert profile.criticality == "medium"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SCOPE.replace("criticality: critical", "criticality: extreme"),
         ":8: accounts[0].criticality"),
        (SCOPE.replace("[PCI_DSS_v4.0]", "[ISO_27001]"), ":9: accounts[0].compliance[0]"),
        (SCOPE.replace('  - match: {name: "dev-*"}', "  - match: {}"), ":11: accounts[1].match"),
        ("accounts: {}\n", ":1: accounts: {} is not of type 'array'"),
    ],
)  # fmt: skip
def test_invalid_scope_names_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "scope.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_scope(path)
    assert f"{path}{expected}" in str(info.value)


def test_inventory_prints_the_estate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scope = tmp_path / "scope.yaml"
    scope.write_text(SCOPE)
    files = []
    for account, name, labels in (("111122223333", "prod-payments", {"environment": "prod"}),
                                  ("444455556666", "dev-sandbox", None)):  # fmt: skip
        path = tmp_path / f"{account}.json"
        import json

        path.write_text(json.dumps(snapshot(account, [], name=name, labels=labels)))
        files.append(str(path))
    assert main(["inventory", "--scope", str(scope), *files]) == 0
    out = capsys.readouterr().out
    assert "Estate of Acme" in out
    lines = [line for line in out.splitlines() if line.startswith("aws")]
    assert "production" in lines[0] and "pci" in lines[0] and "payments" in lines[0]
    assert "development" in lines[1] and "CIS_AWS_v5.0" in lines[1]
    assert out.rstrip().endswith("aws: 2 account(s)")
