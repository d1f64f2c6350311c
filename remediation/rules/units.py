"""Rules on units: a value compared with a target of another dimension."""

from __future__ import annotations

from remediation.evaluation.results import CriterionEvaluation, GapEvaluation
from remediation.model.policy import FindingSeverity
from remediation.model.quantity import Quantity
from remediation.model.records import Criterion, Gap
from remediation.model.target import Target
from remediation.rules.catalogue import EXAMPLE_HEADER, Example, Found, Scope, rule
from remediation.rules.context import Context

__all__ = ["criterion_unit_mismatch", "gap_unit_mismatch"]


def _mismatch(subject: str, source: str | None, value: Quantity, target: Target) -> str:
    taken = f" from {source!r}" if source else ""
    return (
        f"{subject} takes {value}{taken}, {value.measure.describe()}, but its target "
        f"{str(target)!r} is in {target.measure.describe()}: not compared"
    )


@rule(
    "criterion-unit-mismatch",
    title="A criterion's value is in a unit its target cannot compare with",
    scope=Scope.CRITERION,
    severity=FindingSeverity.ERROR,
    reads=("criterion", "evidence"),
    examples=[
        Example(
            EXAMPLE_HEADER
            + "criteria:\n  - {id: failures, title: Unit test failures, target: '<10%',"
            " current_from: {evidence: unit, quantity: failed}}\nevidence:\n"
            "  - {kind: test_run, id: unit, suite: Unit Tests, failed: 8, passed: 2}\n",
            "criterion 'failures' takes 8 from 'unit', a bare count, but its target '<10%' "
            "is in '%' (a percent): not compared",
        ),
        Example(
            EXAMPLE_HEADER
            + "criteria:\n  - {id: latency, title: p99 latency, target: 'p99 <250 ms',"
            " current_from: {evidence: p99}}\nevidence:\n"
            "  - {kind: measurement, id: p99, metric: p99 latency, value: 0.9, unit: '%'}\n",
            "criterion 'latency' takes 0.9% from 'p99', '%' (a percent), but its target "
            "'p99 <250 ms' is in 'ms' (a duration): not compared",
        ),
    ],
)
def criterion_unit_mismatch(
    criterion: Criterion, result: CriterionEvaluation, context: Context
) -> Found:
    """What it does:
        Flags a metric criterion whose current value comes from evidence in a unit of
        another dimension than its target's: a count of failed tests for a failure-rate
        target in percent, a duration for a percentage, dollars for euros. Units of one
        dimension (seconds and milliseconds) are converted and not flagged. The
        criterion is unmeasured.

    Why is this bad?
        8 failed tests is not an 8 % failure rate, and 0.9 s is not under 250 ms: a
        value compared with a target in another unit gives a verdict by accident. The
        evidence is the wrong one, or the target's unit is.
    """
    if result.unit_mismatch is None or criterion.target is None:
        return ()
    source = criterion.current_from.evidence if criterion.current_from else None
    message = _mismatch(
        f"criterion {criterion.id!r}", source, result.unit_mismatch, criterion.target
    )
    return [(message, (criterion.id, *((source,) if source else ())))]


@rule(
    "gap-unit-mismatch",
    title="A gap's measurement is in a unit its threshold cannot compare with",
    scope=Scope.GAP,
    severity=FindingSeverity.ERROR,
    reads=("gap", "evidence"),
    examples=[
        Example(
            EXAMPLE_HEADER
            + "gaps:\n  - {id: auth, title: Service authentication, measurement: e2e,"
            " quantity: failed, threshold: '<10%'}\nevidence:\n"
            "  - {kind: test_run, id: e2e, suite: E2E, failed: 7, passed: 0}\n",
            "gap 'auth' takes 7 from 'e2e', a bare count, but its target '<10%' is in '%' "
            "(a percent): not compared",
        )
    ],
)
def gap_unit_mismatch(gap: Gap, result: GapEvaluation, context: Context) -> Found:
    """What it does:
        Flags a gap whose measurement is in a unit of another dimension than its
        threshold's (a count against a percent). The gap stays open.

    Why is this bad?
        A gap closed by a measurement that cannot meet its threshold is closed by
        accident; one that can never close is as wrong.
    """
    if result.unit_mismatch is None or gap.threshold is None:
        return ()
    message = _mismatch(f"gap {gap.id!r}", gap.measurement, result.unit_mismatch, gap.threshold)
    return [(message, (gap.id, *((gap.measurement,) if gap.measurement else ())))]
