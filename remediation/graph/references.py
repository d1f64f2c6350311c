"""The walk over an assessment: every record, and every reference between records.

This is the one place that knows which fields of which records hold ids.
:func:`records` yields each record with its :class:`~remediation.graph.kinds.NodeKind`,
the id of the record holding it and its place in the document; :func:`references`
yields each reference field that names something, with its :class:`Field`
(what the references mean and what they may name). The structure of an
assessment, the diagnosis of its problems and the exported graph are all built
from these two walks, in their order.

A place is a :data:`Location`, the steps of its JSON path, not the path itself:
:func:`path` and :func:`reference_path` make the text only for the records
that need it (an error, a node of the exported graph). Building the structure
of a valid assessment makes none.

The edges found on the way are gathered in :data:`Links` with :func:`link`,
which keeps one edge for each pair of records and every kind of reference
between them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple, TypeAlias

from remediation.graph.kinds import (
    ADDRESSABLE,
    ANY,
    BLOCKABLE,
    EVENTS,
    EVIDENCE,
    ITEMS,
    MEMBERS,
    MILESTONES,
    WHY_STEPS,
    WORK,
    EdgeKind,
    NodeKind,
)
from remediation.model.records import (
    Assessment,
    Criterion,
    Event,
    Evidence,
    Gap,
    Milestone,
    NextStep,
    Phase,
    Risk,
    WhyStep,
    Window,
    WorkItem,
)

__all__ = [
    "ADDRESSES",
    "BLOCKS",
    "CAUSES",
    "CURRENT_FROM",
    "DEPENDS_ON",
    "ENDED_BY",
    "EVIDENCE_OF",
    "HAS_MEMBER",
    "MEASUREMENT",
    "RELATED",
    "REMEDIATED_BY",
    "SERVES",
    "STARTED_BY",
    "TRACKED",
    "Field",
    "Links",
    "Location",
    "Record",
    "RecordEntry",
    "Reference",
    "link",
    "path",
    "records",
    "reference_path",
    "references",
]

Location: TypeAlias = tuple[str | int, ...]
"""Where something is in the document, as the steps of its JSON path.

``()`` is the assessment itself (``$``), ``("gaps", 2)`` is ``$.gaps[2]`` and
``("phases", 0, "items", 3)`` is ``$.phases[0].items[3]``.
"""

Record: TypeAlias = (
    Assessment
    | WhyStep
    | Phase
    | NextStep
    | WorkItem
    | Gap
    | Criterion
    | Risk
    | Evidence
    | Event
    | Window
    | Milestone
)
"""A record that has an id: a node of the plan graph."""


class Field(NamedTuple):
    """A field of a record that holds ids of other records.

    Attributes:
        name: The field's name in the document, dotted if nested (``"current_from.evidence"``).
        kind: What each of its references means.
        accepts: The kinds of record it may name.
        listed: Whether it holds a list of ids (each at ``name[k]``) rather than one id.
    """

    name: str
    kind: EdgeKind
    accepts: frozenset[NodeKind]
    listed: bool = True


RELATED = Field("related", EdgeKind.REFERENCES, EVIDENCE)
"""The assessment's related documents and commits."""
TRACKED = Field("refs", EdgeKind.REFERENCES, ANY)
"""The records a tracking entry refers to (the source is the assessment)."""
EVIDENCE_OF = Field("evidence", EdgeKind.EVIDENCED_BY, EVIDENCE)
"""The evidence of a why step, work item, gap or criterion."""
CAUSES = Field("causes", EdgeKind.CAUSED_BY, WHY_STEPS)
"""The deeper why steps that explain a why step."""
DEPENDS_ON = Field("depends_on", EdgeKind.DEPENDS_ON, WORK)
"""What a phase or work item waits for."""
ADDRESSES = Field("addresses", EdgeKind.ADDRESSES, ADDRESSABLE)
"""The gaps and why steps a work item addresses."""
MEASUREMENT = Field("measurement", EdgeKind.MEASURED_BY, EVIDENCE, listed=False)
"""The evidence a gap takes its measured value from."""
BLOCKS = Field("blocks", EdgeKind.BLOCKS, BLOCKABLE)
"""The work items and criteria a gap blocks."""
CURRENT_FROM = Field("current_from.evidence", EdgeKind.MEASURED_BY, EVIDENCE, listed=False)
"""The evidence a criterion takes its current value from."""
SERVES = Field("milestone", EdgeKind.SERVES, MILESTONES, listed=False)
"""The milestone a work item or phase is for."""
REMEDIATED_BY = Field("remediated_by", EdgeKind.REMEDIATED_BY, ITEMS)
"""The work items that remediate a risk."""
HAS_MEMBER = Field("composite.members", EdgeKind.HAS_MEMBER, MEMBERS)
"""The criteria and risks that decide a composite criterion."""
STARTED_BY = Field("start_event", EdgeKind.REFERENCES, EVENTS, listed=False)
"""The event of the timeline a stated window began with."""
ENDED_BY = Field("end_event", EdgeKind.REFERENCES, EVENTS, listed=False)
"""The event of the timeline a stated window ended with."""

RecordEntry: TypeAlias = tuple[str, NodeKind, Record, str | None, Location]
"""What :func:`records` yields: id, kind, record, id of its container, location."""

Reference: TypeAlias = tuple[str, Sequence[str], Field, Location]
"""What :func:`references` yields: source id, target ids, field, location of the source."""

_ASSESSMENT = NodeKind.ASSESSMENT
_WHY = NodeKind.WHY
_PHASE = NodeKind.PHASE
_NEXT_STEP = NodeKind.NEXT_STEP
_ITEM = NodeKind.ITEM
_GAP = NodeKind.GAP
_CRITERION = NodeKind.CRITERION
_EVIDENCE = NodeKind.EVIDENCE
_EVENT = NodeKind.EVENT
_WINDOW = NodeKind.WINDOW
_MILESTONE = NodeKind.MILESTONE
_RISK = NodeKind.RISK


def records(assessment: Assessment) -> Iterator[RecordEntry]:
    """Every record that has an id, in document order.

    The order is the assessment, its why steps, each phase followed by its
    work items, each next step followed by its items, the gaps, the criteria,
    the risks, the evidence, the timeline's events, the stated windows and the
    milestones. Duplicate ids are yielded as they come.

    Yields:
        ``(id, kind, record, container, location)``: *container* is the id of
        the record it is part of (the phase or next step of a work item; the
        assessment for a phase, next step, gap or criterion), ``None`` for the
        assessment, why steps and evidence.

    Examples:
        >>> from remediation import examples
        >>> plan = examples.issue_1176()
        >>> for record_id, kind, _record, container, where in list(records(plan))[6:8]:
        ...     print(record_id, kind.value, container, path(where))
        phase-1 phase issue-1176-2025-09-15 $.phases[0]
        auth-service-deployment item phase-1 $.phases[0].items[0]
    """
    root = assessment.id
    yield root, _ASSESSMENT, assessment, None, ()
    for i, step in enumerate(assessment.why):
        yield step.id, _WHY, step, None, ("why", i)
    for i, phase in enumerate(assessment.phases):
        group = phase.id
        yield group, _PHASE, phase, root, ("phases", i)
        for j, item in enumerate(phase.items):
            yield item.id, _ITEM, item, group, ("phases", i, "items", j)
    for i, next_step in enumerate(assessment.next_steps):
        group = next_step.id
        yield group, _NEXT_STEP, next_step, root, ("next_steps", i)
        for j, item in enumerate(next_step.items):
            yield item.id, _ITEM, item, group, ("next_steps", i, "items", j)
    for i, gap in enumerate(assessment.gaps):
        yield gap.id, _GAP, gap, root, ("gaps", i)
    for i, criterion in enumerate(assessment.criteria):
        yield criterion.id, _CRITERION, criterion, root, ("criteria", i)
    for i, risk in enumerate(assessment.risks):
        yield risk.id, _RISK, risk, root, ("risks", i)
    for i, evidence in enumerate(assessment.evidence):
        yield evidence.id, _EVIDENCE, evidence, None, ("evidence", i)
    for i, event in enumerate(assessment.timeline):
        yield event.id, _EVENT, event, root, ("timeline", i)
    for i, window in enumerate(assessment.windows):
        yield window.id, _WINDOW, window, root, ("windows", i)
    for i, milestone in enumerate(assessment.milestones):
        yield milestone.id, _MILESTONE, milestone, root, ("milestones", i)


def references(assessment: Assessment) -> Iterator[Reference]:
    """Every reference field that names at least one record, in document order.

    The order is the assessment's ``related`` and tracking entries, then the
    records in the order of :func:`records` (phases before their items), and
    within a record its fields in the order of the document format. A field
    with one id (:data:`MEASUREMENT`, :data:`CURRENT_FROM`) is yielded as a
    one-element sequence.

    Yields:
        ``(source, targets, field, location)``: the id of the record holding
        the field (the assessment for a tracking entry), the ids it names in
        their order (repeats included), the :class:`Field` and the location of
        the record (or tracking entry).

    Examples:
        >>> from remediation import examples
        >>> source, targets, field, where = next(
        ...     r for r in references(examples.issue_1176()) if r[2] is CAUSES)
        >>> source, targets, reference_path(where, field, 0)
        ('why-1', ('why-2',), '$.why[0].causes[0]')
    """
    root = assessment.id
    if assessment.related:
        yield root, assessment.related, RELATED, ()
    for i, entry in enumerate(assessment.tracking):
        if entry.refs:
            yield root, entry.refs, TRACKED, ("tracking", i)
    for i, step in enumerate(assessment.why):
        if step.evidence:
            yield step.id, step.evidence, EVIDENCE_OF, ("why", i)
        if step.causes:
            yield step.id, step.causes, CAUSES, ("why", i)
    groups: tuple[tuple[str, Sequence[Phase | NextStep]], ...] = (
        ("phases", assessment.phases),
        ("next_steps", assessment.next_steps),
    )
    for attr, members in groups:
        for i, group in enumerate(members):
            if isinstance(group, Phase) and group.depends_on:
                yield group.id, group.depends_on, DEPENDS_ON, (attr, i)
            if isinstance(group, Phase) and group.milestone is not None:
                yield group.id, (group.milestone,), SERVES, (attr, i)
            for j, item in enumerate(group.items):
                if item.depends_on:
                    yield item.id, item.depends_on, DEPENDS_ON, (attr, i, "items", j)
                if item.addresses:
                    yield item.id, item.addresses, ADDRESSES, (attr, i, "items", j)
                if item.evidence:
                    yield item.id, item.evidence, EVIDENCE_OF, (attr, i, "items", j)
                if item.milestone is not None:
                    yield item.id, (item.milestone,), SERVES, (attr, i, "items", j)
    for i, gap in enumerate(assessment.gaps):
        if gap.measurement is not None:
            yield gap.id, (gap.measurement,), MEASUREMENT, ("gaps", i)
        if gap.blocks:
            yield gap.id, gap.blocks, BLOCKS, ("gaps", i)
        if gap.evidence:
            yield gap.id, gap.evidence, EVIDENCE_OF, ("gaps", i)
    for i, criterion in enumerate(assessment.criteria):
        if criterion.current_from is not None:
            where = ("criteria", i)
            yield criterion.id, (criterion.current_from.evidence,), CURRENT_FROM, where
        if criterion.evidence:
            yield criterion.id, criterion.evidence, EVIDENCE_OF, ("criteria", i)
        if criterion.composite is not None:
            yield criterion.id, criterion.composite.members, HAS_MEMBER, ("criteria", i)
    for i, event in enumerate(assessment.timeline):
        if event.evidence:
            yield event.id, event.evidence, EVIDENCE_OF, ("timeline", i)
    for i, window in enumerate(assessment.windows):
        if window.start_event is not None:
            yield window.id, (window.start_event,), STARTED_BY, ("windows", i)
        if window.end_event is not None:
            yield window.id, (window.end_event,), ENDED_BY, ("windows", i)
    for i, risk in enumerate(assessment.risks):
        if risk.remediated_by:
            yield risk.id, risk.remediated_by, REMEDIATED_BY, ("risks", i)


def path(location: Location) -> str:
    """The JSON path of *location*.

    Examples:
        >>> path(()), path(("gaps", 2)), path(("phases", 0, "items", 3))
        ('$', '$.gaps[2]', '$.phases[0].items[3]')
    """
    # The two shapes every record has, written out: this runs once a node.
    if len(location) == 2:
        return f"$.{location[0]}[{location[1]}]"
    if len(location) == 4:
        return f"$.{location[0]}[{location[1]}].{location[2]}[{location[3]}]"
    return "$" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in location)


def reference_path(location: Location, field: Field, position: int) -> str:
    """The JSON path of the reference at *position* in *field* of the record at *location*.

    Examples:
        >>> reference_path(("phases", 1), DEPENDS_ON, 0)
        '$.phases[1].depends_on[0]'
        >>> reference_path(("criteria", 0), CURRENT_FROM, 0)
        '$.criteria[0].current_from.evidence'
    """
    if field.listed:
        return f"{path(location)}.{field.name}[{position}]"
    return f"{path(location)}.{field.name}"


Links: TypeAlias = dict[tuple[str, str], list[EdgeKind]]
"""Edges of the plan graph, in the order found, each with its kinds (the first is its ``kind``)."""


def link(links: Links, source: str, target: str, kind: EdgeKind) -> None:
    """Add an edge of *kind* to *links*, or add *kind* to the edge already there.

    Examples:
        >>> links: Links = {}
        >>> link(links, "a", "p", EdgeKind.PART_OF)
        >>> link(links, "a", "p", EdgeKind.DEPENDS_ON)
        >>> links
        {('a', 'p'): [<EdgeKind.PART_OF: 'part_of'>, <EdgeKind.DEPENDS_ON: 'depends_on'>]}
    """
    found = links.get((source, target))
    if found is None:
        links[source, target] = [kind]
    elif kind not in found:
        found.append(kind)
