"""The report of an assessment and its evaluation, in the order of the seed document."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from remediation.evaluation.results import Evaluation, RootCauseCoverage
from remediation.model.records import (
    Assessment,
    Evidence,
    MeasurementEvidence,
    TestRunEvidence,
    TestRunQuantity,
    WhyStep,
)
from remediation.render.blocks import (
    Block,
    BuiltRows,
    Code,
    Heading,
    Line,
    ListBlock,
    ListItem,
    Paragraph,
    Table,
    WrittenTable,
    joined,
    line,
    list_of,
    paragraphs,
    strong,
)
from remediation.render.context import (
    ReportContext,
    extra_paragraph,
    extra_parts,
)
from remediation.render.criterion_sections import criteria_section
from remediation.render.evaluation_sections import (
    addressed_parts,
    findings_section,
    recommendation_section,
    root_cause_parts,
    schedule_section,
)
from remediation.render.formatting import moment, number, percent, with_unit
from remediation.render.marks import DONE_MARK, OPEN_MARK, status_parts
from remediation.render.phase_sections import next_steps_section, phases_section
from remediation.render.slo_sections import slo_section
from remediation.render.time_sections import (
    milestones_section,
    slips_section,
    timeline_section,
)

__all__ = ["assessment_blocks", "assessment_report"]


def _header(assessment: Assessment, evaluation: Evaluation) -> tuple[Block, ...]:
    fields: list[ListItem] = []
    if assessment.issue is not None:
        fields.append(ListItem(line(strong("Issue:"), " ", assessment.issue)))
    if assessment.date is not None:
        fields.append(ListItem(line(strong("Date:"), " ", str(assessment.date))))
    fields.append(ListItem(line(strong("Evaluated as of:"), " ", moment(evaluation.as_of))))
    if assessment.session:
        fields.append(ListItem(line(strong("Session:"), " ", Code(assessment.session))))
    if assessment.author:
        fields.append(ListItem(line(strong("Author:"), " ", assessment.author)))
    if assessment.assessment_type:
        fields.append(ListItem(line(strong("Assessment type:"), " ", assessment.assessment_type)))
    if assessment.stated_status is not None:
        fields.append(
            ListItem(line(strong("Stated status:"), " ", *status_parts(assessment.stated_status)))
        )
    fields.append(
        ListItem(
            line(
                strong("Derived progress:"),
                f" {percent(evaluation.progress)} of the planned work",
                f" ({sum(p.complete for p in evaluation.phases)} of "
                f"{len(evaluation.phases)} phases complete)",
            )
        )
    )
    extra = extra_parts(assessment.extra)
    if extra:
        fields.append(ListItem(line(strong("Also:"), " ", *extra)))
    return (
        Heading(1, line(assessment.title or assessment.id)),
        ListBlock(tuple(fields)),
    )


def _summary(assessment: Assessment) -> tuple[Block, ...]:
    blocks: list[Block] = []
    if assessment.summary or assessment.metrics:
        blocks.append(Heading(2, line("Executive Summary")))
        blocks.extend(paragraphs(assessment.summary))
    if assessment.metrics:
        blocks.append(Heading(3, line("Current State Metrics")))
        blocks.extend(
            list_of(
                ListItem(
                    line(
                        *status_parts(m.status),
                        " ",
                        strong(m.title),
                        ": " if m.text else None,
                        m.text,
                    )
                )
                for m in assessment.metrics
            )
        )
    return tuple(blocks)


def _why(assessment: Assessment, context: ReportContext) -> Iterator[Block]:
    analyses: dict[str | None, list[WhyStep]] = {}
    for step in assessment.why:
        analyses.setdefault(step.analysis, []).append(step)
    coverage = {c.id: c for c in context.evaluation.root_causes} if context.evaluation else {}
    for name, steps in analyses.items():
        title = "Five Whys Root Cause Analysis" if name is None else f"Five Whys: {name}"
        yield Heading(2, line(title))
        yield from _why_steps(steps, context, coverage)


def _why_steps(
    steps: Sequence[WhyStep], context: ReportContext, coverage: Mapping[str, RootCauseCoverage]
) -> Iterator[Block]:
    """One why analysis, its steps numbered from 1; each block built when the one before is used."""
    for index, step in enumerate(steps, start=1):
        yield Heading(3, line(f"Why {index}: ", step.question))
        yield Paragraph(line(strong("Finding:"), " ", step.finding))
        points = [ListItem(line(text)) for text in step.observations]
        points.extend(ListItem(context.evidence_parts(e)) for e in step.evidence)
        if points:
            yield Paragraph(line(strong("Evidence:")))
            yield ListBlock(tuple(points))
        yield from extra_paragraph(step.extra)
        following = steps[index].id if index < len(steps) else None
        if step.causes and tuple(step.causes) != (following,):
            yield Paragraph(line(strong("Explained by:"), " ", *context.names(step.causes)))
        if step.is_root_cause:
            yield Paragraph(root_cause_parts(coverage.get(step.id), context))


def _gaps(assessment: Assessment, context: ReportContext) -> tuple[Block, ...]:
    if not assessment.gaps:
        return ()
    header = tuple(
        line(h) for h in ("Gap", "Description", "Derived", "Measurement", "Blocks", "Addressed by")
    )
    rows = BuiltRows(lambda: _gap_rows(assessment, context))
    return Heading(2, line("Coordination Gaps")), WrittenTable(header, rows)


def _gap_rows(assessment: Assessment, context: ReportContext) -> Iterator[tuple[Line, ...]]:
    results = {g.id: g for g in context.evaluation.gaps} if context.evaluation else {}
    evidence = context.evidence
    for gap in assessment.gaps:
        result = results.get(gap.id)
        state: Line = ()
        if result is not None:
            state = line(DONE_MARK, " closed") if result.closed else line(OPEN_MARK, " open")
        measured: list[Line] = []
        if gap.measurement:
            measured.append(context.evidence_parts(gap.measurement, brief=True))
        if gap.threshold is not None:
            verdict = ""
            if result is not None and result.measurement_met is not None:
                verdict = ": met" if result.measurement_met else ": not met"
            quantity = f" ({gap.quantity.value.replace('_', ' ')})" if gap.quantity else ""
            if result is not None and result.measurement is not None:
                quantity = f" ({_measured_text(gap.measurement, gap.quantity, evidence)})"
            measured.append(line(f"threshold {gap.threshold}{quantity}{verdict}"))
        measured.extend(context.evidence_parts(e) for e in gap.evidence)
        addressed = (
            addressed_parts(result.addressed_by, result.open_items, context) if result else ()
        )
        description = line(gap.description, *(("; ", *extra_parts(gap.extra)) if gap.extra else ()))
        yield (
            line(gap.title),
            description,
            state,
            joined(measured, "; "),
            context.names(gap.blocks),
            addressed,
        )


def _measured_text(
    evidence_id: str | None, quantity: TestRunQuantity | None, evidence: Mapping[str, Evidence]
) -> str:
    record = evidence.get(evidence_id or "")
    if isinstance(record, TestRunEvidence):
        which = quantity or TestRunQuantity.FAILURE_RATE
        value = record.quantity(which)
        unit = "%" if which in (TestRunQuantity.FAILURE_RATE, TestRunQuantity.PASS_RATE) else ""
        shown = "none ran" if value is None else with_unit(value, unit)
        return f"{which.value.replace('_', ' ')} {shown}"
    if isinstance(record, MeasurementEvidence):
        return f"measured {with_unit(record.value, record.unit)}"
    return "measured"


def _test_runs(assessment: Assessment, context: ReportContext) -> tuple[Block, ...]:
    runs = [e for e in assessment.evidence if isinstance(e, TestRunEvidence)]
    if not runs:
        return ()
    results = {t.id: t for t in context.evaluation.test_runs} if context.evaluation else {}
    rows = []
    for run in runs:
        result = results.get(run.id)
        stated = (
            f"{number(run.stated_failure_rate)}%" if run.stated_failure_rate is not None else ""
        )
        agrees: Line = ()
        if result is not None and result.agrees is not None:
            agrees = line(DONE_MARK, " yes") if result.agrees else line(OPEN_MARK, " no")
        rate = run.failure_rate
        rows.append(
            (
                line(run.suite),
                line(str(run.failed)),
                line(str(run.passed)),
                line(str(run.skipped)),
                line("" if rate is None else f"{number(rate)}%"),
                line(stated),
                agrees,
            )
        )
    header = tuple(
        line(h)
        for h in (
            "Suite",
            "Failed",
            "Passed",
            "Skipped",
            "Failure rate (derived)",
            "Stated",
            "Agrees",
        )
    )
    return Heading(2, line("Test Runs")), Table(header, tuple(rows))


def _tracking(assessment: Assessment) -> tuple[Block, ...]:
    blocks: list[Block] = []
    if assessment.tracking:
        blocks.append(Heading(2, line("Tracking and Monitoring")))
        blocks.append(
            ListBlock(
                tuple(
                    ListItem(line(entry.text), checked=entry.checked)
                    for entry in assessment.tracking
                )
            )
        )
    if assessment.success_indicators:
        level = 3 if assessment.tracking else 2
        blocks.append(Heading(level, line("Success Indicators")))
        blocks.append(ListBlock(tuple(ListItem(line(s)) for s in assessment.success_indicators)))
    return tuple(blocks)


def _references(assessment: Assessment, context: ReportContext) -> tuple[Block, ...]:
    entries: list[ListItem] = []
    if assessment.labels:
        entries.append(
            ListItem(
                line(
                    strong("Labels applied:"),
                    " ",
                    *joined((Code(label),) for label in assessment.labels),
                )
            )
        )
    if assessment.related:
        entries.append(
            ListItem(
                line(strong("Related documentation:")),
                list_of(ListItem(context.evidence_parts(e)) for e in assessment.related),
            )
        )
    if assessment.links:
        entries.append(
            ListItem(
                line(strong("Links:")), list_of(ListItem(line(link)) for link in assessment.links)
            )
        )
    if not entries:
        return ()
    return Heading(2, line("References")), ListBlock(tuple(entries))


def assessment_report(assessment: Assessment, evaluation: Evaluation) -> tuple[Block, ...]:
    """The whole report of *assessment* and its *evaluation*, in the seed document's order."""
    return tuple(assessment_blocks(assessment, evaluation))


def assessment_blocks(assessment: Assessment, evaluation: Evaluation) -> Iterator[Block]:
    """The blocks of :func:`assessment_report`, each section built when the one before is used.

    A writer that writes each block as it comes never holds the whole report:
    the report of a large plan is millions of small objects, which the garbage
    collector would otherwise walk, with the plan, again and again.
    """
    context = ReportContext.of(assessment, evaluation)
    sections: tuple[Callable[[], Iterable[Block]], ...] = (
        lambda: _header(assessment, evaluation),
        lambda: _summary(assessment),
        lambda: timeline_section(assessment, evaluation),
        lambda: _why(assessment, context),
        lambda: phases_section(assessment, context),
        lambda: _gaps(assessment, context),
        lambda: _test_runs(assessment, context),
        lambda: next_steps_section(assessment, context),
        lambda: schedule_section(evaluation, context),
        lambda: milestones_section(assessment, evaluation),
        lambda: slips_section(assessment, evaluation),
        lambda: criteria_section(assessment, context),
        lambda: slo_section(assessment, evaluation),
        lambda: recommendation_section(assessment, evaluation, context),
        lambda: findings_section(assessment, evaluation),
        lambda: _tracking(assessment),
        lambda: _references(assessment, context),
    )
    for section in sections:
        yield from section()
