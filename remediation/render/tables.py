"""An evaluation as tables: plain records, or pandas data frames.

:func:`to_records` needs nothing beyond the standard library; :func:`to_dataframe`
needs pandas (``pip install 'remediation[pandas]'``), imported only when called.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, get_args

from remediation.evaluation.results import (
    CriterionEvaluation,
    Evaluation,
    Finding,
    GapEvaluation,
    ItemEvaluation,
    PhaseEvaluation,
    Reason,
    RootCauseCoverage,
    TestRunEvaluation,
)
from remediation.evaluation.schedule import ScheduledWork
from remediation.exceptions import MissingDependencyError
from remediation.model.records import Assessment, TestRunEvidence
from remediation.render.context import checked_evaluation

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TablePart", "to_dataframe", "to_records"]

TablePart: TypeAlias = Literal[
    "items",
    "phases",
    "next_steps",
    "criteria",
    "gaps",
    "root_causes",
    "test_runs",
    "schedule",
    "reasons",
    "findings",
]
"""A part of an evaluation that :func:`to_records` can turn into a table."""

_PARTS: tuple[str, ...] = get_args(TablePart)

Row: TypeAlias = dict[str, Any]
_Column: TypeAlias = tuple[str, Callable[[Any], Any]]


def _value(member: Any) -> Any:
    return None if member is None else member.value


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


_ITEM: Sequence[_Column] = (
    ("group", lambda r: r.group),
    ("progress", lambda r: r.progress.value),
    ("credit", lambda r: r.credit),
    ("closed", lambda r: r.closed),
    ("blocked", lambda r: r.blocked),
    ("blocked_by", lambda r: list(r.blocked_by)),
    ("actionable", lambda r: r.actionable),
    ("severity", lambda r: _value(r.severity)),
)
_PHASE: Sequence[_Column] = (
    ("progress", lambda r: r.progress),
    ("complete", lambda r: r.complete),
    ("items", lambda r: r.items),
    ("done", lambda r: r.done),
    ("open", lambda r: list(r.open)),
    ("stated", lambda r: _value(r.stated)),
)
_CRITERION: Sequence[_Column] = (
    ("category", lambda r: r.category.value),
    ("state", lambda r: r.state.value),
    ("progress", lambda r: r.progress),
    ("baseline", lambda r: r.baseline),
    ("target", lambda r: _text(r.target)),
    ("current", lambda r: r.current),
    ("unit", lambda r: r.target.unit if r.target is not None else None),
)
_GAP: Sequence[_Column] = (
    ("closed", lambda r: r.closed),
    ("addressed_by", lambda r: list(r.addressed_by)),
    ("open_items", lambda r: list(r.open_items)),
    ("measurement", lambda r: r.measurement),
    ("measurement_met", lambda r: r.measurement_met),
)
_ROOT_CAUSE: Sequence[_Column] = (
    ("addressed", lambda r: r.addressed),
    ("addressed_by", lambda r: list(r.addressed_by)),
    ("done_by", lambda r: list(r.done_by)),
)
_TEST_RUN: Sequence[_Column] = (
    ("failure_rate", lambda r: r.failure_rate),
    ("stated_failure_rate", lambda r: r.stated_failure_rate),
    ("agrees", lambda r: r.agrees),
)
_SCHEDULE: Sequence[_Column] = (
    ("kind", lambda r: r[0]),
    ("start", lambda r: r[1].start),
    ("finish", lambda r: r[1].finish),
    ("due", lambda r: r[1].due),
    ("overdue", lambda r: r[1].overdue),
    ("late", lambda r: r[1].late),
    ("estimated", lambda r: r[1].estimated),
    ("critical", lambda r: r[2]),
)
_REASON: Sequence[_Column] = (
    ("code", lambda r: r.code.value),
    ("message", lambda r: r.message),
    ("ids", lambda r: list(r.ids)),
)
_FINDING: Sequence[_Column] = (
    ("code", lambda r: str(r.code)),
    ("severity", lambda r: r.severity.value),
    ("message", lambda r: r.message),
    ("ids", lambda r: list(r.ids)),
)
_COLUMNS: Mapping[str, Sequence[_Column]] = {
    "items": _ITEM,
    "phases": _PHASE,
    "next_steps": _PHASE,
    "criteria": _CRITERION,
    "gaps": _GAP,
    "root_causes": _ROOT_CAUSE,
    "test_runs": _TEST_RUN,
    "schedule": _SCHEDULE,
    "reasons": _REASON,
    "findings": _FINDING,
}

_Entry: TypeAlias = (
    ItemEvaluation
    | PhaseEvaluation
    | CriterionEvaluation
    | GapEvaluation
    | RootCauseCoverage
    | TestRunEvaluation
    | tuple[str, ScheduledWork, bool]
    | Reason
    | Finding
)


def _entries(evaluation: Evaluation, part: str) -> Sequence[_Entry]:
    match part:
        case "items":
            return evaluation.items
        case "phases":
            return evaluation.phases
        case "next_steps":
            return evaluation.next_steps
        case "criteria":
            return evaluation.criteria
        case "gaps":
            return evaluation.gaps
        case "root_causes":
            return evaluation.root_causes
        case "test_runs":
            return evaluation.test_runs
        case "schedule":
            critical = set(evaluation.schedule.critical_path)
            return [
                *(("phase", w, False) for w in evaluation.schedule.phases),
                *(("item", w, w.id in critical) for w in evaluation.schedule.items),
            ]
        case "reasons":
            return evaluation.recommendation.reasons
        case _:
            return evaluation.findings


def _titles(assessment: Assessment) -> dict[str, str]:
    titles = {item.id: item.title for item in assessment.items}
    titles.update((phase.id, phase.title) for phase in assessment.phases)
    titles.update((step.id, step.title) for step in assessment.next_steps)
    titles.update((gap.id, gap.title) for gap in assessment.gaps)
    titles.update((criterion.id, criterion.title) for criterion in assessment.criteria)
    titles.update((step.id, step.question) for step in assessment.why)
    titles.update((e.id, e.suite) for e in assessment.evidence if isinstance(e, TestRunEvidence))
    return titles


def _columns(part: str, *, titled: bool) -> list[str]:
    if part not in _PARTS:
        msg = f"part: expected one of {', '.join(map(repr, _PARTS))}, got {part!r}"
        raise ValueError(msg)
    named = [] if part in ("reasons", "findings") else ["id", *(["title"] if titled else [])]
    return [*named, *(name for name, _ in _COLUMNS[part])]


def to_records(
    evaluation: Evaluation, part: TablePart, *, assessment: Assessment | None = None
) -> list[dict[str, Any]]:
    """One part of *evaluation* as a list of plain dicts, one a row.

    Values are strings, numbers, booleans, ``None``, lists of ids and, in the
    schedule, :class:`datetime.datetime` and :class:`datetime.date`; enums are
    given by their values (``"done"``, ``"unmet"``). Every row of a part has the
    same keys, in the same order.

    Args:
        evaluation: The evaluation.
        part: Which part: ``items``, ``phases``, ``next_steps``, ``criteria``,
            ``gaps``, ``root_causes``, ``test_runs``, ``schedule`` (open items
            and phases, with ``kind``), ``reasons`` (of the recommendation) or
            ``findings``.
        assessment: The assessment evaluated; when given, rows with an ``id``
            get a ``title`` after it.

    Raises:
        ValueError: *part* is none of these.
        InvalidValueError: *assessment* is not the one evaluated.

    Examples:
        >>> import remediation
        >>> plan = remediation.examples.issue_1176()
        >>> rows = remediation.to_records(remediation.evaluate(plan), "phases", assessment=plan)
        >>> rows[0]
        {'id': 'phase-1', 'title': 'Emergency Fixes', 'progress': 0.875, 'complete': False, 'items': 4, 'done': 3, 'open': ['ssot-violations'], 'stated': 'done'}
    """  # noqa: E501
    titles: dict[str, str] | None = None
    if assessment is not None:
        checked_evaluation(assessment, evaluation)
        titles = _titles(assessment)
    names = _columns(part, titled=titles is not None)
    getters = _COLUMNS[part]
    rows: list[Row] = []
    for entry in _entries(evaluation, part):
        row: Row = {}
        if "id" in names:
            record_id = entry[1].id if isinstance(entry, tuple) else getattr(entry, "id", None)
            row["id"] = record_id
            if titles is not None:
                row["title"] = titles.get(str(record_id))
        for name, getter in getters:
            row[name] = getter(entry)
        rows.append(row)
    return rows


def _pandas() -> Any:
    try:
        import pandas  # noqa: PLC0415  (optional, and slow to import)
    except ImportError:
        raise MissingDependencyError("to_dataframe", "pandas", "pandas") from None
    return pandas


def to_dataframe(
    evaluation: Evaluation, part: TablePart, *, assessment: Assessment | None = None
) -> pd.DataFrame:
    """One part of *evaluation* as a :class:`pandas.DataFrame`: see :func:`to_records`.

    The columns are those of :func:`to_records`, present even when the part is
    empty.

    Raises:
        MissingDependencyError: pandas is not installed.
        ValueError: *part* is not a part of an evaluation.
        InvalidValueError: *assessment* is not the one evaluated.

    Examples:
        >>> import remediation
        >>> result = remediation.evaluate(remediation.examples.issue_1176())
        >>> frame = remediation.to_dataframe(result, "criteria")
        >>> frame.groupby("state")["id"].count().to_dict()
        {'unmeasured': 2, 'unmet': 5}
    """
    pandas = _pandas()
    records = to_records(evaluation, part, assessment=assessment)
    columns = _columns(part, titled=assessment is not None)
    result: pd.DataFrame = pandas.DataFrame.from_records(records, columns=columns)
    return result
