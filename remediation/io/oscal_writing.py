"""What the OSCAL POA&M export's parts share: UUIDs, kept fields, properties, the parties met.

The export (:mod:`remediation.io.oscal_export`) is written by one
:class:`Writing` of an assessment and its evaluation; its risks by
:class:`~remediation.io.oscal_risk_writing.RiskWriting`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from remediation.evaluation.results import Evaluation
from remediation.io.formats import to_data
from remediation.io.oscal import KEPT, NAMESPACE, UUID_NAMESPACE, party_uuid, record_uuid
from remediation.model.records import Assessment, WorkItem
from remediation.model.risk import RiskStatus

__all__ = [
    "ALLOWED",
    "RISK_STATUSES",
    "Writing",
    "fields_of",
    "kept_of",
    "links_of",
    "origin_of",
    "props_of",
    "tool_uuid",
    "uuid_of",
    "with_optional",
]

RISK_STATUSES: Mapping[RiskStatus, str] = {
    RiskStatus.OPEN: "open",
    RiskStatus.INVESTIGATING: "investigating",
    RiskStatus.REMEDIATING: "remediating",
    RiskStatus.DEVIATION_REQUESTED: "deviation-requested",
    RiskStatus.DEVIATION_APPROVED: "deviation-approved",
    RiskStatus.ACCEPTED: "deviation-approved",
    RiskStatus.CLOSED: "closed",
}
"""A risk's status as OSCAL states it; OSCAL has no "accepted": an approved deviation."""


def uuid_of(kind: str, assessment: Assessment, record_id: str, extra: Mapping[str, Any]) -> str:
    return record_uuid(kind, assessment.id, record_id, extra)


def tool_uuid(assessment: Assessment) -> str:
    return str(uuid.uuid5(UUID_NAMESPACE, f"tool\x1f{assessment.id}"))


ALLOWED = {
    "poam-item": {"description", "props", "links", "related-findings", "remarks", "origins"},
    "observation": {
        "title",
        "description",
        "props",
        "links",
        "methods",
        "types",
        "origins",
        "subjects",
        "relevant-evidence",
        "collected",
        "expires",
        "remarks",
    },
    "risk": {
        "title",
        "description",
        "props",
        "links",
        "origins",
        "threat-ids",
        "characterizations",
        "related-observations",
    },
    "response": {"description", "props", "links", "origins", "required-assets", "remarks"},
    "task": {
        "description",
        "props",
        "links",
        "timing",
        "dependencies",
        "associated-activities",
        "subjects",
        "responsible-roles",
        "remarks",
    },
}
"""What an imported record may have kept of each kind of OSCAL object, to write back."""


def kept_of(extra: Mapping[str, Any], kind: str | None = None) -> dict[str, Any]:
    """What an imported record kept of its OSCAL object (of *kind*), to write back."""
    kept = extra.get(KEPT)
    if not isinstance(kept, Mapping):
        return {}
    allowed = ALLOWED[kind] if kind is not None else set(kept) - {"uuid"}
    return {k: v for k, v in kept.items() if k in allowed}


def props_of(kept: Mapping[str, Any], ours: list[dict[str, str]]) -> list[Any]:
    """The properties another tool wrote (kept on import), then ours."""
    return [p for p in kept.get("props", []) if p.get("ns") != NAMESPACE] + ours


def fields_of(data: Mapping[str, Any], *standard: str) -> dict[str, Any]:
    """A record's fields in the library's format, but those written in standard OSCAL fields."""
    fields = {k: v for k, v in data.items() if k not in standard}
    extra = fields.get("extra")
    if isinstance(extra, Mapping):
        rest = {k: v for k, v in extra.items() if k != KEPT}
        if rest:
            fields["extra"] = rest
        else:
            del fields["extra"]
    return fields


def with_optional(obj: dict[str, Any], **optional: Any) -> dict[str, Any]:
    """*obj* with the *optional* fields that have a value (OSCAL lists are never empty)."""
    for name, value in optional.items():
        if value not in (None, [], ""):
            obj[name.replace("_", "-")] = value
    return obj


def links_of(urls: object) -> list[dict[str, str]]:
    return [{"href": url, "rel": "reference"} for url in urls] if isinstance(urls, list) else []


def origin_of(assessment: Assessment) -> list[dict[str, Any]]:
    return [{"actors": [{"type": "tool", "actor-uuid": tool_uuid(assessment)}]}]


class Writing:
    """One export: the assessment, its data and its evaluation, and the parties met."""

    def __init__(self, assessment: Assessment, evaluation: Evaluation) -> None:
        self.assessment = assessment
        self.evaluation = evaluation
        self.data = to_data(assessment)
        kept = kept_of(assessment.extra).get("metadata", {})
        self.known = {
            p["name"]: p["uuid"]
            for p in kept.get("parties", [])
            if isinstance(p.get("name"), str) and isinstance(p.get("uuid"), str)
        }
        self.parties: dict[str, str] = {}
        self.items = {item.id: item for _, item in assessment.iter_items()}
        self.item_data = {
            item["id"]: item
            for key in ("phases", "next_steps")
            for group in self.data.get(key, [])
            for item in group.get("items", [])
        }

    def party(self, name: str) -> str:
        known = self.known.get(name) or party_uuid(self.assessment.id, name)
        return self.parties.setdefault(name, known)

    def evidence_uuid(self, evidence_id: str) -> str:
        record = next(e for e in self.assessment.evidence if e.id == evidence_id)
        return uuid_of("evidence", self.assessment, evidence_id, record.extra)

    def items_by_id(self, item_id: str) -> WorkItem:
        return self.items[item_id]
