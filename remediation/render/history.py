"""An assessment's history: a table of its versions and a burn-up chart.

The table has a row a committed version: when, which commit, the
document's date, progress, items done and in scope, criteria met,
findings and the decision (a version that did not load shows its error).
The burn-up chart draws the scope (work items) and the work done over
time: with matplotlib (:func:`plot_burnup`), or as a Mermaid ``xychart``
inside the Markdown, which GitHub draws in a comment or a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from remediation.exceptions import MissingDependencyError
from remediation.io.history import HistoryPoint
from remediation.render.formatting import decision_words, percent

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["history_data", "history_markdown", "history_text", "plot_burnup", "save_burnup"]

_COLUMNS = (
    "committed",
    "commit",
    "date",
    "progress",
    "done",
    "criteria met",
    "findings",
    "decision",
)


def _row(point: HistoryPoint) -> tuple[str, ...]:
    when = point.revision.committed.strftime("%Y-%m-%d %H:%M")
    commit = point.revision.commit[:8]
    if point.error is not None:
        return (when, commit, "", "", "", "", "", f"not evaluated: {point.error}")
    return (
        when,
        commit,
        str(point.date) if point.date else "",
        percent(point.progress or 0.0),
        f"{point.done}/{point.items}",
        f"{point.criteria_met}/{point.criteria}",
        str(point.findings),
        decision_words(point.decision) if point.decision else "",
    )


def history_text(points: Sequence[HistoryPoint]) -> str:
    """The history as an aligned table, oldest version first."""
    rows = [_COLUMNS, *(_row(point) for point in points)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS) - 1)]
    lines = [
        "  ".join(
            [*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]]
        ).rstrip()
        for row in rows
    ]
    return "\n".join(lines) + "\n"


def _mermaid(points: Sequence[HistoryPoint]) -> list[str]:
    evaluated = [p for p in points if p.error is None]
    if not evaluated:
        return []
    labels = ", ".join(f'"{p.revision.committed.date().isoformat()}"' for p in evaluated)
    top = max(p.items or 0 for p in evaluated) or 1
    return [
        "```mermaid",
        "xychart-beta",
        '    title "Burn-up: work items in scope and closed"',
        f"    x-axis [{labels}]",
        f'    y-axis "work items" 0 --> {top}',
        f"    line [{', '.join(str(p.items) for p in evaluated)}]",
        f"    line [{', '.join(str(p.closed) for p in evaluated)}]",
        "```",
    ]


def history_markdown(points: Sequence[HistoryPoint]) -> str:
    """The history as a Markdown table and a Mermaid burn-up chart (scope and closed items)."""
    lines = [
        "| " + " | ".join(_COLUMNS) + " |",
        "|" + "---|" * len(_COLUMNS),
        *("| " + " | ".join(cell.replace("|", "\\|") for cell in _row(p)) + " |" for p in points),
    ]
    chart = _mermaid(points)
    if chart:
        lines += ["", *chart]
    return "\n".join(lines) + "\n"


def history_data(points: Sequence[HistoryPoint]) -> list[dict[str, Any]]:
    """The history as JSON-ready rows, one a version."""
    return [
        {
            "commit": p.revision.commit,
            "committed": p.revision.committed.isoformat(),
            "subject": p.revision.subject,
            "path": p.revision.path,
            "date": str(p.date) if p.date else None,
            "progress": p.progress,
            "items": p.items,
            "done": p.done,
            "closed": p.closed,
            "criteria": p.criteria,
            "criteria_met": p.criteria_met,
            "findings": p.findings,
            "decision": p.decision.value if p.decision else None,
            "error": p.error,
        }
        for p in points
    ]


def plot_burnup(points: Sequence[HistoryPoint], *, ax: Axes | None = None) -> Axes:
    """A burn-up chart: work items in scope and closed, version by version, over time.

    Versions that did not load are left out (no figure is made up for them).

    Raises:
        MissingDependencyError: matplotlib is not installed.
    """
    if ax is None:
        ax = _figure("plot_burnup").add_subplot()
    evaluated = [p for p in points if p.error is None]
    times: Any = [p.revision.committed for p in evaluated]  # matplotlib converts datetimes

    def counts(name: str) -> list[int]:
        return [int(getattr(p, name)) for p in evaluated]

    ax.step(times, counts("items"), where="post", label="scope (work items)")
    ax.step(times, counts("closed"), where="post", label="closed")
    ax.step(times, counts("done"), where="post", label="done", linestyle="--")
    ax.set_ylim(bottom=0)
    ax.set_ylabel("work items")
    ax.set_title("Burn-up")
    ax.legend(loc="upper left")
    ax.figure.autofmt_xdate()
    return ax


def _figure(feature: str) -> Figure:
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415  (optional, and slow to import)
    except ImportError:
        raise MissingDependencyError(feature, "matplotlib", "charts") from None
    return Figure(figsize=(8, 4), layout="constrained")


def save_burnup(points: Sequence[HistoryPoint], file: str | Path) -> None:
    """Draw :func:`plot_burnup` to an image file; its suffix says the format (.png, .svg)."""
    figure = _figure("save_burnup")
    plot_burnup(points, ax=figure.add_subplot())
    figure.savefig(file)
