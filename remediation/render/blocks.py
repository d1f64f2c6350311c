"""The document model of a report: blocks of inlines, and the helpers that build them.

A report is a short tree of blocks (headings, paragraphs, lists, tables) whose
text is made of inlines (plain text, strong, emphasis, code, status marks).
``remediation.render.markdown`` and ``remediation.render.html`` decide how it is
written, and each escapes every piece of text on the way out. Text in this tree
is never pre-escaped: it is exactly what the user wrote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from typing import Protocol, TypeAlias

import attrs

__all__ = [
    "Block",
    "BuiltRows",
    "Code",
    "Emphasis",
    "EntrySource",
    "Heading",
    "Inline",
    "InlineWriter",
    "Line",
    "ListBlock",
    "ListItem",
    "Mark",
    "Paragraph",
    "Part",
    "RowSource",
    "StreamedList",
    "Strong",
    "Table",
    "Text",
    "WrittenList",
    "WrittenTable",
    "joined",
    "line",
    "list_of",
    "paragraphs",
    "strong",
]


@attrs.frozen
class Text:
    """Plain text, exactly as written."""

    text: str


@attrs.frozen
class Strong:
    """Strongly emphasized inlines."""

    parts: tuple[Inline, ...]


@attrs.frozen
class Emphasis:
    """Emphasized inlines."""

    parts: tuple[Inline, ...]


@attrs.frozen
class Code:
    """Literal text: ids, hashes, paths, labels."""

    text: str


@attrs.frozen
class Mark:
    """A status mark (an emoji) and the state it stands for.

    Attributes:
        text: The mark as shown (``"✅"``).
        state: One of ``done``, ``partial``, ``open``, ``critical``, ``closed``,
            ``unknown``, ``info``: how a format may color it.
    """

    text: str
    state: str


Inline: TypeAlias = Text | Strong | Emphasis | Code | Mark
Line: TypeAlias = tuple[Inline, ...]


@attrs.frozen
class Heading:
    """A heading; level 1 is the title."""

    level: int
    parts: Line


@attrs.frozen
class Paragraph:
    """A paragraph."""

    parts: Line


@attrs.frozen
class ListItem:
    """One entry of a list.

    Attributes:
        parts: Its text.
        children: Blocks nested under it.
        checked: For a checklist, whether it is ticked; ``None`` for a plain list.
    """

    parts: Line
    children: tuple[Block, ...] = ()
    checked: bool | None = None


@attrs.frozen
class ListBlock:
    """A bulleted, numbered or check list."""

    items: tuple[ListItem, ...]
    ordered: bool = False


@attrs.frozen
class Table:
    """A table with a header row; each cell is a line of inlines."""

    header: tuple[Line, ...]
    rows: tuple[tuple[Line, ...], ...]


class InlineWriter(Protocol):
    """How one output (Markdown, HTML) writes inlines in a table cell, each escaped.

    What :class:`WrittenTable` rows are written with: the same inlines as a
    :class:`Table` cell, without building them first.

    Attributes:
        memo: What the document's tables have written, by what it shows (a
            status, a piece of evidence), for the next rows to reuse. One
            writer writes one document.
    """

    memo: dict[Hashable, str]

    def text(self, text: str) -> str:
        """:class:`Text`."""
        ...

    def code(self, text: str) -> str:
        """:class:`Code`."""
        ...

    def mark(self, mark: Mark) -> str:
        """:class:`Mark`."""
        ...

    def strong(self, written: str) -> str:
        """:class:`Strong` around inlines already written by this writer."""
        ...

    def line(self, parts: Line) -> str:
        """Any inlines."""
        ...


class RowSource(Protocol):
    """The rows of a :class:`WrittenTable`."""

    def written(self, writer: InlineWriter) -> Iterator[Sequence[str]]:
        """Each row's cells, written by *writer*."""
        ...


@attrs.frozen
class WrittenTable:
    """A table with a row per record, written straight to each output.

    It reads exactly like a :class:`Table` whose cells are the inlines that
    *rows* writes, but no cell is built as inlines first: a plan's long tables
    (a row per work item) are written at the cost of their text.

    Attributes:
        header: The header row.
        rows: Writes the rows with an output's :class:`InlineWriter`.
    """

    header: tuple[Line, ...]
    rows: RowSource


@attrs.frozen
class BuiltRows:
    """Rows of inlines built as the table is written, and let go one by one.

    A :class:`WrittenTable` with these rows reads exactly like
    ``Table(header, tuple(rows()))``.

    Attributes:
        rows: Builds the rows, anew each time it is called.
    """

    rows: Callable[[], Iterable[Sequence[Line]]]

    def written(self, writer: InlineWriter) -> Iterator[list[str]]:
        """Each row, its cells written by *writer*."""
        for row in self.rows():
            yield [writer.line(cell) for cell in row]


@attrs.frozen
class StreamedList:
    """A list whose entries are built as it is written, and let go one by one.

    It reads exactly like ``ListBlock(tuple(entries()), ordered)``; a list of
    one entry per record (the findings, the blocked work) is never held whole,
    which in a large plan saves the garbage collector walking it with the plan.

    Attributes:
        entries: Builds the entries, anew each time it is called.
        ordered: Whether the list is numbered.
        checks: Whether some entry has a check box (``checked`` not ``None``).
    """

    entries: Callable[[], Iterable[ListItem]]
    ordered: bool = False
    checks: bool = False


class EntrySource(Protocol):
    """The entries of a :class:`WrittenList`."""

    def written(self, writer: InlineWriter) -> Iterator[tuple[str, tuple[Line, ...]]]:
        """Each entry's text, written by *writer*, and the lines of its plain sub-list."""
        ...


@attrs.frozen
class WrittenList:
    """A list with an entry per record, written straight to each output.

    It reads exactly like a :class:`ListBlock` of entries whose parts are the
    inlines each entry's text is written from, each with a plain list of its
    lines (none when there are none), but no entry is built as inlines first.
    An entry's first inline is never plain text or a mark, which Markdown
    escapes otherwise at the start of a line: an entry starts with strong text.

    Attributes:
        entries: Writes the entries with an output's :class:`InlineWriter` (in
            Markdown, one that writes code as outside a table).
        ordered: Whether the list is numbered.
    """

    entries: EntrySource
    ordered: bool = False


Block: TypeAlias = (
    Heading | Paragraph | ListBlock | Table | WrittenTable | StreamedList | WrittenList
)

Part: TypeAlias = "str | Inline"


def line(*parts: Part | None) -> Line:
    """Inlines from strings (plain text) and inlines; ``None`` and ``""`` are dropped."""
    # An inline is never false (it defines no length): only None and "" are left out.
    return tuple([Text(part) if isinstance(part, str) else part for part in parts if part])


def strong(*parts: Part | None) -> Strong:
    """Strong text."""
    return Strong(line(*parts))


def joined(lines: Iterable[Line], separator: str = ", ") -> Line:
    """Lines joined into one with *separator* between them."""
    result: list[Inline] = []
    between = Text(separator)  # one for all: an inline is immutable
    for index, each in enumerate(lines):
        if index:
            result.append(between)
        result.extend(each)
    return tuple(result)


def list_of(items: Iterable[ListItem], *, ordered: bool = False) -> tuple[Block, ...]:
    """A list block of *items*, or no block at all when there are none."""
    entries = tuple(items)
    return (ListBlock(entries, ordered=ordered),) if entries else ()


def paragraphs(text: str) -> tuple[Block, ...]:
    """Text with blank lines between paragraphs, as paragraphs."""
    return tuple(
        Paragraph(line(chunk.strip())) for chunk in re.split(r"\n\s*\n", text) if chunk.strip()
    )
