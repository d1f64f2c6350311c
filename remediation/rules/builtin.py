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
from remediation.rules.identity import id_mixed_script
from remediation.rules.lifecycle import (
    checklist_unticked,
    lifecycle_ahead_of_work,
    lifecycle_unknown,
)
from remediation.rules.meta import reference_dropped, rule_failed, suppression_expired
from remediation.rules.milestones import (
    due_after_milestone,
    milestone_overdue,
    milestone_slipped,
    phase_due_after_milestone,
    stage_claim_mismatch,
    target_release_unknown,
)
from remediation.rules.risks import (
    remediation_after_risk_deadline,
    risk_acceptance_expired,
    risk_closed_with_open_remediation,
    risk_past_deadline,
)
from remediation.rules.schedule import (
    beyond_calendar,
    fixed_date_blocked,
    missing_estimate,
    overdue,
    projected_late,
)
from remediation.rules.series import (
    measurement_after_date,
    series_out_of_bounds,
    series_unit_mismatch,
    series_wrong_direction,
)
from remediation.rules.slo import budget_exhausting, error_budget_mismatch, indicator_conflict
from remediation.rules.status import (
    assessment_status_mismatch,
    empty_phase,
    phase_status_mismatch,
)
from remediation.rules.timeline import (
    event_after_document,
    event_logged_twice,
    timeline_out_of_order,
    window_conflict,
    window_duration_mismatch,
    window_events_mismatch,
)
from remediation.rules.units import criterion_unit_mismatch, gap_unit_mismatch
from remediation.rules.work import (
    closed_without_justification,
    closure_expired,
    closure_without_target,
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
    lifecycle_ahead_of_work,
    checklist_unticked,
    lifecycle_unknown,
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
    budget_exhausting,
    status_without_evidence,
    closed_without_justification,
    closure_expired,
    closure_without_target,
    done_before_dependency,
    overdue,
    projected_late,
    beyond_calendar,
    fixed_date_blocked,
    missing_estimate,
    timeline_out_of_order,
    event_logged_twice,
    event_after_document,
    window_conflict,
    window_duration_mismatch,
    window_events_mismatch,
    due_after_milestone,
    phase_due_after_milestone,
    target_release_unknown,
    stage_claim_mismatch,
    milestone_overdue,
    milestone_slipped,
    gap_unaddressed,
    root_cause_without_work,
    id_mixed_script,
    risk_acceptance_expired,
    risk_past_deadline,
    risk_closed_with_open_remediation,
    remediation_after_risk_deadline,
    reference_dropped,
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
