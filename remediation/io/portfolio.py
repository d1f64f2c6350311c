"""A portfolio: every assessment under a directory, evaluated in parallel, in one table.

:func:`evaluate_portfolio` finds the JSON and YAML files under a directory,
evaluates them on every core (one process a core, the files in chunks), and
returns a :class:`Portfolio`: a :class:`PortfolioRow` an assessment with the
figures that matter across many (open and overdue items, slips, unmet
criteria, open gaps, findings, the decision) and their totals. A file that
does not load or evaluate is a row with its path and error; the others are
evaluated all the same.

:func:`evaluate_file` evaluates one file and never raises for a bad
document: it is the function to hand to a cluster for portfolios larger
than one machine (Dask, Spark; see ``docs/portfolios.md``), and
:func:`evaluate_portfolio` takes any :class:`concurrent.futures.Executor`,
a Dask client's included.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from pathlib import Path

import attrs

from remediation.evaluation.results import CriterionState
from remediation.evaluator import evaluate
from remediation.exceptions import RemediationError
from remediation.io.formats import Format, load
from remediation.model.deadline import DateOrMoment
from remediation.model.policy import Policy
from remediation.model.records import Decision
from remediation.rules import Rule

__all__ = [
    "Portfolio",
    "PortfolioRow",
    "assessment_files",
    "evaluate_file",
    "evaluate_files",
    "evaluate_portfolio",
]

_SUFFIXES: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_COUNTS = (
    "items",
    "open_items",
    "overdue",
    "blocked",
    "slips",
    "unmet_criteria",
    "unmeasured_criteria",
    "open_gaps",
    "findings",
)


@attrs.frozen
class PortfolioRow:
    """One assessment of a portfolio, or the error that kept it out.

    Attributes:
        path: The file.
        assessment: Its id.
        issue: The issue it assesses.
        date: Its date.
        decision: The derived recommendation.
        progress: Overall progress, in [0, 1].
        items: Work items.
        open_items: Of them, not closed.
        overdue: Open items and phases past due.
        blocked: Open items waiting for something.
        slips: Open work projected to finish after it is due.
        unmet_criteria: Success criteria measured and not met.
        unmeasured_criteria: Success criteria without a current value.
        open_gaps: Gaps not closed.
        findings: Findings no suppression silences.
        error: Why the file was not evaluated; every figure is then ``None``.
    """

    path: str
    assessment: str | None = None
    issue: str | None = None
    date: DateOrMoment | None = None
    decision: Decision | None = None
    progress: float | None = None
    items: int | None = None
    open_items: int | None = None
    overdue: int | None = None
    blocked: int | None = None
    slips: int | None = None
    unmet_criteria: int | None = None
    unmeasured_criteria: int | None = None
    open_gaps: int | None = None
    findings: int | None = None
    error: str | None = None


@attrs.frozen
class Portfolio:
    """The rows of a portfolio, in path order, and their totals.

    Attributes:
        rows: One a file, evaluated or not.
    """

    rows: tuple[PortfolioRow, ...]

    @property
    def evaluated(self) -> tuple[PortfolioRow, ...]:
        """The rows of the files that were evaluated."""
        return tuple(row for row in self.rows if row.error is None)

    @property
    def errors(self) -> tuple[PortfolioRow, ...]:
        """The rows of the files that were not, with their errors."""
        return tuple(row for row in self.rows if row.error is not None)

    def total(self, column: str) -> int:
        """The sum of a count column (``"overdue"``, ``"slips"``, ...) over the evaluated rows."""
        if column not in _COUNTS:
            msg = f"{column!r}: expected one of the count columns {', '.join(_COUNTS)}"
            raise ValueError(msg)
        return sum(getattr(row, column) for row in self.evaluated)

    @property
    def totals(self) -> dict[str, int]:
        """Every count column summed over the evaluated rows."""
        return {column: self.total(column) for column in _COUNTS}


def assessment_files(directory: str | Path) -> tuple[Path, ...]:
    """The JSON and YAML files under *directory*, sorted, hidden directories left out.

    Raises:
        NotADirectoryError: *directory* is not a directory.
    """
    root = Path(directory)
    if not root.is_dir():
        msg = f"{root}: expected a directory of assessments"
        raise NotADirectoryError(msg)
    return tuple(
        sorted(
            path
            for path in root.rglob("*")
            if path.suffix.lower() in _SUFFIXES
            and path.is_file()
            and not any(part.startswith(".") for part in path.relative_to(root).parts)
        )
    )


def evaluate_file(
    path: str | Path,
    as_of: dt.date | dt.datetime | str | None = None,
    policy: Policy | None = None,
    rules: Sequence[Rule] = (),
) -> PortfolioRow:
    """One file's row: the assessment loaded and evaluated, or the error that stopped it.

    A bad file never raises: its row carries the error, so that one file does
    not stop a portfolio. Nothing else is caught (a bug stays a bug).
    """
    file = Path(path)
    try:
        assessment = load(file, _SUFFIXES.get(file.suffix.lower()))
        result = evaluate(assessment, as_of, policy=policy, rules=rules)
    except (RemediationError, OSError, ValueError) as error:
        return PortfolioRow(str(file), error=str(error) or type(error).__name__)
    late = sum(1 for work in (*result.schedule.items, *result.schedule.phases) if work.late)
    return PortfolioRow(
        path=str(file),
        assessment=assessment.id,
        issue=assessment.issue,
        date=assessment.date,
        decision=result.recommendation.decision,
        progress=result.progress,
        items=len(result.items),
        open_items=sum(1 for item in result.items if not item.closed),
        overdue=len(result.overdue),
        blocked=len(result.blocked),
        slips=late,
        unmet_criteria=sum(1 for c in result.criteria if c.state is CriterionState.UNMET),
        unmeasured_criteria=sum(1 for c in result.criteria if c.state is CriterionState.UNMEASURED),
        open_gaps=sum(1 for gap in result.gaps if not gap.closed),
        findings=len(result.active_findings),
    )


def evaluate_files(
    paths: Iterable[str | Path],
    as_of: dt.date | dt.datetime | str | None = None,
    policy: Policy | None = None,
    rules: Sequence[Rule] = (),
) -> list[PortfolioRow]:
    """:func:`evaluate_file` on each of *paths*, in this process (one chunk of a portfolio)."""
    return [evaluate_file(path, as_of, policy, rules) for path in paths]


def _chunks(paths: Sequence[Path], workers: int) -> list[tuple[Path, ...]]:
    """About four chunks a worker, at most 64 files each: even loads, little overhead."""
    size = max(1, min(64, len(paths) // (4 * workers) or 1))
    return [tuple(paths[start : start + size]) for start in range(0, len(paths), size)]


def evaluate_portfolio(
    directory: str | Path,
    *,
    as_of: dt.date | dt.datetime | str | None = None,
    policy: Policy | None = None,
    rules: Iterable[Rule] = (),
    workers: int | None = None,
    executor: Executor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Portfolio:
    """Evaluate every assessment under *directory*, in parallel, into one table.

    Args:
        directory: Where the JSON and YAML files are (subdirectories too;
            hidden ones left out).
        as_of: Evaluate every assessment as of this date; by default each as of its own.
        policy: A policy on top of each document's own.
        rules: Rules of one's own (they must pickle: module-level checks do).
        workers: How many processes; by default one a core. ``1`` evaluates
            in this process, without a pool.
        executor: Run the chunks on this executor instead (a
            :class:`~concurrent.futures.ProcessPoolExecutor` of one's own, or
            a Dask ``Client.get_executor()``); *workers* then only sizes the chunks.
        progress: Called as ``progress(done, total)`` after each chunk, in this process.

    Raises:
        NotADirectoryError: *directory* is not a directory.
        ValueError: *workers* is not a positive number.
    """
    if workers is not None and workers < 1:
        msg = f"workers: expected a positive number of processes, got {workers}"
        raise ValueError(msg)
    paths = assessment_files(directory)
    listed = tuple(rules)
    if not paths:
        return Portfolio(())
    count = workers if workers is not None else os.cpu_count() or 1
    if executor is None and count == 1:
        rows = []
        for index, path in enumerate(paths, 1):
            rows.append(evaluate_file(path, as_of, policy, listed))
            if progress is not None:
                progress(index, len(paths))
        return Portfolio(tuple(rows))
    chunks = _chunks(paths, count)

    def run_on(pool: Executor) -> Portfolio:
        rows = _run(
            pool, chunks, len(paths), as_of=as_of, policy=policy, rules=listed, progress=progress
        )
        return Portfolio(tuple(rows))

    if executor is not None:
        return run_on(executor)
    # spawn: new interpreters, never a fork of this process's threads; the pool is ours alone.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(count, len(chunks)), mp_context=context) as pool:
        return run_on(pool)


def _run(
    executor: Executor,
    chunks: Sequence[tuple[Path, ...]],
    total: int,
    *,
    as_of: dt.date | dt.datetime | str | None,
    policy: Policy | None,
    rules: tuple[Rule, ...],
    progress: Callable[[int, int], None] | None,
) -> list[PortfolioRow]:
    futures: dict[Future[list[PortfolioRow]], int] = {
        executor.submit(evaluate_files, chunk, as_of, policy, rules): index
        for index, chunk in enumerate(chunks)
    }
    results: list[list[PortfolioRow]] = [[] for _ in chunks]
    done = 0
    for future in as_completed(futures):
        rows = future.result()
        results[futures[future]] = rows
        done += len(rows)
        if progress is not None:
            progress(done, total)
    return [row for rows in results for row in rows]
