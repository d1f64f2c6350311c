"""A risk as an OSCAL risk: status, deadline, facets, mitigating factors, remediations, log.

Each work item that remediates the risk is a ``remediation`` (a response,
``completed`` when the item is done, else ``planned``) whose tasks are the
item's sub-tasks (``action``) and its milestone or due date (``milestone``,
with its timing); the risk log's entries keep their date, author (a party),
text and status change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from remediation.io.oscal import KEPT, NAMESPACE, encode_props, line, oscal_date
from remediation.io.oscal_writing import (
    ALLOWED,
    RISK_STATUSES,
    Writing,
    fields_of,
    kept_of,
    links_of,
    origin_of,
    props_of,
    tool_uuid,
    uuid_of,
    with_optional,
)
from remediation.model.records import Milestone, Risk, WorkItem
from remediation.model.risk import Level, RiskStatus
from remediation.model.status import Progress

__all__ = ["RiskWriting"]

_LEVELS = {level: level.value.replace("_", "-") for level in Level}
_FACETS = "https://csrc.nist.gov/ns/oscal"
_LIFECYCLES = ("recommendation", "planned", "completed")


class RiskWriting(Writing):
    """The risks of one export."""

    def risk(self, risk: Risk, index: int) -> dict[str, Any]:
        a, data = self.assessment, self.data["risks"][index]
        standard = ["id", "statement", "deadline", "mitigating_factors", "remediated_by", "log"]
        standard += ["links", "likelihood", "impact"]
        if risk.status is not RiskStatus.ACCEPTED:  # else kept as a property: OSCAL has none
            standard.append("status")
        fields = fields_of(data, *standard)
        fields["id"] = risk.id
        kept = kept_of(risk.extra, "risk")
        obj: dict[str, Any] = {
            **kept,
            "uuid": uuid_of("risk", a, risk.id, risk.extra),
            "title": kept.get("title", line(risk.statement, risk.id)),
            "description": kept.get("description", risk.statement),
            "statement": risk.statement,
            "props": props_of(kept, encode_props(fields)),
            "status": RISK_STATUSES[risk.status],
        }
        with_optional(
            obj,
            links=links_of(data.get("links")),
            characterizations=self.characterizations(risk, kept.get("characterizations", [])),
            mitigating_factors=[
                {"uuid": uuid_of("mitigating-factor", a, f"{risk.id}/{i}", {}), "description": text}
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
        others = [c for c in kept if not _is_our_characterization(c, tool_uuid(self.assessment))]
        if not facets:
            return others
        return [*others, {"origin": origin_of(self.assessment)[0], "facets": facets}]

    def remediation(self, risk: Risk, item: WorkItem) -> dict[str, Any]:
        a = self.assessment
        tasks: list[dict[str, Any]] = [
            {
                "uuid": uuid_of("task", a, f"{risk.id}/{item.id}/{i}", {}),
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
                    "uuid": uuid_of("task", a, f"{risk.id}/{item.id}/due", {}),
                    "type": "milestone",
                    "title": f"{line(item.title, item.id)} due",
                    "timing": {"on-date": {"date": oscal_date(item.due)}},
                }
            )
        progress = item.status.progress
        done = progress is Progress.DONE
        lifecycle = "completed" if done else "planned"
        if progress.is_closed_without_fix:
            lifecycle = "recommendation"  # proposed, and not carried out
        elif item.kind in _LIFECYCLES and (item.kind == "completed") == done:
            lifecycle = item.kind  # a response read from OSCAL: its lifecycle as it was
        response = item.extra.get(KEPT, {}).get("response", {})
        kept = {k: v for k, v in response.items() if k in ALLOWED["response"]}
        ours = [{"name": "item", "ns": NAMESPACE, "value": item.id}]
        return with_optional(
            {
                **kept,
                "uuid": response.get("uuid") or uuid_of("response", a, f"{risk.id}/{item.id}", {}),
                "lifecycle": lifecycle,
                "title": line(item.title, item.id),
                "description": kept.get("description")
                or item.requirement
                or item.impact
                or item.title,
                "props": props_of(kept, ours),
            },
            tasks=tasks,
        )

    def milestone_task(self, risk: Risk, item: WorkItem, milestone: Milestone) -> dict[str, Any]:
        kept = kept_of(milestone.extra, "task")
        uid = uuid_of("task", self.assessment, f"{risk.id}/{item.id}/{milestone.id}", {})
        task: dict[str, Any] = {
            **kept,
            "uuid": milestone.extra.get(KEPT, {}).get("uuid", uid),
            "type": "milestone",
            "title": line(milestone.name, milestone.id),
            "props": props_of(
                kept, [{"name": "milestone", "ns": NAMESPACE, "value": milestone.id}]
            ),
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
        obj = with_optional(
            {
                "uuid": uuid_of("risk-log", self.assessment, f"{risk.id}/{index}", {}),
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
        return with_optional(obj, props=encode_props(fields))


def _is_our_characterization(characterization: Mapping[str, Any], tool: str) -> bool:
    actors = characterization.get("origin", {}).get("actors", [])
    return any(actor.get("actor-uuid") == tool for actor in actors)
