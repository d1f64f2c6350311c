"""Moments at their real precision, timelines, stated windows and their rules."""

from __future__ import annotations

import datetime as dt

import pytest

import remediation
from remediation import Event, EventKind, Moment, parse_moment
from remediation.evaluator import evaluate as evaluate_in_full
from remediation.exceptions import PlanValidationError
from remediation.model.moment import between, order


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "approximate"),
    [
        ("2025", "2025-01-01", "2026-01-01", False),
        ("2025-02", "2025-02-01", "2025-03-01", False),
        ("2024-02-DD", "2024-02-01", "2024-03-01", False),
        ("2024-02-??", "2024-02-01", "2024-03-01", False),
        ("2023-MM-DD", "2023-01-01", "2024-01-01", False),
        ("2025-03-01", "2025-03-01", "2025-03-02", False),
        ("2025-03-01 17:20", "2025-03-01T17:20", "2025-03-01T17:21", False),
        ("2025-03-01T17:20:05Z", "2025-03-01T17:20:05", "2025-03-01T17:20:06", False),
        ("2025-03-01 17:20 -07:00", "2025-03-02T00:20", "2025-03-02T00:21", False),
        ("2017-01-31 ± 17:20 UTC", "2017-01-31T17:05", "2017-01-31T17:36", True),
        ("~2025-03-01 14:00", "2025-03-01T13:45", "2025-03-01T14:16", True),
        ("about 2025-03-01", "2025-02-28", "2025-03-03", True),
        ("early March 2024", "2024-03-01", "2024-03-11", True),
        ("late February 2024", "2024-02-21", "2024-03-01", True),
    ],
)
def test_a_moment_is_the_interval_its_text_can_mean(
    text: str, earliest: str, latest: str, *, approximate: bool
) -> None:
    moment = parse_moment(text)
    assert (moment.earliest, moment.latest) == (at(earliest), at(latest))
    assert moment.approximate is approximate
    assert str(moment) == text  # the author's spelling is kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-02-30", "no such day"),
        ("20250101", "is not a moment"),
        ("2025-W01-1", "is not a moment"),
        ("17:20", "is not a moment"),
        ("2025-03 17:20", "a time needs a whole date"),
        ("2025-03-01 25:00", "no such time of day"),
        ("0001-01-01 00:00 +01:00", "outside the calendar"),
    ],
)
def test_a_text_that_is_no_moment_says_why_and_lists_the_forms(text: str, expected: str) -> None:
    with pytest.raises(ValueError, match=expected) as caught:
        parse_moment(text)
    if "outside" not in expected:
        assert "early March 2024" in str(caught.value)


def test_order_is_undecidable_where_precision_overlaps() -> None:
    assert order(parse_moment("2025-03-01 10:00"), parse_moment("2025-03-01 11:00")) is True
    assert order(parse_moment("2025-03-02"), parse_moment("2025-03-01 23:00")) is False
    assert order(parse_moment("2025-03"), parse_moment("2025-03-15")) is None
    assert order(parse_moment("~2025-03-01 10:00"), parse_moment("2025-03-01 10:05")) is None
    # Zones are compared as instants: 18:00 at UTC-7 is after 00:30 UTC the next day.
    assert order(parse_moment("2025-03-02 00:30 UTC"), parse_moment("2025-03-01 18:00 -07:00"))


def test_a_span_between_moments_keeps_their_precision() -> None:
    exact = between(parse_moment("2025-03-01 15:10"), parse_moment("2025-03-01 16:16"))
    assert (exact.low, exact.high) == (dt.timedelta(minutes=66), dt.timedelta(minutes=66))
    rough = between(parse_moment("2025-03-01 ± 15:10"), parse_moment("2025-03-01 16:16"))
    assert rough.low == dt.timedelta(minutes=50)
    assert rough.high == dt.timedelta(minutes=82)
    assert dt.timedelta(minutes=66) in rough
    assert dt.timedelta(minutes=90) not in rough


POSTMORTEM = """\
schema_version: 1
id: pm
issue: '#7'
title: Outage
date: 2025-03-02
evidence:
  - {kind: note, id: chat, text: the incident channel}
timeline:
  - {id: deploy, at: '2025-03-01 15:10 UTC', what: Config deploy, kind: trigger}
  - {id: alert, at: '2025-03-01 ± 15:25 UTC', what: Alert fires, kind: detection,
     evidence: [chat]}
  - {id: rollback, at: '2025-03-01 15:50 UTC', what: Rollback, kind: mitigation}
  - {id: back, at: '2025-03-01 16:16 UTC', what: Traffic back to normal, kind: recovery}
windows:
  - {id: outage, name: outage, start: '2025-03-01 15:10 UTC', end: '2025-03-01 16:16 UTC',
     duration: 66 minutes}
phases:
  - id: fix
    title: Follow-up
    items:
      - {id: canary, title: Canary config deploys, status: open, estimate: 1 week}
"""


def test_a_timeline_gives_the_incident_measures_at_their_precision() -> None:
    plan = remediation.loads(POSTMORTEM, "yaml")
    measures = remediation.evaluate(plan).timeline
    assert measures.start == "deploy"
    assert measures.time_to_detect is not None
    assert (measures.time_to_detect.low, measures.time_to_detect.high) == (
        dt.timedelta(minutes=0),
        dt.timedelta(minutes=31),
    )
    assert measures.time_to_mitigate is not None
    assert str(measures.time_to_mitigate) == "40 min"
    assert str(measures.impact) == "1 h 6 min"
    assert measures.time_to_resolve is None  # no resolution event: unknown, not zero
    assert remediation.evaluate(plan).findings == ()  # a consistent postmortem


def test_a_timeline_round_trips_with_the_authors_text() -> None:
    plan = remediation.loads(POSTMORTEM, "yaml")
    again = remediation.loads(remediation.dumps(plan))
    assert again == plan
    assert "2025-03-01 ± 15:25 UTC" in remediation.dumps(plan)
    result = remediation.evaluate(plan)
    assert remediation.loads(remediation.dumps(result), kind=remediation.Evaluation) == result


def test_a_bad_moment_is_an_error_with_its_path() -> None:
    broken = POSTMORTEM.replace("'2025-03-01 15:50 UTC'", "'2025-02-30 15:50'")
    with pytest.raises(PlanValidationError) as caught:
        remediation.loads(broken, "yaml")
    assert "$.timeline[2].at" in str(caught.value)
    assert "no such day" in str(caught.value)


def test_events_are_records_of_the_plan_graph() -> None:
    clash = POSTMORTEM.replace("id: rollback,", "id: canary,")
    with pytest.raises(PlanValidationError) as caught:
        remediation.evaluate(remediation.loads(clash, "yaml"))
    assert "$.timeline[2]: id 'canary' is already used at $.phases[0].items[0]" in str(caught.value)
    dangling = POSTMORTEM.replace("evidence: [chat]", "evidence: [chats]")
    with pytest.raises(PlanValidationError) as caught:
        remediation.evaluate(remediation.loads(dangling, "yaml"))
    assert "$.timeline[1].evidence[0]" in str(caught.value)
    graph = remediation.build_graph(remediation.loads(POSTMORTEM, "yaml"))
    assert graph.nodes["alert"]["kind"] is remediation.NodeKind.EVENT
    assert graph.has_edge("alert", "chat")


def test_a_what_if_keeps_the_timeline_measures() -> None:
    plan = remediation.loads(POSTMORTEM, "yaml")
    evaluator = remediation.Evaluator()
    evaluator.evaluate(plan)
    variant = remediation.with_status(plan, "canary", "done")
    assert evaluator.evaluate(variant) == evaluate_in_full(variant)


def test_an_undecidable_order_is_not_called_out_of_order() -> None:
    vague = POSTMORTEM.replace("'2025-03-01 ± 15:25 UTC'", "'2025-03-01'")
    codes = {f.code for f in remediation.evaluate(remediation.loads(vague, "yaml")).findings}
    assert "timeline-out-of-order" not in codes


def test_a_duration_within_the_precision_of_its_bounds_agrees() -> None:
    rough = POSTMORTEM.replace(
        "start: '2025-03-01 15:10 UTC', end", "start: '2025-03-01 ± 15:10 UTC', end"
    ).replace("duration: 66 minutes", "duration: 1 hour")
    result = remediation.evaluate(remediation.loads(rough, "yaml"))
    assert not result.findings_with("window-duration-mismatch")


def test_timeline_records_can_be_built_in_code() -> None:
    event = Event("e", parse_moment("2025-03-01"), "Noticed", EventKind.DETECTION)
    assert isinstance(event.at, Moment)
    assert event.at.precise is False


def test_reports_show_the_timeline_its_measures_and_windows() -> None:
    plan = remediation.loads(POSTMORTEM, "yaml")
    markdown = remediation.render_markdown(plan)
    assert "## Timeline" in markdown
    assert "**Time to mitigate:** 40 min" in markdown
    assert "| 2025-03-01 ± 15:25 UTC | detection | Alert fires |" in markdown
    assert "| outage | 2025-03-01 15:10 UTC | 2025-03-01 16:16 UTC | PT66M |" in markdown
    assert "2025-03-01 ± 15:25 UTC" in remediation.render_html(plan)
    without = remediation.render_markdown(remediation.examples.issue_1176())
    assert "## Timeline" not in without


def test_the_mermaid_timeline_escapes_what_the_document_says() -> None:
    hostile = POSTMORTEM.replace("what: Rollback,", "what: '<script>x</script> : Rollback',")
    chart = remediation.mermaid_timeline(remediation.loads(hostile, "yaml"))
    assert chart.splitlines()[0] == "timeline"
    assert "<script>" not in chart
    assert "#60;script#62;x#60;/script#62; #58; Rollback · mitigation" in chart
    assert len(chart.splitlines()) == 2 + 4
