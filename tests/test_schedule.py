"""The projected schedule of small plans built in code, through ``remediation.evaluate``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

import remediation
from remediation import (
    Assessment,
    Duration,
    Evaluation,
    FindingCode,
    Phase,
    Status,
    WorkItem,
    parse_duration,
)
from remediation.evaluator import evaluate as evaluate_in_full
from remediation.exceptions import DependencyCycleError, PlanValidationError


def at(text: str) -> dt.datetime:
    """A naive moment from ISO 8601, as the schedule reports them."""
    return dt.datetime.fromisoformat(text)


def item(
    item_id: str,
    status: str = "open",
    *,
    estimate: str | None = None,
    depends_on: Sequence[str] = (),
    due: str | None = None,
    proceeds_without: Sequence[str] = (),
) -> WorkItem:
    return WorkItem(
        id=item_id,
        title=item_id.upper(),
        status=Status.parse(status),
        estimate=parse_duration(estimate) if estimate is not None else None,
        depends_on=depends_on,
        due=dt.date.fromisoformat(due) if due is not None else None,
        proceeds_without=proceeds_without,
    )


def phase(
    phase_id: str,
    *items: WorkItem,
    timebox: str | None = None,
    depends_on: Sequence[str] = (),
) -> Phase:
    return Phase(
        id=phase_id,
        title=phase_id.upper(),
        items=items,
        timebox=parse_duration(timebox) if timebox is not None else None,
        depends_on=depends_on,
    )


def plan(*phases: Phase) -> Assessment:
    return Assessment(
        id="plan", issue="#1", title="A plan", date=dt.date(2025, 1, 1), phases=phases
    )


def window(result: Evaluation, item_id: str) -> tuple[dt.datetime, dt.datetime]:
    work = result.schedule.item(item_id)
    assert work is not None, f"{item_id} is not scheduled"
    return work.start, work.finish


def diamond(b: str, c: str) -> Assessment:
    """a -> {b, c} -> d, with b and c of the given estimates."""
    return plan(
        phase(
            "p",
            item("a", estimate="2 days"),
            item("b", estimate=b, depends_on=["a"]),
            item("c", estimate=c, depends_on=["a"]),
            item("d", estimate="1 day", depends_on=["b", "c"]),
        )
    )


# --------------------------------------------------------------------------- calendar


@pytest.mark.parametrize(
    ("as_of", "estimate", "finish"),
    [
        ("2025-01-31", "1 month", "2025-02-28"),
        ("2024-01-31", "1 month", "2024-02-29"),
        ("2025-03-01T22:00", "4 hours", "2025-03-02T02:00"),
        ("2025-12-25", "2 weeks", "2026-01-08"),
        ("2025-03-03", "P1W2D", "2025-03-12"),
    ],
)
def test_single_item_by_the_calendar(as_of: str, estimate: str, finish: str) -> None:
    result = remediation.evaluate(plan(phase("p", item("a", estimate=estimate))), as_of=as_of)
    assert window(result, "a") == (at(as_of), at(finish))
    assert result.schedule.finish == at(finish)
    assert result.schedule.critical_path == ("a",)
    work = result.schedule.phase("p")
    assert work is not None
    assert (work.start, work.finish) == (at(as_of), at(finish))


def test_as_of_with_a_time_zone_is_taken_on_that_zones_clock() -> None:
    as_of = dt.datetime(2025, 3, 1, 23, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    result = remediation.evaluate(plan(phase("p", item("a", estimate="4 hours"))), as_of=as_of)
    assert result.as_of == at("2025-03-01T23:00")
    assert window(result, "a") == (at("2025-03-01T23:00"), at("2025-03-02T03:00"))


@pytest.mark.parametrize(
    ("as_of", "overdue"),
    [
        ("2025-03-01T18:00-07:00", False),  # 01:00 UTC on March 2nd, but still March 1st there
        ("2025-03-01T23:59-07:00", False),
        ("2025-03-02T00:30-07:00", True),
        ("2025-03-02T00:30+00:00", True),
    ],
)
def test_a_due_day_is_the_local_day_of_the_evaluation(as_of: str, *, overdue: bool) -> None:
    due_today = plan(phase("p", item("a", estimate="1 hour", due="2025-03-01")))
    result = remediation.evaluate(due_today, as_of=as_of)
    assert bool(result.findings_with("overdue")) is overdue
    assert result.overdue == (("a",) if overdue else ())
    evaluator = remediation.Evaluator()  # the incremental path keeps the clock too
    evaluator.evaluate(due_today, as_of=as_of)
    variant = remediation.with_status(due_today, "a", "in progress")
    assert evaluator.evaluate(variant, as_of=as_of) == evaluate_in_full(variant, as_of=as_of)


def test_a_start_written_with_another_zone_is_brought_onto_the_evaluation_clock() -> None:
    started = Phase(
        id="p",
        title="P",
        items=(item("a", estimate="1 hour"),),
        start=dt.datetime(2025, 3, 1, 9, tzinfo=dt.UTC),
    )
    result = remediation.evaluate(plan(started), as_of="2025-03-01T00:00-07:00")
    assert window(result, "a") == (at("2025-03-01T02:00"), at("2025-03-01T03:00"))
    in_utc = remediation.evaluate(plan(started), as_of="2025-03-01")
    assert window(in_utc, "a") == (at("2025-03-01T09:00"), at("2025-03-01T10:00"))


def test_sequence_of_months_clips_each_month_end() -> None:
    result = remediation.evaluate(
        plan(
            phase(
                "p",
                item("a", estimate="1 month"),
                item("b", estimate="1 month", depends_on=["a"]),
            )
        ),
        as_of="2025-01-31",
    )
    assert window(result, "a") == (at("2025-01-31"), at("2025-02-28"))
    assert window(result, "b") == (at("2025-02-28"), at("2025-03-28"))
    assert result.schedule.critical_path == ("a", "b")


# --------------------------------------------------------------------------- dependencies


@pytest.mark.parametrize(
    ("b", "c", "slower", "d_start"),
    [
        ("1 week", "2 days", "b", "2025-03-12"),
        ("2 days", "1 week", "c", "2025-03-12"),
        ("3 days", "2 weeks", "c", "2025-03-19"),
    ],
)
def test_diamond_waits_for_the_slower_branch(b: str, c: str, slower: str, d_start: str) -> None:
    result = remediation.evaluate(diamond(b, c), as_of="2025-03-03")
    assert window(result, "a") == (at("2025-03-03"), at("2025-03-05"))
    assert window(result, "b")[0] == window(result, "c")[0] == at("2025-03-05")
    d_begin, d_end = window(result, "d")
    assert d_begin == at(d_start) == max(window(result, "b")[1], window(result, "c")[1])
    assert d_end == d_begin + dt.timedelta(days=1)
    assert result.schedule.critical_path == ("a", slower, "d")
    assert result.schedule.finish == d_end


def test_items_are_scheduled_in_dependency_order() -> None:
    result = remediation.evaluate(diamond("1 week", "2 days"), as_of="2025-03-03")
    order = [work.id for work in result.schedule.items]
    assert sorted(order) == ["a", "b", "c", "d"]
    assert order.index("a") < order.index("b") < order.index("d")
    assert order.index("a") < order.index("c") < order.index("d")


def test_items_without_estimate_take_the_phase_timebox() -> None:
    result = remediation.evaluate(
        plan(phase("p", item("a"), item("b", estimate="1 day"), timebox="2 weeks")),
        as_of="2025-03-03",
    )
    assert window(result, "a") == (at("2025-03-03"), at("2025-03-17"))
    assert window(result, "b") == (at("2025-03-03"), at("2025-03-04"))  # own estimate wins
    assert result.schedule.critical_path == ("a",)
    assert not result.findings_with("missing-estimate")


def test_item_without_estimate_or_timebox_is_unscheduled_and_reported() -> None:
    result = remediation.evaluate(plan(phase("p", item("a"))), as_of="2025-03-03")
    work = result.schedule.item("a")
    assert work is not None
    assert (work.start, work.finish) == (at("2025-03-03"), at("2025-03-03"))  # the earliest
    assert (work.estimated, work.scheduled) == (False, False)
    assert [f.ids for f in result.findings_with("missing-estimate")] == [("a",)]
    assert result.schedule.unscheduled == ("a",)
    assert result.schedule.coverage == 0.0


def test_a_plan_without_estimates_claims_no_finish_and_no_critical_path() -> None:
    result = remediation.evaluate(
        plan(phase("p", item("a"), item("b", depends_on=["a"]), item("c", due="2025-03-02"))),
        as_of="2025-03-03",
    )
    schedule = result.schedule
    assert (schedule.finish, schedule.critical_path) == (None, ())
    assert set(schedule.unscheduled) == {"a", "b", "c"}
    assert schedule.coverage == 0.0
    # Past due is a fact; projected late would be a guess.
    assert [f.ids for f in result.findings_with("overdue")] == [("c",)]
    assert not any(work.late for work in schedule.items)


def test_work_waiting_for_unscheduled_work_is_unscheduled_too() -> None:
    result = remediation.evaluate(
        plan(
            phase(
                "p",
                item("a"),
                item("b", estimate="1 week", depends_on=["a"], due="2025-03-04"),
                item("c", estimate="1 day"),
            )
        ),
        as_of="2025-03-03",
    )
    schedule = result.schedule
    assert schedule.unscheduled == ("a", "b")  # c waits for nothing unknown
    assert schedule.coverage == pytest.approx(1 / 3)
    assert schedule.finish is None
    b = schedule.item("b")
    assert b is not None
    assert (b.estimated, b.scheduled, b.late) == (True, False, False)  # not claimed late
    c = schedule.item("c")
    assert c is not None
    assert c.scheduled
    assert schedule.phase("p") is not None
    assert not schedule.phase("p").scheduled  # type: ignore[union-attr]


def test_a_phase_timebox_is_shared_by_its_items_not_charged_to_each() -> None:
    chained = plan(
        phase(
            "p",
            item("a"),
            item("b", depends_on=["a"]),
            item("c", depends_on=["b"]),
            item("d", depends_on=["c"]),
            timebox="1 week",
        )
    )
    result = remediation.evaluate(chained, as_of="2025-03-03")
    for each in "abcd":
        assert window(result, each) == (at("2025-03-03"), at("2025-03-10"))
    phase_work = result.schedule.phase("p")
    assert phase_work is not None
    assert phase_work.finish == at("2025-03-10")  # one week, not four
    assert result.schedule.finish == at("2025-03-10")
    assert result.schedule.unscheduled == ()


def test_an_item_with_its_own_estimate_waits_for_the_finish_of_timeboxed_work() -> None:
    result = remediation.evaluate(
        plan(
            phase(
                "p",
                item("a"),
                item("b", estimate="2 days", depends_on=["a"]),
                item("c", depends_on=["b"]),
                timebox="1 week",
            )
        ),
        as_of="2025-03-03",
    )
    assert window(result, "a") == (at("2025-03-03"), at("2025-03-10"))
    assert window(result, "b") == (at("2025-03-10"), at("2025-03-12"))
    # c waits for b's finish: b has its own estimate and does not share the timebox.
    assert window(result, "c") == (at("2025-03-12"), at("2025-03-19"))
    assert result.schedule.critical_path == ("a", "b", "c")


def test_timeboxed_work_of_another_phase_is_waited_for_to_its_finish() -> None:
    result = remediation.evaluate(
        plan(
            phase("p", item("a"), timebox="1 week"),
            phase("q", item("b", depends_on=["a"]), timebox="1 week"),
        ),
        as_of="2025-03-03",
    )
    assert window(result, "b") == (at("2025-03-10"), at("2025-03-17"))


def test_resolving_the_only_unscheduled_item_brings_the_finish_back() -> None:
    source = plan(phase("p", item("a"), item("b", estimate="1 week")))
    evaluator = remediation.Evaluator()
    before = evaluator.evaluate(source, as_of="2025-03-03")
    assert before.schedule.finish is None
    variant = remediation.with_status(source, "a", "done")
    after = evaluator.evaluate(variant, as_of="2025-03-03")
    assert after == evaluate_in_full(variant, as_of="2025-03-03")
    assert (after.schedule.finish, after.schedule.critical_path) == (at("2025-03-10"), ("b",))
    assert after.schedule.coverage == 1.0


def test_done_items_take_no_time_and_do_not_delay_dependents() -> None:
    result = remediation.evaluate(
        plan(
            phase(
                "p",
                item("a", "✅ RESOLVED", estimate="1 month"),
                item("b", estimate="1 week", depends_on=["a"]),
            )
        ),
        as_of="2025-03-03",
    )
    assert result.schedule.item("a") is None
    assert window(result, "b") == (at("2025-03-03"), at("2025-03-10"))
    assert result.schedule.critical_path == ("b",)
    assert result.blocked == ()
    assert result.actionable == ("b",)


def test_closed_without_fix_is_not_scheduled_and_a_dependent_that_can_do_without_starts() -> None:
    result = remediation.evaluate(
        plan(
            phase(
                "p",
                item("a", "won't fix", estimate="1 month"),
                item("b", estimate="1 week", depends_on=["a"], proceeds_without=["a"]),
            )
        ),
        as_of="2025-03-03",
    )
    assert result.schedule.item("a") is None
    assert window(result, "b") == (at("2025-03-03"), at("2025-03-10"))
    assert result.item("b").blocked_by == ()


def test_open_dependency_blocks() -> None:
    result = remediation.evaluate(diamond("1 week", "2 days"), as_of="2025-03-03")
    assert result.actionable == ("a",)
    assert result.blocked == ("b", "c", "d")
    assert result.item("d").blocked_by == ("b", "c")


# --------------------------------------------------------------------------- phases


def two_phases(first_items: Sequence[WorkItem]) -> Assessment:
    return plan(
        phase("phase-1", *first_items, timebox="4 hours"),
        phase("phase-2", item("c", estimate="1 week"), depends_on=["phase-1"]),
    )


def test_dependent_phase_starts_after_the_open_work_of_its_prerequisite() -> None:
    result = remediation.evaluate(
        two_phases([item("a", estimate="2 days"), item("b", "done")]), as_of="2025-03-03"
    )
    assert window(result, "a") == (at("2025-03-03"), at("2025-03-05"))
    assert window(result, "c") == (at("2025-03-05"), at("2025-03-12"))
    first, second = result.schedule.phase("phase-1"), result.schedule.phase("phase-2")
    assert first is not None
    assert second is not None
    assert (first.start, first.finish) == (at("2025-03-03"), at("2025-03-05"))
    assert (second.start, second.finish) == (at("2025-03-05"), at("2025-03-12"))
    assert result.schedule.critical_path == ("a", "c")


def test_dependent_phase_is_blocked_until_its_prerequisite_is_complete() -> None:
    result = remediation.evaluate(
        two_phases([item("a", "partial", estimate="2 days"), item("b", "done")]),
        as_of="2025-03-03",
    )
    assert result.phase("phase-1").complete is False
    assert result.item("c").blocked_by == ("phase-1",)
    assert result.blocked == ("c",)
    assert result.actionable == ("a",)


def test_dependent_phase_is_free_once_its_prerequisite_is_complete() -> None:
    result = remediation.evaluate(
        two_phases([item("a", "done", estimate="2 days"), item("b", "done")]),
        as_of="2025-03-03",
    )
    assert result.phase("phase-1").complete is True
    assert result.schedule.phase("phase-1") is None  # nothing open
    assert window(result, "c") == (at("2025-03-03"), at("2025-03-10"))
    assert result.item("c").blocked_by == ()
    assert result.actionable == ("c",)


def started_phase(start: str) -> Assessment:
    return plan(
        Phase(
            id="p",
            title="P",
            items=[item("a", estimate="1 day")],
            timebox=parse_duration("4 hours"),
            start=at(start),
        )
    )


def test_work_waits_for_a_phase_that_starts_later() -> None:
    result = remediation.evaluate(started_phase("2025-03-10"), as_of="2025-03-03")
    assert window(result, "a") == (at("2025-03-10"), at("2025-03-11"))
    assert result.overdue == ()


def test_phase_past_its_timebox_is_overdue() -> None:
    result = remediation.evaluate(started_phase("2025-03-01"), as_of="2025-03-03")
    assert window(result, "a") == (at("2025-03-03"), at("2025-03-04"))
    assert result.overdue == ("p",)
    [finding] = result.findings_with("overdue")
    assert finding.ids == ("p",)
    assert "timebox over" in finding.message


# --------------------------------------------------------------------------- dates


def dated_plan() -> Assessment:
    return plan(
        phase(
            "p",
            item("overdue", estimate="2 days", due="2025-03-01"),
            item("late", estimate="1 week", due="2025-03-05"),
            item("on-time", estimate="1 day", due="2025-03-10"),
        )
    )


def test_overdue_items() -> None:
    result = remediation.evaluate(dated_plan(), as_of="2025-03-03")
    assert result.overdue == ("overdue",)
    overdue = result.schedule.item("overdue")
    assert overdue is not None
    assert (overdue.overdue, overdue.due) == (True, dt.date(2025, 3, 1))
    [finding] = result.findings_with("overdue")
    assert finding.ids == ("overdue",)
    assert "2025-03-01" in finding.message


def test_projected_late_items() -> None:
    result = remediation.evaluate(dated_plan(), as_of="2025-03-03")
    late = result.schedule.item("late")
    assert late is not None
    assert (late.late, late.overdue, late.finish) == (True, False, at("2025-03-10"))
    # an overdue item is reported as overdue only, not twice
    [finding] = result.findings_with("projected-late")
    assert finding.ids == ("late",)
    assert "2025-03-05" in finding.message
    assert "2025-03-10" in finding.message
    on_time = result.schedule.item("on-time")
    assert on_time is not None
    assert (on_time.late, on_time.overdue) == (False, False)


def test_due_today_is_not_overdue() -> None:
    result = remediation.evaluate(
        plan(phase("p", item("a", estimate="4 hours", due="2025-03-03"))),
        as_of="2025-03-03T09:00",
    )
    work = result.schedule.item("a")
    assert work is not None
    assert (work.overdue, work.late, work.finish) == (False, False, at("2025-03-03T13:00"))
    assert result.overdue == ()


def test_finishing_after_midnight_past_the_due_date_is_late() -> None:
    result = remediation.evaluate(
        plan(phase("p", item("a", estimate="4 hours", due="2025-03-01"))),
        as_of="2025-03-01T22:00",
    )
    work = result.schedule.item("a")
    assert work is not None
    assert (work.overdue, work.late, work.finish) == (False, True, at("2025-03-02T02:00"))


def test_finishing_at_the_end_of_the_due_date_is_on_time() -> None:
    # One day of work started at the first moment of its due date ends with that day.
    result = remediation.evaluate(
        plan(phase("p", item("a", estimate="1 day", due="2025-03-03"))),
        as_of="2025-03-03",
    )
    work = result.schedule.item("a")
    assert work is not None
    assert work.finish == at("2025-03-04T00:00")
    assert work.late is False
    assert result.findings_with("projected-late") == ()


def test_done_items_are_never_overdue() -> None:
    result = remediation.evaluate(
        plan(phase("p", item("a", "done", estimate="1 day", due="2025-01-01"))),
        as_of="2025-03-03",
    )
    assert result.overdue == ()
    assert result.findings_with("overdue") == ()


def test_nothing_open_means_no_finish() -> None:
    result = remediation.evaluate(plan(phase("p", item("a", "done"))), as_of="2025-03-03")
    assert result.schedule.items == ()
    assert result.schedule.finish is None
    assert result.schedule.critical_path == ()


# --------------------------------------------------------------------------- cycles


def test_cycle_is_a_validation_error_naming_the_cycle() -> None:
    cyclic = plan(
        phase(
            "p",
            item("a", depends_on=["c"]),
            item("b", depends_on=["a"]),
            item("c", depends_on=["b"]),
            item("d", depends_on=["a"]),  # depends on the cycle, is not on it
            item("e"),
        )
    )
    with pytest.raises(PlanValidationError) as info:
        remediation.evaluate(cyclic, as_of="2025-03-03")
    [error] = info.value.errors
    assert isinstance(error, DependencyCycleError)
    assert error.code == "dependency-cycle"
    assert set(error.cycle) == {"a", "b", "c"}
    assert len(error.cycle) == 3
    # in order: each depends on the one after it, the last on the first
    rotated = error.cycle[error.cycle.index("a") :] + error.cycle[: error.cycle.index("a")]
    assert rotated == ("a", "c", "b")


def test_self_dependency_is_a_cycle() -> None:
    with pytest.raises(PlanValidationError) as info:
        remediation.evaluate(plan(phase("p", item("a", depends_on=["a"]))))
    [error] = info.value.errors
    assert isinstance(error, DependencyCycleError)
    assert error.cycle == ("a",)


def test_a_schedule_past_year_9999_ends_at_the_last_moment() -> None:
    work = WorkItem(
        id="i",
        title="I",
        status=Status.parse("open"),
        estimate=Duration(years=1),
        due=dt.date(9999, 12, 2),
    )
    late_plan = Assessment(
        id="a",
        issue="#1",
        title="T",
        date=dt.date(9999, 12, 1),
        phases=[Phase(id="p", title="P", items=[work])],
    )
    result = remediation.evaluate(late_plan)
    assert result.schedule.finish == dt.datetime.max
    # the end of the calendar is shown, and said: a finding, not a silent clamp
    assert [f.code for f in result.findings] == [
        FindingCode.PROJECTED_LATE,
        FindingCode.SCHEDULE_BEYOND_CALENDAR,
        FindingCode.SCHEDULE_BEYOND_CALENDAR,
    ]


@pytest.mark.parametrize("estimate", ["PT99999999999H", "P999999999W", "P3000000D"])
def test_an_estimate_too_long_for_a_timedelta_ends_at_the_last_moment(estimate: str) -> None:
    work = WorkItem(
        id="i", title="I", status=Status.parse("open"), estimate=Duration.parse(estimate)
    )
    plan = Assessment(
        id="a",
        issue="#1",
        title="T",
        date=dt.date(2025, 1, 1),
        phases=[Phase(id="p", title="P", items=[work])],
    )
    result = remediation.evaluate(plan)
    assert result.schedule.finish == dt.datetime.max
    assert result == evaluate_in_full(plan)
