"""Measure remediation against its baselines, side by side in one run, and print a table.

Run from the repository root (``pip install -e '.[bench]'`` first)::

    python -m benchmarks                       # 1k, 10k and 100k items
    python -m benchmarks --sizes 1000,10000    # some sizes only

For each size it generates a synthetic assessment (:mod:`benchmarks.generate`)
and measures, each as the best of a few runs in this process:

* loading it from JSON and from YAML (parse, build the records, validate ids,
  references and cycles), beside pydantic v2 ``TypeAdapter.validate_json``
  and msgspec decoding into equivalent schemas (:mod:`benchmarks.baselines`);
* building and validating the plan graph of a new copy of the assessment;
* a full evaluation, beside one ``networkx.topological_sort`` of the work
  graph (every item and phase, an edge per dependency and from each phase to
  its items: the graph the evaluation orders);
* an incremental what-if: one open item resolved with ``with_status`` and the
  variant evaluated, its source's evaluation known (median over several
  items, each checked equal to a full evaluation);
* writing it as JSON, beside pydantic ``dump_json`` and msgspec;
* ``import remediation`` in a new interpreter, beside importing its four
  runtime dependencies;
* the peak memory of loading and evaluating, beside pydantic's and msgspec's loading.

Targets are checked on the largest size and the table says which are missed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import attrs
import networkx as nx

import remediation
from benchmarks.generate import document
from remediation.evaluation.engine import evaluate_in_full
from remediation.graph.cache import structure_of

__all__ = ["Row", "main", "measure"]

_SIZES = (1_000, 10_000, 100_000)


@dataclass
class Row:
    """One line of the table."""

    operation: str
    seconds: float | None
    baseline: str = ""
    baseline_seconds: float | None = None
    target: str = ""
    met: bool | None = None
    unit: str = "s"
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.seconds is None or not self.baseline_seconds:
            return None
        return self.seconds / self.baseline_seconds


def _best(action: Callable[[], Any], repeat: int) -> float:
    """The best of *repeat* timings of *action* (garbage collected before each)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def _peak(action: Callable[[], Any]) -> float:
    """The peak memory *action* allocates, in MiB (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    try:
        kept = action()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del kept
    return peak / 2**20


def _import_time(statement: str, repeat: int) -> float:
    """The best time of *statement* in a new interpreter, its bytecode compiled.

    An installed package has its modules compiled to bytecode (pip does it),
    but an editable checkout run with ``PYTHONDONTWRITEBYTECODE`` would compile
    every module from source on every import. So bytecode may be written, and
    one run that writes it comes before the timed ones.
    """
    code = (
        f"import time; start = time.perf_counter(); {statement}; print(time.perf_counter() - start)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def once() -> float:
        completed = subprocess.run(  # noqa: S603  (this interpreter, our own code)
            [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
        )
        return float(completed.stdout)

    once()
    return min(once() for _ in range(repeat))


def _work_graph(plan: remediation.Assessment) -> nx.DiGraph[str]:
    structure = structure_of(plan)
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(structure.order)
    graph.add_edges_from(
        (node, need) for node, needs in structure.requires.items() for need in needs
    )
    return graph


def _baselines() -> tuple[Any, Any, Any] | None:
    try:
        from benchmarks import baselines  # noqa: PLC0415  (pydantic and msgspec are optional)
    except ImportError:
        return None
    return baselines.pydantic_adapter(), baselines.msgspec_decoder(), baselines.msgspec_encoder()


def measure(  # noqa: PLR0915  (one row after another, as the table reads)
    items: int, *, repeat: int = 3, samples: int = 20, yaml: bool = True, targets: bool = True
) -> list[Row]:
    """Measure one size; every row with its baseline and ratio.

    With *targets*, the rows with a target say whether it is met (the issue sets
    them for the largest plan); the 1k evaluation target applies at 1k and below.
    """
    text = json.dumps(document(items), indent=2, ensure_ascii=False)
    rows: list[Row] = []
    baselines = _baselines()

    plan = remediation.loads(text)
    load = Row("load JSON", _best(lambda: remediation.loads(text), repeat))
    rows.append(load)
    if baselines is not None:
        adapter, decoder, encoder = baselines
        load.baseline, load.baseline_seconds = (
            "pydantic validate_json",
            _best(lambda: adapter.validate_json(text), repeat),
        )
        if targets:
            load.target, load.met = "<= 1.0x pydantic", load.seconds <= load.baseline_seconds
        rows.append(
            Row(
                "  (msgspec decode)",
                _best(lambda: decoder.decode(text), repeat),
                "pydantic validate_json",
                load.baseline_seconds,
            )
        )
    if not yaml:
        rows.append(Row("load YAML", None, "not measured at this size: see --yaml-max"))
    else:
        yaml_text = remediation.dumps(plan, "yaml")
        rows.append(
            Row(
                "load YAML",
                _best(lambda: remediation.loads(yaml_text, "yaml"), max(1, repeat - 1)),
                "load JSON",
                load.seconds,
            )
        )

    copies = [attrs.evolve(plan) for _ in range(repeat)]
    graph_row = Row(
        "build + validate graph", _best(lambda: remediation.build_graph(copies.pop()), repeat)
    )
    work = _work_graph(plan)
    sort = _best(lambda: list(nx.topological_sort(work)), repeat)
    graph_row.baseline, graph_row.baseline_seconds = "networkx topological_sort", sort
    rows.append(graph_row)

    full = Row(
        "full evaluation",
        _best(lambda: evaluate_in_full(plan), repeat),
        "networkx topological_sort",
        sort,
    )
    if targets:
        full.target, full.met = "<= 3x topological sort", full.ratio is not None and full.ratio <= 3
    rows.append(full)
    if items <= 1_000:
        full.target, full.met = "< 10 ms", full.seconds is not None and full.seconds < 0.010

    remediation.evaluate(plan)  # the source's evaluation is known, as in a notebook
    open_items = [item.id for item in plan.items if not item.status.is_closed]
    picked = random.Random(items).sample(open_items, min(samples, len(open_items)))  # noqa: S311
    timings = []
    for item_id in picked:
        gc.collect()
        start = time.perf_counter()
        variant = remediation.with_status(plan, item_id, "✅ RESOLVED")
        result = remediation.evaluate(variant)
        timings.append(time.perf_counter() - start)
        if len(timings) <= 2 or items <= 10_000:  # the measured result is the right one
            assert result == evaluate_in_full(variant), item_id  # noqa: S101
        # Let the variant go outside the timing: freeing it (and its evaluation's long
        # tuples) is not part of the next what-if.
        del variant, result
    if timings:
        what_if = Row(
            "what-if (median)", statistics.median(timings), "full evaluation", full.seconds
        )
        if targets:
            what_if.target = "<= 1% of full evaluation"
            what_if.met = what_if.ratio is not None and what_if.ratio <= 0.01
        rows.append(what_if)
        rows.append(Row("what-if (slowest)", max(timings), "full evaluation", full.seconds))

    dump = Row("dump JSON", _best(lambda: remediation.dumps(plan), repeat))
    rows.append(dump)
    if baselines is not None:
        model = adapter.validate_json(text)
        dump.baseline, dump.baseline_seconds = (
            "pydantic dump_json",
            _best(lambda: adapter.dump_json(model, indent=2, exclude_defaults=True), repeat),
        )
        struct = decoder.decode(text)
        rows.append(
            Row(
                "  (msgspec encode)",
                _best(lambda: encoder.encode(struct), repeat),
                "pydantic dump_json",
                dump.baseline_seconds,
            )
        )

    def load_and_evaluate() -> Any:
        loaded = remediation.loads(text)
        return loaded, evaluate_in_full(loaded)

    memory = Row("peak memory: load + evaluate", _peak(load_and_evaluate), unit="MiB")
    if baselines is not None:
        memory.baseline = "pydantic validate_json"
        memory.baseline_seconds = _peak(lambda: adapter.validate_json(text))
        rows.append(memory)
        rows.append(
            Row(
                "  (msgspec decode)",
                _peak(lambda: decoder.decode(text)),
                "pydantic validate_json",
                memory.baseline_seconds,
                unit="MiB",
            )
        )
    else:
        rows.append(memory)
    rows.append(Row("JSON text", len(text.encode()) / 2**20, unit="MiB"))
    return rows


def import_rows(repeat: int = 7) -> list[Row]:
    """``import remediation`` beside importing its four runtime dependencies.

    cattrs waits for the first read or write, so a second row compares with the
    three dependencies ``import remediation`` does import.
    """
    deps = _import_time("import attrs, cattrs, networkx, dateutil.relativedelta", repeat)
    imported = _import_time("import attrs, networkx, dateutil.relativedelta", repeat)
    seconds = _import_time("import remediation", repeat)
    own = Row(
        "import remediation",
        seconds,
        "import its 4 dependencies",
        deps,
        "<= 1.2x its dependencies",
    )
    own.met = own.ratio is not None and own.ratio <= 1.2
    return [own, Row("  (without cattrs)", seconds, "import the 3 it imports", imported)]


def _shown(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "MiB":
        return f"{value:,.1f} MiB"
    if value < 1e-3:
        return f"{value * 1e6:,.0f} µs"
    if value < 1:
        return f"{value * 1e3:,.1f} ms"
    return f"{value:,.2f} s"


def table(title: str, rows: Sequence[Row]) -> str:
    """The rows as a Markdown table."""
    lines = [
        f"**{title}**",
        "",
        "| operation | remediation | baseline | baseline | ratio | target |",
        "| --- | ---: | --- | ---: | ---: | --- |",
    ]
    for row in rows:
        ratio = "-" if row.ratio is None else f"{row.ratio:,.3g}x"
        target = row.target
        if row.met is not None:
            target += " ✅ met" if row.met else " ❌ **missed**"
        lines.append(
            f"| {row.operation} | {_shown(row.seconds, row.unit)} | {row.baseline} | "
            f"{_shown(row.baseline_seconds, row.unit)} | {ratio} | {target} |"
        )
    return "\n".join(lines)


def _say(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, _SIZES)),
        help="comma-separated numbers of work items (default: 1000,10000,100000)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best is kept)")
    parser.add_argument("--samples", type=int, default=20, help="what-if changes per size")
    parser.add_argument(
        "--yaml-max",
        type=int,
        default=10_000,
        help="largest size to load from YAML (PyYAML takes minutes at 100k items)",
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    if _baselines() is None:
        _say("pydantic or msgspec is missing: pip install -e '.[bench]'; baselines left out\n")
    _say(f"Python {sys.version.split()[0]}, {sys.platform}\n\n")
    _say(table("import", import_rows()) + "\n\n")
    for size in sizes:
        rows = measure(
            size,
            repeat=args.repeat,
            samples=args.samples,
            yaml=size <= args.yaml_max,
            targets=size == max(sizes),
        )
        _say(table(f"{size:,} work items", rows) + "\n\n")
    return 0
