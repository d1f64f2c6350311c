"""Composite criteria: all of, any of, or a weighted share of their members, in three values.

A composite's members are criteria (composites too) and risks. A criterion
member is met, not met or unknown (unmeasured) by its own result; a risk
member is met when the risk no longer stands (closed, or accepted with an
acceptance that holds) and not met otherwise. The composite follows by
three-valued logic, never guessing an unknown member:

* **all of** is not met when any member is not met (whatever the others),
  unknown when none is not met but some are unknown, met otherwise;
* **any of** is met when any member is met, unknown when none is met but
  some are unknown, not met otherwise;
* **weighted** is met when the members met already reach the threshold,
  not met when even counting every unknown member as met would not, and
  unknown in between.

A criterion that is a member of a composite is decided through it: its
result keeps its own state but is marked ``part_of`` the composites, and
the recommendation counts only the criteria that are no member.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs

from remediation.evaluation.results import CriterionEvaluation, CriterionState, RiskEvaluation
from remediation.model.records import Composite, CompositeMode, Criterion

__all__ = ["composite_state", "with_composites"]

_MET, _UNMET, _UNKNOWN = CriterionState.MET, CriterionState.UNMET, CriterionState.UNMEASURED


def composite_state(
    composite: Composite, states: Sequence[CriterionState]
) -> tuple[CriterionState, float | None]:
    """The state of *composite* from its members' *states* (in their order), and its progress.

    The progress is 1 when met, ``None`` when unknown, and, when not met, the
    share of the weight met (all of: of the members; any of: 0).

    Examples:
        >>> from remediation.model.records import Composite, CompositeMode
        >>> any_of = Composite(CompositeMode.ANY_OF, ["staging", "risk"])
        >>> composite_state(any_of, [_UNKNOWN, _UNMET])[0].value
        'unmeasured'
        >>> all_of = Composite(CompositeMode.ALL_OF, ["rate", "either"])
        >>> composite_state(all_of, [_UNMET, _UNKNOWN])
        (<CriterionState.UNMET: 'unmet'>, 0.0)
    """
    mode = composite.mode
    if mode is CompositeMode.WEIGHTED:
        shares = composite.shares
        met = math.fsum(s for s, state in zip(shares, states, strict=True) if state is _MET)
        unknown = math.fsum(s for s, state in zip(shares, states, strict=True) if state is _UNKNOWN)
        threshold = composite.threshold
        assert threshold is not None  # noqa: S101  (checked at construction)
        if met >= threshold - 1e-12:
            return _MET, 1.0
        if met + unknown < threshold - 1e-12:
            return _UNMET, met / threshold
        return _UNKNOWN, None
    if mode is CompositeMode.ALL_OF:
        if _UNMET in states:
            return _UNMET, sum(state is _MET for state in states) / len(states)
        return (_UNKNOWN, None) if _UNKNOWN in states else (_MET, 1.0)
    if _MET in states:
        return _MET, 1.0
    return (_UNKNOWN, None) if _UNKNOWN in states else (_UNMET, 0.0)


def with_composites(
    criteria: Sequence[Criterion],
    results: Sequence[CriterionEvaluation],
    risks: Sequence[RiskEvaluation],
) -> tuple[CriterionEvaluation, ...]:
    """*results* (one for each of *criteria*, in order) with the composites decided and
    every member marked ``part_of`` its composites.

    The members must exist and not go round in a cycle (the structure of a
    loaded document is checked for both). Without composites, *results* are
    returned as they are.
    """
    composites = {c.id: c.composite for c in criteria if c.composite is not None}
    if not composites:
        return tuple(results)
    by_id = {c.id: r for c, r in zip(criteria, results, strict=True)}
    settled = {r.id: r.closed or r.accepted for r in risks}
    part_of: dict[str, list[str]] = {}
    for composite_id, composite in composites.items():
        for member in composite.members:
            part_of.setdefault(member, []).append(composite_id)
    decided: dict[str, CriterionEvaluation] = {}

    def state_of(member: str) -> CriterionState:
        if member in settled:
            return _MET if settled[member] else _UNMET
        found = decided.get(member)
        return by_id[member].state if found is None else found.state

    for start in composites:
        # Members first, without recursion: a chain of composites may be long.
        stack = [start]
        while stack:
            top = stack[-1]
            if top in decided:
                stack.pop()
                continue
            composite = composites[top]
            pending = [m for m in composite.members if m in composites and m not in decided]
            if pending:
                stack.extend(pending)
                continue
            states = [state_of(m) for m in composite.members]
            state, progress = composite_state(composite, states)
            decided[top] = attrs.evolve(
                by_id[top],
                state=state,
                progress=progress,
                members=tuple(zip(composite.members, states, strict=True)),
            )
            stack.pop()

    resolved = []
    for criterion, result in zip(criteria, results, strict=True):
        now = decided.get(criterion.id, result)
        holders = tuple(part_of.get(criterion.id, ()))
        resolved.append(now if now.part_of == holders else attrs.evolve(now, part_of=holders))
    return tuple(resolved)
