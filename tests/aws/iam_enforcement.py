"""moto's IAM enforcement, set right so that it judges the action names real IAM uses.

moto checks each request against the caller's policies under an action name of its own
making, which is not always the one AWS's Service Authorization Reference gives:

- it names actions by the signing name: ``monitoring:DescribeAlarms`` for
  ``cloudwatch:DescribeAlarms``;
- for S3 it uses the API operation's name (moto 5.2.6 judges ``ListBuckets`` as
  ``s3:ListBuckets``), where IAM has names of its own (``s3:ListAllMyBuckets``);
- S3 Control's account-level GetPublicAccessBlock and the bucket's GetPublicAccessBlock
  are two IAM actions (``s3:GetAccountPublicAccessBlock``,
  ``s3:GetBucketPublicAccessBlock``), told apart by the S3 Control path.

``iam_enforced`` renames before moto judges, so a least-privilege test holds the
collector to the policy a real account would apply (SecurityAudit, with AWS's names),
whatever moto release the lock pins. Its SigV4 re-computation fails for some REST
services, so signatures (not what this is about) go unchecked.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests

from cspm_opa.localclouds.aws_cloud import AwsCloud

# S3 API operation -> IAM action, where they differ (AWS Service Authorization Reference,
# "Actions defined by Amazon S3"). Names already in IAM's form pass through unchanged.
S3_OPERATION_ACTIONS = {
    "ListBuckets": "ListAllMyBuckets",
    "HeadBucket": "ListBucket",
    "ListObjects": "ListBucket",
    "ListObjectsV2": "ListBucket",
    "GetBucketEncryption": "GetEncryptionConfiguration",
    "GetPublicAccessBlock": "GetBucketPublicAccessBlock",
    "GetBucketLifecycleConfiguration": "GetLifecycleConfiguration",
    "GetBucketReplication": "GetReplicationConfiguration",
    "GetBucketNotificationConfiguration": "GetBucketNotification",
    "GetObjectLockConfiguration": "GetBucketObjectLockConfiguration",
    "GetBucketCors": "GetBucketCORS",
}
# The signing names moto uses as the service prefix, where IAM's prefix differs.
SERVICE_PREFIXES = {"monitoring": "cloudwatch"}
S3_CONTROL_PATH = "/v20180820/"


def iam_action(moto_action: str, path: str) -> str:
    """The IAM action AWS would evaluate for the request moto names ``moto_action``."""
    service, _, action = moto_action.partition(":")
    service = SERVICE_PREFIXES.get(service, service)
    if service == "s3":
        if action == "GetPublicAccessBlock" and S3_CONTROL_PATH in path:
            action = "GetAccountPublicAccessBlock"
        else:
            action = S3_OPERATION_ACTIONS.get(action, action)
    return f"{service}:{action}"


@dataclass
class Judgement:
    """What moto judged while enforcement was on, under AWS's action names."""

    judged: set[str] = field(default_factory=set)
    denied: list[str] = field(default_factory=list)


@contextlib.contextmanager
def iam_enforced(cloud: AwsCloud, monkeypatch: pytest.MonkeyPatch) -> Iterator[Judgement]:
    """moto checks every request against the caller's IAM policies while inside."""
    from moto.iam import access_control

    judgement = Judgement()
    check = access_control.IAMRequestBase.check_action_permitted

    def judged_as_iam_would(self: Any, resource: str) -> None:
        self._action = iam_action(self._action, self._path)
        judgement.judged.add(self._action)
        try:
            check(self, resource)
        except Exception:
            judgement.denied.append(self._action)
            raise

    monkeypatch.setattr(
        access_control.IAMRequestBase, "check_action_permitted", judged_as_iam_would
    )
    monkeypatch.setattr(access_control.IAMRequestBase, "check_signature", lambda self: None)
    no_proxy = {"http": "", "https": ""}
    requests.post(f"{cloud.endpoint_url}/moto-api/reset-auth", data=b"0", proxies=no_proxy)
    try:
        yield judgement
    finally:
        requests.post(f"{cloud.endpoint_url}/moto-api/reset-auth", data=b"inf", proxies=no_proxy)
