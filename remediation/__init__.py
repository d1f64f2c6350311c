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

from remediation import exceptions, rules
from remediation.evaluation.diff import AssessmentDiff
from remediation.evaluation.milestones import MilestoneEvaluation
from remediation.evaluation.results import (
    ClosureException,
    CoverageState,
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
    RiskEvaluation,
    RootCauseCoverage,
    TestRunEvaluation,
)
from remediation.evaluation.schedule import Schedule, ScheduledWork
from remediation.evaluation.series import Projection, SeriesEvaluation, evaluate_series
from remediation.evaluation.slo import BudgetBurn, ErrorBudget, budget_burn, error_budget
from remediation.evaluation.timeline import TimelineEvaluation
from remediation.evaluator import Evaluator, diff, evaluate
from remediation.exceptions import SourcePosition
from remediation.graph import EdgeKind, NodeKind, build_graph, dependency_order, validate
from remediation.io.limits import Limits
from remediation.io.migrations import SCHEMA_VERSION
from remediation.model import display as _display
from remediation.model.checklists import Checklist, Lifecycle, LifecycleState, LifecycleStatus
from remediation.model.closure import Closure
from remediation.model.deadline import DateOrMoment, Deadline
from remediation.model.duration import Duration, parse_duration
from remediation.model.links import LinkKind, link_kind
from remediation.model.moment import Moment, Span, parse_moment
from remediation.model.policy import ClosingPolicy, ClosingRule, Policy, Suppression
from remediation.model.quantity import (
    APPROXIMATION_TOLERANCE,
    Bound,
    Quantity,
    parse_quantity,
)
from remediation.model.records import (
    STATUS_FILTERS,
    Assessment,
    ChecklistEntry,
    Claim,
    ClaimScope,
    CommitEvidence,
    Composite,
    CompositeMode,
    Counted,
    Criterion,
    CriterionCategory,
    Decision,
    Direction,
    DocumentEvidence,
    Event,
    EventKind,
    Evidence,
    FixedDates,
    Gap,
    Indicator,
    MeasurementEvidence,
    MetricSource,
    Milestone,
    NextStep,
    NoteEvidence,
    Phase,
    RationalePoint,
    Relation,
    RelationKind,
    Replan,
    SeriesEvidence,
    SeriesPoint,
    ServiceLevel,
    StageClaim,
    StatedRecommendation,
    StateMetric,
    TestRunEvidence,
    TestRunQuantity,
    WhyStep,
    Window,
    WindowKind,
    WorkItem,
)
from remediation.model.risk import Acceptance, Level, Risk, RiskLogEntry, RiskMatrix, RiskStatus
from remediation.model.status import (
    Progress,
    Severity,
    Status,
    accepted_status_labels,
    parse_status,
)
from remediation.model.target import Comparator, Target, parse_target
from remediation.model.units import Kind, Unit, parse_unit
from remediation.model.whatif import (
    with_measurement,
    with_observation,
    with_status,
    with_test_run,
)
from remediation.rules import Rule

# Reading and writing documents (and with them cattrs' code generation), reports,
# pictures, tables and the schema are imported on first use: a program that only
# builds and evaluates plans does not need them, and importing them costs time.
_LAZY = {
    "Format": "remediation.io.formats",
    "dump": "remediation.io.formats",
    "from_openslo": "remediation.io.openslo",
    "from_oscal_poam": "remediation.io.oscal_import",
    "to_oscal_poam": "remediation.io.oscal_export",
    "to_openslo": "remediation.io.openslo",
    "dumps": "remediation.io.formats",
    "load": "remediation.io.formats",
    "loads": "remediation.io.formats",
    "finding_position": "remediation.io.positions",
    "position_of": "remediation.io.positions",
    "to_data": "remediation.io.formats",
    "TablePart": "remediation.render.tables",
    "json_schema": "remediation.io.schema",
    "mermaid_flowchart": "remediation.render.diagrams",
    "mermaid_gantt": "remediation.render.diagrams",
    "mermaid_timeline": "remediation.render.diagrams",
    "plot_progress": "remediation.render.charts",
    "plot_schedule": "remediation.render.charts",
    "render_html": "remediation.render.html",
    "render_markdown": "remediation.render.markdown",
    "render_sarif": "remediation.render.sarif",
    "diff_data": "remediation.render.diff",
    "diff_markdown": "remediation.render.diff",
    "diff_text": "remediation.render.diff",
    "HistoryPoint": "remediation.io.history",
    "Portfolio": "remediation.io.portfolio",
    "PortfolioRow": "remediation.io.portfolio",
    "evaluate_portfolio": "remediation.io.portfolio",
    "portfolio_dataframe": "remediation.render.portfolio",
    "portfolio_records": "remediation.render.portfolio",
    "history": "remediation.io.history",
    "plot_burnup": "remediation.render.history",
    "to_sarif": "remediation.render.sarif",
    "to_dataframe": "remediation.render.tables",
    "to_dot": "remediation.render.diagrams",
    "to_records": "remediation.render.tables",
    "from_github_issues": "remediation.io.github_issues",
    "from_jira_issues": "remediation.io.jira_issues",
    "render_comment": "remediation.render.comment",
}

_LAZY_MODULES = {"examples": "remediation.examples"}

if TYPE_CHECKING:
    from remediation import examples
    from remediation.io.formats import Format, dump, dumps, load, loads, to_data
    from remediation.io.github_issues import from_github_issues
    from remediation.io.history import HistoryPoint, history
    from remediation.io.jira_issues import from_jira_issues
    from remediation.io.openslo import from_openslo, to_openslo
    from remediation.io.oscal_export import to_oscal_poam
    from remediation.io.oscal_import import from_oscal_poam
    from remediation.io.portfolio import Portfolio, PortfolioRow, evaluate_portfolio
    from remediation.io.positions import finding_position, position_of
    from remediation.io.schema import json_schema
    from remediation.render.charts import plot_progress, plot_schedule
    from remediation.render.comment import render_comment
    from remediation.render.diagrams import mermaid_flowchart, mermaid_gantt, to_dot
    from remediation.render.diff import diff_data, diff_markdown, diff_text
    from remediation.render.history import plot_burnup
    from remediation.render.html import render_html
    from remediation.render.markdown import render_markdown
    from remediation.render.portfolio import portfolio_dataframe, portfolio_records
    from remediation.render.sarif import render_sarif, to_sarif
    from remediation.render.tables import TablePart, to_dataframe, to_records


def _register_renderers() -> None:
    """How records and results show themselves in Jupyter: registered on first display."""
    from remediation.render.jupyter import register_renderers  # noqa: PLC0415  (on first use)

    register_renderers()


# The model's display registry knows nothing above it; the package, which sits above
# every layer, tells it where its implementations are.
_display.add_loader(_register_renderers)


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
    "APPROXIMATION_TOLERANCE",
    "SCHEMA_VERSION",
    "STATUS_FILTERS",
    "Acceptance",
    "Assessment",
    "AssessmentDiff",
    "Bound",
    "BudgetBurn",
    "Checklist",
    "ChecklistEntry",
    "Claim",
    "ClaimScope",
    "ClosingPolicy",
    "ClosingRule",
    "Closure",
    "ClosureException",
    "CommitEvidence",
    "Comparator",
    "Composite",
    "CompositeMode",
    "Counted",
    "CoverageState",
    "Criterion",
    "CriterionCategory",
    "CriterionEvaluation",
    "CriterionState",
    "DateOrMoment",
    "Deadline",
    "Decision",
    "Direction",
    "DocumentEvidence",
    "Duration",
    "EdgeKind",
    "ErrorBudget",
    "Evaluation",
    "Evaluator",
    "Event",
    "EventKind",
    "Evidence",
    "Finding",
    "FindingCode",
    "FindingSeverity",
    "FixedDates",
    "Format",
    "Gap",
    "GapEvaluation",
    "HistoryPoint",
    "Indicator",
    "ItemEvaluation",
    "Kind",
    "Level",
    "Lifecycle",
    "LifecycleState",
    "LifecycleStatus",
    "Limits",
    "LinkKind",
    "MeasurementEvidence",
    "MetricSource",
    "Milestone",
    "MilestoneEvaluation",
    "Moment",
    "NextStep",
    "NodeKind",
    "NoteEvidence",
    "Phase",
    "PhaseEvaluation",
    "Policy",
    "Portfolio",
    "PortfolioRow",
    "Progress",
    "Projection",
    "Quantity",
    "RationalePoint",
    "Reason",
    "ReasonCode",
    "Recommendation",
    "Relation",
    "RelationKind",
    "Replan",
    "Risk",
    "RiskEvaluation",
    "RiskLogEntry",
    "RiskMatrix",
    "RiskStatus",
    "RootCauseCoverage",
    "Rule",
    "Schedule",
    "ScheduledWork",
    "SeriesEvaluation",
    "SeriesEvidence",
    "SeriesPoint",
    "ServiceLevel",
    "Severity",
    "SourcePosition",
    "Span",
    "StageClaim",
    "StateMetric",
    "StatedRecommendation",
    "Status",
    "Suppression",
    "TablePart",
    "Target",
    "TestRunEvaluation",
    "TestRunEvidence",
    "TestRunQuantity",
    "TimelineEvaluation",
    "Unit",
    "WhyStep",
    "Window",
    "WindowKind",
    "WorkItem",
    "accepted_status_labels",
    "budget_burn",
    "build_graph",
    "dependency_order",
    "diff",
    "diff_data",
    "diff_markdown",
    "diff_text",
    "dump",
    "dumps",
    "error_budget",
    "evaluate",
    "evaluate_portfolio",
    "evaluate_series",
    "examples",
    "exceptions",
    "finding_position",
    "from_github_issues",
    "from_jira_issues",
    "from_openslo",
    "from_oscal_poam",
    "history",
    "json_schema",
    "link_kind",
    "load",
    "loads",
    "mermaid_flowchart",
    "mermaid_gantt",
    "mermaid_timeline",
    "parse_duration",
    "parse_moment",
    "parse_quantity",
    "parse_status",
    "parse_target",
    "parse_unit",
    "plot_burnup",
    "plot_progress",
    "plot_schedule",
    "portfolio_dataframe",
    "portfolio_records",
    "position_of",
    "render_comment",
    "render_html",
    "render_markdown",
    "render_sarif",
    "rules",
    "to_data",
    "to_dataframe",
    "to_dot",
    "to_openslo",
    "to_oscal_poam",
    "to_records",
    "to_sarif",
    "validate",
    "with_measurement",
    "with_observation",
    "with_status",
    "with_test_run",
]
