"""Planning: from a scan result's findings to the exact API calls that would fix them.

Planning makes no change. It selects FAIL findings of the checks remediation can fix
(narrowed by policy ids and finding uids), holds each to the guard rails (WAIVED is never
touched; a ``cspm-remediate: never`` tag or label, or the scope file's
``remediation.never``, skips it), and asks the check's action module for its calls. The
few modules that must see the resource to name the exact call (a security group's
rules, a KMS key's kind) read it; nothing is written.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cspm_opa.errors import ConfigError, InputError
from cspm_opa.remediate._model import Action, Options
from cspm_opa.remediate.clouds import Clouds, Unreachable
from cspm_opa.remediate.registry import REMEDIABLE, module_for

if TYPE_CHECKING:
    from cspm_opa.scope import Scope

__all__ = ["NEVER_TAG", "Plan", "load_result", "plan_remediation"]

NEVER_TAG = ("cspm-remediate", "never")
"""The tag (AWS, Azure) or label (GCP) that keeps remediation off a resource."""


@dataclass
class Plan:
    """The planned calls, in order; :func:`apply_remediation` fills in the outcome."""

    actions: list[Action] = field(default_factory=list)
    applied: bool = False
    """Whether the plan went through :func:`apply_remediation`."""

    def __iter__(self) -> Iterator[Action]:
        return iter(self.actions)

    def __len__(self) -> int:
        return len(self.actions)

    def to_list(self) -> list[dict[str, Any]]:
        """JSON as ``schemas/remediation_plan.json`` describes it."""
        return [a.to_dict() for a in self.actions]

    @property
    def failed(self) -> list[Action]:
        return [a for a in self.actions if a.error is not None]

    @property
    def exit_code(self) -> int:
        """0 when every action was planned (or applied) or skipped; 3 when one failed."""
        return 3 if self.failed else 0


class _Lazy:
    """The connection of one account, made when an action module first uses it."""

    def __init__(self, clouds: Clouds, provider: str, account: str) -> None:
        self._args = (clouds, provider, account)
        self._conn: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._conn is None:
            clouds, provider, account = self._args
            self._conn = clouds.connect(provider, account)
        return getattr(self._conn, name)


def plan_remediation(
    result: Mapping[str, Any] | str | os.PathLike[str],
    *,
    policy_ids: Sequence[str] = (),
    findings: Sequence[str] = (),
    clouds: Clouds | None = None,
    scope: Scope | None = None,
    options: Options | None = None,
    include: Callable[[Mapping[str, Any]], str | None] | None = None,
    source: str = "the scan result",
) -> Plan:
    """The actions that would fix ``result``'s FAIL findings (a dry run: nothing changes).

    ``policy_ids`` and ``findings`` (uids) narrow the selection; an id remediation cannot
    fix, or a uid the result does not hold, is an error naming it. ``include`` may
    return a reason to skip a finding (a region or account outside the options).
    ``clouds`` is read (never written) by the modules that need the resource itself to
    name the call; by default each provider's default credentials.
    """
    if isinstance(result, (str, os.PathLike)):
        source = str(result)
        result = load_result(result)
    options = options or Options()
    clouds = clouds or Clouds()
    all_findings = result.get("findings")
    if not isinstance(all_findings, list):
        raise ConfigError(f"{source}: 'findings' is missing or not a list")
    _check_policy_ids(policy_ids, result)
    chosen = _select(all_findings, policy_ids, findings, source)
    plan = Plan()
    for finding in chosen:
        plan.actions.extend(_plan_one(finding, clouds, scope, options, include))
    return plan


def load_result(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A scan result file, held to schemas/scan_result.json (errors name the file)."""
    from cspm_opa import _json
    from cspm_opa.schemas import default_store

    try:
        result = _json.loads(Path(path).read_bytes())
    except OSError as exc:
        raise InputError(f"{path}: cannot read scan result: {exc}") from exc
    except _json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from exc
    issues = list(default_store().issues("scan_result.json", result))
    if issues:
        listed = "\n".join(f"  {issue}" for issue in issues[:50])
        raise InputError(f"{path}: not a cspm-opa scan result ({len(issues)} issues):\n{listed}")
    loaded: dict[str, Any] = result
    return loaded


def _check_policy_ids(policy_ids: Iterable[str], result: Mapping[str, Any]) -> None:
    known = {str(p.get("id")) for p in result.get("policies") or () if isinstance(p, dict)}
    problems = []
    for pid in policy_ids:
        if pid in REMEDIABLE:
            continue
        what = "has no remediation" if pid in known else "is not a known check id"
        problems.append(f"--policy-id {pid!r} {what} (remediable: {', '.join(REMEDIABLE)})")
    if problems:
        raise ConfigError("\n".join(problems))


def _select(
    findings: list[Any], policy_ids: Sequence[str], uids: Sequence[str], source: str
) -> list[Mapping[str, Any]]:
    by_uid = {f.get("uid"): f for f in findings if isinstance(f, dict)}
    problems = [f"--finding {u!r}: no finding with this uid in {source}"
                for u in uids if u not in by_uid]  # fmt: skip
    problems += [
        f"--finding {u!r}: its check {by_uid[u].get('policy_id')} has no remediation "
        f"(remediable: {', '.join(REMEDIABLE)})"
        for u in uids
        if u in by_uid and module_for(str(by_uid[u].get("policy_id"))) is None
    ]
    if problems:
        raise ConfigError("\n".join(problems))
    wanted, picked = set(policy_ids), set(uids)
    chosen: list[Mapping[str, Any]] = []
    for finding in findings:
        if not isinstance(finding, dict):
            continue
        if picked and finding.get("uid") not in picked:
            continue
        if wanted and finding.get("policy_id") not in wanted:
            continue
        if module_for(str(finding.get("policy_id"))) is None:
            continue
        if not uids and finding.get("status") not in ("FAIL", "WAIVED"):
            continue
        chosen.append(finding)
    return chosen


def _guard(finding: Mapping[str, Any], scope: Scope | None) -> str | None:
    """Why the guard rails keep remediation off this finding, or None."""
    status = finding.get("status")
    if status == "WAIVED":
        return "the finding is WAIVED: waived findings are never touched"
    if status != "FAIL":
        return f"the finding is {status}, not FAIL"
    resource = finding.get("resource") or {}
    for key, value in (resource.get("tags") or {}).items():
        if str(key).lower() == NEVER_TAG[0] and str(value).strip().lower() == NEVER_TAG[1]:
            return f"the resource is tagged {key}: {value}"
    if scope is not None:
        glob = scope.remediation_never_match(str(resource.get("id", "")), str(finding.get("uid")))
        if glob is not None:
            return f"the scope file opts it out (remediation.never: {glob!r})"
    return None


def _row(
    finding: Mapping[str, Any],
    step: tuple[str, str, Mapping[str, Any]],
    *,
    skipped: str | None = None,
    error: str | None = None,
) -> Action:
    """An action for ``finding`` from ``step``: (action, region, params)."""
    action, region, params = step
    resource = finding.get("resource") or {}
    return Action(
        finding=str(finding.get("uid")),
        policy_id=str(finding.get("policy_id")),
        provider=str(resource.get("provider", "")),
        account=str(resource.get("account", "")),
        resource=str(resource.get("id", "")),
        resource_type=str(resource.get("type", "")),
        action=action,
        region=region,
        params=dict(params),
        skipped=skipped,
        error=error,
        tags=dict(resource.get("tags") or {}),
    )


def _plan_one(
    finding: Mapping[str, Any],
    clouds: Clouds,
    scope: Scope | None,
    options: Options,
    include: Callable[[Mapping[str, Any]], str | None] | None,
) -> list[Action]:
    resource = finding.get("resource") or {}
    region = str(resource.get("region") or "")
    module = module_for(str(finding.get("policy_id")))
    assert module is not None  # _select keeps only remediable checks
    why = _guard(finding, scope) or (include(finding) if include else None)
    if why is not None:
        return [_row(finding, (module.ACTION, region, {}), skipped=why)]
    conn = _Lazy(clouds, str(resource.get("provider")), str(resource.get("account")))
    try:
        steps = module.plan(finding, conn, options)
    except Unreachable as exc:
        return [_row(finding, (module.ACTION, region, {}), error=str(exc))]
    except Exception as exc:  # an API or a malformed id: this finding cannot be planned
        return [_row(finding, (module.ACTION, region, {}), error=f"cannot plan: {_short(exc)}")]
    if not steps:
        reason = "nothing to change: the resource no longer has the setting the check names"
        return [_row(finding, (module.ACTION, region, {}), skipped=reason)]
    return [_row(finding, (s.action, s.region, s.params), skipped=s.skipped) for s in steps]


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"[:400]
