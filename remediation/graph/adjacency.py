"""The plan graph's nodes and edges in plain dictionaries, for drawing it without networkx.

A diagram of the plan (DOT, the Mermaid flowchart) writes every node and edge
of :func:`~remediation.graph.export.build_graph` once, in the graph's order,
and reads nothing else of it: building the networkx graph first (its node,
successor and predecessor dictionaries, an attribute dict per edge) took as
long as writing the text. :func:`plan_adjacency` gives the same nodes, kinds
and records, and each edge's first kind, in the same order:
``tests/test_graph.py`` compares them with the graph's.
"""

from __future__ import annotations

import attrs

from remediation.graph.kinds import EdgeKind, NodeKind
from remediation.graph.references import records, references
from remediation.graph.structure import structure_of
from remediation.model.records import Assessment

__all__ = ["PlanAdjacency", "plan_adjacency"]


@attrs.frozen
class PlanAdjacency:
    """The nodes and edges of the plan graph, in the order :func:`build_graph` adds them.

    Attributes:
        nodes: Each record's id, its kind and the record itself, in the order
            of the graph's nodes.
        edges: Each record's successors, by id, with the kind of the edge (the
            first kind of reference between the two: the graph's ``kind``), in
            the order of the graph's adjacency: ``for source, targets in
            edges.items(): for target in targets`` is ``graph.edges``.
    """

    nodes: dict[str, tuple[NodeKind, object]]
    edges: dict[str, dict[str, EdgeKind]]


def plan_adjacency(assessment: Assessment) -> PlanAdjacency:
    """The nodes and edges of the plan graph of *assessment*, validated, without networkx.

    Raises:
        PlanValidationError: Duplicate ids, dangling references or cycles.

    Examples:
        >>> from remediation import examples
        >>> plan = plan_adjacency(examples.issue_1176())
        >>> plan.edges["auth-service-deployment"]["phase-1"]
        <EdgeKind.PART_OF: 'part_of'>
    """
    structure_of(assessment)  # validates, or raises
    nodes: dict[str, tuple[NodeKind, object]] = {}
    edges: dict[str, dict[str, EdgeKind]] = {}
    part_of = EdgeKind.PART_OF
    for record_id, kind, record, container, _where in records(assessment):
        nodes[record_id] = (kind, record)
        edges[record_id] = {} if container is None else {container: part_of}
    for source, targets, field, _where in references(assessment):
        edge = field.kind
        out = edges[source]
        for target in targets:
            if target not in out:  # the first kind of reference between the two is the edge's
                out[target] = edge
    return PlanAdjacency(nodes, edges)
