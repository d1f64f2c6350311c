"""The structure of an assessment: what its references make of it.

:func:`compute_structure` returns the :class:`Structure` of an assessment: the phase of
each work item, the order of work, what each piece of work waits for, who
addresses each gap and cause, which gaps block what, and the root causes.
None of it depends on statuses or measured values, so what-if variants of an
assessment share its structure.

Building it validates the assessment: duplicate ids, references to missing
ids (or to records of the wrong kind), dependency cycles and cycles of causes
are all reported at once as a
:class:`~remediation.exceptions.PlanValidationError`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import networkx as nx

from remediation.exceptions import (
    DanglingReferenceError,
    DependencyCycleError,
    DocumentError,
    DuplicateIdError,
    PlanValidationError,
)
from remediation.graph.index import PlanIndex
from remediation.graph.kinds import (
    ADDRESSABLE,
    ANY,
    BLOCKABLE,
    EVIDENCE,
    WHY_STEPS,
    WORK,
    EdgeKind,
    NodeKind,
    describe,
)
from remediation.model.records import (
    Assessment,
    MeasurementEvidence,
    NextStep,
    Phase,
    TestRunEvidence,
    WorkItem,
)

__all__ = ["Structure", "compute_structure"]


class Structure:
    """What an assessment's references make of it, independent of statuses and values.

    Computed once per assessment and shared by its what-if variants.

    Attributes:
        groups: For each work item id, the id of its phase or next step.
        order: Ids of work items and phases, each after everything it depends on.
        requires: For each work item and phase id, the ids it must wait for
            (items and phases; a phase waits for its own items).
        addressed_by: For each gap or why step id, the ids of items addressing it.
        blocked_by_gaps: For each item or criterion id, the ids of gaps blocking it.
        root_causes: Ids of the why steps that nothing deeper explains.
    """

    __slots__ = (
        "__weakref__",
        "_index",
        "addressed_by",
        "blocked_by_gaps",
        "groups",
        "order",
        "requires",
        "root_causes",
    )

    def __init__(
        self,
        *,
        groups: Mapping[str, str],
        order: tuple[str, ...],
        requires: Mapping[str, tuple[str, ...]],
        addressed_by: Mapping[str, tuple[str, ...]],
        blocked_by_gaps: Mapping[str, tuple[str, ...]],
        root_causes: tuple[str, ...],
    ) -> None:
        self.groups = groups
        self.order = order
        self.requires = requires
        self.addressed_by = addressed_by
        self.blocked_by_gaps = blocked_by_gaps
        self.root_causes = root_causes
        self._index: PlanIndex | None = None

    def index(self, assessment: Assessment) -> PlanIndex:
        """Positions and reverse references for incremental evaluation, built on first use."""
        if self._index is None:
            self._index = PlanIndex(
                assessment,
                order=self.order,
                requires=self.requires,
                blocked_by_gaps=self.blocked_by_gaps,
                root_causes=self.root_causes,
            )
        return self._index


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

    yield from each(assessment.id, "$.related", assessment.related, EdgeKind.REFERENCES, EVIDENCE)
    for i, entry in enumerate(assessment.tracking):
        yield from each(
            assessment.id, f"$.tracking[{i}].refs", entry.refs, EdgeKind.REFERENCES, ANY
        )
    for i, step in enumerate(assessment.why):
        base = f"$.why[{i}]"
        yield from each(step.id, f"{base}.evidence", step.evidence, EdgeKind.EVIDENCED_BY, EVIDENCE)
        yield from each(step.id, f"{base}.causes", step.causes, EdgeKind.CAUSED_BY, WHY_STEPS)
    for attr in ("phases", "next_steps"):
        groups: Sequence[Phase | NextStep] = getattr(assessment, attr)
        for i, group in enumerate(groups):
            if isinstance(group, Phase):
                yield from each(
                    group.id,
                    f"$.{attr}[{i}].depends_on",
                    group.depends_on,
                    EdgeKind.DEPENDS_ON,
                    WORK,
                )
            for j, item in enumerate(group.items):
                base = f"$.{attr}[{i}].items[{j}]"
                yield from _item_references(item, base)
    for i, gap in enumerate(assessment.gaps):
        base = f"$.gaps[{i}]"
        if gap.measurement is not None:
            yield gap.id, f"{base}.measurement", gap.measurement, EdgeKind.MEASURED_BY, EVIDENCE
        yield from each(gap.id, f"{base}.blocks", gap.blocks, EdgeKind.BLOCKS, BLOCKABLE)
        yield from each(gap.id, f"{base}.evidence", gap.evidence, EdgeKind.EVIDENCED_BY, EVIDENCE)
    for i, criterion in enumerate(assessment.criteria):
        base = f"$.criteria[{i}]"
        if criterion.current_from is not None:
            yield (
                criterion.id,
                f"{base}.current_from.evidence",
                criterion.current_from.evidence,
                EdgeKind.MEASURED_BY,
                EVIDENCE,
            )
        yield from each(
            criterion.id, f"{base}.evidence", criterion.evidence, EdgeKind.EVIDENCED_BY, EVIDENCE
        )


def _item_references(
    item: WorkItem, base: str
) -> Iterator[tuple[str, str, str, EdgeKind, frozenset[NodeKind]]]:
    for field, kind, accepted in (
        ("depends_on", EdgeKind.DEPENDS_ON, WORK),
        ("addresses", EdgeKind.ADDRESSES, ADDRESSABLE),
        ("evidence", EdgeKind.EVIDENCED_BY, EVIDENCE),
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


def _compute_checked(assessment: Assessment) -> Structure:
    """Validate with every detail (paths, all errors at once) through a networkx graph."""
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
            errors.append(DanglingReferenceError(path, source, target, describe(accepted)))
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
        groups=groups,
        order=order,
        requires={k: tuple(dict.fromkeys(v)) for k, v in requires.items()},
        addressed_by={k: tuple(v) for k, v in addressed_by.items()},
        blocked_by_gaps={k: tuple(v) for k, v in blocked_by_gaps.items()},
        root_causes=tuple(step.id for step in assessment.why if step.is_root_cause),
    )


def _topological(nodes: Iterable[str], successors: Mapping[str, Sequence[str]]) -> list[str] | None:
    """Nodes in the order :func:`networkx.topological_sort` gives, or ``None`` on a cycle.

    The same generations, in the same order, as networkx on a graph whose nodes
    and edges were added in the order of *nodes* and *successors*.
    """
    indegree = dict.fromkeys(nodes, 0)
    for needs in successors.values():
        for need in needs:
            indegree[need] += 1
    generation = [node for node, degree in indegree.items() if degree == 0]
    result: list[str] = []
    while generation:
        result.extend(generation)
        following: list[str] = []
        for node in generation:
            for child in successors.get(node, ()):
                indegree[child] -= 1
                if not indegree[child]:
                    following.append(child)
        generation = following
    return result if len(result) == len(indegree) else None


def _compute_fast(assessment: Assessment) -> Structure | None:
    """The structure of a *valid* assessment, without paths, strings or networkx.

    Returns ``None`` at the first sign of a problem: :func:`_compute_checked`
    then finds and reports every problem with its path.
    """
    kind_of: dict[str, NodeKind] = {}
    count = 0
    for record_id, node_kind in _kinds(assessment):
        kind_of[record_id] = node_kind
        count += 1
    if len(kind_of) != count:
        return None  # a duplicate id
    get = kind_of.get
    if any(get(target) is not NodeKind.EVIDENCE for target in assessment.related):
        return None
    for entry in assessment.tracking:
        if any(target not in kind_of for target in entry.refs):
            return None
    caused_by: dict[str, tuple[str, ...]] = {}
    root_causes: list[str] = []
    for step in assessment.why:
        if any(get(target) is not NodeKind.EVIDENCE for target in step.evidence):
            return None
        if step.causes:
            if any(get(target) is not NodeKind.WHY for target in step.causes):
                return None
            caused_by[step.id] = tuple(dict.fromkeys(step.causes))
        else:
            root_causes.append(step.id)

    groups: dict[str, str] = {}
    requires: dict[str, list[str]] = defaultdict(list)
    addressed_by: dict[str, list[str]] = defaultdict(list)
    nodes: dict[str, None] = {}
    work, addressable = WORK, ADDRESSABLE
    for phase in assessment.phases:
        for item in phase.items:
            requires[phase.id].append(item.id)
            requires[item.id].extend(phase.depends_on)
    for attr in ("phases", "next_steps"):
        for group in getattr(assessment, attr):
            is_phase = attr == "phases"
            if is_phase:
                if any(get(target) not in work for target in group.depends_on):
                    return None
                if group.depends_on:
                    requires[group.id].extend(group.depends_on)
            for item in group.items:
                groups.setdefault(item.id, group.id)
                nodes[item.id] = None
                if is_phase:
                    nodes[group.id] = None
                if item.depends_on:
                    if any(get(target) not in work for target in item.depends_on):
                        return None
                    requires[item.id].extend(item.depends_on)
                if item.addresses:
                    if any(get(target) not in addressable for target in item.addresses):
                        return None
                    for target in dict.fromkeys(item.addresses):
                        addressed_by[target].append(item.id)
                if any(get(target) is not NodeKind.EVIDENCE for target in item.evidence):
                    return None
    for phase in assessment.phases:
        nodes[phase.id] = None

    blocked_by_gaps = _fast_gaps_and_criteria(assessment, kind_of)
    if blocked_by_gaps is None:
        return None
    deduplicated = {node: tuple(dict.fromkeys(needs)) for node, needs in requires.items()}
    for node, needs in deduplicated.items():
        if needs:
            nodes.setdefault(node)
            for need in needs:
                nodes.setdefault(need)
    order = _topological(nodes, deduplicated)
    if order is None or _topological([s.id for s in assessment.why], caused_by) is None:
        return None  # a cycle
    order.reverse()
    return Structure(
        groups=groups,
        order=tuple(order),
        requires=deduplicated,
        addressed_by={k: tuple(v) for k, v in addressed_by.items()},
        blocked_by_gaps={k: tuple(v) for k, v in blocked_by_gaps.items()},
        root_causes=tuple(root_causes),
    )


def _fast_gaps_and_criteria(
    assessment: Assessment, kind_of: Mapping[str, NodeKind]
) -> dict[str, list[str]] | None:
    """For :func:`_compute_fast`: check gaps and criteria; the gaps blocking each record."""
    get = kind_of.get
    blocked_by_gaps: dict[str, list[str]] = defaultdict(list)
    measured = (TestRunEvidence, MeasurementEvidence)
    evidence = {e.id: e for e in assessment.evidence}
    for gap in assessment.gaps:
        if gap.measurement is not None and not isinstance(evidence.get(gap.measurement), measured):
            return None
        if any(get(target) not in BLOCKABLE for target in gap.blocks):
            return None
        for target in dict.fromkeys(gap.blocks):
            blocked_by_gaps[target].append(gap.id)
        if any(get(target) is not NodeKind.EVIDENCE for target in gap.evidence):
            return None
    for criterion in assessment.criteria:
        source = criterion.current_from
        if source is not None and not isinstance(evidence.get(source.evidence), measured):
            return None
        if any(get(target) is not NodeKind.EVIDENCE for target in criterion.evidence):
            return None

    return blocked_by_gaps


def _kinds(assessment: Assessment) -> Iterator[tuple[str, NodeKind]]:
    """(id, kind) of every record, in the order of :func:`_records`."""
    yield assessment.id, NodeKind.ASSESSMENT
    for step in assessment.why:
        yield step.id, NodeKind.WHY
    item_kind = NodeKind.ITEM
    for attr, kind in (("phases", NodeKind.PHASE), ("next_steps", NodeKind.NEXT_STEP)):
        for group in getattr(assessment, attr):
            yield group.id, kind
            for item in group.items:
                yield item.id, item_kind
    for gap in assessment.gaps:
        yield gap.id, NodeKind.GAP
    for criterion in assessment.criteria:
        yield criterion.id, NodeKind.CRITERION
    for record in assessment.evidence:
        yield record.id, NodeKind.EVIDENCE


def compute_structure(assessment: Assessment) -> Structure:
    """The structure of *assessment*, which must hold together.

    Nothing is cached here: see :func:`remediation.graph.cache.structure_of`.

    Raises:
        PlanValidationError: Duplicate ids, dangling references or cycles,
            every one found, each with its path.
    """
    structure = _compute_fast(assessment)
    return structure if structure is not None else _compute_checked(assessment)
