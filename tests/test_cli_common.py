"""The CLI's shared steps: the engine starts while snapshots load, and GC is only paused."""

from __future__ import annotations

import argparse
import gc
import threading

import pytest

from cspm_opa.cli import _common as c
from cspm_opa.errors import EngineError, InputError


class _FakeEngine:
    def __init__(self) -> None:
        self.closed = False
        self.thread = threading.current_thread()

    def close(self) -> None:
        self.closed = True


def test_work_runs_while_the_engine_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    started = threading.Event()

    def open_engine(args: argparse.Namespace) -> _FakeEngine:
        started.set()
        return _FakeEngine()

    monkeypatch.setattr(c, "open_engine", open_engine)
    # work waits for the engine to begin starting: it would time out if they ran in turn
    value, engine = c.open_engine_during(argparse.Namespace(), lambda: started.wait(10))
    assert value is True
    assert isinstance(engine, _FakeEngine) and not engine.closed
    assert engine.thread is not threading.current_thread()


def test_failed_work_closes_the_engine_and_raises_its_own_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = _FakeEngine()
    monkeypatch.setattr(c, "open_engine", lambda args: fake)

    def work() -> None:
        raise InputError("bad snapshot")

    with pytest.raises(InputError, match="bad snapshot"):
        c.open_engine_during(argparse.Namespace(), work)
    assert fake.closed


def test_input_error_wins_over_an_engine_that_failed_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(args: argparse.Namespace) -> None:
        raise EngineError("no opa")

    monkeypatch.setattr(c, "open_engine", broken)

    def work() -> None:
        raise InputError("bad snapshot")

    with pytest.raises(InputError):
        c.open_engine_during(argparse.Namespace(), work)
    with pytest.raises(EngineError, match="no opa"):
        c.open_engine_during(argparse.Namespace(), lambda: None)


def test_gc_paused_restores_the_collector() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), c.gc_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with c.gc_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
