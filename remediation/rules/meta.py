"""Rules about the policy and the rules themselves: expired suppressions, failed rules."""

from __future__ import annotations

from collections.abc import Sequence

from remediation.evaluation.results import Evaluation
from remediation.model.policy import FindingSeverity
from remediation.model.records import Assessment
from remediation.rules.catalogue import Example, Found, Rule, Scope, rule
from remediation.rules.context import Context

__all__ = ["reference_dropped", "rule_failed", "suppression_expired"]


@rule(
    "reference-dropped",
    title="A reference a lenient load dropped",
    scope=Scope.ASSESSMENT,
    severity=FindingSeverity.ERROR,
    reads=("assessment",),
    examples=[
        Example(
            "schema_version: 1\nid: plan\nissue: '#1'\ntitle: Plan\ndate: 2025-03-03\n"
            "phases: [{id: p, title: P, items: [{id: a, title: A, status: open}]}]\n"
            "dropped_references:\n  - path: $.phases[0].items[0].depends_on[0]\n"
            "    source: a\n    target: why-1\n"
            "    problem: \"'a' refers to 'why-1', which is a why step, not a work item or"
            ' phase"\n',
            "$.phases[0].items[0].depends_on[0]: 'a' refers to 'why-1', which is a why step,"
            " not a work item or phase (dropped by a lenient load)",
        )
    ],
)
def reference_dropped(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Reports each reference that a lenient load (``--lenient``) dropped because it
        names no record, or a record of the wrong kind.

    Why is this bad?
        The rest of the document was evaluated without the reference: a dependency, an
        addressed cause or a piece of evidence the author meant is missing from every
        derived value, so each one stays an error until the document is fixed.
    """
    for dropped in assessment.dropped_references:
        message = f"{dropped.path}: {dropped.problem} (dropped by a lenient load)"
        yield message, (dropped.source,)


@rule(
    "suppression-expired",
    title="Suppression past its expiry date",
    scope=Scope.ASSESSMENT,
    reads=("policy",),
    examples=[
        Example(
            "schema_version: 1\nid: plan\nissue: '#1'\ntitle: Plan\ndate: 2025-03-03\n"
            "policy:\n  suppressions:\n    - {code: gap-unaddressed, ids: [auth], author: kim,"
            " justification: tracked in issue 77, expires: 2025-02-28}\n"
            "gaps:\n  - {id: auth, title: Service authentication}\n",
            "the suppression of gap-unaddressed on auth by kim ('tracked in issue 77') "
            "expired on 2025-02-28",
        )
    ],
)
def suppression_expired(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Flags each suppression of the policy whose expiry date has passed as of the
        evaluation date. The expired suppression no longer silences anything.

    Why is this bad?
        A suppression is a decision with a deadline ("accepted until the next
        release"); past it, the decision has to be taken again, not forgotten.
    """
    found: list[tuple[str, Sequence[str]]] = []
    today = context.as_of.date()
    for suppression in context.policy.suppressions:
        if suppression.expired(today):
            on = f" on {', '.join(suppression.ids)}" if suppression.ids else ""
            by = f" by {suppression.author}"
            found.append(
                (
                    (
                        f"the suppression of {suppression.code}{on}{by} "
                        f"({suppression.justification!r}) expired on {suppression.expires}"
                    ),
                    suppression.ids or (assessment.id,),
                )
            )
    return found


rule_failed = Rule(
    code="rule-failed",
    title="A rule raised an error",
    scope=Scope.EVALUATION,
    severity=FindingSeverity.ERROR,
    check=None,
    what=(
        "Reported by the evaluation itself when a rule's check raises an exception: the "
        "finding names the rule, the record it was checking and the error, and the "
        "evaluation goes on with the other rules."
    ),
    why=(
        "A rule that crashes checks nothing; its silence must not read as a clean bill "
        "of health, and one broken rule of one's own must not stop every evaluation."
    ),
    reads=(),
)
