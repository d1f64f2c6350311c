"""Progress: what is derived for each work item and each phase or group of next steps.

An item's credit is :func:`remediation.model.records.credit`; a group's
progress is the weighted mean credit of its items, the closures without a fix
that the closing policy accepts left out (a closure it does not accept, a
deferral by default, counts with no credit). A group is complete when every
item is done or closed with an accepted reason, so that its progress and its
completeness never contradict each other. An item waits for (is blocked by)
its dependencies that are not done (unless it can do without one that is
closed without a fix), the incomplete phases it depends on and the open gaps
that block it, unless it addresses the gap itself.
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
    "UNACCEPTED",
    "UNSTATED",
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
_UNKNOWN = Progress.UNKNOWN
_CREDIT = {progress: credit(progress, None) for progress in Progress}
"""The credit of each progress state without a stated fraction (a lookup of the one definition)."""


def evaluate_group(
    group: Phase | NextStep, accepts: Callable[[WorkItem], bool]
) -> tuple[PhaseEvaluation, tuple[float, float]]:
    """A phase's or next-step group's evaluation, and its items' (credit, weight) sums.

    *accepts* tells whether the closing policy accepts an item's closure
    without a fix.
    """
    weight = total = 0.0
    done = 0
    open_ids: list[str] = []
    exceptions: list[str] = []
    unaccepted: list[str] = []
    for item in group.items:
        progress = item.status.progress
        if progress is _DONE:
            done += 1
        elif not CLOSED[progress]:
            open_ids.append(item.id)
        elif accepts(item):
            exceptions.append(item.id)
            continue
        else:
            unaccepted.append(item.id)
        fraction = item.fraction
        weight += item.weight
        total += item.weight * (
            _CREDIT[progress] if fraction is None else credit(progress, fraction)
        )
    stated = (
        group.stated_status.progress if isinstance(group, Phase) and group.stated_status else None
    )
    complete = bool(group.items) and not open_ids and not unaccepted
    result = PhaseEvaluation(
        id=group.id,
        progress=total / weight if weight else (1.0 if complete else 0.0),
        complete=complete,
        items=len(group.items),
        done=done,
        open=tuple(open_ids),
        stated=stated,
        exceptions=tuple(exceptions),
        unaccepted=tuple(unaccepted),
    )
    return result, (total, weight)


def evaluate_items(  # noqa: PLR0917  (the lookups of the evaluation it is part of)
    items: Iterable[WorkItem],
    group: str,
    structure: Structure,
    progress_of: Callable[[str], Progress | None],
    complete_of: Callable[[str], bool],
    gap_closed_of: Callable[[str], bool],
    accepts: Callable[[WorkItem], bool],
) -> list[ItemEvaluation]:
    """The evaluations of *items*, all of group *group*: a whole group in one call.

    *progress_of* tells a work item's progress (``None`` for a phase),
    *complete_of* whether a phase is complete, *gap_closed_of* whether a gap
    is closed, *accepts* whether the closing policy accepts an item's closure
    without a fix.

    Only done work satisfies a dependency: a deferred, moved or otherwise
    unfixed prerequisite keeps its dependents waiting, unless the dependent
    names it in ``proceeds_without``.
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
                need_progress = progress_of(need)
                if need_progress is None:
                    if not complete_of(need):
                        waiting.append(need)
                elif need_progress is not _DONE and not (
                    WITHOUT_FIX[need_progress] and need in item.proceeds_without
                ):
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
                WITHOUT_FIX[progress] and accepts(item),
            )
        )
    return results


OPEN, BLOCKED, ACTIONABLE, CRITICAL, CLOSED_WITHOUT_FIX, UNACCEPTED, UNSTATED = (
    1,
    2,
    4,
    8,
    16,
    32,
    64,
)
"""The lists of an evaluation an item can belong to, as the bits of :func:`item_roles`."""


def item_roles(result: ItemEvaluation) -> int:
    """The lists of the evaluation that *result*'s item belongs to: the one definition of each.

    Open: it still needs work; blocked: open and waiting for something;
    actionable: open and waiting for nothing; critical: open and of critical
    severity; closed without a fix: closed with a reason the closing policy
    accepts (an exception); unaccepted: closed without a fix with a reason it
    does not accept (a deferral, an expired or unjustified closure);
    unstated: open, and the document does not state its status.
    """
    if result.closed:
        if not WITHOUT_FIX[result.progress]:
            return 0
        return CLOSED_WITHOUT_FIX if result.accepted else UNACCEPTED
    roles = OPEN | (BLOCKED if result.blocked_by else ACTIONABLE)
    if result.severity is Severity.CRITICAL:
        roles |= CRITICAL
    if result.progress is _UNKNOWN:
        roles |= UNSTATED
    return roles
