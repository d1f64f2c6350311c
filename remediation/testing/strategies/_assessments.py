"""The strategy for whole, valid assessments, and its knobs.

Records are drawn one at a time, each referring only to records drawn before
it, so every plan is referentially valid and acyclic and shrinking can
delete any record.
"""

from __future__ import annotations

import math
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from remediation.model.records import (
    Assessment,
    Composite,
    CompositeMode,
    Criterion,
    MeasurementEvidence,
    NextStep,
    Phase,
    TestRunEvidence,
    WorkItem,
)
from remediation.model.status import Progress, Status
from remediation.testing.strategies._evidence import evidence
from remediation.testing.strategies._records import (
    checklist_entries,
    claims,
    criteria,
    gaps,
    next_steps,
    phases,
    recommendations,
    state_metrics,
    why_trees,
    work_items,
)
from remediation.testing.strategies._references import _many, _Names, _subset
from remediation.testing.strategies._statuses import statuses
from remediation.testing.strategies._values import (
    _optional,
    _text_tuple,
    dates,
    extra_fields,
    texts,
)

__all__ = ["assessments"]


def _check_size(name: str, low: int, high: int | None) -> None:
    if low < 0 or (high is not None and high < low):
        msg = f"{name}: expected 0 <= min <= max, got min {low}, max {high}"
        raise InvalidArgument(msg)


def _check_share(name: str, value: float | None) -> None:
    if value is not None and not 0 <= value <= 1:
        msg = f"{name}: expected a number from 0 to 1 (or None), got {value!r}"
        raise InvalidArgument(msg)


def assessments(
    *,
    min_phases: int = 0,
    max_phases: int = 3,
    min_items: int = 0,
    max_items: int = 4,
    max_next_steps: int = 2,
    max_evidence: int = 5,
    max_why: int = 5,
    min_why_depth: int = 0,
    max_why_depth: int | None = None,
    max_gaps: int = 3,
    max_criteria: int = 4,
    done_share: float | None = None,
    dependency_density: float | None = None,
) -> st.SearchStrategy[Assessment]:
    """Valid assessments: unique ids, references that resolve, no cycles.

    Args:
        min_phases, max_phases: How many phases.
        min_items, max_items: How many work items each phase (and each group
            of next steps, at most *max_items*) holds.
        max_next_steps: How many groups of next steps, at most.
        max_evidence, max_why, max_gaps, max_criteria: How many pieces of
            evidence, why steps, gaps and success criteria, at most.
        min_why_depth, max_why_depth: Bounds on the depth of the why tree, the
            number of steps on its longest chain of causes (see
            :func:`why_trees`); a *min_why_depth* above 0 asks for at least
            that many why steps.
        done_share: The share of work items that are done, from 0 to 1
            (rounded to the nearest whole item); the others have any other
            progress. ``None``: statuses are drawn freely.
        dependency_density: From 0 (no dependencies) to 1 (each work item
            depends on every earlier item, each phase on every earlier
            phase); in between, roughly that share of them. ``None``: a few
            dependencies, drawn freely.

    Raises:
        hypothesis.errors.InvalidArgument: The knobs contradict each other.
    """
    _check_size("phases", min_phases, max_phases)
    _check_size("items", min_items, max_items)
    _check_size("next_steps", 0, max_next_steps)
    _check_size("evidence", 0, max_evidence)
    _check_size("gaps", 0, max_gaps)
    _check_size("criteria", 0, max_criteria)
    _check_size("why", min_why_depth, max_why)
    if max_why_depth is not None and max_why_depth < max(min_why_depth, 1):
        msg = f"max_why_depth: expected at least max(min_why_depth, 1), got {max_why_depth}"
        raise InvalidArgument(msg)
    _check_share("done_share", done_share)
    _check_share("dependency_density", dependency_density)
    return _assessments(
        phase_count=(min_phases, max_phases),
        group_size=(min_items, max_items),
        max_next_steps=max_next_steps,
        max_evidence=max_evidence,
        why=(min_why_depth, max_why, max_why_depth),
        max_gaps=max_gaps,
        max_criteria=max_criteria,
        done_share=done_share,
        dependency_density=dependency_density,
    )


_DONE = frozenset({Progress.DONE})
_NOT_DONE = frozenset(Progress) - _DONE


_PLACEHOLDER = Status(Progress.NOT_STARTED)


@st.composite
def _assessments(
    draw: st.DrawFn,
    *,
    phase_count: tuple[int, int],
    group_size: tuple[int, int],
    max_next_steps: int,
    max_evidence: int,
    why: tuple[int, int, int | None],
    max_gaps: int,
    max_criteria: int,
    done_share: float | None,
    dependency_density: float | None,
) -> Assessment:
    # Records are drawn one at a time, each referring only to records drawn
    # before it (gaps get what they block at the end), so that shrinking can
    # delete any of them.
    name = _Names()
    assessment_id = name(draw, "plan")
    records = _many(draw, 0, max_evidence, lambda d: d(evidence(name(d, "evidence"))))
    evidence_ids = [e.id for e in records]
    test_runs = [e.id for e in records if isinstance(e, TestRunEvidence)]
    measurements = [e.id for e in records if isinstance(e, MeasurementEvidence)]
    min_why_depth, max_why, max_why_depth = why
    why_ids = _many(draw, min_why_depth, max_why, lambda d: name(d, "why"))
    why_records = draw(
        why_trees(
            why_ids,
            min_depth=max(min_why_depth, 1),
            max_depth=max_why_depth,
            evidence_ids=evidence_ids,
        )
    )
    sources = {"test_runs": test_runs, "measurements": measurements, "evidence_ids": evidence_ids}
    gap_records = _many(draw, 0, max_gaps, lambda d: d(gaps(name(d, "gap"), **sources)))
    gap_ids = [g.id for g in gap_records]
    item_ids: list[str] = []
    phase_ids: list[str] = []

    def one_item(d: st.DrawFn) -> WorkItem:
        new = d(
            work_items(
                name(d, "item"),
                earlier=list(item_ids),
                addressable=[*gap_ids, *why_ids],
                evidence_ids=evidence_ids,
                status=st.just(_PLACEHOLDER),
                dependency_density=dependency_density,
            )
        )
        item_ids.append(new.id)
        return new

    def one_phase(d: st.DrawFn) -> Phase:
        phase_id = name(d, "phase")
        held = _many(d, *group_size, one_item)
        new = d(phases(phase_id, held, phase_ids, dependency_density=dependency_density))
        phase_ids.append(phase_id)
        return new

    def one_step(d: st.DrawFn) -> NextStep:
        step_id = name(d, "next")
        return d(next_steps(step_id, _many(d, 0, group_size[1], one_item)))

    plan = _many(draw, *phase_count, one_phase)
    steps = _many(draw, 0, max_next_steps, one_step)
    criterion_records = _many(
        draw, 0, max_criteria, lambda d: d(criteria(name(d, "criterion"), **sources))
    )
    with_composite: bool = draw(st.booleans())
    if criterion_records and with_composite:
        earlier = [c.id for c in criterion_records]
        criterion_records.append(_composite(draw, name(draw, "criterion"), earlier))
    criterion_ids = [c.id for c in criterion_records]
    gap_records = [
        attrs.evolve(g, blocks=_subset(draw, [*item_ids, *criterion_ids])) for g in gap_records
    ]
    plan, steps = _with_statuses(draw, plan, steps, done_share)
    group_ids = [*(p.id for p in plan), *(s.id for s in steps)]
    every_id = [assessment_id, *evidence_ids, *why_ids, *phase_ids, *(s.id for s in steps)]
    every_id += [*item_ids, *gap_ids, *criterion_ids]
    return Assessment(
        id=assessment_id,
        issue=draw(st.sampled_from(["#1176", "INC-42", "GHSA-xxxx", "POAM-7"])),
        title=draw(texts(min_size=1)),
        date=draw(dates()),
        author=draw(_optional(texts())),
        session=draw(_optional(texts())),
        assessment_type=draw(_optional(texts())),
        stated_status=draw(_optional(statuses())),
        summary=draw(texts()),
        metrics=draw(st.lists(state_metrics(), max_size=3)),
        labels=draw(_text_tuple()),
        related=_subset(draw, evidence_ids),
        why=why_records,
        phases=plan,
        next_steps=steps,
        gaps=gap_records,
        criteria=criterion_records,
        evidence=records,
        recommendation=draw(_optional(recommendations())),
        claims=_many(draw, 0, 2, lambda d: d(claims(name(d, "claim"), group_ids))),
        tracking=draw(st.lists(checklist_entries(every_id), max_size=3)),
        success_indicators=draw(_text_tuple()),
        links=draw(st.lists(st.just("https://example.org/issues/1176"), max_size=1)),
        extra=draw(extra_fields()),
    )


def _composite(draw: st.DrawFn, criterion_id: str, earlier: list[str]) -> Criterion:
    """A criterion decided by some of the *earlier* ones: all of, any of, or weighted."""
    members = draw(st.lists(st.sampled_from(earlier), min_size=1, max_size=3, unique=True))
    mode = draw(st.sampled_from(CompositeMode))
    if mode is CompositeMode.WEIGHTED:
        weights = draw(st.lists(st.integers(1, 3), min_size=len(members), max_size=len(members)))
        threshold = draw(st.sampled_from([0.25, 0.5, 1.0]))
        composite = Composite(mode, members, weights=weights, threshold=threshold)
    else:
        composite = Composite(mode, members)
    return Criterion(id=criterion_id, title=criterion_id, composite=composite)


def _with_statuses(
    draw: st.DrawFn, plan: list[Phase], steps: list[NextStep], done_share: float | None
) -> tuple[list[Phase], list[NextStep]]:
    """Give every work item its status: any, or done for *done_share* of them."""
    groups: list[Phase | NextStep] = [*plan, *steps]
    count = sum(len(group.items) for group in groups)
    done: set[int] = set()
    if done_share is not None:
        n_done = math.floor(done_share * count + 0.5)
        done = set(draw(st.permutations(range(count)))[:n_done])
    position = iter(range(count))

    def status() -> Status:
        if done_share is None:
            return draw(statuses())
        return draw(statuses(progress=_DONE if next(position) in done else _NOT_DONE))

    def restated(group: Any) -> Any:
        items = tuple(attrs.evolve(i, status=status()) for i in group.items)
        return attrs.evolve(group, items=items)

    return [restated(p) for p in plan], [restated(s) for s in steps]
