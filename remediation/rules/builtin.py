"""The built-in rules, in the order their findings are listed."""

from __future__ import annotations

from collections.abc import Iterable

from remediation.rules.catalogue import Rule
from remediation.rules.claims import (
    claim_conflict,
    count_mismatch,
    criterion_checkbox_mismatch,
    recommendation_mismatch,
    relation_mismatch,
    sum_mismatch,
    test_rate_mismatch,
)
from remediation.rules.coverage import gap_unaddressed, root_cause_without_work
from remediation.rules.meta import rule_failed, suppression_expired
from remediation.rules.schedule import missing_estimate, overdue, projected_late
from remediation.rules.series import (
    measurement_after_date,
    series_out_of_bounds,
    series_unit_mismatch,
    series_wrong_direction,
)
from remediation.rules.slo import error_budget_mismatch, indicator_conflict
from remediation.rules.status import (
    assessment_status_mismatch,
    empty_phase,
    phase_status_mismatch,
)
from remediation.rules.units import criterion_unit_mismatch, gap_unit_mismatch
from remediation.rules.work import (
    closed_without_justification,
    done_before_dependency,
    status_without_evidence,
)

__all__ = ["BUILTIN_RULES", "catalogue"]

BUILTIN_RULES: tuple[Rule, ...] = (
    assessment_status_mismatch,
    empty_phase,
    phase_status_mismatch,
    test_rate_mismatch,
    recommendation_mismatch,
    count_mismatch,
    sum_mismatch,
    relation_mismatch,
    claim_conflict,
    criterion_checkbox_mismatch,
    criterion_unit_mismatch,
    gap_unit_mismatch,
    series_wrong_direction,
    series_out_of_bounds,
    series_unit_mismatch,
    measurement_after_date,
    error_budget_mismatch,
    indicator_conflict,
    status_without_evidence,
    closed_without_justification,
    done_before_dependency,
    overdue,
    projected_late,
    missing_estimate,
    gap_unaddressed,
    root_cause_without_work,
    suppression_expired,
    rule_failed,
)
"""Every built-in rule; findings are listed in this order, then in document order."""


def catalogue(rules: Iterable[Rule] = ()) -> tuple[Rule, ...]:
    """Every rule: the built-in ones in order, then *rules* of one's own.

    Raises:
        ValueError: Two different rules have the same code.
    """
    ordered = list(BUILTIN_RULES)
    seen = {each.code: each for each in ordered}
    for each in rules:
        known = seen.get(each.code)
        if known is each:
            continue
        if known is not None:
            msg = f"two rules have the code {each.code!r}; a rule's code must be its own"
            raise ValueError(msg)
        seen[each.code] = each
        ordered.append(each)
    return tuple(ordered)
