"""The Graph side in process: the normalizers on Graph's documented shapes, and the
collector against the local Graph for what the CLI tests do not reach (throttling that
outlasts the retries, no endpoint, a token for another audience)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cspm_opa.collect.azure import _graph_client
from cspm_opa.collect.azure.entra import (
    READS,
    collect_entra,
    graph_audiences,
    graph_endpoint,
)
from cspm_opa.localclouds.azure_cloud import AzureCloudServer
from cspm_opa.normalize.azure import entra
from cspm_opa.testing import graph_builders as gb

TENANT = "11111111-1111-1111-1111-111111111111"
ALL_TYPES = [r.rtype for r in READS]


def test_authorization_policy_in_the_v1_shape_and_the_older_collection_shape() -> None:
    raw = gb.out_of_box()["authorization_policy"]
    single = entra.authorization_policy(raw, TENANT)
    wrapped = entra.authorization_policy({"value": [raw]}, TENANT)
    assert single == wrapped
    assert single["id"] == f"/tenants/{TENANT}/policies/authorizationPolicy"
    config = single["config"]
    assert config["allow_invites_from"] == "everyone"
    assert config["guest_user_role"] == "guest"
    assert config["user_consent"] == "any"
    assert config["default_user_role_permissions"]["allowed_to_create_apps"] is True


@pytest.mark.parametrize(
    ("grants", "consent"),
    [
        ([], "none"),
        (["ManagePermissionGrantsForSelf.microsoft-user-default-low"], "low_risk_verified"),
        (["managePermissionGrantsForSelf.microsoft-user-default-legacy"], "any"),
        (["ManagePermissionGrantsForOwnedResource.microsoft-dynamically-managed"], "none"),
    ],
)
def test_user_consent_is_read_from_the_assigned_grant_policies(
    grants: list[str], consent: str
) -> None:
    assert entra.user_consent(grants) == consent


def test_tenant_creation_is_allowed_unless_graph_says_false() -> None:
    raw = gb.hardened()["authorization_policy"]
    del raw["defaultUserRolePermissions"]["allowedToCreateTenants"]
    doc = entra.authorization_policy(raw, TENANT)
    assert doc["config"]["default_user_role_permissions"]["allowed_to_create_tenants"] is True


def test_directory_settings_never_created_take_the_template_defaults() -> None:
    config = entra.directory_settings([], TENANT)["config"]
    assert config["group_unified"]["present"] is False
    assert config["group_unified"]["enable_group_creation"] is True
    assert config["password_rule"] == {
        "present": False,
        "lockout_threshold": 10,
        "lockout_duration_seconds": 60,
        "enable_banned_password_check": True,
        "banned_password_count": 0,
    }


def test_directory_settings_are_found_by_template_and_banned_words_are_only_counted() -> None:
    renamed = gb.setting(
        "renamed",
        {"BannedPasswordList": "contoso,contoso2026\tfabrikam", "LockoutThreshold": "3"},
        template_id=entra.PASSWORD_RULE_TEMPLATE,
    )
    doc = entra.directory_settings([renamed], TENANT)
    assert doc["config"]["password_rule"]["banned_password_count"] == 3
    assert doc["config"]["password_rule"]["lockout_threshold"] == 3
    assert "contoso" not in str(doc)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[AzureCloudServer]:
    with AzureCloudServer() as running:
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(running.ca_path))
        yield running


def test_throttling_that_outlasts_the_retries_is_a_throttled_gap(server: AzureCloudServer) -> None:
    server.cloud.graph.fail("/v1.0/groupSettings", 429, retry_after=2)
    waits: list[float] = []
    found = collect_entra(
        server.credential(), f"{server.url}/graph", str(server.ca_path), sleep=waits.append
    )
    assert waits == [2.0] * _graph_client.RETRIES
    assert len(server.cloud.graph.hits("/v1.0/groupSettings")) == _graph_client.RETRIES + 1
    (gap,) = found.gaps
    assert (gap["status"], gap["resource_types"]) == ("throttled", ["azuread_directory_settings"])
    part = found.part(TENANT)
    assert sorted(d["type"] for d in part.resources) == sorted(
        set(ALL_TYPES) - {"azuread_directory_settings"}
    )


def test_a_retry_after_beyond_the_cap_waits_only_the_cap(server: AzureCloudServer) -> None:
    server.cloud.graph.fail(
        "/v1.0/policies/adminConsentRequestPolicy", 429, times=1, retry_after=3600
    )
    waits: list[float] = []
    found = collect_entra(
        server.credential(), f"{server.url}/graph", str(server.ca_path), sleep=waits.append
    )
    assert waits == [_graph_client.MAX_WAIT]
    assert found.gaps == []


def test_a_token_for_another_audience_is_denied_not_passed(server: AzureCloudServer) -> None:
    # Graph mistaken for the Resource Manager URL: the token is for the wrong audience.
    found = collect_entra(server.credential(), server.url, str(server.ca_path))
    assert [g["status"] for g in found.gaps] == ["denied"] * len(READS)
    assert found.part(TENANT).resources == []


def test_no_graph_endpoint_is_a_gap_for_every_type() -> None:
    found = collect_entra(object(), None, None)
    assert [g["resource_types"] for g in found.gaps] == [[t] for t in ALL_TYPES]
    assert "--azure-graph-endpoint" in found.gaps[0]["detail"]


def test_graph_endpoint_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AZURE_GRAPH_ENDPOINT", "https://graph.from-env.example/")
    assert graph_endpoint("https://flag.example/", "https://arm", None, "https://meta")[0] == (
        "https://flag.example"
    )
    assert graph_endpoint(None, "https://arm", None, "https://meta")[0] == (
        "https://graph.from-env.example"
    )
    monkeypatch.delenv("AZURE_GRAPH_ENDPOINT")
    assert graph_endpoint(None, "https://arm", None, "https://meta")[0] == "https://meta"
    assert graph_endpoint(None, "https://management.usgovcloudapi.net", None, "")[0] == (
        "https://graph.microsoft.us"
    )
    assert graph_endpoint(None, "https://arm.private.example", None, "") == (None, "none")


def test_a_graph_that_wants_the_public_audience_is_read_after_one_401(
    server: AzureCloudServer,
) -> None:
    """A proxy in front of Graph: its own URL is not the audience, public Graph's is."""
    server.cloud.graph.audience = "https://graph.microsoft.com"
    found = collect_entra(server.credential(), f"{server.url}/graph", str(server.ca_path))
    assert found.gaps == []
    assert sorted(d["type"] for d in found.part(TENANT).resources) == sorted(ALL_TYPES)
    first = server.cloud.hits("/graph/v1.0/policies/identitySecurityDefaultsEnforcementPolicy")
    assert [r.status for r in first] == [401, 200]  # the endpoint's own audience, refused
    assert {r.status for r in server.cloud.graph.requests} == {200}
    issued = set(server.cloud.tokens.values())
    assert {f"{server.url}/graph", "https://graph.microsoft.com"} <= issued


def test_azure_graph_audience_names_the_only_audience(
    server: AzureCloudServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AZURE_GRAPH_AUDIENCE", "https://graph.microsoft.com/.default")
    assert graph_audiences("https://proxy.example") == ("https://graph.microsoft.com",)
    found = collect_entra(server.credential(), f"{server.url}/graph", str(server.ca_path))
    assert {g["status"] for g in found.gaps} == {"denied"}  # this Graph wants its own URL
    assert "audience was https://graph.microsoft.com" in found.gaps[0]["detail"]


def test_audiences_tried_are_the_metadata_id_the_endpoint_and_public_graph() -> None:
    assert graph_audiences("https://proxy.example/", "https://graph.microsoft.com/") == (
        "https://graph.microsoft.com",
        "https://proxy.example",
    )
    assert graph_audiences("https://graph.microsoft.us") == (
        "https://graph.microsoft.us",
        "https://graph.microsoft.com",
    )


def test_conditional_access_policies_and_named_locations_in_the_v1_shape() -> None:
    from cspm_opa.localclouds.azure_graph import ca_policy

    strength = ca_policy("Phishing-resistant admins", grant=())
    strength["grantControls"]["authenticationStrength"] = {
        "id": "00000000-0000-0000-0000-000000000004"
    }
    flows = ca_policy(
        "Block transfer",
        grant=["block"],
        authenticationFlows={"transferMethods": "deviceCodeFlow,authenticationTransfer"},
    )
    raw = {"policies": [strength, flows], "named_locations": gb.hardened()["named_locations"]}
    config = entra.conditional_access(raw, TENANT)["config"]
    by_name = {p["display_name"]: p for p in config["policies"]}
    assert by_name["Phishing-resistant admins"]["requires_mfa"] is True
    assert by_name["Block transfer"]["authentication_flows"] == [
        "authenticationTransfer",
        "deviceCodeFlow",
    ]
    assert by_name["Block transfer"]["blocks"] is True
    kinds = {n["display_name"]: (n["kind"], n["is_trusted"]) for n in config["named_locations"]}
    assert kinds == {"Head office": ("ip", True), "Allowed countries": ("country", False)}


def test_global_administrators_are_counted_by_kind_and_not_named() -> None:
    members = [
        {"@odata.type": "#microsoft.graph.user", "id": "u1", "userPrincipalName": "a@x"},
        {"@odata.type": "#microsoft.graph.servicePrincipal", "id": "sp1"},
    ]
    doc = entra.global_administrators(members, TENANT)
    assert doc["config"]["member_count"] == 2
    assert doc["config"]["user_count"] == 1
    assert "a@x" not in str(doc)


def test_a_global_administrator_role_never_activated_has_no_members(
    server: AzureCloudServer,
) -> None:
    server.cloud.graph.set("global_administrators", None)
    found = collect_entra(server.credential(), f"{server.url}/graph", str(server.ca_path))
    assert found.gaps == []
    role = next(d for d in found.part(TENANT).resources if d["type"] == "azuread_directory_role")
    assert role["config"]["user_count"] == 0


def test_a_graph_that_does_not_answer_is_asked_once() -> None:
    """No connection (a closed port): one attempt, then every read is a gap at once."""
    import socket

    from azure.core.credentials import AccessToken

    class Token:
        def get_token(self, *scopes: str, **kwargs: object) -> AccessToken:
            return AccessToken("t", 2**31)

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    found = collect_entra(Token(), f"http://127.0.0.1:{port}", None)
    assert [g["status"] for g in found.gaps] == ["error"] * len(READS)
    assert all("did not answer" in g["detail"] for g in found.gaps[1:])
