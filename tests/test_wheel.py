"""The built wheel carries rego/ and schemas/ and works outside the repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cspm_opa.testing.builders import s3_bucket, snapshot
from tests.conftest import REPO


@pytest.mark.slow
def test_wheel_installs_and_evaluates_in_a_clean_venv(tmp_path: Path, opa_bin: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("cspm_opa-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip_env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        env=pip_env,
    )
    account = "111122223333"
    doc = snapshot(account, [s3_bucket(name="b", account=account, config={"policy": None})])
    snap = tmp_path / "snap.json"
    snap.write_text(json.dumps(doc))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["CSPM_OPA_BIN"] = str(opa_bin)
    proc = subprocess.run(
        [str(venv / "bin" / "cspm-opa"), "evaluate", str(snap), "--format", "json"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert any(f["policy_id"] == "AWS-S3-001" and f["status"] == "FAIL" for f in result["findings"])
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import cspm_opa._paths as p; print(p.rego_dir()); print(p.schemas_dir())"],
        cwd=elsewhere, capture_output=True, text=True, check=True, env=env,
    ).stdout.split()  # fmt: skip
    assert all(str(venv) in line and "_bundled" in line for line in where)
