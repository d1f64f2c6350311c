"""Evaluating: :func:`evaluate` (pure, in full) and :class:`Evaluator` (remembers, incremental).

- :mod:`~remediation.evaluator.full`: every value, one pass in document order;
- :mod:`~remediation.evaluator.changes`: which records a variant changed;
- :mod:`~remediation.evaluator.incremental` and :mod:`~remediation.evaluator.reschedule`:
  a variant's values from its source's, recomputing only what the change reaches;
- :mod:`~remediation.evaluator.evaluator`: the entry points;
- :mod:`~remediation.evaluator.comparison`: :func:`diff`, two versions evaluated and compared.

Both paths compute each value with the same function (:mod:`remediation.evaluation`,
:mod:`remediation.rules`); they differ only in which values they compute.
"""

from __future__ import annotations

from remediation.evaluator.comparison import diff
from remediation.evaluator.evaluator import Evaluator, as_datetime, evaluate

__all__ = ["Evaluator", "as_datetime", "diff", "evaluate"]
