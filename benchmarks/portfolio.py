"""A portfolio benchmark: a directory of generated assessments, one process against all cores.

:func:`write_portfolio` writes *count* synthetic assessments (JSON, each of a
few dozen work items, :func:`benchmarks.generate.document` with its own seed)
and one broken file into a directory; :func:`portfolio_rows` evaluates the
directory with :func:`remediation.evaluate_portfolio` in one process and on
every core, checks that both give the same table, that the broken file is
reported with its path and every other file evaluated, and returns both
timings (``benchmarks.run`` makes the table rows of them).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import remediation
from benchmarks.generate import document
from benchmarks.harness import Measured, best, measured

__all__ = ["PortfolioTimings", "measure_portfolio", "write_portfolio"]

BROKEN = "broken.yaml"


@dataclass(frozen=True)
class PortfolioTimings:
    """How long a portfolio took in one process and on several.

    Attributes:
        count: Assessments in it (the broken file besides).
        items: Work items in each.
        processes: The processes of the parallel run.
        one: One process.
        many: *processes* processes.
    """

    count: int
    items: int
    processes: int
    one: Measured
    many: Measured


def write_portfolio(directory: Path, count: int, items: int = 30) -> None:
    """*count* generated assessments (``plan-0000.json``, ...) and one broken file."""
    for seed in range(count):
        text = json.dumps(document(items, seed=seed), ensure_ascii=False)
        (directory / f"plan-{seed:04d}.json").write_text(text, encoding="utf-8")
    (directory / BROKEN).write_text("id: [this file is broken\n", encoding="utf-8")


def measure_portfolio(
    count: int = 1_000, *, items: int = 30, workers: int | None = None
) -> PortfolioTimings:
    """Evaluate a directory of *count* assessments in one process and on *workers* processes.

    Raises:
        AssertionError: The two tables differ, the broken file is not reported,
            or another file is not evaluated.
    """
    processes = workers or os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        write_portfolio(directory, count, items)
        tables: dict[int, remediation.Portfolio] = {}

        def timed(used: int) -> Measured:
            def once() -> None:
                tables[used] = remediation.evaluate_portfolio(directory, workers=used)

            return measured(lambda: best(once, 1, settle=0))

        one = timed(1)
        many = timed(processes)
    single, parallel = tables[1], tables[processes]
    if single != parallel:
        msg = "one process and many gave different tables"
        raise AssertionError(msg)
    reported = [Path(row.path).name for row in single.errors]
    if reported != [BROKEN] or len(single.evaluated) != count:
        msg = f"expected {BROKEN} reported and {count} evaluated, got {reported}"
        raise AssertionError(msg)
    return PortfolioTimings(count, items, processes, one, many)
