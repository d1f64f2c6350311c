"""The graph layer: what the references of an assessment make of it.

* :mod:`~remediation.graph.kinds`: node and edge kinds, and what a reference may name;
* :mod:`~remediation.graph.references`: the walk over records and references;
* :mod:`~remediation.graph.structure`: the structure built from that walk;
* :mod:`~remediation.graph.diagnosis`: every problem of an invalid assessment, with its path;
* :mod:`~remediation.graph.index`: positions and reverse references for incremental evaluation;
* :mod:`~remediation.graph.validation`, :mod:`~remediation.graph.order`,
  :mod:`~remediation.graph.export`: :func:`validate`, :func:`dependency_order`
  and :func:`build_graph` (the :class:`networkx.DiGraph`).
"""

from remediation.graph.export import build_graph
from remediation.graph.index import PlanIndex
from remediation.graph.kinds import EdgeKind, NodeKind
from remediation.graph.order import dependency_order
from remediation.graph.structure import Structure, compute_structure, structure_of
from remediation.graph.validation import validate

__all__ = [
    "EdgeKind",
    "NodeKind",
    "PlanIndex",
    "Structure",
    "build_graph",
    "compute_structure",
    "dependency_order",
    "structure_of",
    "validate",
]
