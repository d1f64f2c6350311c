"""The report of any object the library shows: which builder shows what."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from remediation.evaluation.results import CriterionEvaluation, Evaluation, PhaseEvaluation
from remediation.exceptions import PlanValidationError
from remediation.model.records import Assessment, Criterion, NextStep, Phase
from remediation.render.assessment_report import assessment_report
from remediation.render.blocks import (
    Block,
    Code,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    line,
    strong,
)
from remediation.render.context import checked_evaluation
from remediation.render.criterion_sections import criterion_report
from remediation.render.evaluation_report import (
    criterion_evaluation_report,
    evaluation_report,
    phase_evaluation_report,
)
from remediation.render.marks import OPEN_MARK
from remediation.render.phase_sections import phase_report

__all__ = ["report_of"]


def report_of(obj: object) -> tuple[Block, ...]:
    """The blocks showing *obj*: an assessment (evaluated as of its date, or with
    its validation errors when it cannot be), an evaluation, a phase, a group of
    next steps, a criterion or the evaluation of a phase or criterion.

    Raises:
        TypeError: *obj* is none of these.
    """
    builders: dict[type[Any], Callable[[Any], tuple[Block, ...]]] = {
        Evaluation: evaluation_report,
        Phase: phase_report,
        NextStep: phase_report,
        Criterion: criterion_report,
        PhaseEvaluation: phase_evaluation_report,
        CriterionEvaluation: criterion_evaluation_report,
    }
    if isinstance(obj, Assessment):
        try:
            evaluation = checked_evaluation(obj, None)
        except PlanValidationError as error:
            problems = ListBlock(
                tuple(ListItem(line(Code(e.path), ": ", e.detail)) for e in error.errors)
            )
            return (
                Heading(1, line(obj.title or obj.id)),
                Paragraph(line(OPEN_MARK, " ", strong("This assessment cannot be evaluated:"))),
                problems,
            )
        return assessment_report(obj, evaluation)
    builder = builders.get(type(obj))
    if builder is None:
        msg = f"cannot render {type(obj).__name__}"
        raise TypeError(msg)
    return builder(obj)
