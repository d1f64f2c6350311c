"""The Markdown report: an assessment and its evaluation, in the shape of the document.

Every piece of the user's text is escaped, so that it reads as text on GitHub
and in Jupyter: ``<script>`` stays visible, ``$500K+`` does not start a formula,
``|`` does not split a table cell and ``*`` does not start emphasis.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable

from remediation.evaluation.results import Evaluation
from remediation.model.records import Assessment
from remediation.render.assessment_report import assessment_blocks
from remediation.render.blocks import (
    Block,
    Code,
    Heading,
    Inline,
    Line,
    ListBlock,
    ListItem,
    Mark,
    Paragraph,
    StreamedList,
    Strong,
    Table,
    Text,
    WrittenList,
    WrittenTable,
)
from remediation.render.context import checked_evaluation
from remediation.render.formatting import visible
from remediation.render.report import report_of

__all__ = ["escape_markdown", "render_markdown", "repr_markdown"]

_ALWAYS = str.maketrans({mark: f"\\{mark}" for mark in "\\`*[]<|$~"})
# Whatever any of the escapes below may change: white space but single spaces included.
_TO_ESCAPE = re.compile(r"[\\`*\[\]<|$~_&]|[^\S ]|  ")
_ESCAPED = re.compile(r"[\\`*\[\]<|$~]")
_SPACE = re.compile(r"\s+")
_MAY_START = frozenset("#>+=-")  # or a digit
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(?:([#>+=-])|(\d+)([.)]))")


def escape_markdown(text: str, *, line_start: bool = True) -> str:
    """*text* as Markdown that shows exactly *text*, on one line.

    Runs of white space, line breaks included, become one space. Where the
    text does not start a line (*line_start* false), a leading ``#``, ``-`` or
    ``1.`` cannot start a heading or a list, and is left alone.

    Examples:
        >>> print(escape_markdown("<b>$5</b> | *x*"))
        \\<b>\\$5\\</b> \\| \\*x\\*
        >>> print(escape_markdown("# not a heading"))
        \\# not a heading
    """
    escaped = _inside_line(text)
    first = escaped[:1]
    if not line_start or not (first in _MAY_START or first.isdecimal()):
        return escaped
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


def _inside_line(text: str) -> str:
    """:func:`escape_markdown` of text that does not start a line."""
    # One pass per kind of escape, each only where its character occurs: the report
    # escapes every piece of text it shows, hundreds of thousands in a large plan.
    if not _TO_ESCAPE.search(text):
        return text
    escaped = text
    if not text.isprintable() or "  " in text:
        escaped = _SPACE.sub(" ", escaped)
    if _ESCAPED.search(escaped):
        escaped = escaped.translate(_ALWAYS)
    if "_" in escaped:
        escaped = _UNDERSCORE.sub(r"\\_", escaped)
    if "&" in escaped:
        escaped = _ENTITY.sub(r"\\&", escaped)
    return escaped


def _code(text: str, *, in_table: bool) -> str:
    flat = " ".join(text.split())
    if not flat:
        return ""
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0) if "`" in flat else 0
    fence = "`" * (longest + 1)
    padded = f" {flat} " if flat.startswith("`") or flat.endswith("`") else flat
    body = f"{fence}{padded}{fence}"
    return body.replace("|", "\\|") if in_table else body


def _inline(parts: Iterable[Inline], *, in_table: bool = False, first: bool = False) -> str:
    """Inlines as Markdown; *first*: they start a line where a block could start."""
    # Called for every line of a report: plain text, the most common, is tested first.
    out: list[str] = []
    for part in parts:
        if isinstance(part, (Text, Mark)):
            out.append(escape_markdown(part.text) if first else _inside_line(part.text))
        elif isinstance(part, Code):
            out.append(_code(part.text, in_table=in_table))
        else:
            fence = "**" if isinstance(part, Strong) else "*"
            out.append(_fenced(_inline(part.parts, in_table=in_table), fence))
        first = False
    return "".join(out)


def _fenced(inner: str, fence: str) -> str:
    """Inlines written as *inner*, emphasized by *fence*: white space stays outside."""
    core = inner.strip()
    if not core:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{fence}{core}{fence}{trail}"


class _CellWriter:
    """Inlines in a Markdown table cell, for :class:`WrittenTable` rows; its ``lines``
    write them outside a table (code keeps its ``|``), for :class:`WrittenList` entries."""

    def __init__(self, *, in_table: bool = True) -> None:
        self.memo: dict[Hashable, str] = {}
        self.in_table = in_table
        self.lines = _CellWriter(in_table=False) if in_table else self

    text = staticmethod(_inside_line)

    def code(self, text: str) -> str:
        return _code(text, in_table=self.in_table)

    def mark(self, mark: Mark) -> str:
        return escape_markdown(mark.text, line_start=False)

    def strong(self, written: str) -> str:
        return _fenced(written, "**")

    def line(self, parts: Line) -> str:
        return _inline(parts, in_table=self.in_table)


def _indent(text: str, width: int) -> str:
    pad = " " * width
    return "\n".join(pad + row if row else row for row in text.split("\n"))


def _blocks(blocks: Iterable[Block]) -> str:
    writer = _CellWriter()  # one a document, so that its tables share what they write
    return "\n\n".join(_block(block, writer) for block in blocks)


def _block(block: Block, writer: _CellWriter) -> str:
    match block:
        case Heading():
            return "#" * block.level + " " + _inline(block.parts)
        case Paragraph():
            return _inline(block.parts, first=True)
        case ListBlock():
            return _list(block.items, block.ordered, writer)
        case StreamedList():
            return _list(block.entries(), block.ordered, writer)
        case Table():
            return _table(block)
        case WrittenTable():
            return _written_table(block, writer)
        case WrittenList():
            return _written_list(block, writer.lines)


def _list(items: Iterable[ListItem], ordered: bool, writer: _CellWriter) -> str:  # noqa: FBT001
    rows: list[str] = []
    for number, item in enumerate(items, start=1):
        marker = f"{number}." if ordered else "-"
        if item.checked is not None:
            marker += " [x]" if item.checked else " [ ]"
        width = len(marker.split(" ")[0]) + 1
        rows.append(f"{marker} {_inline(item.parts, first=True)}".rstrip())
        if item.children:
            nested = "\n".join(_block(child, writer) for child in item.children)
            rows.append(_indent(nested, width))
    return "\n".join(rows)


def _written_list(block: WrittenList, writer: _CellWriter) -> str:
    rows: list[str] = []
    for number, (text, children) in enumerate(block.entries.written(writer), start=1):
        marker = f"{number}." if block.ordered else "-"
        rows.append(f"{marker} {text}".rstrip())
        if children:
            nested = "\n".join(f"- {_inline(child, first=True)}".rstrip() for child in children)
            rows.append(_indent(nested, len(marker) + 1))
    return "\n".join(rows)


def _table(table: Table) -> str:
    def row(cells: Iterable[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    lines = [
        row(_inline(cell, in_table=True) for cell in table.header),
        row("---" for _ in table.header),
    ]
    lines.extend(row(_inline(cell, in_table=True) for cell in r) for r in table.rows)
    return "\n".join(lines)


def _written_table(table: WrittenTable, writer: _CellWriter) -> str:
    header = [_inline(cell, in_table=True) for cell in table.header]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines.extend("| " + " | ".join(cells) + " |" for cells in table.rows.written(writer))
    return "\n".join(lines)


def render_markdown(assessment: Assessment, evaluation: Evaluation | None = None) -> str:
    """A Markdown report of *assessment* and its evaluation, in the shape of the document.

    The report holds the header and executive summary with the current-state
    metrics, the five whys with their evidence and root-cause coverage, a table
    of items for each phase with status marks and evidence, the gaps, the test
    runs, the next steps with their tasks, the projected schedule, the success
    criteria as checklists (baseline, target, current value), the derived
    recommendation with its reasons next to the document's own, the findings,
    the tracking checklist and the references. Status marks (✅ ⚠️ ❌) of phases,
    gaps and criteria are derived; the author's labels are shown next to them.

    Args:
        assessment: The assessment.
        evaluation: Its evaluation; by default it is evaluated as of its own date.

    Raises:
        InvalidValueError: *evaluation* is of another assessment.
        PlanValidationError: The assessment cannot be evaluated.

    Examples:
        >>> import remediation
        >>> report = remediation.render_markdown(remediation.examples.issue_1176())
        >>> print(report.splitlines()[0])
        # Issue #1176 - Status Assessment and Continuation Plan
        >>> "- [ ] **Unit test failures**: baseline 54%, target \\\\<10%" in report
        True
    """
    report = assessment_blocks(assessment, checked_evaluation(assessment, evaluation))
    return visible(_blocks(report) + "\n")


def repr_markdown(obj: object) -> str:
    """Markdown for Jupyter's ``_repr_markdown_`` of an assessment or an evaluation."""
    return visible(_blocks(report_of(obj)) + "\n")
