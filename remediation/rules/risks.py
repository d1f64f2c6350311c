"""Rules on risks: expired acceptances, passed deadlines, closures and remediation that disagree."""

from __future__ import annotations

from remediation.evaluation.results import Evaluation
from remediation.model.policy import FindingSeverity
from remediation.model.records import Assessment
from remediation.rules.catalogue import EXAMPLE_HEADER, Example, Found, Scope, rule
from remediation.rules.context import Context

__all__ = [
    "remediation_after_risk_deadline",
    "risk_acceptance_expired",
    "risk_closed_with_open_remediation",
    "risk_past_deadline",
]

_PHASE = "phases:\n  - id: fix\n    title: Fix\n    items:\n"


@rule(
    "risk-acceptance-expired",
    title="A risk accepted until a date that has passed",
    scope=Scope.ASSESSMENT,
    reads=("risk", "date"),
    examples=[
        Example(
            EXAMPLE_HEADER + "risks:\n  - id: weak-tls\n    statement: TLS 1.0 still enabled\n"
            "    status: accepted\n    acceptances:\n"
            "      - {approver: ciso, justification: legacy clients, expires: 2025-02-28}\n",
            "risk 'weak-tls' was accepted until 2025-02-28 (by ciso: legacy clients);"
            " the acceptance has expired, so the risk is open again",
        )
    ],
)
def risk_acceptance_expired(
    assessment: Assessment, evaluation: Evaluation, context: Context
) -> Found:
    """What it does:
        Flags a risk whose status says accepted (or deviation approved) while every
        acceptance on record has expired; the evaluation counts it open again.

    Why is this bad?
        An acceptance is a decision for a time. Once it lapses nobody has accepted the
        risk any more: it must be fixed, or someone must accept it again.
    """
    records = {risk.id: risk for risk in assessment.risks}
    for result in evaluation.risks:
        if result.acceptance_expired:
            last = records[result.id].acceptances[-1]
            why = f"by {last.approver}" + (f": {last.justification}" if last.justification else "")
            message = (
                f"risk {result.id!r} was accepted until {last.expires} ({why}); the acceptance"
                " has expired, so the risk is open again"
            )
            yield message, (result.id,)


@rule(
    "risk-past-deadline",
    title="An open risk past its deadline",
    scope=Scope.ASSESSMENT,
    reads=("risk", "date"),
    examples=[
        Example(
            EXAMPLE_HEADER + "risks:\n  - {id: sqli, statement: SQL injection in search,"
            " status: remediating, deadline: 2025-03-01}\n",
            "risk 'sqli' is remediating, and its deadline 2025-03-01 has passed",
        )
    ],
)
def risk_past_deadline(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Flags a risk that is neither closed nor accepted after its deadline.

    Why is this bad?
        A deadline on a risk is a commitment (to an auditor, an authorizing official);
        missing it silently is how a plan of action stops meaning anything.
    """
    deadlines = {risk.id: risk.deadline for risk in assessment.risks}
    for result in evaluation.risks:
        if result.past_deadline:
            message = (
                f"risk {result.id!r} is {result.status.value.replace('_', ' ')}, and its"
                f" deadline {deadlines[result.id]} has passed"
            )
            yield message, (result.id,)


@rule(
    "risk-closed-with-open-remediation",
    title="A closed risk whose remediation is open",
    scope=Scope.ASSESSMENT,
    severity=FindingSeverity.ERROR,
    reads=("risk", "item"),
    examples=[
        Example(
            EXAMPLE_HEADER + _PHASE + "      - {id: patch, title: Patch the parser,"
            " status: in progress}\n"
            "risks:\n  - {id: rce, statement: Parser RCE, status: closed,"
            " remediated_by: [patch]}\n",
            "risk 'rce' is closed, but the work remediating it is open: patch",
        )
    ],
)
def risk_closed_with_open_remediation(
    assessment: Assessment, evaluation: Evaluation, context: Context
) -> Found:
    """What it does:
        Flags a risk marked closed while work items that remediate it are not done.

    Why is this bad?
        Either the risk is not closed, or the remediation is done and its status is
        stale: one of the two statements is wrong, and the one a reviewer trusts
        decides whether the issue closes.
    """
    for result in evaluation.risks:
        if result.closed and result.open_remediation:
            yield (
                f"risk {result.id!r} is closed, but the work remediating it is open: "
                + ", ".join(result.open_remediation),
                (result.id, *result.open_remediation),
            )


@rule(
    "remediation-after-risk-deadline",
    title="Remediation due after the risk's deadline",
    scope=Scope.ASSESSMENT,
    reads=("risk", "item"),
    examples=[
        Example(
            EXAMPLE_HEADER + _PHASE + "      - {id: rotate, title: Rotate keys, status: open,"
            " due: 2025-06-30}\n"
            "risks:\n  - {id: leaked-key, statement: A leaked signing key,"
            " deadline: 2025-04-30, remediated_by: [rotate]}\n",
            "risk 'leaked-key' must be remediated by 2025-04-30, but rotate is due 2025-06-30",
        )
    ],
)
def remediation_after_risk_deadline(
    assessment: Assessment, evaluation: Evaluation, context: Context
) -> Found:
    """What it does:
        Flags an open work item that remediates a risk and is due after the risk's
        deadline.

    Why is this bad?
        The plan cannot meet its own deadline: either the deadline or the due date is
        wrong, and a reviewer should see the gap before the deadline passes.
    """
    risks = {risk.id: risk for risk in assessment.risks}
    if not risks:
        return
    due = {item.id: item.planned for _, item in assessment.iter_items()}
    for result in evaluation.risks:
        if result.late_remediation:
            deadline = risks[result.id].deadline
            late = ", ".join(f"{i} is due {due[i]}" for i in result.late_remediation)
            yield (
                f"risk {result.id!r} must be remediated by {deadline}, but {late}",
                (result.id, *result.late_remediation),
            )
