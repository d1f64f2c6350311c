"""Measurement series: latest value, change, trend, projection, and the rules on them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings

import remediation
from remediation import (
    CriterionState,
    Direction,
    FindingCode,
    MeasurementEvidence,
    MetricSource,
    SeriesEvidence,
    SeriesPoint,
    evaluate_series,
    parse_quantity,
)
from remediation.testing import criterion, plan
from remediation.testing.strategies import series_evidence

DAY = dt.date(2025, 3, 3)
T0 = dt.datetime(2025, 3, 1)


def series(
    series_id: str, *values: str, step: dt.timedelta = dt.timedelta(days=1), **fields: object
) -> SeriesEvidence:
    points = [SeriesPoint(T0 + i * step, parse_quantity(v)) for i, v in enumerate(values)]
    return SeriesEvidence(id=series_id, metric=series_id, points=points, **fields)  # type: ignore[arg-type]


def findings(*records: object, code: FindingCode) -> list[str]:
    evidence = [r for r in records if isinstance(r, SeriesEvidence | MeasurementEvidence)]
    others = [r for r in records if r not in evidence]
    result = remediation.evaluate(plan(*others, evidence=evidence, date=DAY))
    return [f.message for f in result.findings_with(code)]


def test_latest_change_and_trend() -> None:
    result = evaluate_series(series("bugs", "30", "25", "20", "14"))
    assert result.latest == 14.0
    assert result.latest_at == T0 + dt.timedelta(days=3)
    assert result.change == -16.0
    assert result.trend == pytest.approx(-5.3)  # least squares through 30, 25, 20, 14
    assert result.trend_error is not None
    assert result.trend_error == pytest.approx(0.03**0.5)  # residuals -0.2, 0.1, 0.4, -0.3


def test_two_points_have_a_trend_but_no_known_uncertainty() -> None:
    result = evaluate_series(series("bugs", "30", "20"))
    assert result.trend == -10.0
    assert result.trend_error is None  # unknown, not zero


def test_one_point_has_no_trend() -> None:
    result = evaluate_series(series("bugs", "30"))
    assert (result.latest, result.change, result.trend) == (30.0, None, None)


def test_points_are_taken_in_time_order_and_converted_to_the_series_unit() -> None:
    late = SeriesPoint(T0 + dt.timedelta(days=2), parse_quantity("0.3 s"))
    early = SeriesPoint(T0, parse_quantity("500 ms"))
    result = evaluate_series(
        SeriesEvidence(id="p99", metric="p99", unit="ms", points=[late, early])
    )
    assert result.latest == 300.0
    assert result.change == -200.0


def test_a_criterion_takes_the_latest_value_of_a_series_and_projects_its_target() -> None:
    bugs = series("bugs", "30", "25", "20", "14")
    result = remediation.evaluate(
        plan(criterion("bugs-gone", "0", current_from=MetricSource(evidence="bugs")),
             evidence=[bugs], date=DAY)
    )  # fmt: skip
    found = result.criterion("bugs-gone")
    assert found.state is CriterionState.UNMET
    assert found.current == 14.0
    projection = found.projection
    assert projection is not None
    assert projection.at == T0 + dt.timedelta(days=3) + dt.timedelta(days=14 / 5.3)
    assert projection.earliest is not None
    assert projection.latest is not None
    assert projection.earliest < projection.at < projection.latest


def test_no_projection_when_the_trend_goes_the_other_way() -> None:
    bugs = series("bugs", "10", "12", "15")
    result = remediation.evaluate(
        plan(criterion("c", "<5", current_from=MetricSource(evidence="bugs")),
             evidence=[bugs], date=DAY)
    )  # fmt: skip
    assert result.criterion("c").projection is None


def test_a_series_in_seconds_projects_a_target_in_milliseconds() -> None:
    p99 = series("p99", "0.9 s", "0.7 s", "0.5 s", unit="s")
    result = remediation.evaluate(
        plan(criterion("fast", "p99 <250 ms", current_from=MetricSource(evidence="p99")),
             evidence=[p99], date=DAY)
    )  # fmt: skip
    found = result.criterion("fast")
    assert (found.state, found.current) == (CriterionState.UNMET, 500.0)
    projection = found.projection
    assert projection is not None
    # 500 ms falling 200 ms a day reaches 250 ms in a day and a quarter (not in 0.00125 days)
    assert projection.at == pytest.approx(T0 + dt.timedelta(days=2 + 1.25), abs=dt.timedelta(1e-6))


def test_a_series_in_milliseconds_projects_a_target_in_seconds() -> None:
    p99 = series("p99", "900 ms", "700 ms", "500 ms", unit="ms")
    result = remediation.evaluate(
        plan(criterion("fast", "p99 <0.25 s", current_from=MetricSource(evidence="p99")),
             evidence=[p99], date=DAY)
    )  # fmt: skip
    projection = result.criterion("fast").projection
    assert result.criterion("fast").current == 0.5
    assert projection is not None
    assert projection.at == pytest.approx(T0 + dt.timedelta(days=2 + 1.25), abs=dt.timedelta(1e-6))


def test_a_series_of_another_dimension_is_a_finding_and_projects_nothing() -> None:
    failed = series("failed", "8", "6", "4")
    result = remediation.evaluate(
        plan(criterion("rate", "<10%", current_from=MetricSource(evidence="failed")),
             evidence=[failed], date=DAY)
    )  # fmt: skip
    found = result.criterion("rate")
    assert found.state is CriterionState.UNMEASURED
    assert found.projection is None
    assert [f.ids for f in result.findings_with(FindingCode.CRITERION_UNIT_MISMATCH)] == [
        ("rate", "failed")
    ]


def test_a_cumulative_series_that_decreases_is_a_finding() -> None:
    queries = SeriesEvidence(
        id="queries",
        metric="queries served",
        cumulative=True,
        points=[
            SeriesPoint(dt.datetime(2025, 3, 3, 11, 27), parse_quantity("~15K"), "about 15K"),
            SeriesPoint(dt.datetime(2025, 3, 3, 13, 7), parse_quantity("13,337"), "13,337"),
        ],
    )
    (message,) = findings(queries, code=FindingCode.SERIES_WRONG_DIRECTION)
    assert "cumulative but decreases" in message
    assert "~15K" in message
    assert "13,337" in message
    within = series("q", "~15K", "14,000", cumulative=True)  # within the approximation
    assert findings(within, code=FindingCode.SERIES_WRONG_DIRECTION) == []


@pytest.mark.parametrize(
    ("direction", "values", "fires"),
    [
        (Direction.DECREASING, ("30", "20", "25"), True),
        (Direction.DECREASING, ("30", "20", "20"), False),
        (Direction.INCREASING, ("1", "2", "1"), True),
        (Direction.INCREASING, ("1", "2", "3"), False),
    ],
)
def test_a_monotonic_series_goes_one_way(
    direction: Direction, values: tuple[str, ...], fires: bool
) -> None:
    found = findings(
        series("s", *values, monotonic=direction), code=FindingCode.SERIES_WRONG_DIRECTION
    )
    assert bool(found) is fires


def test_a_bounded_series_stays_within_its_bounds() -> None:
    bounded = series("a", "99.9%", "100.5%", unit="%", upper=100.0)
    (message,) = findings(bounded, code=FindingCode.SERIES_OUT_OF_BOUNDS)
    assert "at most 100 %" in message
    assert findings(series("b", "-1", lower=0.0), code=FindingCode.SERIES_OUT_OF_BOUNDS) != []


def test_a_point_in_another_unit_is_a_finding_and_left_out_of_the_trend() -> None:
    mixed = series("lat", "240 ms", "12%", "0.25 s", unit="ms")
    (message,) = findings(mixed, code=FindingCode.SERIES_UNIT_MISMATCH)
    assert "'%' (a percent)" in message
    result = evaluate_series(mixed)
    assert result.points == 2
    assert result.latest == 250.0


def test_a_measurement_after_the_documents_date_is_a_finding() -> None:
    late = series("late", "1", "2", "3", step=dt.timedelta(days=2))  # 1, 3 and 5 March
    (message,) = findings(late, code=FindingCode.MEASUREMENT_AFTER_DATE)
    assert "1 point(s) after the document's date 2025-03-03" in message
    same_day = MeasurementEvidence(
        id="m", metric="m", value=1, measured_at=dt.datetime(2025, 3, 3, 23, 59)
    )
    assert findings(same_day, code=FindingCode.MEASUREMENT_AFTER_DATE) == []


def test_a_series_needs_a_point() -> None:
    with pytest.raises(ValueError, match="no points"):
        SeriesEvidence(id="s", metric="s", points=[])


def test_a_series_round_trips_with_its_figures_as_written() -> None:
    queries = series("queries", "~15K", "13,337", "1.21B", cumulative=True)
    document = plan(evidence=[queries], date=DAY)
    again = remediation.loads(remediation.dumps(document))
    assert again == document
    (loaded,) = again.evidence
    assert isinstance(loaded, SeriesEvidence)
    assert [str(p.value) for p in loaded.points] == ["~15K", "13,337", "1.21B"]


@settings(max_examples=200, deadline=None)
@given(series_evidence("s"))
def test_the_readings_of_a_series_are_its_points_values_and_intervals(
    series: SeriesEvidence,
) -> None:
    # readings() reads the series' unit once; each reading must be what value_of and
    # interval_of say of the point, in time order
    assert series.readings() == tuple(
        (point, series.value_of(point), series.interval_of(point)) for point in series.in_order
    )
