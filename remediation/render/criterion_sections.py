"""Success criteria in a report: baseline, target and current value, as checklists."""

from __future__ import annotations

from remediation.evaluation.results import CriterionEvaluation, CriterionState
from remediation.model.records import (
    Assessment,
    Composite,
    CompositeMode,
    Criterion,
    CriterionCategory,
    TestRunEvidence,
)
from remediation.render.blocks import (
    Block,
    Code,
    Emphasis,
    Heading,
    Line,
    ListBlock,
    ListItem,
    Paragraph,
    joined,
    line,
    list_of,
    strong,
)
from remediation.render.context import ReportContext, extra_parts
from remediation.render.formatting import duration_words, percent, with_unit
from remediation.render.marks import state_mark

__all__ = [
    "criteria_section",
    "criterion_line",
    "criterion_report",
]


def criterion_line(
    criterion: Criterion, result: CriterionEvaluation | None, context: ReportContext
) -> Line:
    """A criterion in one line: its target, values and, when evaluated, its state."""
    target = criterion.target
    parts: list[Line] = []
    if criterion.composite is not None:
        parts.append(_composite_line(criterion.composite, result))
    elif target is None:
        observed = {True: "yes", False: "no", None: "not known"}[criterion.observed]
        parts.append(line(f"condition, observed: {observed}"))
    else:
        unit = target.unit
        if criterion.baseline is not None:
            parts.append(line(f"baseline {with_unit(criterion.baseline, unit)}"))
        parts.append(line(f"target {target}"))
        current = result.current if result is not None else criterion.current
        source = criterion.current_from
        where = ""
        if source is not None:
            record = context.evidence.get(source.evidence)
            name = record.suite if isinstance(record, TestRunEvidence) else source.evidence
            which = f"{source.quantity.value.replace('_', ' ')} of " if source.quantity else ""
            where = (
                f" ({which}{name})"
                if result is not None or current is not None
                else (f" the {which}{name}")
            )
        if current is not None:
            parts.append(line(f"current {with_unit(current, unit)}{where}"))
        elif source is not None and result is None:
            parts.append(line(f"current taken from{where}"))
        else:
            parts.append(line(f"current not measured{where}"))
    if criterion.window is not None:
        parts.append(line(f"over {duration_words(criterion.window)}"))
    verdict: Line = ()
    if result is not None:
        progress = "" if result.progress is None else f", progress {percent(result.progress)}"
        verdict = line(" — ", state_mark(result.state), f" {result.state.value}{progress}")
        if result.part_of:
            through = joined(line(Code(c)) for c in result.part_of)
            verdict = (*verdict, *line("; counted through "), *through)
    return line(strong(criterion.title), ": ", *joined(parts, ", "), *verdict)


_MODES = {
    CompositeMode.ALL_OF: "all of",
    CompositeMode.ANY_OF: "any of",
    CompositeMode.WEIGHTED: "weighted",
}


def _composite_line(composite: Composite, result: CriterionEvaluation | None) -> Line:
    """A composite's members, with their weights and, when evaluated, their states."""
    states = dict(result.members) if result is not None else {}
    weighted = composite.mode is CompositeMode.WEIGHTED
    members: list[Line] = []
    for member, share in zip(composite.members, composite.shares, strict=True):
        notes = [percent(share)] if weighted else []
        if member in states:
            notes.append(states[member].value)
        shown = f" ({', '.join(notes)})" if notes else ""
        members.append(line(Code(member), shown))
    threshold = composite.threshold
    needs = f", at least {percent(threshold)} of the weight met" if threshold is not None else ""
    return line(f"{_MODES[composite.mode]}: ", *joined(members, ", "), needs)


def criteria_section(assessment: Assessment, context: ReportContext) -> tuple[Block, ...]:
    """The success criteria, technical then business, as checklists."""
    if not assessment.criteria:
        return ()
    results = {c.id: c for c in context.evaluation.criteria} if context.evaluation else {}
    blocks: list[Block] = [Heading(2, line("Success Criteria"))]
    for category, title in (
        (CriterionCategory.TECHNICAL, "Technical Metrics"),
        (CriterionCategory.BUSINESS, "Business Metrics"),
    ):
        chosen = [c for c in assessment.criteria if c.category is category]
        if not chosen:
            continue
        blocks.append(Heading(3, line(title)))
        entries = []
        for criterion in chosen:
            result = results.get(criterion.id)
            notes = []
            if criterion.description:
                notes.append(ListItem(line(Emphasis(line(criterion.description)))))
            if criterion.stated_met is not None:
                said = "met" if criterion.stated_met else "not met"
                notes.append(ListItem(line(f"the document's checkbox: {said}")))
            notes.extend(ListItem(context.evidence_parts(e)) for e in criterion.evidence)
            extra = extra_parts(criterion.extra)
            if extra:
                notes.append(ListItem(extra))
            checked = result.state is CriterionState.MET if result else bool(criterion.stated_met)
            entries.append(
                ListItem(
                    criterion_line(criterion, result, context), list_of(notes), checked=checked
                )
            )
        blocks.append(ListBlock(tuple(entries)))
    return tuple(blocks)


def criterion_report(criterion: Criterion) -> tuple[Block, ...]:
    """A success criterion on its own, as the document states it."""
    context = ReportContext(None)
    notes = [ListItem(line(strong("Category:"), f" {criterion.category.value}"))]
    if criterion.description:
        notes.append(ListItem(line(strong("In the document's words:"), " ", criterion.description)))
    if criterion.stated_met is not None:
        notes.append(
            ListItem(line(strong("Checkbox:"), " met" if criterion.stated_met else " not met"))
        )
    if criterion.evidence:
        notes.append(
            ListItem(
                line(strong("Evidence:"), " ", *joined((Code(e),) for e in criterion.evidence))
            )
        )
    extra = extra_parts(criterion.extra)
    if extra:
        notes.append(ListItem(line(strong("Also:"), " ", *extra)))
    return (Paragraph(criterion_line(criterion, None, context)), ListBlock(tuple(notes)))
