"""Stated windows against the events of the timeline that began and ended them."""

from __future__ import annotations

import pytest

import remediation
from remediation.exceptions import PlanValidationError

HEADER = (
    "schema_version: 2\nid: pm\ntitle: Postmortem\ndate: 2022-06-03\n"
    "timeline:\n"
    "  - {id: start, at: '2022-06-02 10:00 UTC', what: problem starts, kind: impact}\n"
    "  - {id: gone, at: '2022-06-02 21:24 UTC', what: issue goes away, kind: recovery}\n"
    "windows:\n"
)


def findings(window: str) -> list[remediation.Finding]:
    plan = remediation.loads(HEADER + f"  - {window}\n", "yaml")
    return list(remediation.evaluate(plan).findings_with("window-events-mismatch"))


def test_about_nine_hours_disagrees_with_events_eleven_hours_apart() -> None:
    (finding,) = findings(
        "{id: w, name: impact, duration: 9 hours, approximate: true,"
        " start_event: start, end_event: gone, text: lasted approximately nine hours}"
    )
    assert finding.ids == ("w", "start", "gone")
    assert "are 11 h 24 min apart" in finding.message
    assert "about 9 hours" in finding.message


@pytest.mark.parametrize(
    ("duration", "approximate"),
    [
        ("11 hours", "true"),  # 11 h ± 10 % reaches 11 h 24 min
        ("684 minutes", "false"),  # exactly 11 h 24 min
    ],
)
def test_a_duration_the_events_allow_agrees(duration: str, approximate: str) -> None:
    window = (
        f"{{id: w, name: impact, duration: {duration}, approximate: {approximate},"
        " start_event: start, end_event: gone}"
    )
    assert findings(window) == []


def test_an_exact_duration_one_minute_off_disagrees() -> None:
    (finding,) = findings(
        "{id: w, name: impact, duration: 683 minutes, start_event: start, end_event: gone}"
    )
    assert "is said to last 683 minutes" in finding.message


def test_stated_bounds_are_checked_against_their_events_at_their_precision() -> None:
    assert (
        findings("{id: w, name: impact, start: '2022-06-02 ~10:05 UTC', start_event: start}") == []
    )
    (finding,) = findings("{id: w, name: impact, end: '2022-06-02 23:30 UTC', end_event: gone}")
    assert finding.ids == ("w", "gone")
    assert finding.message == (
        "the impact window 'w' is said to end at 2022-06-02 23:30 UTC, but the event that "
        "ended it, 'gone', is at 2022-06-02 21:24 UTC"
    )


def test_a_window_not_tied_to_events_is_not_compared_with_them() -> None:
    assert findings("{id: w, name: impact, duration: 1 hour}") == []


def test_an_approximate_duration_also_widens_the_check_against_its_own_bounds() -> None:
    plan = remediation.loads(
        HEADER + "  - {id: w, name: outage, start: '2022-06-02 15:10 UTC',"
        " end: '2022-06-02 16:16 UTC', duration: 60 minutes, approximate: true}\n",
        "yaml",
    )
    assert remediation.evaluate(plan).findings_with("window-duration-mismatch") == ()


def test_a_window_naming_an_unknown_event_is_refused_with_its_path() -> None:
    with pytest.raises(PlanValidationError) as raised:
        remediation.loads(HEADER + "  - {id: w, name: impact, end_event: nope}\n", "yaml")
    (problem,) = raised.value.errors
    assert problem.path == "$.windows[0].end_event"
    assert "not an event of the timeline" in str(problem)
