"""What a report knows besides its blocks: the evaluation it shows, the records by id.

:func:`checked_evaluation` chooses the evaluation a report shows: the one passed
in, checked to be of the assessment, or the assessment's own. A
:class:`ReportContext` names records by their titles and puts evidence in words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from remediation.evaluation.results import Evaluation
from remediation.evaluator import evaluate
from remediation.exceptions import InvalidValueError, UnknownRecordError
from remediation.model.records import (
    Assessment,
    CommitEvidence,
    DocumentEvidence,
    Evidence,
    MeasurementEvidence,
    NextStep,
    NoteEvidence,
    Phase,
    SeriesEvidence,
    TestRunEvidence,
)
from remediation.render.blocks import (
    Block,
    Code,
    Emphasis,
    Line,
    Paragraph,
    Text,
    joined,
    line,
    strong,
)
from remediation.render.formatting import moment, number, with_unit

__all__ = [
    "ReportContext",
    "checked_evaluation",
    "evidence_parts",
    "extra_paragraph",
    "extra_parts",
    "extra_texts",
    "phase_title",
    "test_run_words",
]


def checked_evaluation(assessment: Assessment, evaluation: Evaluation | None) -> Evaluation:
    """*evaluation*, or the assessment's evaluation as of its own date; checked to match.

    Raises:
        InvalidValueError: The evaluation is of another assessment.
    """
    if evaluation is None:
        return evaluate(assessment)
    if evaluation.assessment != assessment.id:
        msg = (
            f"the evaluation is of assessment {evaluation.assessment!r}, "
            f"not of {assessment.id!r}; evaluate this assessment or pass its own evaluation"
        )
        raise InvalidValueError("$.assessment", msg)
    return evaluation


@attrs.frozen
class ReportContext:
    """What the builders need: the records by id (when known) and the evaluation."""

    evaluation: Evaluation | None
    titles: Mapping[str, str] = attrs.field(factory=dict)
    evidence: Mapping[str, Evidence] = attrs.field(factory=dict)

    @classmethod
    def of(cls, assessment: Assessment | None, evaluation: Evaluation | None) -> ReportContext:
        """The context of a report of *assessment* (``None``: records named by id)."""
        if assessment is None:
            return cls(evaluation)
        titles: dict[str, str] = {}
        for index, step in enumerate(assessment.why, start=1):
            titles[step.id] = f"Why {index}"
        for phase in assessment.phases:
            titles[phase.id] = phase_title(phase)
        for group in assessment.next_steps:
            titles[group.id] = group.title
        for gap in assessment.gaps:
            titles[gap.id] = gap.title
        for criterion in assessment.criteria:
            titles[criterion.id] = criterion.title
        for item in assessment.items:
            titles[item.id] = item.title
        evidence = {e.id: e for e in assessment.evidence}
        return cls(evaluation, titles, evidence)

    def name(self, record_id: str) -> Line:
        """The record's title, or its id when the title is not known."""
        title = self.titles.get(record_id)
        return (Text(title),) if title else (Code(record_id),)

    def names(self, record_ids: Iterable[str]) -> Line:
        """The records' titles (or ids), separated by commas."""
        return joined(self.name(i) for i in record_ids)

    def evidence_parts(self, evidence_id: str, *, brief: bool = False) -> Line:
        """The evidence of id *evidence_id* in words, or its id when it is not known."""
        record = self.evidence.get(evidence_id)
        if record is None:
            return (Code(evidence_id),)
        return evidence_parts(record, self.evaluation, brief=brief)


def phase_title(group: Phase | NextStep) -> str:
    """A phase's title with its number (``Phase 1: Emergency Fixes``); a group's title."""
    if isinstance(group, Phase) and group.number is not None:
        return f"Phase {group.number}: {group.title}"
    return group.title


def evidence_parts(
    record: Evidence, evaluation: Evaluation | None = None, *, brief: bool = False
) -> Line:
    """One piece of evidence in words; *brief*: without a commit's summary or a note."""
    match record:
        case CommitEvidence() if brief:
            return line("Commit ", Code(record.sha))
        case CommitEvidence():
            return line(
                "Commit ",
                Code(record.sha),
                ": " if record.summary else None,
                record.summary,
                f" ({record.url})" if record.url else None,
            )
        case TestRunEvidence():
            return _test_run_parts(record, evaluation)
        case DocumentEvidence():
            path = (": ", Code(record.path)) if record.path else ()
            return line(strong(record.title), *path)
        case MeasurementEvidence():
            return line(
                strong(record.metric),
                f": {with_unit(record.value, record.unit)}",
                f" ({record.note})" if record.note and not brief else None,
                f", measured {moment(record.measured_at)}" if record.measured_at else None,
            )
        case NoteEvidence():
            return line(record.text)
        case SeriesEvidence():
            points = ", ".join(f"{p.value} at {moment(p.at)}" for p in record.in_order)
            return line(strong(record.metric), f": {points}")


def _test_run_parts(run: TestRunEvidence, evaluation: Evaluation | None) -> Line:
    return line(strong(run.suite), test_run_words(run, evaluation))


def test_run_words(run: TestRunEvidence, evaluation: Evaluation | None) -> str:
    """What a test run's suite is followed by: ``: 3 failed / 9 passed (25% failure rate)``."""
    counts = f": {run.failed} failed / {run.passed} passed"
    if run.skipped:
        counts += f" / {run.skipped} skipped"
    rate = run.failure_rate
    derived = "no test ran" if rate is None else f"{number(rate)}% failure rate"
    stated = ""
    if run.stated_failure_rate is not None:
        stated = f"; the document states {number(run.stated_failure_rate)}%"
        if evaluation is not None:
            try:
                agrees = evaluation.test_run(run.id).agrees
            except UnknownRecordError:
                agrees = None
            if agrees is False:
                stated += ", which disagrees"
    when = f", ran {moment(run.ran_at)}" if run.ran_at else ""
    return f"{counts} ({derived}{stated}{when})"


def extra_texts(extra: Mapping[str, Any]) -> list[str]:
    """Free-form fields, each as ``key: value``."""
    return [f"{key.replace('_', ' ')}: {value}" for key, value in sorted(extra.items())]


def extra_parts(extra: Mapping[str, Any]) -> Line:
    """Free-form fields as ``key: value; key: value``."""
    return joined((line(text) for text in extra_texts(extra)), "; ")


def extra_paragraph(extra: Mapping[str, Any]) -> tuple[Block, ...]:
    """Free-form fields as an emphasized paragraph, or nothing when there are none."""
    parts = extra_parts(extra)
    return (Paragraph((Emphasis(parts),)),) if parts else ()
