"""Headless Debian Chromium for browser tests: screenshot, DOM after scripts, console."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Flags for a sandboxed root run on a machine with no outside network.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]
# Chromium logs each console message (and uncaught exception) as `...:CONSOLE:<line>] "text"`.
_CONSOLE = re.compile(r":CONSOLE[:(]\d+\)?\] \"(.*)\"")


@dataclass(frozen=True)
class PageRun:
    dom: str
    screenshot: Path
    console_errors: list[str]
    """Every console message; the report logs nothing, so any message is a fault."""


def chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        raise RuntimeError("chromium is not installed: run `make browser`")
    return path


def open_page(page: Path, workdir: Path, *, width: int = 1400, height: int = 1800) -> PageRun:
    """Load ``page`` twice: once for the DOM after scripts ran, once for a screenshot."""
    url = page.resolve().as_uri()
    shot = workdir / "page.png"
    errors: list[str] = []
    dom = ""
    for extra in (["--dump-dom"], [f"--screenshot={shot}", f"--window-size={width},{height}"]):
        with tempfile.TemporaryDirectory() as profile:
            proc = subprocess.run(
                [chromium(), *FLAGS, f"--user-data-dir={profile}", *extra, url],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        if "--dump-dom" in extra:
            dom = proc.stdout
        errors += [m.group(1) for m in _CONSOLE.finditer(proc.stderr)]
    return PageRun(dom, shot, sorted(set(errors)))
