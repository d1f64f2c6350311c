"""Service-level objectives: indicators with their own comparator, error budgets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import remediation
from remediation import (
    Criterion,
    FindingCode,
    Indicator,
    ServiceLevel,
    error_budget,
    parse_duration,
    parse_quantity,
    parse_target,
)
from remediation.testing import plan

DAY = dt.date(2025, 3, 1)
START = dt.datetime(2025, 3, 1)


def slo(
    criterion_id: str,
    objective: str = ">= 99.9%",
    window: str | None = "30 days",
    *,
    metric: str = "availability",
    threshold: str | None = None,
    budget: str | None = None,
    current: float | None = None,
) -> Criterion:
    return Criterion(
        id=criterion_id,
        title=criterion_id,
        target=parse_target(objective),
        window=parse_duration(window) if window else None,
        current=current,
        slo=ServiceLevel(
            Indicator(metric, threshold=parse_target(threshold) if threshold else None),
            error_budget=parse_quantity(budget) if budget else None,
        ),
    )


def findings(*criteria: Criterion, code: FindingCode) -> list[str]:
    result = remediation.evaluate(plan(*criteria, date=DAY))
    return [f.message for f in result.findings_with(code)]


def test_an_objective_over_a_window_gives_its_budget() -> None:
    budget = error_budget(slo("a"), START)
    assert budget is not None
    assert budget.percent == Decimal("0.1")
    assert budget.time == dt.timedelta(minutes=43.2)
    assert budget.spent is None
    spent = error_budget(slo("a"), START, current=99.8)
    assert spent is not None
    assert spent.spent == 2.0  # twice the budget


def test_a_calendar_month_is_counted_by_the_calendar() -> None:
    february = error_budget(slo("a", window="1 month"), dt.datetime(2025, 2, 1))
    assert february is not None
    assert february.time == dt.timedelta(days=28) * 0.001


def test_a_criterion_without_an_slo_has_no_budget() -> None:
    assert error_budget(Criterion(id="c", title="C", target=parse_target("<1%")), START) is None


@pytest.mark.parametrize(
    ("budget", "agrees"),
    [
        ("43 minutes", True),  # 43.2, rounded to the stated digit
        ("43.2 min", True),
        ("about 45 minutes", True),
        ("0.1%", True),
        ("4 hours", False),
        ("1%", False),
        ("40 minutes", False),
        ("1000 requests", True),  # a count of events: not comparable with a time window
    ],
)
def test_a_stated_budget_must_follow_from_the_objective(budget: str, agrees: bool) -> None:
    found = findings(slo("a", budget=budget), code=FindingCode.ERROR_BUDGET_MISMATCH)
    assert (found == []) is agrees


def test_the_same_indicator_with_another_comparator_is_a_finding() -> None:
    table = slo("table", metric="latency", threshold="< 1000 ms")
    formula = slo("formula", metric="Latency", threshold="<= 1000 ms")
    assert findings(table, formula, code=FindingCode.INDICATOR_CONFLICT) == [
        "indicator 'Latency' is '< 1000 ms' in 'table' but '<= 1000 ms' in 'formula'"
    ]
    seconds = slo("seconds", metric="latency", threshold="< 1 s")
    assert findings(table, seconds, code=FindingCode.INDICATOR_CONFLICT) == []
    other = slo("other", metric="latency", threshold="< 250 ms")
    assert len(findings(table, other, code=FindingCode.INDICATOR_CONFLICT)) == 1


def test_an_objective_needs_a_comparator() -> None:
    with pytest.raises(ValueError, match="a bare '97%' would mean exactly 97%"):
        slo("a", objective="97%")
    with pytest.raises(ValueError, match="a percent with a comparator"):
        slo("a", objective="< 250 ms")


def test_slos_round_trip() -> None:
    document = plan(slo("a", threshold="< 1,000 ms", budget="43 minutes", current=99.95), date=DAY)
    again = remediation.loads(remediation.dumps(document))
    assert again == document
    (criterion,) = again.criteria
    assert criterion.slo is not None
    assert str(criterion.slo.error_budget) == "43 minutes"
