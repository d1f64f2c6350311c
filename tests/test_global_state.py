"""The library changes no process-wide state: the garbage collector is the caller's."""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Iterator

import pytest

import remediation
from benchmarks.generate import document


@pytest.fixture
def collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def _work(text: str, rounds: int) -> None:
    for _ in range(rounds):
        plan = remediation.loads(text)
        remediation.evaluate(plan)
        remediation.build_graph(plan)
        remediation.evaluate(remediation.with_status(plan, plan.items[0].id, "RESOLVED"))


@pytest.mark.usefixtures("collector_restored")
def test_the_collector_stays_enabled_while_another_thread_loads_and_evaluates() -> None:
    gc.enable()
    text = json.dumps(document(600))
    worker = threading.Thread(target=_work, args=(text, 8))
    samples: list[bool] = []
    worker.start()
    while worker.is_alive():
        samples.append(gc.isenabled())
    worker.join()
    assert len(samples) > 100
    assert all(samples)


@pytest.mark.usefixtures("collector_restored")
def test_a_collector_the_caller_disables_stays_disabled() -> None:
    gc.enable()
    text = json.dumps(document(600))
    worker = threading.Thread(target=_work, args=(text, 4))
    worker.start()
    while worker.is_alive() and gc.isenabled():
        gc.disable()  # while the worker is busy reading and evaluating
    worker.join()
    assert not gc.isenabled()


@pytest.fixture
def thresholds_restored() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("collector_restored", "thresholds_restored")
def test_reading_and_evaluating_force_no_collection() -> None:
    gc.enable()
    gc.set_threshold(1_000_000_000)  # so that the collector never starts by itself
    text = remediation.dumps(remediation.examples.issue_1176())
    before = sum(stat["collections"] for stat in gc.get_stats())
    for _ in range(20):
        plan = remediation.loads(text)
        remediation.evaluate(plan)
        remediation.build_graph(plan)
    after = sum(stat["collections"] for stat in gc.get_stats())
    assert after == before
