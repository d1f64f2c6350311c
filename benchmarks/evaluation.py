"""How the benchmark evaluates plans: in full, as the floor's graph, and as timed what-ifs.

This is the only module of the benchmark that imports names private to the
library (``structure_of``; :func:`evaluate_in_full` is :func:`remediation.evaluate`,
which keeps nothing), and
:func:`what_if_timings` is the only place that chooses how a plan and its
variants are evaluated (:func:`_evaluator`).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence

import attrs
import networkx as nx

import remediation
from remediation.evaluator import evaluate as evaluate_in_full
from remediation.graph.structure import compute_structure as structure_of

__all__ = ["evaluate_in_full", "what_if_timings", "work_graph"]


def work_graph(plan: remediation.Assessment) -> nx.DiGraph[str]:
    """The graph a full evaluation orders: every item and phase, an edge per requirement."""
    structure = structure_of(plan)
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(structure.order)
    graph.add_edges_from(
        (node, need) for node, needs in structure.requires.items() for need in needs
    )
    return graph


def _evaluator() -> Callable[[remediation.Assessment], remediation.Evaluation]:
    """What evaluates a plan and then its variants, each from its source's evaluation.

    A new :class:`remediation.Evaluator`: it remembers the plan's evaluation
    and evaluates each variant from it.
    """
    return remediation.Evaluator().evaluate


def what_if_timings(
    plan: remediation.Assessment, item_ids: Sequence[str], *, checked: int
) -> list[float]:
    """The time of each what-if on *plan*: one of *item_ids* resolved, the variant evaluated.

    The plan is evaluated first, untimed, as in a notebook where its
    evaluation is known; each what-if then resolves one item with
    :func:`remediation.with_status` and evaluates the variant. Nothing is
    known of *plan* beforehand (a new copy is used), so that every call measures
    the same thing, the first what-if's building of the plan's index included.

    The first *checked* results are compared with a full evaluation, outside
    the timings.

    Raises:
        AssertionError: A what-if's evaluation differs from a full evaluation.
    """
    evaluate = _evaluator()
    source = attrs.evolve(plan)
    evaluate(source)
    timings = []
    for n, item_id in enumerate(item_ids):
        gc.collect()
        start = time.perf_counter()
        variant = remediation.with_status(source, item_id, "✅ RESOLVED")
        result = evaluate(variant)
        timings.append(time.perf_counter() - start)
        if n < checked and result != evaluate_in_full(variant):
            msg = f"the what-if on {item_id} differs from a full evaluation"
            raise AssertionError(msg)
        # Let the variant go outside the timing: freeing it (and its evaluation's long
        # tuples) is not part of the next what-if.
        del variant, result
    return timings
