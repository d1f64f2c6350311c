"""Progress: what is derived for each work item and each phase or group of next steps.

An item's credit is :func:`remediation.model.records.credit`; a group's
progress is the weighted mean credit of its items, closed-without-fix items
left out. An item waits for (is blocked by) its open dependencies, the
incomplete phases it depends on and the open gaps that block it, unless it
addresses the gap itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from remediation.evaluation.results import ItemEvaluation, PhaseEvaluation
from remediation.graph.structure import Structure
from remediation.model.records import NextStep, Phase, WorkItem, credit
from remediation.model.status import Progress, Severity

__all__ = [
    "ACTIONABLE",
    "BLOCKED",
    "CLOSED",
    "CLOSED_WITHOUT_FIX",
    "CRITICAL",
    "OPEN",
    "WITHOUT_FIX",
    "evaluate_group",
    "evaluate_items",
    "item_roles",
]

CLOSED = {progress: progress.is_closed for progress in Progress}
"""Whether work of each progress state needs no more work (a lookup: this is a hot path)."""
WITHOUT_FIX = {progress: progress.is_closed_without_fix for progress in Progress}
"""Whether each progress state is a closure without a fix."""
_DONE = Progress.DONE
_CREDIT = {progress: credit(progress, None) for progress in Progress}
"""The credit of each progress state without a stated fraction (a lookup of the one definition)."""


def evaluate_group(
    group: Phase | NextStep,
    closed: dict[str, bool] | None = None,
    is_done: dict[str, bool] | None = None,
) -> tuple[PhaseEvaluation, tuple[float, float]]:
    """A phase's or next-step group's evaluation, and its items' (credit, weight) sums.

    A full evaluation also passes *closed* and *is_done*, filled here with
    whether each item is closed and done: one pass over the items for both.
    """
    weight = total = 0.0
    done = 0
    closed_all = True
    open_ids: list[str] = []
    for item in group.items:
        progress = item.status.progress
        item_closed = CLOSED[progress]
        if closed is not None and is_done is not None:
            closed[item.id] = item_closed
            is_done[item.id] = progress is _DONE
        if progress is _DONE:
            done += 1
        if not item_closed:
            closed_all = False
            open_ids.append(item.id)
        if WITHOUT_FIX[progress]:
            continue
        fraction = item.fraction
        weight += item.weight
        total += item.weight * (
            _CREDIT[progress] if fraction is None else credit(progress, fraction)
        )
    stated = (
        group.stated_status.progress if isinstance(group, Phase) and group.stated_status else None
    )
    result = PhaseEvaluation(
        id=group.id,
        progress=total / weight if weight else (1.0 if group.items and closed_all else 0.0),
        complete=bool(group.items) and closed_all and done > 0,
        items=len(group.items),
        done=done,
        open=tuple(open_ids),
        stated=stated,
    )
    return result, (total, weight)


def evaluate_items(  # noqa: PLR0917  (the lookups of the evaluation it is part of)
    items: Iterable[WorkItem],
    group: str,
    structure: Structure,
    closed_of: Callable[[str], bool | None],
    complete_of: Callable[[str], bool],
    gap_closed_of: Callable[[str], bool],
) -> list[ItemEvaluation]:
    """The evaluations of *items*, all of group *group*: a whole group in one call.

    *closed_of* tells whether a work item is closed (``None`` for a phase),
    *complete_of* whether a phase is complete, *gap_closed_of* whether a gap
    is closed.
    """
    requires_of = structure.requires.get
    blockers_of = structure.blocked_by_gaps.get
    addressed_by = structure.addressed_by
    results: list[ItemEvaluation] = []
    append = results.append
    for item in items:
        item_id = item.id
        waiting: list[str] = []
        needs = requires_of(item_id)
        if needs:
            for need in needs:
                closed = closed_of(need)
                if closed is None:
                    if not complete_of(need):
                        waiting.append(need)
                elif not closed:
                    waiting.append(need)
        blockers = blockers_of(item_id)
        if blockers:
            waiting.extend(
                gap
                for gap in blockers
                if not gap_closed_of(gap) and item_id not in addressed_by.get(gap, ())
            )
        status = item.status
        progress = status.progress
        is_closed = CLOSED[progress]
        fraction = item.fraction
        append(
            ItemEvaluation(
                item_id,
                group,
                progress,
                _CREDIT[progress] if fraction is None else credit(progress, fraction),
                is_closed,
                tuple(waiting) if waiting else (),
                not is_closed and not waiting,
                status.severity,
            )
        )
    return results


OPEN, BLOCKED, ACTIONABLE, CRITICAL, CLOSED_WITHOUT_FIX = 1, 2, 4, 8, 16
"""The lists of an evaluation an item can belong to, as the bits of :func:`item_roles`."""


def item_roles(result: ItemEvaluation) -> int:
    """The lists of the evaluation that *result*'s item belongs to: the one definition of each.

    Open: it still needs work; blocked: open and waiting for something;
    actionable: open and waiting for nothing; critical: open and of critical
    severity; closed without a fix: accepted, deferred, not applicable or
    won't fix.
    """
    if result.closed:
        return CLOSED_WITHOUT_FIX if WITHOUT_FIX[result.progress] else 0
    roles = OPEN | (BLOCKED if result.blocked_by else ACTIONABLE)
    if result.severity is Severity.CRITICAL:
        roles |= CRITICAL
    return roles
