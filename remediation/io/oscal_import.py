"""An OSCAL plan of action and milestones (POA&M) read into an assessment.

:func:`from_oscal_poam` reads a ``plan-of-action-and-milestones`` document
(JSON data, OSCAL 1.0 or 1.1) into an :class:`~remediation.Assessment`,
keeping what the library can hold (``docs/oscal.md`` has the mapping):

- a POA&M this library wrote comes back as it was: its records are read from
  the properties in :data:`~remediation.io.oscal.NAMESPACE` and the standard
  fields, so a round trip keeps everything that both sides can hold;
- any other POA&M (written by hand or by another tool) gives a phase of work
  items from its ``poam-items`` (done when every risk they relate to is
  closed, otherwise of unknown status), a phase of work items from its risks'
  ``remediations`` (done when ``completed``), its risks (status, deadline,
  likelihood and impact facets, mitigating factors, risk log), milestones from
  its milestone tasks (due on the last day of their timing) and a note for
  each observation. Ids are made from titles (``weakness-name``).

What an OSCAL object says that the record has no field for is kept in the
record's ``extra["oscal"]`` (its UUID among it) and written back by
:func:`~remediation.io.oscal_export.to_oscal_poam`. Findings are derived by the
evaluation, so the findings this library wrote are left out; another tool's
are kept in the assessment's ``extra["oscal"]["findings"]``.

Every problem is reported at once, as a
:class:`~remediation.exceptions.PlanValidationError` whose errors name the
JSON path in the OSCAL document (``$.plan-of-action-and-milestones.risks[0].status``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from remediation.exceptions import (
    DocumentError,
    InvalidValueError,
    MissingFieldError,
    PlanValidationError,
)
from remediation.io.formats import from_data
from remediation.io.migrations import SCHEMA_VERSION
from remediation.io.oscal import (
    KEPT,
    NAMESPACE,
    decode_props,
    evidence_text,
    evidence_title,
    is_ours,
    line,
    record_uuid,
)
from remediation.io.oscal_reading import ROOT, shape_errors, with_kept
from remediation.io.oscal_risk_reading import RiskReading
from remediation.model.records import Assessment

__all__ = ["from_oscal_poam"]

_PREPARED_BY = {"id": "prepared-by", "title": "Prepared By"}
_ITEM_KEYS = {"uuid", "title", "props", "links", "related-observations", "related-risks"}
_OBSERVATION_KEYS = {"uuid", "props"}


class _Import(RiskReading):
    """One import: the document, its metadata, groups, POA&M items and observations."""

    def document(self, data: object) -> dict[str, Any]:
        root = self.mapping(data, "$")
        if root and "plan-of-action-and-milestones" not in root:
            found = ", ".join(sorted(map(str, root))) or "nothing"
            msg = f"expected an OSCAL plan of action and milestones, found {found}"
            self.errors.append(MissingFieldError(ROOT, msg))
        poam = self.mapping(root.get("plan-of-action-and-milestones", {}), ROOT)
        metadata = self.mapping(poam.get("metadata"), f"{ROOT}.metadata")
        if poam and "metadata" not in poam:
            self.errors.append(MissingFieldError(f"{ROOT}.metadata", "required by OSCAL, missing"))
        for key in ("last-modified", "version", "oscal-version"):
            if metadata:
                self.text(metadata, key, f"{ROOT}.metadata")
        self.text(poam, "uuid", ROOT)
        items = self.objects(poam.get("poam-items"), f"{ROOT}.poam-items")
        if poam and not items:
            msg = "required by OSCAL: at least one POA&M item"
            self.errors.append(MissingFieldError(f"{ROOT}.poam-items", msg))
        header = dict(decode_props(metadata.get("props"), f"{ROOT}.metadata"))
        body = self.header(poam, metadata, header)
        self.groups(body, metadata)
        observations = self.objects(poam.get("observations"), f"{ROOT}.observations")
        body["evidence"] = [self.observation(obj, where) for where, obj in observations]
        risks = self.objects(poam.get("risks"), f"{ROOT}.risks")
        for where, risk in risks:  # ids first: items refer to risks, risks to items
            self.risk_id(risk, where)
        self.poam_items(body, items, risks)
        body["risks"] = [self.risk(body, obj, where) for where, obj in risks]
        findings = [obj for _, obj in self.objects(poam.get("findings"), f"{ROOT}.findings")]
        foreign = [f for f in findings if not any(is_ours(p) for p in f.get("props", []))]
        if foreign:
            body.setdefault("extra", {}).setdefault(KEPT, {})["findings"] = foreign
        for key in ("phases", "next_steps", "milestones", "evidence", "risks"):
            if not body.get(key):
                body.pop(key, None)
        return body

    def header(
        self, poam: Mapping[str, Any], metadata: Mapping[str, Any], header: dict[str, Any]
    ) -> dict[str, Any]:
        ours = "id" in header
        where = f"{ROOT}.metadata"
        title = self.text(metadata, "title", where) if metadata else ""
        body: dict[str, Any] = {"title": title}
        body.update(
            {k: v for k, v in header.items() if k not in ("phase", "next-step", "milestone")}
        )
        system = poam.get("system-id")
        if not ours:
            named = system.get("id") if isinstance(system, Mapping) else None
            body["id"] = self.new_id(str(named or title), "poam")
            body["date"] = self.date(metadata, "last-modified", where)
            body["author"] = self.prepared_by(metadata)
        self.modified = str(metadata.get("last-modified"))
        self.assessment_id = str(body["id"])
        self.taken.add(self.assessment_id)
        links = [
            link.get("href") for _, link in self.objects(metadata.get("links"), f"{where}.links")
        ]
        if links and ours:
            body["links"] = links
        kept: dict[str, Any] = {
            k: v
            for k, v in poam.items()
            if k not in ("uuid", "metadata", "observations", "risks", "findings", "poam-items")
        }
        components = kept.get("local-definitions", {}).get("components", [])
        if ours and kept.get("system-id", {}).get("identifier-type") == NAMESPACE:
            kept.pop("system-id", None)
        if ours:
            local = dict(kept.pop("local-definitions", {}))
            others = [c for c in components if c.get("title") != "remediation"]
            if others:
                kept["local-definitions"] = {**local, "components": others}
        unmapped = {k: v for k, v in metadata.items() if k not in ("title", "last-modified")}
        unmapped.pop("oscal-version", None)
        if ours:
            unmapped = _foreign_metadata(unmapped, self.assessment_id, header.get("date"))
        if unmapped:
            kept["metadata"] = unmapped
        uid = poam.get("uuid")
        if isinstance(uid, str) and uid != record_uuid(
            "assessment", self.assessment_id, self.assessment_id, {}
        ):
            kept["uuid"] = uid
        if kept:
            extra = dict(body.get("extra", {}))
            extra[KEPT] = kept
            body["extra"] = extra
        self.parties = {
            p.get("uuid"): dict(decode_props(p.get("props"), w)).get("name", p.get("name"))
            for w, p in self.objects(metadata.get("parties"), f"{where}.parties")
        }
        return {k: v for k, v in body.items() if v is not None}

    def prepared_by(self, metadata: Mapping[str, Any]) -> str | None:
        names = {
            p.get("uuid"): p.get("name")
            for p in metadata.get("parties", [])
            if isinstance(p, Mapping)
        }
        for responsible in metadata.get("responsible-parties", []):
            if isinstance(responsible, Mapping) and responsible.get("role-id") == "prepared-by":
                for uid in responsible.get("party-uuids", []):
                    if isinstance(names.get(uid), str):
                        return str(names[uid])
        return None

    def groups(self, body: dict[str, Any], metadata: Mapping[str, Any]) -> None:
        """The phases, next steps and milestones this library wrote into the metadata."""
        for name, value in decode_props(metadata.get("props"), f"{ROOT}.metadata"):
            key = {"phase": "phases", "next-step": "next_steps", "milestone": "milestones"}.get(
                name
            )
            if key is not None and isinstance(value, Mapping):
                body.setdefault(key, []).append(
                    {**value, **({"items": []} if key != "milestones" else {})}
                )
                self.taken.add(str(value.get("id")))

    def observation(self, obj: Mapping[str, Any], where: str) -> dict[str, Any]:
        fields = self.props(obj, where)
        ours = "kind" in fields and "id" in fields
        if ours:
            record = fields
            record_id = str(fields["id"])
            self.taken.add(record_id)
        else:
            title = self.text(obj, "title", where, required=False)
            description = self.text(obj, "description", where)
            record_id = self.new_id(title or description[:40], "observation")
            record = {"kind": "note", "id": record_id, "text": description or title}
        # What the export writes for this evidence anyway is not kept.
        title = line(evidence_title(record), record_id)
        defaults: dict[str, Any] = {"title": title, "description": evidence_text(record)}
        defaults["methods"] = ["TEST" if record.get("kind") == "test_run" else "EXAMINE"]
        href = record.get("url") or record.get("path")
        if href:
            defaults["relevant-evidence"] = [{"href": href, "description": title}]
        kept = self.keep("evidence", record_id, obj, _OBSERVATION_KEYS, defaults)
        if kept.get("collected") in self.collected(record):
            del kept["collected"]
        self.remember(obj, record_id)
        self.places.append((f"$.evidence[{len(self.places_of('$.evidence'))}]", where))
        return with_kept(record, kept)

    def poam_items(
        self,
        body: dict[str, Any],
        items: list[tuple[str, Mapping[str, Any]]],
        risks: list[tuple[str, Mapping[str, Any]]],
    ) -> None:
        closed = {
            self.ids.get(str(obj.get("uuid"))): obj.get("status") == "closed" for _, obj in risks
        }
        groups = {g["id"]: g for key in ("phases", "next_steps") for g in body.get(key, [])}
        foreign: list[dict[str, Any]] = []
        for where, obj in items:
            fields = self.props(obj, where)
            ours = "id" in fields and "group" in fields
            title = self.text(obj, "title", where)
            related = [
                self.ids.get(str(r.get("risk-uuid")))
                for _, r in self.objects(obj.get("related-risks"), f"{where}.related-risks")
            ]
            if ours:
                record = {"title": title, **fields}
                group = str(record.pop("group"))
                self.taken.add(str(record["id"]))
            else:
                record = {"id": self.new_id(title, "item"), "title": title}
                if related and all(closed.get(r) for r in related):
                    record["status"] = "done"
                group = ""
            linked = self.objects(obj.get("links"), f"{where}.links")
            links = [link.get("href") for _, link in linked]
            evidence = [
                self.ids.get(str(o.get("observation-uuid")), str(o.get("observation-uuid")))
                for _, o in self.objects(
                    obj.get("related-observations"), f"{where}.related-observations"
                )
            ]
            record = {
                **record,
                **({"links": links} if links else {}),
                **({"evidence": evidence} if evidence else {}),
            }
            default = record.get("requirement") or record.get("impact") or record["title"]
            defaults = {"description": default}
            kept = self.keep("item", str(record["id"]), obj, _ITEM_KEYS, defaults)
            if ours:
                kept.pop("related-findings", None)
            self.records[str(record["id"])] = record
            record.update(with_kept(record, kept))
            self.remember(obj, str(record["id"]))
            if group in groups:
                holder = groups[group]
            elif ours:
                msg = f"names group {group!r}, which the metadata's properties do not declare"
                self.errors.append(InvalidValueError(f"{where}.props", msg))
                continue
            else:
                foreign.append(record)
                self.places.append((f"$.phases[?].items[{len(foreign) - 1}]", where))
                continue
            key = "phases" if holder in body.get("phases", []) else "next_steps"
            index = body[key].index(holder)
            self.places.append((f"$.{key}[{index}].items[{len(holder['items'])}]", where))
            holder["items"].append(record)
        if foreign:
            self.foreign_phase(body, "poam-items", "POA&M items", foreign)

    def foreign_phase(
        self, body: dict[str, Any], wanted: str, title: str, items: list[dict[str, Any]]
    ) -> None:
        phases = body.setdefault("phases", [])
        index = len(phases)
        phases.append({"id": self.new_id(wanted, "phase"), "title": title, "items": items})
        self.places = [
            (p.replace("$.phases[?]", f"$.phases[{index}]"), w)
            if p.startswith("$.phases[?]")
            else (p, w)
            for p, w in self.places
        ]


def _foreign_metadata(
    metadata: Mapping[str, Any], assessment_id: str, date: object
) -> dict[str, Any]:
    """The metadata of a POA&M this library wrote, but what it writes itself."""
    ours = {
        p.get("uuid") for p in metadata.get("parties", []) if any(map(is_ours, p.get("props", [])))
    }
    kept = {
        "version": metadata.get("version"),
        "props": [p for p in metadata.get("props", []) if not is_ours(p)],
        "parties": [p for p in metadata.get("parties", []) if p.get("uuid") not in ours],
        "roles": [r for r in metadata.get("roles", []) if r != _PREPARED_BY],
        "responsible-parties": [
            r
            for r in metadata.get("responsible-parties", [])
            if r.get("role-id") != "prepared-by" or not set(r.get("party-uuids", [])) <= ours
        ],
    }
    rest = {k: v for k, v in metadata.items() if k not in (*kept, "links")}
    if kept["version"] == (date if isinstance(date, str) else "undated"):
        del kept["version"]
    return rest | {k: v for k, v in kept.items() if v}


def from_oscal_poam(data: object) -> Assessment:
    """The assessment an OSCAL POA&M document (JSON data) holds.

    Raises:
        PlanValidationError: Every problem found, each naming its JSON path in
            the OSCAL document.

    Examples:
        >>> import remediation
        >>> from remediation.io.oscal_export import to_oscal_poam
        >>> plan = remediation.examples.issue_1176()
        >>> back = from_oscal_poam(to_oscal_poam(plan))
        >>> back.evidence == plan.evidence, back.items[3].status == plan.items[3].status
        (True, True)
        >>> back.criteria  # a POA&M has no success criteria
        ()
    """
    shapeless = shape_errors(data)
    if shapeless:
        raise PlanValidationError("not a valid OSCAL plan of action and milestones", shapeless)
    reading = _Import()
    try:
        body = reading.document(data)
    except DocumentError as error:  # a property that is not what its class says
        reading.errors.append(error)
        body = {}
    if reading.errors:
        raise PlanValidationError("not a valid OSCAL plan of action and milestones", reading.errors)
    try:
        result: Assessment = from_data(
            {"schema_version": SCHEMA_VERSION, "kind": "assessment", **body}, Assessment
        )
    except PlanValidationError as error:
        errors = [reading.translated(e) for e in error.errors]
        raise PlanValidationError(
            "the OSCAL plan of action and milestones does not make a valid assessment", errors
        ) from None
    except DocumentError as error:
        raise PlanValidationError(
            "the OSCAL plan of action and milestones does not make a valid assessment",
            [reading.translated(error)],
        ) from None
    return result
