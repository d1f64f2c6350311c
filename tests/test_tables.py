"""An evaluation as plain records and as pandas data frames."""

from __future__ import annotations

import datetime as dt
import sys
from typing import get_args

import attrs
import pytest

import remediation
from remediation import Assessment, Evaluation, TablePart
from remediation.exceptions import InvalidValueError, MissingDependencyError

PARTS: tuple[TablePart, ...] = get_args(TablePart)


@pytest.fixture(scope="module")
def plan() -> Assessment:
    return remediation.examples.issue_1176()


@pytest.fixture(scope="module")
def result(plan: Assessment) -> Evaluation:
    return remediation.evaluate(plan)


@pytest.mark.parametrize("part", PARTS)
def test_every_row_of_a_part_has_the_same_keys(result: Evaluation, part: TablePart) -> None:
    rows = remediation.to_records(result, part)
    assert rows
    assert len({tuple(row) for row in rows}) == 1


def test_items(result: Evaluation, plan: Assessment) -> None:
    rows = remediation.to_records(result, "items", assessment=plan)
    assert [row["id"] for row in rows] == [item.id for item in plan.items]
    assert rows[3] == {
        "id": "ssot-violations",
        "title": "SSOT Violations",
        "group": "phase-1",
        "progress": "partial",
        "credit": 0.5,
        "closed": False,
        "blocked": False,
        "blocked_by": [],
        "actionable": True,
        "severity": None,
    }
    assert rows[7]["severity"] == "critical"


def test_phases_and_next_steps(result: Evaluation) -> None:
    phases = remediation.to_records(result, "phases")
    assert [(r["id"], r["progress"], r["complete"], r["stated"]) for r in phases] == [
        ("phase-1", 0.875, False, "done"),
        ("phase-2", 0.0, False, "not_started"),
        ("phase-3", 0.0, False, "not_started"),
    ]
    steps = remediation.to_records(result, "next_steps")
    assert [(r["id"], r["items"], r["open"]) for r in steps] == [
        (
            "week-1",
            2,
            ["service-authentication-emergency-fix", "factory-pattern-ssot-implementation"],
        ),
        ("week-2", 1, ["import-path-standardization"]),
    ]


def test_criteria_carry_target_text_and_unit(result: Evaluation, plan: Assessment) -> None:
    rows = remediation.to_records(result, "criteria", assessment=plan)
    assert rows[1] == {
        "id": "unit-test-failures",
        "title": "Unit test failures",
        "category": "technical",
        "state": "unmet",
        "progress": 0.0,
        "baseline": 54.0,
        "target": "<10%",
        "current": pytest.approx(54.054054),
        "unit": "%",
    }
    assert rows[6]["target"] is None
    assert rows[6]["unit"] is None


def test_gaps_root_causes_and_test_runs(result: Evaluation, plan: Assessment) -> None:
    gap = remediation.to_records(result, "gaps", assessment=plan)[0]
    assert (gap["title"], gap["closed"], gap["measurement"], gap["measurement_met"]) == (
        "Factory Pattern Conflicts",
        False,
        13.0,
        False,
    )
    cause = remediation.to_records(result, "root_causes", assessment=plan)[0]
    assert cause["title"] == "What is the organizational root cause?"
    assert (cause["addressed"], cause["done_by"]) == (False, [])
    runs = remediation.to_records(result, "test_runs", assessment=plan)
    assert [(r["title"], r["stated_failure_rate"], r["agrees"]) for r in runs] == [
        ("Unit Tests", 54.0, True),
        ("Integration Tests", 71.0, True),
        ("E2E Staging", 100.0, True),
    ]


def test_schedule_rows_hold_phases_then_items(result: Evaluation) -> None:
    rows = remediation.to_records(result, "schedule")
    assert [row["kind"] for row in rows] == ["phase"] * 3 + ["item"] * 11
    critical = [row["id"] for row in rows if row["critical"]]
    assert critical == ["systematic-migration-strategy"]
    first_item = rows[3]
    assert first_item["start"] == dt.datetime(2025, 9, 15)
    assert first_item["finish"] == dt.datetime(2025, 10, 15)


def test_reasons_and_findings_have_no_id_column(result: Evaluation, plan: Assessment) -> None:
    reasons = remediation.to_records(result, "reasons", assessment=plan)
    assert list(reasons[0]) == ["code", "message", "ids"]
    assert reasons[2]["ids"] == ["service-authentication"]
    findings = remediation.to_records(result, "findings")
    assert list(findings[0]) == ["code", "severity", "message", "ids"]
    assert findings[0]["code"] == "phase-status-mismatch"


def test_an_unknown_part_is_refused(result: Evaluation) -> None:
    with pytest.raises(ValueError, match=r"part: expected one of 'items', .* got 'tasks'"):
        remediation.to_records(result, "tasks")  # type: ignore[arg-type]


def test_the_assessment_must_be_the_one_evaluated(result: Evaluation, plan: Assessment) -> None:
    with pytest.raises(InvalidValueError):
        remediation.to_records(result, "items", assessment=attrs.evolve(plan, id="other"))


# --------------------------------------------------------------------------- pandas


def test_a_data_frame_has_the_columns_of_the_records(result: Evaluation, plan: Assessment) -> None:
    pytest.importorskip("pandas")
    frame = remediation.to_dataframe(result, "phases", assessment=plan)
    assert list(frame.columns) == list(remediation.to_records(result, "phases", assessment=plan)[0])
    assert frame.loc[0, "progress"] == 0.875
    assert frame["complete"].tolist() == [False, False, False]
    schedule = remediation.to_dataframe(result, "schedule")
    assert str(schedule["start"].dtype).startswith("datetime64")


def test_an_empty_part_keeps_its_columns(plan: Assessment) -> None:
    pytest.importorskip("pandas")
    quiet = attrs.evolve(plan, claims=(), phases=plan.phases[1:], stated_status=None)
    result = remediation.evaluate(quiet)
    assert result.findings == ()
    frame = remediation.to_dataframe(result, "findings")
    assert list(frame.columns) == ["code", "severity", "message", "ids"]
    assert len(frame) == 0


def test_without_pandas_the_error_says_what_to_install(
    result: Evaluation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'remediation\[pandas\]'"):
        remediation.to_dataframe(result, "items")
