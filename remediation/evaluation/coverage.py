"""Coverage: whether the gaps are closed and the root causes addressed by done work.

A gap is closed when every work item addressing it is done and its
measurement, if it has one and a threshold, meets the threshold (and
something, an item or a measurement, speaks for it at all). A root cause is
addressed when some work addressing it is done.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from remediation.evaluation.criteria import measured_value
from remediation.evaluation.results import GapEvaluation, RootCauseCoverage
from remediation.graph.structure import Structure
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
    measurement = (
        measured_value(evidence.get(gap.measurement), gap.quantity) if gap.measurement else None
    )
    met = (
        None if gap.threshold is None or measurement is None else gap.threshold.is_met(measurement)
    )
    closed = (bool(addressed_by) or met is not None) and not open_items and met is not False
    return GapEvaluation(
        id=gap.id,
        closed=closed,
        addressed_by=addressed_by,
        open_items=open_items,
        measurement=measurement,
        measurement_met=met,
    )


def evaluate_root_cause(
    cause: str, structure: Structure, is_done: Callable[[str], bool]
) -> RootCauseCoverage:
    """Which work addresses root cause *cause*, and which of it is done."""
    addressed_by = structure.addressed_by.get(cause, ())
    return RootCauseCoverage(
        id=cause, addressed_by=addressed_by, done_by=tuple([i for i in addressed_by if is_done(i)])
    )
