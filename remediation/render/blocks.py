"""The document model of a report: blocks of inlines, and the helpers that build them.

A report is a short tree of blocks (headings, paragraphs, lists, tables) whose
text is made of inlines (plain text, strong, emphasis, code, status marks).
``remediation.render.markdown`` and ``remediation.render.html`` decide how it is
written, and each escapes every piece of text on the way out. Text in this tree
is never pre-escaped: it is exactly what the user wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeAlias

import attrs

__all__ = [
    "Block",
    "Code",
    "Emphasis",
    "Heading",
    "Inline",
    "Line",
    "ListBlock",
    "ListItem",
    "Mark",
    "Paragraph",
    "Part",
    "Strong",
    "Table",
    "Text",
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


Block: TypeAlias = Heading | Paragraph | ListBlock | Table

Part: TypeAlias = "str | Inline"


def line(*parts: Part | None) -> Line:
    """Inlines from strings (plain text) and inlines; ``None`` and ``""`` are dropped."""
    return tuple(Text(p) if isinstance(p, str) else p for p in parts if p is not None and p != "")


def strong(*parts: Part | None) -> Strong:
    """Strong text."""
    return Strong(line(*parts))


def joined(lines: Iterable[Line], separator: str = ", ") -> Line:
    """Lines joined into one with *separator* between them."""
    result: list[Inline] = []
    for index, each in enumerate(lines):
        if index:
            result.append(Text(separator))
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
