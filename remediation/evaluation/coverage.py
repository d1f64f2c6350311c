"""Coverage: whether the gaps are closed and the root causes addressed by done work.

A gap is closed when every work item addressing it is done and its
measurement, if it has one and a threshold, meets the threshold (and
something, an item or a measurement, speaks for it at all). A measurement in a
unit that does not compare with the threshold's (a count against a percent)
meets nothing: the gap stays open. A root cause is
addressed when some work addressing it is done.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from remediation.evaluation.criteria import measured_unit, measured_value
from remediation.evaluation.results import GapEvaluation, RootCauseCoverage
from remediation.graph.structure import Structure
from remediation.model.quantity import Quantity
from remediation.model.records import Evidence, Gap

__all__ = ["evaluate_gap", "evaluate_root_cause"]


def evaluate_gap(
    gap: Gap,
    structure: Structure,
    is_done: Callable[[str], bool],
    evidence: Mapping[str, Evidence],
) -> GapEvaluation:
    """Whether *gap* is closed, by whom, and what its measurement says."""
    addressed_by = structure.addressed_by.get(gap.id, ())
    open_items = tuple([i for i in addressed_by if not is_done(i)])
    record = evidence.get(gap.measurement) if gap.measurement else None
    measurement = measured_value(record, gap.quantity) if gap.measurement else None
    mismatch = None
    if gap.threshold is not None and measurement is not None:
        measured = measurement
        measurement = gap.threshold.compare(measured, measured_unit(record, gap.quantity))
        if measurement is None:  # of another dimension: compared with nothing, never met
            mismatch = Quantity(Decimal(repr(measured)), measured_unit(record, gap.quantity) or "")
    met = (
        None if gap.threshold is None or measurement is None else gap.threshold.is_met(measurement)
    )
    closed = (
        (bool(addressed_by) or met is not None)
        and not open_items
        and met is not False
        and mismatch is None
    )
    return GapEvaluation(
        id=gap.id,
        closed=closed,
        addressed_by=addressed_by,
        open_items=open_items,
        measurement=measurement,
        measurement_met=met,
        unit_mismatch=mismatch,
    )


def evaluate_root_cause(
    cause: str, structure: Structure, is_done: Callable[[str], bool]
) -> RootCauseCoverage:
    """Which work addresses root cause *cause*, and which of it is done."""
    addressed_by = structure.addressed_by.get(cause, ())
    return RootCauseCoverage(
        id=cause, addressed_by=addressed_by, done_by=tuple([i for i in addressed_by if is_done(i)])
    )
