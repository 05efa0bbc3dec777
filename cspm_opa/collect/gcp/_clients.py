"""Credentials and SDK clients for the GCP collector. The google-cloud SDKs load here,
when a GCP collection starts, never on ``import cspm_opa``.

Both clients use the REST transport, so one HTTP endpoint (a Private Service Connect
address, a proxy, or the test fake) serves them, and both authenticate through
google-auth: the credential the caller injects, else application default credentials.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from cspm_opa.errors import CollectionError

if TYPE_CHECKING:
    from google.auth.credentials import Credentials
    from google.cloud.asset_v1 import AssetServiceClient
    from google.cloud.resourcemanager_v3 import FoldersClient, ProjectsClient

__all__ = ["Clients", "load_credentials", "message_json"]

CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform"


def load_credentials(injected: Any = None) -> Credentials:
    """The injected credential, else google-auth's application default credentials
    (GOOGLE_APPLICATION_CREDENTIALS, gcloud's user credentials, the metadata server)."""
    if injected is not None:
        return injected  # type: ignore[no-any-return]
    import google.auth
    from google.auth.exceptions import DefaultCredentialsError

    try:
        credentials, _project = google.auth.default(scopes=[CLOUD_PLATFORM])
    except DefaultCredentialsError as exc:
        raise CollectionError(f"no GCP credentials: {exc}") from exc
    return credentials


def endpoint_for(template: str | None, service: str) -> str | None:
    """The API endpoint of ``service`` ("cloudasset", "cloudresourcemanager").

    Private Service Connect gives each API its own host name
    (``cloudasset-myep.p.googleapis.com``); write the option as
    ``https://{service}-myep.p.googleapis.com`` and each client gets its own. Without
    ``{service}`` every client uses the one URL, which suits a gateway or a proxy.
    """
    if not template:
        return None
    return template.replace("{service}", service)


def _rest_transport(transport_class: Any) -> Any:
    """A transport factory that keeps google-auth's OAuth token flow.

    The generated clients ask service-account credentials to sign their own JWTs
    (``always_use_jwt_access``), which skips the key file's ``token_uri``; private
    deployments point that at their own token endpoint, so the token flow is kept.
    """

    def make(**kwargs: Any) -> Any:
        kwargs["always_use_jwt_access"] = False
        return transport_class(**kwargs)

    return make


class Clients:
    """The SDK clients of one thread (requests sessions are not shared across threads)."""

    def __init__(self, credentials: Credentials, endpoint: str | None):
        from google.api_core.client_options import ClientOptions
        from google.cloud import asset_v1, resourcemanager_v3
        from google.cloud.asset_v1.services.asset_service.transports import (
            AssetServiceRestTransport,
        )
        from google.cloud.resourcemanager_v3.services.folders.transports import (
            FoldersRestTransport,
        )
        from google.cloud.resourcemanager_v3.services.projects.transports import (
            ProjectsRestTransport,
        )

        asset_options = ClientOptions(api_endpoint=endpoint_for(endpoint, "cloudasset"))
        rm_options = ClientOptions(api_endpoint=endpoint_for(endpoint, "cloudresourcemanager"))
        self.assets: AssetServiceClient = asset_v1.AssetServiceClient(
            credentials=credentials,
            transport=_rest_transport(AssetServiceRestTransport),
            client_options=asset_options,
        )
        self.projects: ProjectsClient = resourcemanager_v3.ProjectsClient(
            credentials=credentials,
            transport=_rest_transport(ProjectsRestTransport),
            client_options=rm_options,
        )
        self.folders: FoldersClient = resourcemanager_v3.FoldersClient(
            credentials=credentials,
            transport=_rest_transport(FoldersRestTransport),
            client_options=rm_options,
        )


def message_json(message: Any) -> dict[str, Any]:
    """A proto-plus message as the REST API writes it (camelCase, enums by name)."""
    text = type(message).to_json(
        message,
        use_integers_for_enums=False,
        indent=None,
        always_print_fields_with_no_presence=False,
    )
    value: dict[str, Any] = json.loads(text)
    return value
