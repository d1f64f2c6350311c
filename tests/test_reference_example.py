"""The facts the reference example (issue #1176, as of 2025-09-15) must show.

Each test pins one fact of DOMAIN.md "Facts of the reference example"; the
rest pin that the whole seed document is modeled.
"""

from __future__ import annotations

import datetime as dt

import pytest

import remediation
from remediation import (
    CriterionCategory,
    CriterionState,
    Decision,
    Evaluation,
    FindingCode,
    Progress,
    ReasonCode,
    Severity,
    TestRunEvidence,
)
from remediation.testing import (
    ExpectedFile,
    Scenario,
    assert_actionable,
    assert_not_closable,
    assert_phase_complete,
    assert_root_cause_addressed,
    assert_root_cause_unaddressed,
)

AS_OF = dt.date(2025, 9, 15)


# The plugin's reference_plan and reference_evaluation fixtures, under short names.
@pytest.fixture
def plan(reference_plan: remediation.Assessment) -> remediation.Assessment:
    return reference_plan


@pytest.fixture
def result(reference_evaluation: Evaluation) -> Evaluation:
    assert reference_evaluation.as_of == dt.datetime.combine(AS_OF, dt.time())
    return reference_evaluation


def test_document_header(plan: remediation.Assessment) -> None:
    assert plan.issue == "#1176"
    assert plan.date == AS_OF
    assert plan.session == "agent-session-20250915-163526"
    assert plan.assessment_type == "Current State Analysis and Five Whys"
    assert plan.stated_status is not None
    assert plan.stated_status.progress is Progress.PARTIAL
    assert plan.stated_status.label == (
        "PARTIALLY RESOLVED - PHASE 1 COMPLETE, REQUIRES CONTINUED WORK"
    )
    assert plan.labels == (
        "actively-being-worked-on",
        "agent-session-20250915-163526",
        "phase-1-complete",
        "requires-phase-2",
    )
    assert [m.title for m in plan.metrics] == [
        "Emergency Infrastructure",
        "Coordination Gaps",
        "Staging Environment",
        "Business Impact",
    ]


def test_related_documents(plan: remediation.Assessment) -> None:
    evidence = {e.id: e for e in plan.evidence}
    related = [evidence[i] for i in plan.related]
    assert [getattr(e, "sha", None) or getattr(e, "path", None) for e in related] == [
        "9c87d9def",
        "ISSUE_1176_COMPREHENSIVE_TEST_EXECUTION_REPORT.md",
        "CRITICAL_INFRASTRUCTURE_REMEDIATION_PLAN_ISSUE_1176.md",
    ]


def test_phase_1_is_not_complete_although_the_document_says_so(
    plan: remediation.Assessment, result: Evaluation
) -> None:
    phase = plan.phases[0]
    assert phase.title == "Emergency Fixes"
    assert phase.timebox == remediation.Duration(hours=4)
    assert [(i.title, i.status.progress) for i in phase.items] == [
        ("Auth Service Deployment", Progress.DONE),
        ("Test Discovery", Progress.DONE),
        ("Test Infrastructure", Progress.DONE),
        ("SSOT Violations", Progress.PARTIAL),
    ]
    assert phase.items[2].status.label == "✅ **CREATED**"
    evaluated = result.phase("phase-1")
    assert evaluated.progress == pytest.approx(0.875)
    assert evaluated.complete is False
    assert phase.stated_status is not None
    assert phase.stated_status.progress is Progress.DONE
    (finding,) = result.findings_with(FindingCode.PHASE_STATUS_MISMATCH)
    assert finding.ids == ("phase-1", "ssot-violations")
    with pytest.raises(AssertionError, match=r"3 of 4 items are done \(progress 0.875\); open: "):
        assert_phase_complete(result, "phase-1")


def test_phase_2_has_four_open_items_one_critical(
    plan: remediation.Assessment, result: Evaluation
) -> None:
    phase = plan.phases[1]
    assert (phase.title, phase.timebox) == ("SSOT Consolidation", remediation.Duration(weeks=2))
    assert len(phase.items) == 4
    assert not any(item.status.is_closed for item in phase.items)
    critical = [item.id for item in phase.items if item.severity is Severity.CRITICAL]
    assert critical == ["service-authentication"]
    assert result.phase("phase-2").progress == 0
    assert result.phase("phase-2").complete is False


def test_phase_3_has_three_missing_items(plan: remediation.Assessment, result: Evaluation) -> None:
    phase = plan.phases[2]
    assert (phase.title, phase.timebox) == (
        "Cultural Transformation",
        remediation.Duration(months=1),
    )
    assert len(phase.items) == 3
    assert all(item.status.missing for item in phase.items)
    assert all(item.status.progress is Progress.NOT_STARTED for item in phase.items)
    assert result.phase("phase-3").progress == 0


@pytest.mark.parametrize(
    ("run_id", "failed", "passed", "rate", "stated"),
    [
        ("unit-tests", 20, 17, 54.05, 54),
        ("integration-tests", 12, 5, 70.59, 71),
        ("e2e-staging-tests", 7, 0, 100.0, 100),
    ],
)
def test_test_runs_agree_with_stated_rates(
    plan: remediation.Assessment,
    result: Evaluation,
    run_id: str,
    failed: int,
    passed: int,
    rate: float,
    stated: float,
) -> None:
    (run,) = (e for e in plan.evidence if e.id == run_id)
    assert isinstance(run, TestRunEvidence)
    assert (run.failed, run.passed) == (failed, passed)
    assert run.failure_rate == pytest.approx(rate, abs=0.005)
    evaluated = result.test_run(run_id)
    assert evaluated.stated_failure_rate == stated
    assert evaluated.agrees is True


def test_no_test_rate_finding(result: Evaluation) -> None:
    assert result.findings_with(FindingCode.TEST_RATE_MISMATCH) == ()


def test_no_success_criterion_is_met(plan: remediation.Assessment, result: Evaluation) -> None:
    categories = [c.category for c in plan.criteria]
    assert categories.count(CriterionCategory.TECHNICAL) == 4
    assert categories.count(CriterionCategory.BUSINESS) == 3
    assert len(result.criteria) == 7
    assert all(c.state is not CriterionState.MET for c in result.criteria)
    unit = result.criterion("unit-test-failures")
    assert unit.state is CriterionState.UNMET
    assert unit.current == pytest.approx(54.054, abs=0.001)
    assert str(unit.target) == "<10%"
    e2e = result.criterion("e2e-staging-success")
    assert (e2e.state, e2e.current, e2e.progress) == (CriterionState.UNMET, 0.0, 0.0)


def test_root_cause_is_unaddressed(plan: remediation.Assessment, result: Evaluation) -> None:
    assert [step.id for step in plan.why] == ["why-1", "why-2", "why-3", "why-4", "why-5"]
    (root,) = result.root_causes
    assert root.id == "why-5"
    assert plan.why[-1].finding == (
        "Development culture prioritizes feature velocity over architectural coherence."
    )
    phase_3 = {item.id for item in plan.phases[2].items}
    assert set(root.addressed_by) == phase_3
    assert root.done_by == ()
    assert root.addressed is False
    assert assert_root_cause_unaddressed(result, "why-5") is root


def test_the_root_cause_stays_unaddressed_until_phase_3_starts(
    reference_scenario: Scenario,
) -> None:
    plan = reference_scenario.assessment
    before_phase_3 = [item.id for group, item in plan.iter_items() if group.id != "phase-3"]
    phase_3 = [item.id for item in plan.phases[2].items]
    earlier = reference_scenario.resolve(*before_phase_3)
    assert_root_cause_unaddressed(earlier, "why-5")
    assert_not_closable(earlier, because="root-causes-unaddressed")
    started = earlier.set_status(phase_3[0], "⚠️ PARTIAL")
    assert_root_cause_unaddressed(started, "why-5")
    landed = started.resolve(phase_3[0])
    assert assert_root_cause_addressed(landed, "why-5").done_by == (phase_3[0],)
    assert "root-causes-unaddressed" not in {
        reason.code.value for reason in landed.evaluation.recommendation.reasons
    }


def test_recommendation_is_keep_open_like_the_document(result: Evaluation) -> None:
    recommendation = result.recommendation
    assert recommendation.decision is Decision.KEEP_OPEN
    assert recommendation.stated is Decision.KEEP_OPEN
    assert recommendation.agrees is True
    reasons = {reason.code: reason for reason in recommendation.reasons}
    assert len(reasons[ReasonCode.CRITERIA_UNMET].ids) == 5
    assert len(reasons[ReasonCode.CRITERIA_UNMEASURED].ids) == 2
    assert reasons[ReasonCode.CRITICAL_ITEMS_OPEN].ids == ("service-authentication",)
    assert reasons[ReasonCode.ROOT_CAUSES_UNADDRESSED].ids == ("why-5",)
    assert result.findings_with(FindingCode.RECOMMENDATION_MISMATCH) == ()
    assert_not_closable(result, because=list(reasons))


def test_prose_counts_five_gaps_but_names_four(result: Evaluation) -> None:
    claims = result.findings_with(FindingCode.COUNT_MISMATCH)
    assert {f.ids for f in claims} == {
        ("claim-gaps-identified",),
        ("claim-gaps-persist",),
        ("claim-gaps-blocking",),
    }
    assert len(result.gaps) == 4
    assert not any(gap.closed for gap in result.gaps)


def test_next_steps_and_tracking_are_modeled(plan: remediation.Assessment) -> None:
    assert [(s.window, s.title) for s in plan.next_steps] == [
        ("Week 1", "Critical Staging Environment Restoration"),
        ("Week 2", "MessageRouter Consolidation"),
    ]
    assert sum(len(step.items) for step in plan.next_steps) == 3
    assert all(len(item.tasks) == 3 for step in plan.next_steps for item in step.items)
    assert len(plan.tracking) == 4
    assert len(plan.success_indicators) == 4
    assert plan.recommendation is not None
    assert [p.title for p in plan.recommendation.rationale] == [
        "Emergency Phase Success",
        "Core Issues Persist",
        "Systematic Approach Needed",
        "Business Continuity Risk",
    ]


def test_schedule_of_the_open_work(result: Evaluation) -> None:
    schedule = result.schedule
    ssot = schedule.item("ssot-violations")
    assert ssot is not None
    assert ssot.finish == dt.datetime(2025, 9, 15, 4, 0)
    phase_2 = schedule.phase("phase-2")
    assert phase_2 is not None
    assert phase_2.finish == dt.datetime(2025, 9, 29)
    assert schedule.finish == dt.datetime(2025, 10, 15)
    assert schedule.critical_path[-1] in set(result.phase("phase-3").open)
    assert schedule.item("auth-service-deployment") is None
    assert result.overdue == ()


def test_everything_open_is_actionable(result: Evaluation) -> None:
    assert result.blocked == ()
    assert "service-authentication" in result.actionable
    assert_actionable(result, "service-authentication")
    assert "auth-service-deployment" not in result.actionable


def test_the_whole_evaluation_is_the_reviewed_one(
    result: Evaluation, expected_evaluation: ExpectedFile
) -> None:
    # Any change to what the reference example derives shows here as a diff;
    # review it, then accept it with pytest --remediation-update.
    expected_evaluation.check(result)
