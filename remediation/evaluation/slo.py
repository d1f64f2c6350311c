"""Error budgets: what an objective over a window allows, and how much of it is spent.

An objective of ``>= 99.9%`` over 30 days allows 0.1 % of the valid events
to be bad, or, for a time-based indicator, 0.1 % of the window: 43.2
minutes. A window in months or years is measured by the calendar from the
start given (the assessment's date): a month from 31 January is 28 days.
The budget spent is the share of it the current attainment uses: 99.95 %
against 99.9 % is half.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from remediation.model.records import Criterion
from remediation.model.units import Kind

__all__ = ["ErrorBudget", "error_budget", "stated_budget_agrees"]


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
