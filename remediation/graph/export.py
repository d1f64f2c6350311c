"""The plan graph: one :class:`networkx.DiGraph` over every record of an assessment.

Direction convention: **an edge points from the record that holds a reference
to the record it names.** A work item that depends on another has an edge
``item --depends_on--> other``; an item in a phase has ``item --part_of--> phase``;
a step of the five whys explained by a deeper one has
``step --caused_by--> deeper``. Every edge carries its
:class:`~remediation.graph.kinds.EdgeKind` under the ``kind`` key, and under
``kinds`` every kind of reference between the same two records (a criterion
measured by a test run that it also lists as evidence is ``measured_by`` and
``evidenced_by``; ``kind`` is the first). Every node carries its
:class:`~remediation.graph.kinds.NodeKind` (``kind``), its JSON path in the
document (``path``) and the record itself (``record``).

Nodes come in the order of :func:`remediation.graph.references.records`; the
``part_of`` edges come first, in the same order, then the references in the
order of :func:`remediation.graph.references.references`.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from remediation.graph.kinds import EdgeKind
from remediation.graph.references import Links, link, path, records, references
from remediation.graph.structure import structure_of
from remediation.model.records import Assessment

__all__ = ["build_graph"]


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


def _plan_graph(assessment: Assessment) -> nx.DiGraph[str]:
    """The plan graph of a valid assessment.

    Edges are gathered first, then added in one call, in the order they were
    first found.
    """
    nodes: list[tuple[str, dict[str, Any]]] = []
    links: Links = {}
    part_of = EdgeKind.PART_OF
    for record_id, kind, record, container, where in records(assessment):
        nodes.append((record_id, {"kind": kind, "path": path(where), "record": record}))
        if container is not None:
            link(links, record_id, container, part_of)
    for source, targets, field, _where in references(assessment):
        edge = field.kind
        for target in targets:
            link(links, source, target, edge)
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(
        (source, target, {"kind": found[0], "kinds": frozenset(found)})
        for (source, target), found in links.items()
    )
    return graph
