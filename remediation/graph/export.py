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

networkx is imported on the first graph built, not with the library: most
programs that load and evaluate plans never build one, and importing networkx
takes longer than importing the rest of the library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from remediation.graph.kinds import EdgeKind
from remediation.graph.references import path, records, references
from remediation.graph.structure import structure_of
from remediation.model.records import Assessment

if TYPE_CHECKING:
    import networkx as nx

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

    The graph is the one ``add_nodes_from`` and ``add_edges_from`` would build
    from the same nodes and edges (``tests/test_graph.py`` compares them), but
    its dictionaries are filled directly, as networkx's own methods fill them
    (node attributes in ``_node``, one data dict per edge shared by ``_succ``
    and ``_pred``): those methods copy every attribute dict they are given
    and check every node for each edge, which took longer than everything
    else of building and validating the graph. A valid assessment needs no
    checks: every id is unique and every reference names a node.

    Each edge is made once: an edge already in the graph gets the kinds found
    later at the end.
    """
    import networkx as nx  # noqa: PLC0415  (imported on first use: see the module docstring)

    graph: nx.DiGraph[str] = nx.DiGraph()
    dictionaries: Any = graph  # its dictionaries are not in networkx's type stubs
    node: dict[str, dict[str, Any]] = dictionaries._node
    succ: dict[str, dict[str, dict[str, Any]]] = dictionaries._adj
    pred: dict[str, dict[str, dict[str, Any]]] = dictionaries._pred
    part_of = EdgeKind.PART_OF
    data = {"kind": part_of, "kinds": _ONLY[part_of]}
    # A record comes after the one it is part of: its part_of edge is made with its node.
    for record_id, kind, record, container, where in records(assessment):
        node[record_id] = {"kind": kind, "path": path(where), "record": record}
        pred[record_id] = {}
        if container is None:
            succ[record_id] = {}
        else:
            succ[record_id] = {container: (made := data.copy())}
            pred[container][record_id] = made
    more: dict[tuple[str, str], list[EdgeKind]] = {}
    for source, targets, field, _where in references(assessment):
        edge = field.kind
        only = _ONLY[edge]
        out = succ[source]
        for target in targets:
            if target in out:  # added already: one more kind of reference
                more.setdefault((source, target), []).append(edge)
            else:
                out[target] = pred[target][source] = {"kind": edge, "kinds": only}
    for (source, target), kinds in more.items():
        found = succ[source][target]
        found["kinds"] = frozenset((found["kind"], *kinds))
    return graph
