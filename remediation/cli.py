"""The ``remediation`` command line.

Commands: ``evaluate``, ``validate``, ``render``, ``graph`` and ``schema``.
Each reads a file or standard input (``-``) and writes standard output or
``-o FILE`` (written atomically).

Exit codes: 0 success; 1 ``evaluate --check`` found the issue not closable
(*close with exceptions* counts as closable only with ``--accept-exceptions``);
2 bad input or usage (every problem printed on its own line, with its path).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from remediation.evaluation.results import Evaluation
from remediation.evaluator import evaluate
from remediation.exceptions import DocumentError, PlanValidationError, RemediationError
from remediation.io.formats import Format, dumps, load, loads
from remediation.io.schema import json_schema
from remediation.model.policy import Policy
from remediation.model.records import Assessment, Decision
from remediation.render.summary import render_summary
from remediation.rules import Rule, catalogue, plugin_rules

__all__ = ["main"]

EXIT_OK = 0
EXIT_NOT_CLOSABLE = 1
EXIT_INVALID = 2

_EPILOG = """\
examples:
  remediation evaluate                        evaluate the embedded example (issue #1176)
  remediation evaluate plan.yaml              evaluate a file of your own
  remediation evaluate plan.json --json       the evaluation as JSON, for other tools
  remediation evaluate - < plan.json          read standard input
  remediation evaluate plan.yaml --check      exit 1 unless the derived decision is close
  remediation evaluate plan.yaml --check --accept-exceptions   close with exceptions passes too
  remediation validate plan.yaml              check a document, print nothing on success
  remediation render plan.yaml -o report.md   a Markdown report (--format html for HTML)
  remediation graph plan.yaml                 a Mermaid flowchart (--kind gantt, --format dot)
  remediation schema > plan.schema.json       the JSON Schema, for editor completion
  remediation rules                           the rule catalogue (--json for tools)
  remediation evaluate plan.yaml --policy p.yaml   severities and suppressions of findings

exit codes: 0 success, 1 not closable (--check), 2 invalid input or usage
"""


class _UsageError(Exception):
    """The arguments do not fit together: reported like any other error, without a traceback."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="remediation",
        description="Evaluate remediation plans: derived status, schedule and recommendation.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=summary,
            description=description,
            epilog=_EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    evaluate_cmd = command(
        "evaluate",
        "evaluate an assessment and print the result",
        "Evaluate an assessment (the embedded issue #1176 example without FILE).",
    )
    _input(evaluate_cmd, optional=True)
    _as_of(evaluate_cmd)
    _rules_options(evaluate_cmd)
    output = evaluate_cmd.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the evaluation as JSON")
    output.add_argument(
        "--format",
        choices=("text", "json", "yaml", "markdown", "html"),
        default=None,
        help="output format (default: text, a summary for a person)",
    )
    evaluate_cmd.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when the derived decision is not close (for CI gates)",
    )
    evaluate_cmd.add_argument(
        "--accept-exceptions",
        action="store_true",
        help="with --check, exit 0 for close with exceptions too",
    )
    _output(evaluate_cmd)

    validate_cmd = command(
        "validate",
        "check a document; print every problem with its path",
        "Check a document. Exit 0 when valid, 2 with every problem listed.",
    )
    _input(validate_cmd, optional=False)
    validate_cmd.add_argument(
        "--strict",
        action="store_true",
        help="also refuse figures the document contradicts itself on (stated rates vs counts)",
    )

    render_cmd = command(
        "render",
        "a report of an assessment and its evaluation",
        "Render a report in the shape of a status assessment: Markdown, HTML or text.",
    )
    _input(render_cmd, optional=True)
    _as_of(render_cmd)
    _rules_options(render_cmd)
    render_cmd.add_argument(
        "--format",
        choices=("markdown", "html", "text"),
        default="markdown",
        help="report format (default: markdown)",
    )
    _output(render_cmd)

    graph_cmd = command(
        "graph",
        "a picture of the plan: flowchart or Gantt chart",
        "Draw the plan graph as a Mermaid flowchart (or Graphviz DOT), or the schedule "
        "as a Mermaid Gantt chart.",
    )
    _input(graph_cmd, optional=True)
    _as_of(graph_cmd)
    _rules_options(graph_cmd)
    graph_cmd.add_argument(
        "--kind",
        choices=("flowchart", "gantt"),
        default="flowchart",
        help="what to draw (default: flowchart)",
    )
    graph_cmd.add_argument(
        "--format",
        choices=("mermaid", "dot"),
        default="mermaid",
        help="diagram language (default: mermaid; dot draws the flowchart only)",
    )
    _output(graph_cmd)

    schema_cmd = command(
        "schema",
        "print the JSON Schema of the document format",
        "Print the JSON Schema (draft 2020-12) of assessment documents, for editors: "
        "save it and point YAML or JSON files at it (see docs/errors.md).",
    )
    schema_cmd.add_argument(
        "--kind",
        choices=("assessment", "evaluation"),
        default="assessment",
        help="which documents (default: assessment)",
    )
    _output(schema_cmd)

    rules_cmd = command(
        "rules",
        "list the rules that findings come from",
        "List the rule catalogue: every finding code with its default severity and title; "
        "--json adds what each rule checks, why, and its examples.",
    )
    shown = rules_cmd.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true", help="the catalogue as JSON")
    shown.add_argument(
        "--markdown", action="store_true", help="the catalogue as Markdown (docs/findings.md)"
    )
    rules_cmd.add_argument(
        "--no-plugins",
        action="store_true",
        help="leave out the rules of installed packages (entry points remediation.rules)",
    )
    _output(rules_cmd)
    return parser


def _rules_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--policy",
        metavar="FILE",
        help="a policy document (JSON or YAML, kind: policy): severities, disabled rules, "
        "suppressions; on top of the document's own",
    )
    command.add_argument(
        "--no-plugins",
        action="store_true",
        help="leave out the rules of installed packages (entry points remediation.rules)",
    )


def _input(command: argparse.ArgumentParser, *, optional: bool) -> None:
    if optional:
        command.add_argument(
            "file",
            nargs="?",
            metavar="FILE",
            help="JSON or YAML; - for standard input (default: the embedded example)",
        )
    else:
        command.add_argument("file", metavar="FILE", help="JSON or YAML; - for standard input")
    command.add_argument(
        "--input-format",
        choices=("json", "yaml"),
        default=None,
        help="format of FILE (default: from its suffix; standard input is sniffed)",
    )
    command.add_argument(
        "--lenient",
        action="store_true",
        help="drop references to missing ids (or records of the wrong kind) and report each"
        " as an error finding, instead of refusing the document",
    )


def _as_of(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--as-of", metavar="DATE", help="evaluation date, ISO 8601 (default: the document's date)"
    )


def _output(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )


def _read(
    file: str | None,
    input_format: Format | None,
    *,
    strict: bool = False,
    lenient: bool = False,
) -> Assessment:
    if file is None:
        from remediation import examples  # noqa: PLC0415  (only when no file is given)

        return examples.issue_1176()
    if file == "-":
        text = sys.stdin.read()
        guessed: Format = "json" if text.lstrip().startswith(("{", "[")) else "yaml"
        return loads(text, input_format or guessed, strict=strict, lenient=lenient)
    path = Path(file)
    if input_format is None:
        suffix = path.suffix.lower()
        if suffix not in (".json", ".yaml", ".yml"):
            msg = f"{file}: cannot tell the format from the suffix; use --input-format"
            raise _UsageError(msg)
        input_format = "json" if suffix == ".json" else "yaml"
    return load(path, input_format, strict=strict, lenient=lenient)


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    target = Path(output)
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _report(error: BaseException, out: TextIO) -> None:
    if isinstance(error, PlanValidationError):
        out.write(f"error: {error.message}\n")
        for problem in error.errors:
            out.write(f"{problem.path}: {problem.detail} [{problem.code}]\n")
    elif isinstance(error, DocumentError):
        out.write(f"{error.path}: {error.detail} [{error.code}]\n")
    else:
        out.write(f"error: {error}\n")


def _evaluation_text(assessment: Assessment, result: Evaluation, output_format: str) -> str:
    from remediation.render import html, markdown  # noqa: PLC0415  (loaded when asked for)

    renderers: dict[str, Callable[[], str]] = {
        "json": lambda: dumps(result, "json"),
        "yaml": lambda: dumps(result, "yaml"),
        "markdown": lambda: markdown.render_markdown(assessment, result),
        "html": lambda: html.render_html(assessment, result),
        "text": lambda: render_summary(assessment, result),
    }
    return renderers[output_format]()


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
    return load(file, kind=Policy)


def _rules_text(args: argparse.Namespace) -> str:
    from remediation.render import rules  # noqa: PLC0415  (loaded when asked for)

    listed = catalogue(_plugins(args))
    if args.json:
        return json.dumps([rules.rule_data(r) for r in listed], indent=2, ensure_ascii=False) + "\n"
    if args.markdown:
        return rules.catalogue_markdown(listed)
    return rules.catalogue_text(listed)


def _run(args: argparse.Namespace) -> int:
    if args.command == "schema":
        text = json.dumps(json_schema(args.kind), indent=2, ensure_ascii=False) + "\n"
        _write(text, args.output)
        return EXIT_OK
    if args.command == "rules":
        _write(_rules_text(args), args.output)
        return EXIT_OK
    assessment = _read(
        args.file,
        args.input_format,
        strict=getattr(args, "strict", False),
        lenient=getattr(args, "lenient", False),
    )
    if args.command == "validate":
        return EXIT_OK
    result = evaluate(
        assessment, as_of=args.as_of, policy=_policy(args.policy), rules=_plugins(args)
    )
    if args.command == "render":
        _write(_evaluation_text(assessment, result, args.format), args.output)
        return EXIT_OK
    if args.command == "graph":
        _write(_graph_text(assessment, result, args.kind, args.format), args.output)
        return EXIT_OK
    output_format = "json" if args.json else (args.format or "text")
    _write(_evaluation_text(assessment, result, output_format), args.output)
    closable = (
        (Decision.CLOSE, Decision.CLOSE_WITH_EXCEPTIONS)
        if args.accept_exceptions
        else (Decision.CLOSE,)
    )
    if args.check and result.recommendation.decision not in closable:
        return EXIT_NOT_CLOSABLE
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except (RemediationError, OSError, ValueError, _UsageError) as error:
        _report(error, sys.stderr)
        return EXIT_INVALID
