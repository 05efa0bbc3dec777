"""EventBridge-shaped CloudTrail events, as AWS sends them, for the tests."""

from __future__ import annotations

import uuid
from typing import Any

ACCOUNT = "123456789012"


def cloudtrail_event(
    source: str,
    name: str,
    params: dict[str, Any] | None = None,
    *,
    account: str = ACCOUNT,
    region: str = "us-east-1",
    response: dict[str, Any] | None = None,
    error: str | None = None,
) -> dict[str, Any]:
    """One "AWS API Call via CloudTrail" event, as EventBridge delivers it."""
    event_id = str(uuid.uuid4())
    detail: dict[str, Any] = {
        "eventVersion": "1.09",
        "userIdentity": {"type": "IAMUser", "accountId": account, "userName": "alice"},
        "eventTime": "2026-11-29T10:00:00Z",
        "eventSource": source,
        "eventName": name,
        "awsRegion": region,
        "sourceIPAddress": "198.51.100.7",
        "userAgent": "aws-cli/2.15.0",
        "requestParameters": params,
        "responseElements": response,
        "requestID": "R3Q",
        "eventID": event_id,
        "readOnly": False,
        "eventType": "AwsApiCall",
        "managementEvent": True,
        "recipientAccountId": account,
        "eventCategory": "Management",
    }
    if error:
        detail["errorCode"] = error
        detail["errorMessage"] = "Access Denied"
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": "AWS API Call via CloudTrail",
        "source": "aws." + source.split(".", maxsplit=1)[0],
        "account": account,
        "time": "2026-11-29T10:00:01Z",
        "region": region,
        "resources": [],
        "detail": detail,
    }


def bucket_event(name: str, bucket: str, **kw: Any) -> dict[str, Any]:
    params = {"bucketName": bucket, "Host": f"{bucket}.s3.amazonaws.com"}
    if name == "PutBucketAcl":
        params["acl"] = ""
    return cloudtrail_event("s3.amazonaws.com", name, params, **kw)
