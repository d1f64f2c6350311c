"""What changed between two versions of an assessment, and in what is derived from them.

:func:`diff_evaluations` compares two assessments and their evaluations
record by record, matching records by id: work items added, removed,
renamed (same id, new title) and moved (to another phase or group of next
steps); status and progress changes of items and phases; criteria whose
state, value or progress moved; findings new, fixed and unchanged, matched
by their stable fingerprint (:mod:`remediation.evaluation.fingerprints`);
stated dates that changed (a due date that moves later is a slip); and the
recommendation, with the reasons that came and went.

Dates are the stated ones (``due`` of items and phases, ``start`` of
phases): a projected finish moves whenever the evaluation date or any open
work changes, so it says nothing about a version by itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TypeVar

import attrs

from remediation.evaluation.fingerprints import fingerprints
from remediation.evaluation.results import (
    CriterionEvaluation,
    CriterionState,
    Evaluation,
    Finding,
    PhaseEvaluation,
    Reason,
)
from remediation.model.deadline import DateOrMoment, as_moment
from remediation.model.moment import Moment, order, shift
from remediation.model.records import Assessment, Decision, NextStep, Phase, WorkItem
from remediation.model.status import Progress

__all__ = [
    "AssessmentDiff",
    "CriterionChange",
    "DateChange",
    "ItemChange",
    "ItemRef",
    "PhaseChange",
    "RecommendationChange",
    "diff_evaluations",
]

_T = TypeVar("_T")


@attrs.frozen
class ItemRef:
    """A work item that was added or removed.

    Attributes:
        id: Its id.
        title: Its title.
        group: Id of its phase or group of next steps.
        progress: Its progress.
    """

    id: str
    title: str
    group: str
    progress: Progress


@attrs.frozen
class ItemChange:
    """A work item in both versions that changed.

    Attributes:
        id: Its id.
        title: Its title now.
        old_title: Its title before, when it was renamed (else ``None``).
        old_group: Its phase or group before, when it moved (else ``None``).
        group: Its phase or group now.
        old_progress: Progress before.
        progress: Progress now.
        old_status: The status label before (the author's words, or the progress).
        status: The status label now.
        old_credit: Credit before.
        credit: Credit now.
    """

    id: str
    title: str
    group: str
    old_progress: Progress
    progress: Progress
    old_status: str
    status: str
    old_credit: float
    credit: float
    old_title: str | None = None
    old_group: str | None = None

    @property
    def renamed(self) -> bool:
        """Its title changed."""
        return self.old_title is not None

    @property
    def moved(self) -> bool:
        """It is in another phase or group of next steps."""
        return self.old_group is not None

    @property
    def status_changed(self) -> bool:
        """Its status label, progress or credit changed."""
        return (self.old_status, self.old_progress, self.old_credit) != (
            self.status,
            self.progress,
            self.credit,
        )


@attrs.frozen
class PhaseChange:
    """A phase (or group of next steps) whose derived progress or completeness changed.

    Attributes:
        id: Its id.
        title: Its title (now, or before if it was removed).
        old_progress: Progress before; ``None`` if it is new.
        progress: Progress now; ``None`` if it was removed.
        old_complete: Complete before; ``None`` if it is new.
        complete: Complete now; ``None`` if it was removed.
        old_done: Items done before.
        done: Items done now.
    """

    id: str
    title: str
    old_progress: float | None
    progress: float | None
    old_complete: bool | None
    complete: bool | None
    old_done: int | None = None
    done: int | None = None


@attrs.frozen
class CriterionChange:
    """A success criterion whose state, current value or progress changed.

    Attributes:
        id: Its id.
        title: Its title.
        old_state: State before; ``None`` if it is new.
        state: State now; ``None`` if it was removed.
        old_current: The value used before.
        current: The value used now.
        old_progress: Progress towards the target before.
        progress: Progress now.
        target: The target now (before, if it was removed), in words.
    """

    id: str
    title: str
    old_state: CriterionState | None
    state: CriterionState | None
    old_current: float | None = None
    current: float | None = None
    old_progress: float | None = None
    progress: float | None = None
    target: str | None = None


@attrs.frozen
class DateChange:
    """A stated date of an item or a phase that changed.

    Attributes:
        id: The record's id.
        field: Which date: ``"due"`` or ``"start"``.
        old: The date before (``None``: none was stated).
        new: The date now (``None``: it was taken out).
        days: How many days it moved (positive: later); ``None`` without both dates.
    """

    id: str
    field: str
    old: DateOrMoment | dt.datetime | None
    new: DateOrMoment | dt.datetime | None

    @property
    def days(self) -> int | None:
        """How many days the date moved; ``None`` when one side has no date, or when
        a date of lower precision ("2025-03") leaves the number of days open."""
        if self.old is None or self.new is None:
            return None
        if isinstance(self.old, Moment) or isinstance(self.new, Moment):
            return _moved(as_moment(self.old), as_moment(self.new))
        return (_day(self.new) - _day(self.old)).days

    @property
    def slip(self) -> bool:
        """The date moved later."""
        days = self.days
        return days is not None and days > 0


@attrs.frozen
class RecommendationChange:
    """The derived recommendation before and after, and why it changed.

    Attributes:
        old: The decision before.
        new: The decision now.
        added: Reasons it has now that it did not have (told apart by code).
        removed: Reasons it had that are gone.
        changed: Reasons of both whose message or ids changed, as ``(old, new)``.
    """

    old: Decision
    new: Decision
    added: tuple[Reason, ...] = ()
    removed: tuple[Reason, ...] = ()
    changed: tuple[tuple[Reason, Reason], ...] = ()

    @property
    def decision_changed(self) -> bool:
        """The decision changed."""
        return self.old is not self.new


@attrs.frozen
class AssessmentDiff:
    """Everything that changed from one version of an assessment to another.

    Attributes:
        old_id: The old version's id.
        new_id: The new version's id.
        old_date: The old version's date, if it has one.
        new_date: The new version's date, if it has one.
        old_progress: Overall progress before.
        progress: Overall progress now.
        added: Work items added.
        removed: Work items removed.
        items: Work items in both that were renamed, moved or changed status.
        phases: Phases and groups of next steps whose progress or completeness changed.
        criteria: Criteria that moved.
        dates: Stated dates that changed.
        new_findings: Findings only the new version has.
        fixed_findings: Findings only the old version had.
        unchanged_findings: Findings of both (the new version's).
        recommendation: The recommendation before and after.
    """

    old_id: str
    new_id: str
    old_date: DateOrMoment | None
    new_date: DateOrMoment | None
    old_progress: float
    progress: float
    added: tuple[ItemRef, ...]
    removed: tuple[ItemRef, ...]
    items: tuple[ItemChange, ...]
    phases: tuple[PhaseChange, ...]
    criteria: tuple[CriterionChange, ...]
    dates: tuple[DateChange, ...]
    new_findings: tuple[Finding, ...]
    fixed_findings: tuple[Finding, ...]
    unchanged_findings: tuple[Finding, ...]
    recommendation: RecommendationChange

    @property
    def renamed(self) -> tuple[ItemChange, ...]:
        """Items whose title changed."""
        return tuple(change for change in self.items if change.renamed)

    @property
    def moved(self) -> tuple[ItemChange, ...]:
        """Items now in another phase or group."""
        return tuple(change for change in self.items if change.moved)

    @property
    def status_changes(self) -> tuple[ItemChange, ...]:
        """Items whose status or progress changed."""
        return tuple(change for change in self.items if change.status_changed)

    @property
    def slips(self) -> tuple[DateChange, ...]:
        """Stated dates that moved later."""
        return tuple(change for change in self.dates if change.slip)

    @property
    def empty(self) -> bool:
        """Nothing the comparison looks at changed."""
        return not (
            self.added
            or self.removed
            or self.items
            or self.phases
            or self.criteria
            or self.dates
            or self.new_findings
            or self.fixed_findings
            or self.recommendation.decision_changed
            or self.recommendation.added
            or self.recommendation.removed
            or self.recommendation.changed
        )


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _moved(old: Moment, new: Moment) -> int | None:
    """Whole days from *old* to *new* (negative: earlier), when their precision says it."""
    later = order(old, new)
    if later is None:
        return None
    span = shift(old, new) if later else shift(new, old)
    if not span.exact:
        return None
    return span.low.days if later else -span.low.days


def _by_id(records: Iterable[_T], key: str = "id") -> dict[str, _T]:
    return {getattr(record, key): record for record in records}


def _label(item: WorkItem) -> str:
    return item.status.label or item.status.progress.value


def _items(
    old: Assessment, old_result: Evaluation, new: Assessment, new_result: Evaluation
) -> tuple[tuple[ItemRef, ...], tuple[ItemRef, ...], tuple[ItemChange, ...]]:
    before = {item.id: (group.id, item) for group, item in old.iter_items()}
    after = {item.id: (group.id, item) for group, item in new.iter_items()}
    old_items, new_items = _by_id(old_result.items), _by_id(new_result.items)
    added = tuple(
        ItemRef(item.id, item.title, group, new_items[item.id].progress)
        for item_id, (group, item) in after.items()
        if item_id not in before
    )
    removed = tuple(
        ItemRef(item.id, item.title, group, old_items[item.id].progress)
        for item_id, (group, item) in before.items()
        if item_id not in after
    )
    changes: list[ItemChange] = []
    for item_id, (group, item) in after.items():
        if item_id not in before:
            continue
        old_group, old_item = before[item_id]
        was, now = old_items[item_id], new_items[item_id]
        change = ItemChange(
            id=item_id,
            title=item.title,
            group=group,
            old_progress=was.progress,
            progress=now.progress,
            old_status=_label(old_item),
            status=_label(item),
            old_credit=was.credit,
            credit=now.credit,
            old_title=old_item.title if old_item.title != item.title else None,
            old_group=old_group if old_group != group else None,
        )
        if change.renamed or change.moved or change.status_changed:
            changes.append(change)
    return added, removed, tuple(changes)


def _phases(
    old: Assessment, old_result: Evaluation, new: Assessment, new_result: Evaluation
) -> tuple[PhaseChange, ...]:
    groups: tuple[Phase | NextStep, ...] = (
        *old.phases,
        *old.next_steps,
        *new.phases,
        *new.next_steps,
    )
    titles = {group.id: group.title for group in groups}
    before: Mapping[str, PhaseEvaluation] = _by_id((*old_result.phases, *old_result.next_steps))
    after: Mapping[str, PhaseEvaluation] = _by_id((*new_result.phases, *new_result.next_steps))
    changes: list[PhaseChange] = []
    for group_id in [*after, *(g for g in before if g not in after)]:
        was, now = before.get(group_id), after.get(group_id)
        old_view = (was.progress, was.complete, was.done) if was else (None, None, None)
        new_view = (now.progress, now.complete, now.done) if now else (None, None, None)
        if old_view != new_view:
            changes.append(PhaseChange(group_id, titles[group_id], *_zip(old_view, new_view)))
    return tuple(changes)


def _zip(
    old: tuple[float | None, bool | None, int | None],
    new: tuple[float | None, bool | None, int | None],
) -> tuple[float | None, float | None, bool | None, bool | None, int | None, int | None]:
    return old[0], new[0], old[1], new[1], old[2], new[2]


def _criteria(
    old: Assessment, old_result: Evaluation, new: Assessment, new_result: Evaluation
) -> tuple[CriterionChange, ...]:
    titles = {c.id: c.title for c in (*old.criteria, *new.criteria)}
    before: Mapping[str, CriterionEvaluation] = _by_id(old_result.criteria)
    after: Mapping[str, CriterionEvaluation] = _by_id(new_result.criteria)
    changes: list[CriterionChange] = []
    for criterion_id in [*after, *(c for c in before if c not in after)]:
        was, now = before.get(criterion_id), after.get(criterion_id)
        if (
            was is not None
            and now is not None
            and (was.state, was.current, was.progress)
            == (
                now.state,
                now.current,
                now.progress,
            )
        ):
            continue
        either = now or was
        target = either.target if either is not None else None
        changes.append(
            CriterionChange(
                id=criterion_id,
                title=titles[criterion_id],
                old_state=was.state if was else None,
                state=now.state if now else None,
                old_current=was.current if was else None,
                current=now.current if now else None,
                old_progress=was.progress if was else None,
                progress=now.progress if now else None,
                target=str(target) if target is not None else None,
            )
        )
    return tuple(changes)


def _dated(
    assessment: Assessment,
) -> dict[tuple[str, str], DateOrMoment | dt.datetime | None]:
    found: dict[tuple[str, str], DateOrMoment | dt.datetime | None] = {}
    groups: tuple[Phase | NextStep, ...] = (*assessment.phases, *assessment.next_steps)
    for group in groups:
        if isinstance(group, Phase):
            found[group.id, "due"] = group.due
            start = group.start
            found[group.id, "start"] = _day(start) if isinstance(start, dt.datetime) else start
        for item in group.items:
            found[item.id, "due"] = item.planned
    return found


def _dates(old: Assessment, new: Assessment) -> tuple[DateChange, ...]:
    before, after = _dated(old), _dated(new)
    return tuple(
        DateChange(record_id, field, before[record_id, field], date)
        for (record_id, field), date in after.items()
        if (record_id, field) in before and before[record_id, field] != date
    )


def _findings(
    old_result: Evaluation, new_result: Evaluation
) -> tuple[tuple[Finding, ...], tuple[Finding, ...], tuple[Finding, ...]]:
    before = dict(zip(fingerprints(old_result.findings), old_result.findings, strict=True))
    after = dict(zip(fingerprints(new_result.findings), new_result.findings, strict=True))
    new = tuple(finding for key, finding in after.items() if key not in before)
    fixed = tuple(finding for key, finding in before.items() if key not in after)
    unchanged = tuple(finding for key, finding in after.items() if key in before)
    return new, fixed, unchanged


def _recommendation(old_result: Evaluation, new_result: Evaluation) -> RecommendationChange:
    before = {r.code: r for r in old_result.recommendation.reasons}
    after = {r.code: r for r in new_result.recommendation.reasons}
    return RecommendationChange(
        old=old_result.recommendation.decision,
        new=new_result.recommendation.decision,
        added=tuple(r for code, r in after.items() if code not in before),
        removed=tuple(r for code, r in before.items() if code not in after),
        changed=tuple(
            (before[code], r)
            for code, r in after.items()
            if code in before and (before[code].message, before[code].ids) != (r.message, r.ids)
        ),
    )


def diff_evaluations(
    old: Assessment, old_result: Evaluation, new: Assessment, new_result: Evaluation
) -> AssessmentDiff:
    """What changed from *old* (evaluated as *old_result*) to *new* (as *new_result*).

    Records are matched by id; the order of every list is the new version's
    document order, then the old one's for what was removed.
    """
    added, removed, items = _items(old, old_result, new, new_result)
    new_findings, fixed, unchanged = _findings(old_result, new_result)
    return AssessmentDiff(
        old_id=old.id,
        new_id=new.id,
        old_date=old.date,
        new_date=new.date,
        old_progress=old_result.progress,
        progress=new_result.progress,
        added=added,
        removed=removed,
        items=items,
        phases=_phases(old, old_result, new, new_result),
        criteria=_criteria(old, old_result, new, new_result),
        dates=_dates(old, new),
        new_findings=new_findings,
        fixed_findings=fixed,
        unchanged_findings=unchanged,
        recommendation=_recommendation(old_result, new_result),
    )
