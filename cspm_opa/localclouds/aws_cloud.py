"""A fake AWS for tests, benchmarks and the demo: moto's server, seeded with two accounts.

::

    with aws_cloud() as cloud:
        env = {**os.environ, **cloud.env}           # what a boto3 program needs
        subprocess.run(["cspm-opa", "scan", "--provider", "aws", ...], env=env)
        subprocess.run([..., "--role-arn", cloud.role_arn, "--external-id", cloud.external_id])

The server is moto's ThreadedMotoServer on 127.0.0.1 (a free port). Two accounts:

- ``legacy`` (:data:`ACCOUNT`, moto's default, reached with the fake credentials of
  ``cloud.env``): deliberately misconfigured. Each misconfiguration the checks look
  for is planted once, and where the check judges single resources, a compliant twin
  stands beside it (``legacy-ssh`` and ``legacy-https``, ...).
- ``hardened`` (:data:`SECOND_ACCOUNT`): reached by assuming :data:`ROLE_NAME` with
  :data:`EXTERNAL_ID`, as a real multi-account scan would; its account-wide settings
  are the compliant twins of the legacy ones.

:data:`PLANTS` says, check by check, where the misconfiguration and its twin are, and
why a few cannot be planted in moto at all; :data:`PATHS` does the same for the attack
paths (an exposed admin instance, a public PII bucket, a public database, and a role
that crosses into the hardened account's administrator). :data:`PLANTED_SECRET` sits
in a Lambda environment variable, EC2 user data and an RDS parameter, so tests can
prove it never reaches a snapshot or a report.

moto has no API for some root-user facts (MFA, access keys) and reports every access key
as just created; those few are set on moto's backend objects directly, which works
because the server runs in this process.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cspm_opa.localclouds.aws_seed import PLANTED_SECRET
from cspm_opa.testing.builders import CIS_METRIC_FILTER_PATTERNS

__all__ = [
    "ACCOUNT",
    "AUDITOR_USER",
    "EXTERNAL_ID",
    "PATHS",
    "PLANTED_SECRET",
    "PLANTS",
    "REGIONS",
    "ROLE_NAME",
    "SECOND_ACCOUNT",
    "AwsCloud",
    "PathPlant",
    "Plant",
    "aws_cloud",
]

ACCOUNT = "123456789012"
SECOND_ACCOUNT = "210987654321"
REGIONS = ("us-east-1", "eu-west-1")
ROLE_NAME = "cspm-audit"
EXTERNAL_ID = "cspm-demo-external-id"
AUDITOR_USER = "cspm-auditor"
FAKE_KEY = ("testing", "testing")
US, EU = REGIONS


@dataclass(frozen=True)
class Plant:
    """Where one check's misconfiguration (``bad``) and its compliant twin (``good``)
    live, as (account id, resource name, or the account id for the account itself);
    ``good`` is None where moto cannot hold one."""

    policy_id: str
    bad: tuple[str, str] | None
    good: tuple[str, str] | None
    note: str = ""


A, B = ACCOUNT, SECOND_ACCOUNT

PLANTS: tuple[Plant, ...] = (
    Plant("AWS-CLOUDTRAIL-001", (A, A), (B, B)),
    Plant("AWS-CLOUDTRAIL-002", (A, "legacy-trail"), (B, "org-trail")),
    Plant("AWS-CLOUDTRAIL-003", (A, "legacy-trail"), (B, "org-trail")),
    Plant("AWS-CLOUDTRAIL-004", (A, "legacy-public-data"), (B, "hardened-data")),
    Plant("AWS-CLOUDTRAIL-005", (A, "legacy-public-data"), (B, "hardened-data")),
    Plant("AWS-CLOUDTRAIL-006", (A, "legacy-trail"), (B, "org-trail")),
    Plant("AWS-CLOUDTRAIL-007", (A, "legacy-trail"), (B, "org-trail")),
    *(
        Plant(f"AWS-CLOUDWATCH-{n:03d}", (A, A), (B, B))
        for n in range(1, len(CIS_METRIC_FILTER_PATTERNS) + 1)
    ),
    Plant("AWS-CLOUDWATCH-016", (A, "legacy-cpu-high"), (A, "app-cpu-high")),
    Plant("AWS-CLOUDWATCH-017", (A, "legacy-app-logs"), (A, "app-logs")),
    Plant("AWS-CONFIG-001", (A, US), (B, US)),
    Plant("AWS-EBS-001", (A, US), (B, US)),
    Plant("AWS-EBS-002", (A, "legacy-data"), (A, "app-data")),
    Plant("AWS-EC2-001", (A, "legacy-web"), (A, "app-server")),
    Plant("AWS-EC2-002", (A, "legacy-web"), (A, "app-server")),
    Plant("AWS-EC2-003", (A, "legacy-ssh"), (A, "app-https")),
    Plant("AWS-EC2-004", (A, "legacy-rdp6"), (A, "app-https")),
    Plant("AWS-EC2-005", (A, "legacy-smb"), (A, "app-https")),
    Plant("AWS-EC2-006", (A, "default"), (B, "default")),
    Plant("AWS-EBS-003", (A, "legacy-backup"), (A, "app-backup")),
    Plant("AWS-EBS-004", (A, "legacy-backup"), (A, "app-backup")),
    Plant("AWS-EFS-001", (A, "legacy-share"), (A, "app-share")),
    Plant("AWS-ELB-001", (A, "legacy-alb"), (A, "app-alb")),
    Plant("AWS-GUARDDUTY-001", (A, US), (B, US)),
    Plant("AWS-IAM-001", (A, A), (B, B)),
    Plant("AWS-IAM-002", (A, A), (B, B)),
    Plant("AWS-IAM-003", (A, A), (B, B)),
    Plant("AWS-IAM-004", (A, A), (B, B)),
    Plant("AWS-IAM-005", (A, "carol"), (A, "alice")),
    Plant("AWS-IAM-006", (A, "dormant"), (A, "deploy-bot")),
    Plant("AWS-IAM-007", (A, "ci-runner"), (A, "deploy-bot")),
    Plant("AWS-IAM-008", (A, "dormant"), (A, "deploy-bot")),
    Plant("AWS-IAM-009", (A, "carol"), (A, "alice")),
    Plant("AWS-IAM-010", (A, "legacy-admin"), (A, "app-read")),
    Plant("AWS-IAM-011", (A, A), (B, B)),
    Plant(
        "AWS-IAM-012",
        (A, "legacy-www"),
        None,
        "moto reports every IAM server certificate as expired in 2012",
    ),
    Plant("AWS-IAM-013", None, None, "moto does not implement IAM Access Analyzer"),
    Plant("AWS-IAM-014", (A, A), (B, B)),
    Plant("AWS-IAM-015", None, None, "moto's credential report has no <root_account> row"),
    Plant("AWS-IAM-016", (A, "carol"), (A, "alice")),
    Plant("AWS-IAM-017", (A, A), (B, B)),
    Plant("AWS-IAM-018", (A, A), (B, B)),
    Plant("AWS-IAM-019", (A, "legacy-key-admin"), (A, "app-read")),
    Plant("AWS-IAM-020", (A, A), (B, B)),
    Plant("AWS-KMS-001", (A, "legacy-key"), (A, "app-key")),
    Plant("AWS-KMS-002", (A, "legacy-retired-key"), (A, "app-key")),
    Plant("AWS-LAMBDA-001", (A, "legacy-public-fn"), (A, "thumbnailer")),
    Plant("AWS-RDS-001", (A, "legacy-db"), (A, "orders-db")),
    Plant("AWS-RDS-002", (A, "legacy-db"), (A, "orders-db")),
    Plant("AWS-RDS-003", (A, "legacy-db"), (A, "orders-db")),
    Plant("AWS-RDS-004", (A, "legacy-db"), (A, "orders-db")),
    Plant("AWS-RDS-005", (A, "legacy-db-final"), (A, "orders-db-final")),
    *(Plant(f"AWS-RDS-{n:03d}", (A, "legacy-aurora"), (A, "ledger-aurora")) for n in range(6, 11)),
    Plant("AWS-RDS-011", (A, "legacy-pg-cluster"), (A, "orders-pg-cluster")),
    Plant("AWS-RDS-012", (A, "legacy-pg-cluster"), (A, "orders-pg-cluster")),
    Plant("AWS-RDS-013", (A, "legacy-db"), (A, "orders-db")),
    Plant("AWS-RDS-014", (A, "legacy-db"), (A, "orders-db")),
    Plant("AWS-S3-001", (A, "legacy-public-data"), (A, "app-data-store")),
    Plant("AWS-S3-002", (A, "legacy-public-data"), (A, "app-data-store")),
    Plant("AWS-S3-003", (A, A), (B, B)),
    Plant("AWS-S3-005", (A, "legacy-customer-pii"), (A, "app-customer-pii")),
    Plant("AWS-S3-006", (A, "legacy-public-data"), (A, "app-data-store")),
    Plant("AWS-S3-007", (A, "legacy-public-data"), (A, "app-data-store")),
    Plant("AWS-S3-008", (A, "legacy-trail-logs"), (A, "app-data-store")),
    Plant(
        "AWS-S3-004",
        (A, "legacy-public-data"),
        None,
        "moto accepts MFADelete=Enabled but does not keep it",
    ),
    Plant("AWS-SECURITYHUB-001", (A, US), (B, US)),
    Plant("AWS-VPC-001", (A, "legacy-open-acl"), (A, "app-acl")),
    Plant("AWS-VPC-002", (A, "legacy-vpc"), (A, "app-vpc")),
    Plant("AWS-VPC-003", (A, "legacy-peering"), (A, "app-routes")),
    Plant("AWS-VPC-004", (A, "legacy-open-acl"), (A, "app-acl")),
)


@dataclass(frozen=True)
class PathPlant:
    """An attack path planted in the legacy account: the rule that finds it, the
    resource the internet reaches first (``exposed``), the path's target as (account
    id, name), and the compliant twin of the exposed resource, which is on no path."""

    rule: str
    exposed: str
    target: tuple[str, str]
    twin: str


PATHS: tuple[PathPlant, ...] = (
    PathPlant("PATH-AWS-001", "legacy-bastion", (A, "legacy-bastion"), "app-bastion"),
    PathPlant(
        "PATH-AWS-002", "legacy-customer-pii", (A, "legacy-customer-pii"), "app-customer-pii"
    ),
    PathPlant("PATH-AWS-003", "legacy-db", (A, "legacy-db"), "orders-db"),
    PathPlant("PATH-AWS-004", "legacy-jump", (B, "prod-admin"), "app-jump"),
)


# Variables that would point boto3 at someone's real AWS, and files it would read.
UNSET = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_REGION",
)
ISOLATION = {
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}


@dataclass(frozen=True)
class AwsCloud:
    """What a caller needs to reach the fake AWS."""

    endpoint_url: str
    env: dict[str, str]
    """Environment for boto3 (and the CLI): endpoint, fake credentials, region, and
    HTTP_PROXY pointing at the server, because S3 Control puts the account id in the
    host name (``<account>.127.0.0.1``), which only a proxy can route. NO_PROXY keeps
    other local HTTP (the OPA server) off that proxy."""
    account_id: str = ACCOUNT
    second_account_id: str = SECOND_ACCOUNT
    role_arn: str = f"arn:aws:iam::{SECOND_ACCOUNT}:role/{ROLE_NAME}"
    external_id: str = EXTERNAL_ID
    regions: tuple[str, ...] = REGIONS
    auditor: dict[str, str] = field(default_factory=dict)
    """Access key of :data:`AUDITOR_USER` (only the SecurityAudit policy), as
    AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY."""

    @contextlib.contextmanager
    def environment(self, **extra: str) -> Iterator[None]:
        """os.environ as a boto3 program against this cloud needs it (plus ``extra``),
        with the caller's own AWS profile, credentials and config files out of reach;
        restored on exit."""
        wanted = {**ISOLATION, **self.env, **extra}
        saved = {k: os.environ.get(k) for k in (*wanted, *UNSET)}
        for key in UNSET:
            os.environ.pop(key, None)
        os.environ.update(wanted)
        try:
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value

    def accounts_file(self, directory: Path) -> Path:
        """An accounts file naming both accounts (``dev-legacy`` and ``prod-payments``,
        with environment labels), the second reached through the audit role."""
        path = Path(directory) / "aws-accounts.yaml"
        path.write_text(
            "accounts:\n"
            f'  - id: "{self.account_id}"\n'
            "    name: dev-legacy\n"
            "    labels: {environment: development}\n"
            f"  - role_arn: {self.role_arn}\n"
            f"    external_id: {self.external_id}\n"
            "    name: prod-payments\n"
            "    labels: {environment: production}\n",
            encoding="utf-8",
        )
        return path

    def collect_estate(self, progress: Callable[[str], None] | None = None) -> list[dict[str, Any]]:
        """Snapshots of both accounts, by the real collector reading
        :meth:`accounts_file`: the legacy one with the default credentials, the
        hardened one through the audit role."""
        from cspm_opa.collect import CollectRequest, collect

        with tempfile.TemporaryDirectory(prefix="cspm-aws-") as tmp, self.environment():
            request = CollectRequest(
                provider="aws",
                regions=self.regions,
                accounts_file=self.accounts_file(Path(tmp)),
                progress=progress,
            )
            return collect(request)


@contextlib.contextmanager
def aws_cloud(*, seed: bool = True) -> Iterator[AwsCloud]:
    """Start moto's server on a free port, seed the two accounts, and yield the cloud."""
    from moto.server import ThreadedMotoServer

    with _moto_environment():
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        try:
            host, port = server.get_host_and_port()
            url = f"http://{host}:{port}"
            _reset(url)
            env = {
                "AWS_ENDPOINT_URL": url,
                "AWS_ACCESS_KEY_ID": FAKE_KEY[0],
                "AWS_SECRET_ACCESS_KEY": FAKE_KEY[1],
                "AWS_DEFAULT_REGION": US,
                "HTTP_PROXY": url,
                "http_proxy": url,
                # requests (OPA's client) reads CIDRs here and talks to 127.0.0.1 directly;
                # botocore only matches host-name suffixes, so AWS calls still go via moto.
                "NO_PROXY": "127.0.0.1/32,localhost",
                "no_proxy": "127.0.0.1/32,localhost",
                # moto never throttles; a retry would only repeat a call it cannot serve.
                "AWS_MAX_ATTEMPTS": "1",
            }
            auditor: dict[str, str] = {}
            if seed:
                auditor = _seed(url)
            yield AwsCloud(url, env, auditor=auditor)
        finally:
            with contextlib.suppress(Exception):
                _reset(url)
            server.stop()


@contextlib.contextmanager
def _moto_environment() -> Iterator[None]:
    """moto reads these when it builds a backend: load the AWS managed policies (for
    SecurityAudit and AWSSupportAccess), and skip its thousand sample AMIs and their
    public snapshots, which would bury the planted ones."""
    from moto.moto_server import werkzeug_app

    wanted = {"MOTO_IAM_LOAD_MANAGED_POLICIES": "true", "MOTO_EC2_LOAD_DEFAULT_AMIS": "false"}
    saved = {k: os.environ.get(k) for k in wanted}
    os.environ.update(wanted)
    quiet = logging.getLogger("werkzeug")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    # moto prints a line to stdout for each request to a service it lacks (Access
    # Analyzer); the collector already records those calls as failed.
    # Fakes may nest (a test's cloud inside a session's), so each restores what it found.
    previous = vars(werkzeug_app).get("print")
    werkzeug_app.print = _unless_missing_backend  # type: ignore[attr-defined]
    try:
        yield
    finally:
        if previous is None:
            vars(werkzeug_app).pop("print", None)
        else:
            werkzeug_app.print = previous  # type: ignore[attr-defined]
        quiet.setLevel(level)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _unless_missing_backend(*args: Any, **kwargs: Any) -> None:
    if not str(args[0] if args else "").startswith("Unable to find appropriate backend"):
        print(*args, **kwargs)


def _reset(url: str) -> None:
    import requests

    requests.post(f"{url}/moto-api/reset", timeout=30, proxies={"http": "", "https": ""})


def _seed(url: str) -> dict[str, str]:
    """Plant both accounts (see :data:`PLANTS`); return the auditor's access key."""
    from cspm_opa.localclouds.aws_seed import Clients, seed_hardened, seed_legacy

    legacy = Clients(url, {"aws_access_key_id": FAKE_KEY[0],
                           "aws_secret_access_key": FAKE_KEY[1]})  # fmt: skip
    # moto hands out credentials of any account whose role is assumed: the way in.
    bootstrap = legacy.client("sts").assume_role(
        RoleArn=f"arn:aws:iam::{SECOND_ACCOUNT}:role/bootstrap", RoleSessionName="seed"
    )["Credentials"]
    hardened = Clients(
        url,
        {
            "aws_access_key_id": bootstrap["AccessKeyId"],
            "aws_secret_access_key": bootstrap["SecretAccessKey"],
            "aws_session_token": bootstrap["SessionToken"],
        },
    )
    auditor = seed_legacy(legacy, REGIONS, partner_account=SECOND_ACCOUNT)
    seed_hardened(hardened, REGIONS, trusted_account=ACCOUNT, external_id=EXTERNAL_ID)
    _set_root(ACCOUNT, mfa=False, access_keys=1)
    _set_root(SECOND_ACCOUNT, mfa=True, access_keys=0)
    _age_access_keys(ACCOUNT, "dormant", days=120)
    return auditor


def _iam_backend(account: str) -> Any:
    from moto.iam.models import iam_backends

    return iam_backends[account]["aws"]


def _set_root(account: str, *, mfa: bool, access_keys: int) -> None:
    """Root MFA and root access keys: moto offers no API to set them (nor does AWS)."""
    summary = _iam_backend(account).account_summary
    summary._account_mfa_enabled = 1 if mfa else 0
    summary._account_access_keys_present = access_keys


def _age_access_keys(account: str, user: str, *, days: int) -> None:
    """Make a user's access keys ``days`` old and never used (moto makes them 'now')."""
    created = datetime.now(UTC) - timedelta(days=days)
    for key in _iam_backend(account).get_user(user).access_keys:
        key.create_date = created.replace(tzinfo=None)
        key.last_used = None
