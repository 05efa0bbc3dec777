"""Port ranges and address helpers for exposure: which ports anyone on the internet can
reach through a set of allow rules, after an ordered list of network ACL entries."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["ADMIN_PORTS", "PortRange", "is_private", "is_world", "merge", "touches"]

ADMIN_PORTS = (22, 3389)
"""SSH and RDP: the ports people administer servers through."""

WORLD = frozenset({"0.0.0.0/0", "::/0", "*", "Internet", "any", "Any", "0.0.0.0"})


def is_world(source: str | None) -> bool:
    """True for a source that means anyone on the internet."""
    return source is not None and source.strip() in WORLD


def is_private(source: str) -> bool:
    """True for a CIDR inside private address space (RFC 1918, ULA, link-local)."""
    try:
        return ipaddress.ip_network(source.strip(), strict=False).is_private
    except ValueError:
        return False


@dataclass(frozen=True, order=True)
class PortRange:
    """An inclusive range of ports of one protocol (``all`` for any protocol)."""

    low: int
    high: int
    protocol: str = "all"

    @classmethod
    def of(cls, protocol: str | None, low: int | None, high: int | None) -> PortRange:
        proto = _protocol(protocol)
        if proto == "all" or low is None or low < 0:
            return cls(0, 65535, proto)
        return cls(int(low), int(high if high is not None and high >= 0 else low), proto)

    def overlaps(self, other: PortRange) -> bool:
        return _proto_match(self.protocol, other.protocol) and not (
            self.high < other.low or other.high < self.low
        )

    def as_list(self) -> list[int]:
        return [self.low, self.high]

    def __str__(self) -> str:
        if (self.low, self.high) == (0, 65535):
            return f"all {self.protocol} ports" if self.protocol != "all" else "all traffic"
        span = str(self.low) if self.low == self.high else f"{self.low}-{self.high}"
        return f"{self.protocol}/{span}"


def _protocol(value: str | None) -> str:
    text = str(value if value is not None else "-1").lower()
    return {"-1": "all", "*": "all", "6": "tcp", "17": "udp", "1": "icmp"}.get(text, text)


def _proto_match(a: str, b: str) -> bool:
    return "all" in (a, b) or a == b


def touches(ranges: Iterable[PortRange], ports: Sequence[int]) -> list[int]:
    """The ``ports`` that some range covers (tcp or any protocol)."""
    found = {
        port
        for r in ranges
        for port in ports
        if r.protocol in ("all", "tcp") and r.low <= port <= r.high
    }
    return sorted(found)


def merge(ranges: Iterable[PortRange]) -> list[PortRange]:
    """Sorted, with overlapping ranges of the same protocol joined."""
    out: list[PortRange] = []
    for r in sorted(ranges, key=lambda x: (x.protocol, x.low, x.high)):
        if out and out[-1].protocol == r.protocol and r.low <= out[-1].high + 1:
            last = out.pop()
            out.append(PortRange(last.low, max(last.high, r.high), r.protocol))
        else:
            out.append(r)
    return out


def through_acl(
    allowed: Iterable[PortRange], entries: Sequence[tuple[int, str, PortRange]]
) -> list[PortRange]:
    """What remains of ``allowed`` after ordered ACL entries ``(number, action, range)``
    that match traffic from anywhere: the first entry that matches a port decides."""
    result: list[PortRange] = []
    for want in allowed:
        pending = [want]
        for _, action, entry in sorted(entries, key=lambda e: e[0]):
            next_pending: list[PortRange] = []
            for piece in pending:
                if not piece.overlaps(entry):
                    next_pending.append(piece)
                    continue
                low, high = max(piece.low, entry.low), min(piece.high, entry.high)
                proto = piece.protocol if piece.protocol != "all" else entry.protocol
                if action == "allow":
                    result.append(PortRange(low, high, proto))
                if piece.low < low:
                    next_pending.append(PortRange(piece.low, low - 1, piece.protocol))
                if high < piece.high:
                    next_pending.append(PortRange(high + 1, piece.high, piece.protocol))
            pending = next_pending
        # ports no entry matched are denied (an ACL ends with an implicit deny)
    return merge(result)
