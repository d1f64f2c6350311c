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


def test_a_load_parses_each_label_once_and_keeps_nothing_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Labels, durations and targets are parsed once per load (a plan repeats them), and
    # what was parsed goes with the load: no module-level cache holds a caller's text.
    from remediation.io import value_hooks  # noqa: PLC0415  (the module spied on)

    parsed: list[str] = []

    def counting(text: str) -> remediation.Status:
        parsed.append(text)
        return remediation.parse_status(text)

    monkeypatch.setattr(value_hooks, "_status_of", value_hooks._parsed_once(0, counting))
    items = [{"id": f"i{n}", "title": "t", "status": "✅ RESOLVED"} for n in range(50)]
    text = json.dumps(
        {
            "schema_version": 2,
            "kind": "assessment",
            "id": "a",
            "issue": "#1",
            "title": "A",
            "phases": [{"id": "p", "title": "P", "items": items}],
        }
    )
    remediation.loads(text)
    assert parsed == ["✅ RESOLVED"]
    assert value_hooks._MEMO.get() is None  # nothing kept once the load returned
    remediation.loads(text)
    assert parsed == ["✅ RESOLVED"] * 2  # parsed again: the first load kept nothing
