"""Projecting again, after a change, the open work that follows the changed items, and no more."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, cast

from remediation.evaluation.keyed import GONE
from remediation.evaluation.progress import CLOSED
from remediation.evaluation.schedule import ScheduledWork, Scheduler
from remediation.evaluator.state import State, end_item_of
from remediation.rules.catalogue import Scope

__all__ = ["reschedule"]

RunRules = Callable[[Scope, int, object, object], None]
"""Runs the rules of a scope on one ``(position, record, result)``: the incremental path's."""


def reschedule(  # noqa: PLR0915  (one worklist loop; splitting it hides the order)
    parent: State, state: State, changed: Iterable[str], check: RunRules
) -> None:
    """Fill the schedule of *state* from *parent*'s, projecting again from *changed* items.

    A node is projected again when it changed or what it waits for moved; the
    worklist stops where a projection comes out as before. *check* runs the
    schedule rules on every node projected again (an item whose record
    changed is checked even when its projection did not move).
    """
    state.scheduled, state.decided = parent.scheduled, parent.decided
    state.scheduled_items, state.scheduled_phases = parent.scheduled_items, parent.scheduled_phases
    state.overdue, state.end_item = parent.overdue, parent.end_item
    state.unscheduled = parent.unscheduled
    forced = dict.fromkeys(changed)
    if not forced:
        return
    new, structure = state.assessment, state.structure
    index = structure.index(new)
    locations, order_index = index.locations, index.order_index
    scheduler = Scheduler(structure, state.moment, state.zone)
    scheduled_changes: dict[str, Any] = {}
    decided_changes: dict[str, Any] = {}

    def entry_of(node: str) -> ScheduledWork | None:
        if node in scheduled_changes:
            value = scheduled_changes[node]
            return None if value is GONE else cast(ScheduledWork, value)
        return cast(ScheduledWork | None, parent.scheduled.get(node))

    def decided_of(node: str) -> str | None:
        if node in decided_changes:
            value = decided_changes[node]
            return None if value is GONE else cast(str, value)
        return cast(str | None, parent.decided.get(node))

    offset = len(structure.order)
    queue = [(order_index[node], node) for node in forced]
    heapq.heapify(queue)
    done: set[str] = set()
    changed_items: list[str] = []
    changed_phases: list[str] = []
    while queue:
        position, node = heapq.heappop(queue)
        if node in done:
            continue
        done.add(node)
        location = locations.get(node)
        record: object
        projected: tuple[ScheduledWork, str | None] | None
        if location is not None:
            attr, group_index, at = location
            group = getattr(new, attr)[group_index]
            record = group.items[at]
            if CLOSED[group.items[at].status.progress]:
                projected = None
            else:
                holding = group if attr == "phases" else None
                projected = scheduler.item(group.items[at], holding, entry_of)
        else:
            record = new.phases[index.group_index[node]]
            projected = scheduler.phase(new.phases[index.group_index[node]], entry_of)
        entry, decided_by = projected if projected is not None else (None, None)
        moved = entry != entry_of(node) or decided_by != decided_of(node)
        if moved or node in forced:
            key = position if location is not None else offset + position
            check(Scope.SCHEDULE, key, record, entry)
        if not moved:
            continue
        scheduled_changes[node] = GONE if entry is None else entry
        decided_changes[node] = GONE if decided_by is None else decided_by
        (changed_items if location is not None else changed_phases).append(node)
        for dependent in index.dependents.get(node, ()):
            if dependent not in done:
                heapq.heappush(queue, (order_index[dependent], dependent))
    if not scheduled_changes:
        return
    state.scheduled = parent.scheduled.updated(scheduled_changes)
    state.decided = parent.decided.updated(decided_changes)
    item_works: dict[int, tuple[ScheduledWork, ...]] = {}
    phase_works: dict[int, tuple[ScheduledWork, ...]] = {}
    overdue: dict[int, tuple[str, ...]] = {}
    unscheduled: dict[int, tuple[str, ...]] = {}
    for nodes, works, shift in (
        (changed_items, item_works, 0),
        (changed_phases, phase_works, offset),
    ):
        for node in nodes:
            position = order_index[node]
            entry = entry_of(node)
            works[position] = () if entry is None else (entry,)
            overdue[shift + position] = (node,) if entry is not None and entry.overdue else ()
            if not shift:
                unscheduled[position] = (node,) if entry is not None and not entry.scheduled else ()
    state.scheduled_items = parent.scheduled_items.replace(item_works)
    state.scheduled_phases = parent.scheduled_phases.replace(phase_works)
    state.overdue = parent.overdue.replace(overdue)
    state.unscheduled = parent.unscheduled.replace(unscheduled)
    state.end_item = _end_item(parent.end_item, changed_items, entry_of, order_index, state)


def _end_item(
    previous: str | None,
    changed: Sequence[str],
    entry_of: Callable[[str], ScheduledWork | None],
    order_index: Mapping[str, int],
    state: State,
) -> str | None:
    """The first open item, in dependency order, with the latest finish."""
    if previous is not None and previous not in changed:
        best = previous
        best_entry = entry_of(previous)
        assert best_entry is not None  # noqa: S101  (an unchanged entry is still there)
        for node in changed:
            entry = entry_of(node)
            if entry is None:
                continue
            if entry.finish > best_entry.finish or (
                entry.finish == best_entry.finish and order_index[node] < order_index[best]
            ):
                best, best_entry = node, entry
        return best
    return end_item_of(state)
