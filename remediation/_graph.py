"""The plan graph: one :class:`networkx.DiGraph` over every record of an assessment.

Direction convention: **an edge points from the record that holds a reference
to the record it names.** A work item that depends on another has an edge
``item --depends_on--> other``; an item in a phase has ``item --part_of--> phase``;
a step of the five whys explained by a deeper one has
``step --caused_by--> deeper``. Every edge carries its :class:`EdgeKind` under
the ``kind`` key, and under ``kinds`` every kind of reference between the same
two records (a criterion measured by a test run that it also lists as
evidence is ``measured_by`` and ``evidenced_by``; ``kind`` is the first).
Every node carries its :class:`NodeKind` (``kind``), its JSON
path in the document (``path``) and, in graphs from :func:`build_graph`, the
record itself (``record``).

Building the graph validates the assessment: duplicate ids, references to
missing ids (or to records of the wrong kind), dependency cycles and cycles of
causes are all reported at once as a
:class:`~remediation.exceptions.PlanValidationError`.
"""

from __future__ import annotations

import enum
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs
import networkx as nx

from remediation._records import (
    Assessment,
    Criterion,
    Evidence,
    Gap,
    MeasurementEvidence,
    NextStep,
    Phase,
    TestRunEvidence,
    WhyStep,
    WorkItem,
)
from remediation.exceptions import (
    DanglingReferenceError,
    DependencyCycleError,
    DocumentError,
    DuplicateIdError,
    PlanValidationError,
)

__all__ = ["EdgeKind", "NodeKind", "build_graph", "dependency_order", "validate"]


class NodeKind(enum.Enum):
    """What kind of record a node holds."""

    ASSESSMENT = "assessment"
    PHASE = "phase"
    NEXT_STEP = "next_step"
    ITEM = "item"
    GAP = "gap"
    CRITERION = "criterion"
    WHY = "why"
    EVIDENCE = "evidence"


class EdgeKind(enum.Enum):
    """What an edge means, read from its source to its target."""

    PART_OF = "part_of"
    """A work item is part of a phase or next step; a phase or gap, of the assessment."""
    DEPENDS_ON = "depends_on"
    """The source cannot finish before the target is done."""
    ADDRESSES = "addresses"
    """A work item addresses a gap or a why step (a cause)."""
    BLOCKS = "blocks"
    """A gap blocks a work item or a criterion while it is open."""
    EVIDENCED_BY = "evidenced_by"
    """A record's claim is supported by a piece of evidence."""
    MEASURED_BY = "measured_by"
    """A gap or criterion takes its measured value from a piece of evidence."""
    CAUSED_BY = "caused_by"
    """A why step is explained by a deeper one."""
    REFERENCES = "references"
    """The assessment (or its tracking list) refers to a record."""


_WORK = frozenset({NodeKind.ITEM, NodeKind.PHASE})
_BLOCKABLE = frozenset({NodeKind.ITEM, NodeKind.CRITERION})
_ADDRESSABLE = frozenset({NodeKind.GAP, NodeKind.WHY})
_EVIDENCE = frozenset({NodeKind.EVIDENCE})
_ANY = frozenset(NodeKind)
_EXPECTED = {
    _WORK: "a work item or phase",
    _BLOCKABLE: "a work item or criterion",
    _ADDRESSABLE: "a gap or why step",
    _EVIDENCE: "evidence",
    frozenset({NodeKind.WHY}): "a why step",
    _ANY: "a record of this assessment",
}


@attrs.frozen(eq=False)
class Structure:
    """What an assessment's references make of it, independent of statuses and values.

    Computed once per assessment and shared by its what-if variants.

    Attributes:
        graph: The plan graph without records on the nodes.
        groups: For each work item id, the id of its phase or next step.
        order: Ids of work items and phases, each after everything it depends on.
        requires: For each work item and phase id, the ids it must wait for
            (items and phases; a phase waits for its own items).
        addressed_by: For each gap or why step id, the ids of items addressing it.
        blocked_by_gaps: For each item or criterion id, the ids of gaps blocking it.
        root_causes: Ids of the why steps that nothing deeper explains.
    """

    graph: nx.DiGraph[str]
    groups: Mapping[str, str]
    order: tuple[str, ...]
    requires: Mapping[str, tuple[str, ...]]
    addressed_by: Mapping[str, tuple[str, ...]]
    blocked_by_gaps: Mapping[str, tuple[str, ...]]
    root_causes: tuple[str, ...]


_CACHE: weakref.WeakKeyDictionary[Assessment, Structure] = weakref.WeakKeyDictionary()


def _records(assessment: Assessment) -> Iterator[tuple[str, NodeKind, str, Any]]:
    """(id, kind, path, record) for every record that has an id."""
    yield assessment.id, NodeKind.ASSESSMENT, "$", assessment
    for i, step in enumerate(assessment.why):
        yield step.id, NodeKind.WHY, f"$.why[{i}]", step
    for attr, kind in (("phases", NodeKind.PHASE), ("next_steps", NodeKind.NEXT_STEP)):
        groups: Sequence[Phase | NextStep] = getattr(assessment, attr)
        for i, group in enumerate(groups):
            yield group.id, kind, f"$.{attr}[{i}]", group
            for j, item in enumerate(group.items):
                yield item.id, NodeKind.ITEM, f"$.{attr}[{i}].items[{j}]", item
    for i, gap in enumerate(assessment.gaps):
        yield gap.id, NodeKind.GAP, f"$.gaps[{i}]", gap
    for i, criterion in enumerate(assessment.criteria):
        yield criterion.id, NodeKind.CRITERION, f"$.criteria[{i}]", criterion
    for i, evidence in enumerate(assessment.evidence):
        yield evidence.id, NodeKind.EVIDENCE, f"$.evidence[{i}]", evidence


def _references(
    assessment: Assessment,
) -> Iterator[tuple[str, str, str, EdgeKind, frozenset[NodeKind]]]:
    """(source id, field path, target id, edge kind, accepted target kinds)."""

    def each(
        source: str,
        path: str,
        targets: Iterable[str],
        kind: EdgeKind,
        accepted: frozenset[NodeKind],
    ) -> Iterator[tuple[str, str, str, EdgeKind, frozenset[NodeKind]]]:
        for k, target in enumerate(targets):
            yield source, f"{path}[{k}]", target, kind, accepted

    yield from each(assessment.id, "$.related", assessment.related, EdgeKind.REFERENCES, _EVIDENCE)
    for i, entry in enumerate(assessment.tracking):
        yield from each(
            assessment.id, f"$.tracking[{i}].refs", entry.refs, EdgeKind.REFERENCES, _ANY
        )
    for i, step in enumerate(assessment.why):
        base = f"$.why[{i}]"
        yield from each(
            step.id, f"{base}.evidence", step.evidence, EdgeKind.EVIDENCED_BY, _EVIDENCE
        )
        yield from each(
            step.id, f"{base}.causes", step.causes, EdgeKind.CAUSED_BY, frozenset({NodeKind.WHY})
        )
    for attr in ("phases", "next_steps"):
        groups: Sequence[Phase | NextStep] = getattr(assessment, attr)
        for i, group in enumerate(groups):
            if isinstance(group, Phase):
                yield from each(
                    group.id,
                    f"$.{attr}[{i}].depends_on",
                    group.depends_on,
                    EdgeKind.DEPENDS_ON,
                    _WORK,
                )
            for j, item in enumerate(group.items):
                base = f"$.{attr}[{i}].items[{j}]"
                yield from _item_references(item, base)
    for i, gap in enumerate(assessment.gaps):
        base = f"$.gaps[{i}]"
        if gap.measurement is not None:
            yield gap.id, f"{base}.measurement", gap.measurement, EdgeKind.MEASURED_BY, _EVIDENCE
        yield from each(gap.id, f"{base}.blocks", gap.blocks, EdgeKind.BLOCKS, _BLOCKABLE)
        yield from each(gap.id, f"{base}.evidence", gap.evidence, EdgeKind.EVIDENCED_BY, _EVIDENCE)
    for i, criterion in enumerate(assessment.criteria):
        base = f"$.criteria[{i}]"
        if criterion.current_from is not None:
            yield (
                criterion.id,
                f"{base}.current_from.evidence",
                criterion.current_from.evidence,
                EdgeKind.MEASURED_BY,
                _EVIDENCE,
            )
        yield from each(
            criterion.id, f"{base}.evidence", criterion.evidence, EdgeKind.EVIDENCED_BY, _EVIDENCE
        )


def _item_references(
    item: WorkItem, base: str
) -> Iterator[tuple[str, str, str, EdgeKind, frozenset[NodeKind]]]:
    for field, kind, accepted in (
        ("depends_on", EdgeKind.DEPENDS_ON, _WORK),
        ("addresses", EdgeKind.ADDRESSES, _ADDRESSABLE),
        ("evidence", EdgeKind.EVIDENCED_BY, _EVIDENCE),
    ):
        for k, target in enumerate(getattr(item, field)):
            yield item.id, f"{base}.{field}[{k}]", target, kind, accepted


def _check_measurements(assessment: Assessment) -> Iterator[DocumentError]:
    """A measured value must come from a test run or a measurement."""
    evidence = {e.id: e for e in assessment.evidence}
    sources: list[tuple[str, str, str | None]] = [
        (f"$.gaps[{i}].measurement", gap.id, gap.measurement)
        for i, gap in enumerate(assessment.gaps)
    ]
    sources.extend(
        (f"$.criteria[{i}].current_from.evidence", c.id, c.current_from.evidence)
        for i, c in enumerate(assessment.criteria)
        if c.current_from is not None
    )
    for path, source, target in sources:
        if target is None or target not in evidence:
            continue  # a missing target is reported as a dangling reference
        if not isinstance(evidence[target], TestRunEvidence | MeasurementEvidence):
            yield DanglingReferenceError(path, source, target, "a test run or measurement")


def _link(graph: nx.DiGraph[str], source: str, target: str, kind: EdgeKind) -> None:
    """Add an edge, or another kind to an existing one (the first kind stays its ``kind``)."""
    if graph.has_edge(source, target):
        data = graph.edges[source, target]
        data["kinds"] = data["kinds"] | {kind}
    else:
        graph.add_edge(source, target, kind=kind, kinds=frozenset({kind}))


def _edges_of(graph: nx.DiGraph[str], kind: EdgeKind) -> Iterator[tuple[str, str]]:
    for u, v, data in graph.edges(data=True):
        if kind in data["kinds"]:
            yield u, v


def _find_cycles(edges: nx.DiGraph[str]) -> Iterator[list[str]]:
    """One cycle per strongly connected tangle, in edge direction."""
    for component in nx.strongly_connected_components(edges):
        if len(component) == 1:
            (node,) = component
            if not edges.has_edge(node, node):
                continue
        sub = edges.subgraph(component)
        start = min(component)
        cycle = nx.find_cycle(sub, source=start)
        yield [u for u, _v in cycle]


def _compute(assessment: Assessment) -> Structure:
    graph: nx.DiGraph[str] = nx.DiGraph()
    errors: list[DocumentError] = []
    seen: dict[str, list[str]] = {}
    for record_id, node_kind, path, _record in _records(assessment):
        if record_id in seen:
            seen[record_id].append(path)
            errors.append(DuplicateIdError(record_id, seen[record_id]))
            continue
        seen[record_id] = [path]
        graph.add_node(record_id, kind=node_kind, path=path)
    groups: dict[str, str] = {}
    for attr in ("phases", "next_steps"):
        for group in getattr(assessment, attr):
            _link(graph, group.id, assessment.id, EdgeKind.PART_OF)
            for item in group.items:
                groups.setdefault(item.id, group.id)
                _link(graph, item.id, group.id, EdgeKind.PART_OF)
    for gap in assessment.gaps:
        _link(graph, gap.id, assessment.id, EdgeKind.PART_OF)
    for criterion in assessment.criteria:
        _link(graph, criterion.id, assessment.id, EdgeKind.PART_OF)
    for source, path, target, kind, accepted in _references(assessment):
        target_kind = graph.nodes[target]["kind"] if target in graph else None
        if target_kind not in accepted:
            errors.append(DanglingReferenceError(path, source, target, _EXPECTED[accepted]))
            continue
        _link(graph, source, target, kind)
    errors.extend(_check_measurements(assessment))

    requires: dict[str, list[str]] = defaultdict(list)
    for group in assessment.phases:
        for item in group.items:
            requires[group.id].append(item.id)
            requires[item.id].extend(group.depends_on)
    for u, v in _edges_of(graph, EdgeKind.DEPENDS_ON):
        requires[u].append(v)
    precedence: nx.DiGraph[str] = nx.DiGraph()
    for group, item in assessment.iter_items():
        precedence.add_node(item.id)
        if isinstance(group, Phase):
            precedence.add_node(group.id)
    for phase in assessment.phases:
        precedence.add_node(phase.id)
    for node, needs in requires.items():
        precedence.add_edges_from((node, need) for need in needs)
    errors.extend(
        DependencyCycleError(cycle, graph.nodes[cycle[0]]["path"])
        for cycle in _find_cycles(precedence)
    )
    causes: nx.DiGraph[str] = nx.DiGraph()
    causes.add_edges_from(_edges_of(graph, EdgeKind.CAUSED_BY))
    errors.extend(
        DependencyCycleError(cycle, graph.nodes[cycle[0]]["path"]) for cycle in _find_cycles(causes)
    )
    if errors:
        msg = f"assessment {assessment.id!r} is not valid"
        raise PlanValidationError(msg, errors)

    addressed_by: dict[str, list[str]] = defaultdict(list)
    blocked_by_gaps: dict[str, list[str]] = defaultdict(list)
    for u, v in _edges_of(graph, EdgeKind.ADDRESSES):
        addressed_by[v].append(u)
    for u, v in _edges_of(graph, EdgeKind.BLOCKS):
        blocked_by_gaps[v].append(u)
    order = tuple(reversed(list(nx.topological_sort(precedence))))
    return Structure(
        graph=graph,
        groups=groups,
        order=order,
        requires={k: tuple(dict.fromkeys(v)) for k, v in requires.items()},
        addressed_by={k: tuple(v) for k, v in addressed_by.items()},
        blocked_by_gaps={k: tuple(v) for k, v in blocked_by_gaps.items()},
        root_causes=tuple(step.id for step in assessment.why if step.is_root_cause),
    )


def structure_of(assessment: Assessment) -> Structure:
    """The validated structure of *assessment*, computed once and cached.

    Raises:
        PlanValidationError: Duplicate ids, dangling references or cycles.
    """
    try:
        return _CACHE[assessment]
    except KeyError:
        pass
    structure = _compute(assessment)
    _CACHE[assessment] = structure
    return structure


def share_structure(source: Assessment, derived: Assessment) -> None:
    """Let *derived* reuse the structure of *source*.

    Only for assessments that differ in statuses and measured values, never
    in ids or references (what-if changes).
    """
    structure = _CACHE.get(source)
    if structure is not None:
        _CACHE[derived] = structure


def validate(assessment: Assessment) -> None:
    """Check ids, references and cycles of *assessment*.

    Raises:
        PlanValidationError: Every problem found, each a
            :class:`~remediation.exceptions.DocumentError` with its path.

    Examples:
        >>> import datetime as dt
        >>> from remediation import Assessment, Phase, Status, WorkItem
        >>> a = WorkItem(id="a", title="A", status=Status.parse("open"), depends_on=["b"])
        >>> b = WorkItem(id="b", title="B", status=Status.parse("open"), depends_on=["a"])
        >>> plan = Assessment(id="x", issue="#1", title="X", date=dt.date(2025, 1, 1),
        ...                   phases=[Phase(id="p", title="P", items=[a, b])])
        >>> from remediation.exceptions import PlanValidationError
        >>> try:
        ...     validate(plan)
        ... except PlanValidationError as error:
        ...     print(error.errors[0])
        $.phases[0].items[0]: dependency cycle: a -> b -> a
    """
    structure_of(assessment)


def build_graph(assessment: Assessment) -> nx.DiGraph[str]:
    """The plan graph of *assessment*, validated, with each record on its node.

    The graph is a new, independent :class:`networkx.DiGraph`: change it freely.

    Raises:
        PlanValidationError: Duplicate ids, dangling references or cycles.

    Examples:
        >>> from remediation import examples
        >>> g = build_graph(examples.issue_1176())
        >>> g.edges["auth-service-deployment", "phase-1"]["kind"]
        <EdgeKind.PART_OF: 'part_of'>
    """
    structure = structure_of(assessment)
    graph = structure.graph.copy()
    for record_id, _kind, _path, record in _records(assessment):
        graph.nodes[record_id]["record"] = record
    return graph


def dependency_order(assessment: Assessment) -> tuple[str, ...]:
    """Ids of work items and phases, each after everything it depends on.

    A phase comes after its own items and after the phases it depends on.

    Raises:
        PlanValidationError: The assessment is not valid (a cycle, say).
    """
    return structure_of(assessment).order


def evidence_index(assessment: Assessment) -> dict[str, Evidence]:
    """Evidence by id."""
    return {evidence.id: evidence for evidence in assessment.evidence}


def record_index(
    assessment: Assessment,
) -> dict[str, WorkItem | Phase | NextStep | Gap | Criterion | WhyStep | Evidence | Assessment]:
    """Every record by id."""
    return {record_id: record for record_id, _k, _p, record in _records(assessment)}
