"""Shared fixtures: a real OPA server for the session, and small snapshot builders."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cspm_opa import LocalOpa
from cspm_opa.engine.binary import find_opa

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def opa_bin() -> Path:
    return find_opa()


@pytest.fixture(scope="session")
def engine() -> Iterator[LocalOpa]:
    with LocalOpa() as opa:
        yield opa


@pytest.fixture
def write_json(tmp_path: Path) -> Any:
    def write(name: str, doc: Any) -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(doc), encoding="utf-8")
        return path

    return write


def write_policy(directory: Path, name: str, text: str) -> Path:
    """Write a Rego file under ``directory`` (created), returning its path."""
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


TAG_CHECK = """# METADATA
# title: Buckets carry an Owner tag
# description: Every bucket names the team that owns it, for incident routing.
# custom:
#   id: ACME-S3-001
#   severity: LOW
#   resource_type: aws_s3_bucket
#   remediation: Add an Owner tag naming the owning team.
#   compliance:
#     SOC2: ["CC6.1"]
package cspm.checks.aws.acme.owner_tag

deny contains {"resource": id, "message": "bucket has no Owner tag"} if {
	some id, bucket in input.resources.aws_s3_bucket
	not bucket.tags.Owner
}
"""


# -- PostgreSQL, for the history store (tests/pg_cluster.py) ---------------------------


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the controller, or the only process
        import os
        import tempfile

        from tests import pg_cluster

        pg_cluster.run_dir()
        # The start-up and validator caches go to a directory of this run's own, shared
        # by its workers (inherited through the environment), never the user's cache.
        os.environ["CSPM_OPA_CACHE_DIR"] = tempfile.mkdtemp(prefix="cspm-opa-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):
        import os
        import shutil

        from tests import pg_cluster

        pg_cluster.stop(pg_cluster.run_dir())
        shutil.rmtree(os.environ.pop("CSPM_OPA_CACHE_DIR", ""), ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_database() -> str:
    """This worker's database in the run's PostgreSQL cluster, as a postgresql:// URL.
    Skipped where PostgreSQL is not installed, except in CI, where it must be."""
    import os

    from tests import pg_cluster

    if pg_cluster.bindir() is None and os.environ.get("CI") != "true":
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    return pg_cluster.worker_database(pg_cluster.cluster(pg_cluster.run_dir()))


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty history store: a SQLite file, or this worker's PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'history.db'}"
    from tests import pg_cluster

    database: str = request.getfixturevalue("postgres_database")
    pg_cluster.reset(database)
    return database
