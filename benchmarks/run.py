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
* the peak memory of loading and evaluating, beside pydantic's and msgspec's loading;
* a portfolio: a directory of 1,000 generated assessments and one broken file,
  evaluated in one process and on every core (:mod:`benchmarks.portfolio`), with
  the speed-up.

Every figure is measured twice (:mod:`benchmarks.harness`): with Python's
cyclic garbage collector on, for both sides of a comparison, and with it off,
for both sides; the table has a line for each. Targets are judged on the
collector-on figures of the largest size, and the table says which are missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import attrs
import networkx as nx

import remediation
from benchmarks.evaluation import evaluate_in_full, what_if_timings, work_graph
from benchmarks.generate import document
from benchmarks.growth import flagged, growth_table
from benchmarks.harness import (
    MOST,
    SETTLE,
    Measured,
    best,
    each_collector_state,
    import_time,
    measured,
    peak,
)
from benchmarks.operations import diff_row, graph_rows, records_of, render_rows, yaml_dump_row
from benchmarks.portfolio import measure_portfolio
from benchmarks.rows import Row, table

__all__ = ["Row", "import_rows", "main", "measure", "portfolio_rows", "table"]

_SIZES = (1_000, 10_000, 100_000)


@dataclass(frozen=True)
class _Baselines:
    adapter: Any  # pydantic.TypeAdapter: validate_json, dump_json
    decoder: Any  # msgspec.json.Decoder
    encoder: Any  # msgspec.json.Encoder


def _baselines() -> _Baselines | None:
    try:
        from benchmarks import baselines  # noqa: PLC0415  (pydantic and msgspec are optional)
    except ImportError:
        return None
    return _Baselines(
        baselines.pydantic_adapter(), baselines.msgspec_decoder(), baselines.msgspec_encoder()
    )


def measure(  # noqa: PLR0915  (one row after another, as the table reads)
    items: int,
    *,
    repeat: int = 3,
    samples: int = 20,
    yaml: bool = True,
    targets: bool = True,
    settle: float = SETTLE,
) -> list[Row]:
    """Measure one size; every row with its baseline, with the collector on and off.

    With *targets*, the rows with a target say whether it is met (the issue sets
    them for the largest plan); the 1k evaluation target applies at 1k and below.
    """
    text = json.dumps(document(items), indent=2, ensure_ascii=False)
    rows: list[Row] = []
    baselines = _baselines()

    def timed(
        action: Callable[..., object],
        runs: int = repeat,
        *,
        fresh: Callable[[], object] | None = None,
    ) -> Measured:
        return measured(lambda: best(action, runs, settle=settle, fresh=fresh))

    plan = remediation.loads(text)
    loading = timed(lambda: remediation.loads(text))
    load = Row("load JSON", loading)
    rows.append(load)
    if baselines is not None:
        load.baseline = "pydantic validate_json"
        load.baseline_value = timed(lambda: baselines.adapter.validate_json(text))
        if targets:
            load.judge("<= 1.0x pydantic", 1.0)
        rows.append(
            Row(
                "  (msgspec decode)",
                timed(lambda: baselines.decoder.decode(text)),
                load.baseline,
                load.baseline_value,
            )
        )
    # Loading keeps the text only; the first question about a position reads it again.
    last = plan.items[-1].id if plan.items else plan.id
    rows.append(
        Row(
            "  (then the first source position)",
            timed(
                lambda loaded: remediation.position_of(loaded, last),
                fresh=lambda: remediation.loads(text),
            ),
            "load JSON",
            loading,
        )
    )
    if not yaml:
        rows.append(Row("load YAML", None, "not measured at this size: see --yaml-max"))
    else:
        yaml_text = remediation.dumps(plan, "yaml")
        yaml_load = Row(
            "load YAML", timed(lambda: remediation.loads(yaml_text, "yaml")), "load JSON", loading
        )
        if targets:
            yaml_load.judge("<= 1.5x load JSON", 1.5)
        rows.append(yaml_load)

    # A new copy for each timing, with the collector on and off: a graph is built once per plan.
    rows.extend(graph_rows(plan, timed, targets=targets))
    work = work_graph(plan)
    sort = timed(lambda: list(nx.topological_sort(work)))
    rows.append(
        Row(
            "  (build + validate graph)",
            timed(remediation.build_graph, fresh=lambda: attrs.evolve(plan)),
            "networkx topological_sort",
            sort,
        )
    )

    evaluation = timed(lambda: evaluate_in_full(plan))
    full = Row("full evaluation", evaluation, "networkx topological_sort", sort)
    if targets:
        full.judge("<= 3x topological sort", 3)
    if items <= 1_000:
        full.judge("< 10 ms", 0.010, of_ratio=False)
    rows.append(full)

    open_items = [item.id for item in plan.items if not item.status.is_closed]
    picked = random.Random(items).sample(open_items, min(samples, len(open_items)))  # noqa: S311
    checked = len(picked) if items <= 10_000 else 2  # the measured results are the right ones
    if picked:
        on, off = each_collector_state(lambda: what_if_timings(plan, picked, checked=checked))
        median = Measured(statistics.median(on), statistics.median(off))
        what_if = Row("what-if (median)", median, "full evaluation", evaluation)
        if targets:
            what_if.judge("<= 1% of full evaluation", 0.01)
        rows.append(what_if)
        slowest = Measured(max(on), max(off))
        rows.append(Row("what-if (slowest)", slowest, "full evaluation", evaluation))

    result = evaluate_in_full(plan)
    rows.extend(render_rows(plan, result, evaluation, timed, targets=targets))
    rows.append(diff_row(plan, evaluation, timed, item_id=picked[0] if picked else None))

    dumping = timed(lambda: remediation.dumps(plan))
    dump = Row("dump JSON", dumping)
    rows.append(dump)
    if baselines is not None:
        model = baselines.adapter.validate_json(text)
        dump.baseline = "pydantic dump_json"
        dump.baseline_value = timed(
            lambda: baselines.adapter.dump_json(model, indent=2, exclude_defaults=True)
        )
        if targets:
            dump.judge("<= 1.0x pydantic", 1.0)
        struct = baselines.decoder.decode(text)
        rows.append(
            Row(
                "  (msgspec encode)",
                timed(lambda: baselines.encoder.encode(struct)),
                dump.baseline,
                dump.baseline_value,
            )
        )
    if yaml:
        rows.append(yaml_dump_row(plan, dumping, timed, targets=targets))

    def load_and_evaluate() -> Any:
        loaded = remediation.loads(text)
        return loaded, evaluate_in_full(loaded)

    memory = Row(
        "peak memory: load + evaluate", measured(lambda: peak(load_and_evaluate)), unit="MiB"
    )
    rows.append(memory)
    if baselines is not None:
        memory.baseline = "pydantic validate_json"
        memory.baseline_value = measured(
            lambda: peak(lambda: baselines.adapter.validate_json(text))
        )
        if targets:
            memory.judge("<= 1.0x pydantic", 1.0)
        rows.append(
            Row(
                "  (msgspec decode)",
                measured(lambda: peak(lambda: baselines.decoder.decode(text))),
                memory.baseline,
                memory.baseline_value,
                unit="MiB",
            )
        )
    records = records_of(plan)
    if isinstance(memory.value, Measured) and records:
        per_million = Measured(memory.value.on * 1e6 / records, memory.value.off * 1e6 / records)
        rows.append(Row(f"  per million records ({records:,} here)", per_million, unit="MiB"))
    rows.append(Row("JSON text", len(text.encode()) / 2**20, unit="MiB"))
    return rows


def import_rows(repeat: int = 7) -> list[Row]:
    """``import remediation`` beside importing its four runtime dependencies.

    cattrs waits for the first read or write and networkx for the first graph,
    so a second row compares with the two dependencies ``import remediation``
    does import.
    """
    deps = measured(
        lambda: import_time("import attrs, cattrs, networkx, dateutil.relativedelta", repeat)
    )
    imported = measured(lambda: import_time("import attrs, dateutil.relativedelta", repeat))
    seconds = measured(lambda: import_time("import remediation", repeat))
    own = Row("import remediation", seconds, "import its 4 dependencies", deps)
    own.judge("<= 1.2x its dependencies", 1.2)
    return [
        own,
        Row("  (without cattrs, networkx)", seconds, "import the 2 it imports", imported),
    ]


def portfolio_rows(
    count: int = 1_000, *, items: int = 100, workers: int | None = None
) -> list[Row]:
    """A directory of *count* assessments (and a broken file): one process, every core, speed-up."""
    timings = measure_portfolio(count, items=items, workers=workers)
    one, many = timings.one, timings.many
    label = f"{timings.count:,} assessments of {timings.items} items"
    return [
        Row(f"evaluate a directory: {label}, 1 process", one),
        Row(f"  on {timings.processes} processes", many, "1 process", one),
        Row("  speed-up over 1 process (collector on)", one.on / many.on, unit="x"),
        Row("  speed-up over 1 process (collector off)", one.off / many.off, unit="x"),
    ]


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
        "--settle",
        type=float,
        default=SETTLE,
        help=f"a quick measurement is run again (up to {MOST} runs) until its runs took this "
        f"many seconds together (default: {SETTLE}; 0: --repeat runs only)",
    )
    parser.add_argument(
        "--portfolio",
        type=int,
        default=1_000,
        help="assessments in the portfolio benchmark, evaluated in 1 process and on every "
        "core (default: 1000; 0 leaves it out)",
    )
    parser.add_argument(
        "--portfolio-items",
        type=int,
        default=100,
        help="work items in each assessment of the portfolio (default: 100)",
    )
    parser.add_argument(
        "--yaml-max",
        type=int,
        default=100_000,
        help="largest size to read and write as YAML (default: 100000, every size)",
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    if _baselines() is None:
        _say("pydantic or msgspec is missing: pip install -e '.[bench]'; baselines left out\n")
    _say(f"Python {sys.version.split()[0]}, {sys.platform}, {os.cpu_count()} cores\n\n")
    verdicts = import_rows()
    _say(table("import", verdicts) + "\n\n")
    by_size: dict[int, list[Row]] = {}
    for size in sizes:
        rows = by_size[size] = measure(
            size,
            repeat=args.repeat,
            samples=args.samples,
            yaml=size <= args.yaml_max,
            targets=size == max(sizes),
            settle=args.settle,
        )
        verdicts += rows
        _say(table(f"{size:,} work items", rows) + "\n\n")
    if len(sizes) > 1:
        _say(growth_table(by_size) + "\n\n")
    if args.portfolio:
        rows = portfolio_rows(args.portfolio, items=args.portfolio_items)
        _say(table(f"portfolio of {args.portfolio:,} assessments", rows) + "\n\n")
    _say(_verdicts(verdicts, flagged(by_size) if len(sizes) > 1 else []) + "\n")
    return 0


def _verdicts(rows: Sequence[Row], above: Sequence[str]) -> str:
    """Every target of the run, met or missed, and the operations growing faster than linear."""
    lines = ["**targets (collector on)**", ""]
    lines += [f"- {row.verdict_line()}" for row in rows if row.met is not None]
    growth = ", ".join(above) if above else "none"
    lines.append(f"- growing more than 13x per tenfold: {growth}")
    return "\n".join(lines)
