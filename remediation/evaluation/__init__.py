"""What is derived from an assessment: the result classes, and one module per derived concern.

- :mod:`~remediation.evaluation.results`: the result classes (:class:`Evaluation` and
  the results per record, findings, the recommendation);
- :mod:`~remediation.evaluation.progress`: credit, item and phase progress, blocked and
  actionable work;
- :mod:`~remediation.evaluation.criteria`: criteria and test runs;
- :mod:`~remediation.evaluation.coverage`: gaps and root causes;
- :mod:`~remediation.evaluation.schedule`: the projected schedule;
- :mod:`~remediation.evaluation.recommendation`: keep open or close, with reasons;
- :mod:`~remediation.evaluation.fingerprints`: stable fingerprints of findings;
- :mod:`~remediation.evaluation.diff`: what changed between two evaluated versions.

Findings come from the rule catalogue (:mod:`remediation.rules`); the order of the
computation, full or incremental, is :mod:`remediation.evaluator`'s.
"""

from __future__ import annotations

from remediation.evaluation.results import (
    CriterionEvaluation,
    CriterionState,
    Evaluation,
    Finding,
    FindingCode,
    FindingSeverity,
    GapEvaluation,
    ItemEvaluation,
    PhaseEvaluation,
    Reason,
    ReasonCode,
    Recommendation,
    RootCauseCoverage,
    TestRunEvaluation,
)
from remediation.evaluation.schedule import Schedule, ScheduledWork

__all__ = [
    "CriterionEvaluation",
    "CriterionState",
    "Evaluation",
    "Finding",
    "FindingCode",
    "FindingSeverity",
    "GapEvaluation",
    "ItemEvaluation",
    "PhaseEvaluation",
    "Reason",
    "ReasonCode",
    "Recommendation",
    "RootCauseCoverage",
    "Schedule",
    "ScheduledWork",
    "TestRunEvaluation",
]
