"""Lambda functions and ELBv2 load balancers.

Lambda environment variables reach this module as names only: the collector drops
their values the moment ListFunctions answers, and nothing here could bring them back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.normalize.aws.common import Document, policy_document, resource, unknown_fields
from cspm_opa.normalize.aws.facts import Facts, Record

__all__ = ["COMPUTE_TYPES", "FUNCTION_FIELDS", "compute_resources", "environment_names"]

COMPUTE_TYPES = ("aws_lambda_function", "aws_lb")


FUNCTION_FIELDS: dict[str, tuple[str, ...]] = {
    "GetPolicy": ("policy",),
    "GetFunctionUrlConfig": ("url_auth_types",),
}
_LB_TYPES = {"application", "network", "gateway"}


def environment_names(function: Mapping[str, Any]) -> list[str]:
    """The names of a function's environment variables, never their values."""
    env = function.get("Environment") or {}
    names = env.get("VariableNames")
    if names is None:
        names = list((env.get("Variables") or {}).keys())
    return sorted(str(n) for n in names)


def compute_resources(facts: Facts, region: str) -> list[Document]:
    """Lambda and ELBv2 documents of one region."""
    docs = [_function(r) for r in facts.of("lambda.function", region)]
    docs.extend(_load_balancer(r) for r in facts.of("elbv2.load_balancer", region))
    return docs


def _function(record: Record) -> Document:
    raw = record.data["Function"]
    config = {
        "runtime": raw.get("Runtime"),
        "package_type": raw.get("PackageType", "Zip"),
        "role_arn": raw.get("Role", ""),
        "environment_variable_names": environment_names(raw),
        "kms_key_arn": raw.get("KMSKeyArn"),
        "vpc_id": (raw.get("VpcConfig") or {}).get("VpcId") or None,
        "policy": policy_document(record.data.get("Policy")),
        "url_auth_types": sorted(
            {str(u.get("AuthType")) for u in record.data.get("UrlConfigs", [])}
        ),
    }
    return resource(
        "aws_lambda_function",
        raw["FunctionArn"],
        raw["FunctionName"],
        record.region,
        config,
        unknown=unknown_fields(record.failed, FUNCTION_FIELDS),
    )


def _action(raw: Mapping[str, Any]) -> dict[str, Any]:
    redirect = raw.get("RedirectConfig") or {}
    return {"type": raw.get("Type", "forward"), "redirect_protocol": redirect.get("Protocol")}


def _load_balancer(record: Record) -> Document:
    raw = record.data["LoadBalancer"]
    kind = raw.get("Type", "application")
    listeners = [
        {
            "port": listener.get("Port"),
            "protocol": listener.get("Protocol"),
            "ssl_policy": listener.get("SslPolicy"),
            "default_actions": [_action(a) for a in listener.get("DefaultActions", [])],
        }
        for listener in record.data.get("Listeners", [])
    ]
    config = {
        "load_balancer_type": kind if kind in _LB_TYPES else "application",
        "scheme": raw.get("Scheme", "internet-facing"),
        "vpc_id": raw.get("VpcId"),
        "security_group_ids": list(raw.get("SecurityGroups", [])),
        "listeners": listeners,
    }
    return resource(
        "aws_lb",
        raw["LoadBalancerArn"],
        raw["LoadBalancerName"],
        record.region,
        config,
        unknown=["listeners"] if "DescribeListeners" in record.failed else [],
    )
