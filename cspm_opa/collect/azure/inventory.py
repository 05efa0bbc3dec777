"""The subscription's inventory: every resource's location (for "regions in use"),
and, through Azure Resource Graph, the types no SDK of the azure extra lists with their
properties (Databricks workspaces, Application Insights components)."""

from __future__ import annotations

from typing import Any

from cspm_opa.collect.azure._part import Context
from cspm_opa.collect.azure._session import to_rest
from cspm_opa.normalize.azure import from_graph_row
from cspm_opa.normalize.azure.graph import GRAPH_TYPES

__all__ = ["collect_graph", "collect_inventory"]

GRAPH_QUERY = (
    "Resources | where type in~ ({types}) "
    "| project id, name, type, location, tags, sku, kind, subscriptionId, properties"
)


def collect_inventory(ctx: Context) -> None:
    from azure.mgmt.resource.resources import ResourceManagementClient

    client = ctx.client(ResourceManagementClient)
    items = ctx.setting("resource_locations", lambda: list(client.resources.list()))
    if items is not None:
        ctx.part.locations = {str(to_rest(i).get("location") or "") for i in items}


def collect_graph(ctx: Context) -> None:
    rows = ctx.listing([rtype for rtype, _ in GRAPH_TYPES.values()], lambda: _query(ctx))
    for row in rows or ():
        doc = from_graph_row(row)
        if doc is not None:
            ctx.part.resources.append(doc)


def _query(ctx: Context) -> list[dict[str, Any]]:
    """Every row of the query, following $skipToken pages."""
    from azure.mgmt.resourcegraph import ResourceGraphClient
    from azure.mgmt.resourcegraph.models import QueryRequest, QueryRequestOptions

    client = ctx.session.client(ResourceGraphClient)
    types = ", ".join(f"'{t}'" for t in GRAPH_TYPES)
    query = GRAPH_QUERY.format(types=types)
    rows: list[dict[str, Any]] = []
    skip_token = None
    while True:
        options = QueryRequestOptions(result_format="objectArray", skip_token=skip_token)
        request = QueryRequest(subscriptions=[ctx.subscription_id], query=query, options=options)
        response = to_rest(client.resources(request))
        rows.extend(response.get("data") or ())
        skip_token = response.get("$skipToken")
        if not skip_token:
            return rows
