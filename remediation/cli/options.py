"""The options of the ``remediation`` command line: its commands, their arguments and help."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from remediation.cli.importing import declare_import

__all__ = ["SHOWN_ERRORS", "parser"]

SHOWN_ERRORS = 20
"""How many problems of a document are printed without ``--all-errors``."""

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
  remediation evaluate plan.yaml --format sarif    findings for GitHub code scanning
  remediation evaluate plan.yaml --format oscal-poam   an OSCAL POA&M (JSON)
  remediation import oscal-poam poam.json -o plan.yaml an OSCAL POA&M as an assessment
  remediation evaluate plans/                     every assessment under a directory, one table
  remediation diff HEAD~1:plan.yaml plan.yaml      what changed (--format markdown for a PR)
  remediation history plan.yaml --chart burnup.png the versions in git, and a burn-up chart
  remediation evaluate plan.yaml --format comment  a short Markdown comment for an issue or PR
  gh issue list --json number,title,state,stateReason,url | remediation import github -
                                                   GitHub issues as a phase (jira: Jira's search)

exit codes: 0 success, 1 not closable (--check), 2 invalid input or usage,
3 internal error (a bug; --debug shows the traceback)
"""


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="remediation",
        description="Evaluate remediation plans: derived status, schedule and recommendation.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        added = commands.add_parser(
            name,
            help=summary,
            description=description,
            epilog=_EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        added.add_argument(
            "--debug",
            action="store_true",
            help="show the traceback of an internal error instead of one line",
        )
        return added

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
        choices=("text", "json", "yaml", "markdown", "html", "sarif", "comment", "oscal-poam"),
        default=None,
        help="output format (default: text, a summary for a person; sarif: findings for "
        "code scanning; comment: short Markdown for an issue or pull-request comment; "
        "oscal-poam: an OSCAL 1.1 plan of action and milestones)",
    )
    evaluate_cmd.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="for a directory: processes to evaluate its files on (default: one a core)",
    )
    evaluate_cmd.add_argument(
        "--baseline",
        metavar="SARIF",
        help="with --format sarif: a previous SARIF file; results get a baselineState",
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
    _history_commands(command)
    declare_import(command, _output)
    return parser


def _history_commands(command: Callable[[str, str, str], argparse.ArgumentParser]) -> None:
    diff_cmd = command(
        "diff",
        "what changed between two versions of an assessment",
        "Compare two versions of an assessment: files, or git revisions of a file written "
        "REV:PATH (HEAD~1:plan.yaml). Items added, removed, renamed, moved; status, phase "
        "and criteria changes; findings new and fixed; date slips; the recommendation.",
    )
    diff_cmd.add_argument("old", metavar="OLD", help="a file, or REV:PATH")
    diff_cmd.add_argument("new", metavar="NEW", help="a file, or REV:PATH")
    history_cmd = command(
        "history",
        "an assessment over its git history: a table and a burn-up chart",
        "Read every committed version of FILE from git, evaluate each, and print progress, "
        "items done, criteria met, findings and the decision over time.",
    )
    history_cmd.add_argument("file", metavar="FILE", help="JSON or YAML, in a git repository")
    history_cmd.add_argument(
        "--chart", metavar="IMAGE", help="also draw the burn-up chart to IMAGE (.png, .svg)"
    )
    for each in (diff_cmd, history_cmd):
        each.add_argument(
            "--input-format",
            choices=("json", "yaml"),
            default=None,
            help="format of the files (default: from the suffix)",
        )
        _as_of(each)
        _rules_options(each)
        each.add_argument(
            "--format",
            choices=("text", "markdown", "json"),
            default="text",
            help="output format (default: text; markdown for a pull request)",
        )
        _output(each)


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
        "--all-errors",
        action="store_true",
        help=f"print every problem of an invalid document (default: the first {SHOWN_ERRORS})",
    )
    command.add_argument(
        "--limit",
        action="append",
        default=[],
        metavar="NAME=N",
        help="raise or lower a size limit: max_bytes, max_string, max_depth or max_nodes "
        "(see docs/errors.md)",
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
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of standard output (- is standard output)",
    )
    command.add_argument(
        "--force", action="store_true", help="replace FILE even when it is read-only"
    )
