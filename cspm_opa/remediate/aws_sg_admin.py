"""AWS-EC2-003 and AWS-EC2-004: revoke security group ingress open to 0.0.0.0/0 (or
::/0) on the administration ports, SSH 22 and RDP 3389 (EC2 RevokeSecurityGroupIngress).

Only the world range is revoked; other ranges of the same rule stay. A rule that is
exactly an admin port is revoked. A rule whose port range covers more than the admin
port(s) (or all traffic) is reported and left alone, since revoking it would close other
ports too; with ``split_ranges`` it is replaced by the same range minus the admin ports
(AuthorizeSecurityGroupIngress for the rest, then RevokeSecurityGroupIngress for the
whole), except an all-traffic rule, which names no ports to split.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.remediate._model import Action, Options, Step

PROVIDER = "aws"
POLICIES = frozenset({"AWS-EC2-003", "AWS-EC2-004"})
REVOKE = "ec2:RevokeSecurityGroupIngress"
AUTHORIZE = "ec2:AuthorizeSecurityGroupIngress"
ACTION = REVOKE
ADMIN_PORTS = (22, 3389)
PORT_PROTOCOLS = {"tcp", "udp", "6", "17"}
WORLD = {"AWS-EC2-003": ("IpRanges", "CidrIp", "0.0.0.0/0"),
         "AWS-EC2-004": ("Ipv6Ranges", "CidrIpv6", "::/0")}  # fmt: skip


def _group(finding: Mapping[str, Any]) -> tuple[str, str]:
    resource = finding["resource"]
    arn = str(resource["id"])
    group = arn.rpartition("/")[2] if "/" in arn else arn
    parts = arn.split(":")
    region = parts[3] if len(parts) > 5 and parts[3] else resource.get("region") or "us-east-1"
    return group, region


def _admin_ports(rule: Mapping[str, Any]) -> list[int]:
    protocol = str(rule.get("IpProtocol", "")).lower()
    if protocol == "-1":
        return list(ADMIN_PORTS)
    if protocol not in PORT_PROTOCOLS:
        return []
    low, high = rule.get("FromPort"), rule.get("ToPort")
    if not isinstance(low, int) or not isinstance(high, int):
        return []
    return [p for p in ADMIN_PORTS if low <= p <= high]


def remainder(low: int, high: int, ports: list[int]) -> list[tuple[int, int]]:
    """[low, high] without ``ports``, as contiguous ranges."""
    ranges, start = [], low
    for port in sorted(ports):
        if start <= port - 1:
            ranges.append((start, port - 1))
        start = port + 1
    if start <= high:
        ranges.append((start, high))
    return ranges


def _permission(
    rule: Mapping[str, Any], world: tuple[str, str, str], low: Any = None, high: Any = None
) -> dict[str, Any]:
    """``rule`` narrowed to the world range (and to ports ``low``-``high`` if given)."""
    key, field, cidr = world
    permission: dict[str, Any] = {"IpProtocol": rule["IpProtocol"]}
    if rule.get("FromPort") is not None:
        permission["FromPort"] = rule["FromPort"] if low is None else low
        permission["ToPort"] = rule["ToPort"] if high is None else high
    entry = next((r for r in rule.get(key, ()) if r.get(field) == cidr), {field: cidr})
    permission[key] = [{k: v for k, v in entry.items() if k in (field, "Description")}]
    return permission


def plan(finding: Mapping[str, Any], conn: Any, options: Options) -> list[Step]:
    group, region = _group(finding)
    world = WORLD[finding["policy_id"]]
    key, field, cidr = world
    found = conn.client("ec2", region).describe_security_groups(GroupIds=[group])
    rules = found["SecurityGroups"][0].get("IpPermissions", [])
    exact, steps = [], []
    for rule in rules:
        ports = _admin_ports(rule)
        if not ports or not any(r.get(field) == cidr for r in rule.get(key, ())):
            continue
        low, high = rule.get("FromPort"), rule.get("ToPort")
        whole = _permission(rule, world)
        if low == high and low in ADMIN_PORTS:
            exact.append(whole)
            continue
        if str(rule["IpProtocol"]) == "-1":
            steps.append(Step(REVOKE, region, {"GroupId": group, "IpPermissions": [whole]},
                              skipped="the rule allows all traffic from "
                              f"{cidr}: revoke or narrow it by hand"))  # fmt: skip
            continue
        covered = f"ports {low}-{high} cover more than the admin port(s) {ports}"
        if not options.split_ranges:
            steps.append(Step(REVOKE, region, {"GroupId": group, "IpPermissions": [whole]},
                              skipped=f"{covered}; left alone (--split-ranges replaces it "
                              "with the range minus the admin ports)"))  # fmt: skip
            continue
        rest = [_permission(rule, world, a, b) for a, b in remainder(low, high, ports)]
        if rest:
            steps.append(Step(AUTHORIZE, region, {"GroupId": group, "IpPermissions": rest}))
        steps.append(Step(REVOKE, region, {"GroupId": group, "IpPermissions": [whole]}))
    if exact:
        steps.insert(0, Step(REVOKE, region, {"GroupId": group, "IpPermissions": exact}))
    return steps


def read(action: Action, conn: Any) -> Any:
    found = conn.client("ec2", action.region).describe_security_groups(
        GroupIds=[action.params["GroupId"]]
    )
    rules: list[dict[str, Any]] = found["SecurityGroups"][0].get("IpPermissions", [])
    return [{k: v for k, v in r.items() if k != "UserIdGroupPairs" or v} for r in rules]


def perform(action: Action, conn: Any) -> None:
    client = conn.client("ec2", action.region)
    if action.action == AUTHORIZE:
        try:
            client.authorize_security_group_ingress(**action.params)
        except client.exceptions.ClientError as exc:
            # The narrower rule is there already: the goal holds.
            if exc.response.get("Error", {}).get("Code") != "InvalidPermission.Duplicate":
                raise
        return
    client.revoke_security_group_ingress(**action.params)


def _present(rules: list[dict[str, Any]], permission: Mapping[str, Any]) -> bool:
    key = "IpRanges" if "IpRanges" in permission else "Ipv6Ranges"
    field = "CidrIp" if key == "IpRanges" else "CidrIpv6"
    cidr = permission[key][0][field]
    return any(
        str(r.get("IpProtocol")) == str(permission["IpProtocol"])
        and r.get("FromPort") == permission.get("FromPort")
        and r.get("ToPort") == permission.get("ToPort")
        and any(x.get(field) == cidr for x in r.get(key, ()))
        for r in rules
    )


def fixed(action: Action, state: Any) -> bool:
    wanted = action.action == AUTHORIZE
    return all(_present(state, p) == wanted for p in action.params["IpPermissions"])
