"""The records of a status assessment: frozen, slotted, typed; gathered from their modules.

Records refer to each other by id (strings); the plan graph
(:mod:`remediation.graph`) resolves the references. The wire format lives in
the converter (``remediation.io.converter``), never on the records. Each kind
lives in the module named after it: :mod:`~remediation.model.evidence`,
:mod:`~remediation.model.causes`, :mod:`~remediation.model.work`,
:mod:`~remediation.model.criteria`, :mod:`~remediation.model.document`.
"""

from __future__ import annotations

from remediation.model.causes import (
    WhyStep,
)
from remediation.model.checklists import (
    Checklist,
    Lifecycle,
    LifecycleState,
    LifecycleStatus,
)
from remediation.model.claims import (
    STATUS_FILTERS,
    Claim,
    ClaimScope,
    Counted,
)
from remediation.model.closure import (
    Closure,
)
from remediation.model.criteria import (
    Composite,
    CompositeMode,
    Criterion,
    CriterionCategory,
    MetricSource,
)
from remediation.model.document import (
    Assessment,
    ChecklistEntry,
    Decision,
    DroppedReference,
    RationalePoint,
    StatedRecommendation,
    StateMetric,
)
from remediation.model.evidence import (
    CommitEvidence,
    DocumentEvidence,
    Evidence,
    MeasurementEvidence,
    NoteEvidence,
    SeriesEvidence,
    TestRunEvidence,
    TestRunQuantity,
)
from remediation.model.milestones import (
    Milestone,
    Replan,
    StageClaim,
)
from remediation.model.relations import Relation, RelationKind
from remediation.model.risk import (
    Acceptance,
    Level,
    Risk,
    RiskLogEntry,
    RiskMatrix,
    RiskStatus,
)
from remediation.model.series import Direction, SeriesPoint
from remediation.model.slo import Indicator, ServiceLevel, WindowKind
from remediation.model.timeline import (
    Event,
    EventKind,
    Window,
)
from remediation.model.work import (
    PARTIAL_CREDIT,
    FixedDates,
    Gap,
    NextStep,
    Phase,
    WorkItem,
    credit,
)

__all__ = [
    "PARTIAL_CREDIT",
    "STATUS_FILTERS",
    "Acceptance",
    "Assessment",
    "Checklist",
    "ChecklistEntry",
    "Claim",
    "ClaimScope",
    "Closure",
    "CommitEvidence",
    "Composite",
    "CompositeMode",
    "Counted",
    "Criterion",
    "CriterionCategory",
    "Decision",
    "Direction",
    "DocumentEvidence",
    "DroppedReference",
    "Event",
    "EventKind",
    "Evidence",
    "FixedDates",
    "Gap",
    "Indicator",
    "Level",
    "Lifecycle",
    "LifecycleState",
    "LifecycleStatus",
    "MeasurementEvidence",
    "MetricSource",
    "Milestone",
    "NextStep",
    "NoteEvidence",
    "Phase",
    "RationalePoint",
    "Relation",
    "RelationKind",
    "Replan",
    "Risk",
    "RiskLogEntry",
    "RiskMatrix",
    "RiskStatus",
    "SeriesEvidence",
    "SeriesPoint",
    "ServiceLevel",
    "StageClaim",
    "StateMetric",
    "StatedRecommendation",
    "TestRunEvidence",
    "TestRunQuantity",
    "WhyStep",
    "Window",
    "WindowKind",
    "WorkItem",
    "credit",
]
