"""Due dates, phase starts, risk deadlines and document dates at their real precision."""

from __future__ import annotations

import datetime as dt

import pytest

import remediation
from remediation import Deadline, Moment, parse_moment
from remediation.exceptions import PlanValidationError
from remediation.model.deadline import as_moment, certainly_after

HEADER = "schema_version: 2\nid: plan\ntitle: Plan\ndate: {date}\n"


def plan(items: str, *, date: str = "2024-03-15", phase: str = "") -> remediation.Assessment:
    text = (
        HEADER.format(date=date)
        + f"phases:\n  - id: p\n    title: P\n{phase}    items:\n"
        + "".join(f"      - {item}\n" for item in items.splitlines())
    )
    return remediation.loads(text, "yaml")


# --------------------------------------------------------------------------- reading and writing


@pytest.mark.parametrize(
    "written",
    [
        "2024-03",
        "2024",
        "2023-MM-DD",
        "2024-03-DD",
        "early March 2024",
        "~2024-03-15 14:00",
        "2024-03-15 ± 17:20 UTC",
        "2024-03-15T17:20+02:00",
        "2024-03-15 17:20 UTC",
    ],
)
def test_a_due_date_at_any_precision_is_kept_as_written(written: str) -> None:
    loaded = plan(f"{{id: a, title: A, status: open, due: '{written}'}}")
    (item,) = loaded.phases[0].items
    assert isinstance(item.due, Moment)
    assert item.due.text == written
    again = remediation.loads(remediation.dumps(loaded, "yaml"), "yaml")
    assert again == loaded
    assert f"'{written}'" in remediation.dumps(loaded, "yaml") or written in remediation.dumps(
        loaded, "yaml"
    )


def test_a_plain_day_stays_a_date_and_compares_as_before() -> None:
    (item,) = plan("{id: a, title: A, status: open, due: 2024-03-01}").phases[0].items
    assert item.due == dt.date(2024, 3, 1)
    assert isinstance(item.due, dt.date)
    assert item.due < dt.date(2024, 3, 2)


def test_phase_start_risk_deadline_and_document_date_take_moments() -> None:
    text = (
        HEADER.format(date="2024-03")
        + "phases:\n  - id: p\n    title: P\n    start: 2024-02\n    due: mid March 2024\n"
        "    items:\n      - {id: a, title: A, status: open}\n"
        "risks:\n  - {id: r, statement: R, deadline: 2024-Q1, remediated_by: [a]}\n"
    )
    with pytest.raises(PlanValidationError) as raised:
        remediation.loads(text, "yaml")
    ((problem),) = raised.value.errors
    assert problem.path == "$.risks[0].deadline"
    assert problem.code == "malformed-date"
    loaded = remediation.loads(text.replace("2024-Q1", "2024-04"), "yaml")
    assert str(loaded.date) == "2024-03"
    assert str(loaded.phases[0].start) == "2024-02"
    assert str(loaded.phases[0].due) == "mid March 2024"
    assert str(loaded.risks[0].deadline) == "2024-04"


def test_a_day_that_does_not_exist_is_named_with_its_path() -> None:
    with pytest.raises(PlanValidationError) as raised:
        plan("{id: a, title: A, due: 2024-02-30 10:00}")
    ((problem),) = raised.value.errors
    assert problem.path == "$.phases[0].items[0].due"
    assert "no such day" in str(problem)


# --------------------------------------------------------------------------- deadlines


def test_a_deadline_is_the_end_of_the_last_day_it_can_mean() -> None:
    month = Deadline.of(parse_moment("2024-03"))
    assert month.earliest == dt.datetime(2024, 3, 2)
    assert month.latest == dt.datetime(2024, 4, 1)
    day = Deadline.of(dt.date(2024, 3, 1))
    assert day.earliest == day.latest == dt.datetime(2024, 3, 2)
    timed = Deadline.of(parse_moment("2024-03-01 17:00"))
    assert (timed.earliest, timed.latest) == (
        dt.datetime(2024, 3, 1, 17),
        dt.datetime(2024, 3, 1, 17, 1),
    )


def test_a_zoned_deadline_is_brought_to_the_evaluation_clock() -> None:
    due = parse_moment("2024-03-01T17:00+02:00")  # 15:00 UTC, 08:00 at UTC-7
    zone = dt.timezone(dt.timedelta(hours=-7))
    assert Deadline.of(due, zone).earliest == dt.datetime(2024, 3, 1, 8)
    assert Deadline.of(due).earliest == dt.datetime(2024, 3, 1, 15)


def test_certainly_after_honours_both_intervals() -> None:
    assert certainly_after(dt.date(2024, 4, 1), parse_moment("2024-03"))
    assert not certainly_after(parse_moment("2024-03"), dt.date(2024, 3, 1))
    assert not certainly_after(parse_moment("late March 2024"), dt.date(2024, 3, 25))
    assert as_moment(dt.date(2024, 3, 1)).text == "2024-03-01"


# --------------------------------------------------------------------------- overdue and late


def test_a_partial_due_date_is_not_overdue_within_its_month() -> None:
    loaded = plan("{id: a, title: A, status: open, due: 2024-03}")
    assert remediation.evaluate(loaded, as_of="2024-03-15").overdue == ()
    assert remediation.evaluate(loaded, as_of="2024-03-31T23:59").overdue == ()
    late = remediation.evaluate(loaded, as_of="2024-04-01")
    assert late.overdue == ("a",)
    (finding,) = late.findings_with("overdue")
    assert "(2024-03)" in finding.message


def test_an_approximate_due_date_is_overdue_only_after_its_window() -> None:
    loaded = plan("{id: a, title: A, status: open, due: early March 2024}")
    assert remediation.evaluate(loaded, as_of="2024-03-10").overdue == ()
    assert remediation.evaluate(loaded, as_of="2024-03-11").overdue == ("a",)


def test_a_due_time_is_overdue_once_that_time_has_passed() -> None:
    loaded = plan("{id: a, title: A, status: open, due: '2024-03-15 12:00'}")
    assert remediation.evaluate(loaded, as_of="2024-03-15T11:00").overdue == ()
    assert remediation.evaluate(loaded, as_of="2024-03-15T13:00").overdue == ("a",)


def test_a_zoned_due_time_is_compared_on_the_evaluation_clock() -> None:
    # Due 12:00 UTC is 05:00 at UTC-7: at 06:00 there it has passed, at 04:00 not yet.
    loaded = plan("{id: a, title: A, status: open, due: '2024-03-15 12:00 UTC'}")
    assert remediation.evaluate(loaded, as_of="2024-03-15T04:00-07:00").overdue == ()
    assert remediation.evaluate(loaded, as_of="2024-03-15T06:00-07:00").overdue == ("a",)


def test_the_schedule_says_when_lateness_against_a_partial_due_date_is_undecidable() -> None:
    loaded = plan(
        "{id: a, title: A, status: open, estimate: 2 weeks, due: 2024-03}\n"
        "{id: b, title: B, status: open, estimate: 1 day, due: 2024-03}\n"
        "{id: c, title: C, status: open, estimate: 5 weeks, due: 2024-03}"
    )
    result = remediation.evaluate(loaded, as_of="2024-03-01")
    a, b, c = (result.schedule.item(i) for i in "abc")
    assert a is not None
    assert b is not None
    assert c is not None
    assert a.late is None  # finishes 2024-03-15: on time if due at the end of March, not before
    assert b.late is False  # finishes within the first day it can mean
    assert c.late is True  # finishes 2024-04-05, after every day of March
    assert [f.ids for f in result.findings_with("projected-late")] == [("c",)]


def test_work_finishing_after_the_last_day_a_partial_due_date_means_is_late() -> None:
    loaded = plan("{id: a, title: A, status: open, estimate: 6 weeks, due: 2024-03}")
    result = remediation.evaluate(loaded, as_of="2024-03-01")
    work = result.schedule.item("a")
    assert work is not None
    assert work.late is True
    (finding,) = result.findings_with("projected-late")
    assert finding.message == "'a' is due 2024-03 but projected to finish 2024-04-12"


def test_a_phase_due_on_a_partial_date_is_judged_on_its_interval() -> None:
    loaded = plan("{id: a, title: A, status: open, estimate: 1 week}", phase="    due: 2024-03\n")
    assert remediation.evaluate(loaded, as_of="2024-03-20").overdue == ()
    assert remediation.evaluate(loaded, as_of="2024-04-02").overdue == ("p",)


def test_a_timebox_from_a_partial_start_is_over_only_from_its_latest_start() -> None:
    loaded = plan(
        "{id: a, title: A, status: open}", phase="    start: 2024-02\n    timebox: 2 weeks\n"
    )
    # Started some day in February: two weeks from February 29 end on March 14.
    assert remediation.evaluate(loaded, as_of="2024-03-10").overdue == ()
    assert remediation.evaluate(loaded, as_of="2024-03-15").overdue == ("p",)


# --------------------------------------------------------------------------- other consumers


def test_a_document_dated_by_month_is_evaluated_from_the_first_instant_it_can_mean() -> None:
    loaded = plan("{id: a, title: A, status: open, due: 2024-03-10}", date="2024-03")
    result = remediation.evaluate(loaded)
    assert result.as_of == dt.datetime(2024, 3, 1)
    assert result.overdue == ()


def test_a_document_dated_with_a_time_and_zone_is_evaluated_on_its_clock() -> None:
    # 18:00 at UTC-7 is the next day in UTC; the item due that local day is not overdue.
    loaded = plan("{id: a, title: A, status: open, due: 2024-03-15}", date="2024-03-15T18:00-07:00")
    result = remediation.evaluate(loaded)
    assert result.as_of == dt.datetime(2024, 3, 15, 18)
    assert result.overdue == ()


def test_a_risk_deadline_at_month_precision_flags_only_work_certainly_after_it() -> None:
    text = (
        HEADER.format(date="2024-03-01") + "phases:\n  - id: p\n    title: P\n    items:\n"
        "      - {id: a, title: A, status: open, due: 2024-03-20}\n"
        "      - {id: b, title: B, status: open, due: 2024-04-02}\n"
        "risks:\n  - {id: r, statement: R, deadline: 2024-03, remediated_by: [a, b]}\n"
    )
    result = remediation.evaluate(remediation.loads(text, "yaml"))
    (risk,) = result.risks
    assert risk.late_remediation == ("b",)
    assert not risk.past_deadline
    later = remediation.evaluate(remediation.loads(text, "yaml"), as_of="2024-04-01")
    assert later.risks[0].past_deadline


def test_work_due_in_the_milestone_month_is_not_certainly_after_it() -> None:
    text = (
        HEADER.format(date="2024-03-01") + "milestones:\n  - {id: m, name: M, due: 2024-04-01}\n"
        "phases:\n  - id: p\n    title: P\n    items:\n"
        "      - {id: a, title: A, status: open, due: 2024-04, milestone: m}\n"
        "      - {id: b, title: B, status: open, due: 2024-05, milestone: m}\n"
    )
    result = remediation.evaluate(remediation.loads(text, "yaml"))
    found = result.findings_with("due-after-milestone")
    assert [f.ids for f in found] == [("b", "m")]
    assert "is due 2024-05," in found[0].message


def test_reports_write_the_due_date_as_the_author_did() -> None:
    loaded = plan(
        "{id: a, title: A, status: open, estimate: 2 weeks, due: early March 2024}",
        phase="    start: 2024-02\n    due: 2024-MM-DD\n",
    )
    result = remediation.evaluate(loaded)
    markdown = remediation.render_markdown(loaded, result)
    assert "early March 2024" in markdown
    assert "2024-MM-DD" in markdown
    assert "2024-02" in markdown
    html = remediation.render_html(loaded, result)
    assert "early March 2024" in html
    assert "2024-MM-DD" in html


def test_a_due_date_made_more_precise_is_no_slip_of_a_known_number_of_days() -> None:
    old = plan("{id: a, title: A, status: open, due: 2024-03}")
    new = plan("{id: a, title: A, status: open, due: 2024-03-20}")
    (change,) = remediation.diff(old, new).dates
    assert (str(change.old), str(change.new)) == ("2024-03", "2024-03-20")
    assert change.days is None
    assert not change.slip
    later = plan("{id: a, title: A, status: open, due: 2024-05}")
    (moved,) = remediation.diff(old, later).dates
    assert moved.days == 61
    assert moved.slip


# --------------------------------------------------------------------------- what holds "until"

_UNTIL = (
    HEADER
    + "phases:\n  - id: p\n    title: P\n    items:\n"
    + "      - id: a\n        title: A\n        status: accepted\n"
    + "        closure: {{justification: low impact, decided_on: '2024-02', until: '{until}'}}\n"
    + "risks:\n  - id: r\n    statement: R\n    status: accepted\n"
    + "    acceptances: [{{approver: ciso, date: early February 2024, expires: '{until}'}}]\n"
    + "    log: [{{date: mid February 2024, text: accepted}}]\n"
    + "policy:\n  suppressions:\n    - {{code: missing-estimate, justification: later,"
    + " author: kim, expires: '{until}'}}\n"
)


def _until(until: str, day: str) -> remediation.Evaluation:
    return remediation.evaluate(remediation.loads(_UNTIL.format(date=day, until=until), "yaml"))


def _expired_codes(result: remediation.Evaluation) -> set[str]:
    expiring = {"closure-expired", "risk-acceptance-expired", "suppression-expired"}
    return {f.code for f in result.findings if f.code in expiring}


def test_what_holds_until_a_month_holds_to_its_last_day() -> None:
    assert _expired_codes(_until("2024-03", "2024-03-31")) == set()
    assert _expired_codes(_until("2024-03", "2024-04-01")) == {
        "closure-expired",
        "risk-acceptance-expired",
        "suppression-expired",
    }
    # A day holds through that day, as before.
    assert _expired_codes(_until("2024-03-15", "2024-03-15")) == set()
    assert len(_expired_codes(_until("2024-03-15", "2024-03-16"))) == 3


def test_dates_of_decisions_and_logs_keep_what_the_author_wrote() -> None:
    text = _UNTIL.format(date="2024-03-15", until="late March 2024")
    plan_ = remediation.loads(text, "yaml")
    risk = plan_.risks[0]
    assert (str(risk.acceptances[0].date), str(risk.log[0].date)) == (
        "early February 2024",
        "mid February 2024",
    )
    assert str(plan_.items[0].closure.until) == "late March 2024"  # type: ignore[union-attr]
    assert remediation.loads(remediation.dumps(plan_, "yaml"), "yaml") == plan_


@pytest.mark.parametrize(
    ("measured_at", "after"),
    [
        ("2024-03", False),
        ("early March 2024", False),
        ("late March 2024", True),
        ("2024-04", True),
        ("2024-03-10 12:00 UTC", False),
    ],
)
def test_a_measurement_dated_at_its_precision_is_after_the_document_only_when_certainly(
    measured_at: str, after: bool
) -> None:
    text = (
        HEADER.format(date="2024-03-15")
        + "evidence:\n  - {kind: measurement, id: m, metric: latency, value: 240, unit: ms,"
        + f" measured_at: '{measured_at}'}}\n"
    )
    plan_ = remediation.loads(text, "yaml")
    assert str(plan_.evidence[0].measured_at) == measured_at  # type: ignore[union-attr]
    assert remediation.loads(remediation.dumps(plan_), "json") == plan_
    found = remediation.evaluate(plan_).findings_with("measurement-after-date")
    assert bool(found) is after


# --------------------------------------------------------------------------- series points

_SERIES = (
    HEADER
    + "evidence:\n  - kind: series\n    id: s\n    metric: users restored\n    unit: '%'\n"
    + "    cumulative: true\n    points:\n{points}"
)


def _series(*points: tuple[str, str]) -> remediation.Assessment:
    listed = "".join(f"      - {{at: '{at}', value: '{value}'}}\n" for at, value in points)
    return remediation.loads(_SERIES.format(date="2024-03-31", points=listed), "yaml")


def test_a_series_with_a_point_at_a_lower_precision_has_no_trend_and_keeps_its_text() -> None:
    from remediation.evaluation.series import evaluate_series  # noqa: PLC0415

    precise = _series(("2024-03-01 12:00 UTC", "10%"), ("2024-03-02 12:00 UTC", "20%"))
    assert evaluate_series(precise.evidence[0]).trend is not None  # type: ignore[arg-type]
    loose = _series(("early March 2024", "10%"), ("2024-03-20 12:00 UTC", "20%"))
    result = evaluate_series(loose.evidence[0])  # type: ignore[arg-type]
    assert (result.trend, result.latest, result.change) == (None, 20.0, 10.0)
    assert str(loose.evidence[0].points[0].at) == "early March 2024"  # type: ignore[union-attr]
    assert remediation.loads(remediation.dumps(loose), "json") == loose


def test_a_step_of_a_series_is_judged_only_when_its_order_is_known() -> None:
    overlapping = _series(("2024-03", "30%"), ("2024-03-20 12:00 UTC", "20%"))
    assert remediation.evaluate(overlapping).findings_with("series-wrong-direction") == ()
    ordered = _series(("early March 2024", "30%"), ("2024-03-20 12:00 UTC", "20%"))
    (found,) = remediation.evaluate(ordered).findings_with("series-wrong-direction")
    assert "30% at early March 2024" in found.message


def test_a_series_point_is_after_the_document_only_when_certainly() -> None:
    plan_ = _series(("2024-03-30 12:00 UTC", "10%"), ("2024-04", "20%"))
    (found,) = remediation.evaluate(plan_).findings_with("measurement-after-date")
    assert "20% at 2024-04" in found.message
    unsure = _series(("2024-03-30 12:00 UTC", "10%"), ("2024-03", "20%"))
    assert remediation.evaluate(unsure).findings_with("measurement-after-date") == ()
