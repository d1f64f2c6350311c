"""Service-level objectives: indicators with their own comparator, error budgets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

import remediation
from remediation import (
    Criterion,
    FindingCode,
    Indicator,
    MetricSource,
    SeriesEvidence,
    SeriesPoint,
    ServiceLevel,
    budget_burn,
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


def findings(*criteria: Criterion, code: FindingCode, **fields: object) -> list[str]:
    result = remediation.evaluate(plan(*criteria, date=DAY, **fields))
    return [f.message for f in result.findings_with(code)]


def attainment(*values: str, unit: str = "%", step: float = 1) -> SeriesEvidence:
    """A series of attainments, *step* days apart, the last on START."""
    count = len(values)
    points = [
        SeriesPoint(START - dt.timedelta(days=step * (count - 1 - i)), parse_quantity(v))
        for i, v in enumerate(values)
    ]
    return SeriesEvidence(id="attainment", metric="availability", unit=unit, points=points)


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


def test_the_burn_rate_is_the_budget_spent_per_window() -> None:
    # 99.98 % then 99.96 % six days later: 0.2 of the budget in a fifth of a 30-day window.
    burn = budget_burn(slo("a"), attainment("99.98%", "99.96%", step=6), START)
    assert burn is not None
    assert burn.spent == pytest.approx(0.4)
    assert burn.burn_rate == pytest.approx(1.0)  # spends the budget exactly in one window
    assert burn.burn_rate_error is None  # two measurements: unknown, not zero
    assert not burn.exhausted
    exhaustion = burn.exhaustion
    assert exhaustion is not None
    assert exhaustion.at == pytest.approx(START + dt.timedelta(days=18), abs=dt.timedelta(1e-6))
    assert (exhaustion.earliest, exhaustion.latest) == (None, None)


def test_the_exhaustion_says_its_uncertainty_from_three_measurements() -> None:
    burn = budget_burn(slo("a"), attainment("99.99%", "99.96%", "99.95%", step=2), START)
    assert burn is not None
    assert burn.burn_rate == pytest.approx(3.0)
    assert burn.burn_rate_error is not None
    assert burn.burn_rate_error > 0
    exhaustion = burn.exhaustion
    assert exhaustion is not None
    assert exhaustion.earliest is not None
    assert exhaustion.latest is not None
    assert exhaustion.earliest < exhaustion.at < exhaustion.latest


def test_a_series_in_a_ratio_converts_to_the_objectives_percent() -> None:
    as_percent = budget_burn(slo("a"), attainment("99.98%", "99.96%", step=6), START)
    as_share = budget_burn(slo("a"), attainment("0.9998", "0.9996", unit="", step=6), START)
    assert as_percent is not None
    assert as_share is None  # a bare number is not a percent: not guessed


@pytest.mark.parametrize(
    ("values", "why"),
    [
        (("99.95%",), "one measurement"),
        (("99.95%", "99.95%", "99.95%"), "no spend"),
        (("99.93%", "99.95%", "99.97%"), "recovering"),
    ],
)
def test_no_exhaustion_without_spend_or_with_one_measurement(
    values: tuple[str, ...], why: str
) -> None:
    burn = budget_burn(slo("a"), attainment(*values), START)
    assert burn is not None, why
    assert burn.exhaustion is None, why
    assert burn.spent == pytest.approx(0.5 if why != "recovering" else 0.3)
    if why == "one measurement":
        assert burn.burn_rate is None
    elif why == "no spend":
        assert burn.burn_rate == 0
    else:
        assert burn.burn_rate is not None
        assert burn.burn_rate < 0


def test_a_spent_budget_is_exhausted_not_projected() -> None:
    burn = budget_burn(slo("a"), attainment("99.95%", "99.85%"), START)
    assert burn is not None
    assert burn.exhausted
    assert burn.exhaustion is None
    assert burn.spent == pytest.approx(1.5)


def test_no_burn_for_a_criterion_that_is_not_an_slo() -> None:
    plain = Criterion(id="c", title="C", target=parse_target(">= 99%"))
    assert budget_burn(plain, attainment("99.95%", "99.85%"), START) is None


def ticked(criterion: Criterion, *, stated_met: bool | None = True) -> Criterion:
    return attrs.evolve(
        criterion, current=None, current_from=MetricSource("attainment"), stated_met=stated_met
    )


def test_an_slo_ticked_met_whose_budget_runs_out_within_its_window_is_a_finding() -> None:
    series = attainment("99.99%", "99.96%", "99.95%", step=2)
    found = findings(ticked(slo("a")), code=FindingCode.BUDGET_EXHAUSTING, evidence=[series])
    assert len(found) == 1
    assert "burns at 3 budgets a window (by 'attainment'): 50% spent, it runs out at" in found[0]
    # Not ticked met: the document claims nothing to contradict.
    unticked = ticked(slo("a"), stated_met=None)
    assert findings(unticked, code=FindingCode.BUDGET_EXHAUSTING, evidence=[series]) == []


def test_a_slow_burn_or_a_spent_budget() -> None:
    slow = attainment("99.991%", "99.99%", step=3)  # a tenth of the budget in a month
    assert findings(ticked(slo("a")), code=FindingCode.BUDGET_EXHAUSTING, evidence=[slow]) == []
    spent = attainment("99.95%", "99.85%")
    (found,) = findings(ticked(slo("a")), code=FindingCode.BUDGET_EXHAUSTING, evidence=[spent])
    assert found.endswith("(by 'attainment') is spent (150%)")


def test_the_report_shows_each_slos_budget_and_burn() -> None:
    series = attainment("99.99%", "99.96%", "99.95%", step=2)
    document = plan(ticked(slo("a", budget="43 minutes")), evidence=[series], date=DAY)
    text = remediation.render_markdown(document, remediation.evaluate(document))
    section = text[text.index("## Service-Level Objectives") :]
    assert (
        "| a | availability | >= 99.9% | 30 days, rolling | 0.1% (43.2 minutes) | 43 minutes "
        "| 50% | 3 ± 0.87 budgets a window | 2025-03-06 (between 2025-03-04 21:07 and "
        "2025-03-08 00:41) |"
    ) in section
    without = remediation.render_markdown(plan(date=DAY))
    assert "Service-Level Objectives" not in without


def test_the_report_leaves_unknown_burn_empty() -> None:
    document = plan(slo("a", current=99.95), date=DAY)
    text = remediation.render_markdown(document, remediation.evaluate(document))
    assert (
        "| a | availability | >= 99.9% | 30 days, rolling | 0.1% (43.2 minutes) |  | 50% |  |  |"
        in text
    )
