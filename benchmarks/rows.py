"""A row of the benchmark's tables, and the tables as Markdown.

A :class:`Row` is one operation and its baseline, each measured with the
collector on and off (:class:`benchmarks.harness.Measured`); :func:`table`
prints a line for each state, with the ratio and, on the collector-on line,
the target's verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.harness import Measured

__all__ = ["Row", "shown", "table"]


@dataclass
class Row:
    """One operation of the table, and its baseline, each measured with the collector on and off.

    Attributes:
        operation: What is measured.
        value: Its figure; a plain number for one that does not depend on the
            collector (a size), ``None`` where it is not measured.
        baseline: What it is compared with ("" for nothing).
        baseline_value: The baseline's figure, measured like *value*.
        target: The target, if one is judged on this row (collector on).
        met: Whether the target is met, or ``None`` where it is not judged.
        unit: ``"s"``, ``"MiB"``, or ``"x"`` for a factor.
        verdict: The figure the target is judged on, as shown ("" for none).
    """

    operation: str
    value: Measured | float | None
    baseline: str = ""
    baseline_value: Measured | None = None
    target: str = ""
    met: bool | None = None
    unit: str = "s"
    verdict: str = ""

    def ratio(self, *, collector_on: bool = True) -> float | None:
        """The value over the baseline's, with the collector on (or off)."""
        if not isinstance(self.value, Measured) or self.baseline_value is None:
            return None
        value, baseline = (
            (self.value.on, self.baseline_value.on)
            if collector_on
            else (self.value.off, self.baseline_value.off)
        )
        return value / baseline if baseline else None

    def judge(self, target: str, limit: float, *, of_ratio: bool = True) -> None:
        """Set the target: the collector-on ratio (or value) is at most *limit*."""
        if of_ratio:
            figure = self.ratio()
        else:
            figure = self.value.on if isinstance(self.value, Measured) else None
        self.target, self.met = target, figure is not None and figure <= limit
        self.verdict = (
            "-" if figure is None else (_ratio(figure) if of_ratio else shown(figure, self.unit))
        )

    def verdict_line(self) -> str:
        """The target, whether it is met, and the figure it is judged on."""
        met = "met" if self.met else "MISSED"
        return f"{self.operation.strip()}: {self.target}: {met} ({self.verdict})"


def shown(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "x":
        return f"{value:,.2f}x"
    if unit == "MiB":
        return f"{value:,.1f} MiB"
    if value < 1e-3:
        return f"{value * 1e6:,.0f} µs"
    if value < 1:
        return f"{value * 1e3:,.1f} ms"
    return f"{value:,.2f} s"


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:,.3g}x"


def table(title: str, rows: Sequence[Row]) -> str:
    """The rows as a Markdown table: a line with the collector on and one with it off."""
    lines = [
        f"**{title}**",
        "",
        "| operation | collector | remediation | baseline | baseline | ratio | target |",
        "| --- | --- | ---: | --- | ---: | ---: | --- |",
    ]
    for row in rows:
        if not isinstance(row.value, Measured):
            value = shown(row.value, row.unit)
            lines.append(f"| {row.operation} | - | {value} | {row.baseline} | - | - |  |")
            continue
        target = row.target
        if row.met is not None:
            target += " ✅ met" if row.met else " ❌ **missed**"
        base = row.baseline_value
        for state, value, baseline, collector_on in (
            ("on", row.value.on, None if base is None else base.on, True),
            ("off", row.value.off, None if base is None else base.off, False),
        ):
            lines.append(
                f"| {row.operation} | {state} | {shown(value, row.unit)} | {row.baseline} | "
                f"{shown(baseline, row.unit)} | {_ratio(row.ratio(collector_on=collector_on))} "
                f"| {target if collector_on else ''} |"
            )
    return "\n".join(lines)
