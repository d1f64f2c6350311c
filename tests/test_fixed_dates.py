"""Work on fixed dates: a freeze until a day, a meeting on a day."""

from __future__ import annotations

import datetime as dt

import pytest

import remediation
from remediation.exceptions import PlanValidationError

HEADER = "schema_version: 2\nid: plan\ntitle: Plan\ndate: 2015-11-02\n"


def plan(items: str, *, phase: str = "") -> remediation.Assessment:
    text = (
        HEADER
        + f"phases:\n  - id: p\n    title: P\n{phase}    items:\n"
        + "".join(f"      - {item}\n" for item in items.splitlines())
    )
    return remediation.loads(text, "yaml")


def test_a_freeze_until_a_day_runs_from_now_to_the_end_of_that_day() -> None:
    loaded = plan(
        "{id: freeze, title: Freeze, status: open, fixed: {end: 2015-11-20}}\n"
        "{id: deploy, title: Deploy, status: open, estimate: 1 day, depends_on: [freeze]}"
    )
    result = remediation.evaluate(loaded)
    freeze, deploy = result.schedule.item("freeze"), result.schedule.item("deploy")
    assert freeze is not None
    assert deploy is not None
    assert (freeze.start, freeze.finish) == (dt.datetime(2015, 11, 2), dt.datetime(2015, 11, 21))
    assert freeze.fixed
    assert freeze.scheduled
    assert freeze.estimated
    assert deploy.start == dt.datetime(2015, 11, 21)  # dependants wait for the fixed end
    assert result.schedule.finish == dt.datetime(2015, 11, 22)
    assert result.schedule.critical_path == ("freeze", "deploy")
    assert result.findings_with("missing-estimate") == ()


def test_a_meeting_on_a_day_takes_that_day_whatever_it_waits_for() -> None:
    loaded = plan(
        "{id: prep, title: Prep, status: open, estimate: 1 day}\n"
        "{id: review, title: Review, status: open, depends_on: [prep],"
        " fixed: {start: 2015-11-10}}"
    )
    result = remediation.evaluate(loaded)
    review = result.schedule.item("review")
    assert review is not None
    assert (review.start, review.finish) == (dt.datetime(2015, 11, 10), dt.datetime(2015, 11, 11))
    assert review.blocked_by == ()
    assert result.findings_with("fixed-date-blocked") == ()


def test_a_fixed_start_with_an_estimate_takes_the_estimate_from_that_start() -> None:
    loaded = plan(
        "{id: window, title: Window, status: open, estimate: 2 days,"
        " fixed: {start: '2015-11-10 22:00'}}"
    )
    work = remediation.evaluate(loaded).schedule.item("window")
    assert work is not None
    assert (work.start, work.finish) == (
        dt.datetime(2015, 11, 10, 22),
        dt.datetime(2015, 11, 12, 22),
    )


def test_work_that_cannot_finish_before_a_fixed_start_is_a_finding() -> None:
    loaded = plan(
        "{id: prep, title: Prep, status: open, estimate: 2 weeks}\n"
        "{id: other, title: Other, status: open, estimate: 1 day}\n"
        "{id: review, title: Review, status: open, depends_on: [prep, other],"
        " fixed: {start: 2015-11-10}}"
    )
    result = remediation.evaluate(loaded)
    review = result.schedule.item("review")
    assert review is not None
    assert review.blocked_by == ("prep",)
    assert review.start == dt.datetime(2015, 11, 10)  # it does not move
    (finding,) = result.findings_with("fixed-date-blocked")
    assert finding.ids == ("review", "prep")
    assert finding.message == (
        "'review' is fixed to start 2015-11-10, but 'prep' it waits for is projected to "
        "finish 2015-11-16"
    )


def test_a_partial_fixed_start_is_blocked_only_past_its_last_day() -> None:
    loaded = plan(
        "{id: prep, title: Prep, status: open, estimate: 2 weeks}\n"
        "{id: review, title: Review, status: open, depends_on: [prep],"
        " fixed: {start: 2015-11}}"
    )
    result = remediation.evaluate(loaded)
    review = result.schedule.item("review")
    assert review is not None
    assert review.blocked_by == ()  # prep finishes November 16th: within November
    assert (review.start, review.finish) == (dt.datetime(2015, 11, 1), dt.datetime(2015, 12, 1))


def test_fixed_dates_round_trip_as_written() -> None:
    loaded = plan(
        "{id: freeze, title: Freeze, status: open, fixed: {start: 2015-11, end: 2015-11-20}}"
    )
    (item,) = loaded.phases[0].items
    assert item.fixed == remediation.FixedDates(
        start=remediation.parse_moment("2015-11"), end=dt.date(2015, 11, 20)
    )
    assert remediation.loads(remediation.dumps(loaded, "yaml"), "yaml") == loaded


@pytest.mark.parametrize(
    ("fixed", "path", "words"),
    [
        ("{}", "$.phases[0].items[0].fixed.start", "expected a start, an end or both"),
        (
            "{start: 2015-11-20, end: 2015-11-10}",
            "$.phases[0].items[0].fixed.end",
            "expected an end not before the start",
        ),
    ],
)
def test_fixed_dates_that_say_nothing_or_end_before_they_start_are_refused(
    fixed: str, path: str, words: str
) -> None:
    with pytest.raises(PlanValidationError) as raised:
        plan(f"{{id: a, title: A, fixed: {fixed}}}")
    (problem,) = raised.value.errors
    assert problem.path == path
    assert words in str(problem)


def test_a_what_if_on_work_before_a_fixed_date_equals_a_fresh_evaluation() -> None:
    text = (
        HEADER + "phases:\n  - id: p\n    title: P\n    items:\n"
        "      - {id: prep, title: Prep, status: open, estimate: 2 days}\n"
        "      - {id: review, title: Review, status: open, depends_on: [prep],"
        " fixed: {start: 2015-11-10}}\n"
        "      - {id: after, title: After, status: open, estimate: 1 day, depends_on: [review]}\n"
    )
    evaluator = remediation.Evaluator()
    evaluator.evaluate(remediation.loads(text, "yaml"))
    slower = remediation.loads(text.replace("estimate: 2 days", "estimate: 3 weeks"), "yaml")
    result = evaluator.evaluate(slower)
    assert result == remediation.evaluate(slower)
    assert [f.ids for f in result.findings_with("fixed-date-blocked")] == [("review", "prep")]
    after = result.schedule.item("after")
    assert after is not None
    assert after.start == dt.datetime(2015, 11, 11)  # the review's day is over, whatever prep does
