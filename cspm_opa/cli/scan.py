"""``cspm-opa scan``: collect from the clouds, evaluate, and report, in one step."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cspm_opa.cli import _common as c
from cspm_opa.cli import _store

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from cspm_opa.collect import CollectRequest
    from cspm_opa.model import Snapshot


def add_collect_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--provider",
        action="append",
        required=True,
        metavar="NAME",
        help="aws, azure or gcp; repeat or comma-separate for several",
    )
    p.add_argument(
        "--regions",
        metavar="LIST",
        help="'all' (the account's enabled regions) or a comma-separated list",
    )
    p.add_argument("--profile", metavar="NAME", help="AWS: a named profile")
    p.add_argument("--role-arn", metavar="ARN", help="AWS: assume this role")
    p.add_argument("--external-id", metavar="ID", help="AWS: external id for --role-arn")
    p.add_argument("--accounts", metavar="FILE", help="AWS: a YAML file of accounts and roles")
    p.add_argument("--subscriptions", metavar="LIST", help="Azure: subscription ids")
    p.add_argument("--projects", metavar="LIST", help="GCP: project ids")
    p.add_argument("--folder", metavar="ID", help="GCP: every project under this folder")
    p.add_argument("--organization", metavar="ID", help="GCP: every project in this organization")
    p.add_argument(
        "--azure-endpoint",
        metavar="URL",
        help="Azure Resource Manager URL (default: AZURE_RESOURCE_MANAGER_URL or public)",
    )
    p.add_argument(
        "--azure-audience",
        metavar="URL",
        help="Azure: the token audience that Resource Manager accepts (default: "
        "AZURE_RESOURCE_MANAGER_AUDIENCE, else what its /metadata/endpoints names)",
    )
    p.add_argument(
        "--azure-graph-endpoint",
        metavar="URL",
        help="Azure: the Microsoft Graph endpoint for tenant settings (default: "
        "AZURE_GRAPH_ENDPOINT, else what Resource Manager's /metadata/endpoints names)",
    )
    p.add_argument(
        "--gcp-endpoint", metavar="URL", help="GCP API endpoint (Private Service Connect)"
    )
    p.add_argument("--workers", type=int, default=8, metavar="N", help="concurrent API calls")


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


def requests_from(args: argparse.Namespace) -> list[CollectRequest]:
    from cspm_opa.collect import PROVIDERS, CollectRequest
    from cspm_opa.errors import ConfigError

    providers = [p for value in args.provider for p in _split(value)]
    for provider in providers:
        if provider not in PROVIDERS:
            raise ConfigError(f"unknown provider {provider!r} (one of {', '.join(PROVIDERS)})")
    regions = _split(args.regions) or None
    return [
        CollectRequest(
            provider=provider,
            regions=regions,
            profile=args.profile,
            role_arn=args.role_arn,
            external_id=args.external_id,
            accounts_file=Path(args.accounts) if args.accounts else None,
            subscriptions=_split(args.subscriptions),
            projects=_split(args.projects),
            folder=args.folder,
            organization=args.organization,
            endpoint=args.azure_endpoint if provider == "azure" else args.gcp_endpoint,
            audience=args.azure_audience if provider == "azure" else None,
            graph_endpoint=getattr(args, "azure_graph_endpoint", None)
            if provider == "azure"
            else None,
            workers=args.workers,
            progress=c.progress,
        )
        for provider in dict.fromkeys(providers)
    ]


def collect_snapshots(args: argparse.Namespace) -> list[Snapshot]:
    """Collect and validate every requested provider's snapshots."""
    return list(each_snapshot(args))


def each_snapshot(args: argparse.Namespace) -> Iterator[Snapshot]:
    """Collect every requested provider's snapshots, each validated and yielded as soon as
    its account is collected (AWS, without --dask; the others once all theirs are)."""
    from cspm_opa.collect import collect_each
    from cspm_opa.snapshots import snapshot_from_dict

    fanout = c.fanout_for(args)  # --dask: one task per account and region on the cluster
    for request in requests_from(args):
        c.progress(f"collecting {request.provider}")
        docs: Iterable[dict[str, Any]]
        if fanout is not None and fanout.distributed:
            from cspm_opa.scale.collect import collect_on

            docs = collect_on(request, fanout)
        else:
            docs = collect_each(request)
        for doc in docs:
            source = f"{doc['provider']} account {doc['account']['id']}"
            yield snapshot_from_dict(doc, source=source)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("scan", help="collect, evaluate and report")
    add_collect_options(p)
    p.add_argument("--snapshot-out", metavar="DIR", help="also write the snapshots here")
    c.add_engine_options(p)
    c.add_output_options(p)
    _store.add_store_options(p)
    c.add_delivery_options(p)
    return p


def _collect_and_keep(args: argparse.Namespace) -> list[Snapshot]:
    from cspm_opa.snapshots import write_snapshot

    snapshots = collect_snapshots(args)
    if args.snapshot_out:
        for snap in snapshots:
            write_snapshot(snap, args.snapshot_out)
    return snapshots


def run(args: argparse.Namespace) -> int:
    scope, waivers = c.load_assessment_inputs(args)  # bad files fail before any API call
    routes = c.load_routes_from(args)
    store = _store.open_store_from(args)  # so does a store that cannot be opened
    # The engine starts while the clouds are read; the snapshots are kept even if it fails.
    snapshots, engine = c.open_engine_during(args, lambda: _collect_and_keep(args))
    with c.gc_paused():
        with engine:
            findings, result = c.run_evaluation(snapshots, engine, scope=scope, waivers=waivers)
        _store.record(store, result, snapshots)
        c.output(result, args)
    c.deliver_alerts(args, routes, result)
    return max(c.exit_for(findings, args.fail_on), _store.exit_for_new(result, args.fail_on_new))
