"""An assessment and its evaluation as an OSCAL 1.1 plan of action and milestones (POA&M).

:func:`to_oscal_poam` writes one ``plan-of-action-and-milestones`` document
(JSON data): ``metadata`` from the assessment's title and date, a
``system-id`` naming the assessment, a ``poam-item`` for every work item, a
``risk`` for every risk (status, deadline, likelihood and impact,
mitigating factors, a ``remediation`` for each work item that remediates it,
with its sub-tasks and its milestone as tasks, and the risk log), an
``observation`` for every piece of evidence, and a ``finding`` for every
finding of the evaluation. ``docs/oscal.md`` has the whole mapping and what
each side cannot hold; :mod:`remediation.io.oscal` how UUIDs are derived and
how the fields OSCAL has no place for are kept in properties.

Examples:
    >>> import remediation
    >>> plan = remediation.examples.issue_1176()
    >>> poam = to_oscal_poam(plan)["plan-of-action-and-milestones"]
    >>> poam["metadata"]["oscal-version"], len(poam["poam-items"])
    ('1.1.3', 19)
    >>> poam["uuid"] == to_oscal_poam(plan)["plan-of-action-and-milestones"]["uuid"]
    True
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from remediation.evaluation.fingerprints import fingerprints
from remediation.evaluation.results import Evaluation, Finding
from remediation.evaluator import evaluate
from remediation.io.formats import to_data
from remediation.io.oscal import (
    KEPT,
    NAMESPACE,
    OSCAL_VERSION,
    UUID_NAMESPACE,
    encode_props,
    evidence_text,
    evidence_title,
    line,
    oscal_date,
    party_uuid,
    record_uuid,
)
from remediation.model.policy import Policy
from remediation.model.records import Assessment, Milestone, Risk, WorkItem
from remediation.model.risk import Level, RiskStatus
from remediation.model.status import Progress
from remediation.rules import catalogue

__all__ = ["NOT_CARRIED", "RISK_STATUSES", "to_oscal_poam"]

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

NOT_CARRIED = (
    "metrics",
    "why",
    "gaps",
    "criteria",
    "timeline",
    "windows",
    "target_release",
    "stage_claims",
    "recommendation",
    "claims",
    "relations",
    "tracking",
    "success_indicators",
    "policy",
    "lifecycle",
    "lifecycles",
    "checklists",
    "dropped_references",
)
"""The assessment's fields a POA&M has no place for (``docs/oscal.md``): not exported."""

_HEADER_STANDARD = ("title", "links")
_GROUPS = ("phases", "next_steps", "milestones", "risks", "evidence")
_LEVELS = {level: level.value.replace("_", "-") for level in Level}
_FACETS = "https://csrc.nist.gov/ns/oscal"
_LIFECYCLES = ("recommendation", "planned", "completed")
_TOOL = "remediation"


def _uuid(kind: str, assessment: Assessment, record_id: str, extra: Mapping[str, Any]) -> str:
    return record_uuid(kind, assessment.id, record_id, extra)


def _tool_uuid(assessment: Assessment) -> str:
    return str(uuid.uuid5(UUID_NAMESPACE, f"tool\x1f{assessment.id}"))


_ALLOWED = {
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


def _kept(extra: Mapping[str, Any], kind: str | None = None) -> dict[str, Any]:
    """What an imported record kept of its OSCAL object (of *kind*), to write back."""
    kept = extra.get(KEPT)
    if not isinstance(kept, Mapping):
        return {}
    allowed = _ALLOWED[kind] if kind is not None else set(kept) - {"uuid"}
    return {k: v for k, v in kept.items() if k in allowed}


def _props(kept: Mapping[str, Any], ours: list[dict[str, str]]) -> list[Any]:
    """The properties another tool wrote (kept on import), then ours."""
    return [p for p in kept.get("props", []) if p.get("ns") != NAMESPACE] + ours


def _fields(data: Mapping[str, Any], *standard: str) -> dict[str, Any]:
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


def _with(obj: dict[str, Any], **optional: Any) -> dict[str, Any]:
    """*obj* with the *optional* fields that have a value (OSCAL lists are never empty)."""
    for name, value in optional.items():
        if value not in (None, [], ""):
            obj[name.replace("_", "-")] = value
    return obj


def _links(urls: object) -> list[dict[str, str]]:
    return [{"href": url, "rel": "reference"} for url in urls] if isinstance(urls, list) else []


def _origin(assessment: Assessment) -> list[dict[str, Any]]:
    return [{"actors": [{"type": "tool", "actor-uuid": _tool_uuid(assessment)}]}]


class _Export:
    """One export: the assessment, its data and its evaluation, and the parties met."""

    def __init__(self, assessment: Assessment, evaluation: Evaluation) -> None:
        self.assessment = assessment
        self.evaluation = evaluation
        self.data = to_data(assessment)
        kept = _kept(assessment.extra).get("metadata", {})
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

    def document(self) -> dict[str, Any]:
        a = self.assessment
        poam: dict[str, Any] = {"uuid": _uuid("assessment", a, a.id, a.extra)}
        kept = _kept(a.extra)
        poam["metadata"] = {}  # filled last: the parties are known once everything is written
        poam["system-id"] = kept.pop("system-id", None) or {
            "identifier-type": NAMESPACE,
            "id": line(a.id, "assessment"),
        }
        local = kept.pop("local-definitions", {})
        ours = {
            "uuid": _tool_uuid(a),
            "type": "software",
            "title": _TOOL,
            "description": "The library that wrote this POA&M from an assessment and its "
            "evaluation; the origin of its characterizations and findings.",
            "status": {"state": "operational"},
        }
        poam["local-definitions"] = {**local, "components": [*local.get("components", []), ours]}
        _with(
            poam,
            observations=[self.observation(i) for i in range(len(a.evidence))],
            risks=[self.risk(risk, i) for i, risk in enumerate(a.risks)],
            findings=kept.pop("findings", []) + self.findings(),
        )
        poam["poam-items"] = [self.poam_item(group.id, item) for group, item in a.iter_items()]
        poam["metadata"] = self.metadata(kept.pop("metadata", {}))
        for key, value in kept.items():  # back-matter and what else an imported POA&M had
            poam.setdefault(key, value)
        return {"plan-of-action-and-milestones": poam}

    def metadata(self, kept: Mapping[str, Any]) -> dict[str, Any]:
        a, data = self.assessment, self.data
        day = a.date if a.date is not None else self.evaluation.as_of
        header = {k: v for k, v in data.items() if k not in (*NOT_CARRIED, *_GROUPS)}
        header = _fields(header, "schema_version", "kind", *_HEADER_STANDARD)
        if a.title != line(a.title, a.id):
            header["title"] = a.title
        props = encode_props(header)
        for key in ("phases", "next_steps"):
            for group in data.get(key, []):
                without = {k: v for k, v in group.items() if k != "items"}
                props += encode_props({key[:-1].replace("_", "-"): without})
        for milestone in data.get("milestones", []):
            props += encode_props({"milestone": milestone})
        metadata: dict[str, Any] = {**kept, "title": line(a.title, a.id)}
        metadata["last-modified"] = oscal_date(day)
        metadata["version"] = kept.get("version", a.date.isoformat() if a.date else "undated")
        metadata["oscal-version"] = OSCAL_VERSION
        props = [p for p in kept.get("props", []) if p.get("ns") != NAMESPACE] + props
        _with(metadata, props=props, links=_links(data.get("links")))
        if a.author is not None:
            self.party(a.author)
        parties = list(kept.get("parties", []))
        parties += [
            {
                "uuid": uid,
                "type": "person",
                "name": line(name, "unnamed"),  # one line; the exact name in a property
                "props": encode_props({"name": name}),
            }
            for name, uid in self.parties.items()
            if name not in self.known
        ]
        roles = list(kept.get("roles", []))
        responsible = list(kept.get("responsible-parties", []))
        preparers = [r for r in responsible if r.get("role-id") == "prepared-by"]
        if a.author is not None and [self.party(a.author)] not in (
            r.get("party-uuids") for r in preparers
        ):
            if not any(r.get("id") == "prepared-by" for r in roles):
                roles.append({"id": "prepared-by", "title": "Prepared By"})
            responsible = [r for r in responsible if r.get("role-id") != "prepared-by"]
            responsible.append({"role-id": "prepared-by", "party-uuids": [self.party(a.author)]})
        return _with(metadata, roles=roles, parties=parties, responsible_parties=responsible)

    def poam_item(self, group: str, item: WorkItem) -> dict[str, Any]:
        a, result = self.assessment, self.evaluation
        data = self.item_data[item.id]
        fields = _fields(data, "links", "evidence", "addresses")
        if item.title == line(item.title, item.id):
            del fields["title"]
        fields["group"] = group
        derived = result.items[[e.id for e in result.items].index(item.id)]
        props = encode_props(fields) + [
            {"name": name, "ns": NAMESPACE, "class": "derived", "value": value}
            for name, value in (
                ("credit", f"{derived.credit:g}"),
                ("blocked", str(item.id in result.blocked).lower()),
                ("overdue", str(item.id in result.overdue).lower()),
            )
        ]
        risks = [r for r in a.risks if item.id in r.remediated_by]
        findings = [uid for uid, finding in self.finding_uuids() if item.id in finding.ids]
        kept = _kept(item.extra, "poam-item")
        return _with(
            {
                **kept,
                "uuid": _uuid("item", a, item.id, item.extra),
                "title": line(item.title, item.id),
                "description": kept.get("description")
                or item.requirement
                or item.impact
                or item.title,
            },
            props=_props(kept, props),
            links=_links(data.get("links")),
            related_findings=kept.get("related-findings", [])
            + [{"finding-uuid": uid} for uid in findings],
            related_observations=[
                {"observation-uuid": self.evidence_uuid(e)} for e in item.evidence
            ],
            related_risks=[{"risk-uuid": _uuid("risk", a, r.id, r.extra)} for r in risks],
        )

    def evidence_uuid(self, evidence_id: str) -> str:
        record = next(e for e in self.assessment.evidence if e.id == evidence_id)
        return _uuid("evidence", self.assessment, evidence_id, record.extra)

    def observation(self, index: int) -> dict[str, Any]:
        a = self.assessment
        record, data = a.evidence[index], self.data["evidence"][index]
        when = getattr(record, "ran_at", None) or getattr(record, "measured_at", None)
        collected = when or a.date or self.evaluation.as_of
        href = getattr(record, "url", None) or getattr(record, "path", None)
        kept = _kept(record.extra, "observation")
        return _with(
            {
                **kept,
                "uuid": _uuid("evidence", a, record.id, record.extra),
                "title": kept.get("title", line(evidence_title(data), record.id)),
                "description": kept.get("description", evidence_text(data)),
                "props": _props(kept, encode_props(_fields(data))),
                "methods": kept.get(
                    "methods", ["TEST" if data["kind"] == "test_run" else "EXAMINE"]
                ),
                "collected": kept.get("collected", oscal_date(collected)),
            },
            relevant_evidence=kept.get("relevant-evidence")
            or (
                [{"href": href, "description": line(evidence_title(data), record.id)}]
                if href and " " not in href
                else []
            ),
        )

    def risk(self, risk: Risk, index: int) -> dict[str, Any]:
        a, data = self.assessment, self.data["risks"][index]
        standard = ["id", "statement", "deadline", "mitigating_factors", "remediated_by", "log"]
        standard += ["links", "likelihood", "impact"]
        if risk.status is not RiskStatus.ACCEPTED:  # else kept as a property: OSCAL has none
            standard.append("status")
        fields = _fields(data, *standard)
        fields["id"] = risk.id
        kept = _kept(risk.extra, "risk")
        obj: dict[str, Any] = {
            **kept,
            "uuid": _uuid("risk", a, risk.id, risk.extra),
            "title": kept.get("title", line(risk.statement, risk.id)),
            "description": kept.get("description", risk.statement),
            "statement": risk.statement,
            "props": _props(kept, encode_props(fields)),
            "status": RISK_STATUSES[risk.status],
        }
        _with(
            obj,
            links=_links(data.get("links")),
            characterizations=self.characterizations(risk, kept.get("characterizations", [])),
            mitigating_factors=[
                {"uuid": _uuid("mitigating-factor", a, f"{risk.id}/{i}", {}), "description": text}
                for i, text in enumerate(risk.mitigating_factors)
            ],
            deadline=oscal_date(risk.deadline) if risk.deadline else None,
            remediations=[
                self.remediation(risk, self.items_by_id(item_id)) for item_id in risk.remediated_by
            ],
        )
        if risk.log:
            obj["risk-log"] = {"entries": [self.log_entry(risk, i) for i in range(len(risk.log))]}
        return obj

    def items_by_id(self, item_id: str) -> WorkItem:
        return self.items[item_id]

    def characterizations(self, risk: Risk, kept: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Kept characterizations of an imported risk, and ours: likelihood, impact, level."""
        facets = [
            {"name": name, "system": _FACETS, "value": _LEVELS[level]}
            for name, level in (("likelihood", risk.likelihood), ("impact", risk.impact))
            if level is not None
        ]
        level = self.evaluation.risk(risk.id).level
        if level is not None:
            facets.append({"name": "risk", "system": _FACETS, "value": _LEVELS[level]})
        others = [c for c in kept if not _is_our_characterization(c, _tool_uuid(self.assessment))]
        if not facets:
            return others
        return [*others, {"origin": _origin(self.assessment)[0], "facets": facets}]

    def remediation(self, risk: Risk, item: WorkItem) -> dict[str, Any]:
        a = self.assessment
        tasks: list[dict[str, Any]] = [
            {
                "uuid": _uuid("task", a, f"{risk.id}/{item.id}/{i}", {}),
                "type": "action",
                "title": line(text, f"task {i + 1}"),
            }
            for i, text in enumerate(item.tasks)
        ]
        milestone = next((m for m in a.milestones if m.id == item.milestone), None)
        if milestone is not None:
            tasks.append(self.milestone_task(risk, item, milestone))
        elif item.due is not None:
            tasks.append(
                {
                    "uuid": _uuid("task", a, f"{risk.id}/{item.id}/due", {}),
                    "type": "milestone",
                    "title": f"{line(item.title, item.id)} due",
                    "timing": {"on-date": {"date": oscal_date(item.due)}},
                }
            )
        done = item.status.progress is Progress.DONE
        lifecycle = "completed" if done else "planned"
        if item.kind in _LIFECYCLES and (item.kind == "completed") == done:
            lifecycle = item.kind  # a response read from OSCAL: its lifecycle as it was
        response = item.extra.get(KEPT, {}).get("response", {})
        kept = {k: v for k, v in response.items() if k in _ALLOWED["response"]}
        ours = [{"name": "item", "ns": NAMESPACE, "value": item.id}]
        return _with(
            {
                **kept,
                "uuid": response.get("uuid") or _uuid("response", a, f"{risk.id}/{item.id}", {}),
                "lifecycle": lifecycle,
                "title": line(item.title, item.id),
                "description": kept.get("description")
                or item.requirement
                or item.impact
                or item.title,
                "props": _props(kept, ours),
            },
            tasks=tasks,
        )

    def milestone_task(self, risk: Risk, item: WorkItem, milestone: Milestone) -> dict[str, Any]:
        kept = _kept(milestone.extra, "task")
        uid = _uuid("task", self.assessment, f"{risk.id}/{item.id}/{milestone.id}", {})
        task: dict[str, Any] = {
            **kept,
            "uuid": milestone.extra.get(KEPT, {}).get("uuid", uid),
            "type": "milestone",
            "title": line(milestone.name, milestone.id),
            "props": _props(kept, [{"name": "milestone", "ns": NAMESPACE, "value": milestone.id}]),
        }
        planned = milestone.planned
        if planned is not None and "timing" not in kept:
            end = planned.latest - dt.timedelta(seconds=1)
            task["timing"] = {
                "within-date-range": {"start": oscal_date(planned.earliest), "end": oscal_date(end)}
            }
        return task

    def log_entry(self, risk: Risk, index: int) -> dict[str, Any]:
        entry = risk.log[index]
        obj = _with(
            {
                "uuid": _uuid("risk-log", self.assessment, f"{risk.id}/{index}", {}),
                "title": line(entry.text, "Risk log entry"),
                "description": entry.text,
                "start": oscal_date(entry.date),
            },
            logged_by=[{"party-uuid": self.party(entry.author)}] if entry.author else [],
            status_change=RISK_STATUSES[entry.status] if entry.status else None,
        )
        fields: dict[str, Any] = {}
        if entry.status is RiskStatus.ACCEPTED:  # OSCAL has no "accepted"
            fields["status"] = entry.status.value
        return _with(obj, props=encode_props(fields))

    def finding_uuids(self) -> list[tuple[str, Finding]]:
        findings = self.evaluation.findings
        return [
            (str(uuid.uuid5(UUID_NAMESPACE, f"finding\x1f{self.assessment.id}\x1f{key}")), found)
            for key, found in zip(fingerprints(findings), findings, strict=True)
        ]

    def findings(self) -> list[dict[str, Any]]:
        a = self.assessment
        titles = {rule.code: rule.title for rule in catalogue()}
        evidence = {e.id for e in a.evidence}
        risks = {r.id: r for r in a.risks}
        out = []
        for uid, finding in self.finding_uuids():
            props = [
                {"name": "code", "ns": NAMESPACE, "class": "derived", "value": str(finding.code)},
                {
                    "name": "severity",
                    "ns": NAMESPACE,
                    "class": "derived",
                    "value": finding.severity.value,
                },
            ]
            if finding.suppressed_by is not None:
                why = line(finding.suppressed_by.justification, "suppressed")
                props.append(
                    {"name": "suppressed", "ns": NAMESPACE, "class": "derived", "value": why}
                )
            code = str(finding.code)
            out.append(
                _with(
                    {
                        "uuid": uid,
                        "title": line(titles.get(code, code), code),
                        "description": finding.message,
                        "props": props,
                        "origins": _origin(a),
                        "target": {
                            "type": "objective-id",
                            "target-id": code,
                            "status": {"state": "not-satisfied"},
                        },
                    },
                    related_observations=[
                        {"observation-uuid": self.evidence_uuid(i)}
                        for i in finding.ids
                        if i in evidence
                    ],
                    related_risks=[
                        {"risk-uuid": _uuid("risk", a, i, risks[i].extra)}
                        for i in finding.ids
                        if i in risks
                    ],
                )
            )
        return out


def _is_our_characterization(characterization: Mapping[str, Any], tool: str) -> bool:
    actors = characterization.get("origin", {}).get("actors", [])
    return any(actor.get("actor-uuid") == tool for actor in actors)


def to_oscal_poam(
    assessment: Assessment,
    evaluation: Evaluation | None = None,
    *,
    as_of: dt.date | dt.datetime | None = None,
    policy: Policy | None = None,
) -> dict[str, Any]:
    """*assessment* (and its *evaluation*) as an OSCAL 1.1 POA&M document, as JSON data.

    Args:
        assessment: The assessment.
        evaluation: Its evaluation; without it, the assessment is evaluated
            as of *as_of* (or its date) under *policy*.
        as_of: The evaluation date, when no *evaluation* is given.
        policy: The policy, when no *evaluation* is given.

    The same assessment and evaluation always give the same document (its
    UUIDs are derived from the ids; nothing depends on the clock).
    """
    if evaluation is None:
        evaluation = evaluate(assessment, as_of=as_of, policy=policy)
    return _Export(assessment, evaluation).document()
