"""The ``remediation`` command line.

Commands: ``evaluate``, ``validate``, ``render``, ``graph``, ``schema``, ``rules``,
``diff``, ``history`` and ``import``.
Each reads a file or standard input (``-``) and writes standard output or
``-o FILE`` (written atomically).

Exit codes: 0 success; 1 ``evaluate --check`` found the issue not closable
(*close with exceptions* counts as closable only with ``--accept-exceptions``);
2 bad input or usage (problems printed one a line, with their paths); 3 an
internal error (a bug: one line saying so, the traceback with ``--debug``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TextIO

import attrs

from remediation.cli.options import SHOWN_ERRORS, parser
from remediation.evaluation.results import Evaluation, Finding
from remediation.evaluator import evaluate
from remediation.exceptions import (
    DocumentError,
    PlanValidationError,
    RemediationError,
    SourcePosition,
)
from remediation.io.formats import Format, dumps, load, loads
from remediation.io.limits import Limits, read_limited
from remediation.io.output import write_text
from remediation.io.positions import finding_position, position_of
from remediation.io.scalar_hooks import parse_datetime
from remediation.io.schema import json_schema
from remediation.model.policy import Policy
from remediation.model.records import Assessment, Decision
from remediation.render.formatting import visible
from remediation.render.summary import render_summary
from remediation.rules import Rule, catalogue, plugin_rules

__all__ = ["SHOWN_ERRORS", "main"]

EXIT_OK = 0
EXIT_NOT_CLOSABLE = 1
EXIT_INVALID = 2
EXIT_INTERNAL = 3
EXIT_TERMINATED = 128 + signal.SIGTERM
EXIT_INTERRUPTED = 128 + signal.SIGINT

_SUFFIXES: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


class _UsageError(Exception):
    """The arguments do not fit together: reported like any other error, without a traceback."""


def _limits(given: list[str]) -> Limits:
    names = [a.name for a in attrs.fields(Limits)]
    values: dict[str, int] = {}
    for setting in given:
        name, _, number = setting.partition("=")
        if name not in names or not number.isascii() or not number.isdigit():
            msg = f"--limit {setting}: expected NAME=N with NAME one of {', '.join(names)}"
            raise _UsageError(msg)
        values[name] = int(number)
    return Limits(**values)


def _read(args: argparse.Namespace) -> Assessment:
    file: str | None = args.file
    input_format: Format | None = args.input_format
    strict: bool = getattr(args, "strict", False)
    lenient: bool = getattr(args, "lenient", False)
    limits = _limits(args.limit)
    if file is None:
        from remediation import examples  # noqa: PLC0415  (only when no file is given)

        return examples.issue_1176()
    if file == "-":
        data: str | bytes = read_limited(getattr(sys.stdin, "buffer", sys.stdin), limits.max_bytes)
        start = data.lstrip()[:1]
        guessed: Format = "json" if start in ("{", "[", b"{", b"[") else "yaml"
        return loads(data, input_format or guessed, limits=limits, strict=strict, lenient=lenient)
    return load(file, _format_of(file, input_format), limits=limits, strict=strict, lenient=lenient)


def _format_of(file: str, given: Format | None) -> Format:
    if given is not None:
        return given
    suffix = Path(file).suffix.lower()
    if suffix not in (".json", ".yaml", ".yml"):
        msg = f"{file}: cannot tell the format from the suffix; use --input-format"
        raise _UsageError(msg)
    return "json" if suffix == ".json" else "yaml"


def _write(text: str, args: argparse.Namespace) -> None:
    write_text(text, args.output or "-", force=args.force)


def _as_of_moment(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return parse_datetime(value)
    except ValueError as error:
        msg = f"--as-of: {error}"
        raise _UsageError(msg) from None


def _report(error: BaseException, out: TextIO, *, shown: int | None) -> None:
    """Each problem on its own line, its control characters made visible; at most *shown*."""
    lines: list[str] = []
    if isinstance(error, PlanValidationError):
        lines.append(f"error: {error.message}")
        problems = error.errors if shown is None else error.errors[:shown]
        lines.extend(_problem_line(p) for p in problems)
        if len(problems) < len(error.errors):
            rest = len(error.errors) - len(problems)
            lines.append(
                f"... and {rest} more problem{'s' if rest > 1 else ''} "
                f"({len(error.errors)} in all); --all-errors prints every one"
            )
    elif isinstance(error, DocumentError):
        lines.append(_problem_line(error))
    else:
        lines.append(f"error: {error}")
    out.writelines(visible(" ".join(line.split("\n"))) + "\n" for line in lines)


def _problem_line(problem: DocumentError) -> str:
    """Where the problem is written (``file:line:col: code: path: detail``), if known."""
    if problem.position is None:
        return f"{problem.path}: {problem.detail} [{problem.code}]"
    return f"{problem.position}: {problem.code}: {problem.path}: {problem.detail}"


def _evaluation_text(
    assessment: Assessment, result: Evaluation, output_format: str, *, located: bool = False
) -> str:
    """The evaluation in *output_format*; *located*: findings of the text at their lines."""
    from remediation.render import html, markdown  # noqa: PLC0415  (loaded when asked for)

    renderers: dict[str, Callable[[], str]] = {
        "json": lambda: dumps(result, "json"),
        "yaml": lambda: dumps(result, "yaml"),
        "markdown": lambda: markdown.render_markdown(assessment, result),
        "comment": lambda: _comment_text(assessment, result),
        "html": lambda: html.render_html(assessment, result),
        "text": lambda: render_summary(
            assessment, result, locate=_finding_locator(assessment) if located else None
        ),
    }
    return renderers[output_format]()


def _comment_text(assessment: Assessment, result: Evaluation) -> str:
    from remediation.render.comment import render_comment  # noqa: PLC0415  (when asked for)

    return render_comment(assessment, result)


def _import_text(args: argparse.Namespace) -> str:
    from remediation.cli.importing import import_text  # noqa: PLC0415  (when asked for)

    date = None
    if getattr(args, "date", None) is not None:
        try:
            date = dt.date.fromisoformat(args.date)
        except ValueError:
            msg = f"--date {args.date}: expected a date, YYYY-MM-DD"
            raise _UsageError(msg) from None
    return import_text(args, _limits(args.limit), date)


def _sarif_text(args: argparse.Namespace, assessment: Assessment, result: Evaluation) -> str:
    from remediation.render.sarif import render_sarif  # noqa: PLC0415  (loaded when asked for)

    artifact = None
    if args.file not in (None, "-"):
        path = Path(args.file)
        artifact = path.resolve().as_uri() if path.is_absolute() else path.as_posix()
    baseline = None
    if args.baseline is not None:
        try:
            baseline = json.loads(Path(args.baseline).read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            msg = f"{args.baseline}: expected a SARIF file (JSON): {error}"
            raise _UsageError(msg) from error

    def locate(record_id: str) -> tuple[int, int] | None:
        where = position_of(assessment, record_id)
        return (where.line, where.column) if where is not None else None

    return render_sarif(
        result,
        assessment=assessment,
        rules=_plugins(args),
        artifact=artifact,
        baseline=baseline,
        locate=locate,
    )


def _finding_locator(assessment: Assessment) -> Callable[[Finding], SourcePosition | None]:
    def locate(finding: Finding) -> SourcePosition | None:
        return finding_position(assessment, finding)

    return locate


def _graph_text(assessment: Assessment, result: Evaluation, kind: str, language: str) -> str:
    from remediation.render import diagrams  # noqa: PLC0415  (loaded when asked for)

    if kind == "gantt":
        if language != "mermaid":
            msg = "the Gantt chart is drawn in Mermaid only; leave out --format dot"
            raise _UsageError(msg)
        return diagrams.mermaid_gantt(assessment, result)
    if language == "dot":
        return diagrams.to_dot(assessment, result)
    return diagrams.mermaid_flowchart(assessment, result)


def _plugins(args: argparse.Namespace) -> tuple[Rule, ...]:
    return () if args.no_plugins else plugin_rules()


def _policy(file: str | None) -> Policy | None:
    if file is None:
        return None
    if file == "-":
        msg = "--policy -: the policy is read from a file; standard input holds the document"
        raise _UsageError(msg)
    suffix = Path(file).suffix.lower()
    if suffix not in (".json", ".yaml", ".yml"):
        msg = f"--policy {file}: cannot tell the format from the suffix; use .json, .yaml or .yml"
        raise _UsageError(msg)
    return load(file, kind=Policy)


def _rules_text(args: argparse.Namespace) -> str:
    from remediation.render import rules  # noqa: PLC0415  (loaded when asked for)

    listed = catalogue(_plugins(args))
    if args.json:
        return json.dumps([rules.rule_data(r) for r in listed], indent=2, ensure_ascii=False) + "\n"
    if args.markdown:
        return rules.catalogue_markdown(listed)
    return rules.catalogue_text(listed)


def _version(operand: str, args: argparse.Namespace) -> Assessment:
    """A file, or ``REV:PATH``: the file at a git revision."""
    input_format: Format | None = args.input_format
    if operand == "-" or Path(operand).exists() or ":" not in operand:
        return _read(
            argparse.Namespace(
                file=operand, input_format=input_format, limit=getattr(args, "limit", [])
            )
        )
    from remediation.io.git import read_revision  # noqa: PLC0415  (loaded when asked for)

    revision, _, file = operand.partition(":")
    suffix = Path(file).suffix.lower()
    chosen: Format | None = input_format or _SUFFIXES.get(suffix)
    if chosen is None:
        msg = f"{operand}: cannot tell the format from the suffix; use --input-format"
        raise _UsageError(msg)
    return loads(read_revision(file, revision), chosen)


def _diff_text(args: argparse.Namespace) -> str:
    from remediation.evaluator.comparison import diff  # noqa: PLC0415  (loaded when asked for)
    from remediation.render import diff as shown  # noqa: PLC0415

    changes = diff(
        _version(args.old, args),
        _version(args.new, args),
        as_of=args.as_of,
        policy=_policy(args.policy),
        rules=_plugins(args),
    )
    if args.format == "json":
        return json.dumps(shown.diff_data(changes), indent=2, ensure_ascii=False) + "\n"
    return shown.diff_markdown(changes) if args.format == "markdown" else shown.diff_text(changes)


def _history_text(args: argparse.Namespace) -> str:
    from remediation.io.history import history  # noqa: PLC0415  (loaded when asked for)
    from remediation.render import history as shown  # noqa: PLC0415

    points = history(
        args.file,
        format=args.input_format,
        as_of=args.as_of,
        policy=_policy(args.policy),
        rules=_plugins(args),
    )
    if args.chart is not None:
        shown.save_burnup(points, args.chart)
    if args.format == "json":
        return json.dumps(shown.history_data(points), indent=2, ensure_ascii=False) + "\n"
    if args.format == "markdown":
        return shown.history_markdown(points)
    return shown.history_text(points)


def _portfolio(args: argparse.Namespace) -> int:
    from remediation.io.portfolio import evaluate_portfolio  # noqa: PLC0415  (when asked for)
    from remediation.render import portfolio as shown  # noqa: PLC0415

    output_format = "json" if args.json else (args.format or "text")
    if output_format not in ("text", "markdown", "json") or args.baseline is not None:
        msg = "a directory is evaluated into a table: use --format text, markdown or json"
        raise _UsageError(msg)

    def bar(done: int, total: int) -> None:
        filled = 30 * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        sys.stderr.write("\n" if done == total else "")
        sys.stderr.flush()

    portfolio = evaluate_portfolio(
        args.file,
        as_of=args.as_of,
        policy=_policy(args.policy),
        rules=_plugins(args),
        workers=args.workers,
        progress=bar if sys.stderr.isatty() else None,
    )
    if output_format == "json":
        records = shown.portfolio_records(portfolio, total=True)
        text = json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    else:
        text = (shown.portfolio_markdown if output_format == "markdown" else shown.portfolio_text)(
            portfolio
        )
    _write(text, args)
    for row in portfolio.errors:
        sys.stderr.write(f"{row.path}: {row.error}\n")
    if portfolio.errors:
        return EXIT_INVALID
    closable = all(row.decision is Decision.CLOSE for row in portfolio.rows)
    return EXIT_NOT_CLOSABLE if args.check and not closable else EXIT_OK


def _run(args: argparse.Namespace) -> int:
    if args.command == "evaluate" and args.file not in (None, "-") and Path(args.file).is_dir():
        return _portfolio(args)
    if args.command in ("diff", "history"):
        text = _diff_text(args) if args.command == "diff" else _history_text(args)
        _write(text, args)
        return EXIT_OK
    if args.command == "import":
        _write(_import_text(args), args)
        return EXIT_OK
    if args.command == "schema":
        text = json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False) + "\n"
        _write(text, args)
        return EXIT_OK
    if args.command == "rules":
        _write(_rules_text(args), args)
        return EXIT_OK
    assessment = _read(args)
    if args.command == "validate":
        return EXIT_OK
    as_of = _as_of_moment(args.as_of)
    result = evaluate(assessment, as_of=as_of, policy=_policy(args.policy), rules=_plugins(args))
    if args.command == "render":
        _write(_evaluation_text(assessment, result, args.format), args)
        return EXIT_OK
    if args.command == "graph":
        _write(_graph_text(assessment, result, args.kind, args.format), args)
        return EXIT_OK
    output_format = "json" if args.json else (args.format or "text")
    if output_format == "sarif":
        _write(_sarif_text(args, assessment, result), args)
    elif output_format == "oscal-poam":
        from remediation.io.oscal_export import to_oscal_poam  # noqa: PLC0415  (when asked for)

        try:
            poam = to_oscal_poam(assessment, result)
        except ValueError as error:  # nothing a POA&M can hold
            raise _UsageError(str(error)) from None
        _write(json.dumps(poam, indent=2, ensure_ascii=False) + "\n", args)
    elif args.baseline is not None:
        msg = "--baseline compares SARIF results; use it with --format sarif"
        raise _UsageError(msg)
    else:
        located = args.file is not None  # not the embedded example
        _write(_evaluation_text(assessment, result, output_format, located=located), args)
    closable = (
        (Decision.CLOSE, Decision.CLOSE_WITH_EXCEPTIONS)
        if args.accept_exceptions
        else (Decision.CLOSE,)
    )
    if args.check and result.recommendation.decision not in closable:
        return EXIT_NOT_CLOSABLE
    return EXIT_OK


class _Terminated(Exception):  # noqa: N818  (a signal, not an error of the input)
    """SIGTERM arrived: unwinding lets every ``finally`` (a temporary file's removal) run."""


@contextmanager
def _terminate_by_unwinding() -> Iterator[None]:
    """Turn SIGTERM into an exception for the duration of one command, then restore."""

    def terminate(_signal: int, _frame: FrameType | None) -> None:
        raise _Terminated

    try:
        previous = signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _report_bug(error: BaseException, out: TextIO) -> None:
    text = " ".join(str(error).split()) or "(no message)"
    out.write(
        f"remediation: internal error: {type(error).__name__}: {text[:300]}\n"
        "This is a bug in remediation; please report it with the command and its input "
        "(run again with --debug for the traceback).\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    0 success; 1 ``evaluate --check`` found the issue not closable; 2 bad input
    or usage; 3 an internal error (a bug), reported in one line unless
    ``--debug`` asks for the traceback.
    """
    args = parser().parse_args(argv)
    shown = None if getattr(args, "all_errors", False) else SHOWN_ERRORS
    with _terminate_by_unwinding():
        try:
            return _run(args)
        except (RemediationError, OSError, UnicodeError, _UsageError) as error:
            _report(error, sys.stderr, shown=shown)
            return EXIT_INVALID
        except _Terminated:
            return EXIT_TERMINATED
        except KeyboardInterrupt:
            sys.stderr.write("remediation: interrupted\n")
            return EXIT_INTERRUPTED
        except Exception as error:
            if args.debug:
                raise
            _report_bug(error, sys.stderr)
            return EXIT_INTERNAL
