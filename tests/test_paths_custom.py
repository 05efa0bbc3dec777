"""A user's own attack-path rule: written beside the pack, tested with `cspm-opa test`,
linted against the graph schema, found in a scan result's attack_paths, and refused when
it reuses a built-in id."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cspm_opa import LocalOpa, PolicyError, evaluate, load_catalog, snapshot_from_dict
from cspm_opa._paths import rego_dir
from cspm_opa.cli import main
from cspm_opa.result import assess
from cspm_opa.testing import builders as b
from cspm_opa.testing.path_tester import PathTester
from tests.conftest import write_policy

RULE = """# METADATA
# title: Internet to a Lambda function URL without authentication
# description: >-
#   Anyone who learns the function URL runs the function, with its role's permissions.
# custom:
#   id: {id}
#   severity: HIGH
#   provider: aws
#   remediation: Set the function URL's auth type to AWS_IAM, or remove the URL.
package cspm.paths.aws.my_rule

import data.cspm.lib.paths as walk
import rego.v1

paths contains path if {{
	some key, node in input.graph.nodes
	node.ref.type == "aws_lambda_function"
	walk.exposed(key)
	path := {{
		"entry": "internet",
		"steps": [],
		"target": {{"resource": key, "why": node.exposure.summary}},
	}}
}}
"""

RULE_TEST = """package cspm.paths.aws.my_rule_test

import data.cspm.paths.aws.my_rule
import rego.v1

fn := "aws/111122223333/aws_lambda_function/arn:aws:lambda:us-east-1:111122223333:function:f"

graph(level) := {"graph": {
	"nodes": {fn: {
		"ref": {
			"provider": "aws",
			"account": "111122223333",
			"type": "aws_lambda_function",
			"id": "f",
			"name": "f",
		},
		"kind": "compute",
		"exposure": {
			"level": level,
			"summary": "function URL with auth type NONE",
			"evidence": [],
			"route": [],
		},
	}},
	"edges": {},
	"adjacency": {},
}}

test_fail_open_function_url if {
	my_rule.paths == {{
		"entry": "internet",
		"steps": [],
		"target": {"resource": fn, "why": "function URL with auth type NONE"},
	}} with input as graph("internet")
}

test_pass_function_url_with_iam_auth if {
	count(my_rule.paths) == 0 with input as graph("none")
}
"""


@pytest.fixture
def rule_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "mine"
    write_policy(directory, "my_rule.rego", RULE.format(id="CUSTOM-PATH-1"))
    write_policy(directory, "my_rule_test.rego", RULE_TEST)
    return directory


def open_function(name: str = "f") -> dict[str, object]:
    return b.lambda_function(name, config={"url_auth_types": ["NONE"]})


def test_custom_rule_tests_and_lints(rule_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(rule_dir), "--threshold", "100"]) == 0
    out = capsys.readouterr().out
    assert "2 passed, 0 failed" in out
    assert main(["lint", str(rule_dir)]) == 0, capsys.readouterr()


def test_custom_rule_reading_a_field_the_graph_lacks_fails_lint(
    rule_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (rule_dir / "my_rule.rego").read_text(encoding="utf-8")
    (rule_dir / "my_rule.rego").write_text(
        text.replace("walk.exposed(key)", "walk.exposed(key)\n\tnode.exposure.lvl == 1"),
        encoding="utf-8",
    )
    assert main(["lint", str(rule_dir)]) == 2
    captured = capsys.readouterr()
    assert "my_rule.rego" in captured.out + captured.err
    assert "lvl" in captured.out + captured.err


def test_custom_rule_failing_test_fails(rule_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = RULE.format(id="CUSTOM-PATH-1").replace("walk.exposed(key)", "walk.maybe_exposed(key)")
    (rule_dir / "my_rule.rego").write_text(text, encoding="utf-8")
    (rule_dir / "my_rule_test.rego").write_text(
        RULE_TEST.replace('graph("none")', 'graph("unknown")'), encoding="utf-8"
    )
    assert main(["test", str(rule_dir)]) == 1
    captured = capsys.readouterr()
    assert "1 passed, 1 failed" in captured.out
    assert "my_rule_test.test_pass_function_url_with_iam_auth" in captured.err


def test_custom_rule_through_path_tester(rule_dir: Path) -> None:
    with PathTester([rule_dir]) as tester:
        assert tester.rule("CUSTOM-PATH-1").file.endswith("my_rule.rego")
        path = tester.assert_path(
            "CUSTOM-PATH-1", [open_function()], target="f", confidence="certain"
        )
        assert path["risk"] == "HIGH" and path["remediate_within"] == "P7D"
        assert path["target"]["why"] == "function URL with auth type NONE"
        closed = b.lambda_function("f", config={"url_auth_types": ["AWS_IAM"]})
        tester.assert_no_path("CUSTOM-PATH-1", [closed])


def _mine(result: dict[str, Any]) -> dict[str, Any]:
    found = [p for p in result["attack_paths"] if p["rule"] == "CUSTOM-PATH-1"]
    assert len(found) == 1, result["attack_paths"]
    path = found[0]
    assert path["target"]["resource"]["id"] == (
        f"arn:aws:lambda:{b.DEFAULT_REGION}:{b.DEFAULT_ACCOUNT}:function:open"
    )
    assert path["title"] == "Internet to a Lambda function URL without authentication"
    assert path["confidence"] == "certain" and path["risk"] == "HIGH"
    return path


def test_custom_rule_in_scan_result(rule_dir: Path) -> None:
    doc = b.snapshot(b.DEFAULT_ACCOUNT, [open_function("open"), b.s3_bucket()])
    snapshots = [snapshot_from_dict(doc)]
    with LocalOpa([rule_dir]) as engine:
        findings = evaluate(snapshots, engine)
        outcome = assess(snapshots, findings, engine.catalog, engine=engine)
    path = _mine(outcome.result)
    # the function's own FAIL findings (its URL without auth) are on the path
    uids = {f.uid for f in outcome.findings if f.resource.id == path["target"]["resource"]["id"]}
    assert set(path["findings"]) <= uids and path["findings"]


def test_custom_rule_in_cli_result(
    rule_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    snapshot = tmp_path / "snapshot.json"
    doc = b.snapshot(b.DEFAULT_ACCOUNT, [open_function("open"), b.s3_bucket()])
    snapshot.write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "result.json"
    code = main(
        ["evaluate", str(snapshot), "--policies", str(rule_dir), "--format", "json", "-o", str(out)]
    )
    assert code in (0, 1), capsys.readouterr()
    _mine(json.loads(out.read_text(encoding="utf-8")))


def test_custom_rule_reusing_a_builtin_id_names_both_files(tmp_path: Path) -> None:
    directory = tmp_path / "dup"
    mine = write_policy(directory, "my_rule.rego", RULE.format(id="PATH-AWS-001"))
    with pytest.raises(PolicyError) as caught:
        load_catalog([rego_dir(), directory])
    message = str(caught.value)
    assert "path rule id PATH-AWS-001 is already declared" in message
    assert "ssh_imds_to_admin.rego" in message
    assert str(mine.resolve()) in message


def test_custom_rule_reusing_a_builtin_id_fails_lint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "dup"
    write_policy(directory, "my_rule.rego", RULE.format(id="PATH-AWS-001"))
    assert main(["lint", str(directory)]) == 2
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert "path rule id PATH-AWS-001 is already declared" in out
    assert "ssh_imds_to_admin.rego" in out and "my_rule.rego" in out


def test_custom_rule_runs_through_scan_on_moto(rule_dir: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    import boto3

    from cspm_opa.localclouds.aws_cloud import ISOLATION, UNSET
    from cspm_opa.localclouds.aws_process import isolated_aws_cloud
    from cspm_opa.localclouds.aws_seed import _zip

    out = tmp_path / "result.json"
    with isolated_aws_cloud(seed=False) as cloud:

        def client(service: str) -> Any:
            return boto3.client(
                service, region_name="us-east-1", endpoint_url=cloud.endpoint_url,
                aws_access_key_id="testing", aws_secret_access_key="testing",
            )  # fmt: skip

        trust = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "lambda.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
        role = client("iam").create_role(
            RoleName="fn-role", AssumeRolePolicyDocument=json.dumps(trust)
        )["Role"]["Arn"]
        fn = client("lambda")
        for name, auth in (("open-url", "NONE"), ("iam-url", "AWS_IAM")):
            fn.create_function(
                FunctionName=name, Runtime="python3.12", Role=role, Handler="index.handler",
                Code={"ZipFile": _zip()},
            )  # fmt: skip
            fn.create_function_url_config(FunctionName=name, AuthType=auth)
        env = {k: v for k, v in os.environ.items() if k not in UNSET}
        env.update({**ISOLATION, **cloud.env})
        env = {k: v for k, v in env.items() if v != ""}
        proc = subprocess.run(
            [str(Path(sys.executable).with_name("cspm-opa")), "scan", "--provider", "aws",
             "--regions", "us-east-1", "--policies", str(rule_dir), "--format", "json",
             "-o", str(out)],
            env=env, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr
    paths = json.loads(out.read_text(encoding="utf-8"))["attack_paths"]
    mine = [p for p in paths if p["rule"] == "CUSTOM-PATH-1"]
    assert [p["target"]["resource"]["name"] for p in mine] == ["open-url"]
    assert mine[0]["confidence"] == "certain"
