"""How each operation's time grows with the plan: the factor per tenfold, flagged above 13x.

Linear work takes ten times as long on a plan ten times larger; a little more
at 100k items, whose records no longer fit in the processor's caches. A
quadratic step takes a hundred times as long. :func:`growth_table` prints,
for each operation measured at every size of a run and for each step between
two sizes, the factor its time grew by, scaled to a tenfold step
(``(t2 / t1) ** (1 / log10(n2 / n1))``), with the collector on and off, and
flags a collector-on factor above :data:`LIMIT`.

Examples:
    >>> per_tenfold(1.0, 4.0, 1_000, 4_000)
    10.0
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

from benchmarks.harness import Measured
from benchmarks.rows import Row

__all__ = ["LIMIT", "flagged", "growth_table", "per_tenfold"]

LIMIT = 13.0
"""The largest factor per tenfold that passes for linear (10x, and the caches' share)."""


def per_tenfold(before: float, after: float, small: int, large: int) -> float:
    """The factor from *before* to *after*, scaled to a tenfold step from *small* to *large*."""
    return round((after / before) ** (1 / math.log10(large / small)), 6)


def _timed(rows: Sequence[Row]) -> dict[str, Measured]:
    """The timings of the operations (the indented rows are other views of one of them)."""
    return {
        row.operation: row.value
        for row in rows
        if isinstance(row.value, Measured) and row.unit == "s" and not row.operation.startswith(" ")
    }


def _factors(by_size: Mapping[int, Sequence[Row]]) -> dict[str, list[tuple[float, float] | None]]:
    sizes = sorted(by_size)
    timings = {size: _timed(by_size[size]) for size in sizes}
    operations = [name for name in timings[sizes[0]] if all(name in timings[s] for s in sizes)]
    factors: dict[str, list[tuple[float, float] | None]] = {}
    for name in operations:
        steps: list[tuple[float, float] | None] = []
        for small, large in itertools.pairwise(sizes):
            before, after = timings[small][name], timings[large][name]
            if min(before.on, before.off) <= 0:
                steps.append(None)
                continue
            steps.append(
                (
                    per_tenfold(before.on, after.on, small, large),
                    per_tenfold(before.off, after.off, small, large),
                )
            )
        factors[name] = steps
    return factors


def flagged(by_size: Mapping[int, Sequence[Row]]) -> list[str]:
    """The operations whose time grew more than :data:`LIMIT` per tenfold (collector on)."""
    return [
        name
        for name, steps in _factors(by_size).items()
        if any(step is not None and step[0] > LIMIT for step in steps)
    ]


def growth_table(by_size: Mapping[int, Sequence[Row]]) -> str:
    """The growth per tenfold of every operation measured at every size, as Markdown."""
    sizes = sorted(by_size)
    steps = [f"{small:,} → {large:,}" for small, large in itertools.pairwise(sizes)]
    lines = [
        f"**growth per tenfold (flagged above {LIMIT:g}x, collector on)**",
        "",
        "| operation | collector | " + " | ".join(steps) + " | verdict |",
        "| --- | --- | " + " | ".join("---:" for _ in steps) + " | --- |",
    ]
    for name, factors in _factors(by_size).items():
        over = any(step is not None and step[0] > LIMIT for step in factors)
        verdict = "❌ **above 13x**" if over else "✅ linear"
        for state, index in (("on", 0), ("off", 1)):
            cells = ["-" if step is None else f"{step[index]:,.1f}x" for step in factors]
            shown = verdict if index == 0 else ""
            lines.append(f"| {name} | {state} | " + " | ".join(cells) + f" | {shown} |")
    return "\n".join(lines)
