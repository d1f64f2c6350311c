"""The tables with a row per piece of work: a phase's items and the projected schedule.

A plan of 100,000 items has tables of 100,000 rows, so these are written straight
to each output (:class:`~remediation.render.blocks.WrittenTable`): each cell is
the text its inlines would be written as, piece by piece in the same order, with
what repeats from row to row (a status, a derived state, a piece of evidence, a
date) written once a document. They read exactly as the same cells built as
inlines would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence

import attrs

from remediation.evaluation.results import Evaluation
from remediation.evaluation.schedule import Schedule
from remediation.model.moment import Moment
from remediation.model.records import WorkItem
from remediation.model.status import Progress
from remediation.render.blocks import InlineWriter, Line, Text, WrittenTable, line
from remediation.render.context import ReportContext, extra_texts
from remediation.render.formatting import duration_words, moment, number, percent
from remediation.render.marks import progress_mark, status_parts

__all__ = ["ItemRows", "ScheduleRows", "derived_parts", "item_table", "schedule_table"]

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

_PLAIN_KINDS = ("component", "area", "task")


def derived_parts(item: WorkItem, context: ReportContext) -> Line:
    """An item's derived state: its mark, progress, and what blocks it or that it is actionable."""
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


def _shown(item: WorkItem, column: str) -> bool:
    """Whether *item* has something to show in *column*."""
    match column:
        case "evidence":
            return bool(item.evidence)
        case "impact":
            return bool(item.impact)
        case "requirement":
            return bool(item.requirement)
        case "owner":
            return bool(item.owner)
        case "due":
            return bool(item.planned and str(item.planned))
        case "estimate":
            return bool(item.estimate and duration_words(item.estimate))
        case "depends_on":
            return bool(item.depends_on)
        case _:
            return bool(item.addresses)


def _notes(item: WorkItem) -> list[tuple[str, ...]]:
    """An item's notes, each the pieces of text it is written from (none empty)."""
    notes: list[tuple[str, ...]] = []
    if item.kind and item.kind not in _PLAIN_KINDS:
        notes.append((f"kind: {item.kind}",))
    if item.fraction is not None:
        notes.append((f"stated {percent(item.fraction)} done",))
    if item.weight != 1:
        notes.append((f"weight {number(item.weight)}",))
    if item.justification:
        notes.append(("justification: ", item.justification))
    notes.extend((task,) if task else () for task in item.tasks)
    notes.extend((link,) if link else () for link in item.links)
    if item.extra:
        extra = extra_texts(item.extra)
        notes.append(tuple(piece for text in extra for piece in ("; ", text))[1:])
    return notes


def _has_notes(notes: Sequence[tuple[str, ...]]) -> bool:
    """Whether notes joined by ``"; "`` show anything: a separator is something."""
    return len(notes) > 1 or (len(notes) == 1 and bool(notes[0]))


def _repeated(writer: InlineWriter, key: Hashable, text: Callable[[], str]) -> str:
    """The plain *text* that *key* stands for, written once a document: rows share it."""
    shown = writer.memo.get(key)
    if shown is None:
        shown = writer.memo[key] = writer.text(text())
    return shown


def _names(record_ids: Iterable[str], context: ReportContext, writer: InlineWriter) -> str:
    """:meth:`ReportContext.names`, written."""
    titles = context.titles
    return ", ".join(
        writer.text(title) if (title := titles.get(i)) else writer.code(i) for i in record_ids
    )


def item_table(items: Sequence[WorkItem], context: ReportContext) -> WrittenTable:
    """The table of a phase's items: title, status, derived state, the columns some item fills."""
    kinds = {item.kind or "" for item in items}
    first = kinds.pop().capitalize() if len(kinds) == 1 else ""
    columns = tuple(c for c in _COLUMNS if any(_shown(i, c[0]) for i in items))
    with_notes = any(_has_notes(_notes(i)) for i in items)
    header = [line(first or "Item"), line("Status"), line("Derived")]
    header.extend(line(title) for _, title in columns)
    if with_notes:
        header.append(line("Notes"))
    return WrittenTable(
        tuple(header), ItemRows(items, tuple(name for name, _ in columns), with_notes, context)
    )


@attrs.frozen
class ItemRows:
    """The rows of a phase's items.

    Attributes:
        items: The items, a row each.
        columns: The optional columns shown, by name (``"evidence"``, ``"owner"``...).
        with_notes: Whether the notes column is shown.
        context: The report's records and evaluation.
    """

    items: Sequence[WorkItem]
    columns: tuple[str, ...]
    with_notes: bool
    context: ReportContext

    def written(self, writer: InlineWriter) -> Iterator[list[str]]:
        """Each item's row, written by *writer*."""
        memo = writer.memo
        text = writer.text
        separator = text("; ")
        cells = [self._column(name, writer, separator) for name in self.columns]
        derived = self._derived
        for item in self.items:
            status = item.status
            key = ("status", status.label, status.progress, status.severity)
            shown = memo.get(key)
            if shown is None:
                shown = memo[key] = writer.line(status_parts(status))
            row = [text(item.title), shown, derived(item, writer)]
            row += [cell(item) for cell in cells]
            if self.with_notes:
                notes = ("".join(text(piece) for piece in note) for note in _notes(item))
                row.append(separator.join(notes))
            yield row

    def _derived(self, item: WorkItem, writer: InlineWriter) -> str:
        evaluation = self.context.evaluation
        if evaluation is None:
            return writer.line(derived_parts(item, self.context))
        result = evaluation.item(item.id)
        partial = result.progress is Progress.PARTIAL
        key = ("derived", result.progress, result.severity, result.credit if partial else None)
        head = writer.memo.get(key)
        if head is None:
            words = result.progress.value.replace("_", " ")
            if partial:
                words += f", {percent(result.credit)} done"
            mark = progress_mark(result.progress, result.severity)
            head = writer.memo[key] = writer.mark(mark) + writer.text(" ") + writer.text(words)
        if result.blocked:
            return (
                head
                + writer.text("; blocked by ")
                + _names(result.blocked_by, self.context, writer)
            )
        if result.actionable:
            return head + writer.text("; actionable")
        return head

    def _column(
        self, column: str, writer: InlineWriter, separator: str
    ) -> Callable[[WorkItem], str]:
        """What writes the cell of *column* of an item."""
        memo = writer.memo
        context = self.context

        def evidence(item: WorkItem) -> str:
            pieces = []
            for evidence_id in item.evidence:
                key = ("brief evidence", evidence_id)
                shown = memo.get(key)
                if shown is None:
                    parts = context.evidence_parts(evidence_id, brief=True)
                    shown = memo[key] = writer.line(parts)
                pieces.append(shown)
            return separator.join(pieces)

        def plain(value: str | None) -> str:
            return _repeated(writer, ("text", value), lambda: value or "") if value else ""

        def due(item: WorkItem) -> str:
            planned = item.planned
            return _repeated(writer, ("due", planned), lambda: str(planned)) if planned else ""

        def estimate(item: WorkItem) -> str:
            duration = item.estimate
            if not duration:
                return ""
            return _repeated(writer, ("estimate", duration), lambda: duration_words(duration))

        columns: dict[str, Callable[[WorkItem], str]] = {
            "evidence": evidence,
            "impact": lambda item: plain(item.impact),
            "requirement": lambda item: plain(item.requirement),
            "owner": lambda item: plain(item.owner),
            "due": due,
            "estimate": estimate,
            "depends_on": lambda item: _names(item.depends_on, context, writer),
            "addresses": lambda item: _names(item.addresses, context, writer),
        }
        return columns[column]


def schedule_table(evaluation: Evaluation, context: ReportContext) -> WrittenTable:
    """The projected schedule: a row per open phase and item, with its flags."""
    header = tuple(line(h) for h in ("Work", "Kind", "Start", "Finish", "Due", "Flags"))
    return WrittenTable(header, ScheduleRows(evaluation.schedule, context))


@attrs.frozen
class ScheduleRows:
    """The rows of the projected schedule: its phases, then its items.

    Attributes:
        schedule: The projected schedule.
        context: The report's records and evaluation.
    """

    schedule: Schedule
    context: ReportContext

    def written(self, writer: InlineWriter) -> Iterator[list[str]]:
        """Each phase's and item's row, written by *writer*."""
        critical = set(self.schedule.critical_path)
        memo = writer.memo

        def when(value: dt.datetime | Moment) -> str:
            # Equal instants in two time zones are two different wall-clock times.
            key = ("moment", value, getattr(value, "tzinfo", None))
            return _repeated(writer, key, lambda: moment(value))

        for kind, works in (("phase", self.schedule.phases), ("item", self.schedule.items)):
            written_kind = writer.text(kind)
            for work in works:
                on = (
                    "flags",
                    work.id in critical,
                    work.overdue,
                    work.late is True,
                    work.late is None,
                    not work.estimated,
                    work.estimated and not work.scheduled,
                )
                flags = memo.get(on)
                if flags is None:
                    words = (
                        "critical path",
                        "overdue",
                        "projected late",
                        "maybe late",
                        "no estimate",
                        "unscheduled",
                    )
                    text = ", ".join(word for word, flag in zip(words, on[1:], strict=True) if flag)
                    flags = memo[on] = writer.text(text)
                yield [
                    _names((work.id,), self.context, writer),
                    written_kind,
                    when(work.start),
                    when(work.finish),
                    writer.text(str(work.due)) if work.due else "",
                    flags,
                ]
