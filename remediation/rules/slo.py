"""Rules on service-level objectives: indicators stated twice, budgets that do not follow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from remediation.evaluation.results import CriterionEvaluation, Evaluation
from remediation.evaluation.series import Projection
from remediation.evaluation.slo import (
    budget_burn,
    error_budget,
    stated_budget_agrees,
    window_start,
)
from remediation.model.moment import Moment
from remediation.model.records import Assessment, Criterion, SeriesEvidence
from remediation.rules.catalogue import EXAMPLE_HEADER, Example, Found, Scope, rule
from remediation.rules.context import Context

__all__ = ["budget_exhausting", "error_budget_mismatch", "indicator_conflict"]


def _minutes(delta: dt.timedelta) -> str:
    return f"{delta.total_seconds() / 60:.4g} minutes"


@rule(
    "error-budget-mismatch",
    title="An SLO's stated error budget does not follow from its objective and window",
    scope=Scope.ASSESSMENT,
    inputs=("criteria", "date"),
    reads=("assessment", "criterion"),
    examples=[
        Example(
            EXAMPLE_HEADER + "criteria:\n  - id: availability\n    title: Availability\n"
            "    target: '>= 99.9%'\n    window: 30 days\n"
            "    slo: {indicator: {metric: availability}, error_budget: 4 hours}\n",
            "SLO 'availability': '>= 99.9%' over P30D allows 0.1% (43.2 minutes), "
            "but the document states an error budget of 4 hours",
        )
    ],
)
def error_budget_mismatch(
    assessment: Assessment, evaluation: Evaluation, context: Context
) -> Found:
    """What it does:
        Derives each SLO's error budget from its objective and window (99.9 % of 30
        days allows 0.1 %, 43.2 minutes; a window in months counts the calendar from
        the document's date) and compares it with the budget the document states, a
        duration or a percent, within the stated figure's tolerance or the rounding of
        its last digit ("43 minutes" agrees).

    Why is this bad?
        Teams spend the budget they read; one that does not follow from the objective
        lets the service miss its objective while everybody thinks there is room left.
    """
    start = window_start(assessment.date, context.as_of)
    found: list[tuple[str, Sequence[str]]] = []
    for criterion in assessment.criteria:
        budget = error_budget(criterion, start)
        if budget is None or stated_budget_agrees(criterion, budget) is not False:
            continue
        assert criterion.slo is not None  # noqa: S101  (only SLOs have a budget)
        window = f" over {criterion.window}" if criterion.window is not None else ""
        time = f" ({_minutes(budget.time)})" if budget.time is not None else ""
        message = (
            f"SLO {criterion.id!r}: {str(criterion.target)!r}{window} allows "
            f"{budget.percent.normalize():f}%{time}, but the document states an error budget "
            f"of {criterion.slo.error_budget}"
        )
        found.append((message, (criterion.id,)))
    return found


def _threshold(criterion: Criterion) -> str:
    assert criterion.slo is not None  # noqa: S101  (called for SLOs only)
    threshold = criterion.slo.indicator.threshold
    return "no threshold" if threshold is None else repr(str(threshold))


@rule(
    "indicator-conflict",
    title="One indicator stated with different comparators or thresholds",
    scope=Scope.ASSESSMENT,
    inputs=("criteria",),
    reads=("criterion",),
    examples=[
        Example(
            EXAMPLE_HEADER + "criteria:\n  - id: table\n    title: Latency (SLO table)\n"
            "    target: '>= 99%'\n"
            "    slo: {indicator: {metric: latency, threshold: '< 1000 ms'}}\n"
            "  - id: formula\n    title: Latency (formula)\n    target: '>= 99%'\n"
            "    slo: {indicator: {metric: latency, threshold: '<= 1000 ms'}}\n",
            "indicator 'latency' is '< 1000 ms' in 'table' but '<= 1000 ms' in 'formula'",
        )
    ],
)
def indicator_conflict(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Compares the threshold of every SLO indicator with the first SLO of the same
        metric: the comparator and the threshold (units converted: 1 s is 1000 ms)
        must be the same.

    Why is this bad?
        "Latency < 1000 ms" in the SLO table and "less than or equal to 1000 ms" in the
        formula are two different indicators: requests of exactly one second count as
        good in one and bad in the other, and the attainment depends on which one the
        dashboard implements.
    """
    first: dict[str, Criterion] = {}
    found: list[tuple[str, Sequence[str]]] = []
    for criterion in assessment.criteria:
        if criterion.slo is None:
            continue
        metric = criterion.slo.indicator.metric.casefold()
        earlier = first.setdefault(metric, criterion)
        if earlier is criterion or _same(earlier, criterion):
            continue
        message = (
            f"indicator {criterion.slo.indicator.metric!r} is {_threshold(earlier)} in "
            f"{earlier.id!r} but {_threshold(criterion)} in {criterion.id!r}"
        )
        found.append((message, (earlier.id, criterion.id)))
    return found


def _same(a: Criterion, b: Criterion) -> bool:
    assert a.slo is not None  # noqa: S101  (called for SLOs only)
    assert b.slo is not None  # noqa: S101
    x, y = a.slo.indicator.threshold, b.slo.indicator.threshold
    if x is None or y is None:
        return x is y
    if x.comparator is not y.comparator:
        return False
    value = x.compare(y.value, y.unit)
    upper = None if y.upper is None else x.compare(y.upper, y.unit)
    return value == x.value and upper == x.upper


def _moment(at: dt.datetime) -> str:
    return at.isoformat(sep=" ", timespec="minutes")


def _when(projection: Projection) -> str:
    earliest, latest = projection.earliest, projection.latest
    if earliest is None:
        return f"{_moment(projection.at)} (its uncertainty unknown: two measurements)"
    if latest is None:
        return f"{_moment(projection.at)} (from {_moment(earliest)}; maybe never)"
    return f"{_moment(projection.at)} (between {_moment(earliest)} and {_moment(latest)})"


@rule(
    "budget-exhausting",
    title="An SLO said to be met whose error budget runs out within its window",
    scope=Scope.CRITERION,
    reads=("criterion", "evidence"),
    examples=[
        Example(
            EXAMPLE_HEADER + "criteria:\n  - id: availability\n    title: Availability\n"
            "    target: '>= 99.9%'\n    window: 30 days\n    stated_met: true\n"
            "    slo: {indicator: {metric: availability}}\n"
            "    current_from: {evidence: attainment}\n"
            "evidence:\n  - kind: series\n    id: attainment\n    metric: availability\n"
            "    unit: '%'\n    points:\n"
            "      - {at: 2025-02-27, value: 99.99%}\n"
            "      - {at: 2025-03-01, value: 99.96%}\n"
            "      - {at: 2025-03-03, value: 99.95%}\n",
            "SLO 'availability' is ticked met, but its error budget burns at 3 budgets a "
            "window (by 'attainment'): 50% spent, it runs out at 2025-03-08 00:00 "
            "(between 2025-03-06 21:07 and 2025-03-10 00:41), within its window (P30D)",
        )
    ],
)
def budget_exhausting(criterion: Criterion, result: CriterionEvaluation, context: Context) -> Found:
    """What it does:
        For an SLO the document says is met (``stated_met``) whose attainment is
        measured by a series, derives the burn rate (budget spent per window at the
        series' trend) and when the trend spends the whole budget, and flags an
        exhaustion projected within one window of the latest measurement (or a budget
        spent already). The projection's uncertainty, one standard error of the trend,
        is in the message; with two measurements it is said to be unknown.

    Why is this bad?
        "Met" is true today and says nothing of tomorrow: a budget burning three times
        faster than the window allows is gone in days, and a document that calls the
        SLO met invites nobody to slow down releases while there is still budget left.
    """
    source = criterion.current_from
    window = criterion.window
    if criterion.stated_met is not True or source is None or window is None:
        return ()
    record = next((e for e in context.assessment.evidence if e.id == source.evidence), None)
    if not isinstance(record, SeriesEvidence):
        return ()
    burn = budget_burn(criterion, record, window_start(context.assessment.date, context.as_of))
    if burn is None or burn.spent is None:
        return ()
    spent = f"{burn.spent:.0%} spent"
    rate = "" if burn.burn_rate is None else f" burns at {burn.burn_rate:.2g} budgets a window"
    said = f"SLO {criterion.id!r} is ticked met, but its error budget"
    if burn.exhausted:
        message = f"{said}{rate} (by {record.id!r}) is spent ({burn.spent:.0%})"
        return [(message, (criterion.id, record.id))]
    exhaustion = burn.exhaustion
    latest = record.latest.at
    if (
        exhaustion is None  # no trend (a point at a lower precision has none either)
        or isinstance(latest, Moment)
        or exhaustion.at > window.after(latest)
    ):
        return ()
    message = (
        f"{said}{rate} (by {record.id!r}): {spent}, it runs out at {_when(exhaustion)}, "
        f"within its window ({window})"
    )
    return [(message, (criterion.id, record.id))]
