"""How one operation is measured: its time or peak memory, with the collector on and off.

Python's cyclic garbage collector costs code that creates many objects, and
costs it more the larger the heap, so a comparison is only fair when both
sides run with the collector in the same state. :func:`measured` runs a
measurement with the collector on (as users run, and as the targets are
judged) and again with it off, whatever the caller's state, and restores that
state after each. Every timing starts with a full collection, so that what
the previous measurement left does not land in the next one's timing.

Examples:
    >>> import gc
    >>> each_collector_state(gc.isenabled)
    (True, False)
"""

from __future__ import annotations

import contextlib
import gc
import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

__all__ = [
    "BUDGET",
    "Measured",
    "best",
    "collector",
    "each_collector_state",
    "import_time",
    "measured",
    "peak",
]

_T = TypeVar("_T")


@dataclass(frozen=True)
class Measured:
    """One figure of an operation, measured with the collector on and with it off.

    Attributes:
        on: With the collector on, as users run: the targets are judged on it.
        off: With the collector off.
    """

    on: float
    off: float


@contextlib.contextmanager
def collector(*, enabled: bool) -> Iterator[None]:
    """Run the body with the cyclic garbage collector on or off; restore the caller's state."""
    was_enabled = gc.isenabled()
    if enabled:
        gc.enable()
    else:
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        else:
            gc.disable()


def each_collector_state(measure: Callable[[], _T]) -> tuple[_T, _T]:
    """What *measure* gives with the collector on, then with it off."""
    with collector(enabled=True):
        on = measure()
    with collector(enabled=False):
        off = measure()
    return on, off


def measured(measure: Callable[[], float]) -> Measured:
    """The figure *measure* gives with the collector on and with it off."""
    return Measured(*each_collector_state(measure))


# A run this long is timed once or twice only: its noise is small beside it, and the
# 100k-item operations would otherwise take most of an hour.
BUDGET = 4.0


# A quick run is repeated until its runs took this long together (at most MOST runs), as
# timeit does: the best of three runs of a few milliseconds is mostly the machine's noise.
SETTLE = 0.25
MOST = 50


def best(
    action: Callable[..., object],
    repeat: int,
    budget: float = BUDGET,
    settle: float = SETTLE,
    most: int = MOST,
    *,
    fresh: Callable[[], object] | None = None,
) -> float:
    """The best of at least *repeat* timings of *action*, each after a full collection.

    Fewer runs once those done took more than *budget* seconds together (at
    least one always runs); more, up to *most*, while they took less than
    *settle* seconds together. With *fresh*, each run is ``action(fresh())``,
    *fresh* called before the run and not timed (a new copy for each run).
    """
    fastest = float("inf")
    spent = 0.0
    runs = 0
    while True:
        subject = None if fresh is None else fresh()
        gc.collect()
        start = time.perf_counter()
        if fresh is None:
            action()
        else:
            action(subject)
        took = time.perf_counter() - start
        subject = None  # a copy a run leaves alive, the collector walks in every later run
        fastest = min(fastest, took)
        spent += took
        runs += 1
        if spent > budget or runs >= most or (runs >= repeat and spent >= settle):
            return fastest


def peak(action: Callable[[], object]) -> float:
    """The peak memory *action* allocates, in MiB (tracemalloc), after a full collection."""
    gc.collect()
    tracemalloc.start()
    try:
        kept = action()
        _current, highest = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del kept
    return highest / 2**20


def import_time(statement: str, repeat: int) -> float:
    """The best time of *statement* in a new interpreter, its bytecode compiled.

    The new interpreter runs *statement* with the collector in this process's
    state, so that :func:`measured` measures imports like everything else.

    An installed package has its modules compiled to bytecode (pip does it),
    but an editable checkout run with ``PYTHONDONTWRITEBYTECODE`` would compile
    every module from source on every import. So bytecode may be written, and
    one run that writes it comes before the timed ones.
    """
    switch = "gc.enable()" if gc.isenabled() else "gc.disable()"
    code = (
        f"import gc, time; {switch}; start = time.perf_counter(); {statement}; "
        "print(time.perf_counter() - start)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def once() -> float:
        completed = subprocess.run(  # noqa: S603  (this interpreter, our own code)
            [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
        )
        return float(completed.stdout)

    once()
    return min(once() for _ in range(repeat))
