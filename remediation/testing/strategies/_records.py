"""Strategies for the records of a plan: why trees, work items, phases, gaps, criteria and more.

Each record refers only to the ids it is given, so that a whole assessment
drawn from them is referentially valid and acyclic.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from decimal import Decimal

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from remediation.model.deadline import as_moment
from remediation.model.quantity import Quantity, parse_quantity
from remediation.model.records import (
    STATUS_FILTERS,
    ChecklistEntry,
    Claim,
    ClaimScope,
    Counted,
    Criterion,
    CriterionCategory,
    Decision,
    Gap,
    MetricSource,
    NextStep,
    Phase,
    RationalePoint,
    Replan,
    StatedRecommendation,
    StateMetric,
    TestRunQuantity,
    WhyStep,
    WorkItem,
)
from remediation.model.status import Status
from remediation.testing.strategies._quantities import _percentages, durations, targets
from remediation.testing.strategies._references import _dependencies, _subset
from remediation.testing.strategies._statuses import statuses
from remediation.testing.strategies._values import (
    _FINITE,
    _optional,
    _text_tuple,
    dates,
    datetimes,
    due_dates,
    extra_fields,
    texts,
)

__all__ = [
    "checklist_entries",
    "claims",
    "criteria",
    "gaps",
    "next_steps",
    "phases",
    "recommendations",
    "state_metrics",
    "why_steps",
    "why_trees",
    "work_items",
]


@st.composite
def why_steps(
    draw: st.DrawFn,
    step_id: str,
    deeper: Sequence[str],
    evidence_ids: Sequence[str] = (),
    *,
    cause: str | None = None,
) -> WhyStep:
    """A why step whose causes are among the *deeper* steps, *cause* first if given."""
    others = _subset(draw, [d for d in deeper if d != cause], max_size=2 if cause is None else 1)
    return WhyStep(
        id=step_id,
        question=draw(texts()),
        finding=draw(texts()),
        evidence=_subset(draw, evidence_ids),
        causes=others if cause is None else (cause, *others),
        observations=draw(_text_tuple()),
        extra=draw(extra_fields()),
    )


def why_trees(
    step_ids: Sequence[str],
    *,
    min_depth: int = 1,
    max_depth: int | None = None,
    evidence_ids: Sequence[str] = (),
) -> st.SearchStrategy[tuple[WhyStep, ...]]:
    """A five-whys analysis over *step_ids*: first question first, acyclic, of bounded depth.

    The depth is the number of steps on the longest chain of causes; it is
    drawn from *min_depth* to *max_depth* (at most one a step). Steps sit at
    levels 0 to depth - 1, in order; a step names as causes only steps at a
    deeper level, and the first step of each level is caused by the first of
    the next, so the depth is exactly the one drawn. Shrinking flattens the
    tree towards a single level of root causes.

    Examples:
        >>> from hypothesis import find
        >>> steps = find(why_trees(["w1", "w2", "w3"], min_depth=3), lambda steps: True)
        >>> [(step.id, step.causes) for step in steps]
        [('w1', ('w2',)), ('w2', ('w3',)), ('w3', ())]
    """
    count = len(step_ids)
    if len(set(step_ids)) != count:
        msg = f"step_ids: expected distinct ids, got {list(step_ids)!r}"
        raise InvalidArgument(msg)
    if count and not 1 <= min_depth <= count:
        msg = f"min_depth: expected 1 to {count} (one level a step), got {min_depth}"
        raise InvalidArgument(msg)
    if max_depth is not None and max_depth < min_depth:
        msg = f"max_depth: expected at least min_depth ({min_depth}), got {max_depth}"
        raise InvalidArgument(msg)
    if not count:
        return st.just(())
    return _why_trees(
        tuple(step_ids), min_depth, count if max_depth is None else min(count, max_depth),
        tuple(evidence_ids),
    )  # fmt: skip


@st.composite
def _why_trees(
    draw: st.DrawFn,
    step_ids: tuple[str, ...],
    min_depth: int,
    max_depth: int,
    evidence_ids: tuple[str, ...],
) -> tuple[WhyStep, ...]:
    count = len(step_ids)
    depth = draw(st.integers(min_depth, max_depth))
    more = st.lists(st.integers(0, depth - 1), min_size=count - depth, max_size=count - depth)
    levels = sorted([*range(depth), *draw(more)])
    first_of: dict[int, int] = {}
    for index, level in enumerate(levels):
        first_of.setdefault(level, index)
    steps = []
    for index, (step_id, level) in enumerate(zip(step_ids, levels, strict=True)):
        deeper = [step_ids[j] for j in range(index + 1, count) if levels[j] > level]
        chained = first_of[level] == index and level + 1 < depth
        cause = step_ids[first_of[level + 1]] if chained else None
        steps.append(draw(why_steps(step_id, deeper, evidence_ids, cause=cause)))
    return tuple(steps)


@st.composite
def work_items(
    draw: st.DrawFn,
    item_id: str,
    *,
    earlier: Sequence[str] = (),
    addressable: Sequence[str] = (),
    evidence_ids: Sequence[str] = (),
    status: st.SearchStrategy[Status] | None = None,
    dependency_density: float | None = None,
) -> WorkItem:
    """A work item depending only on *earlier* items, addressing gaps or why steps.

    *status* draws its status (any, by default); *dependency_density* is as
    in :func:`assessments`.
    """
    due = draw(_optional(due_dates()))
    replans: list[Replan] = []
    if due is not None:
        replans = draw(st.lists(due_dates().map(lambda d: Replan(as_moment(d))), max_size=2))
    return WorkItem(
        id=item_id,
        title=draw(texts()),
        status=draw(statuses() if status is None else status),
        kind=draw(_optional(st.sampled_from(["component", "area", "mitigate", "prevent"]))),
        fraction=draw(_optional(st.floats(min_value=0, max_value=1))),
        weight=draw(st.floats(min_value=0, max_value=1e6)),
        evidence=_subset(draw, evidence_ids),
        impact=draw(_optional(texts())),
        requirement=draw(_optional(texts())),
        tasks=draw(_text_tuple()),
        depends_on=_dependencies(draw, earlier, dependency_density, max_size=3),
        addresses=_subset(draw, addressable),
        estimate=draw(_optional(durations())),
        owner=draw(_optional(texts())),
        due=due,
        replans=replans,
        done_on=draw(_optional(due_dates())),
        links=draw(st.lists(st.just("https://tracker.example/1176"), max_size=1).map(tuple)),
        justification=draw(_optional(texts())),
        extra=draw(extra_fields()),
    )


@st.composite
def phases(
    draw: st.DrawFn,
    phase_id: str,
    items: Sequence[WorkItem],
    earlier: Sequence[str] = (),
    *,
    dependency_density: float | None = None,
) -> Phase:
    """A phase holding *items*, depending only on *earlier* phases."""
    return Phase(
        id=phase_id,
        title=draw(texts()),
        items=tuple(items),
        number=draw(_optional(st.integers(min_value=0, max_value=99))),
        timebox=draw(_optional(durations())),
        stated_status=draw(_optional(statuses())),
        depends_on=_dependencies(draw, earlier, dependency_density, max_size=2),
        start=draw(_optional(datetimes())),
        due=draw(_optional(dates())),
        extra=draw(extra_fields()),
    )


@st.composite
def next_steps(draw: st.DrawFn, step_id: str, items: Sequence[WorkItem]) -> NextStep:
    """A group of next steps holding *items*."""
    return NextStep(
        id=step_id,
        title=draw(texts()),
        items=tuple(items),
        window=draw(_optional(st.sampled_from(["Week 1", "Week 2-3", "Q3", "Sprint 12"]))),
        priority=draw(_optional(st.sampled_from(["High Priority", "P0", "low"]))),
        extra=draw(extra_fields()),
    )


@st.composite
def gaps(
    draw: st.DrawFn,
    gap_id: str,
    *,
    test_runs: Sequence[str] = (),
    measurements: Sequence[str] = (),
    blockable: Sequence[str] = (),
    evidence_ids: Sequence[str] = (),
) -> Gap:
    """A gap, measured by a test run or a measurement if any, with a threshold."""
    measurement = (
        draw(_optional(st.sampled_from([*test_runs, *measurements])))
        if (test_runs or measurements)
        else None
    )
    quantity = (
        draw(_optional(st.sampled_from(TestRunQuantity))) if measurement in test_runs else None
    )
    return Gap(
        id=gap_id,
        title=draw(texts()),
        description=draw(texts()),
        measurement=measurement,
        quantity=quantity,
        threshold=draw(_optional(targets())),
        blocks=_subset(draw, blockable),
        evidence=_subset(draw, evidence_ids),
        extra=draw(extra_fields()),
    )


@st.composite
def criteria(
    draw: st.DrawFn,
    criterion_id: str,
    *,
    test_runs: Sequence[str] = (),
    measurements: Sequence[str] = (),
    evidence_ids: Sequence[str] = (),
) -> Criterion:
    """A metric (current stated, taken from evidence, or unknown), or a yes/no condition.

    A metric's target, baseline and current value in percent are from 0 to 100.
    """
    shape = draw(st.sampled_from(["condition", "current", "current_from", "unmeasured"]))
    if shape == "current_from" and not (test_runs or measurements):
        shape = "current"
    target = None if shape == "condition" else draw(targets())
    values = _percentages() if target is not None and target.unit == "%" else _FINITE
    current = current_from = observed = None
    if shape == "condition":
        observed = draw(_optional(st.booleans()))
    elif shape == "current":
        current = draw(values)
    elif shape == "current_from":
        source = draw(st.sampled_from([*test_runs, *measurements]))
        quantity = (
            draw(_optional(st.sampled_from(TestRunQuantity))) if source in test_runs else None
        )
        current_from = MetricSource(evidence=source, quantity=quantity)
    return Criterion(
        id=criterion_id,
        title=draw(texts()),
        category=draw(st.sampled_from(CriterionCategory)),
        target=target,
        baseline=None if target is None else draw(_optional(values)),
        current=current,
        current_from=current_from,
        observed=observed,
        stated_met=draw(_optional(st.booleans())),
        window=draw(_optional(durations())),
        evidence=_subset(draw, evidence_ids),
        description=draw(texts()),
        extra=draw(extra_fields()),
    )


def claim_scopes(groups: Sequence[str] = ()) -> st.SearchStrategy[ClaimScope]:
    """A count the records give: of a kind of record, of one of its statuses or not.

    A count of items may be narrowed to some of *groups* (phase and next-step ids).
    """
    within = (
        st.lists(st.sampled_from(tuple(groups)), unique=True, max_size=2).map(tuple)
        if groups
        else st.just(())
    )
    return st.sampled_from(Counted).flatmap(
        lambda counted: st.builds(
            ClaimScope,
            count=st.just(counted),
            within=within if counted is Counted.ITEMS else st.just(()),
            status=st.none() | st.sampled_from(STATUS_FILTERS[counted]),
        )
    )


def claims(claim_id: str, groups: Sequence[str] = ()) -> st.SearchStrategy[Claim]:
    """A figure stated in the prose: a count of a scope, or a figure of a named key.

    A count of items may be narrowed to some of *groups* (phase and next-step ids).
    """
    counts = st.integers(min_value=0, max_value=100).map(lambda n: Quantity(Decimal(n)))
    return st.one_of(
        st.builds(
            Claim,
            id=st.just(claim_id),
            value=counts,
            scope=claim_scopes(groups),
            quote=texts(),
        ),
        st.builds(
            Claim,
            id=st.just(claim_id),
            value=counts | st.sampled_from(_FIGURES).map(parse_quantity),
            key=st.sampled_from(("budget", "queries")),
            quote=texts(),
        ),
    )


_FIGURES = (
    "~15K",
    "13,337",
    "$2M",
    "5–8 validators",
    "at least 3",
    "250 ms ± 10%",
    "1.5x",
    "about 1 in 3",
    "20%",
)


def checklist_entries(refs: Sequence[str] = ()) -> st.SearchStrategy[ChecklistEntry]:
    """A tracking checklist line referring to some of *refs*."""
    ref_lists = st.lists(st.sampled_from(refs), unique=True, max_size=2) if refs else st.just([])
    return st.builds(ChecklistEntry, text=texts(), checked=st.booleans(), refs=ref_lists)


@functools.cache
def state_metrics() -> st.SearchStrategy[StateMetric]:
    """A line of the current-state metrics."""
    return st.builds(StateMetric, title=texts(), status=statuses(), text=texts())


@functools.cache
def recommendations() -> st.SearchStrategy[StatedRecommendation]:
    """The document's own recommendation."""
    return st.builds(
        StatedRecommendation,
        decision=st.sampled_from(Decision),
        summary=texts(),
        rationale=st.lists(st.builds(RationalePoint, title=texts(), text=texts()), max_size=3),
    )
