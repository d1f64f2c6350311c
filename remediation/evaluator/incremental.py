"""An incremental evaluation: a variant's values, from its source's state, recomputing what changed.

A variant differs from its source in some records' values, never in ids or
references (:mod:`remediation.evaluator.changes` decides that). Only what
depends on the changed records is computed again, by the same functions as
a full evaluation: the changed items and their groups, what waits for them,
the gaps and root causes they address, the criteria and test runs reading
changed evidence, the schedule of what follows them, the findings of the
rules on each of these, and everything of the assessment scope. Every other
value is shared with the source's evaluation.
"""

from __future__ import annotations

from remediation.evaluation.claims import ItemTally
from remediation.evaluation.composites import with_composites
from remediation.evaluation.coverage import evaluate_gap, evaluate_root_cause
from remediation.evaluation.criteria import criterion_roles, evaluate_criterion, evaluate_test_run
from remediation.evaluation.keyed import Edited, EvidenceOf, spliced
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
from remediation.evaluation.results import Evaluation, Finding, ItemEvaluation
from remediation.evaluation.risks import evaluate_risks
from remediation.evaluator.changes import Change
from remediation.evaluator.full import (
    acceptance,
    conclude,
    counts_addressed,
    slips_after,
    total_progress,
)
from remediation.evaluator.reschedule import reschedule
from remediation.evaluator.state import State, schedule_of, standing_of
from remediation.graph.index import PlanIndex
from remediation.graph.structure import share_structure
from remediation.model.records import Assessment, TestRunEvidence, WorkItem
from remediation.model.status import Progress
from remediation.rules.catalogue import Scope
from remediation.rules.context import Context

__all__ = ["evaluate_incremental"]

_DONE = Progress.DONE
_ROLES = (OPEN, BLOCKED, ACTIONABLE, CRITICAL, CLOSED_WITHOUT_FIX, UNACCEPTED, UNSTATED)


def _record_in(assessment: Assessment, index: PlanIndex, item_id: str) -> WorkItem:
    attr, group, position = index.locations[item_id]
    items: tuple[WorkItem, ...] = getattr(assessment, attr)[group].items
    return items[position]


def evaluate_incremental(  # noqa: PLR0915  (the steps read in the order the change spreads)
    parent: State, new: Assessment, change: Change
) -> State:
    """The state of *new*, which is ``parent.assessment`` with *change*, from *parent*."""
    old = parent.assessment
    structure = parent.structure
    index = structure.index(new)
    before = parent.evaluation
    moment = parent.moment
    locations = index.locations
    rules = parent.rules

    def progress_of(node: str) -> Progress | None:
        location = locations.get(node)
        if location is None:
            return None
        attr, group, position = location
        progress: Progress = getattr(new, attr)[group].items[position].status.progress
        return progress

    def closed_of(node: str) -> bool | None:
        progress = progress_of(node)
        return None if progress is None else CLOSED[progress]

    accepts = acceptance(rules.policy.closing_policy, moment)
    closing = rules.policy.closing_policy

    def is_done(item_id: str) -> bool:
        return _record_in(new, index, item_id).status.progress is _DONE

    item_changes: dict[int, ItemEvaluation] = {}
    source_tally = parent.tally

    def tally_of(evaluation: Evaluation) -> ItemTally:
        if source_tally is None:
            return ItemTally.of(evaluation.items)
        return source_tally.changed(
            (before.items[position], result) for position, result in item_changes.items()
        )

    context = Context(
        as_of=moment,
        assessment=new,
        policy=rules.policy,
        structure=structure,
        closed=closed_of,
        tally_of=tally_of,
    )
    state = State()
    state.assessment, state.moment, state.structure, state.rules = new, moment, structure, rules
    state.zone = parent.zone
    findings: dict[int, tuple[Finding, ...]] = {}

    def check(scope: Scope, position: int, record: object, result: object) -> None:
        """Run the rules of *scope* on one subject again (``None``: it is gone)."""
        for active in rules.by_scope[scope]:
            findings[active.base + position] = (
                () if result is None else rules.run(active, record, result, context)
            )

    # Items whose own record changed, and the groups holding them.
    closed_changed: list[str] = []
    done_changed: list[str] = []
    touched_groups: dict[tuple[str, int], None] = dict.fromkeys(change.groups)
    for item_id in dict.fromkeys(change.items):
        was = _record_in(old, index, item_id).status.progress
        now = _record_in(new, index, item_id).status.progress
        if CLOSED[was] is not CLOSED[now]:
            closed_changed.append(item_id)
        if (was is _DONE) is not (now is _DONE):
            done_changed.append(item_id)
        attr, group, _position = locations[item_id]
        touched_groups[attr, group] = None

    phases = Edited(before.phases)
    next_steps = Edited(before.next_steps)
    phase_sums = Edited(parent.phase_sums)
    complete_changed: list[str] = []
    for attr, group_index in touched_groups:
        group = getattr(new, attr)[group_index]
        result, sums = evaluate_group(group, accepts)
        if attr == "phases":
            if phases[group_index].complete is not result.complete:
                complete_changed.append(group.id)
            phases[group_index] = result
            phase_sums[group_index] = sums
            check(Scope.PHASE, group_index, group, result)
        else:
            next_steps[group_index] = result

    def complete_of(phase_id: str) -> bool:
        return phases[index.group_index[phase_id]].complete

    # Gaps, root causes, criteria and test runs that read a changed record.
    evidence_changed = dict.fromkeys(change.evidence)
    gap_ids: dict[str, None] = {}
    root_ids: dict[str, None] = {}
    # The why steps never change in a what-if (see changes): their context is the source's.
    state.why = why = parent.why
    above, elsewhere, below = why
    for item_id in done_changed:
        for target in index.addresses.get(item_id, ()):
            if target in index.gap_index:
                gap_ids[target] = None
            elif target in index.root_index:
                root_ids[target] = None
            root_ids.update(dict.fromkeys(below.get(target, ())))
    for evidence_id in evidence_changed:
        gap_ids.update(dict.fromkeys(index.measured_gaps.get(evidence_id, ())))
    evidence = EvidenceOf(new.evidence, index.evidence_index)
    gaps = Edited(before.gaps)
    open_gap_changes: dict[int, tuple[str, ...]] = {}
    gap_closed_changed: list[str] = []
    for gap_id in gap_ids:
        position = index.gap_index[gap_id]
        gap_record = new.gaps[position]
        result_gap = evaluate_gap(gap_record, structure, is_done, evidence)
        if result_gap.closed is not gaps[position].closed:
            gap_closed_changed.append(gap_id)
            open_gap_changes[position] = () if result_gap.closed else (gap_id,)
        gaps[position] = result_gap
        check(Scope.GAP, position, gap_record, result_gap)
    root_causes = Edited(before.root_causes)
    unaddressed_changes: dict[int, tuple[str, ...]] = {}
    for cause in root_ids:
        position = index.root_index[cause]
        result_root = evaluate_root_cause(cause, structure, is_done, above, elsewhere)
        counted = counts_addressed(result_root, closing)
        if counted is not counts_addressed(root_causes[position], closing):
            unaddressed_changes[position] = () if counted else (cause,)
        root_causes[position] = result_root
        if rules.by_scope[Scope.ROOT_CAUSE]:
            step = next(step for step in new.why if step.id == cause)
            check(Scope.ROOT_CAUSE, position, step, result_root)

    criterion_ids = dict.fromkeys(change.criteria)
    for evidence_id in evidence_changed:
        criterion_ids.update(dict.fromkeys(index.sourced_criteria.get(evidence_id, ())))
    criteria = Edited(before.criteria)
    unmet_changes: dict[int, tuple[str, ...]] = {}
    unmeasured_changes: dict[int, tuple[str, ...]] = {}
    touched_criteria = [index.criterion_index[criterion_id] for criterion_id in criterion_ids]
    for position in touched_criteria:
        criteria[position] = evaluate_criterion(new.criteria[position], evidence)
    if touched_criteria:
        # Composites follow their members (risks do not change in a what-if).
        resolved = with_composites(new.criteria, criteria.values(), before.risks)
        for position, result_criterion in enumerate(resolved):
            if result_criterion is not criteria[position]:
                criteria[position] = result_criterion
                if before.criteria[position] != result_criterion:
                    touched_criteria.append(position)
    for position in dict.fromkeys(touched_criteria):
        record = new.criteria[position]
        result_criterion = criteria[position]
        criterion_id = record.id
        is_unmet, is_unmeasured = criterion_roles(result_criterion)
        unmet_changes[position] = (criterion_id,) if is_unmet else ()
        unmeasured_changes[position] = (criterion_id,) if is_unmeasured else ()
        check(Scope.CRITERION, position, record, result_criterion)
    test_runs = Edited(before.test_runs)
    for evidence_id in evidence_changed:
        position_run = index.test_run_index.get(evidence_id)
        if position_run is None:
            continue
        run = evidence[evidence_id]
        assert isinstance(run, TestRunEvidence)  # noqa: S101  (the index holds test runs only)
        test_runs[position_run] = evaluate_test_run(run)
        check(Scope.TEST_RUN, position_run, run, test_runs[position_run])

    # Items to evaluate again: the changed ones and everything waiting on what changed.
    dirty = dict.fromkeys(change.items)
    for node in (*closed_changed, *done_changed, *complete_changed):
        for dependent in index.dependents.get(node, ()):
            if dependent in locations:
                dirty[dependent] = None
    for gap_id in gap_closed_changed:
        dirty.update(dict.fromkeys(index.blocks.get(gap_id, ())))
    gap_closed = {gap.id: gap.closed for gap in (gaps[index.gap_index[g]] for g in gap_ids)}

    def gap_closed_of(gap_id: str) -> bool:
        if gap_id in gap_closed:
            return gap_closed[gap_id]
        return gaps[index.gap_index[gap_id]].closed

    role_changes: dict[int, dict[int, tuple[str, ...]]] = {role: {} for role in _ROLES}
    for item_id in dirty:
        position = index.item_index[item_id]
        attr, group_index, _at = locations[item_id]
        item = _record_in(new, index, item_id)
        (result_item,) = evaluate_items(
            (item,),
            getattr(new, attr)[group_index].id,
            structure,
            progress_of,
            complete_of,
            gap_closed_of,
            accepts,
        )
        check(Scope.ITEM, position, item, result_item)
        previous_item = before.items[position]
        if result_item == previous_item:
            continue
        item_changes[position] = result_item
        was_roles, roles = item_roles(previous_item), item_roles(result_item)
        for role, changes in role_changes.items():
            if (was_roles ^ roles) & role:
                changes[position] = (item_id,) if roles & role else ()

    state.open_items = parent.open_items.replace(role_changes[OPEN])
    state.blocked = parent.blocked.replace(role_changes[BLOCKED])
    state.actionable = parent.actionable.replace(role_changes[ACTIONABLE])
    state.critical = parent.critical.replace(role_changes[CRITICAL])
    state.without_fix = parent.without_fix.replace(role_changes[CLOSED_WITHOUT_FIX])
    state.unaccepted = parent.unaccepted.replace(role_changes[UNACCEPTED])
    state.unstated = parent.unstated.replace(role_changes[UNSTATED])
    state.unmet = parent.unmet.replace(unmet_changes)
    state.unmeasured = parent.unmeasured.replace(unmeasured_changes)
    state.unaddressed = parent.unaddressed.replace(unaddressed_changes)
    state.open_gaps = parent.open_gaps.replace(open_gap_changes)
    state.phase_sums = phase_sums.values()
    state.risks = evaluate_risks(new, rules.policy.matrix, moment.date(), is_done)

    reschedule(parent, state, (*change.items, *closed_changed), check)
    state.findings = parent.findings.replace(findings)

    items = spliced(before.items, item_changes)
    criteria_tuple = criteria.values()
    draft = Evaluation(
        assessment=new.id,
        issue=new.issue,
        as_of=moment,
        progress=total_progress(state.phase_sums) if touched_groups else before.progress,
        items=items,
        phases=phases.values(),
        next_steps=next_steps.values(),
        criteria=criteria_tuple,
        gaps=gaps.values(),
        root_causes=root_causes.values(),
        test_runs=test_runs.values(),
        schedule=(
            before.schedule
            if state.scheduled is parent.scheduled and state.decided is parent.decided
            else schedule_of(state)
        ),
        recommendation=recommend(
            new, criteria_tuple, standing_of(state), rules.policy.closing_policy
        ),
        findings=(),
        blocked=state.blocked.values,
        actionable=state.actionable.values,
        overdue=state.overdue.values,
        timeline=before.timeline,  # a changed timeline is no what-if (see changes)
        milestones=before.milestones,  # nor are changed milestones
        unstated=state.unstated.values,
        risks=state.risks,
        slips=slips_after(
            before.slips,
            (
                (_record_in(old, index, item_id), _record_in(new, index, item_id))
                for item_id in dict.fromkeys(change.items)
            ),
            new,
            moment,
            is_done,
        ),
    )
    conclude(state, draft, context, source=old)
    if state.tally is None and source_tally is not None:
        state.tally = tally_of(draft)  # kept for the next what-if, though no rule counted
    share_structure(old, new)
    return state
