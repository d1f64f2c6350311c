"""The plan's work in a report: each phase with a table of its items, the next steps as lists."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs

from remediation.evaluation.results import FindingSeverity
from remediation.model.moment import Moment
from remediation.model.records import Assessment, NextStep, Phase, WorkItem
from remediation.model.status import Progress
from remediation.render.blocks import (
    Block,
    Emphasis,
    Heading,
    InlineWriter,
    Line,
    ListItem,
    Paragraph,
    Text,
    WrittenList,
    joined,
    line,
    list_of,
    strong,
)
from remediation.render.context import ReportContext, extra_parts, extra_texts, phase_title
from remediation.render.formatting import duration_words, moment, percent
from remediation.render.marks import phase_mark, severity_mark, status_parts
from remediation.render.work_tables import derived_parts, item_table, namer, written_derived

__all__ = [
    "NextStepEntries",
    "next_step_item",
    "next_steps_section",
    "phase_blocks",
    "phase_report",
    "phases_section",
]


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
        blocks.append(item_table(phase.items, context))
    else:
        blocks.append(Paragraph(line(Emphasis(line("No items.")))))
    return tuple(blocks)


def phases_section(assessment: Assessment, context: ReportContext) -> Iterator[Block]:
    """Every phase of the plan, each with its items; each built when the one before is used."""
    if not assessment.phases:
        return
    yield Heading(2, line("Remediation Progress"))
    for phase in assessment.phases:
        yield from phase_blocks(phase, context, 3)


def next_steps_section(assessment: Assessment, context: ReportContext) -> Iterator[Block]:
    """Every group of next steps, each a numbered list; each built when the one before is used."""
    if not assessment.next_steps:
        return
    yield Heading(2, line("Immediate Next Steps"))
    for group in assessment.next_steps:
        title = f"{group.window}: {group.title}" if group.window else group.title
        yield Heading(3, line(title))
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
            yield Paragraph(joined(about, "; "))
        if group.items:
            yield WrittenList(NextStepEntries(group.items, context), ordered=True)


def next_step_item(item: WorkItem, context: ReportContext) -> ListItem:
    """One next step: its status, details, tasks and links."""
    details: list[Line] = [derived_parts(item, context)]
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


@attrs.frozen
class NextStepEntries:
    """The entries of a group of next steps, each as :func:`next_step_item` would build it.

    Attributes:
        items: The next steps, an entry each.
        context: The report's records and evaluation.
    """

    items: Sequence[WorkItem]
    context: ReportContext

    def written(self, writer: InlineWriter) -> Iterator[tuple[str, tuple[Line, ...]]]:
        """Each next step's text, written by *writer*, piece by piece as its inlines are,
        and its tasks and links."""
        context = self.context
        memo = writer.memo
        text = writer.text
        separator = text("; ")
        name = namer(context, writer)
        for item in self.items:
            details = [written_derived(item, context, writer, name)]
            if item.estimate:
                details.append(text(f"estimate {duration_words(item.estimate)}"))
            if item.owner:
                details.append(text("owner ") + text(item.owner))
            if item.planned:
                first = f", first planned {item.due}" if item.replans and item.due else ""
                details.append(text(f"due {item.planned}{first}"))
            if item.addresses:
                details.append(text("addresses ") + ", ".join(map(name, item.addresses)))
            if item.depends_on:
                details.append(text("depends on ") + ", ".join(map(name, item.depends_on)))
            if item.evidence:
                pieces = []
                for evidence_id in item.evidence:
                    key = ("evidence", evidence_id)
                    shown = memo.get(key)
                    if shown is None:
                        shown = memo[key] = writer.line(context.evidence_parts(evidence_id))
                    pieces.append(shown)
                details.append(separator.join(pieces))
            for label, value in (
                ("impact", item.impact),
                ("requirement", item.requirement),
                ("justification", item.justification),
            ):
                if value:
                    details.append(text(f"{label}: ") + text(value))
            if item.extra:
                details.append(separator.join([text(each) for each in extra_texts(item.extra)]))
            status = item.status
            status_key = ("status", status.label, status.progress, status.severity)
            shown = memo.get(status_key)
            if shown is None:
                shown = memo[status_key] = writer.line(status_parts(status))
            entry = (
                writer.strong(text(item.title) if item.title else "")
                + text(": ")
                + shown
                + text(" (")
                + separator.join(details)
                + text(")")
            )
            yield entry, tuple(line(task) for task in (*item.tasks, *item.links))


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
