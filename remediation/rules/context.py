"""What a rule's check may look up besides its subject: the date, the plan, its references."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from remediation.evaluation.claims import ItemTally
from remediation.evaluation.results import Evaluation
from remediation.graph.structure import Structure
from remediation.model.policy import Policy
from remediation.model.records import Assessment, Milestone, SeriesEvidence
from remediation.model.series import SeriesPoint

__all__ = ["Context", "ReadPoint"]


class ReadPoint(NamedTuple):
    """A point of a series as the rules read it: in the series' unit (``None``: it does not
    convert)."""

    point: SeriesPoint
    value: float | None
    interval: tuple[float | None, float | None] | None


class Context:
    """The third argument of every check.

    A record-scope check runs again when its own record or derived result
    changes; what it reads through the context should be about its own
    subject (its dependencies, say), or the check belongs to the assessment
    scope, which runs on every evaluation.

    Attributes:
        as_of: The evaluation moment.
        assessment: The assessment evaluated.
        policy: The policy in force (the document's, with the caller's on top).
        closed: ``closed(record_id)``: whether work item *record_id* needs no
            more work; ``None`` for anything else.
    """

    __slots__ = (
        "_milestones",
        "_series",
        "_structure",
        "_tally",
        "_tally_of",
        "as_of",
        "assessment",
        "closed",
        "policy",
    )

    def __init__(
        self,
        *,
        as_of: dt.datetime,
        assessment: Assessment,
        policy: Policy,
        structure: Structure,
        closed: Callable[[str], bool | None],
        tally_of: Callable[[Evaluation], ItemTally] = lambda e: ItemTally.of(e.items),
    ) -> None:
        self.as_of = as_of
        self.assessment = assessment
        self.policy = policy
        self._structure = structure
        self.closed = closed
        self._milestones: dict[str, Milestone] | None = None
        self._series: dict[int, tuple[SeriesEvidence, tuple[ReadPoint, ...]]] = {}
        self._tally_of = tally_of
        self._tally: ItemTally | None = None

    def milestone(self, milestone_id: str) -> Milestone | None:
        """The milestone *milestone_id*, or ``None`` (found by id; the index is this context's)."""
        milestones = self._milestones
        if milestones is None:
            milestones = self._milestones = {m.id: m for m in self.assessment.milestones}
        return milestones.get(milestone_id)

    def item_tally(self, evaluation: Evaluation) -> ItemTally:
        """How many items of each phase hold each status, in *evaluation* (counted once).

        *evaluation* is the one the assessment-scope checks receive; a what-if
        derives its tally from its source's.
        """
        tally = self._tally
        if tally is None:
            tally = self._tally = self._tally_of(evaluation)
        return tally

    def points(self, series: SeriesEvidence) -> tuple[ReadPoint, ...]:
        """The points of *series* in time order, each with its value and the interval its
        figure allows in the series' unit (``None`` where its unit does not convert);
        read once per evaluation, whichever rules ask."""
        known = self._series.get(id(series))
        if known is None or known[0] is not series:
            read = tuple(ReadPoint._make(reading) for reading in series.readings())
            known = self._series[id(series)] = (series, read)
        return known[1]

    @property
    def known_tally(self) -> ItemTally | None:
        """The item tally, if a check asked for it."""
        return self._tally

    @property
    def ascii_ids(self) -> bool:
        """Every id of the assessment is written in ASCII."""
        return self._structure.ascii_ids

    def requires(self, record_id: str) -> tuple[str, ...]:
        """The work items and phases *record_id* must wait for (a phase: its own items too)."""
        return self._structure.requires.get(record_id, ())

    def addressed_by(self, record_id: str) -> tuple[str, ...]:
        """The work items that address gap or why step *record_id*."""
        return self._structure.addressed_by.get(record_id, ())
