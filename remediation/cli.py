"""The ``remediation`` command line.

Exit codes: 0 success; 1 ``evaluate --check`` found the issue not closable;
2 bad input or usage (every problem printed on its own line, with its path).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from remediation._evaluation import evaluate
from remediation._formats import Format, dumps, loads
from remediation._records import Assessment, Decision
from remediation._rendering import render_summary
from remediation.exceptions import DocumentError, PlanValidationError, RemediationError

__all__ = ["main"]

EXIT_OK = 0
EXIT_NOT_CLOSABLE = 1
EXIT_INVALID = 2

_EPILOG = """\
examples:
  remediation evaluate                      evaluate the embedded example (issue #1176)
  remediation evaluate plan.yaml            evaluate a file of your own
  remediation evaluate plan.json --json     the evaluation as JSON, for other tools
  remediation evaluate - < plan.json        read standard input
  remediation evaluate plan.yaml --check    exit 1 unless the derived decision is close
  remediation validate plan.yaml            check a document, print nothing on success

exit codes: 0 success, 1 not closable (--check), 2 invalid input or usage
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="remediation",
        description="Evaluate remediation plans: derived status, schedule and recommendation.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    evaluate_cmd = commands.add_parser(
        "evaluate",
        help="evaluate an assessment and print the result",
        description="Evaluate an assessment (the embedded issue #1176 example without FILE).",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    evaluate_cmd.add_argument("file", nargs="?", metavar="FILE", help="JSON or YAML; - for stdin")
    evaluate_cmd.add_argument(
        "--as-of", metavar="DATE", help="evaluation date, ISO 8601 (default: the document's date)"
    )
    output = evaluate_cmd.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the evaluation as JSON")
    output.add_argument(
        "--format",
        choices=("text", "json", "yaml"),
        default=None,
        help="output format (default: text)",
    )
    evaluate_cmd.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when the derived decision is not close (for CI gates)",
    )
    _input_format(evaluate_cmd)
    validate_cmd = commands.add_parser(
        "validate",
        help="check a document; print every problem with its path",
        description="Check a document. Exit 0 when valid, 2 with every problem listed.",
    )
    validate_cmd.add_argument("file", metavar="FILE", help="JSON or YAML; - for stdin")
    _input_format(validate_cmd)
    return parser


def _input_format(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--input-format",
        choices=("json", "yaml"),
        default=None,
        help="format of FILE (default: from its suffix; standard input is sniffed)",
    )


def _read(file: str | None, input_format: Format | None) -> Assessment:
    if file is None:
        from remediation import examples  # noqa: PLC0415  (only when no file is given)

        return examples.issue_1176()
    if file == "-":
        text = sys.stdin.read()
        guessed: Format = "json" if text.lstrip().startswith(("{", "[")) else "yaml"
        return loads(text, input_format or guessed)
    path = Path(file)
    if input_format is None:
        suffix = path.suffix.lower()
        if suffix not in (".json", ".yaml", ".yml"):
            msg = f"{file}: cannot tell the format from the suffix; use --input-format"
            raise _UsageError(msg)
        input_format = "json" if suffix == ".json" else "yaml"
    return loads(path.read_bytes(), input_format)


class _UsageError(Exception):
    pass


def _report(error: BaseException, out: TextIO) -> None:
    if isinstance(error, PlanValidationError):
        out.write(f"error: {error.message}\n")
        for problem in error.errors:
            out.write(f"{problem.path}: {problem.detail} [{problem.code}]\n")
    elif isinstance(error, DocumentError):
        out.write(f"{error.path}: {error.detail} [{error.code}]\n")
    else:
        out.write(f"error: {error}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        assessment = _read(args.file, args.input_format)
        if args.command == "validate":
            return EXIT_OK
        result = evaluate(assessment, as_of=args.as_of)
    except (RemediationError, OSError, ValueError, _UsageError) as error:
        _report(error, sys.stderr)
        return EXIT_INVALID
    output_format: str = "json" if args.json else (args.format or "text")
    if output_format == "json":
        sys.stdout.write(dumps(result, "json"))
    elif output_format == "yaml":
        sys.stdout.write(dumps(result, "yaml"))
    else:
        sys.stdout.write(render_summary(assessment, result))
    if args.check and result.recommendation.decision is not Decision.CLOSE:
        return EXIT_NOT_CLOSABLE
    return EXIT_OK
