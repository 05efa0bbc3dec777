"""Lambda functions, ELBv2 load balancers and target groups (per region).

Lambda environment variable values are dropped here, as soon as ListFunctions answers:
only their names go further, so no value can reach a record, a snapshot or a report.
"""

from __future__ import annotations

from typing import Any

from cspm_opa.collect.aws.api import Api, CallFailed
from cspm_opa.collect.aws.runner import Outcome, Unit
from cspm_opa.collect.aws.units import listing_failed, try_call
from cspm_opa.normalize.aws import Record, environment_names

__all__ = ["compute_units", "without_secrets"]

FUNCTIONS = ("aws_lambda_function",)
BALANCERS = ("aws_lb",)
TARGET_GROUPS = ("aws_lb_target_group",)


def compute_units(region: str) -> list[Unit]:
    return [
        Unit("lambda", region, FUNCTIONS, lambda api: _functions(api, region)),
        Unit("elbv2", region, BALANCERS, lambda api: _balancers(api, region)),
        Unit("elbv2", region, TARGET_GROUPS, lambda api: _target_groups(api, region)),
    ]


def without_secrets(function: dict[str, Any]) -> dict[str, Any]:
    """A ListFunctions item with environment values replaced by the variable names."""
    kept = {k: v for k, v in function.items() if k != "Environment"}
    kept["Environment"] = {"VariableNames": environment_names(function)}
    return kept


def _functions(api: Api, region: str) -> Outcome:
    try:
        functions = api.pages("lambda", region, "list_functions", "Functions")
    except CallFailed as exc:
        return listing_failed("lambda", region, exc, FUNCTIONS)
    return Outcome(followups=[_function_unit(without_secrets(f), region) for f in functions])


def _function_unit(function: dict[str, Any], region: str) -> Unit:
    def run(api: Api) -> Outcome:
        failed: dict[str, str] = {}
        name = function["FunctionArn"]
        policy = try_call(
            api,
            failed,
            "lambda",
            region,
            "get_policy",
            absent=("ResourceNotFoundException",),
            FunctionName=name,
        )
        url = try_call(
            api,
            failed,
            "lambda",
            region,
            "get_function_url_config",
            absent=("ResourceNotFoundException",),
            FunctionName=name,
        )
        data = {
            "Function": function,
            "Policy": (policy or {}).get("Policy"),
            "UrlConfigs": [{"AuthType": url["AuthType"]}] if url else [],
        }
        return Outcome(records=[Record("lambda.function", region, data, failed)])

    return Unit("lambda", region, FUNCTIONS, run)


def _balancers(api: Api, region: str) -> Outcome:
    try:
        balancers = api.pages("elbv2", region, "describe_load_balancers", "LoadBalancers")
    except CallFailed as exc:
        return listing_failed("elbv2", region, exc, BALANCERS)
    return Outcome(followups=[_listeners_unit(b, region) for b in balancers])


def _listeners_unit(balancer: dict[str, Any], region: str) -> Unit:
    def run(api: Api) -> Outcome:
        failed: dict[str, str] = {}
        listeners: list[Any] = []
        try:
            listeners = api.pages(
                "elbv2",
                region,
                "describe_listeners",
                "Listeners",
                LoadBalancerArn=balancer["LoadBalancerArn"],
            )
        except CallFailed as exc:
            failed[exc.operation] = f"{exc.status}: {exc.detail}"
        data = {"LoadBalancer": balancer, "Listeners": listeners}
        return Outcome(records=[Record("elbv2.load_balancer", region, data, failed)])

    return Unit("elbv2", region, BALANCERS, run)


def _target_groups(api: Api, region: str) -> Outcome:
    try:
        groups = api.pages("elbv2", region, "describe_target_groups", "TargetGroups")
    except CallFailed as exc:
        return listing_failed("elbv2", region, exc, TARGET_GROUPS)
    return Outcome(followups=[_targets_unit(g, region) for g in groups])


def _targets_unit(group: dict[str, Any], region: str) -> Unit:
    """The targets registered in one group (DescribeTargetHealth lists them all, healthy
    or not; it is not paginated)."""

    def run(api: Api) -> Outcome:
        failed: dict[str, str] = {}
        found = try_call(
            api,
            failed,
            "elbv2",
            region,
            "describe_target_health",
            TargetGroupArn=group["TargetGroupArn"],
        )
        data = {
            "TargetGroup": group,
            "TargetHealthDescriptions": (found or {}).get("TargetHealthDescriptions", []),
        }
        return Outcome(records=[Record("elbv2.target_group", region, data, failed)])

    return Unit("elbv2", region, TARGET_GROUPS, run)
