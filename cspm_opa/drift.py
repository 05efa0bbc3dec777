"""Configuration drift: what changed between two snapshots of the same account.

Pure: snapshots in, a :class:`Drift` out (``schemas/drift.json`` is its JSON form).
Resources are matched by (provider, account, type, id); each one present on both sides is
compared document to document, and what differs is named by RFC 6901 JSON Pointers
relative to the resource (``/config/policy/Statement/0/Effect``)::

    drift = compare(load_snapshot("monday.json"), load_snapshot("tuesday.json"))
    drift.to_dict()  # {"changed": [...], "added": [...], "removed": [...], "unknown": [...]}

Granularity: mappings are compared key by key; a list of the same length element by
element (``/config/acl_grants/0/permission``); a list whose length changed is named as a
whole (``/config/acl_grants``); a value whose JSON type changed (an object that became
null) is named where it stands. Lists are compared in order.

Fields that change on their own between collections (last-used dates, alarm states,
instance power states, ...) are dropped by :data:`DEFAULT_IGNORES`; callers add their own
:class:`PathRule`. What could not be compared is never reported as a change: a resource
absent on one side whose listing failed there (a coverage entry for its type and region,
or a region that side did not scan) and a field named in a resource's ``unknown`` on
either side go to ``unknown`` instead.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

from cspm_opa.errors import ConfigError, InputError
from cspm_opa.model import Snapshot

__all__ = [
    "DEFAULT_IGNORES",
    "Change",
    "Drift",
    "PathRule",
    "ResourceKey",
    "compare",
    "default_rules",
    "diff_documents",
    "escape",
    "failures",
    "parse_rule",
    "render_table",
]

GLOBAL_REGION = "global"

DEFAULT_IGNORES: tuple[str, ...] = (
    # Usage timestamps: IAM users' password and access keys, roles, the root user.
    "*last_used*",
    "*last_seen*",
    # State the platform changes by itself, not configuration.
    "aws_cloudwatch_metric_alarm:/config/state_value",
    "aws_region_settings:/config/config_recorders/*/last_status",
    "aws_lb_target_group:/config/targets/*/health_state",
    "aws_instance:/config/state",
    "aws_ebs_volume:/config/state",
    "aws_ebs_snapshot:/config/state",
    "aws_network_interface:/config/status",
    "aws_db_instance:/config/db_instance_status",
    "aws_rds_cluster:/config/status",
    "aws_efs_file_system:/config/life_cycle_state",
    "aws_route_table:/config/routes/*/state",
    "azurerm_*:/config/provisioning_state",
    "azurerm_app_service:/config/state",
    "azurerm_managed_disk:/config/disk_state",
    "google_compute_instance:/config/status",
    "google_dataproc_cluster:/config/status",
    "google_sql_database_instance:/config/state",
    "google_kms_crypto_key:/config/next_rotation_time",
)
"""Pointer globs (``TYPE:GLOB`` or ``GLOB``) ignored unless the caller opts out: usage
timestamps and runtime states that move between two collections with no one changing
anything. docs/drift.md gives the reason for each."""

_WHOLE = ""  # the RFC 6901 pointer to the whole resource


def escape(segment: str | int) -> str:
    """One reference token, escaped per RFC 6901 (``~`` as ``~0``, ``/`` as ``~1``)."""
    return str(segment).replace("~", "~0").replace("/", "~1")


def _pointer(parts: Sequence[str | int]) -> str:
    return "".join("/" + escape(p) for p in parts)


@dataclass(frozen=True, order=True)
class ResourceKey:
    """Which resource: how drift matches a resource in one snapshot to the other."""

    provider: str
    account: str
    type: str
    id: str

    def to_dict(self) -> dict[str, str]:
        return {"provider": self.provider, "account": self.account, "type": self.type,
                "id": self.id}  # fmt: skip


@dataclass(frozen=True, order=True)
class Change:
    """A resource present on both sides, and the pointers to what differs (sorted)."""

    key: ResourceKey
    paths: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.key.to_dict(), "paths": list(self.paths)}


@dataclass(frozen=True)
class Drift:
    """The difference between two sets of snapshots, each list sorted by resource key.

    ``unknown`` holds what could not be compared: ``paths`` ``[""]`` for a resource that
    one side could not list, else the pointers of its fields one side could not read.
    """

    changed: tuple[Change, ...] = ()
    added: tuple[ResourceKey, ...] = ()
    removed: tuple[ResourceKey, ...] = ()
    unknown: tuple[Change, ...] = ()

    def __bool__(self) -> bool:
        """True when something changed, was added or was removed."""
        return bool(self.changed or self.added or self.removed)

    def __add__(self, other: Drift) -> Drift:
        return Drift(
            changed=tuple(sorted((*self.changed, *other.changed))),
            added=tuple(sorted((*self.added, *other.added))),
            removed=tuple(sorted((*self.removed, *other.removed))),
            unknown=tuple(sorted((*self.unknown, *other.unknown))),
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, as ``schemas/drift.json`` describes it."""
        return {
            "changed": [c.to_dict() for c in self.changed],
            "added": [k.to_dict() for k in self.added],
            "removed": [k.to_dict() for k in self.removed],
            "unknown": [c.to_dict() for c in self.unknown],
        }


# --- pointer globs ---------------------------------------------------------------------


@dataclass(frozen=True)
class PathRule:
    """A resource type glob and a pointer glob, as ``--ignore`` and ``--fail-on-drift``
    take them.

    The pointer glob is matched segment by segment against the escaped pointer: ``*``,
    ``?`` and ``[...]`` stay within one segment, a ``**`` segment spans any number of
    segments (none included), and a glob that does not start with ``/`` may match at any
    depth (``*last_used*`` is ``/**/*last_used*``). A rule matches a pointer when it
    matches the pointer or one of its ancestors, so ``/config/policy`` covers
    ``/config/policy/Statement/0/Effect``. ``pointer=None`` matches the whole resource.
    """

    type: str
    pointer: str | None = None
    text: str = field(default="", compare=False)

    def matches_type(self, rtype: str) -> bool:
        return fnmatchcase(rtype, self.type)

    def matches(self, rtype: str, path: str) -> bool:
        if not self.matches_type(rtype):
            return False
        if self.pointer is None:
            return True
        return _covers(self._segments, path.split("/")[1:])

    @property
    def _segments(self) -> tuple[str, ...]:
        assert self.pointer is not None
        if self.pointer.startswith("/"):
            return tuple(self.pointer.split("/")[1:])
        return ("**", *self.pointer.split("/"))


def _covers(pattern: Sequence[str], parts: Sequence[str]) -> bool:
    """Whether ``pattern`` matches ``parts`` or one of its prefixes (an ancestor)."""
    end = len(pattern)

    def closure(states: set[int]) -> set[int]:
        out = set(states)
        for start in states:
            i = start
            while i < end and pattern[i] == "**":
                i += 1
                out.add(i)
        return out

    states = closure({0})
    if end in states and end > 0:
        return True
    for part in parts:
        step: set[int] = set()
        for i in states:
            if i == end:
                continue
            if pattern[i] == "**":
                step.add(i)
            elif fnmatchcase(part, pattern[i]):
                step.add(i + 1)
        states = closure(step)
        if end in states:
            return True
        if not states:
            return False
    return False


def parse_rule(
    spec: str,
    *,
    option: str = "--ignore",
    type_required: bool = False,
    known_types: Collection[str] = (),
) -> PathRule:
    """``TYPE:POINTER-GLOB``, ``POINTER-GLOB`` (any type) or, with ``type_required``,
    ``TYPE`` alone. A glob that names no wildcard and no known type is refused, with the
    nearest known type, so a typo cannot make a rule that never matches."""
    text = spec.strip()
    rtype: str | None
    pointer: str | None
    head, sep, tail = text.partition(":")
    if sep and "/" not in head:
        rtype, pointer = head, tail
    elif not sep and "/" not in text and type_required:
        rtype, pointer = text, None
    else:
        rtype, pointer = None, text
    if type_required and not rtype:
        raise ConfigError(f"{option} {spec!r}: expected TYPE[:POINTER-GLOB], e.g. "
                          "aws_s3_bucket:/config/policy")  # fmt: skip
    if rtype is not None:
        _check_type(rtype, spec, option, known_types)
    if pointer is not None:
        _check_pointer(pointer, spec, option)
    return PathRule(rtype or "*", pointer, text)


def _check_type(rtype: str, spec: str, option: str, known_types: Collection[str]) -> None:
    if not rtype or any(c.isspace() for c in rtype):
        raise ConfigError(f"{option} {spec!r}: the resource type is empty or has spaces")
    if not known_types or any(c in rtype for c in "*?["):
        return
    if rtype not in known_types:
        near = difflib.get_close_matches(rtype, list(known_types), n=1)
        hint = f" (did you mean {near[0]}?)" if near else ""
        raise ConfigError(f"{option} {spec!r}: unknown resource type {rtype!r}{hint}")


def _check_pointer(pointer: str, spec: str, option: str) -> None:
    if not pointer:
        raise ConfigError(f"{option} {spec!r}: the pointer glob is empty")
    body = pointer[1:] if pointer.startswith("/") else pointer
    if body and "" in body.split("/"):
        raise ConfigError(f"{option} {spec!r}: the pointer glob has an empty segment ('//')")


# --- comparing -------------------------------------------------------------------------


def diff_documents(before: Any, after: Any, prefix: Sequence[str | int] = ()) -> Iterator[str]:
    """Pointers (below ``prefix``) to where ``after`` differs from ``before``."""
    if isinstance(before, Mapping) and isinstance(after, Mapping):
        for key in sorted(set(before) | set(after)):
            if key not in before or key not in after:
                yield _pointer((*prefix, key))
            else:
                yield from diff_documents(before[key], after[key], (*prefix, key))
    elif isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for index, (b, a) in enumerate(zip(before, after, strict=True)):
            yield from diff_documents(b, a, (*prefix, index))
    elif type(before) is not type(after) or before != after:
        # bool is not int: True and 1 differ in JSON.
        yield _pointer(prefix)


def _sort_key(pointer: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in pointer.split("/")[1:])


def compare(
    before: Snapshot,
    after: Snapshot,
    *,
    ignore: Iterable[PathRule] = (),
    default_ignores: bool = True,
) -> Drift:
    """The drift from ``before`` to ``after``, two snapshots of the same account.

    Raises :class:`InputError` naming both sources when they are of different accounts:
    every resource would be "added" and "removed", which is never what was meant.
    """
    if (before.provider, before.account_id) != (after.provider, after.account_id):
        raise InputError(
            f"{after.source}: {after.provider} account {after.account_id}, but "
            f"{before.source} is {before.provider} account {before.account_id}; drift "
            "compares two snapshots of the same account"
        )
    rules = [*(default_rules() if default_ignores else ()), *ignore]
    old, new = before.resources, after.resources
    blind_old, blind_new = _blindness(before, after), _blindness(after, before)

    def key(rtype: str, rid: str) -> ResourceKey:
        return ResourceKey(before.provider, before.account_id, rtype, rid)

    changed: list[Change] = []
    added: list[ResourceKey] = []
    removed: list[ResourceKey] = []
    unknown: list[Change] = []
    for rtype in sorted(set(old) | set(new)):
        was, now = old.get(rtype, {}), new.get(rtype, {})
        for rid in sorted(set(was) | set(now)):
            if rid not in now or rid not in was:
                gone = rid not in now
                blind = blind_new(rtype, was[rid]) if gone else blind_old(rtype, now[rid])
                if blind:
                    unknown.append(Change(key(rtype, rid), (_WHOLE,)))
                else:
                    (removed if gone else added).append(key(rtype, rid))
            else:
                paths, unread = _resource_paths(rtype, was[rid], now[rid], rules)
                if paths:
                    changed.append(Change(key(rtype, rid), paths))
                if unread:
                    unknown.append(Change(key(rtype, rid), unread))
    return Drift(tuple(changed), tuple(added), tuple(removed), tuple(unknown))


def _resource_paths(
    rtype: str, was: Mapping[str, Any], now: Mapping[str, Any], rules: Sequence[PathRule]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(changed pointers, pointers of fields either side could not read)."""
    unread = sorted(
        {_pointer(("config", name)) for doc in (was, now) for name in doc.get("unknown") or ()},
        key=_sort_key,
    )
    paths = [
        p
        for p in diff_documents(_without_unknown(was), _without_unknown(now))
        if not any(p == u or p.startswith(u + "/") for u in unread)
        and not any(rule.matches(rtype, p) for rule in rules)
    ]
    return tuple(sorted(set(paths), key=_sort_key)), tuple(unread)


def _without_unknown(doc: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "unknown"}


def _blindness(snap: Snapshot, other: Snapshot) -> Callable[[str, Mapping[str, Any]], bool]:
    """Whether ``snap`` could not have seen a resource of a type in a region: a coverage
    entry for that type (in its region, or global), or a region ``other`` scanned and
    ``snap`` did not."""
    gaps = [(g.region, frozenset(g.resource_types)) for g in snap.coverage]
    unscanned = set(other.regions) - set(snap.regions) - {GLOBAL_REGION}

    def blind(rtype: str, doc: Mapping[str, Any]) -> bool:
        region = str(doc.get("region", GLOBAL_REGION))
        if region in unscanned:
            return True
        return any(rtype in types and where in (region, GLOBAL_REGION) for where, types in gaps)

    return blind


def default_rules() -> list[PathRule]:
    """:data:`DEFAULT_IGNORES`, parsed."""
    return [parse_rule(spec) for spec in DEFAULT_IGNORES]


def failures(drift: Drift, rules: Iterable[PathRule]) -> list[str]:
    """What in ``drift`` a ``--fail-on-drift`` rule matches, one line each (empty: pass).

    A rule without a pointer matches any change, addition or removal of its type; with a
    pointer it matches changed paths only (an added or removed resource has no paths).
    """
    rules = list(rules)
    hits: list[str] = []
    for change in drift.changed:
        for path in change.paths:
            for rule in rules:
                if rule.matches(change.key.type, path):
                    hits.append(f"changed {change.key.type} {change.key.id} {path} ({rule.text})")
                    break
    for verb, keys in (("added", drift.added), ("removed", drift.removed)):
        for k in keys:
            for rule in rules:
                if rule.pointer is None and rule.matches_type(k.type):
                    hits.append(f"{verb} {k.type} {k.id} ({rule.text})")
                    break
    return hits


def render_table(drift: Drift) -> str:
    """One line per resource (CHANGED with its pointers, ADDED, REMOVED, UNKNOWN), then
    the counts."""
    rows: list[tuple[str, str, str, str, str]] = []
    for verb, items in (("CHANGED", drift.changed), ("UNKNOWN", drift.unknown)):
        for c in items:
            paths = ", ".join(p or "(whole resource)" for p in c.paths)
            rows.append((verb, c.key.account, c.key.type, c.key.id, paths))
    for verb, keys in (("ADDED", drift.added), ("REMOVED", drift.removed)):
        rows.extend((verb, k.account, k.type, k.id, "") for k in keys)
    order = {"CHANGED": 0, "ADDED": 1, "REMOVED": 2, "UNKNOWN": 3}
    rows.sort(key=lambda r: (order[r[0]], r[1], r[2], r[3]))
    lines = []
    if rows:
        header = ("DRIFT", "ACCOUNT", "TYPE", "ID", "PATHS")
        widths = [max(len(r[i]) for r in (header, *rows)) for i in range(4)]
        for row in (header, *rows):
            cells = [cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)]
            lines.append("  ".join((*cells, row[4])).rstrip())
    counts = (f"{len(drift.changed)} changed, {len(drift.added)} added, "
              f"{len(drift.removed)} removed, {len(drift.unknown)} not comparable")  # fmt: skip
    lines.append(counts if rows else f"no drift ({counts})")
    return "\n".join(lines) + "\n"
