"""Validation of an assessment: :func:`validate`.

An assessment is valid when its ids are unique, every reference names a
record of a kind its field accepts, measured values come from test runs or
measurements, and neither dependencies nor causes go round in a cycle. The
problems are found by :mod:`remediation.graph.diagnosis`. Nothing is kept:
an :class:`~remediation.Evaluator` keeps what it needs itself.
"""

from __future__ import annotations

from remediation.graph.structure import structure_of
from remediation.model.records import Assessment

__all__ = ["validate"]


def validate(assessment: Assessment) -> None:
    """Check ids, references and cycles of *assessment*.

    Raises:
        PlanValidationError: Every problem found, each a
            :class:`~remediation.exceptions.DocumentError` with its path.

    Examples:
        >>> import datetime as dt
        >>> from remediation import Assessment, Phase, Status, WorkItem
        >>> a = WorkItem(id="a", title="A", status=Status.parse("open"), depends_on=["b"])
        >>> b = WorkItem(id="b", title="B", status=Status.parse("open"), depends_on=["a"])
        >>> plan = Assessment(id="x", issue="#1", title="X", date=dt.date(2025, 1, 1),
        ...                   phases=[Phase(id="p", title="P", items=[a, b])])
        >>> from remediation.exceptions import PlanValidationError
        >>> try:
        ...     validate(plan)
        ... except PlanValidationError as error:
        ...     print(error.errors[0])
        $.phases[0].items[0]: dependency cycle: a -> b -> a
    """
    structure_of(assessment)
