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

from remediation.evaluation.lookup import by_id
from remediation.evaluation.results import Evaluation, ItemEvaluation
from remediation.evaluation.schedule import Schedule
from remediation.model.moment import Moment
from remediation.model.records import (
    CommitEvidence,
    DocumentEvidence,
    NoteEvidence,
    TestRunEvidence,
    WorkItem,
)
from remediation.model.status import Progress
from remediation.render.blocks import InlineWriter, Line, Text, WrittenTable, line
from remediation.render.context import ReportContext, extra_texts, test_run_words
from remediation.render.formatting import duration_words, moment, number, percent
from remediation.render.marks import progress_mark, status_parts

__all__ = [
    "ItemRows",
    "ScheduleRows",
    "derived_parts",
    "item_table",
    "namer",
    "schedule_table",
    "written_derived",
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


def _shown(items: Iterable[WorkItem]) -> set[str]:
    """The optional columns some item of *items* has something to show in, by name.

    One pass over the items, which stops once every column is shown.
    """
    shown: set[str] = set()
    for item in items:
        if item.evidence:
            shown.add("evidence")
        if item.impact:
            shown.add("impact")
        if item.requirement:
            shown.add("requirement")
        if item.owner:
            shown.add("owner")
        if "due" not in shown and (planned := item.planned) and str(planned):
            shown.add("due")
        if "estimate" not in shown and item.estimate and duration_words(item.estimate):
            shown.add("estimate")
        if item.depends_on:
            shown.add("depends_on")
        if item.addresses:
            shown.add("addresses")
        if len(shown) == len(_COLUMNS):
            break
    return shown


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


def namer(context: ReportContext, writer: InlineWriter) -> Callable[[str], str]:
    """What writes a record's name (:meth:`ReportContext.name`), each once a document
    (each once a *writer*: in Markdown, a table's code is escaped as a list's is not)."""
    titles = context.titles
    memo = writer.memo

    def name(record_id: str) -> str:
        key = ("name", record_id)
        shown = memo.get(key)
        if shown is None:
            title = titles.get(record_id)
            shown = memo[key] = writer.text(title) if title else writer.code(record_id)
        return shown

    return name


def written_derived(
    item: WorkItem, context: ReportContext, writer: InlineWriter, name: Callable[[str], str]
) -> str:
    """:func:`derived_parts`, written by *writer*; *name* writes the names of what blocks it."""
    evaluation = context.evaluation
    result = None
    if evaluation is not None:
        result = by_id(evaluation, "items", _items_of(evaluation)).get(item.id)
    if result is None:  # no evaluation (or not this item's: derived_parts says so)
        return writer.line(derived_parts(item, context))
    progress = result.progress
    credit = result.credit if progress is Progress.PARTIAL else None
    head = ("derived", progress, result.severity, credit)
    derived = writer.memo.get(head) or _derived_head(result, head, writer)
    if result.blocked:
        return derived + writer.text("; blocked by ") + ", ".join(map(name, result.blocked_by))
    if result.actionable:
        return derived + writer.text("; actionable")
    return derived


def _items_of(evaluation: Evaluation) -> Callable[[], Sequence[ItemEvaluation]]:
    """The item results of *evaluation*, as :meth:`Evaluation.item` finds them."""
    return lambda: evaluation.items


def _derived_head(result: ItemEvaluation, key: Hashable, writer: InlineWriter) -> str:
    """An item's derived mark and progress (``⚠️ partial, 50% done``), written, kept under *key*."""
    words = result.progress.value.replace("_", " ")
    if result.progress is Progress.PARTIAL:
        words += f", {percent(result.credit)} done"
    mark = progress_mark(result.progress, result.severity)
    shown = writer.memo[key] = writer.mark(mark) + writer.text(" ") + writer.text(words)
    return shown


def _noted(item: WorkItem) -> bool:
    """Whether *item* has something :func:`_notes` makes a note of (an empty task is one)."""
    return bool(
        (item.kind and item.kind not in _PLAIN_KINDS)
        or item.fraction is not None
        or item.weight != 1
        or item.justification
        or item.tasks
        or item.links
        or item.extra
    )


def _written_notes(item: WorkItem, text: Callable[[str], str], separator: str) -> str:
    """The notes cell of *item*: its notes written and joined by *separator*."""
    if not _noted(item):
        return ""
    notes = []
    if item.kind and item.kind not in _PLAIN_KINDS:
        notes.append(text(f"kind: {item.kind}"))
    if item.fraction is not None:
        notes.append(text(f"stated {percent(item.fraction)} done"))
    if item.weight != 1:
        notes.append(text(f"weight {number(item.weight)}"))
    if item.justification:
        notes.append(text("justification: ") + text(item.justification))
    notes += [text(task) if task else "" for task in item.tasks]
    notes += [text(link) if link else "" for link in item.links]
    if item.extra:
        notes.append(separator.join([text(each) for each in extra_texts(item.extra)]))
    return separator.join(notes)


def _brief_evidence(evidence_id: str, context: ReportContext, writer: InlineWriter) -> str:
    """:meth:`ReportContext.evidence_parts` (brief), written; a commit, a document, a note or a
    test run straight to text, as their inlines would be written."""
    match context.evidence.get(evidence_id):
        case CommitEvidence(sha=sha):
            return writer.text("Commit ") + writer.code(sha)
        case DocumentEvidence(title=title, path=path):
            shown = writer.strong(writer.text(title) if title else "")
            return shown + writer.text(": ") + writer.code(path) if path else shown
        case NoteEvidence(text=text):
            return writer.text(text) if text else ""
        case TestRunEvidence() as run:
            suite = writer.strong(writer.text(run.suite) if run.suite else "")
            return suite + writer.text(test_run_words(run, context.evaluation))
        case _:
            return writer.line(context.evidence_parts(evidence_id, brief=True))


def item_table(items: Sequence[WorkItem], context: ReportContext) -> WrittenTable:
    """The table of a phase's items: title, status, derived state, the columns some item fills."""
    kinds = {item.kind or "" for item in items}
    first = kinds.pop().capitalize() if len(kinds) == 1 else ""
    shown = _shown(items)
    columns = tuple(c for c in _COLUMNS if c[0] in shown)
    with_notes = any(_noted(i) and _has_notes(_notes(i)) for i in items)
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
        """Each item's row, written by *writer*.

        One loop with what it uses at hand: a plan of 100,000 items has as many
        rows, so each call saved in a row is saved 100,000 times.
        """
        memo = writer.memo
        text = writer.text
        separator = text("; ")
        cells = [self._column(name, writer, separator) for name in self.columns]
        with_notes = self.with_notes
        name = namer(self.context, writer)
        for item in self.items:
            status = item.status
            key = ("status", status.label, status.progress, status.severity)
            shown = memo.get(key)
            if shown is None:
                shown = memo[key] = writer.line(status_parts(status))
            row = [text(item.title), shown, written_derived(item, self.context, writer, name)]
            if cells:
                row += [cell(item) for cell in cells]
            if with_notes:
                row.append(_written_notes(item, text, separator))
            yield row

    def _column(
        self, column: str, writer: InlineWriter, separator: str
    ) -> Callable[[WorkItem], str]:
        """What writes the cell of *column* of an item."""
        memo = writer.memo
        context = self.context
        name = namer(context, writer)

        def evidence(item: WorkItem) -> str:
            pieces = []
            for evidence_id in item.evidence:
                key = ("brief evidence", evidence_id)
                shown = memo.get(key)
                if shown is None:
                    shown = memo[key] = _brief_evidence(evidence_id, context, writer)
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
            "depends_on": lambda item: ", ".join([name(i) for i in item.depends_on]),
            "addresses": lambda item: ", ".join([name(i) for i in item.addresses]),
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
        name = namer(self.context, writer)

        def when(value: dt.datetime | Moment) -> str:
            # Equal instants in two time zones are two different wall-clock times.
            key = ("moment", value, getattr(value, "tzinfo", None))
            shown = memo.get(key)
            if shown is None:
                shown = memo[key] = writer.text(moment(value))
            return shown

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
                    name(work.id),
                    written_kind,
                    when(work.start),
                    when(work.finish),
                    writer.text(str(work.due)) if work.due else "",
                    flags,
                ]
