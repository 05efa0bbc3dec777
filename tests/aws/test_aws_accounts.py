"""The accounts file: what it accepts, and every problem reported at once with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspm_opa.collect.aws.accounts import AccountSpec, load_accounts
from cspm_opa.errors import ConfigError

GOOD = """\
defaults:
  role_name: cspm-audit
  external_id: acme-cspm
  regions: [us-east-1, eu-west-1]
accounts:
  - id: "111122223333"
    name: prod-payments
    labels: {environment: production}
  - role_arn: arn:aws:iam::444455556666:role/other
    external_id: other-id
    regions: all
  - profile: sandbox
  - id: "777788889999"
    profile: dev
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "accounts.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file(tmp_path: Path) -> None:
    specs = load_accounts(_write(tmp_path, GOOD))
    assert specs == [
        AccountSpec(
            line=6,
            id="111122223333",
            name="prod-payments",
            role_arn="arn:aws:iam::111122223333:role/cspm-audit",
            external_id="acme-cspm",
            regions=("us-east-1", "eu-west-1"),
            labels={"environment": "production"},
        ),
        AccountSpec(
            line=9,
            role_arn="arn:aws:iam::444455556666:role/other",
            external_id="other-id",
            regions=("all",),
        ),
        AccountSpec(line=12, profile="sandbox", regions=("us-east-1", "eu-west-1")),
        AccountSpec(line=13, id="777788889999", profile="dev", regions=("us-east-1", "eu-west-1")),
    ]
    assert [s.account_id for s in specs] == ["111122223333", "444455556666", None, "777788889999"]


def test_every_problem_is_reported_with_its_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """\
accounts:
  - id: 111122223333
  - role_arn: arn:aws:iam::123:role/x
  - id: "111122223333"
    role_arn: arn:aws:iam::444455556666:role/x
  - name: nobody
  - id: "555566667777"
    regions: [us-east-1, mars-1]
    colour: blue
    labels: {team: 7}
extra: true
""",
    )
    with pytest.raises(ConfigError) as info:
        load_accounts(path)
    text = str(info.value)
    expected = [
        f"{path}:2: accounts[0].id: must be a non-empty string (quote numbers)",
        f"{path}:3: accounts[1].role_arn: 'arn:aws:iam::123:role/x' is not an IAM role ARN",
        f"{path}:4: accounts[2]: role_arn is in account 444455556666, not 111122223333",
        f"{path}:6: accounts[3]: needs an id, a role_arn or a profile",
        f"{path}:8: accounts[4].regions[1]: 'mars-1' is not a region name",
        f"{path}:9: accounts[4].colour: unknown key",
        f"{path}:10: accounts[4].labels.team: must be a non-empty string",
        f"{path}:11: extra: unknown key",
    ]
    for line in expected:
        assert line in text, line


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("accounts: [\n", ":2: not valid YAML"),
        ("- a\n- b\n", ":1: the accounts file is a mapping with an 'accounts' list"),
        ("defaults: {}\n", ":1: accounts: is required"),
        ("accounts: []\n", ":1: accounts: must be a non-empty list"),
        ("accounts:\n  - just-a-string\n", ":2: accounts[0]: must be a mapping"),
    ],
)
def test_malformed_files(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_accounts(path)
    assert f"{path}{message}" in str(info.value)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the accounts file"):
        load_accounts(tmp_path / "nope.yaml")
