"""The token audience of a Resource Manager endpoint, found as ``az cloud register`` finds
it: from the cloud's own ``/metadata/endpoints`` (2022-09-01 object or list, 2015-01-01
fallback), unless ``--azure-audience`` or AZURE_RESOURCE_MANAGER_AUDIENCE names it.

Everything runs against the local ARM server through the real azure-identity and
azure-mgmt clients. An "Azure Stack" server here is one whose audience is not its own
URL, so a token for ``<endpoint>/.default`` gets 401 InvalidAuthenticationToken.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cspm_opa.collect.azure._audience import (
    AUDIENCE_ENV,
    Audience,
    parse_metadata,
    resolve_audience,
)
from cspm_opa.errors import CollectionError
from cspm_opa.localclouds.azure_cloud import PUBLIC_CLOUD_METADATA, AzureCloud, AzureCloudServer
from tests.azure.conftest import Collect

CLI = Path(sys.executable).with_name("cspm-opa")
SUB = "5b1c3e2a-0000-4000-8000-00000000b001"
STACK_AUDIENCE = "https://management.adfs.azurestack.local/8f2d6c41-3b7e-4a90-b5d2-1c9e0f7a6b35"
METADATA = "/metadata/endpoints"


def _stack(**options: Any) -> AzureCloud:
    return AzureCloud(audience=STACK_AUDIENCE, **options)


def _subscription(server: AzureCloudServer) -> None:
    payload = {
        "id": f"/subscriptions/{SUB}",
        "subscriptionId": SUB,
        "tenantId": server.cloud.tenant_id,
        "displayName": "stack",
        "state": "Enabled",
    }
    server.cloud.put_list("/subscriptions", [payload])
    server.cloud.put(payload["id"], payload)


@pytest.fixture
def stack() -> Iterator[AzureCloudServer]:
    """A local Azure Stack: its endpoint is not its audience; one subscription."""
    with AzureCloudServer(_stack()) as server:
        _subscription(server)
        yield server


@pytest.fixture(autouse=True)
def _no_audience_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(AUDIENCE_ENV, raising=False)


def _audiences_issued(server: AzureCloudServer) -> set[str]:
    """Audiences of the Resource Manager tokens (the Graph's, <server>/graph, aside)."""
    return {a for a in server.cloud.tokens.values() if a != f"{server.url}/graph"}


def _metadata_versions(server: AzureCloudServer) -> list[tuple[str, int]]:
    return [(r.query["api-version"][0], r.status) for r in server.cloud.hits(METADATA)]


# --- found through the metadata endpoint, no override -----------------------------------


def test_an_endpoint_that_is_not_its_audience_is_read_with_the_metadata_audience(
    stack: AzureCloudServer, run_collect: Collect
) -> None:
    (doc,) = run_collect(stack)
    assert doc["account"]["id"] == SUB
    assert _audiences_issued(stack) == {STACK_AUDIENCE}
    assert _metadata_versions(stack) == [("2022-09-01", 200)]
    # the subscriptions were read with that token: no 401 anywhere
    assert all(r.status != 401 for r in stack.cloud.requests)


def test_the_default_local_arm_names_the_public_audience(
    azure_server: AzureCloudServer, run_collect: Collect
) -> None:
    assert azure_server.cloud.audience == "https://management.azure.com/"
    _subscription(azure_server)
    (doc,) = run_collect(azure_server)
    assert doc["account"]["id"] == SUB
    assert _audiences_issued(azure_server) == {"https://management.azure.com"}


def test_the_list_form_gives_the_cloud_whose_resource_manager_is_the_endpoint(
    run_collect: Collect,
) -> None:
    with AzureCloudServer(_stack(metadata_as_list=True)) as server:
        _subscription(server)
        (doc,) = run_collect(server)
        answer = server.cloud.hits(METADATA)[0]
    assert doc["account"]["id"] == SUB
    # public Azure comes first in the list; its audience was not taken
    assert _audiences_issued(server) == {STACK_AUDIENCE}
    assert answer.status == 200


def test_an_endpoint_without_2022_metadata_falls_back_to_2015_01_01(
    run_collect: Collect,
) -> None:
    with AzureCloudServer(_stack(metadata_api_versions=("2015-01-01",))) as server:
        _subscription(server)
        (doc,) = run_collect(server)
        assert doc["account"]["id"] == SUB
        assert _metadata_versions(server) == [("2022-09-01", 400), ("2015-01-01", 200)]
        assert _audiences_issued(server) == {STACK_AUDIENCE}


def test_the_metadata_login_endpoint_is_the_authority_when_none_is_set(
    stack: AzureCloudServer, tmp_path: Path
) -> None:
    """DefaultAzureCredential from the environment, no AZURE_AUTHORITY_HOST: the token
    endpoint is the one the metadata names (this server), not login.microsoftonline.com."""
    env = _env(stack)
    del env["AZURE_AUTHORITY_HOST"]
    proc = _cli(["collect", "--provider", "azure", "--azure-endpoint", stack.url,
                 "-o", str(tmp_path)], env)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads((tmp_path / f"azure-{SUB}.json").read_text())["account"]["id"] == SUB
    assert _audiences_issued(stack) == {STACK_AUDIENCE}


# --- the parsed shapes ------------------------------------------------------------------


def test_2022_09_01_object_form() -> None:
    mine = {
        "name": "AzureStack-User-1a2b",
        "resourceManager": "https://management.local.azurestack.external/",
        "authentication": {
            "loginEndpoint": "https://adfs.local.azurestack.external/adfs/",
            "audiences": [f"{STACK_AUDIENCE}/", "https://management.local.azurestack.external"],
            "tenant": "adfs",
            "identityProvider": "ADFS",
        },
        "microsoftGraphResourceId": "https://graph.local.azurestack.external/",
        "suffixes": {"storage": "local.azurestack.external"},
    }
    found = parse_metadata(mine, "https://management.local.azurestack.external", "2022-09-01")
    assert found is not None
    assert found.audience == STACK_AUDIENCE  # audiences[0], trailing slash dropped
    assert found.login_endpoint == "https://adfs.local.azurestack.external/adfs/"
    assert found.name == "AzureStack-User-1a2b"


def test_2022_09_01_list_form_matches_resource_manager() -> None:
    china = {
        "name": "AzureChinaCloud",
        "resourceManager": "https://management.chinacloudapi.cn",
        "authentication": {
            "loginEndpoint": "https://login.chinacloudapi.cn",
            "audiences": ["https://management.core.chinacloudapi.cn", "https://x"],
        },
    }
    clouds = [PUBLIC_CLOUD_METADATA, china]
    found = parse_metadata(clouds, "https://management.chinacloudapi.cn/", "2022-09-01")
    assert found is not None
    assert (found.name, found.audience) == (
        "AzureChinaCloud",
        "https://management.core.chinacloudapi.cn",
    )
    public = parse_metadata(clouds, "https://Management.Azure.com", "2022-09-01")
    assert public is not None
    assert public.audience == "https://management.core.windows.net"
    # a proxy's URL matches none of several clouds: nothing is guessed
    assert parse_metadata(clouds, "https://arm-proxy.example.com", "2022-09-01") is None


def test_2015_01_01_object_form() -> None:
    old = {
        "galleryEndpoint": "https://adminportal.local.azurestack.external:30015/",
        "graphEndpoint": "https://graph.windows.net/",
        "portalEndpoint": "https://adminportal.local.azurestack.external/",
        "authentication": {
            "loginEndpoint": "https://login.microsoftonline.com/",
            "audiences": [f"https://management.contoso.onmicrosoft.com/{SUB}"],
        },
    }
    found = parse_metadata(old, "https://adminmanagement.local.azurestack.external", "2015-01-01")
    assert found is not None
    assert found.audience == f"https://management.contoso.onmicrosoft.com/{SUB}"
    assert found.login_endpoint == "https://login.microsoftonline.com/"
    assert found.name is None


@pytest.mark.parametrize(
    "payload",
    [
        None,
        "not an object",
        {},
        {"authentication": {}},
        {"authentication": {"audiences": []}},
        {"authentication": {"audiences": [42]}},
        {"authentication": {"audiences": ["/"]}},
    ],
)
def test_metadata_without_an_audience_gives_nothing(payload: object) -> None:
    assert parse_metadata(payload, "https://arm.example.com", "2022-09-01") is None


# --- precedence ---------------------------------------------------------------------------


def test_precedence_flag_then_environment_then_metadata(
    stack: AzureCloudServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(stack.ca_path))
    monkeypatch.setenv(AUDIENCE_ENV, "https://from-env.example/")
    flag = resolve_audience(stack.url, "https://from-flag.example/", None)
    assert (flag.value, flag.source) == ("https://from-flag.example", "--azure-audience")
    as_scope = resolve_audience(stack.url, "https://from-flag.example/.default", None)
    assert as_scope.scope == "https://from-flag.example/.default"
    env = resolve_audience(stack.url, None, None)
    assert (env.value, env.source) == ("https://from-env.example", AUDIENCE_ENV)
    assert stack.cloud.hits(METADATA) == []  # an override needs no metadata
    monkeypatch.delenv(AUDIENCE_ENV)
    metadata = resolve_audience(stack.url, None, None)
    assert metadata == Audience(
        STACK_AUDIENCE,
        f"{stack.url}/metadata/endpoints?api-version=2022-09-01",
        stack.url,  # the login endpoint is the authority
        f"{stack.url}/graph",  # microsoftGraphResourceId, for the Graph collector
    )


def test_unreadable_metadata_falls_through_to_the_known_clouds_quietly(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # every request goes to a proxy that refuses connections: no metadata, no abort
    monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{_closed_port()}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with caplog.at_level("DEBUG", logger="cspm_opa.collect.azure._audience"):
        china = resolve_audience("https://management.chinacloudapi.cn", None, None)
    assert china == Audience(
        "https://management.chinacloudapi.cn",
        "the known audience of this cloud",
        "https://login.chinacloudapi.cn",
    )
    assert "no metadata at https://management.chinacloudapi.cn" in caplog.text
    other = resolve_audience("https://arm.example.com/", None, None)
    assert (other.value, other.source) == ("https://arm.example.com", "the endpoint itself")


def test_an_endpoint_without_metadata_is_its_own_audience(run_collect: Collect) -> None:
    """No metadata (the old behaviour): ``<endpoint>/.default``, which this server
    refuses; the error says which audience was used and how to name another."""
    with AzureCloudServer(_stack(metadata_api_versions=())) as server:
        _subscription(server)
        with pytest.raises(CollectionError) as caught:
            run_collect(server)
        assert _metadata_versions(server) == [("2022-09-01", 400), ("2015-01-01", 400)]
        assert _audiences_issued(server) == {server.url}
    message = str(caught.value)
    assert "InvalidAuthenticationToken (401)" in message
    assert f"audience was {server.url} (from the endpoint itself)" in message
    assert "--azure-audience" in message and AUDIENCE_ENV in message


# --- 401: the audience used and the override, in the error and in coverage -----------------


def test_a_wrong_azure_audience_fails_the_scan_naming_audience_and_override(
    stack: AzureCloudServer, tmp_path: Path
) -> None:
    wrong = "https://management.core.windows.net/"
    proc = _cli(["scan", "--provider", "azure", "--azure-endpoint", stack.url,
                 "--azure-audience", wrong, "--format", "json",
                 "-o", str(tmp_path / "out.json")], _env(stack))  # fmt: skip
    assert proc.returncode == 3, proc.stderr
    assert "cannot list Azure subscriptions" in proc.stderr
    assert "InvalidAuthenticationToken (401)" in proc.stderr
    assert "audience was https://management.core.windows.net (from --azure-audience)" in (
        proc.stderr
    )
    assert f"name it with --azure-audience or {AUDIENCE_ENV}" in proc.stderr
    assert stack.cloud.client_secret not in proc.stderr + proc.stdout
    assert _audiences_issued(stack) == {"https://management.core.windows.net"}


def test_a_wrong_audience_in_the_environment_is_named_as_such(
    stack: AzureCloudServer, run_collect: Collect, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(AUDIENCE_ENV, stack.url)
    with pytest.raises(
        CollectionError, match=f"audience was {stack.url} \\(from {AUDIENCE_ENV}\\)"
    ):
        run_collect(stack)


def test_a_401_on_one_listing_is_a_denied_gap_naming_the_audience(
    stack: AzureCloudServer, run_collect: Collect
) -> None:
    stack.cloud.fail(f"/subscriptions/{SUB}/providers/Microsoft.KeyVault/vaults", 401)
    (doc,) = run_collect(stack)
    (gap,) = [g for g in doc["coverage"] if g["service"] == "keyvault"]
    assert gap["status"] == "denied"
    assert gap["detail"].startswith("InvalidAuthenticationToken (401): ")
    assert f"audience was {STACK_AUDIENCE} (from {stack.url}/metadata/endpoints" in gap["detail"]
    assert f"--azure-audience or {AUDIENCE_ENV}" in gap["detail"]
    assert "azurerm_key_vault" in gap["resource_types"]


# --- helpers --------------------------------------------------------------------------------


def _env(server: AzureCloudServer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AZURE_", "MSI_", "IDENTITY_"))}
    env.update(server.env())
    env.pop("AZURE_RESOURCE_MANAGER_URL")  # the endpoint comes from --azure-endpoint
    return env


def _cli(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), *argv], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
