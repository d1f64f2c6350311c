"""Coverage: whether the gaps are closed and the root causes addressed by done work.

A gap is closed when every work item addressing it is done and its
measurement, if it has one and a threshold, meets the threshold (and
something, an item or a measurement, speaks for it at all). A measurement in a
unit that does not compare with the threshold's (a count against a percent)
meets nothing: the gap stays open. A root cause is
*addressed* when some work addressing it is done, *addressed elsewhere* when
it names work outside the plan (``addressed_elsewhere``), *mitigated* when
only a cause above it on one of its chains is addressed by done work, and
*unaddressed* otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from remediation.evaluation.criteria import measured_unit, measured_value
from remediation.evaluation.results import GapEvaluation, RootCauseCoverage
from remediation.graph.structure import Structure
from remediation.model.quantity import Quantity
from remediation.model.records import Evidence, Gap, WhyStep

__all__ = ["causes_above", "evaluate_gap", "evaluate_root_cause"]


def evaluate_gap(
    gap: Gap,
    structure: Structure,
    is_done: Callable[[str], bool],
    evidence: Mapping[str, Evidence],
) -> GapEvaluation:
    """Whether *gap* is closed, by whom, and what its measurement says."""
    addressed_by = structure.addressed_by.get(gap.id, ())
    open_items = tuple([i for i in addressed_by if not is_done(i)])
    record = evidence.get(gap.measurement) if gap.measurement else None
    measurement = measured_value(record, gap.quantity) if gap.measurement else None
    mismatch = None
    if gap.threshold is not None and measurement is not None:
        measured = measurement
        measurement = gap.threshold.compare(measured, measured_unit(record, gap.quantity))
        if measurement is None:  # of another dimension: compared with nothing, never met
            mismatch = Quantity(Decimal(repr(measured)), measured_unit(record, gap.quantity) or "")
    met = (
        None if gap.threshold is None or measurement is None else gap.threshold.is_met(measurement)
    )
    closed = (
        (bool(addressed_by) or met is not None)
        and not open_items
        and met is not False
        and mismatch is None
    )
    return GapEvaluation(
        id=gap.id,
        closed=closed,
        addressed_by=addressed_by,
        open_items=open_items,
        measurement=measurement,
        measurement_met=met,
        unit_mismatch=mismatch,
    )


def evaluate_root_cause(
    cause: str,
    structure: Structure,
    is_done: Callable[[str], bool],
    above: Mapping[str, tuple[str, ...]] | None = None,
    elsewhere: Mapping[str, tuple[str, ...]] | None = None,
) -> RootCauseCoverage:
    """Which work addresses root cause *cause*, which of it is done, and what else covers it.

    *above* gives the why steps above each root cause on its chains
    (:func:`causes_above`); *elsewhere* the links of each step's
    ``addressed_elsewhere``.
    """
    addressed_by = structure.addressed_by.get(cause, ())
    mitigated: dict[str, None] = {}
    for step in (above or {}).get(cause, ()):
        mitigated.update((i, None) for i in structure.addressed_by.get(step, ()) if is_done(i))
    return RootCauseCoverage(
        id=cause,
        addressed_by=addressed_by,
        done_by=tuple([i for i in addressed_by if is_done(i)]),
        mitigated_by=tuple(mitigated),
        elsewhere=(elsewhere or {}).get(cause, ()),
    )


def causes_above(why: Sequence[WhyStep]) -> dict[str, tuple[str, ...]]:
    """For each why step, the steps above it on its chains (those it explains, transitively).

    Examples:
        >>> from remediation.model.records import WhyStep
        >>> steps = [WhyStep("a", "?", "!", causes=["b"]), WhyStep("b", "?", "!", causes=["c"]),
        ...     WhyStep("c", "?", "!")]
        >>> causes_above(steps)["c"]
        ('b', 'a')
    """
    parents: dict[str, list[str]] = {}
    for step in why:
        for child in step.causes:
            parents.setdefault(child, []).append(step.id)
    result: dict[str, tuple[str, ...]] = {}
    for step in why:
        seen: dict[str, None] = {}
        stack = list(parents.get(step.id, ()))
        while stack:
            node = stack.pop(0)
            if node in seen:
                continue
            seen[node] = None
            stack.extend(parents.get(node, ()))
        result[step.id] = tuple(seen)
    return result
