"""Work items from issue trackers: what GitHub's and Jira's readers share.

A reader (:mod:`remediation.io.github_issues`, :mod:`remediation.io.jira_issues`)
turns each issue into a :class:`TrackerIssue`: a work item and the issues its
tracker says block it, or it blocks. :func:`assemble` makes them a phase:

- a blocker among the imported issues becomes a dependency (``depends_on``);
  "A blocks B" and "B is blocked by A" are the same dependency, kept once;
- a blocker outside the import becomes an item of a second phase,
  ``<phase>-external`` ("outside the import"), with the status its link shows
  (often unknown), so that the work it blocks stays blocked until it is done,
  as a dependency on work that is not done does; it is not dropped;
- an issue outside the import that an imported issue blocks is not work of
  this plan: it is kept in the item's ``extra["tracker"]["blocks"]``.

The phases go into a new assessment, or into a given one, replacing the
phases of the same ids (a second import refreshes the first).

Bad input is reported all at once, each problem with its JSON path
(``$[3].state``) and what was expected, as a
:class:`~remediation.exceptions.PlanValidationError`; given the text, each
problem also says on which line it is written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from remediation.exceptions import (
    DocumentError,
    InvalidValueError,
    MissingFieldError,
    PlanValidationError,
)
from remediation.graph import validate
from remediation.io.errors import HookError
from remediation.io.formats import decoded_text, parse_text
from remediation.io.identity import structure_id
from remediation.io.positions import SourceText, place_errors
from remediation.io.scalar_hooks import check_text
from remediation.model.records import Assessment, Phase, WorkItem
from remediation.model.status import Status

__all__ = ["EXTERNAL_SUFFIX", "Problems", "TrackerIssue", "TrackerRef", "assemble", "parse_json"]

EXTERNAL_SUFFIX = "-external"
"""Appended to the phase id for the phase of blockers outside the import."""


@attrs.frozen
class TrackerRef:
    """An issue a link names: its key, and what the link says of it.

    Attributes:
        key: The tracker's key of it (``"PROJ-12"``, ``"org/repo#12"``).
        id: The id its item gets, when it becomes one.
        url: Where it is, if the link says.
        title: Its title, if the link says.
        status: Its status as the link shows it; unknown when it shows none.
    """

    key: str
    id: str
    url: str | None = None
    title: str | None = None
    status: Status = attrs.field(factory=lambda: Status.parse("unknown"))


@attrs.frozen
class TrackerIssue:
    """An issue read from a tracker.

    Attributes:
        key: The tracker's key of it.
        item: Its work item, without the dependencies its links make.
        blocked_by: The issues its tracker says block it.
        blocks: The issues its tracker says it blocks.
    """

    key: str
    item: WorkItem
    blocked_by: tuple[TrackerRef, ...] = ()
    blocks: tuple[TrackerRef, ...] = ()


class Problems:
    """The problems of one input, gathered so that all are reported at once."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.found: list[DocumentError] = []

    def wrong(self, path: str, expected: str, value: object) -> None:
        """*value* at *path* is not what was *expected*."""
        shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
        code = "invalid-value" if isinstance(value, str) else "wrong-type"
        self.found.append(InvalidValueError(path, f"expected {expected}, got {shown}", code=code))

    def missing(self, path: str, expected: str) -> None:
        """Nothing at *path*, where *expected* must be."""
        self.found.append(MissingFieldError(path, f"missing: expected {expected}"))

    def text(
        self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True
    ) -> str | None:
        """The string at *key* of *data*, or ``None`` (a problem when *required*)."""
        value = data.get(key)
        if value is None:
            if required:
                self.missing(f"{path}.{key}", "a string")
            return None
        if not isinstance(value, str):
            self.wrong(f"{path}.{key}", "a string", value)
            return None
        return self.checked(value, f"{path}.{key}")

    def checked(self, value: str, path: str) -> str | None:
        """*value*, or ``None`` and a problem: text a document may not hold (as ``load`` says)."""
        try:
            check_text(value)
        except HookError as error:
            self.found.append(InvalidValueError(path + error.suffix, error.detail, code=error.code))
            return None
        return value

    def key(self, data: Mapping[str, Any], key: str, path: str) -> str | None:
        """The string at *key* of *data*, fit to be an id (not blank, nothing invisible)."""
        value = self.text(data, key, path)
        if value is None:
            return None
        try:
            return structure_id(value, str)
        except HookError as error:
            self.found.append(InvalidValueError(f"{path}.{key}", error.detail, code=error.code))
            return None

    def mapping(self, value: object, path: str, expected: str) -> Mapping[str, Any] | None:
        """*value* if it is a JSON object (``None`` stays ``None``), else a problem."""
        if value is None or isinstance(value, Mapping):
            return value
        self.wrong(path, expected, value)
        return None

    def listing(self, value: object, path: str, expected: str) -> list[Any]:
        """*value* if it is a JSON array (``None`` is empty), else a problem and empty."""
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.wrong(path, expected, value)
        return []

    def date(self, value: object, path: str) -> dt.date | None:
        """A date from ``2025-10-01`` or a date and time (its date, as written)."""
        if value is None:
            return None
        if isinstance(value, str):
            with contextlib.suppress(ValueError):  # not a date: recorded as a problem below
                return dt.date.fromisoformat(value[:10])
        self.found.append(
            InvalidValueError(
                path,
                f"expected an ISO 8601 date (2025-10-01) or date and time, got {value!r}",
                code="malformed-date",
            )
        )
        return None

    def raise_any(self, source: SourceText | None) -> None:
        """Raise every problem found, placed in *source* when given."""
        if not self.found:
            return
        error = PlanValidationError(f"the {self.what} cannot be imported", self.found)
        if source is not None:
            place_errors(error, source)
        raise error


def parse_json(data: object, file: str | None) -> tuple[Any, SourceText | None]:
    """*data* as parsed JSON, and its text when it was given as text (for line numbers)."""
    if isinstance(data, str | bytes):
        text = decoded_text(data)
        return parse_text(text, "json"), SourceText(text, "json", file)
    return data, None


def _external(ref: TrackerRef, system: str) -> WorkItem:
    return WorkItem(
        id=ref.id,
        title=ref.title or f"{ref.key} (outside the import)",
        status=ref.status,
        kind="external",
        links=(ref.url,) if ref.url else (),
        extra={"tracker": {"system": system, "key": ref.key, "external": True}},
    )


def _ref_data(ref: TrackerRef) -> dict[str, Any]:
    data: dict[str, Any] = {"key": ref.key}
    if ref.url:
        data["url"] = ref.url
    if ref.title:
        data["title"] = ref.title
    return data


def assemble(
    issues: Sequence[TrackerIssue],
    *,
    system: str,
    phase: str,
    title: str,
    into: Assessment | None,
    date: dt.date | None,
) -> Assessment:
    """The phase of *issues* (and of their blockers outside it), in a new or given assessment.

    Raises:
        PlanValidationError: The links make a cycle, or an item's id is used
            elsewhere in *into*.
    """
    ids = {issue.key: issue.item.id for issue in issues}
    needs: dict[str, list[str]] = {issue.key: [] for issue in issues}
    outside: dict[str, TrackerRef] = {}
    blocks_outside: dict[str, list[TrackerRef]] = {issue.key: [] for issue in issues}

    def need(key: str, wanted: str) -> None:
        if wanted not in needs[key] and wanted != ids[key]:
            needs[key].append(wanted)

    for issue in issues:
        for ref in issue.blocked_by:
            if ref.key in ids:
                need(issue.key, ids[ref.key])
            else:
                outside.setdefault(ref.key, ref)
                need(issue.key, ref.id)
        for ref in issue.blocks:
            if ref.key in ids:
                need(ref.key, issue.item.id)
            else:
                blocks_outside[issue.key].append(ref)
    items = []
    for issue in issues:
        item = issue.item
        extra = dict(item.extra)
        if blocks_outside[issue.key]:
            tracker = dict(extra.get("tracker", {}))
            tracker["blocks"] = [_ref_data(ref) for ref in blocks_outside[issue.key]]
            extra["tracker"] = tracker
        items.append(attrs.evolve(item, depends_on=needs[issue.key], extra=extra))
    phases = [Phase(id=phase, title=title, items=items)]
    if outside:
        phases.append(
            Phase(
                id=phase + EXTERNAL_SUFFIX,
                title=f"{title}: blockers outside the import",
                items=[_external(ref, system) for ref in outside.values()],
            )
        )
    if into is None:
        result = Assessment(id=f"{phase}-assessment", title=title, date=date, phases=phases)
    else:
        replaced = {p.id: p for p in phases}
        stale = phase + EXTERNAL_SUFFIX  # blockers outside an earlier import, none now
        kept = [
            attrs.evolve(p, items=replaced.pop(p.id).items) if p.id in replaced else p
            for p in into.phases
            if p.id in replaced or p.id != stale
        ]
        result = attrs.evolve(into, phases=[*kept, *replaced.values()])
    validate(result)
    return result
