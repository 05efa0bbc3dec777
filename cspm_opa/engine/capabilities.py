"""Refusing policies that reach the network, before they load.

The pinned OPA's own capabilities (``opa capabilities --current``) minus the builtins
that make network calls; ``opa check --capabilities`` then rejects any module that
calls one, naming the file, line and builtin.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from cspm_opa.engine.binary import NOT_POLICY, ignore_args, run_opa
from cspm_opa.errors import CapabilityError, EngineError, PolicyError

__all__ = ["NETWORK_BUILTINS", "check_policies", "offline_capabilities"]

NETWORK_BUILTINS = frozenset({"http.send", "net.lookup_ip_addr"})


def offline_capabilities(opa: Path) -> dict[str, object]:
    """The binary's own capabilities without the network builtins."""
    proc = run_opa(opa, ["capabilities", "--current"])
    if proc.returncode != 0:
        raise EngineError(f"opa capabilities failed: {proc.stderr.strip()}")
    caps: dict[str, object] = json.loads(proc.stdout)
    builtins: list[dict[str, object]] = caps["builtins"]  # type: ignore[assignment]
    caps["builtins"] = [b for b in builtins if b["name"] not in NETWORK_BUILTINS]
    return caps


def check_policies(
    opa: Path,
    paths: Sequence[Path],
    workdir: Path,
    *,
    allow_network: bool = False,
    ignore: Sequence[str] = NOT_POLICY,
) -> None:
    """Compile ``paths`` with ``opa check``; raise with OPA's own message on failure.

    Unless ``allow_network``, the check runs against capabilities without the network
    builtins, so a policy that calls http.send fails here and never loads.
    """
    args = ["check", "--format", "json"]
    args += ignore_args(ignore)
    if not allow_network:
        caps_file = workdir / "capabilities.json"
        caps_file.write_text(json.dumps(offline_capabilities(opa)), encoding="utf-8")
        args += ["--capabilities", str(caps_file)]
    proc = run_opa(opa, [*args, *map(str, paths)])
    if proc.returncode == 0:
        return
    messages, network = _format_errors(proc.stdout or proc.stderr)
    if network and not allow_network:
        raise CapabilityError(
            "policy calls a network builtin, refused (opt in with allow_network / "
            "--allow-network):\n" + messages
        )
    raise PolicyError(messages)


def _format_errors(output: str) -> tuple[str, bool]:
    try:
        errors = json.loads(output).get("errors", [])
    except (json.JSONDecodeError, AttributeError):
        text = output.strip()
        return text, any(b in text for b in NETWORK_BUILTINS)
    lines = []
    network = False
    for err in errors:
        loc = err.get("location") or {}
        message = err.get("message", "")
        network = network or any(f"undefined function {b}" in message for b in NETWORK_BUILTINS)
        lines.append(
            f"{loc.get('file', '?')}:{loc.get('row', '?')}: {err.get('code', '')}: {message}"
        )
    return "\n".join(lines), network
