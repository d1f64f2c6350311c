"""What an evaluation keeps beside its result, so that a what-if can start from it."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from remediation.evaluation.claims import ItemTally
from remediation.evaluation.keyed import Keyed, Overlay
from remediation.evaluation.recommendation import Standing
from remediation.evaluation.results import Evaluation, RiskEvaluation
from remediation.evaluation.schedule import Schedule, ScheduledWork, critical_path
from remediation.graph.structure import Structure
from remediation.model.records import Assessment
from remediation.rules.ruleset import RuleSet

__all__ = ["State", "WhyContext", "schedule_of", "standing_of"]


class WhyContext(NamedTuple):
    """What the root-cause coverage reads of the why steps, besides the work."""

    above: dict[str, tuple[str, ...]]
    """For each step, the steps it explains (transitively)."""
    elsewhere: dict[str, tuple[str, ...]]
    """For each step linked to work outside the plan, those links."""
    below: dict[str, list[str]]
    """For each step, the root causes under it."""


class State:
    """An evaluation and the bookkeeping it takes to derive the evaluation of a variant.

    The id lists are :class:`~remediation.evaluation.keyed.Keyed`: values in
    document order beside their positions, so that a what-if replaces a few
    entries without walking the rest.
    """

    __slots__ = (
        "actionable",
        "assessment",
        "blocked",
        "critical",
        "decided",
        "end_item",
        "evaluation",
        "findings",
        "moment",
        "open_gaps",
        "open_items",
        "overdue",
        "phase_sums",
        "risks",
        "rules",
        "scheduled",
        "scheduled_items",
        "scheduled_phases",
        "structure",
        "tally",
        "unaccepted",
        "unaddressed",
        "unmeasured",
        "unmet",
        "unscheduled",
        "unstated",
        "why",
        "without_fix",
        "zone",
    )

    assessment: Assessment
    moment: dt.datetime
    zone: dt.tzinfo | None
    why: WhyContext
    """What the root-cause coverage reads of the why steps (they change only with the why
    steps, which a what-if never does)."""
    structure: Structure
    tally: ItemTally | None
    """The items per phase and status, if a rule counted them (see :class:`ItemTally`)."""
    rules: RuleSet
    evaluation: Evaluation
    findings: Keyed
    blocked: Keyed
    actionable: Keyed
    overdue: Keyed
    critical: Keyed
    without_fix: Keyed
    unaccepted: Keyed
    unstated: Keyed
    open_items: Keyed
    unmet: Keyed
    unmeasured: Keyed
    unaddressed: Keyed
    open_gaps: Keyed
    scheduled_items: Keyed
    scheduled_phases: Keyed
    unscheduled: Keyed
    scheduled: Overlay
    decided: Overlay
    end_item: str | None
    phase_sums: tuple[tuple[float, float], ...]
    risks: tuple[RiskEvaluation, ...]


def standing_of(state: State) -> Standing:
    """The lists the recommendation weighs, as *state* holds them."""
    return Standing(
        unmet=state.unmet.values,
        unmeasured=state.unmeasured.values,
        critical=state.critical.values,
        unaddressed=state.unaddressed.values,
        open_gaps=state.open_gaps.values,
        open_items=state.open_items.values,
        without_fix=state.without_fix.values,
        unaccepted=state.unaccepted.values,
        risks=state.risks,
    )


def _finish(work: ScheduledWork) -> dt.datetime:
    return work.finish


def end_item_of(state: State) -> str | None:
    """The first open item, in dependency order, with the latest finish."""
    works = state.scheduled_items.values
    return max(works, key=_finish).id if works else None


def schedule_of(state: State) -> Schedule:
    """The schedule of *state*: its open items and phases, finish and critical path.

    While some open work is unscheduled, no finish and no critical path are claimed.
    """
    end_item = state.end_item
    phases = state.scheduled_phases.values
    moment = state.moment
    if end_item is None:
        return Schedule(as_of=moment, phases=phases)
    unscheduled = state.unscheduled.values
    if unscheduled:
        return Schedule(
            as_of=moment,
            items=state.scheduled_items.values,
            phases=phases,
            unscheduled=unscheduled,
        )
    end = state.scheduled.get(end_item)
    return Schedule(
        as_of=moment,
        items=state.scheduled_items.values,
        phases=phases,
        finish=end.finish,
        critical_path=critical_path(
            end_item, state.decided.get, state.structure.groups.__contains__
        ),
    )
