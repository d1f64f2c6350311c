"""What a user would write instead: the assessment schema in pydantic v2 and in msgspec.

Both schemas cover every field of the document with the types a user would
pick by hand: nested models, a tagged union for evidence, dates and times,
enumerations as literals, unknown keys forbidden. Statuses, durations and
targets stay strings (or the status mapping): neither baseline parses them,
checks references or cycles, which ``remediation`` does while loading, so
the baselines are a floor, not a like-for-like rival.

pydantic and msgspec are benchmark-only dependencies (the ``bench`` extra):
import this module only where they are installed.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec
import pydantic
from pydantic import BaseModel, ConfigDict, Field

__all__ = ["msgspec_decoder", "msgspec_encoder", "pydantic_adapter"]

_Progress = Literal[
    "not_started", "partial", "done", "accepted", "deferred", "not_applicable", "wont_fix"
]
_Severity = Literal["critical", "high", "medium", "low", "info"]
_Quantity = Literal["failure_rate", "pass_rate", "failed", "passed", "total"]
_Counted = Literal["items", "phases", "gaps", "criteria", "root_causes", "evidence"]
_RelationKind = Literal["sum", "shares", "product", "ratio"]
_Decision = Literal["keep_open", "close", "close_with_exceptions"]

# --------------------------------------------------------------------------- pydantic v2


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PStatus(_Model):
    label: str | None = None
    progress: _Progress | None = None
    severity: _Severity | None = None
    missing: bool | None = None


class PCommit(_Model):
    kind: Literal["commit"]
    id: str
    sha: str
    summary: str = ""
    url: str | None = None
    extra: dict[str, Any] = {}


class PTestRun(_Model):
    kind: Literal["test_run"]
    id: str
    suite: str
    failed: int = Field(ge=0)
    passed: int = Field(ge=0)
    skipped: int = Field(default=0, ge=0)
    stated_failure_rate: float | None = Field(default=None, ge=0, le=100)
    ran_at: dt.datetime | None = None
    source: str | None = None
    extra: dict[str, Any] = {}


class PDocument(_Model):
    kind: Literal["document"]
    id: str
    title: str
    path: str | None = None
    extra: dict[str, Any] = {}


class PMeasurement(_Model):
    kind: Literal["measurement"]
    id: str
    metric: str
    value: float
    unit: str = ""
    measured_at: dt.datetime | None = None
    note: str | None = None
    extra: dict[str, Any] = {}


class PPoint(_Model):
    at: dt.datetime
    value: int | float | str
    quote: str = ""


class PSeries(_Model):
    kind: Literal["series"]
    id: str
    metric: str
    points: list[PPoint]
    unit: str = ""
    cumulative: bool = False
    monotonic: Literal["increasing", "decreasing"] | None = None
    lower: float | None = None
    upper: float | None = None
    note: str | None = None
    extra: dict[str, Any] = {}


class PNote(_Model):
    kind: Literal["note"]
    id: str
    text: str
    extra: dict[str, Any] = {}


PEvidence = Annotated[
    PCommit | PTestRun | PDocument | PMeasurement | PNote | PSeries,
    Field(discriminator="kind"),
]


class PWhy(_Model):
    id: str
    question: str
    finding: str
    evidence: list[str] = []
    causes: list[str] = []
    observations: list[str] = []
    extra: dict[str, Any] = {}


class PFixed(_Model):
    start: str | None = None
    end: str | None = None


class PReplan(_Model):
    due: str
    at: str | None = None
    reason: str | None = None


class PItem(_Model):
    id: str
    title: str
    status: str | PStatus
    kind: str | None = None
    fraction: float | None = Field(default=None, ge=0, le=1)
    weight: float = Field(default=1.0, ge=0)
    evidence: list[str] = []
    impact: str | None = None
    requirement: str | None = None
    tasks: list[str] = []
    depends_on: list[str] = []
    addresses: list[str] = []
    estimate: str | None = None
    owner: str | None = None
    due: str | None = None  # a date or a moment at its precision ("2025-10")
    milestone: str | None = None
    links: list[str] = []
    justification: str | None = None
    fixed: PFixed | None = None
    replans: list[PReplan] = []
    done_on: str | None = None
    extra: dict[str, Any] = {}


class PPhase(_Model):
    id: str
    title: str
    items: list[PItem] = []
    number: int | None = None
    timebox: str | None = None
    stated_status: str | PStatus | None = None
    depends_on: list[str] = []
    start: str | None = None  # a date-time or a moment at its precision
    due: str | None = None
    milestone: str | None = None
    extra: dict[str, Any] = {}


class PNextStep(_Model):
    id: str
    title: str
    items: list[PItem] = []
    window: str | None = None
    priority: str | None = None
    extra: dict[str, Any] = {}


class PGap(_Model):
    id: str
    title: str
    description: str = ""
    measurement: str | None = None
    quantity: _Quantity | None = None
    threshold: str | None = None
    blocks: list[str] = []
    evidence: list[str] = []
    extra: dict[str, Any] = {}


class PSource(_Model):
    evidence: str
    quantity: _Quantity | None = None


class PCriterion(_Model):
    id: str
    title: str
    category: Literal["technical", "business"] = "technical"
    target: str | None = None
    baseline: float | None = None
    current: float | None = None
    current_from: PSource | None = None
    observed: bool | None = None
    stated_met: bool | None = None
    window: str | None = None
    evidence: list[str] = []
    description: str = ""
    extra: dict[str, Any] = {}


class PRationale(_Model):
    title: str
    text: str = ""


class PRecommendation(_Model):
    decision: _Decision
    summary: str = ""
    rationale: list[PRationale] = []


class PMetric(_Model):
    title: str
    status: str | PStatus
    text: str = ""


class PScope(_Model):
    count: _Counted | None = None
    within: list[str] = []
    status: str | None = None
    sum_of: list[str] = []


class PClaim(_Model):
    id: str
    value: int | float | str
    key: str | None = None
    scope: PScope | None = None
    quote: str = ""
    source: str | None = None


class PRelation(_Model):
    id: str
    kind: _RelationKind
    result: str
    of: list[str]
    shares: list[int | float | str] = []
    quote: str = ""


class PEntry(_Model):
    text: str
    checked: bool = False
    refs: list[str] = []


class PEvent(_Model):
    id: str
    at: str
    what: str
    kind: str | None = None
    who: str | None = None
    evidence: list[str] = []
    extra: dict[str, Any] = {}


class PWindow(_Model):
    id: str
    name: str
    start: str | None = None
    end: str | None = None
    duration: str | None = None
    text: str | None = None
    extra: dict[str, Any] = {}


class PMilestone(_Model):
    id: str
    name: str
    version: str | None = None
    stage: str | None = None
    due: str | None = None
    replans: list[PReplan] = []
    done: str | None = None
    extra: dict[str, Any] = {}


class PStageClaim(_Model):
    stage: str
    version: str
    quote: str | None = None


class PAssessment(_Model):
    schema_version: int
    kind: Literal["assessment"] = "assessment"
    id: str
    issue: str
    title: str
    date: dt.date
    author: str | None = None
    session: str | None = None
    assessment_type: str | None = None
    stated_status: str | PStatus | None = None
    summary: str = ""
    metrics: list[PMetric] = []
    labels: list[str] = []
    related: list[str] = []
    why: list[PWhy] = []
    phases: list[PPhase] = []
    next_steps: list[PNextStep] = []
    gaps: list[PGap] = []
    criteria: list[PCriterion] = []
    evidence: list[PEvidence] = []
    timeline: list[PEvent] = []
    windows: list[PWindow] = []
    milestones: list[PMilestone] = []
    target_release: str | None = None
    stage_claims: list[PStageClaim] = []
    recommendation: PRecommendation | None = None
    claims: list[PClaim] = []
    relations: list[PRelation] = []
    tracking: list[PEntry] = []
    success_indicators: list[str] = []
    links: list[str] = []
    extra: dict[str, Any] = {}


def pydantic_adapter() -> pydantic.TypeAdapter[PAssessment]:
    """``TypeAdapter(PAssessment)``: ``validate_json`` reads, ``dump_json`` writes."""
    return pydantic.TypeAdapter(PAssessment)


# --------------------------------------------------------------------------- msgspec


class _Struct(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    pass


class MStatus(_Struct, kw_only=True):
    label: str | None = None
    progress: _Progress | None = None
    severity: _Severity | None = None
    missing: bool | None = None


class _Evidence(_Struct, tag_field="kind"):
    pass


class MCommit(_Evidence, tag="commit", kw_only=True):
    id: str
    sha: str
    summary: str = ""
    url: str | None = None
    extra: dict[str, Any] = {}


class MTestRun(_Evidence, tag="test_run", kw_only=True):
    id: str
    suite: str
    failed: Annotated[int, msgspec.Meta(ge=0)]
    passed: Annotated[int, msgspec.Meta(ge=0)]
    skipped: Annotated[int, msgspec.Meta(ge=0)] = 0
    stated_failure_rate: Annotated[float, msgspec.Meta(ge=0, le=100)] | None = None
    ran_at: dt.datetime | None = None
    source: str | None = None
    extra: dict[str, Any] = {}


class MDocument(_Evidence, tag="document", kw_only=True):
    id: str
    title: str
    path: str | None = None
    extra: dict[str, Any] = {}


class MMeasurement(_Evidence, tag="measurement", kw_only=True):
    id: str
    metric: str
    value: float
    unit: str = ""
    measured_at: dt.datetime | None = None
    note: str | None = None
    extra: dict[str, Any] = {}


class MPoint(_Struct, kw_only=True):
    at: dt.datetime
    value: int | float | str
    quote: str = ""


class MSeries(_Evidence, tag="series", kw_only=True):
    id: str
    metric: str
    points: list[MPoint]
    unit: str = ""
    cumulative: bool = False
    monotonic: Literal["increasing", "decreasing"] | None = None
    lower: float | None = None
    upper: float | None = None
    note: str | None = None
    extra: dict[str, Any] = {}


class MNote(_Evidence, tag="note", kw_only=True):
    id: str
    text: str
    extra: dict[str, Any] = {}


class MWhy(_Struct, kw_only=True):
    id: str
    question: str
    finding: str
    evidence: list[str] = []
    causes: list[str] = []
    observations: list[str] = []
    extra: dict[str, Any] = {}


class MFixed(_Struct, kw_only=True):
    start: str | None = None
    end: str | None = None


class MReplan(_Struct, kw_only=True):
    due: str
    at: str | None = None
    reason: str | None = None


class MItem(_Struct, kw_only=True):
    id: str
    title: str
    status: str | MStatus
    kind: str | None = None
    fraction: Annotated[float, msgspec.Meta(ge=0, le=1)] | None = None
    weight: Annotated[float, msgspec.Meta(ge=0)] = 1.0
    evidence: list[str] = []
    impact: str | None = None
    requirement: str | None = None
    tasks: list[str] = []
    depends_on: list[str] = []
    addresses: list[str] = []
    estimate: str | None = None
    owner: str | None = None
    due: str | None = None  # a date or a moment at its precision ("2025-10")
    milestone: str | None = None
    links: list[str] = []
    justification: str | None = None
    fixed: MFixed | None = None
    replans: list[MReplan] = []
    done_on: str | None = None
    extra: dict[str, Any] = {}


class MPhase(_Struct, kw_only=True):
    id: str
    title: str
    items: list[MItem] = []
    number: int | None = None
    timebox: str | None = None
    stated_status: str | MStatus | None = None
    depends_on: list[str] = []
    start: str | None = None  # a date-time or a moment at its precision
    due: str | None = None
    milestone: str | None = None
    extra: dict[str, Any] = {}


class MNextStep(_Struct, kw_only=True):
    id: str
    title: str
    items: list[MItem] = []
    window: str | None = None
    priority: str | None = None
    extra: dict[str, Any] = {}


class MGap(_Struct, kw_only=True):
    id: str
    title: str
    description: str = ""
    measurement: str | None = None
    quantity: _Quantity | None = None
    threshold: str | None = None
    blocks: list[str] = []
    evidence: list[str] = []
    extra: dict[str, Any] = {}


class MSource(_Struct, kw_only=True):
    evidence: str
    quantity: _Quantity | None = None


class MCriterion(_Struct, kw_only=True):
    id: str
    title: str
    category: Literal["technical", "business"] = "technical"
    target: str | None = None
    baseline: float | None = None
    current: float | None = None
    current_from: MSource | None = None
    observed: bool | None = None
    stated_met: bool | None = None
    window: str | None = None
    evidence: list[str] = []
    description: str = ""
    extra: dict[str, Any] = {}


class MRationale(_Struct, kw_only=True):
    title: str
    text: str = ""


class MRecommendation(_Struct, kw_only=True):
    decision: _Decision
    summary: str = ""
    rationale: list[MRationale] = []


class MMetric(_Struct, kw_only=True):
    title: str
    status: str | MStatus
    text: str = ""


class MScope(_Struct, kw_only=True):
    count: _Counted | None = None
    within: list[str] = []
    status: str | None = None
    sum_of: list[str] = []


class MClaim(_Struct, kw_only=True):
    id: str
    value: int | float | str
    key: str | None = None
    scope: MScope | None = None
    quote: str = ""
    source: str | None = None


class MRelation(_Struct, kw_only=True):
    id: str
    kind: _RelationKind
    result: str
    of: list[str]
    shares: list[int | float | str] = []
    quote: str = ""


class MEntry(_Struct, kw_only=True):
    text: str
    checked: bool = False
    refs: list[str] = []


class MEvent(_Struct, kw_only=True):
    id: str
    at: str
    what: str
    kind: str | None = None
    who: str | None = None
    evidence: list[str] = []
    extra: dict[str, Any] = {}


class MWindow(_Struct, kw_only=True):
    id: str
    name: str
    start: str | None = None
    end: str | None = None
    duration: str | None = None
    text: str | None = None
    extra: dict[str, Any] = {}


class MMilestone(_Struct, kw_only=True):
    id: str
    name: str
    version: str | None = None
    stage: str | None = None
    due: str | None = None
    replans: list[MReplan] = []
    done: str | None = None
    extra: dict[str, Any] = {}


class MStageClaim(_Struct, kw_only=True):
    stage: str
    version: str
    quote: str | None = None


class MAssessment(_Struct, kw_only=True):
    schema_version: int
    kind: Literal["assessment"] = "assessment"
    id: str
    issue: str
    title: str
    date: dt.date
    author: str | None = None
    session: str | None = None
    assessment_type: str | None = None
    stated_status: str | MStatus | None = None
    summary: str = ""
    metrics: list[MMetric] = []
    labels: list[str] = []
    related: list[str] = []
    why: list[MWhy] = []
    phases: list[MPhase] = []
    next_steps: list[MNextStep] = []
    gaps: list[MGap] = []
    criteria: list[MCriterion] = []
    evidence: list[MCommit | MTestRun | MDocument | MMeasurement | MNote | MSeries] = []
    timeline: list[MEvent] = []
    windows: list[MWindow] = []
    milestones: list[MMilestone] = []
    target_release: str | None = None
    stage_claims: list[MStageClaim] = []
    recommendation: MRecommendation | None = None
    claims: list[MClaim] = []
    relations: list[MRelation] = []
    tracking: list[MEntry] = []
    success_indicators: list[str] = []
    links: list[str] = []
    extra: dict[str, Any] = {}


def msgspec_decoder() -> msgspec.json.Decoder[MAssessment]:
    """A JSON decoder into :class:`MAssessment`."""
    return msgspec.json.Decoder(MAssessment)


def msgspec_encoder() -> msgspec.json.Encoder:
    """A JSON encoder (for :class:`MAssessment`)."""
    return msgspec.json.Encoder()
