"""A throwaway PostgreSQL cluster for the tests: one per pytest run, one database per
xdist worker.

The first worker that asks starts the cluster (initdb + pg_ctl, in a temporary directory
owned by the postgres user, since the server refuses to run as root), on a free port with
password authentication, and leaves its address in ``info.json``; the others read it. The
controller process (or the only process, without xdist) stops it when the run ends.
"""

from __future__ import annotations

import fcntl
import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any

ENV_DIR = "CSPM_TEST_PG_DIR"
USER = "postgres"
PASSWORD = "cspm-test-pg-secret"


def bindir() -> Path | None:
    """Where initdb and pg_ctl are (the newest Debian cluster version, else PATH)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def run_dir() -> Path:
    """The directory shared by the run's processes (made by the controller)."""
    existing = os.environ.get(ENV_DIR)
    if existing:
        return Path(existing)
    path = Path(tempfile.mkdtemp(prefix="cspm-pg-"))
    os.environ[ENV_DIR] = str(path)  # inherited by xdist workers, spawned later
    return path


def _as_server_user(argv: list[str]) -> list[str]:
    return ["runuser", "-u", USER, "--", *argv] if os.geteuid() == 0 else argv


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cluster(base: Path) -> dict[str, Any]:
    """Start the run's cluster if no process has yet; return its address."""
    info_file = base / "info.json"
    with (base / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if info_file.exists():
            return dict(json.loads(info_file.read_text()))
        info = _start(base)
        info_file.write_text(json.dumps(info))
        return info


def _start(base: Path) -> dict[str, Any]:
    bin_dir = bindir()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    home = base / "cluster"
    home.mkdir()
    pwfile = home / "pw"
    pwfile.write_text(PASSWORD + "\n")
    if os.geteuid() == 0:
        owner = pwd.getpwnam(USER)
        for path in (base, home, pwfile):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    data, port = home / "data", _free_port()
    subprocess.run(
        _as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", USER,
                         "-A", "scram-sha-256", f"--pwfile={pwfile}", "--no-sync",
                         "-E", "UTF8", "--locale=C"]),
        check=True, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    options = (
        f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
    )
    subprocess.run(
        _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(home / "log"),
                         "-o", options, "-w", "-t", "60", "start"]),
        check=True, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return {"port": port, "data": str(data), "bindir": str(bin_dir)}


def stop(base: Path) -> None:
    """Stop the run's cluster, if one was started, and remove its files."""
    info_file = base / "info.json"
    if info_file.exists():
        info = json.loads(info_file.read_text())
        subprocess.run(
            _as_server_user([str(Path(info["bindir"]) / "pg_ctl"), "-D", info["data"],
                             "-m", "immediate", "-w", "stop"]),
            check=False, capture_output=True, timeout=60,
        )  # fmt: skip
    shutil.rmtree(base, ignore_errors=True)


def url(port: int, database: str, password: str = PASSWORD) -> str:
    return f"postgresql://{USER}:{password}@127.0.0.1:{port}/{database}"


def worker_database(info: dict[str, Any]) -> str:
    """This worker's database (created afresh); its ``postgresql://`` URL."""
    import psycopg

    name = "cspm_" + os.environ.get("PYTEST_XDIST_WORKER", "main")
    admin = f"host=127.0.0.1 port={info['port']} user={USER} password={PASSWORD} dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url(info["port"], name)


def reset(database_url: str) -> None:
    """Empty the worker's database: drop and recreate its public schema."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
