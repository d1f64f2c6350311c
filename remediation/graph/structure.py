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
from typing import Any, Generic, TypeVar

import networkx as nx

from remediation.exceptions import (
    DanglingReferenceError,
    DependencyCycleError,
    DocumentError,
    DuplicateIdError,
    PlanValidationError,
)
from remediation.model.records import (
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
            self._index = PlanIndex(assessment, self)
        return self._index


class PlanIndex:
    """Where each record sits, and who refers to it: what incremental evaluation looks up.

    Attributes:
        item_ids: Every work item id, in document order (phases first).
        item_index: Position of each item in *item_ids*.
        locations: For each item, ``(attribute, group position, item position)``
            with *attribute* ``"phases"`` or ``"next_steps"``.
        group_index: Position of each phase (among phases) and next step
            (among next steps).
        order_index: Position of each item and phase in the dependency order.
        dependents: For each item and phase id, the ids that require it.
        addresses: For each item, the gaps and why steps it addresses.
        blocks: For each gap, the work items it blocks.
        gap_index, root_index, criterion_index: Positions in the evaluation's tuples.
        evidence_index: Position of each piece of evidence in the assessment.
        test_run_index: Position of each test run among the test runs.
        measured_gaps: For each piece of evidence, the gaps it measures.
        sourced_criteria: For each piece of evidence, the criteria taking their value from it.
    """

    __slots__ = (
        "addresses",
        "blocks",
        "criterion_index",
        "dependents",
        "evidence_index",
        "gap_index",
        "group_index",
        "item_ids",
        "item_index",
        "locations",
        "measured_gaps",
        "order_index",
        "root_index",
        "sourced_criteria",
        "test_run_index",
    )

    def __init__(self, assessment: Assessment, structure: Structure) -> None:
        self.locations: dict[str, tuple[str, int, int]] = {}
        self.group_index: dict[str, int] = {}
        item_ids: list[str] = []
        addresses: dict[str, tuple[str, ...]] = {}
        for attr in ("phases", "next_steps"):
            groups: tuple[Phase | NextStep, ...] = getattr(assessment, attr)
            for gi, group in enumerate(groups):
                self.group_index[group.id] = gi
                for ii, item in enumerate(group.items):
                    self.locations[item.id] = (attr, gi, ii)
                    item_ids.append(item.id)
                    if item.addresses:
                        addresses[item.id] = tuple(dict.fromkeys(item.addresses))
        self.item_ids = tuple(item_ids)
        self.item_index = {item_id: i for i, item_id in enumerate(item_ids)}
        self.order_index = {node: i for i, node in enumerate(structure.order)}
        dependents: dict[str, list[str]] = defaultdict(list)
        for node, needs in structure.requires.items():
            for need in needs:
                dependents[need].append(node)
        self.dependents = {k: tuple(v) for k, v in dependents.items()}
        self.addresses = addresses
        blocks: dict[str, list[str]] = defaultdict(list)
        for target, gap_ids in structure.blocked_by_gaps.items():
            if target in self.locations:
                for gap_id in gap_ids:
                    blocks[gap_id].append(target)
        self.blocks = {k: tuple(v) for k, v in blocks.items()}
        self.gap_index = {gap.id: i for i, gap in enumerate(assessment.gaps)}
        self.root_index = {cause: i for i, cause in enumerate(structure.root_causes)}
        self.criterion_index = {c.id: i for i, c in enumerate(assessment.criteria)}
        self.evidence_index = {e.id: i for i, e in enumerate(assessment.evidence)}
        runs = [e.id for e in assessment.evidence if isinstance(e, TestRunEvidence)]
        self.test_run_index = {run: i for i, run in enumerate(runs)}
        measured: dict[str, list[str]] = defaultdict(list)
        for gap in assessment.gaps:
            if gap.measurement is not None:
                measured[gap.measurement].append(gap.id)
        self.measured_gaps = {k: tuple(v) for k, v in measured.items()}
        sourced: dict[str, list[str]] = defaultdict(list)
        for criterion in assessment.criteria:
            if criterion.current_from is not None:
                sourced[criterion.current_from.evidence].append(criterion.id)
        self.sourced_criteria = {k: tuple(v) for k, v in sourced.items()}


class Change:
    """What a what-if helper changed: ids of the records replaced, nothing else.

    Attributes:
        items: Work items with a new status.
        criteria: Criteria with a new value or observation.
        evidence: Evidence with new values.
    """

    __slots__ = ("criteria", "evidence", "items")

    def __init__(
        self,
        *,
        items: tuple[str, ...] = (),
        criteria: tuple[str, ...] = (),
        evidence: tuple[str, ...] = (),
    ) -> None:
        self.items = items
        self.criteria = criteria
        self.evidence = evidence


_T = TypeVar("_T")


class IdentityCache(Generic[_T]):
    """Values cached per object *identity*, dropped when the object is collected.

    Unlike a :class:`weakref.WeakKeyDictionary`, a lookup never hashes or
    compares the key: hashing a big assessment costs a walk over all of it.
    """

    __slots__ = ("_entries",)

    def __init__(self) -> None:
        self._entries: dict[int, tuple[weakref.ref[Any], _T]] = {}

    def get(self, key: object) -> _T | None:
        entry = self._entries.get(id(key))
        if entry is None or entry[0]() is not key:
            return None
        return entry[1]

    def set(self, key: object, value: _T) -> None:
        entries = self._entries
        ident = id(key)

        def forget(_: weakref.ref[Any]) -> None:
            current = entries.get(ident)
            if current is not None and current[0]() is None:
                del entries[ident]

        entries[ident] = (weakref.ref(key, forget), value)

    def pop(self, key: object) -> None:
        if self.get(key) is not None:
            del self._entries[id(key)]


_CACHE: IdentityCache[Structure] = IdentityCache()
_LINEAGE: IdentityCache[tuple[Assessment, Change]] = IdentityCache()


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
        groups=groups,
        order=order,
        requires={k: tuple(dict.fromkeys(v)) for k, v in requires.items()},
        addressed_by={k: tuple(v) for k, v in addressed_by.items()},
        blocked_by_gaps={k: tuple(v) for k, v in blocked_by_gaps.items()},
        root_causes=tuple(step.id for step in assessment.why if step.is_root_cause),
    )


def _plan_graph(assessment: Assessment) -> nx.DiGraph[str]:
    """The plan graph of a valid assessment, each record on its node.

    Edges are gathered first and added in one call, in the order they are
    first found (the order :func:`_link` would add them in).
    """
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(
        (record_id, {"kind": node_kind, "path": path, "record": record})
        for record_id, node_kind, path, record in _records(assessment)
    )
    kinds: dict[tuple[str, str], list[EdgeKind]] = {}

    def link(source: str, target: str, kind: EdgeKind) -> None:
        found = kinds.get((source, target))
        if found is None:
            kinds[source, target] = [kind]
        elif kind not in found:
            found.append(kind)

    for attr in ("phases", "next_steps"):
        for group in getattr(assessment, attr):
            link(group.id, assessment.id, EdgeKind.PART_OF)
            for item in group.items:
                link(item.id, group.id, EdgeKind.PART_OF)
    for gap in assessment.gaps:
        link(gap.id, assessment.id, EdgeKind.PART_OF)
    for criterion in assessment.criteria:
        link(criterion.id, assessment.id, EdgeKind.PART_OF)
    for source, _path, target, kind, _accepted in _references(assessment):
        link(source, target, kind)
    graph.add_edges_from(
        (source, target, {"kind": found[0], "kinds": frozenset(found)})
        for (source, target), found in kinds.items()
    )
    return graph


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
    work, addressable = _WORK, _ADDRESSABLE
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
        if any(get(target) not in _BLOCKABLE for target in gap.blocks):
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
    """The validated structure of *assessment*, computed afresh (nothing is cached).

    Raises:
        PlanValidationError: Duplicate ids, dangling references or cycles.
    """
    structure = _compute_fast(assessment)
    return structure if structure is not None else _compute_checked(assessment)


_compute = compute_structure


def _ancestry(assessment: Assessment) -> tuple[list[Assessment], Structure | None]:
    """*assessment* and its sources up to the first with a known structure, and that structure."""
    chain = [assessment]
    while True:
        structure = _CACHE.get(chain[-1])
        if structure is not None:
            return chain, structure
        lineage = _LINEAGE.get(chain[-1])
        if lineage is None:
            return chain, None
        chain.append(lineage[0])


def cached_structure(assessment: Assessment) -> Structure | None:
    """The structure of *assessment* if it is known already (cached or inherited)."""
    chain, structure = _ancestry(assessment)
    if structure is not None:
        for each in chain:
            _CACHE.set(each, structure)
    return structure


def structure_of(assessment: Assessment) -> Structure:
    """The validated structure of *assessment*, computed once and cached.

    A what-if variant (see :func:`derive`) shares the structure of the
    assessment it was derived from.

    Raises:
        PlanValidationError: Duplicate ids, dangling references or cycles.
    """
    chain, structure = _ancestry(assessment)
    if structure is None:
        structure = _compute(chain[-1])
    for each in chain:
        _CACHE.set(each, structure)
    return structure


def derive(source: Assessment, derived: Assessment, change: Change) -> None:
    """Record that *derived* is *source* with *change*.

    Only for assessments that differ in statuses and measured values, never
    in ids or references (what-if changes). *derived* shares the structure of
    *source*, and its evaluation may start from the evaluation of *source*.
    """
    _LINEAGE.set(derived, (source, change))


def lineage(assessment: Assessment) -> tuple[Assessment, Change] | None:
    """The assessment *assessment* was derived from, and the change, if it was."""
    return _LINEAGE.get(assessment)


def forget_lineage(assessment: Assessment) -> None:
    """Drop the link to the source of *assessment* (its evaluation no longer needs it)."""
    _LINEAGE.pop(assessment)


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
    structure_of(assessment)  # validates, or raises
    return _plan_graph(assessment)


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
