"""The write calls of the local GCP that remediation makes, on the assets
:class:`~cspm_opa.localclouds.gcp_cloud.FakeGcp` serves, so that the next Cloud Asset
listing shows the change, as Asset Inventory would:

- Cloud Storage JSON API ``GET`` and ``PATCH /storage/v1/b/{bucket}`` (patch semantics:
  objects merge, a null clears; ``iamConfiguration.publicAccessPrevention`` must be
  ``enforced`` or ``inherited``), answering the bucket resource;
- Compute Engine ``GET`` and ``PATCH /compute/v1/projects/{project}/global/firewalls/
  {firewall}`` (``disabled`` must be a boolean), the PATCH answering a
  ``compute#operation``, which ``GET .../global/operations/{operation}`` serves again.

Errors are :class:`~cspm_opa.localclouds.gcp_fake_auth.ApiError`, which the server writes
in Google's JSON error shape.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

from cspm_opa.localclouds.gcp_fake_auth import ApiError

__all__ = ["Writes"]

_BUCKET = "/storage/v1/b/"
_COMPUTE = "/compute/v1/projects/"
_PUBLIC_HOST = "https://www.googleapis.com"
_PAP_VALUES = {"enforced", "inherited", "unspecified"}


def _merge(base: Any, patch: Any) -> Any:
    if not isinstance(patch, Mapping) or not isinstance(base, Mapping):
        return patch
    out = dict(base)
    for name, value in patch.items():
        if value is None:
            out.pop(name, None)
        else:
            out[name] = _merge(out.get(name), value)
    return out


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class Writes:
    """The write routes over one fake's asset list (shared with its lock)."""

    def __init__(self, assets: list[dict[str, Any]], lock: threading.Lock) -> None:
        self._assets = assets
        self._lock = lock
        self._operations: dict[str, dict[str, Any]] = {}

    @staticmethod
    def serves(path: str) -> bool:
        return path.startswith((_BUCKET, _COMPUTE))

    def get(self, path: str) -> Any:
        if path.startswith(_BUCKET):
            return self._bucket(path)[1]
        project, kind, name = self._compute(path)
        if kind == "operations":
            with self._lock:
                found = self._operations.get(f"{project}/{name}")
            if found is None:
                raise ApiError(404, f"The resource 'projects/{project}/global/operations/"
                                    f"{name}' was not found")  # fmt: skip
            return found
        return {"kind": "compute#firewall", **self._firewall(project, name)[1]}

    def patch(self, path: str, body: Any) -> Any:
        if not isinstance(body, dict):
            raise ApiError(400, "Invalid JSON payload received: expected an object.")
        if path.startswith(_BUCKET):
            pap = (body.get("iamConfiguration") or {}).get("publicAccessPrevention")
            if pap is not None and pap not in _PAP_VALUES:
                raise ApiError(400, f"Invalid argument: publicAccessPrevention {pap!r}.")
            asset, _ = self._bucket(path)
            return self._update(asset, body)
        project, kind, name = self._compute(path)
        if kind != "firewalls":
            raise ApiError(404, f"no route for PATCH {path}")
        if "disabled" in body and not isinstance(body["disabled"], bool):
            raise ApiError(400, "Invalid value for field 'resource.disabled': "
                                f"'{body['disabled']}'. Boolean expected.")  # fmt: skip
        asset, data = self._firewall(project, name)
        self._update(asset, body)
        return self._operation(project, name, data)

    # --- lookups ------------------------------------------------------------------------

    def _find(self, asset_name: str, missing: str) -> tuple[dict[str, Any], dict[str, Any]]:
        with self._lock:
            for asset in self._assets:
                if asset["name"] == asset_name and "resource" in asset:
                    return asset, dict(asset["resource"]["data"])
        raise ApiError(404, missing)

    def _bucket(self, path: str) -> tuple[dict[str, Any], dict[str, Any]]:
        bucket = unquote(path[len(_BUCKET) :])
        if not bucket or "/" in bucket:
            raise ApiError(404, f"no route for {path}")
        return self._find(f"//storage.googleapis.com/{bucket}",
                          "The specified bucket does not exist.")  # fmt: skip

    @staticmethod
    def _compute(path: str) -> tuple[str, str, str]:
        parts = [unquote(p) for p in path[len(_COMPUTE) :].split("/")]
        if len(parts) != 4 or parts[1] != "global" or parts[2] not in ("firewalls", "operations"):
            raise ApiError(404, f"no route for {path}")
        return parts[0], parts[2], parts[3]

    def _firewall(self, project: str, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
        return self._find(
            f"//compute.googleapis.com/projects/{project}/global/firewalls/{name}",
            f"The resource 'projects/{project}/global/firewalls/{name}' was not found",
        )

    # --- changes ------------------------------------------------------------------------

    def _update(self, asset: dict[str, Any], body: Mapping[str, Any]) -> dict[str, Any]:
        with self._lock:
            data: dict[str, Any] = _merge(asset["resource"]["data"], body)
            asset["resource"] = {**asset["resource"], "data": data}
            asset["updateTime"] = _now()
        return data

    def _operation(self, project: str, name: str, data: Mapping[str, Any]) -> dict[str, Any]:
        op_name = f"operation-{int(time.time() * 1000)}-{secrets.token_hex(6)}"
        now = _now()
        operation = {
            "kind": "compute#operation",
            "id": str(secrets.randbits(60)),
            "name": op_name,
            "operationType": "patch",
            "targetLink": f"{_PUBLIC_HOST}/compute/v1/projects/{project}/global/firewalls/{name}",
            "targetId": str(data.get("id", "")),
            "status": "DONE",
            "progress": 100,
            "insertTime": now,
            "startTime": now,
            "endTime": now,
            "selfLink": f"{_PUBLIC_HOST}/compute/v1/projects/{project}/global/operations/{op_name}",
        }
        with self._lock:
            self._operations[f"{project}/{op_name}"] = operation
        return operation
