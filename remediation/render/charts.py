"""Charts with matplotlib: progress per phase and the projected schedule.

matplotlib is optional (``pip install 'remediation[charts]'``) and imported
only when a chart is drawn. Charts are drawn on a new
:class:`matplotlib.figure.Figure` (not through ``pyplot``, so no global state
changes) or on the axes passed in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from remediation.evaluation.results import Evaluation
from remediation.exceptions import MissingDependencyError
from remediation.model.records import Assessment, NextStep, Phase
from remediation.render.context import checked_evaluation, phase_title
from remediation.render.formatting import percent
from remediation.render.marks import STATE_COLORS, phase_mark, progress_mark

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_progress", "plot_schedule"]


def _axes(ax: Axes | None, feature: str, rows: int) -> Axes:
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415  (optional, and slow to import)
    except ImportError:
        raise MissingDependencyError(feature, "matplotlib", "charts") from None
    if ax is not None:
        return ax
    figure = Figure(figsize=(8, 1 + 0.4 * max(rows, 1)), layout="constrained")
    new: Axes = figure.add_subplot()
    return new


def plot_progress(
    assessment: Assessment, evaluation: Evaluation | None = None, *, ax: Axes | None = None
) -> Axes:
    """A bar chart of derived progress per phase and group of next steps.

    Bars run from 0 to 100 %, colored by state (complete, under way, not
    started) and labeled with the share done and how many items are.

    Args:
        assessment: The assessment.
        evaluation: Its evaluation; by default it is evaluated as of its own date.
        ax: Axes to draw on; by default a new figure's (``ax.figure``).

    Returns:
        The axes drawn on.

    Raises:
        MissingDependencyError: matplotlib is not installed.
        InvalidValueError: *evaluation* is of another assessment.

    Examples:
        >>> import remediation
        >>> ax = remediation.plot_progress(remediation.examples.issue_1176())
        >>> [float(bar.get_width()) for bar in ax.patches]
        [87.5, 0.0, 0.0, 0.0, 0.0]
    """
    evaluation = checked_evaluation(assessment, evaluation)
    groups: tuple[Phase | NextStep, ...] = (*assessment.phases, *assessment.next_steps)
    axes = _axes(ax, "plot_progress", len(groups))
    results = [evaluation.phase(group.id) for group in groups]
    positions = list(range(len(groups)))
    widths = [100 * result.progress for result in results]
    colors = [STATE_COLORS[phase_mark(result).state][1] for result in results]
    bars = axes.barh(positions, widths, color=colors)
    axes.bar_label(
        bars,
        labels=[
            f" {percent(result.progress)} ({result.done}/{result.items} done)" for result in results
        ],
    )
    axes.set_yticks(positions, labels=[phase_title(group) for group in groups])
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel("progress (%)")
    axes.set_title(
        f"{assessment.issue or assessment.title}: progress as of "
        f"{evaluation.as_of.date().isoformat()}"
    )
    return axes


def plot_schedule(
    assessment: Assessment, evaluation: Evaluation | None = None, *, ax: Axes | None = None
) -> Axes:
    """A Gantt-style chart of the projected schedule of open work items.

    One bar per open item from its projected start to its projected finish,
    in document order, colored by state; items on the critical path get a
    thick black outline. A dashed line marks the evaluation date.

    Args:
        assessment: The assessment.
        evaluation: Its evaluation; by default it is evaluated as of its own date.
        ax: Axes to draw on; by default a new figure's (``ax.figure``).

    Returns:
        The axes drawn on.

    Raises:
        MissingDependencyError: matplotlib is not installed.
        InvalidValueError: *evaluation* is of another assessment.

    Examples:
        >>> import remediation
        >>> ax = remediation.plot_schedule(remediation.examples.issue_1176())
        >>> [label.get_text() for label in ax.get_yticklabels()][:2]
        ['SSOT Violations', 'Factory Pattern Conflicts']
    """
    evaluation = checked_evaluation(assessment, evaluation)
    schedule = evaluation.schedule
    scheduled = {work.id: work for work in schedule.items}
    items = [item for item in assessment.items if item.id in scheduled]
    axes = _axes(ax, "plot_schedule", len(items))
    from matplotlib import dates  # noqa: PLC0415  (imported by _axes already)

    critical = set(schedule.critical_path)
    for row, item in enumerate(items):
        work = scheduled[item.id]
        result = evaluation.item(item.id)
        state = progress_mark(result.progress, result.severity).state
        start: float = dates.date2num(work.start)  # type: ignore[no-untyped-call]
        length = dates.date2num(work.finish) - start  # type: ignore[no-untyped-call]
        options: dict[str, Any] = {"color": STATE_COLORS[state][1]}
        if item.id in critical:
            options |= {"edgecolor": "black", "linewidth": 2}
        axes.barh(row, length, left=start, **options)
    axes.set_yticks(range(len(items)), labels=[item.title for item in items])
    axes.invert_yaxis()
    as_of: float = dates.date2num(schedule.as_of)  # type: ignore[no-untyped-call]
    axes.axvline(as_of, color="grey", linestyle="--", linewidth=1)
    # matplotlib.dates is not annotated
    locator = dates.AutoDateLocator()  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(dates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    axes.set_title(
        f"{assessment.issue or assessment.title}: open work projected from "
        f"{schedule.as_of.date().isoformat()}"
    )
    return axes
