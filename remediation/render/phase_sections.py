"""The plan's work in a report: each phase with a table of its items, the next steps as lists."""

from __future__ import annotations

from collections.abc import Sequence

from remediation.evaluation.results import FindingSeverity
from remediation.model.moment import Moment
from remediation.model.records import Assessment, NextStep, Phase, WorkItem
from remediation.model.status import Progress
from remediation.render.blocks import (
    Block,
    Emphasis,
    Heading,
    Line,
    ListItem,
    Paragraph,
    Table,
    Text,
    joined,
    line,
    list_of,
    strong,
)
from remediation.render.context import ReportContext, extra_parts, phase_title
from remediation.render.formatting import duration_words, moment, number, percent
from remediation.render.marks import phase_mark, progress_mark, severity_mark, status_parts

__all__ = [
    "next_step_item",
    "next_steps_section",
    "phase_blocks",
    "phase_report",
    "phases_section",
]


_COLUMNS = (
    ("evidence", "Evidence"),
    ("impact", "Business Impact"),
    ("requirement", "Requirement"),
    ("owner", "Owner"),
    ("due", "Due"),
    ("estimate", "Estimate"),
    ("depends_on", "Depends on"),
    ("addresses", "Addresses"),
)


def _item_cell(item: WorkItem, column: str, context: ReportContext) -> Line:
    match column:
        case "evidence":
            return joined((context.evidence_parts(e, brief=True) for e in item.evidence), "; ")
        case "impact":
            return line(item.impact)
        case "requirement":
            return line(item.requirement)
        case "owner":
            return line(item.owner)
        case "due":
            return line(str(item.planned) if item.planned else None)
        case "estimate":
            return line(duration_words(item.estimate) if item.estimate else None)
        case "depends_on":
            return context.names(item.depends_on)
        case _:
            return context.names(item.addresses)


def _derived_cell(item: WorkItem, context: ReportContext) -> Line:
    if context.evaluation is None:
        progress = item.status.progress
        words = progress.value.replace("_", " ")
        if progress is Progress.PARTIAL:
            words += f", {percent(item.credit)} done"
        return line(progress_mark(progress, item.severity), " ", words)
    result = context.evaluation.item(item.id)
    words = result.progress.value.replace("_", " ")
    if result.progress is Progress.PARTIAL:
        words += f", {percent(result.credit)} done"
    parts = line(progress_mark(result.progress, result.severity), " ", words)
    if result.blocked:
        return (*parts, Text("; blocked by "), *context.names(result.blocked_by))
    if result.actionable:
        return (*parts, Text("; actionable"))
    return parts


def _notes_cell(item: WorkItem) -> Line:
    notes: list[Line] = []
    if item.kind and item.kind not in ("component", "area", "task"):
        notes.append(line(f"kind: {item.kind}"))
    if item.fraction is not None:
        notes.append(line(f"stated {percent(item.fraction)} done"))
    if item.weight != 1:
        notes.append(line(f"weight {number(item.weight)}"))
    if item.justification:
        notes.append(line("justification: ", item.justification))
    notes.extend(line(task) for task in item.tasks)
    notes.extend(line(link) for link in item.links)
    extra = extra_parts(item.extra)
    if extra:
        notes.append(extra)
    return joined(notes, "; ")


def _item_table(items: Sequence[WorkItem], context: ReportContext) -> Table:
    kinds = {item.kind or "" for item in items}
    first = kinds.pop().capitalize() if len(kinds) == 1 else ""
    first = first or "Item"
    columns = [c for c in _COLUMNS if any(_item_cell(i, c[0], context) for i in items)]
    with_notes = any(_notes_cell(i) for i in items)
    header = [line(first), line("Status"), line("Derived")]
    header.extend(line(title) for _, title in columns)
    if with_notes:
        header.append(line("Notes"))
    rows = []
    for item in items:
        row = [line(item.title), status_parts(item.status), _derived_cell(item, context)]
        row.extend(_item_cell(item, name, context) for name, _ in columns)
        if with_notes:
            row.append(_notes_cell(item))
        rows.append(tuple(row))
    return Table(tuple(header), tuple(rows))


def phase_blocks(phase: Phase, context: ReportContext, level: int) -> tuple[Block, ...]:
    """A phase under a heading of *level*: its fields and the table of its items."""
    result = context.evaluation.phase(phase.id) if context.evaluation else None
    timebox = f" ({duration_words(phase.timebox)})" if phase.timebox else ""
    mark = (phase_mark(result), Text(" ")) if result else ()
    blocks: list[Block] = [Heading(level, line(*mark, phase_title(phase), timebox))]
    fields: list[ListItem] = []
    if phase.stated_status is not None:
        fields.append(
            ListItem(line(strong("Stated status:"), " ", *status_parts(phase.stated_status)))
        )
    if result is not None:
        state = "complete" if result.complete else "not complete"
        fields.append(
            ListItem(
                line(
                    strong("Derived:"),
                    f" {result.done} of {result.items} "
                    f"items done, progress {percent(result.progress)}, {state}",
                )
            )
        )
        if result.stated is not None and (result.stated is Progress.DONE) != result.complete:
            fields.append(
                ListItem(
                    line(
                        severity_mark(FindingSeverity.WARNING),
                        " ",
                        strong("The document's status disagrees with its items."),
                    )
                )
            )
    if phase.depends_on:
        fields.append(ListItem(line(strong("Depends on:"), " ", *context.names(phase.depends_on))))
    if phase.start is not None:
        started = phase.start if isinstance(phase.start, Moment) else moment(phase.start)
        fields.append(ListItem(line(strong("Started:"), " ", str(started))))
    if phase.due is not None:
        fields.append(ListItem(line(strong("Due:"), " ", str(phase.due))))
    extra = extra_parts(phase.extra)
    if extra:
        fields.append(ListItem(line(strong("Also:"), " ", *extra)))
    blocks.extend(list_of(fields))
    if phase.items:
        blocks.append(_item_table(phase.items, context))
    else:
        blocks.append(Paragraph(line(Emphasis(line("No items.")))))
    return tuple(blocks)


def phases_section(assessment: Assessment, context: ReportContext) -> tuple[Block, ...]:
    """Every phase of the plan, each with its items."""
    if not assessment.phases:
        return ()
    blocks: list[Block] = [Heading(2, line("Remediation Progress"))]
    for phase in assessment.phases:
        blocks.extend(phase_blocks(phase, context, 3))
    return tuple(blocks)


def next_steps_section(assessment: Assessment, context: ReportContext) -> tuple[Block, ...]:
    """Every group of next steps, each as a numbered list."""
    if not assessment.next_steps:
        return ()
    blocks: list[Block] = [Heading(2, line("Immediate Next Steps"))]
    for group in assessment.next_steps:
        title = f"{group.window}: {group.title}" if group.window else group.title
        blocks.append(Heading(3, line(title)))
        about = []
        if group.priority:
            about.append(line(strong(group.priority)))
        if context.evaluation is not None:
            result = context.evaluation.phase(group.id)
            about.append(
                line(f"{result.done} of {result.items} done, progress {percent(result.progress)}")
            )
        extra = extra_parts(group.extra)
        if extra:
            about.append(extra)
        if about:
            blocks.append(Paragraph(joined(about, "; ")))
        blocks.extend(
            list_of((next_step_item(item, context) for item in group.items), ordered=True)
        )
    return tuple(blocks)


def next_step_item(item: WorkItem, context: ReportContext) -> ListItem:
    """One next step: its status, details, tasks and links."""
    details: list[Line] = [_derived_cell(item, context)]
    if item.estimate:
        details.append(line(f"estimate {duration_words(item.estimate)}"))
    if item.owner:
        details.append(line("owner ", item.owner))
    if item.planned:
        first = f", first planned {item.due}" if item.replans and item.due else ""
        details.append(line(f"due {item.planned}{first}"))
    if item.addresses:
        details.append(line("addresses ", *context.names(item.addresses)))
    if item.depends_on:
        details.append(line("depends on ", *context.names(item.depends_on)))
    if item.evidence:
        details.append(joined((context.evidence_parts(e) for e in item.evidence), "; "))
    for label, text in (
        ("impact", item.impact),
        ("requirement", item.requirement),
        ("justification", item.justification),
    ):
        if text:
            details.append(line(f"{label}: ", text))
    extra = extra_parts(item.extra)
    if extra:
        details.append(extra)
    parts = line(
        strong(item.title), ": ", *status_parts(item.status), " (", *joined(details, "; "), ")"
    )
    children = tuple(ListItem(line(task)) for task in (*item.tasks, *item.links))
    return ListItem(parts, list_of(children))


def phase_report(phase: Phase | NextStep) -> tuple[Block, ...]:
    """A phase (or a group of next steps) on its own, with its items' stated statuses."""
    context = ReportContext(None)
    if isinstance(phase, Phase):
        return phase_blocks(phase, context, 2)
    title = f"{phase.window}: {phase.title}" if phase.window else phase.title
    about = (Paragraph(line(strong(phase.priority))),) if phase.priority else ()
    return (
        Heading(2, line(title)),
        *about,
        *list_of((next_step_item(item, context) for item in phase.items), ordered=True),
    )
