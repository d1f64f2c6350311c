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
"""

from __future__ import annotations

import networkx as nx

from remediation.graph.cache import structure_of
from remediation.graph.kinds import EdgeKind
from remediation.graph.structure import _records, _references
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
