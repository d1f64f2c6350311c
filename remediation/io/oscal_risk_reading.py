"""An OSCAL risk read into a risk: status, deadline, facets, mitigating factors, log.

Each ``remediation`` of the risk is a work item that remediates it: the item
this library wrote it for (named by its property ``item``), or a new one in a
phase "Remediations" (done when ``completed``; its ``lifecycle`` is its kind);
its milestone tasks are milestones, due on the last day of their timing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from remediation.exceptions import InvalidValueError, MissingFieldError
from remediation.io.oscal import KEPT, is_ours, line
from remediation.io.oscal_reading import Reading, with_kept
from remediation.io.oscal_writing import RISK_STATUSES
from remediation.model.risk import Level, RiskStatus

__all__ = ["STATUSES", "RiskReading"]

STATUSES = {
    text: status for status, text in RISK_STATUSES.items() if status is not RiskStatus.ACCEPTED
} | {"risk-accepted": RiskStatus.ACCEPTED, "accepted": RiskStatus.ACCEPTED}
"""A risk status of OSCAL as a status of the library: OSCAL's six, and an acceptance.

OSCAL allows other statuses; the library holds no status it does not know, so
another one is refused with its path (rather than read as something it is not).
"""
_LEVELS = {level.value.replace("_", "-"): level.value for level in Level}
_LEVELS |= {level.value: level.value for level in Level}
_LEVELS |= {level.value.replace("_", " "): level.value for level in Level}
_RISK_KEYS = {"uuid", "statement", "status", "deadline", "mitigating-factors", "remediations"}
_RISK_KEYS |= {"risk-log", "links", "props"}


class RiskReading(Reading):
    """The risks of one import."""

    def risk_id(self, obj: Mapping[str, Any], where: str) -> None:
        fields = self.props(obj, where)
        if "id" in fields:
            record_id = str(fields["id"])
            self.taken.add(record_id)
        else:
            title = self.text(obj, "title", where)
            record_id = self.new_id(title, "risk")
        self.remember(obj, record_id)

    def risk(self, body: dict[str, Any], obj: Mapping[str, Any], where: str) -> dict[str, Any]:
        fields = self.props(obj, where)
        record_id = (
            self.ids[str(obj.get("uuid"))]
            if str(obj.get("uuid")) in self.ids
            else self.new_id("risk", "risk")
        )
        record: dict[str, Any] = {"id": record_id, "statement": self.text(obj, "statement", where)}
        status = obj.get("status")
        if status not in STATUSES and "status" not in fields:
            allowed = ", ".join(sorted(STATUSES))
            msg = f"expected one of {allowed} (no other status can be held), got {status!r}"
            self.errors.append(InvalidValueError(f"{where}.status", msg))
        elif status in STATUSES and STATUSES[status] is not RiskStatus.OPEN:
            record["status"] = STATUSES[status].value
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
        return with_kept(record, kept)

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
                item.update(with_kept(item, {"response": kept}))
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
        holder["items"].append(with_kept(record, kept))
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
            with_kept({k: v for k, v in record.items() if v is not None}, kept)
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
        elif change in STATUSES:
            record["status"] = STATUSES[change].value
        elif change is not None:
            allowed = ", ".join(sorted(STATUSES))
            self.errors.append(
                InvalidValueError(
                    f"{where}.status-change", f"expected one of {allowed}, got {change!r}"
                )
            )
        return record


def _others(obj: Mapping[str, Any]) -> list[Any]:
    """The characterizations of a risk that this library did not write."""
    return [
        c
        for c in obj.get("characterizations", [])
        if not any(a.get("type") == "tool" for a in c.get("origin", {}).get("actors", []))
    ]
