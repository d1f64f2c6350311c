"""Error budgets: what an objective over a window allows, and how much of it is spent.

An objective of ``>= 99.9%`` over 30 days allows 0.1 % of the valid events
to be bad, or, for a time-based indicator, 0.1 % of the window: 43.2
minutes. A window in months or years is measured by the calendar from the
start given (the assessment's date): a month from 31 January is 28 days.
The budget spent is the share of it the current attainment uses: 99.95 %
against 99.9 % is half.

From a series of the attainment (each point the attainment over the window
up to its moment), :func:`budget_burn` derives how fast the budget goes:
the **burn rate** is the budget spent per window at the trend of the
series (1 spends the budget exactly in one window, 2 in half of one), and
the **exhaustion** is when the trend reaches the objective, with the
earliest and latest moments one standard error of the trend allows. Both
are unknown (``None``) from fewer than two measurements; with no spend
(a trend that is flat or improving) nothing is exhausted.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from remediation.evaluation.series import Projection, evaluate_series, project
from remediation.model.deadline import DateOrMoment, as_moment
from remediation.model.records import Criterion, SeriesEvidence
from remediation.model.target import Comparator, Target
from remediation.model.units import Kind

__all__ = [
    "BudgetBurn",
    "ErrorBudget",
    "budget_burn",
    "error_budget",
    "stated_budget_agrees",
    "window_start",
]

_DAY = 86400.0


@attrs.frozen
class ErrorBudget:
    """The error budget of an SLO criterion.

    Attributes:
        percent: The share of valid events (or of the window) that may be bad.
        time: That share of the window, for a window; ``None`` without one.
        spent: The share of the budget the current attainment uses (1 is all
            of it, more is over); ``None`` when unmeasured.
    """

    percent: Decimal
    time: dt.timedelta | None
    spent: float | None


def error_budget(
    criterion: Criterion, start: dt.datetime, current: float | None = None
) -> ErrorBudget | None:
    """The budget of SLO *criterion* (``None`` for another criterion), its window from *start*.

    Examples:
        >>> import datetime as dt
        >>> from remediation.model.records import Criterion, Indicator, ServiceLevel
        >>> from remediation.model.duration import parse_duration
        >>> from remediation.model.target import parse_target
        >>> slo = Criterion(id="a", title="Availability", target=parse_target(">= 99.9%"),
        ...     window=parse_duration("30 days"), slo=ServiceLevel(Indicator("availability")))
        >>> budget = error_budget(slo, dt.datetime(2025, 3, 1), current=99.95)
        >>> budget.percent, budget.time, budget.spent
        (Decimal('0.1'), datetime.timedelta(seconds=2592), 0.5)
    """
    target = criterion.target
    if criterion.slo is None or target is None:
        return None
    objective = Decimal(repr(target.value))
    percent = Decimal(100) - objective
    time = None
    if criterion.window is not None:
        length = criterion.window.after(start) - start
        time = dt.timedelta(seconds=float(Decimal(length.total_seconds()) * percent / 100))
    spent = None
    if current is not None and percent > 0:
        spent = float((100 - Decimal(repr(current))) / percent)
    return ErrorBudget(percent=percent, time=time, spent=spent)


def stated_budget_agrees(criterion: Criterion, budget: ErrorBudget) -> bool | None:
    """Whether the budget the document states agrees with *budget*; ``None``: not comparable.

    A duration is compared with the budget's time, a percent with its
    percent, each within the figure's tolerance or, for an exact figure,
    within the rounding of its last digit ("43 minutes" for 43.2).
    """
    if criterion.slo is None or criterion.slo.error_budget is None:
        return None
    stated = criterion.slo.error_budget
    if stated.kind is Kind.DURATION and budget.time is not None:
        derived = Decimal(repr(budget.time.total_seconds())) / stated.measure.factor
    elif stated.kind is Kind.PERCENT:
        derived = budget.percent / stated.measure.factor
    else:
        return None
    if stated.approximate or stated.tolerance is not None or stated.bound is not None:
        return stated.agrees_with(derived)
    exponent = stated.value.as_tuple().exponent
    half = Decimal(5).scaleb((exponent if isinstance(exponent, int) else 0) - 1)
    return abs(derived - stated.value) <= half


@attrs.frozen
class BudgetBurn:
    """How fast an SLO's error budget is spent, from a series of its attainment.

    Attributes:
        series: The id of the series measuring the attainment.
        spent: The share of the budget the latest measurement spends (1 is
            all of it); ``None`` when its unit is not a percent.
        exhausted: Whether the latest measurement has spent it all.
        burn_rate: The budget spent per window at the series' trend (1:
            exactly the budget in one window; 0: nothing; below 0: the window
            is recovering); ``None`` with fewer than two measurements at
            different moments, or without a window.
        burn_rate_error: Its standard error; ``None`` when unknown (fewer
            than three measurements), never zero for want of data.
        exhaustion: When the trend spends the whole budget, with its
            uncertainty (see :class:`~remediation.evaluation.series.Projection`);
            ``None`` when already exhausted, with no spend or too few
            measurements.
    """

    series: str
    spent: float | None
    exhausted: bool
    burn_rate: float | None
    burn_rate_error: float | None
    exhaustion: Projection | None


def budget_burn(
    criterion: Criterion, series: SeriesEvidence, start: dt.datetime
) -> BudgetBurn | None:
    """How fast SLO *criterion* spends its budget, by *series* of its attainment.

    ``None`` when *criterion* is not an SLO, its budget is zero, or the
    series is not in a unit of the objective's (a percent).

    Examples:
        >>> import datetime as dt
        >>> from remediation.model.duration import parse_duration
        >>> from remediation.model.quantity import parse_quantity
        >>> from remediation.model.records import Criterion, Indicator, ServiceLevel
        >>> from remediation.model.series import SeriesEvidence, SeriesPoint
        >>> from remediation.model.target import parse_target
        >>> slo = Criterion(id="a", title="Availability", target=parse_target(">= 99.9%"),
        ...     window=parse_duration("30 days"), slo=ServiceLevel(Indicator("availability")))
        >>> day = dt.datetime(2025, 3, 1)
        >>> attainment = SeriesEvidence(id="s", metric="availability", unit="%", points=[
        ...     SeriesPoint(day, parse_quantity("99.98%")),
        ...     SeriesPoint(day + dt.timedelta(days=6), parse_quantity("99.96%"))])
        >>> burn = budget_burn(slo, attainment, day)
        >>> round(burn.spent, 6), round(burn.burn_rate, 6)  # a budget a window: 1
        (0.4, 1.0)
        >>> abs(burn.exhaustion.at - dt.datetime(2025, 3, 25)) < dt.timedelta(seconds=1)
        True
    """
    budget = error_budget(criterion, start)
    target = criterion.target
    if budget is None or target is None or budget.percent <= 0:
        return None
    result = evaluate_series(series)
    scale = target.compare(1.0, series.unit)
    if scale is None:
        return None
    percent = float(budget.percent)
    spent = None if result.latest is None else (100 - result.latest * scale) / percent
    burn_rate = burn_rate_error = None
    window = criterion.window
    if window is not None and result.trend is not None:
        days = (window.after(start) - start).total_seconds() / _DAY
        burn_rate = -result.trend * scale / percent * days
        if result.trend_error is not None:
            burn_rate_error = result.trend_error * scale / percent * days
    exhausted = spent is not None and spent >= 1
    # The budget is gone when the attainment falls to the objective: "at most the objective".
    limit = Target(Comparator.LE, target.value, unit=target.unit)
    exhaustion = None if exhausted else project(result, limit, series.unit)
    return BudgetBurn(
        series=series.id,
        spent=spent,
        exhausted=exhausted,
        burn_rate=burn_rate,
        burn_rate_error=burn_rate_error,
        exhaustion=exhaustion,
    )


def window_start(day: DateOrMoment | None, as_of: dt.datetime) -> dt.datetime:
    """Where a window in months is counted from: the document's date (its earliest
    instant, for a date at a lower precision), or the evaluation's."""
    return as_moment(day).earliest if day is not None else as_of
