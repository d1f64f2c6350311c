"""Pausing Python's cyclic garbage collector while records or results are built.

Reading a document allocates hundreds of thousands of containers (the parsed
JSON or YAML, then the records) and creates no reference cycles: parsed data
is a tree, and records hold only values and tuples. Every few hundred
allocations the cyclic collector would walk the young ones, and every so
often all of them, to find cycles that are not there; at 10k work items that
is about a third of the reading time. An evaluation's results are acyclic
too. Reference counting still frees everything that becomes garbage while
the collector is paused.

When the pause ends, what was built in it is moved to the oldest generation
(unless the program froze objects itself), so that the next young collection
does not walk all of it at once: about a tenth of a 100k-item evaluation.
Cyclic garbage the program made just before then waits for the next full
collection instead of a young one.

The collector is process-wide. Pauses nest and may overlap between threads:
the collector is enabled again when the last pause ends, and only if it was
enabled when the first began, so a program that disabled it keeps it
disabled.
"""

from __future__ import annotations

import contextlib
import gc
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


_PAUSES = _Pauses()


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
            gc.disable()
        _PAUSES.count += 1
    try:
        yield
    finally:
        with _PAUSES.lock:
            _PAUSES.count -= 1
            if _PAUSES.count == 0 and _PAUSES.resume:
                _settle()
                gc.enable()


def _settle() -> None:
    """Move what the pause allocated to the oldest generation, unless the program froze some.

    Left young, everything built during the pause would be walked by the next
    young collection at once, and again by the middle one. ``gc.freeze()``
    followed by ``gc.unfreeze()`` puts every tracked object in the oldest
    generation instead, which only a full collection walks. A program that
    froze objects itself (``gc.get_freeze_count()``) must keep them frozen, so
    then nothing is moved.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
