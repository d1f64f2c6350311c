"""Comparing two versions of an assessment: evaluate both, then diff them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from remediation.evaluation.diff import AssessmentDiff, diff_evaluations
from remediation.evaluator.evaluator import evaluate
from remediation.model.policy import Policy
from remediation.model.records import Assessment
from remediation.rules import Rule

__all__ = ["diff"]


def diff(
    old: Assessment,
    new: Assessment,
    *,
    as_of: dt.date | dt.datetime | str | None = None,
    policy: Policy | None = None,
    rules: Iterable[Rule] = (),
) -> AssessmentDiff:
    """What changed from *old* to *new*, in the records and in what is derived from them.

    Each version is evaluated as of its own date (as :func:`~remediation.evaluate`
    does), or both as of *as_of*; *policy* and *rules* apply to both.

    Examples:
        >>> from remediation import diff, examples, with_status
        >>> plan = examples.issue_1176()
        >>> changes = diff(plan, with_status(plan, "ssot-violations", "RESOLVED"))
        >>> [(c.id, c.old_progress.value, c.progress.value) for c in changes.status_changes]
        [('ssot-violations', 'partial', 'done')]
        >>> [(p.id, p.old_complete, p.complete) for p in changes.phases]
        [('phase-1', False, True)]
    """
    listed = tuple(rules)
    old_result = evaluate(old, as_of, policy=policy, rules=listed)
    new_result = evaluate(new, as_of, policy=policy, rules=listed)
    return diff_evaluations(old, old_result, new, new_result)
