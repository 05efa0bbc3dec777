"""Each sink against a local server that speaks its protocol; routes files and matching;
retries, the spool, and secrets that never leak."""

from __future__ import annotations

import email
import email.policy
import hashlib
import hmac
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cspm_opa.deliver import Alert, RetryPolicy, alerts_for, deliver, load_routes
from cspm_opa.deliver import slack as slack_sink
from cspm_opa.deliver.jira import summary
from cspm_opa.errors import ConfigError
from cspm_opa.schemas import default_store
from cspm_opa.store import open_store
from tests.deliver.conftest import finding, result
from tests.deliver.servers import JiraServer, SlackServer, SmtpServer, WebhookReceiver

SECRET = "PLANTED-s3cr3t-9f8e7d"  # every secret below contains it

ENV = {
    "JIRA_EMAIL": "bot@acme.example",
    "JIRA_API_TOKEN": f"jira-{SECRET}",
    "SLACK_WEBHOOK_URL": "",  # set per test: the URL holds the secret
    "SOAR_HMAC_SECRET": f"hmac-{SECRET}",
    "SMTP_USER": "cspm",
    "SMTP_PASSWORD": f"smtp-{SECRET}",
}


@pytest.fixture
def jira() -> Iterator[JiraServer]:
    with JiraServer(ENV["JIRA_EMAIL"], ENV["JIRA_API_TOKEN"]) as server:
        yield server  # type: ignore[misc]


def jira_routes(write_routes: Any, url: str, extra: str = "") -> Any:
    return load_routes(
        write_routes(f"""
sinks:
  secops-jira: {{type: jira, url: "{url}", project: SEC, issue_type: Bug,
                email_env: JIRA_EMAIL, token_env: JIRA_API_TOKEN,
                done_transition: done, reopen_transition: to do{extra}}}
routes:
  - name: high-to-jira
    match: {{min_severity: HIGH, events: [new, regressed, resolved]}}
    sinks: [secops-jira]
""")
    )


# -- routes files -----------------------------------------------------------------------


def test_routes_file_errors_name_file_and_line(write_routes: Any) -> None:
    path = write_routes("""sinks:
  chat: {type: slack, webhook_url_env: SLACK_WEBHOOK_URL}
  mail: {type: email, host: smtp.example, sender: cspm@example, to: [not-an-address]}
  hook: {type: webhook, url: "https://soar.example/hook", secret: inline-is-refused}
routes:
  - name: r1
    match: {min_severity: SEVERE, events: [new]}
    sinks: [chat]
  - name: r2
    sinks: [chat, nowhere]
""")
    with pytest.raises(ConfigError) as caught:
        load_routes(path)
    lines = str(caught.value).splitlines()
    assert any(line.startswith(f"{path}:3: sinks.mail.to[0]") for line in lines), lines
    assert any(line.startswith(f"{path}:4: sinks.hook.secret") for line in lines), lines
    assert any(line.startswith(f"{path}:7: routes[0].match.min_severity") for line in lines), lines
    # Once the schema holds, an unknown sink is named at its own line.
    fixed = path.read_text().replace("[not-an-address]", "[oncall@example]")
    fixed = fixed.replace("secret: inline-is-refused", "secret_env: HOOK").replace("SEVERE", "HIGH")
    with pytest.raises(
        ConfigError, match=rf"^{path}:10: routes\[1\]\.sinks\[1\]: no sink named 'nowhere'"
    ):
        load_routes(write_routes(fixed))


def test_missing_secret_variables_are_reported_at_their_lines(write_routes: Any) -> None:
    routes = jira_routes(write_routes, "https://acme.atlassian.net")
    missing = routes.missing_env({"JIRA_EMAIL": "bot@acme.example"})
    assert len(missing) == 1
    assert missing[0].endswith("sinks.secops-jira.token_env: JIRA_API_TOKEN is not set")
    assert ":4:" in missing[0]  # the line of token_env
    assert routes.missing_env(ENV) == []


def test_match_keys_all_hold_and_list_values_are_alternatives(write_routes: Any) -> None:
    routes = load_routes(
        write_routes("""
sinks: {chat: {type: slack, webhook_url_env: SLACK_WEBHOOK_URL}}
routes:
  - name: r
    match: {min_severity: HIGH, min_priority: HIGH, providers: [aws], accounts: ["1111*"],
            frameworks: [CIS_AWS_v5.0], policies: ["AWS-S3-*"], resources: ["prod-*"]}
    sinks: [chat]
  - name: default-events
    sinks: [chat]
""")
    )
    match, default = routes.routes[0].match, routes.routes[1].match
    good = finding("prod-logs")
    assert match.matches(Alert("new", good))
    assert not match.matches(Alert("resolved", good))  # events default to new, regressed
    assert match.matches(Alert("regressed", good))
    assert not match.matches(Alert("new", finding("dev-logs")))
    assert not match.matches(Alert("new", finding("prod-logs", account="222211112222")))
    assert not match.matches(Alert("new", finding("prod-logs", severity="MEDIUM")))
    assert not match.matches(Alert("new", finding("prod-logs", priority="MEDIUM")))
    assert not match.matches(Alert("new", finding("prod-logs", priority=None)))
    assert not match.matches(Alert("new", finding("prod-logs", policy="AWS-EC2-001")))
    assert default.matches(Alert("new", finding("x", severity="INFO", priority=None)))
    assert not default.matches(Alert("resolved", finding("x")))


def test_alerts_without_a_store_are_every_fail_and_with_one_the_delta() -> None:
    a, b, c = finding("a"), finding("b", status="PASS"), finding("c")
    assert [x.uid for x in alerts_for(result(a, b, c))] == [a["uid"], c["uid"]]
    with_delta = result(a, b, c, delta={"new": [c["uid"]], "resolved": [b["uid"], "gone"]})
    assert [(x.event, x.uid) for x in alerts_for(with_delta)] == [
        ("new", c["uid"]), ("resolved", b["uid"])]  # fmt: skip


# -- Jira -------------------------------------------------------------------------------


def test_jira_creates_once_then_closes_and_reopens(
    jira: JiraServer, write_routes: Any, tmp_path: Path, fast: RetryPolicy
) -> None:
    routes = jira_routes(write_routes, jira.url)
    a, b = finding("acme-logs"), finding("acme-data", severity="MEDIUM")
    spool = tmp_path / "spool"
    first = deliver(result(a, b), routes, spool_dir=spool, retry=fast, environ=ENV)
    assert [o.detail for o in first.outcomes] == ["created SEC-1"]  # b is below HIGH
    issue = jira.issues["SEC-1"]
    assert issue.fields["labels"][0] == f"cspm-{a['uid']}"
    assert issue.fields["summary"] == (
        "[HIGH] AWS-S3-002 acme-logs (111122223333): S3 buckets have Block Public Access enabled"
    )
    assert "priority" not in issue.fields  # no priority_map configured
    text = json.dumps(issue.fields["description"])
    for fact in ("HIGH (score 70)", "arn:aws:s3:::acme-logs", "111122223333",
                 "CIS_AWS_v5.0 2.1.4, SOC2 CC6.1", "Turn on all four", a["uid"]):  # fmt: skip
        assert fact in text
    # Asked for the fields it reads: search without fields returns ids only.
    search = jira.calls("POST", "/rest/api/3/search/jql")[0].json()
    assert search["fields"] and "status" in search["fields"]
    assert search["jql"] == f'project = "SEC" AND labels = "cspm-{a["uid"]}"'

    # Again without a store: found by its label, not created twice.
    again = deliver(result(a, b), routes, spool_dir=spool, retry=fast, environ=ENV)
    assert [o.detail for o in again.outcomes] == ["SEC-1 already open"]
    assert len(jira.issues) == 1

    fixed = {**a, "status": "PASS"}
    fixed.pop("priority")
    done = deliver(result(fixed, delta={"resolved": [a["uid"]]}), routes, spool_dir=spool,
                   retry=fast, environ=ENV)  # fmt: skip
    assert [o.detail for o in done.outcomes] == ["commented on SEC-1 and moved it with 'Done'"]
    assert issue.status == "Done" and len(issue.comments) == 1
    assert "Resolved" in json.dumps(issue.comments[0]["body"])

    back = deliver(result(a, delta={"regressed": [a["uid"]]}), routes, spool_dir=spool,
                   retry=fast, environ=ENV)  # fmt: skip
    assert [o.detail for o in back.outcomes] == ["reopened SEC-1 with 'To Do'"]
    assert issue.status == "To Do" and len(issue.comments) == 2
    assert len(jira.issues) == 1
    assert all(r.status != 400 for r in jira.requests), [r.body for r in jira.requests]


def test_jira_follows_next_page_token_and_honours_retry_after(
    jira: JiraServer, write_routes: Any, tmp_path: Path, fast: RetryPolicy
) -> None:
    routes = jira_routes(write_routes, jira.url, ", priority_map: {HIGH: High}")
    a = finding("paged")
    deliver(result(a), routes, spool_dir=tmp_path, retry=fast, environ=ENV)
    assert jira.issues["SEC-1"].fields["priority"] == {"name": "High"}
    # Two more issues carry the same label (made by hand, say); pages of one each.
    for _ in range(2):
        jira._create({"fields": {**jira.issues["SEC-1"].fields}})
    jira.issues["SEC-1"].status = "Done"
    jira.page_size = 1
    jira.requests.clear()
    jira.throttle(2, retry_after="3")
    report = deliver(result(a, delta={"regressed": [a["uid"]]}), routes, spool_dir=tmp_path,
                     retry=fast, environ=ENV)  # fmt: skip
    assert [o.detail for o in report.outcomes] == ["reopened SEC-1 with 'To Do'"]  # the oldest
    assert fast.waits == [3.0, 3.0]  # type: ignore[attr-defined]
    searches = [r.json() for r in jira.calls("POST", "/rest/api/3/search/jql") if r.status == 200]
    assert len(searches) == 3
    assert "nextPageToken" not in searches[0]
    assert searches[1]["nextPageToken"] and searches[2]["nextPageToken"]
    assert [r.status for r in jira.requests[:2]] == [429, 429]


def test_jira_uses_the_stores_key_before_the_index_catches_up(
    jira: JiraServer, write_routes: Any, tmp_path: Path, fast: RetryPolicy
) -> None:
    routes = jira_routes(write_routes, jira.url)
    jira.index_lag = True
    a = finding("lagging")
    with open_store(f"sqlite:///{tmp_path / 'h.db'}") as store:
        deliver(result(a), routes, store=store, spool_dir=tmp_path, retry=fast, environ=ENV)
        assert store.ticket("secops-jira", a["uid"]) == "SEC-1"
        report = deliver(result(a), routes, store=store, spool_dir=tmp_path, retry=fast,
                         environ=ENV)  # fmt: skip
    assert [o.detail for o in report.outcomes] == ["SEC-1 already open"]
    assert len(jira.issues) == 1
    assert jira.calls("GET", "/rest/api/3/issue/SEC-1")


def test_jira_down_then_back_is_spooled_then_created(
    jira: JiraServer, write_routes: Any, tmp_path: Path, fast: RetryPolicy
) -> None:
    routes = jira_routes(write_routes, jira.url)
    a, b = finding("one"), finding("two")
    spool = tmp_path / "spool"
    with jira.down():
        report = deliver(result(a, b), routes, spool_dir=spool, retry=fast, environ=ENV)
    assert report.spooled == 2 and not report.delivered
    assert "not tried" in report.outcomes[1].detail  # a sink that is down is tried once
    assert len(list(spool.glob("*.json"))) == 2
    back = deliver(result(a, b), routes, spool_dir=spool, retry=fast, environ=ENV)
    assert back.resent == 2
    assert sorted(o.detail for o in back.outcomes) == [
        "SEC-1 already open", "SEC-2 already open", "created SEC-1", "created SEC-2"]  # fmt: skip
    assert list(spool.glob("*.json")) == []
    assert len(jira.issues) == 2


def test_jira_summary_is_cut_to_255() -> None:
    long = finding("b" * 300, title="t" * 300)
    assert len(summary(long)) == 255


# -- Slack ------------------------------------------------------------------------------


def test_slack_digest_stays_within_block_kit_limits(
    write_routes: Any, tmp_path: Path, fast: RetryPolicy
) -> None:
    secret_path = f"hook-{SECRET}"
    with SlackServer(secret_path) as slack:
        env = {**ENV, "SLACK_WEBHOOK_URL": slack.webhook_url}  # type: ignore[attr-defined]
        routes = load_routes(
            write_routes("""
sinks: {chat: {type: slack, webhook_url_env: SLACK_WEBHOOK_URL}}
routes: [{name: everything, sinks: [chat]}]
""")
        )
        many = [finding(f"bucket-{i:04d}-" + "x" * 150) for i in range(900)]
        report = deliver(result(*many), routes, spool_dir=tmp_path, retry=fast, environ=env)
        assert [o.ok for o in report.outcomes] == [True], report.outcomes
        (message,) = slack.messages  # type: ignore[attr-defined]
    blocks = message["blocks"]
    assert len(blocks) == 50
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(s) <= 3000 for s in sections)
    shown = sum(s.count("\n") + 1 for s in sections)
    assert blocks[-1]["elements"][0]["text"].startswith(f"... and {900 - shown} more")
    assert 0 < shown < 900
    assert "&amp; friends &lt;allow&gt;" not in sections[0]  # the message is not in lines
    assert "bucket-0000-" in sections[0] and "&" not in sections[0].replace("&amp;", "")


def test_slack_refuses_what_block_kit_refuses() -> None:
    alerts = [Alert("new", finding("x" * 4000))]
    message = slack_sink.build(slack_sink_digest(), alerts)
    assert all(len(b["text"]["text"]) <= 3000 for b in message["blocks"] if b["type"] == "section")
    with SlackServer("s") as slack:
        import httpx

        too_long = {"blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}]}
        assert httpx.post(slack.webhook_url, json=too_long).text == "invalid_blocks"  # type: ignore[attr-defined]
        too_many = {"blocks": [{"type": "divider"}] * 51}
        assert httpx.post(slack.webhook_url, json=too_many).text == "invalid_blocks"  # type: ignore[attr-defined]
        assert httpx.post(slack.webhook_url, json=message).text == "ok"  # type: ignore[attr-defined]


def slack_sink_digest() -> Any:
    from cspm_opa.deliver._base import Digest

    return Digest("r", "2026-12-12T10:00:00Z", None)


# -- webhook ------------------------------------------------------------------------------


def test_webhook_is_signed_and_a_resent_delivery_keeps_its_id_and_body(
    write_routes: Any, tmp_path: Path, fast: RetryPolicy
) -> None:
    routes = load_routes(
        write_routes("""
sinks:
  soar: {type: webhook, url: "http://127.0.0.1:1/hook", secret_env: SOAR_HMAC_SECRET}
routes: [{name: soar-all, match: {events: [new, resolved]}, sinks: [soar]}]
""")
    )
    a = finding("hooked")
    spool = tmp_path / "spool"
    with WebhookReceiver(ENV["SOAR_HMAC_SECRET"]) as receiver:
        url = receiver.url  # type: ignore[attr-defined]
        routes.sinks["soar"].options["url"] = f"{url}/hook"  # type: ignore[index]
        with receiver.down():  # type: ignore[attr-defined]
            report = deliver(result(a), routes, spool_dir=spool, retry=fast, environ=ENV)
        assert report.spooled == 1 and "ConnectError" in report.outcomes[0].detail
        spooled = json.loads(next(spool.glob("*.json")).read_text())
        deliver(result(a, delta={}), routes, spool_dir=spool, retry=fast, environ=ENV)
        (body,) = [r.body for r in receiver.requests]  # type: ignore[attr-defined]
        assert json.loads(body) == spooled["payload"]
        (rec,) = receiver.requests  # type: ignore[attr-defined]
        assert rec.headers["X-Cspm-Delivery"] == spooled["payload"]["delivery_id"]
        assert rec.headers["X-Cspm-Signature"] == "sha256=" + hmac.new(
            ENV["SOAR_HMAC_SECRET"].encode(), body, hashlib.sha256).hexdigest()  # fmt: skip
        assert receiver.rejected == 0  # type: ignore[attr-defined]
    payload = json.loads(body)
    assert list(default_store().issues("webhook_payload.json", payload)) == []
    assert payload["counts"] == {"new": 1, "regressed": 0, "resolved": 0}
    assert payload["alerts"][0]["finding"]["uid"] == a["uid"]


def test_a_wrong_hmac_is_refused_by_the_receiver_and_spooled(
    write_routes: Any, tmp_path: Path, fast: RetryPolicy
) -> None:
    with WebhookReceiver("another key") as receiver:
        routes = load_routes(
            write_routes(f"""
sinks: {{soar: {{type: webhook, url: "{receiver.url}/h", secret_env: SOAR_HMAC_SECRET}}}}
routes: [{{name: r, sinks: [soar]}}]
""")
        )  # type: ignore[attr-defined]
        report = deliver(result(finding("a")), routes, spool_dir=tmp_path, retry=fast, environ=ENV)
    assert report.spooled == 1 and "HTTP 401" in report.outcomes[0].detail
    assert fast.waits == []  # type: ignore[attr-defined]  # a 401 is not retried


# -- email ----------------------------------------------------------------------------------


def email_routes(write_routes: Any, smtp: SmtpServer) -> Any:
    return load_routes(
        write_routes(f"""
sinks:
  oncall-mail: {{type: email, host: 127.0.0.1, port: {smtp.port}, starttls: true,
                sender: cspm@acme.example, to: [oncall@acme.example, sec@acme.example],
                username_env: SMTP_USER, password_env: SMTP_PASSWORD, ca_file: "{smtp.ca_path}"}}
routes: [{{name: mail-high, match: {{min_severity: HIGH}}, sinks: [oncall-mail]}}]
""")
    )


def test_email_goes_over_starttls_with_auth(
    write_routes: Any, tmp_path: Path, fast: RetryPolicy
) -> None:
    with SmtpServer(tmp_path, ENV["SMTP_USER"], ENV["SMTP_PASSWORD"]) as smtp:
        routes = email_routes(write_routes, smtp)
        report = deliver(result(finding("mailed")), routes, spool_dir=tmp_path / "s",
                         retry=fast, environ=ENV)  # fmt: skip
        assert report.outcomes[0].ok, report.outcomes
        (mail,) = smtp.mails
        bad = deliver(result(finding("mailed")), routes, spool_dir=tmp_path / "s", retry=fast,
                      environ={**ENV, "SMTP_PASSWORD": f"wrong-{SECRET}"})  # fmt: skip
    assert mail.tls and mail.authenticated
    assert mail.rcpt_tos == ["oncall@acme.example", "sec@acme.example"]
    message = email.message_from_bytes(mail.content, policy=email.policy.default)
    assert message["Subject"] == "[cspm-opa] mail-high: 1 new"
    assert "arn:aws:s3:::mailed" in message.get_content()
    assert bad.spooled == 1 and "authentication refused (535)" in bad.outcomes[0].detail
    assert SECRET not in json.dumps(bad.to_dict())


# -- the spool and secrets ------------------------------------------------------------------


def test_a_spooled_entry_whose_sink_left_is_dropped_with_a_warning(
    jira: JiraServer, write_routes: Any, tmp_path: Path, fast: RetryPolicy
) -> None:
    routes = jira_routes(write_routes, jira.url)
    with jira.down():
        deliver(result(finding("a")), routes, spool_dir=tmp_path, retry=fast, environ=ENV)
    other = load_routes(
        write_routes(
            """
sinks: {chat: {type: slack, webhook_url_env: SLACK_WEBHOOK_URL}}
routes: [{name: r, sinks: [chat]}]
""",
            "other.yaml",
        )
    )
    report = deliver(result(), other, spool_dir=tmp_path, retry=fast, environ=ENV)
    assert len(report.warnings) == 1 and "'secops-jira' is no longer in" in report.warnings[0]
    assert list(tmp_path.glob("*.json")) == []
    assert jira.issues == {}


def test_secrets_reach_no_report_log_or_spool(
    write_routes: Any, tmp_path: Path, fast: RetryPolicy, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    slack_url = f"http://127.0.0.1:1/services/T/B/{SECRET}"
    routes = load_routes(
        write_routes("""
sinks:
  chat: {type: slack, webhook_url_env: SLACK_WEBHOOK_URL}
  soar: {type: webhook, url: "http://127.0.0.1:1/h", secret_env: SOAR_HMAC_SECRET,
         headers_env: {Authorization: SOAR_HMAC_SECRET}}
  jira: {type: jira, url: "http://127.0.0.1:1", project: SEC, email_env: JIRA_EMAIL,
         token_env: JIRA_API_TOKEN}
  mail: {type: email, host: 127.0.0.1, port: 1, sender: a@b.c, to: [d@e.f],
         username_env: SMTP_USER, password_env: SMTP_PASSWORD}
routes: [{name: all, sinks: [chat, soar, jira, mail]}]
""")
    )
    env = {**ENV, "SLACK_WEBHOOK_URL": slack_url}
    spool = tmp_path / "spool"
    for failures in (4, 8):  # failed and spooled; then failed again from the spool, too
        report = deliver(result(finding("leaky")), routes, spool_dir=spool, retry=fast,
                         environ=env)  # fmt: skip
        assert len(report.failed) == failures
    texts = [json.dumps(report.to_dict()), caplog.text]
    texts += [p.read_text() for p in spool.iterdir()]
    assert len(texts) == 10
    assert all(SECRET not in t for t in texts)
