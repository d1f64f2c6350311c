"""A full evaluation: every derived value of an assessment, in one pass in document order.

Each value is computed by the one function that defines it
(:mod:`remediation.evaluation` for results, :mod:`remediation.rules` for
findings); this module only decides the order and fills the bookkeeping of
:class:`~remediation.evaluator.state.State`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from remediation.evaluation.claims import ItemTally
from remediation.evaluation.composites import with_composites
from remediation.evaluation.coverage import (
    causes_above,
    evaluate_gap,
    evaluate_root_cause,
)
from remediation.evaluation.criteria import criterion_roles, evaluate_criterion, evaluate_test_run
from remediation.evaluation.keyed import Keyed, KeyedList, Overlay
from remediation.evaluation.milestones import (
    MilestoneEvaluation,
    evaluate_item_plan,
    evaluate_milestone,
)
from remediation.evaluation.progress import (
    ACTIONABLE,
    BLOCKED,
    CLOSED,
    CLOSED_WITHOUT_FIX,
    CRITICAL,
    OPEN,
    UNACCEPTED,
    UNSTATED,
    evaluate_group,
    evaluate_items,
    item_roles,
)
from remediation.evaluation.recommendation import recommend
from remediation.evaluation.results import (
    CoverageState,
    Evaluation,
    Finding,
    ItemEvaluation,
    PhaseEvaluation,
    RootCauseCoverage,
)
from remediation.evaluation.risks import evaluate_risks
from remediation.evaluation.schedule import ScheduledWork, Scheduler
from remediation.evaluation.timeline import evaluate_timeline
from remediation.evaluator.state import (
    State,
    WhyContext,
    end_item_of,
    schedule_of,
    standing_of,
)
from remediation.graph.structure import Structure
from remediation.model.policy import ClosingPolicy
from remediation.model.records import Assessment, NextStep, Phase, TestRunEvidence, WorkItem
from remediation.model.status import Progress
from remediation.rules.catalogue import Scope
from remediation.rules.context import Context
from remediation.rules.ruleset import RuleSet, Subjects

__all__ = [
    "acceptance",
    "conclude",
    "counts_addressed",
    "evaluate_full",
    "item_slips",
    "slips_after",
    "total_progress",
    "why_context",
]


def why_context(assessment: Assessment, root_causes: Sequence[str]) -> WhyContext:
    """The causes above each why step, its links to work elsewhere, and the roots below it."""
    if not assessment.why:
        return WhyContext({}, {}, {})
    elsewhere = {s.id: s.addressed_elsewhere for s in assessment.why if s.addressed_elsewhere}
    above = causes_above(assessment.why)
    below: dict[str, list[str]] = {}
    for root in root_causes:
        for upper in above.get(root, ()):
            below.setdefault(upper, []).append(root)
    return WhyContext(above, elsewhere, below)


def counts_addressed(coverage: RootCauseCoverage, closing: ClosingPolicy) -> bool:
    """Whether the closing policy counts a root cause as addressed."""
    state = coverage.state
    if state is CoverageState.MITIGATED:
        return closing.accept_mitigated
    return state is not CoverageState.UNADDRESSED


def acceptance(closing: ClosingPolicy, moment: dt.datetime) -> Callable[[WorkItem], bool]:
    """Whether *closing* accepts an item's closure without a fix as of *moment*."""
    day = moment.date()

    def accepts(item: WorkItem) -> bool:
        return closing.accepts(item, day)

    return accepts


def total_progress(phase_sums: Iterable[tuple[float, float]]) -> float:
    """Weighted mean credit of all phase items, from each phase's sums (exactly rounded)."""
    sums = phase_sums if isinstance(phase_sums, list | tuple) else tuple(phase_sums)
    weight = math.fsum(map(_second, sums))
    return math.fsum(map(_first, sums)) / weight if weight else 0.0


_first, _second = operator.itemgetter(0), operator.itemgetter(1)


def _keyed(found: KeyedList) -> Keyed:
    """The findings in key order (stable: a check's findings on one subject keep their order)."""
    keys, values = found.keys, found.values
    if all(map(operator.le, keys, itertools.islice(keys, 1, None))):
        return found.keyed()
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return Keyed(tuple(map(keys.__getitem__, order)), tuple(map(values.__getitem__, order)))


def evaluate_full(  # noqa: PLR0915  (one pass in document order, kept together)
    assessment: Assessment,
    structure: Structure,
    moment: dt.datetime,
    rules: RuleSet,
    zone: dt.tzinfo | None = None,
) -> State:
    """Every derived value of *assessment* as of *moment*, and the state behind them.

    *moment* is a wall-clock time in *zone* (UTC when ``None``), as
    :func:`~remediation.evaluator.evaluator.as_datetime` makes it.
    """
    evidence = {e.id: e for e in assessment.evidence}
    groups: tuple[Phase | NextStep, ...] = (*assessment.phases, *assessment.next_steps)
    item_records: list[WorkItem] = [item for group in groups for item in group.items]
    # Each item's progress by id; whether it is closed, or done, follows from it.
    item_ids = list(map(_ID, item_records))
    progresses = [item.status.progress for item in item_records]
    progress_map = dict(zip(item_ids, progresses, strict=True))

    def is_done(item_id: str) -> bool:
        return progress_map[item_id] is _DONE

    def closed(record_id: str) -> bool | None:
        progress = progress_map.get(record_id)
        return None if progress is None else CLOSED[progress]

    accepts = acceptance(rules.policy.closing_policy, moment)
    phases: list[PhaseEvaluation] = []
    phase_sums: list[tuple[float, float]] = []
    for phase in assessment.phases:
        phase_result, sums = evaluate_group(phase, accepts)
        phases.append(phase_result)
        phase_sums.append(sums)
    next_steps = tuple(evaluate_group(step, accepts)[0] for step in assessment.next_steps)
    complete = {p.id: p.complete for p in phases}

    gaps = tuple(evaluate_gap(gap, structure, is_done, evidence) for gap in assessment.gaps)
    gap_closed = {gap.id: gap.closed for gap in gaps}
    why = why_context(assessment, structure.root_causes)
    above, elsewhere = why.above, why.elsewhere
    root_causes = tuple(
        evaluate_root_cause(cause, structure, is_done, above, elsewhere)
        for cause in structure.root_causes
    )
    criteria = tuple(evaluate_criterion(c, evidence) for c in assessment.criteria)
    risks = evaluate_risks(assessment, rules.policy.matrix, moment.date(), is_done)
    criteria = with_composites(assessment.criteria, criteria, risks)
    runs = [e for e in assessment.evidence if isinstance(e, TestRunEvidence)]
    test_runs = tuple(evaluate_test_run(run) for run in runs)

    state = State()
    state.assessment, state.moment, state.structure, state.rules = (
        assessment,
        moment,
        structure,
        rules,
    )
    state.zone = zone
    state.why = why
    roles: list[int] = []  # each item's (item_roles), filled below, before any rule counts

    def tally_of(evaluation: Evaluation) -> ItemTally:
        return ItemTally.of_roles(evaluation.items, roles)

    context = Context(
        as_of=moment,
        assessment=assessment,
        policy=rules.policy,
        structure=structure,
        closed=closed,
        tally_of=tally_of,
    )
    by_scope = rules.by_scope
    findings = KeyedList()

    def check(scope: Scope, subjects: Subjects) -> None:
        """Run the rules of *scope* on every subject (positions, records, results)."""
        rules.run_scope(scope, subjects, context, findings)

    items: list[ItemEvaluation] = []
    for group in groups:
        items.extend(
            evaluate_items(
                group.items,
                group.id,
                structure,
                progress_map.get,
                complete.__getitem__,
                gap_closed.__getitem__,
                accepts,
            )
        )
    check(Scope.ITEM, (range(len(items)), item_records, items))
    # The lists each item belongs to, by the bits of its roles: the items are grouped by
    # their roles in one pass (a plan has a few combinations), and each list is the
    # groups with its bit, merged in document order.
    roles.extend(map(item_roles, items))
    ids = item_ids
    by_roles: defaultdict[int, list[int]] = defaultdict(list)
    for index, item_role in enumerate(roles):
        by_roles[item_role].append(index)

    def having(role: int) -> Keyed:
        lists = [indexes for bits, indexes in by_roles.items() if bits & role]
        if not lists:
            return Keyed((), ())
        chosen = lists[0] if len(lists) == 1 else sorted(itertools.chain.from_iterable(lists))
        return Keyed(tuple(chosen), tuple(map(ids.__getitem__, chosen)))

    state.open_items = having(OPEN)
    state.blocked = having(BLOCKED)
    state.actionable = having(ACTIONABLE)
    state.critical = having(CRITICAL)
    state.without_fix = having(CLOSED_WITHOUT_FIX)
    state.unaccepted = having(UNACCEPTED)
    state.unstated = having(UNSTATED)
    open_work = dict(
        zip(state.open_items.values, _records_at(item_records, state.open_items), strict=True)
    )
    unmet, unmeasured = KeyedList(), KeyedList()
    for index, criterion in enumerate(criteria):
        is_unmet, is_unmeasured = criterion_roles(criterion)
        if is_unmet:
            unmet.add(index, criterion.id)
        elif is_unmeasured:
            unmeasured.add(index, criterion.id)
    state.unmet, state.unmeasured = unmet.keyed(), unmeasured.keyed()
    closing = rules.policy.closing_policy
    state.unaddressed = Keyed.of(
        (i, c.id) for i, c in enumerate(root_causes) if not counts_addressed(c, closing)
    )
    state.open_gaps = Keyed.of((i, g.id) for i, g in enumerate(gaps) if not g.closed)
    state.phase_sums = tuple(phase_sums)
    state.risks = risks

    check(Scope.PHASE, _numbered(assessment.phases, phases))
    check(Scope.TEST_RUN, _numbered(runs, test_runs))
    check(Scope.CRITERION, _numbered(assessment.criteria, criteria))
    check(Scope.GAP, _numbered(assessment.gaps, gaps))
    if by_scope[Scope.ROOT_CAUSE]:
        steps = {step.id: step for step in assessment.why}
        check(Scope.ROOT_CAUSE, _numbered([steps[c.id] for c in root_causes], root_causes))
    check(Scope.SCHEDULE, _schedule_all(assessment, state, open_work))

    state.findings = _keyed(findings)
    draft = Evaluation(
        assessment=assessment.id,
        issue=assessment.issue,
        as_of=moment,
        progress=total_progress(phase_sums),
        items=tuple(items),
        phases=tuple(phases),
        next_steps=next_steps,
        criteria=criteria,
        gaps=gaps,
        root_causes=root_causes,
        test_runs=test_runs,
        schedule=schedule_of(state),
        recommendation=recommend(
            assessment, criteria, standing_of(state), rules.policy.closing_policy
        ),
        findings=(),
        blocked=state.blocked.values,
        actionable=state.actionable.values,
        overdue=state.overdue.values,
        timeline=evaluate_timeline(assessment.timeline),
        milestones=tuple(evaluate_milestone(m, moment) for m in assessment.milestones),
        unstated=state.unstated.values,
        risks=risks,
        slips=item_slips(item_records, moment, is_done),
    )
    conclude(state, draft, context)
    return state


def item_slips(
    items: Iterable[WorkItem], moment: dt.datetime, is_done: Callable[[str], bool]
) -> tuple[MilestoneEvaluation, ...]:
    """The plan history of each of *items* re-planned or with a stated day of completion."""
    return tuple(
        evaluate_item_plan(item, moment, closed=is_done(item.id))
        for item in filter(_has_plan, items)
    )


def _has_plan(item: WorkItem) -> bool:
    return bool(item.replans) or item.done_on is not None


def slips_after(
    slips: tuple[MilestoneEvaluation, ...],
    changed: Iterable[tuple[WorkItem, WorkItem]],
    assessment: Assessment,
    moment: dt.datetime,
    is_done: Callable[[str], bool],
) -> tuple[MilestoneEvaluation, ...]:
    """*slips* of the source, with the items of *changed* (``(before, after)``) evaluated
    again; all of them again when an item gains or loses a plan history."""
    positions: dict[str, int] | None = None
    listed: list[MilestoneEvaluation] = []
    for was, now in changed:
        if _has_plan(was) is not _has_plan(now):
            return item_slips((item for _, item in assessment.iter_items()), moment, is_done)
        if not _has_plan(now):
            continue
        if positions is None:
            positions, listed = {s.id: i for i, s in enumerate(slips)}, list(slips)
        listed[positions[now.id]] = evaluate_item_plan(now, moment, closed=is_done(now.id))
    return slips if positions is None else tuple(listed)


def conclude(
    state: State, draft: Evaluation, context: Context, source: Assessment | None = None
) -> None:
    """Run the assessment-scope rules on *draft* and complete *state* with the findings.

    *draft* is the evaluation with every value but the findings; the findings
    of the record-scope rules are in ``state.findings`` already. With *source*
    (an incremental evaluation from that assessment), a rule that declares its
    ``inputs`` keeps its findings while those fields are the source's own.
    """
    rules = state.rules
    new = state.assessment
    changes: dict[int, tuple[Finding, ...]] = {}
    for active in rules.by_scope[Scope.ASSESSMENT]:
        inputs = active.rule.inputs
        if (
            source is not None
            and inputs is not None
            and all(getattr(new, name) is getattr(source, name) for name in inputs)
        ):
            continue  # what it reads is unchanged: its findings are the source's
        changes[active.base] = rules.run(active, new, draft, context)
    state.findings = state.findings.replace(changes)
    state.tally = context.known_tally
    state.evaluation = Evaluation(
        assessment=draft.assessment,
        issue=draft.issue,
        as_of=draft.as_of,
        progress=draft.progress,
        items=draft.items,
        phases=draft.phases,
        next_steps=draft.next_steps,
        criteria=draft.criteria,
        gaps=draft.gaps,
        root_causes=draft.root_causes,
        test_runs=draft.test_runs,
        schedule=draft.schedule,
        recommendation=draft.recommendation,
        findings=state.findings.values,
        blocked=draft.blocked,
        actionable=draft.actionable,
        overdue=draft.overdue,
        timeline=draft.timeline,
        milestones=draft.milestones,
        unstated=draft.unstated,
        risks=draft.risks,
        slips=draft.slips,
    )


_ID = operator.attrgetter("id")
_DONE = Progress.DONE


def _records_at(records: list[WorkItem], keyed: Keyed) -> Sequence[WorkItem]:
    """The records at the positions *keyed* holds."""
    positions = keyed.keys
    if not positions:
        return ()
    if len(positions) == 1:
        return (records[positions[0]],)
    return operator.itemgetter(*positions)(records)  # type: ignore[no-any-return]


def _numbered(records: Sequence[Any], results: Sequence[Any]) -> Subjects:
    return range(len(records)), records, results


def _schedule_all(
    assessment: Assessment,
    state: State,
    open_work: Mapping[str, WorkItem],
) -> Subjects:
    """Project every open item and phase; fill the schedule parts of *state*.

    *open_work* holds each open item by id. Returns the subjects of the
    schedule rules: each projection with its position and record.
    """
    structure, moment = state.structure, state.moment
    scheduler = Scheduler(structure, moment, state.zone)
    project = scheduler.item
    phases = {phase.id: phase for phase in assessment.phases}
    group_of = structure.groups.__getitem__
    scheduled: dict[str, ScheduledWork] = {}
    decided: dict[str, str] = {}
    entry_of = scheduled.get
    offset = len(structure.order)
    # The subjects of the schedule rules, side by side: the open items', then the phases'.
    positions: list[int] = []
    records: list[WorkItem | Phase] = []
    entries: list[ScheduledWork] = []
    phase_positions: list[int] = []
    phase_records: list[WorkItem | Phase] = []
    phase_entries: list[ScheduledWork] = []
    for position, node in enumerate(structure.order):
        work = open_work.get(node)
        if work is not None:
            entry, decided_by = project(work, phases.get(group_of(node)), entry_of)
            positions.append(position)
            records.append(work)
            entries.append(entry)
        else:
            phase = phases.get(node)
            if phase is None:
                continue  # a closed item
            projected = scheduler.phase(phase, entry_of)
            if projected is None:
                continue
            entry, decided_by = projected
            phase_positions.append(offset + position)
            phase_records.append(phase)
            phase_entries.append(entry)
        scheduled[node] = entry
        if decided_by is not None:
            decided[node] = decided_by
    state.scheduled = Overlay(scheduled)
    state.decided = Overlay(decided)
    state.scheduled_items = Keyed(tuple(positions), tuple(entries))
    state.scheduled_phases = Keyed(
        tuple(position - offset for position in phase_positions), tuple(phase_entries)
    )
    state.overdue = Keyed.of(
        [
            (position, work.id)
            for position, work in zip(positions, entries, strict=True)
            if work.overdue
        ]
        + [
            (position, work.id)
            for position, work in zip(phase_positions, phase_entries, strict=True)
            if work.overdue
        ]
    )
    state.unscheduled = Keyed.of(
        [
            (position, work.id)
            for position, work in zip(positions, entries, strict=True)
            if not work.scheduled
        ]
    )
    state.end_item = end_item_of(state)
    return (
        positions + phase_positions,
        records + phase_records,
        entries + phase_entries,
    )
