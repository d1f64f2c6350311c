"""The cyclic garbage collector is paused while a document is read, and only then."""

from __future__ import annotations

import gc
import os
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import remediation
from remediation import _formats
from remediation._collector import collector_paused
from remediation.exceptions import PlanValidationError


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the collector was enabled each time a document was structured."""
    found: list[bool] = []
    structure = _formats.from_data

    def spy(*args: Any, **kwargs: Any) -> Any:
        found.append(gc.isenabled())
        return structure(*args, **kwargs)

    monkeypatch.setattr(_formats, "from_data", spy)
    return found


def test_reading_text_pauses_the_collector(seen: list[bool]) -> None:
    remediation.loads(remediation.dumps(remediation.examples.issue_1176()))
    assert seen
    assert not any(seen)
    assert gc.isenabled()


def test_reading_a_file_pauses_the_collector(seen: list[bool], tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    remediation.dump(remediation.examples.issue_1176(), path)
    remediation.load(path)
    assert seen
    assert not any(seen)
    assert gc.isenabled()


def test_the_collector_runs_again_after_a_document_with_errors() -> None:
    with pytest.raises(PlanValidationError):
        remediation.loads('{"schema_version": 1, "id": 3}')
    assert gc.isenabled()


def test_a_collector_the_program_disabled_stays_disabled() -> None:
    gc.disable()
    remediation.loads(remediation.dumps(remediation.examples.issue_1176()))
    assert not gc.isenabled()


def test_pauses_nest_and_the_last_one_to_end_resumes() -> None:
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_overlapping_pauses_in_threads_resume_once_all_end() -> None:
    inside, release = threading.Event(), threading.Event()

    def hold() -> None:
        with collector_paused():
            inside.set()
            release.wait(timeout=10)

    worker = threading.Thread(target=hold)
    worker.start()
    assert inside.wait(timeout=10)
    with collector_paused():
        pass
    assert not gc.isenabled()  # the other thread's pause is still in force
    release.set()
    worker.join(timeout=10)
    assert gc.isenabled()


def test_cycles_made_between_reads_are_still_collected() -> None:
    # Reading in a loop must not keep the collector from collecting the program's garbage.
    text = remediation.dumps(remediation.examples.issue_1176())
    alive: weakref.WeakSet[Any] = weakref.WeakSet()

    class Node:
        def __init__(self) -> None:
            self.me = self  # a cycle: only the collector frees it

    for _ in range(300):
        node = Node()
        alive.add(node)
        del node
        remediation.loads(text)
    assert len(alive) < 300 / 2


def test_cycles_that_outlive_a_read_are_collected_too() -> None:
    # Each node is still held during the read after it, so it survives a young
    # collection before it becomes garbage: only a middle collection frees it.
    text = remediation.dumps(remediation.examples.issue_1176())
    alive: weakref.WeakSet[Any] = weakref.WeakSet()

    class Node:
        def __init__(self) -> None:
            self.me = self

    held: list[Node] = []
    for _ in range(300):
        held[:] = [Node()]  # the previous node becomes garbage; this one lives on
        alive.add(held[0])
        remediation.loads(text)
    assert len(alive) < 300 / 2


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_child_forked_during_a_pause_gets_the_collector_back() -> None:
    read, write = os.pipe()
    with collector_paused():
        pid = os.fork()
        if pid == 0:  # the child: report, then leave at once
            with collector_paused():
                pass
            os.write(write, b"1" if gc.isenabled() else b"0")
            os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(read, 1) == b"1"
    os.close(read)
    os.close(write)


def test_building_the_graph_and_evaluating_in_full_pause_the_collector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from remediation import _evaluation, _graph  # noqa: PLC0415  (the modules spied on)

    found: dict[str, bool] = {}
    spied = ((_graph, "_plan_graph"), (_evaluation, "_full"), (_evaluation, "_incremental"))
    for module, name in spied:
        original = getattr(module, name)

        def spy(*args: Any, _name: str = name, _original: Any = original) -> Any:
            found[_name] = gc.isenabled()
            return _original(*args)

        monkeypatch.setattr(module, name, spy)
    plan = remediation.examples.issue_1176()
    remediation.build_graph(plan)
    remediation.evaluate(plan, as_of="2030-01-01")  # a moment not cached yet
    variant = remediation.with_status(plan, "ssot-violations", "RESOLVED")
    remediation.evaluate(variant, as_of="2030-01-01")
    # A what-if builds a few dozen objects: pausing for them would only add the
    # collection a pause ends with.
    assert found == {"_plan_graph": False, "_full": False, "_incremental": True}
    assert gc.isenabled()
