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

import contextlib
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from remediation.exceptions import (
    DocumentError,
    InvalidValueError,
    MissingFieldError,
    PlanValidationError,
)
from remediation.io.errors import type_name
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
    oscal_date,
    record_uuid,
)
from remediation.io.oscal_export import RISK_STATUSES
from remediation.model.records import Assessment
from remediation.model.risk import Level, RiskStatus

__all__ = ["from_oscal_poam"]

_ROOT = "$.plan-of-action-and-milestones"
_STATUSES = {
    text: status for status, text in RISK_STATUSES.items() if status is not RiskStatus.ACCEPTED
}
_LEVELS = {level.value.replace("_", "-"): level.value for level in Level}
_LEVELS |= {level.value: level.value for level in Level}
_LEVELS |= {level.value.replace("_", " "): level.value for level in Level}
_PREPARED_BY = {"id": "prepared-by", "title": "Prepared By"}
_ITEM_KEYS = {"uuid", "title", "props", "links", "related-observations", "related-risks"}
_RISK_KEYS = {"uuid", "statement", "status", "deadline", "mitigating-factors", "remediations"}
_RISK_KEYS |= {"risk-log", "links", "props"}
_OBSERVATION_KEYS = {"uuid", "props"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class _Import:
    """One import: the problems found, the ids taken, the UUIDs met and what they became."""

    def __init__(self) -> None:
        self.errors: list[DocumentError] = []
        self.taken: set[str] = set()
        self.ids: dict[str, str] = {}  # OSCAL UUID -> the id of the record it became
        self.places: list[tuple[str, str]] = []  # library path -> OSCAL path
        self.assessment_id = ""
        self.parties: dict[object, object] = {}
        self.records: dict[str, dict[str, Any]] = {}  # work items by id, as they are read
        self.modified = ""  # the metadata's last-modified

    # -- reading values, each problem noted with its path --

    def mapping(self, value: object, where: str) -> Mapping[str, Any]:
        if isinstance(value, Mapping):
            return value
        self.errors.append(
            InvalidValueError(
                where, f"expected an object, got {type_name(value)}", code="wrong-type"
            )
        )
        return {}

    def objects(self, value: object, where: str) -> list[tuple[str, Mapping[str, Any]]]:
        """The objects of an OSCAL array, each with its path."""
        if value is None:
            return []
        if not isinstance(value, list):
            msg = f"expected an array, got {type_name(value)}"
            self.errors.append(InvalidValueError(where, msg, code="wrong-type"))
            return []
        return [(f"{where}[{i}]", self.mapping(v, f"{where}[{i}]")) for i, v in enumerate(value)]

    def text(self, obj: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = obj.get(key)
        if isinstance(value, str):
            return value
        if value is None and not required:
            return ""
        if value is None:
            self.errors.append(MissingFieldError(f"{where}.{key}", "required by OSCAL, missing"))
        else:
            msg = f"expected a string, got {type_name(value)}"
            self.errors.append(InvalidValueError(f"{where}.{key}", msg, code="wrong-type"))
        return ""

    def date(self, obj: Mapping[str, Any], key: str, where: str) -> str | None:
        """An OSCAL date-time as the day it names (in its own zone), ISO 8601."""
        value = obj.get(key)
        if value is None:
            return None
        try:
            return dt.datetime.fromisoformat(str(value)).date().isoformat()
        except ValueError:
            msg = f"expected an OSCAL date-time such as 2025-09-30T00:00:00Z, got {value!r}"
            self.errors.append(InvalidValueError(f"{where}.{key}", msg, code="malformed-date"))
            return None

    def props(self, obj: Mapping[str, Any], where: str) -> dict[str, Any]:
        try:
            return dict(decode_props(obj.get("props"), where))
        except DocumentError as error:
            self.errors.append(error)
            return {}

    def new_id(self, wanted: str, fallback: str) -> str:
        """A fresh id: *wanted* as a slug, numbered when taken."""
        stem = _slug(wanted) or fallback
        chosen, number = stem, 1
        while chosen in self.taken:
            number += 1
            chosen = f"{stem}-{number}"
        self.taken.add(chosen)
        return chosen

    def keep(
        self,
        kind: str,
        record_id: str,
        obj: Mapping[str, Any],
        mapped: set[str],
        defaults: Mapping[str, Any],
    ) -> dict[str, Any]:
        """What *obj* says that the record has no field for; its UUID when not derived.

        *defaults* are the values the export writes for the record: a field
        holding its default says nothing more.
        """
        kept = {k: v for k, v in obj.items() if k not in mapped and k != "uuid"}
        kept = {k: v for k, v in kept.items() if k not in defaults or defaults[k] != v}
        props = [p for p in obj.get("props", []) if not is_ours(p)]
        kept.pop("props", None)
        if props:
            kept["props"] = props
        uid = obj.get("uuid")
        if isinstance(uid, str) and uid != record_uuid(kind, self.assessment_id, record_id, {}):
            kept["uuid"] = uid
        return kept

    # -- the document --

    def document(self, data: object) -> dict[str, Any]:
        root = self.mapping(data, "$")
        if root and "plan-of-action-and-milestones" not in root:
            found = ", ".join(sorted(map(str, root))) or "nothing"
            msg = f"expected an OSCAL plan of action and milestones, found {found}"
            self.errors.append(MissingFieldError(_ROOT, msg))
        poam = self.mapping(root.get("plan-of-action-and-milestones", {}), _ROOT)
        metadata = self.mapping(poam.get("metadata"), f"{_ROOT}.metadata")
        if poam and "metadata" not in poam:
            self.errors.append(MissingFieldError(f"{_ROOT}.metadata", "required by OSCAL, missing"))
        for key in ("last-modified", "version", "oscal-version"):
            if metadata:
                self.text(metadata, key, f"{_ROOT}.metadata")
        self.text(poam, "uuid", _ROOT)
        items = self.objects(poam.get("poam-items"), f"{_ROOT}.poam-items")
        if poam and not items:
            msg = "required by OSCAL: at least one POA&M item"
            self.errors.append(MissingFieldError(f"{_ROOT}.poam-items", msg))
        header = dict(decode_props(metadata.get("props"), f"{_ROOT}.metadata"))
        body = self.header(poam, metadata, header)
        self.groups(body, metadata)
        observations = self.objects(poam.get("observations"), f"{_ROOT}.observations")
        body["evidence"] = [self.observation(obj, where) for where, obj in observations]
        risks = self.objects(poam.get("risks"), f"{_ROOT}.risks")
        for where, risk in risks:  # ids first: items refer to risks, risks to items
            self.risk_id(risk, where)
        self.poam_items(body, items, risks)
        body["risks"] = [self.risk(body, obj, where) for where, obj in risks]
        findings = [obj for _, obj in self.objects(poam.get("findings"), f"{_ROOT}.findings")]
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
        where = f"{_ROOT}.metadata"
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
        for name, value in decode_props(metadata.get("props"), f"{_ROOT}.metadata"):
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
        return _with_kept(record, kept)

    def collected(self, record: Mapping[str, Any]) -> set[str]:
        """The times the export writes as when a piece of evidence was collected."""
        when = record.get("ran_at") or record.get("measured_at")
        times = {self.modified}
        if isinstance(when, str):
            with contextlib.suppress(ValueError):  # not a time: nothing to compare
                times.add(oscal_date(dt.datetime.fromisoformat(when)))
        return times

    def places_of(self, prefix: str) -> list[str]:
        return [p for p, _ in self.places if p.startswith(prefix + "[")]

    def remember(self, obj: Mapping[str, Any], record_id: str) -> None:
        uid = obj.get("uuid")
        if isinstance(uid, str):
            self.ids[uid] = record_id

    def risk_id(self, obj: Mapping[str, Any], where: str) -> None:
        fields = self.props(obj, where)
        if "id" in fields:
            record_id = str(fields["id"])
            self.taken.add(record_id)
        else:
            title = self.text(obj, "title", where)
            record_id = self.new_id(title, "risk")
        self.remember(obj, record_id)

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
            record.update(_with_kept(record, kept))
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

    def risk(self, body: dict[str, Any], obj: Mapping[str, Any], where: str) -> dict[str, Any]:
        fields = self.props(obj, where)
        record_id = (
            self.ids[str(obj.get("uuid"))]
            if str(obj.get("uuid")) in self.ids
            else self.new_id("risk", "risk")
        )
        record: dict[str, Any] = {"id": record_id, "statement": self.text(obj, "statement", where)}
        status = obj.get("status")
        if status not in _STATUSES and "status" not in fields:
            allowed = ", ".join(sorted(_STATUSES))
            msg = f"expected one of {allowed}, got {status!r}"
            self.errors.append(InvalidValueError(f"{where}.status", msg))
        elif status in _STATUSES and _STATUSES[status] is not RiskStatus.OPEN:
            record["status"] = _STATUSES[status].value
        for name in ("likelihood", "impact"):
            level = self.facet(obj, name, where)
            if level is not None:
                record[name] = level
        record.update({k: v for k, v in fields.items() if k != "id"})
        deadline = self.date(obj, "deadline", where)
        if deadline is not None:
            record["deadline"] = deadline
        factors = self.objects(obj.get("mitigating-factors"), f"{where}.mitigating-factors")
        if factors:
            record["mitigating_factors"] = [self.text(f, "description", w) for w, f in factors]
        links = [link.get("href") for _, link in self.objects(obj.get("links"), f"{where}.links")]
        if links:
            record["links"] = links
        remediated = [
            self.remediation(body, record_id, response, w)
            for w, response in self.objects(obj.get("remediations"), f"{where}.remediations")
        ]
        if remediated:
            record["remediated_by"] = remediated
        log = self.mapping(obj.get("risk-log", {}), f"{where}.risk-log")
        entries = self.objects(log.get("entries"), f"{where}.risk-log.entries")
        if entries:
            record["log"] = [self.log_entry(entry, w) for w, entry in entries]
        statement = record["statement"]
        defaults = {"title": line(statement, record_id), "description": statement}
        kept = self.keep("risk", record_id, obj, _RISK_KEYS, defaults)
        kept.pop("characterizations", None)
        if _others(obj):
            kept["characterizations"] = _others(obj)
        self.places.append((f"$.risks[{len(self.places_of('$.risks'))}]", where))
        return _with_kept(record, kept)

    def facet(self, obj: Mapping[str, Any], name: str, where: str) -> str | None:
        for characterization in obj.get("characterizations", []):
            for facet in (
                characterization.get("facets", []) if isinstance(characterization, Mapping) else []
            ):
                if isinstance(facet, Mapping) and facet.get("name") == name:
                    value = str(facet.get("value", "")).lower()
                    if value in _LEVELS:
                        return _LEVELS[value]
        return None

    def remediation(
        self, body: dict[str, Any], risk_id: str, response: Mapping[str, Any], where: str
    ) -> str:
        """The id of the work item a response is: one of the POA&M's, or a new one."""
        named = [
            p.get("value")
            for p in response.get("props", [])
            if is_ours(p) and p.get("name") == "item"
        ]
        if named and str(named[0]) in self.records:
            item = self.records[str(named[0])]
            default = item.get("requirement") or item.get("impact") or item["title"]
            mapped = {"title", "lifecycle", "tasks"}
            kept = self.keep(
                "response", f"{risk_id}/{named[0]}", response, mapped, {"description": default}
            )
            if kept:
                item.update(_with_kept(item, {"response": kept}))
            return str(named[0])
        title = self.text(response, "title", where)
        record: dict[str, Any] = {"id": self.new_id(title, "remediation"), "title": title}
        lifecycle = response.get("lifecycle")
        if isinstance(lifecycle, str):
            record["kind"] = lifecycle
        if lifecycle == "completed":
            record["status"] = "done"
        tasks = self.objects(response.get("tasks"), f"{where}.tasks")
        record["tasks"] = [
            self.text(t, "title", w) for w, t in tasks if t.get("type") != "milestone"
        ]
        for task_where, task in tasks:
            if task.get("type") == "milestone":
                record["milestone"] = self.milestone(body, task, task_where)
        if not record["tasks"]:
            del record["tasks"]
        kept = self.keep("item", str(record["id"]), response, {"title", "lifecycle", "tasks"}, {})
        if isinstance(response.get("uuid"), str):
            kept["uuid"] = response["uuid"]
        kept = {"response": kept}
        phases = body.setdefault("phases", [])
        holder = next(
            (p for p in phases if p.get("extra", {}).get(KEPT, {}).get("remediations")), None
        )
        if holder is None:
            holder = {
                "id": self.new_id("remediations", "phase"),
                "title": "Remediations",
                "items": [],
                "extra": {KEPT: {"remediations": True}},
            }
            phases.append(holder)
        index = phases.index(holder)
        self.places.append((f"$.phases[{index}].items[{len(holder['items'])}]", where))
        holder["items"].append(_with_kept(record, kept))
        return str(record["id"])

    def milestone(self, body: dict[str, Any], task: Mapping[str, Any], where: str) -> str:
        title = self.text(task, "title", where)
        record: dict[str, Any] = {"id": self.new_id(title, "milestone"), "name": title}
        timing = task.get("timing", {})
        timing = timing if isinstance(timing, Mapping) else {}
        if "on-date" in timing:
            record["due"] = self.date(timing["on-date"], "date", f"{where}.timing.on-date")
        elif "within-date-range" in timing:
            record["due"] = self.date(
                timing["within-date-range"], "end", f"{where}.timing.within-date-range"
            )
        kept = self.keep("milestone", str(record["id"]), task, {"title", "type"}, {})
        if isinstance(task.get("uuid"), str):
            kept["uuid"] = task["uuid"]
        body.setdefault("milestones", []).append(
            _with_kept({k: v for k, v in record.items() if v is not None}, kept)
        )
        return str(record["id"])

    def log_entry(self, entry: Mapping[str, Any], where: str) -> dict[str, Any]:
        fields = self.props(entry, where)
        record: dict[str, Any] = {"date": self.date(entry, "start", where) or ""}
        if "start" not in entry:
            self.errors.append(MissingFieldError(f"{where}.start", "required by OSCAL, missing"))
        told = "description" if "description" in entry else "title"
        text = self.text(entry, told, where, required=False)
        if text:
            record["text"] = text
        for logged in entry.get("logged-by", []):
            name = (
                self.parties.get(logged.get("party-uuid")) if isinstance(logged, Mapping) else None
            )
            if isinstance(name, str):
                record["author"] = name
                break
        change = entry.get("status-change")
        if "status" in fields:
            record["status"] = fields["status"]
        elif change in _STATUSES:
            record["status"] = _STATUSES[change].value
        elif change is not None:
            allowed = ", ".join(sorted(_STATUSES))
            self.errors.append(
                InvalidValueError(
                    f"{where}.status-change", f"expected one of {allowed}, got {change!r}"
                )
            )
        return record

    def translated(self, error: DocumentError) -> DocumentError:
        """*error* of the library's document, at the place of the OSCAL document it came from."""
        best = max(
            (p for p in self.places if error.path.startswith(p[0])),
            key=lambda p: len(p[0]),
            default=None,
        )
        if best is None:
            return DocumentError(
                f"{_ROOT}.metadata", f"{error.path}: {error.detail}", code=error.code
            )
        rest = error.path[len(best[0]) :].lstrip(".")
        return DocumentError(
            best[1], f"{rest}: {error.detail}" if rest else error.detail, code=error.code
        )


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


def _others(obj: Mapping[str, Any]) -> list[Any]:
    """The characterizations of a risk that this library did not write."""
    return [
        c
        for c in obj.get("characterizations", [])
        if not any(a.get("type") == "tool" for a in c.get("origin", {}).get("actors", []))
    ]


def _with_kept(record: dict[str, Any], kept: Mapping[str, Any]) -> dict[str, Any]:
    if not kept:
        return record
    extra = dict(record.get("extra", {}))
    extra[KEPT] = {**extra.get(KEPT, {}), **kept}
    return {**record, "extra": extra}


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
        >>> back.items == plan.items and back.evidence == plan.evidence
        True
    """
    reading = _Import()
    body = reading.document(data)
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
