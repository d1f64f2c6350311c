"""Units are part of a number: criteria and gaps compare values only within a dimension.

The two cases of issue 15: a ``p99 <250 ms`` criterion fed a measurement of
0.9 s is not met, and a ``<10%`` criterion fed the failed count of a test
run (8 failed, 2 passed) is not silently met with the value 8.
"""

from __future__ import annotations

import datetime as dt

import pytest

import remediation
from remediation import (
    CriterionState,
    FindingCode,
    FindingSeverity,
    Gap,
    MeasurementEvidence,
    MetricSource,
    TestRunEvidence,
    TestRunQuantity,
    parse_target,
)
from remediation.model import units
from remediation.testing import criterion, plan

DAY = dt.date(2025, 3, 3)
RUN = TestRunEvidence(id="unit", suite="Unit Tests", failed=8, passed=2)


def test_a_latency_target_fed_seconds_converts_them_and_is_not_met() -> None:
    result = remediation.evaluate(
        plan(
            criterion("latency", "p99 <250 ms", current_from=MetricSource(evidence="p99")),
            evidence=[MeasurementEvidence(id="p99", metric="p99 latency", value=0.9, unit="s")],
            date=DAY,
        )
    )
    latency = result.criterion("latency")
    assert latency.state is CriterionState.UNMET
    assert latency.current == 900.0
    assert latency.unit_mismatch is None
    assert result.findings_with(FindingCode.CRITERION_UNIT_MISMATCH) == ()


def test_seconds_under_a_millisecond_target_are_met_once_converted() -> None:
    result = remediation.evaluate(
        plan(
            criterion("latency", "p99 <250 ms", current_from=MetricSource(evidence="p99")),
            evidence=[MeasurementEvidence(id="p99", metric="p99 latency", value=0.2, unit="s")],
            date=DAY,
        )
    )
    assert result.criterion("latency").state is CriterionState.MET
    assert result.criterion("latency").current == 200.0


def test_a_percent_target_fed_a_failed_count_is_not_silently_met() -> None:
    result = remediation.evaluate(
        plan(
            criterion(
                "failures",
                "<10%",
                current_from=MetricSource(evidence="unit", quantity=TestRunQuantity.FAILED),
            ),
            evidence=[RUN],
            date=DAY,
        )
    )
    failures = result.criterion("failures")
    assert failures.state is CriterionState.UNMEASURED  # not met with the value 8
    assert failures.current is None
    assert failures.unit_mismatch is not None
    assert str(failures.unit_mismatch) == "8"
    (finding,) = result.findings_with(FindingCode.CRITERION_UNIT_MISMATCH)
    assert finding.severity is FindingSeverity.ERROR
    assert finding.ids == ("failures", "unit")
    assert "a bare count" in finding.message
    assert "'<10%' is in '%' (a percent)" in finding.message
    # and the issue cannot be closed on it
    assert result.recommendation.decision is not remediation.Decision.CLOSE


def test_the_failure_rate_of_the_same_run_is_compared() -> None:
    result = remediation.evaluate(
        plan(criterion("failures", "<10%", current_from=MetricSource(evidence="unit")),
             evidence=[RUN], date=DAY)
    )  # fmt: skip
    assert result.criterion("failures").state is CriterionState.UNMET
    assert result.criterion("failures").current == 80.0


def test_a_count_target_takes_a_test_runs_count() -> None:
    result = remediation.evaluate(
        plan(
            criterion(
                "failures",
                "0 failures",
                current_from=MetricSource(evidence="unit", quantity=TestRunQuantity.FAILED),
            ),
            evidence=[RUN],
            date=DAY,
        )
    )
    assert result.criterion("failures").state is CriterionState.UNMET
    assert result.findings_with(FindingCode.CRITERION_UNIT_MISMATCH) == ()


@pytest.mark.parametrize(
    ("target", "value", "unit"),
    [
        ("<10%", 5, "ms"),
        ("<=$500k", 400_000, "EUR"),
        ("p99 <250 ms", 5, "%"),
        ("0 violations", 0, "failures"),
        ("<2 GB", 1, "s"),
    ],
)
def test_a_value_of_another_dimension_is_never_compared(
    target: str, value: float, unit: str
) -> None:
    result = remediation.evaluate(
        plan(
            criterion("c", target, current_from=MetricSource(evidence="m")),
            evidence=[MeasurementEvidence(id="m", metric="m", value=value, unit=unit)],
            date=DAY,
        )
    )
    assert result.criterion("c").state is CriterionState.UNMEASURED
    assert len(result.findings_with(FindingCode.CRITERION_UNIT_MISMATCH)) == 1


def test_a_criterions_own_current_value_is_in_its_targets_unit() -> None:
    result = remediation.evaluate(plan(criterion("c", "<10%", current=8), date=DAY))
    assert result.criterion("c").state is CriterionState.MET  # a plain "<10%" still works


def test_a_gap_measured_in_another_unit_stays_open() -> None:
    gap = Gap(
        id="auth",
        title="Service authentication",
        measurement="unit",
        quantity=TestRunQuantity.FAILED,
        threshold=parse_target("<90%"),
    )
    result = remediation.evaluate(plan(gap, evidence=[RUN], date=DAY))
    assert result.gap("auth").closed is False
    assert result.gap("auth").measurement_met is None
    (finding,) = result.findings_with(FindingCode.GAP_UNIT_MISMATCH)
    assert finding.ids == ("auth", "unit")


def test_a_gap_measured_in_a_convertible_unit_is_compared() -> None:
    gap = Gap(id="lat", title="Latency", measurement="p99", threshold=parse_target("<250 ms"))
    measurement = MeasurementEvidence(id="p99", metric="p99", value=0.2, unit="s")
    result = remediation.evaluate(plan(gap, evidence=[measurement], date=DAY))
    assert result.gap("lat").measurement == 200.0
    assert result.gap("lat").closed is True


def test_target_compare() -> None:
    target = parse_target("p99 <250 ms")
    assert target.compare(0.9, "s") == 900.0
    assert target.compare(250, None) == 250
    assert target.compare(250, "ms") == 250
    assert target.compare(1, "%") is None
    assert parse_target("<$500k").compare(1, "USD") == 1
    assert parse_target("<$500k").compare(1, "€") is None


def test_a_unit_mismatch_is_written_with_the_evaluation() -> None:
    result = remediation.evaluate(
        plan(
            criterion(
                "failures",
                "<10%",
                current_from=MetricSource(evidence="unit", quantity=TestRunQuantity.FAILED),
            ),
            evidence=[RUN],
            date=DAY,
        )
    )
    data = remediation.to_data(result)
    assert data["criteria"][0]["unit_mismatch"] == 8  # a whole number is written as one


def test_every_symbol_of_the_tables_parses_as_the_general_path_reads_it() -> None:
    # parse_unit answers the tables' exact symbols from a constant table built from
    # them; it must say what the general reading says, symbol by symbol
    assert units._KNOWN[""] == units.Unit("", units.Kind.COUNT)
    for symbol, unit in units._KNOWN.items():
        if symbol:
            assert units._simple(symbol) == unit, symbol
        assert remediation.parse_unit(symbol) is unit
    spaced = units.Unit(" ms ", units.Kind.DURATION, units._D("0.001"))
    assert remediation.parse_unit(" ms ") == spaced
    assert remediation.parse_unit("MS").kind is units.Kind.DURATION
