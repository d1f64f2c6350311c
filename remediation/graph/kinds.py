"""Kinds of node and edge in the plan graph, and which kinds a reference may name.

Every record of an assessment is a node of one :class:`NodeKind`; every
reference between two records is an edge of one :class:`EdgeKind`, pointing
from the record that holds the reference to the record it names. A reference
field accepts records of some kinds only (``depends_on`` names work items or
phases, ``evidence`` names evidence): the sets of kinds below say which, and
:func:`describe` says it in words for error messages.
"""

from __future__ import annotations

import enum

__all__ = [
    "ADDRESSABLE",
    "ANY",
    "BLOCKABLE",
    "EVIDENCE",
    "ITEMS",
    "MEMBERS",
    "MILESTONES",
    "WHY_STEPS",
    "WORK",
    "EdgeKind",
    "NodeKind",
    "describe",
    "describe_kind",
]


class NodeKind(enum.Enum):
    """What kind of record a node holds."""

    ASSESSMENT = "assessment"
    PHASE = "phase"
    NEXT_STEP = "next_step"
    ITEM = "item"
    GAP = "gap"
    CRITERION = "criterion"
    WHY = "why"
    EVIDENCE = "evidence"
    EVENT = "event"
    WINDOW = "window"
    MILESTONE = "milestone"
    RISK = "risk"

    # As Progress: members are singletons compared by identity, hashed by identity too
    # (Enum hashes the name with a Python call; building a graph looks kinds up per node).
    __hash__ = object.__hash__


class EdgeKind(enum.Enum):
    """What an edge means, read from its source to its target."""

    PART_OF = "part_of"
    """A work item is part of a phase or next step; a phase or gap, of the assessment."""
    DEPENDS_ON = "depends_on"
    """The source cannot finish before the target is done."""
    ADDRESSES = "addresses"
    """A work item addresses a gap or a why step (a cause)."""
    BLOCKS = "blocks"
    """A gap blocks a work item or a criterion while it is open."""
    EVIDENCED_BY = "evidenced_by"
    """A record's claim is supported by a piece of evidence."""
    MEASURED_BY = "measured_by"
    """A gap or criterion takes its measured value from a piece of evidence."""
    CAUSED_BY = "caused_by"
    """A why step is explained by a deeper one."""
    REFERENCES = "references"
    """The assessment (or its tracking list) refers to a record."""
    SERVES = "serves"
    """A work item or phase is for a milestone or release."""
    REMEDIATED_BY = "remediated_by"
    """A risk is remediated by a work item."""
    HAS_MEMBER = "has_member"
    """A composite criterion is decided by a criterion or risk, its member."""

    # As NodeKind: hashed by identity, without a Python call per edge.
    __hash__ = object.__hash__


WORK = frozenset({NodeKind.ITEM, NodeKind.PHASE})
"""What ``depends_on`` may name: work items and phases."""
BLOCKABLE = frozenset({NodeKind.ITEM, NodeKind.CRITERION})
"""What a gap may block: work items and criteria."""
ADDRESSABLE = frozenset({NodeKind.GAP, NodeKind.WHY})
"""What a work item may address: gaps and why steps."""
EVIDENCE = frozenset({NodeKind.EVIDENCE})
"""What ``evidence``, ``related`` and measured values name: evidence."""
ITEMS = frozenset({NodeKind.ITEM})
"""What a risk's ``remediated_by`` names: work items."""
WHY_STEPS = frozenset({NodeKind.WHY})
"""What a why step's ``causes`` name: deeper why steps."""
MILESTONES = frozenset({NodeKind.MILESTONE})
"""What a work item's or phase's ``milestone`` names: a milestone."""
MEMBERS = frozenset({NodeKind.CRITERION, NodeKind.RISK})
"""What a composite criterion's ``members`` name: criteria and risks."""
EVENTS = frozenset({NodeKind.EVENT})
"""What a window's ``start_event`` and ``end_event`` name: an event of the timeline."""
ANY = frozenset(NodeKind)
"""What a tracking entry may name: any record."""

_DESCRIPTIONS = {
    WORK: "a work item or phase",
    BLOCKABLE: "a work item or criterion",
    ADDRESSABLE: "a gap or why step",
    EVIDENCE: "evidence",
    MILESTONES: "a milestone",
    WHY_STEPS: "a why step",
    ITEMS: "a work item",
    MEMBERS: "a criterion or risk",
    EVENTS: "an event of the timeline",
    ANY: "a record of this assessment",
}

_KIND_NAMES = {
    NodeKind.ASSESSMENT: "the assessment",
    NodeKind.PHASE: "a phase",
    NodeKind.NEXT_STEP: "a group of next steps",
    NodeKind.ITEM: "a work item",
    NodeKind.GAP: "a gap",
    NodeKind.CRITERION: "a criterion",
    NodeKind.WHY: "a why step",
    NodeKind.EVIDENCE: "evidence",
    NodeKind.RISK: "a risk",
    NodeKind.EVENT: "an event",
    NodeKind.WINDOW: "a window",
    NodeKind.MILESTONE: "a milestone",
}


def describe(kinds: frozenset[NodeKind]) -> str:
    """What a reference accepting *kinds* must name, in words.

    Examples:
        >>> describe(WORK)
        'a work item or phase'
    """
    return _DESCRIPTIONS[kinds]


def describe_kind(kind: NodeKind) -> str:
    """What one record of *kind* is, in words.

    Examples:
        >>> describe_kind(NodeKind.WHY)
        'a why step'
    """
    return _KIND_NAMES[kind]
