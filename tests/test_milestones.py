"""Milestones and releases: planned versus actual dates, re-plans, versions, and their rules."""

from __future__ import annotations

import datetime as dt

import pytest

import remediation
from remediation.evaluator import evaluate as evaluate_in_full
from remediation.exceptions import PlanValidationError
from remediation.model.milestones import version_key

PLAN = """\
schema_version: 1
id: kep
issue: '#42'
title: A feature's graduation
date: 2025-06-01
target_release: v1.22
milestones:
  - {id: alpha, name: Alpha, version: v1.20, stage: alpha, due: 2025-04-01, done: 2025-04-02}
  - id: beta
    name: Beta
    version: v1.21
    stage: beta
    due: 2025-05-01
    replans:
      - {due: 2025-05-20, at: 2025-04-25, reason: flaky e2e tests}
      - {due: 2025-06-10, at: 2025-05-18}
  - {id: ga, name: GA, version: '1.22.0', stage: stable, due: 2025-08}
stage_claims:
  - {stage: stable, version: v1.22, quote: stable in v1.22}
phases:
  - id: beta-work
    title: Beta
    milestone: beta
    items:
      - {id: metrics, title: Metrics, status: open, due: 2025-06-05, milestone: beta,
         estimate: 1 week}
      - {id: docs, title: Docs, status: open, due: 2025-08-20, milestone: ga, estimate: 1 week}
"""


def test_versions_compare_as_versions() -> None:
    assert version_key("v1.22") == version_key("1.22.0")
    assert version_key("1.9") < version_key("1.10")  # type: ignore[operator]
    assert version_key("1.2.3-rc.1") < version_key("1.2.3")  # type: ignore[operator]
    assert version_key("someday") is None


def test_a_milestone_keeps_its_plan_history_and_its_slip() -> None:
    plan = remediation.loads(PLAN, "yaml")
    result = remediation.evaluate(plan)
    alpha, beta, ga = result.milestones
    assert (alpha.reached, alpha.overdue, str(alpha.slip)) == (True, False, "1 d")
    assert (beta.replans, str(beta.planned), str(beta.slip)) == (2, "2025-06-10", "40 d")
    assert beta.overdue is False  # planned for June 10th, as of June 1st
    assert ga.slip is not None
    assert ga.slip.high == dt.timedelta()
    assert [f.ids for f in result.findings_with("milestone-slipped")] == [("alpha",), ("beta",)]


@pytest.mark.parametrize(
    ("as_of", "overdue"),
    [("2025-08-10", None), ("2025-09-01", True), ("2025-07-31", False)],
)
def test_an_overdue_coarse_milestone_is_undecidable_inside_its_month(
    as_of: str, overdue: bool | None
) -> None:
    result = remediation.evaluate(remediation.loads(PLAN, "yaml"), as_of=as_of)
    assert result.milestones[2].overdue is overdue
    flagged = [f.ids for f in result.findings_with("milestone-overdue")]
    assert (("ga",) in flagged) is bool(overdue)


def test_work_due_after_its_milestone_is_flagged_only_when_certain() -> None:
    result = remediation.evaluate(remediation.loads(PLAN, "yaml"))
    # metrics is due June 5th, before beta's current plan (June 10th): fine; docs is due
    # August 20th while GA is planned for "2025-08": not certainly after, not flagged.
    assert result.findings_with("due-after-milestone") == ()
    later = PLAN.replace("due: 2025-08-20, milestone: ga", "due: 2025-09-02, milestone: ga")
    flagged = remediation.evaluate(remediation.loads(later, "yaml"))
    assert [f.ids for f in flagged.findings_with("due-after-milestone")] == [("docs", "ga")]


def test_the_target_release_and_stage_claims_are_checked_against_the_milestones() -> None:
    result = remediation.evaluate(remediation.loads(PLAN, "yaml"))
    assert result.findings_with("target-release-unknown") == ()  # v1.22 is 1.22.0
    assert result.findings_with("stage-claim-mismatch") == ()
    beyond = PLAN.replace("target_release: v1.22", "target_release: v1.23")
    (finding,) = remediation.evaluate(remediation.loads(beyond, "yaml")).findings_with(
        "target-release-unknown"
    )
    assert finding.message == (
        "the plan targets v1.23, which is not among its milestones (the last release listed "
        "is 1.22.0)"
    )
    other = PLAN.replace(
        "{stage: stable, version: v1.22, quote: stable in v1.22}", "{stage: stable, version: v1.24}"
    )
    (claim,) = remediation.evaluate(remediation.loads(other, "yaml")).findings_with(
        "stage-claim-mismatch"
    )
    assert (
        claim.message
        == "the document says stable in v1.24, but the milestones put stable at 1.22.0"
    )


def test_a_milestone_reference_must_name_a_milestone() -> None:
    dangling = PLAN.replace("milestone: beta,\n", "milestone: gamma,\n")
    with pytest.raises(PlanValidationError) as caught:
        remediation.evaluate(remediation.loads(dangling, "yaml"))
    assert "$.phases[0].items[0].milestone" in str(caught.value)
    assert "a milestone" in str(caught.value)
    wrong_kind = PLAN.replace("milestone: beta,\n", "milestone: docs,\n")
    with pytest.raises(PlanValidationError):
        remediation.evaluate(remediation.loads(wrong_kind, "yaml"))
    graph = remediation.build_graph(remediation.loads(PLAN, "yaml"))
    assert graph.nodes["ga"]["kind"] is remediation.NodeKind.MILESTONE
    assert graph.edges["docs", "ga"]["kind"] is remediation.EdgeKind.SERVES


def test_milestones_round_trip_and_a_what_if_keeps_them() -> None:
    plan = remediation.loads(PLAN, "yaml")
    assert remediation.loads(remediation.dumps(plan)) == plan
    result = remediation.evaluate(plan)
    assert remediation.loads(remediation.dumps(result), kind=remediation.Evaluation) == result
    evaluator = remediation.Evaluator()
    evaluator.evaluate(plan)
    variant = remediation.with_status(plan, "metrics", "done")
    assert evaluator.evaluate(variant) == evaluate_in_full(variant)


def test_reports_and_the_gantt_chart_show_milestones_and_their_slips() -> None:
    plan = remediation.loads(PLAN, "yaml")
    markdown = remediation.render_markdown(plan)
    assert "## Milestones" in markdown
    assert "| Beta | v1.21 | beta | 2025-05-01 | 2025-06-10 | 2 | 40 d | open |" in markdown
    assert "| Alpha | v1.20 | alpha | 2025-04-01 | 2025-04-01 | 0 | 1 d | reached 2025-04-02 |" in (
        markdown
    )
    gantt = remediation.mermaid_gantt(plan).splitlines()
    milestones = gantt[gantt.index("    section Milestones") + 1 :]
    assert milestones == [
        "        ✅ Alpha #40;slipped 1 d#41; :done, milestone, m1, 2025-04-02 00:00, 0d",
        "        ❌ Beta #40;slipped 40 d#41; :milestone, m2, 2025-06-10 00:00, 0d",
        "        ❌ GA :milestone, m3, 2025-08-01 00:00, 0d",
    ]
    assert "section Milestones" not in remediation.mermaid_gantt(remediation.examples.issue_1176())


def test_a_milestone_reached_on_no_stated_date_is_reached_with_an_unknown_slip() -> None:
    said = PLAN.replace(
        "{id: ga, name: GA, version: '1.22.0', stage: stable, due: 2025-08}",
        "{id: ga, name: GA, version: '1.22.0', stage: stable, due: 2025-08, reached: true}",
    )
    result = remediation.evaluate(remediation.loads(said, "yaml"), as_of="2025-10-01")
    ga = result.milestones[2]
    assert (ga.reached, ga.overdue, ga.slip) == (True, False, None)
    assert [f.ids for f in result.findings_with("milestone-overdue")] == [("beta",)]
