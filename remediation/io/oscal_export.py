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
    ('1.1.3', 14)
    >>> poam["uuid"] == to_oscal_poam(plan)["plan-of-action-and-milestones"]["uuid"]
    True
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Mapping
from typing import Any

from remediation.evaluation.fingerprints import fingerprints
from remediation.evaluation.results import Evaluation, Finding, ItemEvaluation
from remediation.evaluator import evaluate
from remediation.io.oscal import (
    NAMESPACE,
    OSCAL_VERSION,
    UUID_NAMESPACE,
    encode_props,
    evidence_text,
    evidence_title,
    line,
    oscal_date,
)
from remediation.io.oscal_risk_writing import RiskWriting
from remediation.io.oscal_writing import (
    fields_of,
    kept_of,
    links_of,
    origin_of,
    props_of,
    tool_uuid,
    uuid_of,
    with_optional,
)
from remediation.model.policy import Policy
from remediation.model.records import Assessment, WorkItem
from remediation.rules import catalogue

__all__ = ["NOT_CARRIED", "to_oscal_poam"]

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
_TOOL = "remediation"


class _Export(RiskWriting):
    """One export: the document, its metadata, POA&M items, observations and findings."""

    def document(self) -> dict[str, Any]:
        a = self.assessment
        poam: dict[str, Any] = {"uuid": uuid_of("assessment", a, a.id, a.extra)}
        kept = kept_of(a.extra)
        poam["metadata"] = {}  # filled last: the parties are known once everything is written
        poam["system-id"] = kept.pop("system-id", None) or {
            "identifier-type": NAMESPACE,
            "id": line(a.id, "assessment"),
        }
        local = kept.pop("local-definitions", {})
        ours = {
            "uuid": tool_uuid(a),
            "type": "software",
            "title": _TOOL,
            "description": "The library that wrote this POA&M from an assessment and its "
            "evaluation; the origin of its characterizations and findings.",
            "status": {"state": "operational"},
        }
        poam["local-definitions"] = {**local, "components": [*local.get("components", []), ours]}
        with_optional(
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
        header = fields_of(header, "schema_version", "kind", *_HEADER_STANDARD)
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
        metadata["version"] = kept.get("version", str(a.date) if a.date else "undated")
        metadata["oscal-version"] = OSCAL_VERSION
        props = [p for p in kept.get("props", []) if p.get("ns") != NAMESPACE] + props
        with_optional(metadata, props=props, links=links_of(data.get("links")))
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
        return with_optional(
            metadata, roles=roles, parties=parties, responsible_parties=responsible
        )

    def poam_item(self, group: str, item: WorkItem) -> dict[str, Any]:
        a, result = self.assessment, self.evaluation
        data = self.item_data[item.id]
        fields = fields_of(data, "links", "evidence", "addresses")
        if item.title == line(item.title, item.id):
            del fields["title"]
        fields["group"] = group
        derived = self.item_results[item.id]
        props = encode_props(fields) + [
            {"name": name, "ns": NAMESPACE, "class": "derived", "value": value}
            for name, value in (
                ("credit", f"{derived.credit:g}"),
                ("blocked", str(item.id in result.blocked).lower()),
                ("overdue", str(item.id in result.overdue).lower()),
            )
        ]
        risks = [r for r in a.risks if item.id in r.remediated_by]
        findings = [uid for uid, finding in self.finding_uuids if item.id in finding.ids]
        kept = kept_of(item.extra, "poam-item")
        return with_optional(
            {
                **kept,
                "uuid": uuid_of("item", a, item.id, item.extra),
                "title": line(item.title, item.id),
                "description": kept.get("description")
                or item.requirement
                or item.impact
                or item.title,
            },
            props=props_of(kept, props),
            links=links_of(data.get("links")),
            related_findings=kept.get("related-findings", [])
            + [{"finding-uuid": uid} for uid in findings],
            related_observations=[
                {"observation-uuid": self.evidence_uuid(e)} for e in item.evidence
            ],
            related_risks=[{"risk-uuid": uuid_of("risk", a, r.id, r.extra)} for r in risks],
        )

    def observation(self, index: int) -> dict[str, Any]:
        a = self.assessment
        record, data = a.evidence[index], self.data["evidence"][index]
        when = getattr(record, "ran_at", None) or getattr(record, "measured_at", None)
        collected = when or a.date or self.evaluation.as_of
        href = getattr(record, "url", None) or getattr(record, "path", None)
        kept = kept_of(record.extra, "observation")
        return with_optional(
            {
                **kept,
                "uuid": uuid_of("evidence", a, record.id, record.extra),
                "title": kept.get("title", line(evidence_title(data), record.id)),
                "description": kept.get("description", evidence_text(data)),
                "props": props_of(kept, encode_props(fields_of(data))),
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

    @functools.cached_property
    def item_results(self) -> dict[str, ItemEvaluation]:
        return {each.id: each for each in self.evaluation.items}

    @functools.cached_property
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
        for uid, finding in self.finding_uuids:
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
                with_optional(
                    {
                        "uuid": uid,
                        "title": line(titles.get(code, code), code),
                        "description": finding.message,
                        "props": props,
                        "origins": origin_of(a),
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
                        {"risk-uuid": uuid_of("risk", a, i, risks[i].extra)}
                        for i in finding.ids
                        if i in risks
                    ],
                )
            )
        return out


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

    Raises:
        ValueError: The assessment has no work items (a POA&M has at least one item).
    """
    if not assessment.items:
        msg = (
            f"assessment {assessment.id!r} has no work items: an OSCAL POA&M holds at least "
            "one POA&M item"
        )
        raise ValueError(msg)
    if evaluation is None:
        evaluation = evaluate(assessment, as_of=as_of, policy=policy)
    return _Export(assessment, evaluation).document()
