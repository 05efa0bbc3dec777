"""The local AWS of :mod:`cspm_opa.localclouds.aws_cloud` in a process of its own.

moto keeps its backends in module globals, so two clouds in one process share them, and
starting (or stopping) one resets the other's accounts. A test that needs an estate of its
own, beside a session-wide cloud in the same pytest worker, runs it here instead::

    with isolated_aws_cloud(seed=False) as cloud:
        boto3.client("s3", endpoint_url=cloud.endpoint_url, ...)

The child starts the cloud, prints its URL, environment and auditor keys as one JSON line,
and serves until its standard input closes. Its backends cannot be reached from the
parent: tests that patch moto itself (the least-privilege test) use the in-process cloud.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from collections.abc import Iterator

from cspm_opa.localclouds.aws_cloud import AwsCloud, aws_cloud

__all__ = ["isolated_aws_cloud"]


@contextlib.contextmanager
def isolated_aws_cloud(*, seed: bool = True, timeout: float = 300) -> Iterator[AwsCloud]:
    """Start the local AWS (seeded, or empty) in a child process and yield its handle."""
    args = [sys.executable, "-m", "cspm_opa.localclouds.aws_process", "seed" if seed else "empty"]
    with subprocess.Popen(
        args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8"
    ) as child:
        assert child.stdin is not None and child.stdout is not None
        try:
            line = child.stdout.readline()
            if not line:
                raise RuntimeError(
                    f"the local AWS process exited early (code {child.wait(timeout)})"
                )
            ready = json.loads(line)
            yield AwsCloud(ready["url"], ready["env"], auditor=ready["auditor"])
        finally:
            with contextlib.suppress(OSError):
                child.stdin.close()
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def _serve(seed: bool) -> None:
    with aws_cloud(seed=seed) as cloud:
        print(json.dumps({"url": cloud.endpoint_url, "env": cloud.env, "auditor": cloud.auditor}),
              flush=True)  # fmt: skip
        sys.stdin.read()


if __name__ == "__main__":
    _serve(sys.argv[1:] != ["empty"])
