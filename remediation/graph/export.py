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

from collections.abc import Iterator
from typing import Any

import networkx as nx

from remediation.graph.kinds import EdgeKind
from remediation.graph.references import path, records, references
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


# The kinds of an edge with one kind of reference (most edges): one frozenset for all.
_ONLY = {kind: frozenset((kind,)) for kind in EdgeKind}


def _plan_graph(assessment: Assessment) -> nx.DiGraph[str]:
    """The plan graph of a valid assessment.

    Nodes and edges are handed to networkx as they are found, each edge once:
    an edge already in the graph gets the kinds found later at the end. So
    nothing is gathered beside the graph but the rare second kinds: what
    Python's collector walks while the graph is built is the graph itself.
    """
    graph: nx.DiGraph[str] = nx.DiGraph()
    held: list[tuple[str, str]] = []
    part_of = EdgeKind.PART_OF

    def nodes() -> Iterator[tuple[str, dict[str, Any]]]:
        for record_id, kind, record, container, where in records(assessment):
            if container is not None:
                held.append((record_id, container))
            yield record_id, {"kind": kind, "path": path(where), "record": record}

    graph.add_nodes_from(nodes())
    more: dict[tuple[str, str], list[EdgeKind]] = {}
    has_edge = graph.has_edge

    def edges() -> Iterator[tuple[str, str, dict[str, Any]]]:
        for source, container in held:
            yield source, container, {"kind": part_of, "kinds": _ONLY[part_of]}
        for source, targets, field, _where in references(assessment):
            edge = field.kind
            only = _ONLY[edge]
            for target in targets:
                if has_edge(source, target):  # added already: one more kind of reference
                    more.setdefault((source, target), []).append(edge)
                else:
                    yield source, target, {"kind": edge, "kinds": only}

    graph.add_edges_from(edges())
    for (source, target), kinds in more.items():
        data = graph.edges[source, target]
        data["kinds"] = frozenset((data["kind"], *kinds))
    return graph
