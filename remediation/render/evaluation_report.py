"""The report of an evaluation on its own, and of a phase's or a criterion's evaluation.

Records are named by id, since their titles are not part of an evaluation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from remediation.evaluation.results import CriterionEvaluation, Evaluation, PhaseEvaluation
from remediation.render.blocks import (
    Block,
    Code,
    Heading,
    Line,
    ListBlock,
    ListItem,
    Paragraph,
    Table,
    joined,
    line,
)
from remediation.render.context import ReportContext
from remediation.render.evaluation_sections import (
    addressed_parts,
    findings_section,
    recommendation_section,
    root_cause_parts,
    schedule_section,
)
from remediation.render.formatting import moment, number, percent, with_unit
from remediation.render.marks import DONE_MARK, OPEN_MARK, phase_mark, state_mark

__all__ = [
    "criterion_evaluation_report",
    "evaluation_report",
    "phase_evaluation_report",
]


def _phase_rows(results: Iterable[PhaseEvaluation]) -> Iterator[tuple[Line, ...]]:
    for result in results:
        yield (
            line(phase_mark(result), " ", Code(result.id)),
            line(percent(result.progress)),
            line(f"{result.done} of {result.items}"),
            line("yes" if result.complete else "no"),
            line(result.stated.value.replace("_", " ") if result.stated else None),
            joined((Code(i),) for i in result.open),
        )


_PHASE_HEADER = tuple(line(h) for h in ("Phase", "Progress", "Done", "Complete", "Stated", "Open"))


def _criterion_rows(results: Iterable[CriterionEvaluation]) -> Iterator[tuple[Line, ...]]:
    for result in results:
        unit = result.target.unit if result.target is not None else ""
        yield (
            line(state_mark(result.state), " ", Code(result.id)),
            line(result.category.value),
            line(result.state.value),
            line(with_unit(result.baseline, unit) if result.baseline is not None else None),
            line(str(result.target) if result.target is not None else "condition"),
            line(with_unit(result.current, unit) if result.current is not None else None),
            line(percent(result.progress) if result.progress is not None else None),
        )


_CRITERION_HEADER = tuple(
    line(h) for h in ("Criterion", "Category", "State", "Baseline", "Target", "Current", "Progress")
)


def evaluation_report(evaluation: Evaluation) -> tuple[Block, ...]:
    """An evaluation on its own: records are named by id, since titles are not part of it."""
    context = ReportContext.of(None, evaluation)
    blocks: list[Block] = [
        Heading(
            1,
            line("Evaluation of ", Code(evaluation.assessment))
            if evaluation.issue is None
            else line("Evaluation of ", Code(evaluation.assessment), f" ({evaluation.issue})"),
        ),
        Paragraph(
            line(
                f"As of {moment(evaluation.as_of)}: progress "
                f"{percent(evaluation.progress)} of the planned work."
            )
        ),
        *recommendation_section(None, evaluation, context),
    ]
    if evaluation.phases:
        blocks += [
            Heading(2, line("Phases")),
            Table(_PHASE_HEADER, tuple(_phase_rows(evaluation.phases))),
        ]
    if evaluation.next_steps:
        blocks += [
            Heading(2, line("Next Steps")),
            Table(_PHASE_HEADER, tuple(_phase_rows(evaluation.next_steps))),
        ]
    if evaluation.criteria:
        blocks += [
            Heading(2, line("Success Criteria")),
            Table(_CRITERION_HEADER, tuple(_criterion_rows(evaluation.criteria))),
        ]
    if evaluation.gaps:
        rows = tuple(
            (
                line(DONE_MARK if g.closed else OPEN_MARK, " ", Code(g.id)),
                line("closed" if g.closed else "open"),
                line(number(g.measurement) if g.measurement is not None else None),
                addressed_parts(g.addressed_by, g.open_items, context),
            )
            for g in evaluation.gaps
        )
        header = tuple(line(h) for h in ("Gap", "State", "Measurement", "Addressed by"))
        blocks += [Heading(2, line("Gaps")), Table(header, rows)]
    if evaluation.root_causes:
        blocks += [
            Heading(2, line("Root Causes")),
            ListBlock(
                tuple(
                    ListItem(line(Code(c.id), ": ", *root_cause_parts(c, context)))
                    for c in evaluation.root_causes
                )
            ),
        ]
    if evaluation.test_runs:
        rows = tuple(
            (
                line(Code(t.id)),
                line(f"{number(t.failure_rate)}%" if t.failure_rate is not None else None),
                line(
                    f"{number(t.stated_failure_rate)}%"
                    if t.stated_failure_rate is not None
                    else None
                ),
                line({True: "yes", False: "no", None: ""}[t.agrees]),
            )
            for t in evaluation.test_runs
        )
        header = tuple(line(h) for h in ("Test run", "Failure rate", "Stated", "Agrees"))
        blocks += [Heading(2, line("Test Runs")), Table(header, rows)]
    blocks.extend(schedule_section(evaluation, context))
    blocks.extend(findings_section(None, evaluation))
    return tuple(blocks)


def phase_evaluation_report(result: PhaseEvaluation) -> tuple[Block, ...]:
    """A phase's evaluation on its own."""
    return (Table(_PHASE_HEADER, tuple(_phase_rows((result,)))),)


def criterion_evaluation_report(result: CriterionEvaluation) -> tuple[Block, ...]:
    """A criterion's evaluation on its own."""
    return (Table(_CRITERION_HEADER, tuple(_criterion_rows((result,)))),)
