"""HTML for people and for Jupyter: reports and the ``_repr_html_`` of records.

The HTML is a fragment (no ``<html>`` or ``<body>``): one ``<div>`` with a
scoped style sheet, no script and no external resource. Every piece of the
user's text passes through :func:`html.escape`, so a title holding
``<script>`` shows as text and runs nothing.
"""

from __future__ import annotations

import html
from collections.abc import Hashable, Iterable

from remediation.evaluation.results import Evaluation
from remediation.model.records import Assessment
from remediation.render.assessment_report import assessment_blocks
from remediation.render.blocks import (
    Block,
    Code,
    Emphasis,
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

__all__ = ["render_html", "repr_html"]

_STYLE = """<style>
.remediation { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.4; }
.remediation h1 { font-size: 1.5em; } .remediation h2 { font-size: 1.25em; }
.remediation h3, .remediation h4 { font-size: 1.05em; }
.remediation table { border-collapse: collapse; margin: 0.5em 0; }
.remediation th, .remediation td { border: 1px solid #c8ccd0; padding: 0.25em 0.5em;
  text-align: left; vertical-align: top; }
.remediation th { background: #f3f4f6; }
.remediation ul.rm-checks { list-style: none; padding-left: 1.2em; }
.remediation .rm-box { font-family: monospace; margin-right: 0.3em; }
.remediation .rm-done { color: #1b7a2f; } .remediation .rm-partial { color: #9a6700; }
.remediation .rm-open { color: #b42318; } .remediation .rm-critical { color: #7a0d0d; }
.remediation .rm-closed { color: #57606a; } .remediation .rm-unknown { color: #57606a; }
.remediation .rm-info { color: #0b5cad; }
</style>"""


def _inline(parts: Iterable[Inline]) -> str:
    # Called for every line of a report: plain text, the most common, is tested first.
    out: list[str] = []
    for part in parts:
        if isinstance(part, Text):
            out.append(html.escape(part.text))
        elif isinstance(part, Strong):
            out.append(f"<strong>{_inline(part.parts)}</strong>")
        elif isinstance(part, Emphasis):
            out.append(f"<em>{_inline(part.parts)}</em>")
        elif isinstance(part, Code):
            out.append(f"<code>{html.escape(part.text)}</code>")
        else:
            out.append(_mark(part))
    return "".join(out)


def _mark(mark: Mark) -> str:
    state = html.escape(mark.state)
    return f'<span class="rm-mark rm-{state}" title="{state}">{html.escape(mark.text)}</span>'


class _CellWriter:
    """Inlines in an HTML table cell, for :class:`WrittenTable` rows."""

    def __init__(self) -> None:
        self.memo: dict[Hashable, str] = {}

    def text(self, text: str) -> str:
        return html.escape(text)

    def code(self, text: str) -> str:
        return f"<code>{html.escape(text)}</code>"

    def mark(self, mark: Mark) -> str:
        return _mark(mark)

    def strong(self, written: str) -> str:
        return f"<strong>{written}</strong>"

    def line(self, parts: Line) -> str:
        return _inline(parts)


def _block(block: Block, writer: _CellWriter) -> str:
    match block:
        case Heading():
            level = min(max(block.level, 1), 6)
            return f"<h{level}>{_inline(block.parts)}</h{level}>"
        case Paragraph():
            return f"<p>{_inline(block.parts)}</p>"
        case ListBlock():
            checks = any(item.checked is not None for item in block.items)
            return _list(block.items, block.ordered, checks, writer)
        case StreamedList():
            return _list(block.entries(), block.ordered, block.checks, writer)
        case Table():
            head = "".join(f"<th>{_inline(cell)}</th>" for cell in block.header)
            body = "".join(
                "<tr>" + "".join(f"<td>{_inline(cell)}</td>" for cell in row) + "</tr>"
                for row in block.rows
            )
            return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        case WrittenList():
            return _written_list(block, writer)
        case WrittenTable():
            head = "".join(f"<th>{_inline(cell)}</th>" for cell in block.header)
            body = "".join(
                "<tr><td>" + "</td><td>".join(cells) + "</td></tr>"
                for cells in block.rows.written(writer)
            )
            return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _list(
    items: Iterable[ListItem],
    ordered: bool,  # noqa: FBT001
    checks: bool,  # noqa: FBT001
    writer: _CellWriter,
) -> str:
    tag = "ol" if ordered else "ul"
    rows = []
    for item in items:
        box = ""
        if item.checked is not None:
            box = (
                '<span class="rm-box" title="checked">[x]</span> '
                if item.checked
                else '<span class="rm-box" title="not checked">[ ]</span> '
            )
        children = "".join(_block(child, writer) for child in item.children)
        rows.append(f"<li>{box}{_inline(item.parts)}{children}</li>")
    css = ' class="rm-checks"' if checks else ""
    return f"<{tag}{css}>{''.join(rows)}</{tag}>"


def _written_list(block: WrittenList, writer: _CellWriter) -> str:
    rows = []
    for text, children in block.entries.written(writer):
        lines = "".join(f"<li>{_inline(child)}</li>" for child in children)
        rows.append(f"<li>{text}<ul>{lines}</ul></li>" if children else f"<li>{text}</li>")
    tag = "ol" if block.ordered else "ul"
    return f"<{tag}>{''.join(rows)}</{tag}>"


def _document(blocks: Iterable[Block]) -> str:
    writer = _CellWriter()  # one a document, so that its tables share what they write
    body = "\n".join(_block(block, writer) for block in blocks)
    return visible(f'<div class="remediation">\n{_STYLE}\n{body}\n</div>\n')


def render_html(assessment: Assessment, evaluation: Evaluation | None = None) -> str:
    """The report of :func:`render_markdown` as an HTML fragment.

    One ``<div class="remediation">`` with a style sheet scoped to it, no
    script and nothing loaded from elsewhere; every piece of the user's text
    is escaped. Put it in a page, or show it in Jupyter (assessments do so
    themselves through ``_repr_html_``).

    Args:
        assessment: The assessment.
        evaluation: Its evaluation; by default it is evaluated as of its own date.

    Raises:
        InvalidValueError: *evaluation* is of another assessment.
        PlanValidationError: The assessment cannot be evaluated.

    Examples:
        >>> import remediation
        >>> page = remediation.render_html(remediation.examples.issue_1176())
        >>> page.startswith('<div class="remediation">')
        True
        >>> "<h3>" in page and "<script" not in page
        True
    """
    return _document(assessment_blocks(assessment, checked_evaluation(assessment, evaluation)))


def repr_html(obj: object) -> str:
    """HTML for Jupyter's ``_repr_html_``: see ``remediation.render.report.report_of``."""
    return _document(report_of(obj))
