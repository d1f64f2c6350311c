"""Findings: the stable codes of the built-in rules, and a finding as an evaluation holds it.

A finding is where the document disagrees with what is derived; every one
comes from a rule of the catalogue (:mod:`remediation.rules`).
"""

from __future__ import annotations

import enum

import attrs

from remediation.model.policy import FindingSeverity, Suppression

__all__ = ["Finding", "FindingCode"]


class FindingCode(enum.StrEnum):
    """The codes of the built-in rules; see ``docs/findings.md``.

    A finding's code is a string: these for the built-in rules, and the
    codes of rules of one's own (:mod:`remediation.rules`) for theirs.
    """

    def __repr__(self) -> str:
        return repr(self.value)  # a code is a string, whoever's rule it is

    ASSESSMENT_STATUS_MISMATCH = "assessment-status-mismatch"
    PHASE_STATUS_MISMATCH = "phase-status-mismatch"
    TEST_RATE_MISMATCH = "test-rate-mismatch"
    RECOMMENDATION_MISMATCH = "recommendation-mismatch"
    LIFECYCLE_AHEAD_OF_WORK = "lifecycle-ahead-of-work"
    CHECKLIST_UNTICKED = "checklist-unticked"
    LIFECYCLE_UNKNOWN = "lifecycle-unknown"
    COUNT_MISMATCH = "count-mismatch"
    SUM_MISMATCH = "sum-mismatch"
    CLAIM_CONFLICT = "claim-conflict"
    RELATION_MISMATCH = "relation-mismatch"
    CRITERION_CHECKBOX_MISMATCH = "criterion-checkbox-mismatch"
    CRITERION_UNIT_MISMATCH = "criterion-unit-mismatch"
    GAP_UNIT_MISMATCH = "gap-unit-mismatch"
    SERIES_WRONG_DIRECTION = "series-wrong-direction"
    SERIES_OUT_OF_BOUNDS = "series-out-of-bounds"
    SERIES_UNIT_MISMATCH = "series-unit-mismatch"
    MEASUREMENT_AFTER_DATE = "measurement-after-date"
    ERROR_BUDGET_MISMATCH = "error-budget-mismatch"
    INDICATOR_CONFLICT = "indicator-conflict"
    BUDGET_EXHAUSTING = "budget-exhausting"
    STATUS_WITHOUT_EVIDENCE = "status-without-evidence"
    CLOSED_WITHOUT_JUSTIFICATION = "closed-without-justification"
    CLOSURE_EXPIRED = "closure-expired"
    CLOSURE_WITHOUT_TARGET = "closure-without-target"
    DONE_BEFORE_DEPENDENCY = "done-before-dependency"
    OVERDUE = "overdue"
    PROJECTED_LATE = "projected-late"
    EMPTY_PHASE = "empty-phase"
    GAP_UNADDRESSED = "gap-unaddressed"
    ROOT_CAUSE_WITHOUT_WORK = "root-cause-without-work"
    MISSING_ESTIMATE = "missing-estimate"
    TIMELINE_OUT_OF_ORDER = "timeline-out-of-order"
    EVENT_LOGGED_TWICE = "event-logged-twice"
    EVENT_AFTER_DOCUMENT = "event-after-document"
    WINDOW_CONFLICT = "window-conflict"
    WINDOW_DURATION_MISMATCH = "window-duration-mismatch"
    WINDOW_EVENTS_MISMATCH = "window-events-mismatch"
    DUE_AFTER_MILESTONE = "due-after-milestone"
    PHASE_DUE_AFTER_MILESTONE = "phase-due-after-milestone"
    TARGET_RELEASE_UNKNOWN = "target-release-unknown"
    STAGE_CLAIM_MISMATCH = "stage-claim-mismatch"
    MILESTONE_OVERDUE = "milestone-overdue"
    MILESTONE_SLIPPED = "milestone-slipped"
    SCHEDULE_BEYOND_CALENDAR = "schedule-beyond-calendar"
    FIXED_DATE_BLOCKED = "fixed-date-blocked"
    ID_MIXED_SCRIPT = "id-mixed-script"
    RISK_ACCEPTANCE_EXPIRED = "risk-acceptance-expired"
    RISK_PAST_DEADLINE = "risk-past-deadline"
    RISK_CLOSED_WITH_OPEN_REMEDIATION = "risk-closed-with-open-remediation"
    REMEDIATION_AFTER_RISK_DEADLINE = "remediation-after-risk-deadline"
    REFERENCE_DROPPED = "reference-dropped"
    SUPPRESSION_EXPIRED = "suppression-expired"
    RULE_FAILED = "rule-failed"


@attrs.frozen
class Finding:
    """A place where the document's claims disagree with what is derived.

    Every finding comes from a rule of the catalogue (:mod:`remediation.rules`).

    Attributes:
        code: The rule's stable code (a :class:`FindingCode` for the built-in rules).
        severity: How much it matters (the rule's default, or the policy's).
        message: What disagrees, in words, quoting both sides.
        ids: Ids of the records involved.
        suppressed_by: The policy's suppression that silences it, if any: a
            suppressed finding is kept, marked, with its justification.
    """

    code: str
    severity: FindingSeverity
    message: str
    ids: tuple[str, ...] = ()
    suppressed_by: Suppression | None = None

    @property
    def suppressed(self) -> bool:
        """Whether a suppression of the policy silences it."""
        return self.suppressed_by is not None
