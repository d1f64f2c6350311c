"""Criteria and test runs: met, unmet or unmeasured; stated rates against the counts.

A metric criterion is met when its current value (stated, or measured by a
piece of evidence) meets its target; its progress runs from baseline to
target in the target's direction. A yes/no condition is met when it is
observed to hold. A test run's failure rate is derived from its counts.

Units are part of a number: a measured value is converted to the target's
unit when the two have the same dimension (0.9 s is 900 ms), and is not
compared at all when they do not (a count against a percent): the criterion
is then unmeasured and its result names the value taken (``unit_mismatch``),
never silently met.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from remediation.evaluation.results import (
    RATE_TOLERANCE,
    CriterionEvaluation,
    CriterionState,
    TestRunEvaluation,
)
from remediation.evaluation.series import evaluate_series, project
from remediation.model.quantity import Quantity
from remediation.model.records import (
    Criterion,
    Evidence,
    MeasurementEvidence,
    SeriesEvidence,
    TestRunEvidence,
    TestRunQuantity,
)

__all__ = [
    "criterion_roles",
    "evaluate_criterion",
    "evaluate_test_run",
    "measured_unit",
    "measured_value",
]

_RATES = (TestRunQuantity.FAILURE_RATE, TestRunQuantity.PASS_RATE)


def measured_value(record: Evidence | None, quantity: TestRunQuantity | None) -> float | None:
    """The value a piece of evidence measures: a test run's *quantity*
    (its failure rate by default), a measurement's value, or a series' latest
    value (in the series' unit)."""
    if isinstance(record, TestRunEvidence):
        return record.quantity(quantity or TestRunQuantity.FAILURE_RATE)
    if isinstance(record, MeasurementEvidence):
        return record.value
    if isinstance(record, SeriesEvidence):
        return record.value_of(record.latest)
    return None


def measured_unit(record: Evidence | None, quantity: TestRunQuantity | None) -> str | None:
    """The unit of what a piece of evidence measures: ``"%"`` for a test run's rates,
    ``""`` (a bare count) for its counts, a measurement's own unit."""
    if isinstance(record, TestRunEvidence):
        return "%" if (quantity or TestRunQuantity.FAILURE_RATE) in _RATES else ""
    if isinstance(record, MeasurementEvidence | SeriesEvidence):
        return record.unit
    return None


def _current_value(
    criterion: Criterion, evidence: Mapping[str, Evidence]
) -> tuple[float | None, str | None]:
    """The current value and its unit (``None``: in the target's own unit)."""
    if criterion.current is not None:
        return criterion.current, None
    source = criterion.current_from
    if source is None:
        return None, None
    record = evidence[source.evidence]
    return measured_value(record, source.quantity), measured_unit(record, source.quantity)


def evaluate_criterion(
    criterion: Criterion, evidence: Mapping[str, Evidence]
) -> CriterionEvaluation:
    """Whether *criterion* is met, and how far from baseline to target it is."""
    if criterion.target is None:
        observed = criterion.observed
        state = (
            CriterionState.UNMEASURED
            if observed is None
            else (CriterionState.MET if observed else CriterionState.UNMET)
        )
        progress = None if observed is None else float(observed)
        return CriterionEvaluation(
            id=criterion.id, category=criterion.category, state=state, progress=progress
        )
    measured, unit = _current_value(criterion, evidence)
    current = None if measured is None else criterion.target.compare(measured, unit)
    mismatch = None
    if measured is not None and current is None:
        mismatch = Quantity(Decimal(repr(measured)), unit or "")
    if current is None:
        state, progress = CriterionState.UNMEASURED, None
    else:
        met = criterion.target.is_met(current)
        state = CriterionState.MET if met else CriterionState.UNMET
        progress = criterion.target.progress(criterion.baseline, current)
    projection = None
    source = criterion.current_from
    record = evidence[source.evidence] if source is not None else None
    if isinstance(record, SeriesEvidence) and current is not None:
        # The series' trend is projected in the target's unit (a series in s against a
        # target in ms); a unit of another dimension left the criterion unmeasured above.
        projection = project(evaluate_series(record), criterion.target, record.unit)
    return CriterionEvaluation(
        id=criterion.id,
        category=criterion.category,
        state=state,
        progress=progress,
        current=current,
        target=criterion.target,
        baseline=criterion.baseline,
        unit_mismatch=mismatch,
        projection=projection,
    )


def criterion_roles(result: CriterionEvaluation) -> tuple[bool, bool]:
    """Whether *result* is (unmet, unmeasured): the lists of the recommendation it is in.

    A member of a composite is in neither: its composite decides for it.
    """
    if result.part_of:
        return False, False
    return result.state is CriterionState.UNMET, result.state is CriterionState.UNMEASURED


def evaluate_test_run(run: TestRunEvidence) -> TestRunEvaluation:
    """A test run's failure rate, and whether the stated one agrees within rounding."""
    rate = run.failure_rate
    stated = run.stated_failure_rate
    agrees = None if stated is None or rate is None else abs(stated - rate) <= RATE_TOLERANCE + 1e-9
    return TestRunEvaluation(
        id=run.id, failure_rate=rate, stated_failure_rate=stated, agrees=agrees
    )
