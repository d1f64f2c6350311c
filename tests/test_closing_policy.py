"""Decisions a reviewer can trust: unknown statuses, closure reasons, the closing policy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import remediation
from remediation import (
    ClosingPolicy,
    ClosingRule,
    Closure,
    Decision,
    Policy,
    Progress,
    ReasonCode,
)
from remediation.cli import main
from remediation.testing import Scenario, criterion, item, phase, plan

DAY = dt.date(2025, 3, 3)

HEADER = "schema_version: 1\nid: plan\nissue: '#1'\ntitle: Plan\ndate: 2025-03-03\n"


def met() -> remediation.Criterion:
    return criterion("c", observed=True)


def codes(result: remediation.Evaluation) -> list[ReasonCode]:
    return [reason.code for reason in result.recommendation.reasons]


# --------------------------------------------------------------------------- the cases of "Why"


def test_one_met_criterion_and_open_items_keep_the_issue_open() -> None:
    result = remediation.evaluate(
        plan(
            phase("p", item("a", "open"), item("b", "❌ BLOCKED - HIGH"), item("d", "partial")),
            met(),
            date=DAY,
        )
    )
    assert result.recommendation.decision is Decision.KEEP_OPEN
    (reason,) = result.recommendation.reasons
    assert (reason.code, reason.ids, reason.rule) == (
        ReasonCode.WORK_OPEN,
        ("a", "b", "d"),
        ClosingRule.WORK_CLOSED,
    )
    assert reason.message == "3 work items open: a, b, d"


def test_a_deferred_item_beside_open_work_names_both() -> None:
    result = remediation.evaluate(
        plan(
            phase(
                "p",
                item("a", "open"),
                item("b", "❌ BLOCKED - HIGH"),
                item("e", "deferred", justification="next quarter"),
            ),
            met(),
            date=DAY,
        )
    )
    assert result.recommendation.decision is Decision.KEEP_OPEN
    reasons = {reason.code: reason.ids for reason in result.recommendation.reasons}
    assert reasons == {
        ReasonCode.WORK_OPEN: ("a", "b"),
        ReasonCode.CLOSURES_NOT_ACCEPTED: ("e",),
    }


def test_check_exits_1_for_open_work_beside_a_met_criterion(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "plan.yaml"
    remediation.dump(
        plan(phase("p", item("a", "done"), item("b", "❌ BLOCKED - HIGH")), met(), date=DAY), path
    )
    assert main(["evaluate", str(path), "--check"]) == 1
    capsys.readouterr()


def test_a_phase_of_accepted_closures_is_complete_with_its_exceptions_listed() -> None:
    result = remediation.evaluate(
        plan(
            phase(
                "p",
                item("a", "won't fix", justification="the client is retired"),
                item("b", "N/A", justification="no such endpoint"),
            ),
            date=DAY,
        )
    )
    evaluated = result.phase("p")
    assert (evaluated.progress, evaluated.complete) == (1.0, True)
    assert evaluated.exceptions == ("a", "b")
    assert result.recommendation.decision is Decision.CLOSE_WITH_EXCEPTIONS


def test_one_done_item_and_nine_deferred_do_not_complete_a_phase() -> None:
    deferred = [item(f"d{n}", "deferred", justification="later") for n in range(9)]
    result = remediation.evaluate(plan(phase("p", item("a", "done"), *deferred), date=DAY))
    evaluated = result.phase("p")
    assert evaluated.complete is False
    assert evaluated.progress == pytest.approx(0.1)
    assert evaluated.unaccepted == tuple(f"d{n}" for n in range(9))
    assert result.recommendation.decision is Decision.KEEP_OPEN
    assert codes(result) == [ReasonCode.CLOSURES_NOT_ACCEPTED]


# --------------------------------------------------------------------------- unknown status


def test_a_status_not_stated_earns_nothing_and_shows_in_the_coverage() -> None:
    result = remediation.evaluate(
        plan(
            phase("p", item("a", "done"), item("b", "not stated"), remediation.WorkItem("c", "C")),
            date=DAY,
        )
    )
    assert result.item("b").progress is Progress.UNKNOWN
    assert result.item("c").progress is Progress.UNKNOWN
    assert result.item("b").credit == 0.0
    assert result.phase("p").progress == pytest.approx(1 / 3)
    assert result.unstated == ("b", "c")
    assert result.status_coverage == pytest.approx(1 / 3)
    assert result.recommendation.decision is Decision.KEEP_OPEN


def test_a_document_without_a_status_loads_as_unknown() -> None:
    text = HEADER + "phases: [{id: p, title: P, items: [{id: a, title: A}]}]\n"
    loaded = remediation.loads(text, "yaml")
    assert loaded.phases[0].items[0].status.progress is Progress.UNKNOWN
    assert remediation.evaluate(loaded).status_coverage == 0.0


def test_the_unknown_status_error_shows_the_mapping_form() -> None:
    text = HEADER + "phases: [{id: p, title: P, items: [{id: a, title: A, status: halfway}]}]\n"
    with pytest.raises(remediation.exceptions.RemediationError) as raised:
        remediation.loads(text, "yaml")
    problems = getattr(raised.value, "exceptions", (raised.value,))
    assert "{label: 'halfway', progress: not_started|partial|done|" in str(problems[0])


# --------------------------------------------------------------------------- closures as data


def test_closure_reasons_and_their_decision_load_from_a_document() -> None:
    text = HEADER + (
        "phases:\n  - id: p\n    title: P\n    items:\n"
        "      - id: a\n        title: A\n        status: duplicate\n"
        "        closure: {justification: same bug, decided_by: triage, decided_on: 2025-03-01,"
        " to: b}\n"
        "      - {id: b, title: B, status: done}\n"
        "      - id: c\n        title: C\n        status: MOVED\n"
        "        closure: {justification: belongs to the platform team,"
        " decided_by: lead, to: 'https://github.com/org/platform/issues/7'}\n"
        "      - {id: d, title: D, status: superseded, justification: replaced by b}\n"
    )
    loaded = remediation.loads(text, "yaml")
    a, _b, c, d = loaded.phases[0].items
    assert a.status.progress is Progress.DUPLICATE
    assert a.closure == Closure("same bug", "triage", dt.date(2025, 3, 1), None, "b")
    assert c.status.progress is Progress.MOVED
    assert d.reason == "replaced by b"
    result = remediation.evaluate(loaded)
    assert result.recommendation.decision is Decision.CLOSE_WITH_EXCEPTIONS
    exceptions = {e.id: e for e in result.recommendation.exceptions}
    assert exceptions["c"].to == "https://github.com/org/platform/issues/7"
    assert exceptions["a"].decided_by == "triage"
    assert remediation.loads(remediation.dumps(loaded)) == loaded


def test_an_expired_acceptance_keeps_the_issue_open() -> None:
    accepted = item(
        "a",
        "risk accepted",
        closure=Closure("low impact", decided_by="ciso", until=dt.date(2025, 3, 31)),
    )
    document = plan(phase("p", accepted), met(), date=DAY)
    before = remediation.evaluate(document)
    assert before.recommendation.decision is Decision.CLOSE_WITH_EXCEPTIONS
    (exception,) = before.recommendation.exceptions
    assert (exception.justification, exception.until) == ("low impact", dt.date(2025, 3, 31))
    assert "a (accepted: low impact; until 2025-03-31)" in before.recommendation.reasons[-1].message
    after = remediation.evaluate(document, as_of="2025-04-01")
    assert after.recommendation.decision is Decision.KEEP_OPEN
    assert codes(after) == [ReasonCode.CLOSURES_NOT_ACCEPTED]
    assert after.phase("p").complete is False


def test_a_closure_without_a_justification_is_not_accepted() -> None:
    result = remediation.evaluate(plan(phase("p", item("a", "won't fix")), date=DAY))
    assert result.recommendation.decision is Decision.KEEP_OPEN
    assert codes(result) == [ReasonCode.CLOSURES_NOT_ACCEPTED]


def test_proceeds_without_must_name_a_dependency() -> None:
    with pytest.raises(ValueError, match="expected ids among depends_on, got 'x'"):
        item("a", depends_on=["b"], proceeds_without=["x"])


# --------------------------------------------------------------------------- the policy


def test_every_reason_names_the_rule_that_produced_it() -> None:
    result = remediation.evaluate(remediation.examples.issue_1176())
    rules = {reason.code: reason.rule for reason in result.recommendation.reasons}
    assert rules == {
        ReasonCode.CRITERIA_UNMET: ClosingRule.CRITERIA_MET,
        ReasonCode.CRITERIA_UNMEASURED: ClosingRule.CRITERIA_MET,
        ReasonCode.CRITICAL_ITEMS_OPEN: ClosingRule.WORK_CLOSED,
        ReasonCode.WORK_OPEN: ClosingRule.WORK_CLOSED,
        ReasonCode.ROOT_CAUSES_UNADDRESSED: ClosingRule.ROOT_CAUSES_ADDRESSED,
        ReasonCode.GAPS_OPEN: ClosingRule.GAPS_CLOSED,
    }


def test_a_policy_that_accepts_deferrals_closes_with_exceptions() -> None:
    document = plan(phase("p", item("a", "deferred", justification="next quarter")), met())
    lenient = Policy(closing=ClosingPolicy(accepted=[*ClosingPolicy().accepted, "deferred"]))
    result = remediation.evaluate(document, policy=lenient)
    assert result.recommendation.decision is Decision.CLOSE_WITH_EXCEPTIONS
    assert result.phase("p").complete is True


def test_a_policy_without_the_work_rule_closes_with_open_work_and_says_so() -> None:
    document = plan(phase("p", item("a", "open")), met())
    rules = [r for r in ClosingRule if r is not ClosingRule.WORK_CLOSED]
    result = remediation.evaluate(document, policy=Policy(closing=ClosingPolicy(rules=rules)))
    assert result.recommendation.decision is Decision.CLOSE
    assert codes(result) == [ReasonCode.CRITERIA_MET, ReasonCode.WORK_OPEN]
    assert result.recommendation.reasons[1].rule is None


def test_a_policy_without_exceptions_closes_plainly() -> None:
    document = plan(phase("p", item("a", "won't fix", justification="retired")), met())
    rules = [r for r in ClosingRule if r is not ClosingRule.EXCEPTIONS_LISTED]
    result = remediation.evaluate(document, policy=Policy(closing=ClosingPolicy(rules=rules)))
    assert result.recommendation.decision is Decision.CLOSE
    assert result.recommendation.exceptions[0].id == "a"


def test_a_closing_policy_loads_from_a_policy_file(tmp_path: Path) -> None:
    text = (
        "schema_version: 1\nkind: policy\nclosing:\n  accepted: [accepted, deferred]\n"
        "  require_justification: false\n"
    )
    policy = remediation.loads(text, "yaml", kind=Policy)
    assert policy.closing == ClosingPolicy(
        accepted=[Progress.ACCEPTED, Progress.DEFERRED], require_justification=False
    )
    document = plan(phase("p", item("a", "deferred")), met())
    result = remediation.evaluate(document, policy=policy)
    assert result.recommendation.decision is Decision.CLOSE_WITH_EXCEPTIONS


def test_the_caller_closing_policy_wins_over_the_document() -> None:
    document = Policy(closing=ClosingPolicy(require_justification=False))
    caller = Policy(closing=ClosingPolicy(accepted=["accepted"]))
    assert document.merged(caller).closing_policy == caller.closing
    assert document.merged(Policy()).closing_policy == document.closing


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["--check"], 1),
        (["--check", "--accept-exceptions"], 0),
        ([], 0),
    ],
)
def test_check_accepts_close_with_exceptions_only_when_asked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], code: int
) -> None:
    path = tmp_path / "plan.yaml"
    remediation.dump(
        plan(phase("p", item("a", "won't fix", justification="retired")), met(), date=DAY), path
    )
    assert main(["evaluate", str(path), *argv]) == code
    capsys.readouterr()


def test_check_with_accept_exceptions_still_fails_to_keep_open(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["evaluate", "--check", "--accept-exceptions"]) == 1
    capsys.readouterr()


# --------------------------------------------------------------------------- what-if


def test_a_variant_that_lands_a_deferred_prerequisite_equals_a_full_evaluation() -> None:
    document = plan(
        phase(
            "p",
            item("b", "deferred", justification="later"),
            item("x", depends_on=["b"]),
            item("u", "unknown"),
        ),
        met(),
        date=DAY,
    )
    evaluator = remediation.Evaluator()
    evaluator.evaluate(document)
    for status in ("done", "won't fix", "unknown"):
        variant = remediation.with_status(document, "b", status)
        assert evaluator.evaluate(variant) == remediation.evaluate(variant)
    scenario = Scenario(document).resolve("b")
    assert scenario.evaluation.actionable == ("x", "u")


def test_an_unknown_status_is_not_a_claim_without_evidence() -> None:
    result = remediation.evaluate(plan(phase("p", item("a", "unknown"), item("b", "done"))))
    findings = result.findings_with(remediation.FindingCode.STATUS_WITHOUT_EVIDENCE)
    assert [f.ids for f in findings] == [("b",)]


def test_closure_rules_quote_the_decision() -> None:
    expired = item(
        "a",
        "accepted",
        closure=Closure("low impact", decided_by="ciso", until=dt.date(2025, 3, 1)),
    )
    moved = item("m", "moved", justification="platform team")
    result = remediation.evaluate(plan(phase("p", expired, moved), date=DAY))
    (finding,) = result.findings_with(remediation.FindingCode.CLOSURE_EXPIRED)
    assert finding.message == (
        "item 'a' is accepted until 2025-03-01, which has passed (low impact; decided by ciso)"
    )
    (target,) = result.findings_with(remediation.FindingCode.CLOSURE_WITHOUT_TARGET)
    assert target.ids == ("m",)


# --------------------------------------------------------------------------- root-cause coverage


def _chain(*, above: str = "open", root: str = "open", elsewhere: tuple[str, ...] = ()) -> Any:
    from remediation.testing import why  # noqa: PLC0415

    return plan(
        why("w1", "w2"),
        why("w2", addressed_elsewhere=elsewhere),
        phase("p", item("fix-w1", above, addresses=["w1"]), item("fix-w2", root, addresses=["w2"])),
        date=DAY,
    )


def test_a_root_cause_is_mitigated_when_only_a_cause_above_it_is_addressed() -> None:
    result = remediation.evaluate(_chain(above="done"))
    (coverage,) = result.root_causes
    assert coverage.state is remediation.CoverageState.MITIGATED
    assert coverage.mitigated_by == ("fix-w1",)
    reasons = {r.code: r.ids for r in result.recommendation.reasons}
    assert reasons[ReasonCode.ROOT_CAUSES_UNADDRESSED] == ("w2",)
    lenient = Policy(closing=ClosingPolicy(accept_mitigated=True))
    accepted = remediation.evaluate(_chain(above="done"), policy=lenient)
    assert ReasonCode.ROOT_CAUSES_UNADDRESSED not in codes(accepted)


def test_a_root_cause_addressed_by_done_work_on_it_is_addressed() -> None:
    (coverage,) = remediation.evaluate(_chain(above="done", root="done")).root_causes
    assert coverage.state is remediation.CoverageState.ADDRESSED


def test_a_root_cause_addressed_elsewhere_does_not_hold_the_issue_open() -> None:
    link = "https://github.com/other/project/issues/12"
    result = remediation.evaluate(_chain(elsewhere=(link,)))
    (coverage,) = result.root_causes
    assert (coverage.state, coverage.elsewhere) == (
        remediation.CoverageState.ADDRESSED_ELSEWHERE,
        (link,),
    )
    assert ReasonCode.ROOT_CAUSES_UNADDRESSED not in codes(result)
    assert f"Root cause, addressed elsewhere:** {link}." in remediation.render_markdown(
        _chain(elsewhere=(link,))
    )


def test_an_unaddressed_root_cause_stays_unaddressed() -> None:
    (coverage,) = remediation.evaluate(_chain()).root_causes
    assert coverage.state is remediation.CoverageState.UNADDRESSED


def test_mitigation_follows_a_what_if_like_a_full_evaluation() -> None:
    document = _chain()
    evaluator = remediation.Evaluator()
    evaluator.evaluate(document)
    variant = remediation.with_status(document, "fix-w1", "done")
    assert evaluator.evaluate(variant) == remediation.evaluate(variant)
    assert evaluator.evaluate(variant).root_causes[0].mitigated_by == ("fix-w1",)


def test_several_named_why_analyses_are_rendered_each_on_its_own() -> None:
    from remediation.testing import why  # noqa: PLC0415

    document = plan(
        why("o1", "o2", question="Why the outage", analysis="Why the outage"),
        why("o2", question="Why no failover", analysis="Why the outage"),
        why("b1", question="Why the backups failed", analysis="Why the backups failed"),
        date=DAY,
    )
    text = remediation.render_markdown(document)
    outage = text.index("## Five Whys: Why the outage")
    backups = text.index("## Five Whys: Why the backups failed")
    assert outage < backups
    assert text.count("### Why 1:") == 2
    assert "### Why 2: Why no failover" in text[outage:backups]
    assert "### Why 1: Why the backups failed" in text[backups:]
    assert {c.id for c in remediation.evaluate(document).root_causes} == {"o2", "b1"}


def test_a_deferral_must_say_where_the_work_went() -> None:
    nowhere = item("a", "deferred", justification="later")
    somewhere = item("b", "deferred", closure=Closure("later", to="release 2.0"))
    result = remediation.evaluate(plan(phase("p", nowhere, somewhere), date=DAY))
    (finding,) = result.findings_with(remediation.FindingCode.CLOSURE_WITHOUT_TARGET)
    assert finding.message == "item 'a' is deferred but does not say where (closure.to)"
