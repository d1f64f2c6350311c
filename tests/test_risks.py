"""Risks: level by the matrix, acceptances that expire, deadlines, remediation, the policy."""

from __future__ import annotations

import datetime as dt

import pytest

import remediation
from remediation import (
    Acceptance,
    ClosingPolicy,
    ClosingRule,
    Decision,
    FindingCode,
    Level,
    Policy,
    ReasonCode,
    Risk,
    RiskMatrix,
    RiskStatus,
)
from remediation.testing import criterion, item, phase, plan

DAY = dt.date(2025, 3, 3)
HEADER = "schema_version: 1\nid: plan\nissue: '#1'\ntitle: Plan\ndate: 2025-03-03\n"


def with_risks(
    *risks: Risk, items: tuple[remediation.WorkItem, ...] = ()
) -> remediation.Assessment:
    records: list[object] = [criterion("c", observed=True)]
    if items:
        records.insert(0, phase("p", *items))
    return plan(*records, risks=risks, date=DAY)


def test_a_risk_loads_from_a_document_with_its_log_and_acceptances() -> None:
    text = HEADER + (
        "phases: [{id: p, title: P, items: [{id: patch, title: Patch, status: done}]}]\n"
        "risks:\n"
        "  - id: weak-tls\n    statement: TLS 1.0 still enabled\n"
        "    likelihood: moderate\n    impact: high\n    status: deviation_approved\n"
        "    deadline: 2025-06-30\n    mitigating_factors: [internal network only]\n"
        "    remediated_by: [patch]\n"
        "    log:\n      - {date: 2025-01-10, text: found in the audit, status: open}\n"
        "      - {date: 2025-02-01, text: deviation approved, author: ciso,"
        " status: deviation_approved}\n"
        "    acceptances:\n      - {approver: ciso, justification: legacy clients,"
        " date: 2025-02-01, expires: 2025-12-31}\n"
    )
    loaded = remediation.loads(text, "yaml")
    (risk,) = loaded.risks
    assert (risk.likelihood, risk.impact, risk.status) == (
        Level.MODERATE,
        Level.HIGH,
        RiskStatus.DEVIATION_APPROVED,
    )
    assert risk.log[1].status is RiskStatus.DEVIATION_APPROVED
    assert remediation.loads(remediation.dumps(loaded)) == loaded
    result = remediation.evaluate(loaded).risk("weak-tls")
    assert result.level is Level.MODERATE  # NIST SP 800-30 Table I-2
    assert result.accepted is True
    assert result.acceptance == risk.acceptances[0]


def test_the_level_is_unknown_without_likelihood_or_impact() -> None:
    result = remediation.evaluate(with_risks(Risk("r", "R", impact=Level.HIGH)))
    assert result.risk("r").level is None


def test_the_matrix_is_configurable() -> None:
    everything_high = RiskMatrix(rows=[[Level.HIGH] * 5] * 5)
    result = remediation.evaluate(
        with_risks(Risk("r", "R", likelihood=Level.VERY_LOW, impact=Level.VERY_LOW)),
        policy=Policy(risk_matrix=everything_high),
    )
    assert result.risk("r").level is Level.HIGH


def test_a_matrix_must_be_five_by_five() -> None:
    with pytest.raises(ValueError, match="expected 5 rows of 5 levels"):
        RiskMatrix(rows=[[Level.LOW] * 5] * 4)


def test_an_open_risk_keeps_the_issue_open_and_names_its_rule() -> None:
    result = remediation.evaluate(with_risks(Risk("r", "R", status=RiskStatus.REMEDIATING)))
    assert result.recommendation.decision is Decision.KEEP_OPEN
    (reason,) = result.recommendation.reasons
    assert (reason.code, reason.ids, reason.rule) == (
        ReasonCode.RISKS_OPEN,
        ("r",),
        ClosingRule.RISKS_CLOSED,
    )


def test_an_accepted_risk_is_an_exception_with_its_approver_and_expiry() -> None:
    accepted = Risk(
        "r",
        "R",
        status=RiskStatus.ACCEPTED,
        acceptances=[Acceptance("ciso", "low exposure", expires=dt.date(2025, 6, 30))],
    )
    result = remediation.evaluate(with_risks(accepted))
    assert result.recommendation.decision is Decision.CLOSE_WITH_EXCEPTIONS
    (exception,) = result.recommendation.exceptions
    assert (exception.id, exception.record, exception.decided_by, exception.until) == (
        "r",
        "risk",
        "ciso",
        dt.date(2025, 6, 30),
    )
    assert result.recommendation.reasons[-1].code is ReasonCode.RISKS_ACCEPTED


def test_an_expired_acceptance_opens_the_risk_again() -> None:
    accepted = Risk(
        "r",
        "R",
        status=RiskStatus.ACCEPTED,
        acceptances=[Acceptance("ciso", "low exposure", expires=dt.date(2025, 2, 28))],
    )
    result = remediation.evaluate(with_risks(accepted))
    evaluated = result.risk("r")
    assert (evaluated.status, evaluated.accepted, evaluated.acceptance_expired) == (
        RiskStatus.OPEN,
        False,
        True,
    )
    assert result.recommendation.decision is Decision.KEEP_OPEN
    (finding,) = result.findings_with(FindingCode.RISK_ACCEPTANCE_EXPIRED)
    assert finding.ids == ("r",)
    renewed = remediation.evaluate(
        with_risks(
            Risk(
                "r",
                "R",
                status=RiskStatus.ACCEPTED,
                acceptances=[
                    *accepted.acceptances,
                    Acceptance("ciso", "renewed", expires=dt.date(2025, 9, 30)),
                ],
            )
        )
    )
    assert renewed.risk("r").accepted is True
    assert renewed.findings_with(FindingCode.RISK_ACCEPTANCE_EXPIRED) == ()


def test_a_risk_past_its_deadline_is_a_finding_unless_closed_or_accepted() -> None:
    late = Risk("r", "R", deadline=dt.date(2025, 3, 1))
    result = remediation.evaluate(with_risks(late))
    assert result.risk("r").past_deadline is True
    assert len(result.findings_with(FindingCode.RISK_PAST_DEADLINE)) == 1
    closed = Risk("r", "R", status=RiskStatus.CLOSED, deadline=dt.date(2025, 3, 1))
    assert remediation.evaluate(with_risks(closed)).risk("r").past_deadline is False
    on_time = remediation.evaluate(with_risks(late), as_of="2025-03-01")
    assert on_time.risk("r").past_deadline is False


def test_a_closed_risk_with_open_remediation_is_an_error() -> None:
    result = remediation.evaluate(
        with_risks(
            Risk("r", "R", status=RiskStatus.CLOSED, remediated_by=["fix"]),
            items=(item("fix", "partial"),),
        )
    )
    (finding,) = result.findings_with(FindingCode.RISK_CLOSED_WITH_OPEN_REMEDIATION)
    assert finding.ids == ("r", "fix")
    assert finding.severity is remediation.FindingSeverity.ERROR


def test_remediation_due_after_the_deadline_is_a_finding() -> None:
    result = remediation.evaluate(
        with_risks(
            Risk("r", "R", deadline=dt.date(2025, 4, 30), remediated_by=["fix", "ok"]),
            items=(item("fix", due=dt.date(2025, 6, 30)), item("ok", due=dt.date(2025, 4, 1))),
        )
    )
    assert result.risk("r").late_remediation == ("fix",)
    (finding,) = result.findings_with(FindingCode.REMEDIATION_AFTER_RISK_DEADLINE)
    assert finding.message == "risk 'r' must be remediated by 2025-04-30, but fix is due 2025-06-30"


def test_a_policy_without_the_risk_rule_lets_open_risks_be() -> None:
    rules = [r for r in ClosingRule if r is not ClosingRule.RISKS_CLOSED]
    result = remediation.evaluate(
        with_risks(Risk("r", "R")), policy=Policy(closing=ClosingPolicy(rules=rules))
    )
    assert result.recommendation.decision is Decision.CLOSE


def test_remediated_by_must_name_a_work_item_and_says_what_it_names() -> None:
    text = HEADER + (
        "criteria: [{id: c, title: C, observed: true}]\n"
        "risks: [{id: r, statement: R, remediated_by: [c]}]\n"
    )
    with pytest.raises(remediation.exceptions.RemediationError) as raised:
        remediation.loads(text, "yaml")
    problems = getattr(raised.value, "exceptions", (raised.value,))
    assert str(problems[0]) == (
        "$.risks[0].remediated_by[0]: 'r' refers to 'c', which is a criterion, not a work item"
    )


def test_a_reference_to_a_missing_id_still_says_so() -> None:
    text = HEADER + "risks: [{id: r, statement: R, remediated_by: [nothing]}]\n"
    with pytest.raises(remediation.exceptions.RemediationError) as raised:
        remediation.loads(text, "yaml")
    problems = getattr(raised.value, "exceptions", (raised.value,))
    assert str(problems[0]).endswith("'r' refers to 'nothing', which is not a work item")


def test_a_variant_evaluates_its_risks_like_a_full_evaluation() -> None:
    document = with_risks(
        Risk("r", "R", status=RiskStatus.CLOSED, remediated_by=["fix"]),
        items=(item("fix", "partial"),),
    )
    evaluator = remediation.Evaluator()
    evaluator.evaluate(document)
    variant = remediation.with_status(document, "fix", "done")
    assert evaluator.evaluate(variant) == remediation.evaluate(variant)
    assert evaluator.evaluate(variant).risk("r").open_remediation == ()
