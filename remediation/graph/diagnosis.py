"""Diagnosis of an assessment that does not hold together: every problem, with its path.

:func:`diagnose` finds, in one pass over the walk of
:mod:`remediation.graph.references`:

* ids used by more than one record (:class:`~remediation.exceptions.DuplicateIdError`);
* references to ids no record has, or to a record of a kind the field does
  not accept, and measured values taken from evidence that is neither a test
  run nor a measurement (:class:`~remediation.exceptions.DanglingReferenceError`);
* dependency cycles among work items and phases, cycles of causes among
  why steps and composite criteria that are (through others) members of
  themselves (:class:`~remediation.exceptions.DependencyCycleError`), one cycle
  for each knot of records that wait on one another, found with networkx.

It is the slow path: the structure of an assessment is built without paths
(:func:`remediation.graph.structure.compute_structure`), and the diagnosis runs
only when that walk meets a problem.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from remediation.exceptions import (
    DanglingReferenceError,
    DependencyCycleError,
    DocumentError,
    DuplicateIdError,
)
from remediation.graph.kinds import EdgeKind, NodeKind, describe, describe_kind
from remediation.graph.lookalikes import nearest_id, skeletons
from remediation.graph.references import (
    Field,
    Links,
    Location,
    Record,
    link,
    path,
    records,
    reference_path,
    references,
)
from remediation.model.records import (
    Assessment,
    MeasurementEvidence,
    Phase,
    SeriesEvidence,
    TestRunEvidence,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["diagnose"]


def diagnose(assessment: Assessment) -> list[DocumentError]:  # noqa: PLR0915  (one walk, in order)
    """Every problem of *assessment*, each with its JSON path; empty if it has none.

    The problems come in the order they are found: duplicate ids, dangling
    references, measured values from evidence that measures nothing,
    dependency cycles, cycles of causes. A
    :class:`~remediation.exceptions.PlanValidationError` sorts them by path.

    Examples:
        >>> import datetime as dt
        >>> from remediation import Assessment, Phase, Status, WorkItem
        >>> a = WorkItem(id="a", title="A", status=Status.parse("open"), depends_on=["p", "b"])
        >>> plan = Assessment(id="x", issue="#1", title="X", date=dt.date(2025, 1, 1),
        ...                   phases=[Phase(id="p", title="P", items=[a])])
        >>> for problem in diagnose(plan):
        ...     print(problem)
        $.phases[0].items[0].depends_on[1]: 'a' refers to 'b', which is not a work item or phase
        $.phases[0].items[0]: dependency cycle: a -> p -> a
    """
    errors: list[DocumentError] = []
    kinds: dict[str, NodeKind] = {}  # the kind of the first record with each id
    places: dict[str, Location] = {}  # where that record is
    repeated: dict[str, list[str]] = {}  # the paths of each id used more than once
    evidence: dict[str, Record] = {}  # the last piece of evidence with each id
    links: Links = {}
    requires: defaultdict[str, list[str]] = defaultdict(list)
    work: dict[str, None] = {}  # items and phases, as in the structure's walk
    phases: list[str] = []
    waits: Sequence[str] = ()
    in_phase = False
    for record_id, kind, record, container, where in records(assessment):
        if record_id in kinds:
            paths = repeated.setdefault(record_id, [path(places[record_id])])
            paths.append(path(where))
            errors.append(DuplicateIdError(record_id, paths))
        else:
            kinds[record_id] = kind
            places[record_id] = where
        if container is not None:
            link(links, record_id, container, EdgeKind.PART_OF)
        if kind is NodeKind.EVIDENCE:
            evidence[record_id] = record
        elif isinstance(record, Phase):
            phases.append(record_id)
            waits, in_phase = record.depends_on, True
        elif kind is NodeKind.NEXT_STEP:
            in_phase = False
        elif kind is NodeKind.ITEM:
            work[record_id] = None
            if in_phase and container is not None:
                work[container] = None
                requires[container].append(record_id)
                # unchecked: a missing target is reported below, and is a node without edges
                requires[record_id].extend(waits)
    work.update(dict.fromkeys(phases))

    unmeasured: list[DocumentError] = []
    shapes: dict[str, str] = {}  # what each id looks like, made for the first dangling one
    for source, targets, field, where in references(assessment):
        for position, target in enumerate(targets):
            kind_found = kinds.get(target)
            if kind_found in field.accepts:
                link(links, source, target, field.kind)
            else:
                at = reference_path(where, field, position)
                errors.append(_dangling(at, source, target, field, kinds=kinds, shapes=shapes))
        if field.kind is EdgeKind.MEASURED_BY:
            (target,) = targets
            found = evidence.get(target)
            if found is not None and not isinstance(
                found, TestRunEvidence | MeasurementEvidence | SeriesEvidence
            ):
                at = reference_path(where, field, 0)
                unmeasured.append(
                    DanglingReferenceError(at, source, target, "a test run, measurement or series")
                )
    errors.extend(unmeasured)

    errors.extend(_cycle_problems(kinds, places, links, requires, work))
    return errors


def _dangling(
    at: str,
    source: str,
    target: str,
    field: Field,
    *,
    kinds: Mapping[str, NodeKind],
    shapes: dict[str, str],
) -> DanglingReferenceError:
    """The problem of a reference to *target*: the kind of record it names, if it exists
    (of the wrong kind), or else the id it was probably meant to name."""
    near = None
    found = kinds.get(target)
    if found is None:
        if not shapes:
            shapes.update(skeletons(kinds))
        near = nearest_id(target, shapes)
    return DanglingReferenceError(
        at,
        source,
        target,
        describe(field.accepts),
        None if found is None else describe_kind(found),
        suggestion=near,
    )


def _cycle_problems(
    kinds: Mapping[str, NodeKind],
    places: Mapping[str, Location],
    links: Links,
    requires: defaultdict[str, list[str]],
    work: Iterable[str],
) -> Iterator[DependencyCycleError]:
    """The dependency cycles, then the cycles of causes, then composite criteria that
    are members of themselves.

    *requires* holds what each phase's items wait for (a phase waits for its
    items, its items for what the phase depends on); the ``depends_on`` edges
    of *links* are added to it, and the ``caused_by`` ones make the graph of
    causes. Both are read in the order of the plan graph, by source in the
    order of *kinds* (the nodes), then in the order added: the cycle reported
    depends on it.
    """
    import networkx as nx  # noqa: PLC0415  (only for a plan with problems: importing it is slow)

    by_source: defaultdict[str, list[tuple[str, list[EdgeKind]]]] = defaultdict(list)
    for (source, target), edge_kinds in links.items():
        by_source[source].append((target, edge_kinds))
    causes: nx.DiGraph[str] = nx.DiGraph()
    composites: nx.DiGraph[str] = nx.DiGraph()
    for node in kinds:
        for target, edge_kinds in by_source.get(node, ()):
            if EdgeKind.DEPENDS_ON in edge_kinds:
                requires[node].append(target)
            if EdgeKind.CAUSED_BY in edge_kinds:
                causes.add_edge(node, target)
            if EdgeKind.HAS_MEMBER in edge_kinds:
                composites.add_edge(node, target)
    precedence: nx.DiGraph[str] = nx.DiGraph()
    precedence.add_nodes_from(work)
    for node, needs in requires.items():
        precedence.add_edges_from((node, need) for need in needs)
    for graph in (precedence, causes, composites):
        for cycle in _cycles(graph):
            yield DependencyCycleError(cycle, path(places[cycle[0]]))


def _cycles(graph: nx.DiGraph[str]) -> Iterator[list[str]]:
    """One cycle for each strongly connected knot of *graph*, in edge direction.

    Each starts from the smallest id of its knot.
    """
    import networkx as nx  # noqa: PLC0415  (see _cycle_problems)

    for component in nx.strongly_connected_components(graph):
        if len(component) == 1:
            (node,) = component
            if not graph.has_edge(node, node):
                continue
        cycle = nx.find_cycle(graph.subgraph(component), source=min(component))
        yield [u for u, _v in cycle]
