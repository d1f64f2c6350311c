"""Pausing Python's cyclic garbage collector while records or results are built.

Reading a document allocates hundreds of thousands of containers (the parsed
JSON or YAML, then the records) and creates no reference cycles: parsed data
is a tree, and records hold only values and tuples. Every few hundred
allocations the cyclic collector would walk the young ones, and every so
often all of them, to find cycles that are not there; at 10k work items that
is about a third of the reading time. An evaluation's results are acyclic
too. Reference counting still frees everything that becomes garbage while
the collector is paused.

Before a pause the young generation is collected (the middle one too, when
due): the cycles the program made since the last collection. Waiting for the
collector to start by itself is not enough: the objects of a pause that are
freed before it ends take back the allocations that would have started it,
so a program reading in a loop would never collect its cycles. After the
pause the collector runs when the program's allocations next start it: the
records or results just built, if they are still alive then, are walked by
that young collection, as they would have been without the pause; if they
are gone by then, they are never walked at all. A pause pays only around
work that allocates far more than starts a collection: reading a document,
a full evaluation, building a graph; not an incremental what-if.

The collector is process-wide. Pauses nest and may overlap between threads:
the collector is enabled again when the last pause ends, and only if it was
enabled when the first began, so a program that disabled it keeps it
disabled. (A program that disables it *during* a pause, from another
thread, finds it enabled again when the pause ends.) A child process forked
during a pause starts with no pause in force and the collector as it was
before the pause.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from collections.abc import Iterator

__all__ = ["collector_paused"]


class _Pauses:
    """How many pauses are in force, and whether the collector was on before the first."""

    __slots__ = ("count", "lock", "resume")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0
        self.resume = False

    def forget_in_child(self) -> None:
        """In a forked child: the pausing threads are gone, and the lock may be held."""
        resume = self.count > 0 and self.resume
        self.lock = threading.Lock()
        self.count = 0
        self.resume = False
        if resume:
            gc.enable()


_PAUSES = _Pauses()
if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_PAUSES.forget_in_child)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Keep the cyclic garbage collector from running inside the ``with`` block.

    Examples:
        >>> import gc
        >>> with collector_paused():
        ...     gc.isenabled()
        False
        >>> gc.isenabled()
        True
    """
    with _PAUSES.lock:
        if _PAUSES.count == 0:
            _PAUSES.resume = gc.isenabled()
            if _PAUSES.resume:
                _catch_up()
            gc.disable()
        _PAUSES.count += 1
    try:
        yield
    finally:
        with _PAUSES.lock:
            _PAUSES.count -= 1
            if _PAUSES.count == 0 and _PAUSES.resume:
                gc.enable()


def _catch_up() -> None:
    """Collect the young generation (or the middle one, when due) before a pause.

    Without it, a program that reads in a loop, freeing each result before
    the next read, would never reach the count that starts a collection by
    itself, and would never collect the cycles it makes between reads. The
    oldest generation is left to the collector's own rule (it also weighs
    how much of the heap is new, which Python does not expose).
    """
    counts, thresholds = gc.get_count(), gc.get_threshold()
    gc.collect(1 if counts[1] >= thresholds[1] else 0)
