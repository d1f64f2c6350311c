"""Results found by id in constant time: a mapping per table, built once, kept on the result.

An :class:`~remediation.evaluation.results.Evaluation` or a
:class:`~remediation.evaluation.schedule.Schedule` is frozen and holds its
results in tuples, in document order. Finding one by id would walk a tuple per
call, so a report that looks up every item of a plan would take time growing
with the square of its size. :func:`by_id` instead builds, the first time a
table of an object is asked, a mapping from id to result, and keeps it on the
object itself (like the hash of a frozen record): nothing is kept in a module,
and the mapping goes when the object goes. It is not part of the object's
value: never compared, copied or written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Protocol, TypeVar

__all__ = ["Indexed", "by_id"]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_R = TypeVar("_R", bound=_HasId)


class Indexed(Protocol):
    """An object that keeps its mappings by id in an attribute ``_index``."""

    @property
    def _index(self) -> dict[str, Mapping[str, object]] | None: ...


def by_id(owner: Indexed, table: str, records: Callable[[], Iterable[_R]]) -> Mapping[str, _R]:
    """The results of *records* by id, the first one of each id; built once per *owner* and *table*.

    Examples:
        >>> import remediation
        >>> result = remediation.evaluate(remediation.examples.issue_1176())
        >>> items = by_id(result, "items", lambda: result.items)
        >>> items["test-discovery"] is result.item("test-discovery")
        True
    """
    index = owner._index
    if index is None:
        index = {}
        object.__setattr__(owner, "_index", index)
    found = index.get(table)
    if found is None:
        mapping: dict[str, _R] = {}
        for record in records():
            mapping.setdefault(record.id, record)
        index[table] = found = mapping
    return found  # type: ignore[return-value]  # a table holds what it was built from
