"""``remediation import FORMAT FILE``: a plan from where its work already lives.

Each format is an :class:`Importer` in :data:`IMPORTERS`: its name, its help,
the options only it takes, and how it reads. ``import`` gives every format the
same frame: ``FILE`` (``-`` for standard input, ``gh issue list --json ... |
remediation import github -``), ``--phase`` and ``--title`` of the phase it
makes, ``--into`` an assessment to put the phase in (replacing a phase of the
same id), ``--date`` of a new assessment, and the document written as YAML or
JSON to standard output or ``-o FILE``. A new format is one more entry.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import attrs

from remediation.io.formats import Format, dumps, load
from remediation.io.limits import Limits, limits_in_force, read_limited
from remediation.model.records import Assessment

__all__ = ["IMPORTERS", "Importer", "declare_import", "import_text"]

Read = Callable[
    [bytes, argparse.Namespace, Assessment | None, dt.date | None, str | None], Assessment
]
"""How a format reads: the bytes, the options, the assessment to put it in, the date, the file."""


@attrs.frozen
class Importer:
    """A format ``import`` reads.

    Attributes:
        name: Its name on the command line (``github``).
        summary: One line of help.
        description: What it reads, for ``import NAME --help``.
        options: Adds the options only it takes.
        read: Reads it into an assessment.
        phase: It reads work items into a phase (``--phase``, ``--title``,
            ``--into``, ``--date``); otherwise a whole assessment.
    """

    name: str
    summary: str
    description: str
    options: Callable[[argparse.ArgumentParser], None]
    read: Read
    phase: bool = True


def _github_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--prefix", default="gh-", help="what item ids start with (default: gh-, as in gh-12)"
    )
    command.add_argument(
        "--in-progress-label",
        action="append",
        metavar="LABEL",
        help="a label that makes an open issue partial (repeatable; default: in progress, "
        "wip, doing, started, in review, ...)",
    )
    command.add_argument(
        "--body-dependencies",
        action="store_true",
        help="also read 'blocked by #N' and 'depends on #N' in issue bodies (a heuristic)",
    )


def _read_github(
    data: bytes,
    args: argparse.Namespace,
    into: Assessment | None,
    date: dt.date | None,
    file: str | None,
) -> Assessment:
    from remediation.io import github_issues  # noqa: PLC0415  (loaded when asked for)

    labels = args.in_progress_label or github_issues.IN_PROGRESS_LABELS
    return github_issues.from_github_issues(
        data,
        phase=args.phase or "issues",
        title=args.title or "GitHub issues",
        into=into,
        date=date,
        prefix=args.prefix,
        in_progress_labels=labels,
        body_dependencies=args.body_dependencies,
        file=file,
    )


def _jira_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--prefix", default="", help="what item ids start with, before the key (default: none)"
    )
    command.add_argument(
        "--base-url",
        metavar="URL",
        help="the Jira site for links to issues (default: the host of each issue's self)",
    )


def _read_jira(
    data: bytes,
    args: argparse.Namespace,
    into: Assessment | None,
    date: dt.date | None,
    file: str | None,
) -> Assessment:
    from remediation.io import jira_issues  # noqa: PLC0415  (loaded when asked for)

    return jira_issues.from_jira_issues(
        data,
        phase=args.phase or "issues",
        title=args.title or "Jira issues",
        into=into,
        date=date,
        prefix=args.prefix,
        base_url=args.base_url,
        file=file,
    )


def _no_options(command: argparse.ArgumentParser) -> None:
    """A format that takes no options of its own."""


def _read_oscal(
    data: bytes,
    args: argparse.Namespace,
    into: Assessment | None,
    date: dt.date | None,
    file: str | None,
) -> Assessment:
    from remediation.io.oscal_import import from_oscal_poam  # noqa: PLC0415  (when asked for)
    from remediation.io.trackers import parse_json  # noqa: PLC0415  (when asked for)

    parsed, _source = parse_json(data, file)
    return from_oscal_poam(parsed)


IMPORTERS: dict[str, Importer] = {
    "github": Importer(
        "github",
        "GitHub issues, from gh issue list --json ...",
        "Read the JSON of gh issue list --json number,title,state,stateReason,assignees,"
        "labels,milestone,url,closedAt,blockedBy,blocking (body too, with "
        "--body-dependencies) into the items of a phase. See docs/trackers.md.",
        _github_options,
        _read_github,
    ),
    "jira": Importer(
        "jira",
        "Jira issues, from the REST search (/rest/api/2/search, /rest/api/3/search)",
        "Read the JSON of a Jira REST search ({issues: [...]}) into the items of a phase: "
        "summary, status and its category, resolution, assignee, labels, due date, and "
        "'Blocks' links. See docs/trackers.md.",
        _jira_options,
        _read_jira,
    ),
    "oscal-poam": Importer(
        "oscal-poam",
        "an OSCAL plan of action and milestones (JSON)",
        "Read an OSCAL 1.0 or 1.1 plan of action and milestones (JSON) as a whole "
        "assessment: POA&M items, risks, remediations, milestones, observations. What the "
        "library does not model is kept in extra.oscal. See docs/oscal.md.",
        _no_options,
        _read_oscal,
        phase=False,
    ),
}
"""Every format ``import`` reads, by name."""


def declare_import(
    command: Callable[[str, str, str], argparse.ArgumentParser],
    output: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Add ``import`` and a subcommand for each format of :data:`IMPORTERS`."""
    importing = command(
        "import",
        "a plan from where it lives: GitHub issues, Jira, OSCAL POA&M",
        "Read work items from where they live into the items of a phase, and print the "
        "assessment (or --into an existing one) as YAML or JSON; or read an OSCAL plan of "
        "action and milestones as a whole assessment.",
    )
    formats = importing.add_subparsers(dest="source", required=True, metavar="FORMAT")
    for importer in IMPORTERS.values():
        each = formats.add_parser(
            importer.name, help=importer.summary, description=importer.description
        )
        each.add_argument("file", metavar="FILE", help="the JSON; - for standard input")
        if importer.phase:
            _phase_options(each)
        each.add_argument(
            "--format",
            choices=("yaml", "json"),
            help="output format (default: from the suffix of -o, else of --into, else yaml)",
        )
        each.add_argument(
            "--limit",
            action="append",
            default=[],
            metavar="NAME=N",
            help="raise or lower a size limit of the input (max_bytes, ...)",
        )
        importer.options(each)
        output(each)


def _phase_options(each: argparse.ArgumentParser) -> None:
    each.add_argument("--phase", metavar="ID", help="the id of the phase (default: issues)")
    each.add_argument("--title", help="the title of the phase")
    each.add_argument(
        "--into",
        metavar="ASSESSMENT",
        help="put the phase into this assessment (JSON or YAML), replacing a phase of "
        "the same id; without it, a new assessment",
    )
    each.add_argument(
        "--date",
        metavar="DATE",
        help="the date of a new assessment, YYYY-MM-DD (default: today, UTC)",
    )


def _output_format(args: argparse.Namespace) -> Format:
    if args.format is not None:
        chosen: Format = args.format
        return chosen
    for file in (args.output, getattr(args, "into", None)):
        if file not in (None, "-"):
            suffix = Path(file).suffix.lower()
            if suffix == ".json":
                return "json"
            if suffix in (".yaml", ".yml"):
                return "yaml"
    return "yaml"


def import_text(args: argparse.Namespace, limits: Limits, date: dt.date | None) -> str:
    """Run ``import``: the assessment it makes, as text; *date* that of a new one (or today)."""
    importer = IMPORTERS[args.source]
    into_file = getattr(args, "into", None)
    into = load(into_file, limits=limits) if into_file is not None else None
    if importer.phase and into is None and date is None:
        date = dt.datetime.now(dt.UTC).date()
    if args.file == "-":
        data = read_limited(sys.stdin.buffer, limits.max_bytes)
        file = None
    else:
        with Path(args.file).open("rb") as stream:
            data = read_limited(stream, limits.max_bytes)
        file = args.file
    with limits_in_force(limits):
        assessment = importer.read(bytes(data), args, into, date, file)
    return dumps(assessment, _output_format(args))
