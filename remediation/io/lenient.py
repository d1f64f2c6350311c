"""A lenient load: references that name nothing (or the wrong kind) dropped, the rest kept.

A strict load refuses a document with a dangling reference, and with it every
other figure the document holds. A lenient load (``lenient=True``,
``--lenient``) drops each such reference from the data, reads the rest, and
keeps what it dropped in :attr:`~remediation.Assessment.dropped_references`:
the evaluation reports each as an error finding (``reference-dropped``), so
nothing is silently lost. Every other problem (a duplicate id, a cycle, a
wrong value) still refuses the document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from remediation.exceptions import DanglingReferenceError, PlanValidationError
from remediation.model.records import DroppedReference

__all__ = ["drop_dangling"]

_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def _steps(path: str) -> list[str | int]:
    """The steps of a JSON path such as ``$.phases[0].items[2].depends_on[1]``."""
    return [name if name else int(index) for name, index in _STEP.findall(path[1:])]


def drop_dangling(
    body: Mapping[str, Any], read: Callable[[Mapping[str, Any]], Any]
) -> tuple[Any, tuple[DroppedReference, ...]]:
    """*body* read by *read*, without the references its reading refuses as dangling.

    Raises:
        PlanValidationError: A problem other than a dangling reference, or
            one that dropping references does not mend.
    """
    try:
        return read(body), ()
    except PlanValidationError as problems:
        errors: Sequence[Exception] = problems.exceptions
        if not errors or not all(isinstance(e, DanglingReferenceError) for e in errors):
            raise
        dangling = [e for e in errors if isinstance(e, DanglingReferenceError)]
    data = _copy(body)
    # Lists lose entries from the back, so the indexes of the others stay right.
    for error in sorted(dangling, key=lambda e: _steps(e.path), reverse=True):
        _remove(data, _steps(error.path))
    dropped = tuple(
        DroppedReference(path=e.path, source=e.source, target=e.target, problem=e.detail)
        for e in dangling
    )
    return read(data), dropped


def _copy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _remove(data: Any, steps: list[str | int]) -> None:
    *parents, last = steps
    holder = data
    for step in parents:
        holder = holder[step]
    if isinstance(last, int):
        del holder[last]
    elif parents and parents[-1] == "current_from":
        # a criterion's source: without its evidence it has none
        owner = data
        for step in parents[:-1]:
            owner = owner[step]
        owner.pop("current_from", None)
    else:
        holder.pop(last, None)
