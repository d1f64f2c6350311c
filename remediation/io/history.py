"""An assessment over time: every version of its file in git, evaluated.

Each version is read from git, loaded and evaluated as of its own date (or
a date given for all), and summed up as a :class:`HistoryPoint`: progress,
items done and in scope, criteria met, findings, the decision. A version
that does not load is a point too, with its error and no figures: the
history shows it rather than stopping, and never makes figures up for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import attrs

from remediation.evaluation.results import CriterionState
from remediation.evaluator import evaluate
from remediation.exceptions import DocumentError, PlanValidationError, RevisionError
from remediation.io.formats import Format, loads
from remediation.io.git import Revision, file_revisions, read_revision
from remediation.model.deadline import DateOrMoment
from remediation.model.policy import Policy
from remediation.model.records import Decision
from remediation.model.status import Progress
from remediation.rules import Rule

__all__ = ["HistoryPoint", "history"]

_SUFFIXES: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


@attrs.frozen
class HistoryPoint:
    """One version of an assessment in its history.

    Attributes:
        revision: The commit it comes from.
        date: The assessment's own date (``None`` if it did not load).
        progress: Overall progress, in [0, 1].
        items: Work items in scope.
        done: Of them, done.
        closed: Of them, closed (done, or closed without a fix).
        criteria: Success criteria.
        criteria_met: Of them, met.
        findings: Findings no suppression silences.
        decision: The derived recommendation.
        error: Why the version could not be evaluated; the figures are then ``None``.
    """

    revision: Revision
    date: DateOrMoment | None = None
    progress: float | None = None
    items: int | None = None
    done: int | None = None
    closed: int | None = None
    criteria: int | None = None
    criteria_met: int | None = None
    findings: int | None = None
    decision: Decision | None = None
    error: str | None = None


def history(
    path: str | Path,
    *,
    format: Format | None = None,  # noqa: A002
    as_of: dt.date | dt.datetime | str | None = None,
    policy: Policy | None = None,
    rules: Iterable[Rule] = (),
) -> tuple[HistoryPoint, ...]:
    """Every committed version of the assessment at *path*, oldest first, evaluated.

    Args:
        path: The file, in a git repository.
        format: ``"json"`` or ``"yaml"``; by default from the suffix.
        as_of: Evaluate every version as of this date; by default each as of its own.
        policy: A policy on top of each version's own.
        rules: Rules of one's own.

    Raises:
        RevisionError: git cannot run, or no commit holds the file.
        ValueError: The format cannot be told from the suffix.
    """
    file = Path(path)
    chosen = format or _SUFFIXES.get(file.suffix.lower())
    if chosen is None:
        msg = f"{file}: cannot tell the format from the suffix; use .json, .yaml or .yml"
        raise ValueError(msg)
    listed = tuple(rules)
    points = []
    for revision in file_revisions(file):
        try:
            assessment = loads(read_revision(file, revision), chosen)
            result = evaluate(assessment, as_of, policy=policy, rules=listed)
        except (DocumentError, PlanValidationError, RevisionError) as error:
            points.append(HistoryPoint(revision, error=str(error)))
            continue
        points.append(
            HistoryPoint(
                revision,
                date=assessment.date,
                progress=result.progress,
                items=len(result.items),
                done=sum(1 for item in result.items if item.progress is Progress.DONE),
                closed=sum(1 for item in result.items if item.closed),
                criteria=len(result.criteria),
                criteria_met=sum(1 for c in result.criteria if c.state is CriterionState.MET),
                findings=sum(1 for f in result.findings if f.suppressed_by is None),
                decision=result.recommendation.decision,
            )
        )
    return tuple(points)
