"""Typed remediation plans: records, one dependency graph, derived evaluation.

A status assessment (five whys, a phased plan, gaps, success criteria, a
recommendation) becomes typed data; :func:`evaluate` derives what the data
say and flags where the document's own claims disagree.

Examples:
    >>> import remediation
    >>> result = remediation.evaluate(remediation.examples.issue_1176())
    >>> result.recommendation.decision
    <Decision.KEEP_OPEN: 'keep_open'>
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from remediation import exceptions
from remediation._duration import Duration, parse_duration
from remediation._evaluation import (
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
    evaluate,
)
from remediation._graph import EdgeKind, NodeKind, build_graph, dependency_order, validate
from remediation._limits import Limits
from remediation._migrations import SCHEMA_VERSION
from remediation._records import (
    Assessment,
    ChecklistEntry,
    CommitEvidence,
    CountClaim,
    CountSubject,
    Criterion,
    CriterionCategory,
    Decision,
    DocumentEvidence,
    Evidence,
    Gap,
    MeasurementEvidence,
    MetricSource,
    NextStep,
    NoteEvidence,
    Phase,
    RationalePoint,
    StatedRecommendation,
    StateMetric,
    TestRunEvidence,
    TestRunQuantity,
    WhyStep,
    WorkItem,
)
from remediation._schedule import Schedule, ScheduledWork
from remediation._status import Progress, Severity, Status, accepted_status_labels, parse_status
from remediation._target import Comparator, Target, parse_target
from remediation._whatif import with_measurement, with_observation, with_status, with_test_run

# Reading and writing documents (and with them cattrs' code generation), reports,
# pictures, tables and the schema are imported on first use: a program that only
# builds and evaluates plans does not need them, and importing them costs time.
_LAZY = {
    "Format": "remediation._formats",
    "dump": "remediation._formats",
    "dumps": "remediation._formats",
    "load": "remediation._formats",
    "loads": "remediation._formats",
    "to_data": "remediation._formats",
    "TablePart": "remediation._tables",
    "json_schema": "remediation._schema",
    "mermaid_flowchart": "remediation._diagrams",
    "mermaid_gantt": "remediation._diagrams",
    "plot_progress": "remediation._charts",
    "plot_schedule": "remediation._charts",
    "render_html": "remediation._html",
    "render_markdown": "remediation._markdown",
    "to_dataframe": "remediation._tables",
    "to_dot": "remediation._diagrams",
    "to_records": "remediation._tables",
}

_LAZY_MODULES = {"examples": "remediation.examples"}

if TYPE_CHECKING:
    from remediation import examples
    from remediation._charts import plot_progress, plot_schedule
    from remediation._diagrams import mermaid_flowchart, mermaid_gantt, to_dot
    from remediation._formats import Format, dump, dumps, load, loads, to_data
    from remediation._html import render_html
    from remediation._markdown import render_markdown
    from remediation._schema import json_schema
    from remediation._tables import TablePart, to_dataframe, to_records


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    elif name in _LAZY_MODULES:
        value = importlib.import_module(_LAZY_MODULES[name])
    else:
        msg = f"module 'remediation' has no attribute {name!r}"
        raise AttributeError(msg)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY, *_LAZY_MODULES})


__all__ = [
    "SCHEMA_VERSION",
    "Assessment",
    "ChecklistEntry",
    "CommitEvidence",
    "Comparator",
    "CountClaim",
    "CountSubject",
    "Criterion",
    "CriterionCategory",
    "CriterionEvaluation",
    "CriterionState",
    "Decision",
    "DocumentEvidence",
    "Duration",
    "EdgeKind",
    "Evaluation",
    "Evidence",
    "Finding",
    "FindingCode",
    "FindingSeverity",
    "Format",
    "Gap",
    "GapEvaluation",
    "ItemEvaluation",
    "Limits",
    "MeasurementEvidence",
    "MetricSource",
    "NextStep",
    "NodeKind",
    "NoteEvidence",
    "Phase",
    "PhaseEvaluation",
    "Progress",
    "RationalePoint",
    "Reason",
    "ReasonCode",
    "Recommendation",
    "RootCauseCoverage",
    "Schedule",
    "ScheduledWork",
    "Severity",
    "StateMetric",
    "StatedRecommendation",
    "Status",
    "TablePart",
    "Target",
    "TestRunEvaluation",
    "TestRunEvidence",
    "TestRunQuantity",
    "WhyStep",
    "WorkItem",
    "accepted_status_labels",
    "build_graph",
    "dependency_order",
    "dump",
    "dumps",
    "evaluate",
    "examples",
    "exceptions",
    "json_schema",
    "load",
    "loads",
    "mermaid_flowchart",
    "mermaid_gantt",
    "parse_duration",
    "parse_status",
    "parse_target",
    "plot_progress",
    "plot_schedule",
    "render_html",
    "render_markdown",
    "to_data",
    "to_dataframe",
    "to_dot",
    "to_records",
    "validate",
    "with_measurement",
    "with_observation",
    "with_status",
    "with_test_run",
]
