"""Evaluation semantics on small synthetic plans: each rule of DOMAIN.md "Evaluation"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import remediation
from remediation import (
    Assessment,
    Criterion,
    CriterionState,
    Decision,
    FindingCode,
    FindingSeverity,
    Gap,
    MeasurementEvidence,
    MetricSource,
    NoteEvidence,
    ReasonCode,
    StatedRecommendation,
    Status,
    TestRunEvidence,
    WhyStep,
    parse_target,
)
from remediation.testing import (
    Scenario,
    assert_actionable,
    assert_blocked,
    assert_closable,
    assert_criterion_met,
    assert_finding,
    assert_gap_closed,
    assert_not_closable,
    assert_root_cause_addressed,
    criterion,
    item,
    phase,
)
from remediation.testing import plan as build_plan

DAY = dt.date(2025, 3, 3)


def plan(*records: Any, **fields: Any) -> Assessment:
    return build_plan(*records, date=DAY, **fields)


# --------------------------------------------------------------------------- progress


def test_partial_credit_is_half_unless_the_item_states_its_fraction() -> None:
    result = remediation.evaluate(
        plan(phase("p", item("a", "partial"), item("b", "partial", fraction=0.2)))
    )
    assert result.item("a").credit == 0.5
    assert result.item("b").credit == 0.2
    assert result.phase("p").progress == pytest.approx(0.35)


def test_weights_make_a_weighted_mean() -> None:
    result = remediation.evaluate(
        plan(phase("p", item("a", "done", weight=3), item("b", "open", weight=1)))
    )
    assert result.phase("p").progress == pytest.approx(0.75)
    assert result.progress == pytest.approx(0.75)


def test_phase_is_complete_only_when_every_item_is_done() -> None:
    done = remediation.evaluate(plan(phase("p", item("a", "done"), item("b", "✅"))))
    assert done.phase("p").complete is True
    partial = remediation.evaluate(plan(phase("p", item("a", "done"), item("b", "⚠️"))))
    assert partial.phase("p").complete is False


def test_closed_without_fix_earns_nothing_and_blocks_its_dependents() -> None:
    # Only done work satisfies a dependency: an accepted prerequisite keeps "c" waiting.
    result = remediation.evaluate(
        plan(
            phase(
                "p",
                item("a", "done", evidence=["n"]),
                item("b", "risk accepted", justification="low impact"),
                item("c", "open", depends_on=["b"]),
            ),
            evidence=[NoteEvidence(id="n", text="shipped")],
        )
    )
    assert result.phase("p").progress == pytest.approx(0.5)
    assert result.item("b").closed is True
    assert result.item("c").blocked_by == ("b",)
    assert result.findings_with(FindingCode.CLOSED_WITHOUT_JUSTIFICATION) == ()


def test_a_dependency_that_can_do_without_is_not_kept_waiting() -> None:
    result = remediation.evaluate(
        plan(
            phase(
                "p",
                item("b", "deferred", justification="next release"),
                item("c", "open", depends_on=["b"], proceeds_without=["b"]),
                item("d", "open", depends_on=["b"]),
            )
        )
    )
    assert result.item("c").actionable is True
    assert result.item("d").blocked_by == ("b",)


def test_a_deferred_prerequisite_keeps_its_dependents_blocked_until_done() -> None:
    deferred = plan(
        phase(
            "p",
            item("b", "deferred", justification="moved to the next release"),
            item("c", "open", depends_on=["b"]),
        )
    )
    assert remediation.evaluate(deferred).blocked == ("c",)
    landed = Scenario(deferred).resolve("b").evaluation
    assert landed.actionable == ("c",)


def test_closed_without_justification_is_a_finding() -> None:
    result = remediation.evaluate(plan(phase("p", item("a", "won't fix"))))
    (finding,) = result.findings_with(FindingCode.CLOSED_WITHOUT_JUSTIFICATION)
    assert finding.ids == ("a",)


# --------------------------------------------------------------------------- blocked / actionable


def test_blocked_and_actionable_follow_dependencies() -> None:
    result = remediation.evaluate(
        plan(
            phase(
                "p",
                item("a", "done", evidence=["n"]),
                item("b", "partial", evidence=["n"], depends_on=["a"]),
                item("c", depends_on=["b"]),
                item("d", depends_on=["a"]),
            ),
            evidence=[NoteEvidence(id="n", text="proof")],
        )
    )
    assert result.blocked == ("c",)
    assert assert_blocked(result, "c", by="b").blocked_by == ("b",)
    assert result.actionable == ("b", "d")
    assert_actionable(result, "d")


def test_an_open_gap_blocks_the_items_it_names_but_not_its_own_fixes() -> None:
    result = remediation.evaluate(
        plan(
            phase("p", item("fix", addresses=["g"]), item("later")),
            gaps=[Gap(id="g", title="G", blocks=["later", "fix"])],
        )
    )
    assert assert_blocked(result, "later", by="g").blocked_by == ("g",)
    assert_actionable(result, "fix")


# --------------------------------------------------------------------------- criteria


@pytest.mark.parametrize(
    ("target", "baseline", "current", "state", "progress"),
    [
        ("<10%", 54, 32, CriterionState.UNMET, 0.5),
        ("<10%", 54, 60, CriterionState.UNMET, 0.0),
        ("<10%", 54, 5, CriterionState.MET, 1.0),
        (">90%", 0, 45, CriterionState.UNMET, 0.5),
        (">90%", 0, 95, CriterionState.MET, 1.0),
        ("0", 8, 2, CriterionState.UNMET, 0.75),
    ],
)
def test_criterion_progress_follows_the_target_direction(
    target: str, baseline: float, current: float, state: CriterionState, progress: float
) -> None:
    criterion = Criterion(
        id="c", title="C", target=parse_target(target), baseline=baseline, current=current
    )
    result = remediation.evaluate(plan(criteria=[criterion])).criterion("c")
    assert result.state is state
    assert result.progress == pytest.approx(progress)


def test_criterion_takes_its_value_from_a_test_run_or_measurement() -> None:
    criteria = [
        Criterion(
            id="fail",
            title="Failures",
            target=parse_target("<10%"),
            current_from=MetricSource(evidence="run"),
        ),
        Criterion(
            id="pass",
            title="Passes",
            target=parse_target(">=75%"),
            current_from=MetricSource(
                evidence="run", quantity=remediation.TestRunQuantity.PASS_RATE
            ),
        ),
        Criterion(
            id="latency",
            title="Latency",
            target=parse_target("p99 <250 ms"),
            current_from=MetricSource(evidence="p99"),
        ),
    ]
    evidence = [
        TestRunEvidence(id="run", suite="unit", failed=1, passed=3),
        MeasurementEvidence(id="p99", metric="p99 latency", value=240, unit="ms"),
    ]
    result = remediation.evaluate(plan(criteria=criteria, evidence=evidence))
    assert result.criterion("fail").current == 25.0
    assert result.criterion("fail").state is CriterionState.UNMET
    assert result.criterion("pass").state is CriterionState.MET
    assert result.criterion("latency").state is CriterionState.MET


def test_conditions_and_unmeasured_criteria() -> None:
    criteria = [
        Criterion(id="yes", title="Up", observed=True),
        Criterion(id="no", title="Down", observed=False),
        Criterion(id="unknown", title="?"),
        Criterion(id="metric", title="M", target=parse_target("<1")),
    ]
    result = remediation.evaluate(plan(criteria=criteria))
    assert [(c.state, c.progress) for c in result.criteria] == [
        (CriterionState.MET, 1.0),
        (CriterionState.UNMET, 0.0),
        (CriterionState.UNMEASURED, None),
        (CriterionState.UNMEASURED, None),
    ]


def test_ticked_checkbox_against_an_unmet_value_is_a_finding() -> None:
    criterion = Criterion(
        id="c", title="C", target=parse_target("<10%"), current=40, stated_met=True
    )
    result = remediation.evaluate(plan(criteria=[criterion]))
    (finding,) = result.findings_with(FindingCode.CRITERION_CHECKBOX_MISMATCH)
    assert finding.ids == ("c",)


# --------------------------------------------------------------------------- gaps and root causes


def test_gap_closes_when_its_items_are_done_and_its_measurement_meets_the_threshold() -> None:
    def gap_plan(status: str, failures: float) -> Assessment:
        return plan(
            phase("p", item("fix", status, addresses=["g"], evidence=["m"])),
            gaps=[Gap(id="g", title="G", measurement="m", threshold=parse_target("0"))],
            evidence=[MeasurementEvidence(id="m", metric="failures", value=failures)],
        )

    assert remediation.evaluate(gap_plan("done", 0)).gap("g").closed is True
    still_failing = remediation.evaluate(gap_plan("done", 3)).gap("g")
    assert (still_failing.closed, still_failing.measurement_met) == (False, False)
    unfinished = remediation.evaluate(gap_plan("partial", 0)).gap("g")
    assert (unfinished.closed, unfinished.open_items) == (False, ("fix",))


def test_gap_without_work_is_open_and_a_finding() -> None:
    result = remediation.evaluate(plan(gaps=[Gap(id="g", title="G")]))
    assert result.gap("g").closed is False
    (finding,) = result.findings_with(FindingCode.GAP_UNADDRESSED)
    assert finding.ids == ("g",)


def test_root_cause_coverage_over_a_branching_why_tree() -> None:
    why = [
        WhyStep(id="w1", question="Why?", finding="Broken", causes=["w2", "w3"]),
        WhyStep(id="w2", question="Why?", finding="Cause A"),
        WhyStep(id="w3", question="Why?", finding="Cause B"),
    ]
    result = remediation.evaluate(
        plan(
            phase("p", item("a", "done", addresses=["w2"]), item("b", addresses=["w2"])),
            why=why,
        )
    )
    covered, uncovered = result.root_causes
    assert (covered.id, covered.addressed_by, covered.done_by) == ("w2", ("a", "b"), ("a",))
    assert covered.addressed is True
    assert (uncovered.id, uncovered.addressed) == ("w3", False)
    (finding,) = result.findings_with(FindingCode.ROOT_CAUSE_WITHOUT_WORK)
    assert finding.ids == ("w3",)


# --------------------------------------------------------------------------- recommendation


def test_recommendation_close_when_nothing_stands_in_the_way() -> None:
    result = remediation.evaluate(
        plan(
            phase("p", item("a", "done", evidence=["n"])),
            criteria=[Criterion(id="c", title="C", observed=True)],
            evidence=[NoteEvidence(id="n", text="done")],
        )
    )
    assert assert_closable(result).recommendation.decision is Decision.CLOSE
    assert [r.code for r in result.recommendation.reasons] == [
        ReasonCode.CRITERIA_MET,
        ReasonCode.WORK_CLOSED,
    ]


def test_recommendation_close_with_exceptions_when_work_was_closed_without_a_fix() -> None:
    result = remediation.evaluate(
        plan(
            phase("p", item("a", "won't fix", justification="the client is retired")),
            criteria=[Criterion(id="c", title="C", observed=True)],
        )
    )
    assert result.recommendation.decision is Decision.CLOSE_WITH_EXCEPTIONS
    assert result.recommendation.reasons[-1].ids == ("a",)


def test_recommendation_keep_open_for_an_open_critical_item() -> None:
    result = remediation.evaluate(
        plan(
            phase("p", item("a", "❌ CRITICAL")),
            criteria=[Criterion(id="c", title="C", observed=True)],
        )
    )
    assert_not_closable(result, because=[ReasonCode.CRITICAL_ITEMS_OPEN, ReasonCode.WORK_OPEN])
    assert [r.code for r in result.recommendation.reasons] == [
        ReasonCode.CRITICAL_ITEMS_OPEN,
        ReasonCode.WORK_OPEN,
    ]


def test_a_reason_names_a_dozen_ids_and_counts_the_rest() -> None:
    # A reason listing thousands of ids helps no reader; all of them stay in its ids.
    many = [item(f"i{n}", "❌ CRITICAL") for n in range(20)]
    result = remediation.evaluate(
        plan(phase("p", *many), criteria=[Criterion(id="c", title="C", observed=True)])
    )
    reason, _work_open = result.recommendation.reasons
    assert reason.message == (
        "20 critical items open: i0, i1, i2, i3, i4, i5, i6, i7, i8, i9, i10, i11, and 8 more"
    )
    assert reason.ids == tuple(f"i{n}" for n in range(20))


def test_when_the_two_critical_items_land_the_issue_becomes_closable() -> None:
    scenario = Scenario(
        plan(item("a", "❌ CRITICAL"), item("b", "🚨 CRITICAL"), criterion("c", observed=True))
    )
    assert_not_closable(scenario, because="critical-items-open")
    assert_not_closable(scenario.resolve("a"), because="critical-items-open")
    landed = assert_closable(scenario.resolve("a", "b"))
    assert landed.recommendation.decision is Decision.CLOSE


def test_without_criteria_open_work_keeps_the_issue_open() -> None:
    result = remediation.evaluate(plan(phase("p", item("a"))))
    assert_not_closable(result, because=ReasonCode.WORK_OPEN)
    assert result.recommendation.reasons[0].code is ReasonCode.WORK_OPEN


def test_stated_recommendation_disagreeing_with_the_data_is_an_error_finding() -> None:
    result = remediation.evaluate(
        plan(
            phase("p", item("a", "❌ CRITICAL")),
            recommendation=StatedRecommendation(decision=Decision.CLOSE),
        )
    )
    (finding,) = result.findings_with(FindingCode.RECOMMENDATION_MISMATCH)
    assert finding.severity is FindingSeverity.ERROR
    assert result.recommendation.agrees is False


# --------------------------------------------------------------------------- other findings


def test_stated_rate_far_from_the_counts_is_a_finding() -> None:
    run = TestRunEvidence(id="r", suite="unit", failed=20, passed=17, stated_failure_rate=45)
    result = remediation.evaluate(plan(evidence=[run]))
    (finding,) = result.findings_with(FindingCode.TEST_RATE_MISMATCH)
    assert "54.05%" in finding.message
    assert result.test_run("r").agrees is False


def test_status_without_evidence_and_done_before_dependency() -> None:
    result = remediation.evaluate(plan(phase("p", item("a", "done", depends_on=["b"]), item("b"))))
    assert {f.code for f in result.findings} >= {
        FindingCode.STATUS_WITHOUT_EVIDENCE,
        FindingCode.DONE_BEFORE_DEPENDENCY,
    }
    (early,) = result.findings_with(FindingCode.DONE_BEFORE_DEPENDENCY)
    assert early.ids == ("a", "b")


def test_assessment_status_claim_is_checked() -> None:
    result = remediation.evaluate(
        plan(phase("p", item("a")), stated_status=Status.parse("RESOLVED"))
    )
    (finding,) = result.findings_with(FindingCode.ASSESSMENT_STATUS_MISMATCH)
    assert finding.ids == ("plan",)


def test_empty_phase_is_a_finding() -> None:
    result = remediation.evaluate(plan(phase("p")))
    assert result.phase("p").complete is False
    assert [f.code for f in result.findings] == [FindingCode.EMPTY_PHASE]


def test_unknown_ids_raise_a_library_error() -> None:
    result = remediation.evaluate(plan(phase("p", item("a"))))
    with pytest.raises(remediation.exceptions.UnknownRecordError, match="no work item"):
        result.item("nope")
    with pytest.raises(KeyError):
        result.phase("nope")


def test_as_of_defaults_to_the_document_date_and_accepts_strings() -> None:
    document = plan(phase("p", item("a")))
    assert remediation.evaluate(document).as_of == dt.datetime(2025, 3, 3)
    assert remediation.evaluate(document, as_of="2025-04-01T12:00").as_of == dt.datetime(
        2025, 4, 1, 12
    )
    with pytest.raises(ValueError, match="as_of"):
        remediation.evaluate(document, as_of="next tuesday")


# --------------------------------------------------------------------------- what-if


def test_with_status_changes_one_item_and_shares_the_rest() -> None:
    base = remediation.examples.issue_1176()
    evaluator = remediation.Evaluator()
    before = evaluator.evaluate(base)
    fixed = remediation.with_status(base, "service-authentication", "✅ RESOLVED")
    after = evaluator.evaluate(fixed)
    assert base.phases[1].items[3].status.progress is remediation.Progress.NOT_STARTED
    assert after.phase("phase-2").progress == pytest.approx(0.25)
    reasons = {r.code for r in after.recommendation.reasons}
    assert ReasonCode.CRITICAL_ITEMS_OPEN not in reasons
    assert ReasonCode.CRITICAL_ITEMS_OPEN in {r.code for r in before.recommendation.reasons}
    assert fixed.phases[0] is base.phases[0]
    assert after.phases[0] is before.phases[0]


def test_with_measurement_and_with_test_run() -> None:
    base = remediation.examples.issue_1176()
    improved = remediation.with_test_run(base, "unit-tests", failed=2, passed=35)
    assert remediation.evaluate(improved).criterion("unit-test-failures").state is (
        CriterionState.MET
    )
    measured = remediation.with_measurement(base, "golden-path-success", 97)
    assert remediation.evaluate(measured).criterion("golden-path-success").state is (
        CriterionState.MET
    )
    zero = remediation.with_measurement(base, "factory-pattern-failures", 0)
    assert remediation.evaluate(zero).gap("factory-pattern-gap").measurement_met is True
    observed = remediation.with_observation(base, "production-readiness", holds=True)
    assert remediation.evaluate(observed).criterion("production-readiness").state is (
        CriterionState.MET
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda a: remediation.with_status(a, "nope", "done"),
        lambda a: remediation.with_measurement(a, "staging-operational", 1),
        lambda a: remediation.with_observation(a, "unit-test-failures", holds=True),
        lambda a: remediation.with_test_run(a, "commit-9c87d9def", failed=1, passed=1),
    ],
)
def test_what_if_on_a_wrong_id_raises(change: Any) -> None:
    with pytest.raises(remediation.exceptions.UnknownRecordError):
        change(remediation.examples.issue_1176())


def test_resolving_everything_closes_the_reference_issue() -> None:
    scenario = Scenario(remediation.examples.issue_1176())
    scenario = scenario.resolve(*(work.id for _, work in scenario.assessment.iter_items()))
    for run in ("unit-tests", "integration-tests", "e2e-staging-tests"):
        scenario = scenario.record_test_run(run, failed=0, passed=40)
    for criterion_id in ("ssot-compliance", "factory-pattern-failures"):
        scenario = scenario.record_measurement(criterion_id, 0)
    scenario = scenario.record_measurement("golden-path-success", 99)
    for condition in ("staging-operational", "production-readiness"):
        scenario = scenario.observe(condition)
    result = assert_closable(scenario)
    assert result.recommendation.decision is Decision.CLOSE
    for gap in result.gaps:
        assert_gap_closed(result, gap.id)
    assert_root_cause_addressed(result, "why-5")
    assert assert_criterion_met(result, "unit-test-failures").current == 0.0
    mismatch = assert_finding(result, FindingCode.RECOMMENDATION_MISMATCH)
    assert len(result.findings_with(FindingCode.RECOMMENDATION_MISMATCH)) == 1
    assert mismatch.ids == (scenario.assessment.id,)
