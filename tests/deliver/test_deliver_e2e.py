"""Delivery end to end: ``cspm-opa scan --store --routes --spool`` three times on a moto
estate of its own, with a Jira, a webhook, a Slack and an SMTP sink on local servers.

1. Two buckets without Block Public Access fail AWS-S3-002: Jira opens one issue each;
   the webhook, Slack and SMTP sinks are down, so their digests are spooled.
2. Nothing changed: Jira opens nothing; the three sinks are back and get the spooled
   digests (and nothing new).
3. One bucket was fixed: its Jira issue is moved to done with a comment, and the three
   digests say it is resolved.

A planted secret (in every secret variable) appears in no output, log, spool or store.
"""

from __future__ import annotations

import email
import email.policy
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cspm_opa.cli import main
from cspm_opa.localclouds.aws_cloud import AwsCloud
from cspm_opa.localclouds.aws_process import isolated_aws_cloud
from cspm_opa.schemas import default_store
from tests.deliver.servers import JiraServer, SlackServer, SmtpServer, WebhookReceiver

pytest.importorskip("moto")

REGION = "us-east-1"
SECRET = "PLANTED-e2e-5ecret-77aa"
BUCKETS = ("deliver-alpha", "deliver-beta")


@pytest.fixture(scope="module")
def cloud() -> Iterator[AwsCloud]:
    with isolated_aws_cloud(seed=False) as fake:
        yield fake


def _s3(cloud: AwsCloud) -> Any:
    import boto3

    return boto3.client("s3", region_name=REGION)


@dataclass
class Sinks:
    jira: JiraServer
    hook: WebhookReceiver
    slack: SlackServer
    smtp: SmtpServer
    routes: Path


@pytest.fixture
def sinks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Sinks]:
    """The four servers, the secrets in the environment, and a routes file for them."""
    env = {
        "JIRA_EMAIL": "bot@acme.example",
        "JIRA_API_TOKEN": f"jira-{SECRET}",
        "SOAR_HMAC_SECRET": f"hmac-{SECRET}",
        "SMTP_USER": "cspm",
        "SMTP_PASSWORD": f"smtp-{SECRET}",
    }
    jira = JiraServer(env["JIRA_EMAIL"], env["JIRA_API_TOKEN"])
    hook = WebhookReceiver(env["SOAR_HMAC_SECRET"])
    slack = SlackServer(f"hook-{SECRET}")
    smtp = SmtpServer(tmp_path, env["SMTP_USER"], env["SMTP_PASSWORD"])
    for server in (jira, hook, slack, smtp):
        server.start()
    try:
        env["SLACK_WEBHOOK_URL"] = slack.webhook_url
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        routes = tmp_path / "routes.yaml"
        routes.write_text(f"""
sinks:
  secops-jira: {{type: jira, url: "{jira.url}", project: SEC, issue_type: Bug,
                email_env: JIRA_EMAIL, token_env: JIRA_API_TOKEN,
                done_transition: Done, reopen_transition: To Do}}
  secops-slack: {{type: slack, webhook_url_env: SLACK_WEBHOOK_URL}}
  soar: {{type: webhook, url: "{hook.url}/hooks/cspm", secret_env: SOAR_HMAC_SECRET}}
  oncall-mail: {{type: email, host: 127.0.0.1, port: {smtp.port}, starttls: true,
                sender: cspm@acme.example, to: [oncall@acme.example],
                username_env: SMTP_USER, password_env: SMTP_PASSWORD, ca_file: "{smtp.ca_path}"}}
routes:
  - name: public-buckets
    match: {{min_severity: HIGH, events: [new, regressed, resolved], providers: [aws],
             policies: ["AWS-S3-002"], resources: ["deliver-*"], frameworks: [CIS_AWS_v5.0]}}
    sinks: [secops-jira, secops-slack, soar, oncall-mail]
""")
        yield Sinks(jira, hook, slack, smtp, routes)
    finally:
        for server in (jira, hook, slack, smtp):
            server.stop()


def test_three_scans_open_nothing_twice_resend_the_spool_and_close_the_fixed(
    cloud: AwsCloud,
    sinks: Sinks,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    jira, hook, slack, smtp = sinks.jira, sinks.hook, sinks.slack, sinks.smtp
    store = f"sqlite:///{tmp_path / 'history.db'}"
    spool = tmp_path / "spool"
    out = tmp_path / "result.json"
    scan = ["scan", "--provider", "aws", "--regions", REGION, "--store", store,
            "--routes", str(sinks.routes), "--spool", str(spool), "--format", "json",
            "-o", str(out), "--fail-on", "HIGH"]  # fmt: skip

    with cloud.environment():
        for bucket in BUCKETS:
            _s3(cloud).create_bucket(Bucket=bucket)

        # 1: Jira up, the others down.
        with hook.down(), slack.down(), smtp.down():
            assert main(scan) == 1  # HIGH failures, as without routes: not 3
        first = json.loads(out.read_bytes())
        failing = _matching(first)
        assert len(failing) == 2
        assert sorted(jira.issues) == ["SEC-1", "SEC-2"]
        labels = {i.fields["labels"][0] for i in jira.issues.values()}
        assert labels == {f"cspm-{f['uid']}" for f in failing}
        assert len(list(spool.glob("*.json"))) == 3
        assert hook.deliveries == {} and slack.messages == [] and smtp.mails == []

        # 2: nothing changed; the three are back and get what was spooled.
        creates = len(jira.calls("POST", "/rest/api/3/issue"))
        assert main(scan) == 1
        assert len(jira.calls("POST", "/rest/api/3/issue")) == creates == 2
        assert len(jira.issues) == 2
        assert list(spool.glob("*.json")) == []
        (delivered,) = hook.deliveries.values()
        assert delivered["counts"] == {"new": 2, "regressed": 0, "resolved": 0}
        assert delivered["generated_at"] == first["generated_at"]  # the first scan's
        assert list(default_store().issues("webhook_payload.json", delivered)) == []
        assert len(slack.messages) == 1 and len(smtp.mails) == 1
        assert "2 new" in slack.messages[0]["text"]
        assert smtp.mails[0].tls and smtp.mails[0].authenticated

        # 3: one bucket fixed.
        block = dict.fromkeys(("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy",
                               "RestrictPublicBuckets"), True)  # fmt: skip
        _s3(cloud).put_public_access_block(Bucket=BUCKETS[0], PublicAccessBlockConfiguration=block)
        assert main(scan) == 1  # beta still fails
    third = json.loads(out.read_bytes())
    fixed = next(f for f in failing if f["resource"]["name"] == BUCKETS[0])
    assert third["delta"]["resolved"] == [fixed["uid"]]
    (closed,) = jira.by_label(f"cspm-{fixed['uid']}")
    (still,) = jira.by_label(f"cspm-{_matching(third)[0]['uid']}")
    assert closed.status == "Done" and len(closed.comments) == 1
    assert "Resolved" in json.dumps(closed.comments[0]["body"])
    assert still.status == "To Do" and still.comments == []
    assert len(jira.issues) == 2
    _digests_say_resolved(sinks)
    assert all(r.status < 400 for r in jira.requests), [r.body for r in jira.requests]

    captured = capsys.readouterr()
    assert "delivery: secops-slack <- public-buckets: FAILED" in captured.err  # said, not hidden
    texts = [captured.out, captured.err, caplog.text, out.read_text()]
    texts += [p.read_text() for p in spool.rglob("*") if p.is_file()]
    texts.append((tmp_path / "history.db").read_bytes().decode("latin-1"))
    assert [i for i, t in enumerate(texts) if SECRET in t] == []


def _digests_say_resolved(sinks: Sinks) -> None:
    """The third scan's webhook, Slack and mail digests hold the one resolved bucket."""
    resolved = [d for d in sinks.hook.deliveries.values() if d["counts"]["resolved"]]
    assert len(resolved) == 1 and len(sinks.hook.deliveries) == 2
    assert resolved[0]["alerts"][0]["finding"]["status"] == "PASS"
    messages = sinks.slack.messages
    assert len(messages) == 2 and "1 resolved" in messages[1]["text"]
    mail = email.message_from_bytes(sinks.smtp.mails[1].content, policy=email.policy.default)
    assert mail["Subject"] == "[cspm-opa] public-buckets: 1 resolved"


def _matching(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        f
        for f in result["findings"]
        if f["policy_id"] == "AWS-S3-002"
        and f["status"] == "FAIL"
        and f["resource"]["name"].startswith("deliver-")
    ]


def test_a_bad_routes_file_fails_before_any_cloud_is_read(tmp_path: Path) -> None:
    routes = tmp_path / "routes.yaml"
    routes.write_text("sinks: {x: {type: pager}}\nroutes: [{name: r, sinks: [x]}]\n")
    snapshot = tmp_path / "missing.json"
    assert main(["evaluate", str(snapshot), "--routes", str(routes)]) == 2
    routes.write_text(
        "sinks: {x: {type: slack, webhook_url_env: CSPM_TEST_UNSET_HOOK}}\n"
        "routes: [{name: r, sinks: [x]}]\n"
    )
    assert main(["scan", "--provider", "aws", "--routes", str(routes)]) == 2
