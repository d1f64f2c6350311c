"""Synthetic but realistic assessments of any size, as plain document data.

:func:`document` returns the data of an assessment document (what ``json.loads``
gives for a file) with the requested number of work items. It is built like the
reference example, issue #1176, only bigger:

* phases of 20 to 80 items, nine groups in ten phases and the rest next steps;
  a phase depends on the one before it half of the time, and has a timebox,
  a stated status (often optimistic) and sometimes a start and a due date;
* items depend on zero to two *earlier* items, mostly nearby ones and
  sometimes far back (so the plan is a DAG with long chains); their statuses
  use the labels real documents use (``"✅ **RESOLVED**"``, ``"⚠️ PARTIAL"``,
  ``"❌ **CRITICAL**"``, ``"Risk accepted"``, mojibake included), earlier
  phases being further along; most have an estimate (all of those outside a
  phase, which have no timebox to share), evidence, an owner and tasks, some a
  due date, a stated fraction or a weight;
* one gap per 20 items, measured by a test run or a measurement with a
  threshold half of the time, blocking a few items or criteria;
* one success criterion per 50 items: metrics measured by test runs, metrics
  with a stated value, unmeasured metrics and yes/no conditions;
* five-whys trees (one step per 20 items), each a chain of five questions
  with an occasional second branch; items address gaps and root causes;
* one piece of evidence per two items: commits, test runs, documents,
  measurements, notes and measurement series (cumulative counts, some
  decreasing by mistake, with figures such as ``"~15K"`` and ``"13,337"``);
* scoped claims (counts of gaps, of open items within the phases, a budget
  that should sum its parts), claims of one key that disagree, a relation
  (stages times their cost), a tracking list, labels, metrics and a stated
  recommendation;
* a timeline (one event per 200 items, some approximate or known only to the day),
  an outage and an impact window, and a release per four phases (some re-planned,
  the first reached) that the phases and a tenth of their items serve, with a target
  release and a stage claim;
* dates of work at their real precision: a tenth of the due dates known only to the
  month ("2025-10") or approximate ("early October 2025"), a few re-planned (with a
  reason) or done on a stated day, and fixed-date work (a freeze until a day, a
  review meeting on a day) one item per 250.

The same ``items`` and ``seed`` always give the same document.

Examples:
    >>> data = document(100)
    >>> sum(len(group["items"]) for group in data["phases"] + data["next_steps"])
    100
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

__all__ = ["document"]

_DONE = ("✅ **RESOLVED**", "✅ DONE", "Fixed", "✅ **CREATED**", "âœ… RESOLVED", "Deployed")
_PARTIAL = ("⚠️ **PARTIAL**", "In progress", "⚠️ PARTIALLY RESOLVED", "Ongoing")
_OPEN = (
    "❌ **CRITICAL**",
    "❌ **UNRESOLVED**",
    "Open",
    "TODO - HIGH",
    "🚨 MISSING",
    "Not started",
    "❌ BLOCKED - MEDIUM",
    "Pending - LOW",
)
_WITHOUT_FIX = ("Risk accepted", "Deferred", "Won't fix", "N/A")
_ESTIMATES = ("4 Hours", "1 day", "2 days", "3 days", "1 week", "2 Weeks", "P3D", "PT6H", "1 Month")
_TIMEBOXES = ("4 Hours", "1 week", "2 Weeks", "1 Month", "P6W")
_KINDS = ("component", "area", "mitigate", "prevent", "task")
_OWNERS = ("platform", "auth-team", "sre", "qa", "backend", "frontend", "data", None, None)
_WORDS = (
    "WebSocket", "factory", "MessageRouter", "auth", "staging", "SSOT", "config", "import",
    "logging", "tests", "Golden Path", "deploy", "cache", "queue", "schema", "migration",
)  # fmt: skip
_TARGETS = ("<10%", "<15%", ">90%", ">= 95 %", "p99 <250 ms", "0", "<= 5", "10..20 ms")

_START = dt.date(2025, 9, 15)


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words))


def _status(rng: random.Random, done_share: float) -> str:
    roll = rng.random()
    if roll < done_share:
        return rng.choice(_DONE)
    if roll < done_share + 0.15:
        return rng.choice(_PARTIAL)
    if roll < done_share + 0.2:
        return rng.choice(_WITHOUT_FIX)
    return rng.choice(_OPEN)


def _evidence(rng: random.Random, count: int) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for index in range(count):
        evidence_id = f"ev-{index}"
        roll = index % 20
        if roll < 8:
            sha = f"{rng.getrandbits(40):010x}"
            records.append({
                "kind": "commit",
                "id": evidence_id,
                "sha": sha,
                "summary": f"Fix {_text(rng, 3)} ({sha[:7]})",
            })  # fmt: skip
        elif roll < 11:
            failed, passed = rng.randint(0, 60), rng.randint(0, 200)
            record: dict[str, Any] = {
                "kind": "test_run",
                "id": evidence_id,
                "suite": f"{rng.choice(_WORDS)} tests",
                "failed": failed,
                "passed": passed,
                "skipped": rng.randint(0, 5),
            }
            if failed + passed and rng.random() < 0.7:
                rate = 100 * failed / (failed + passed)
                # Most documents round the rate; some got it wrong.
                record["stated_failure_rate"] = round(rate if rng.random() < 0.9 else rate / 2)
            records.append(record)
        elif roll < 14:
            records.append({
                "kind": "document",
                "id": evidence_id,
                "title": f"{_text(rng, 2)} report",
                "path": f"reports/{evidence_id}.md",
            })  # fmt: skip
        elif roll < 17:
            records.append({
                "kind": "measurement",
                "id": evidence_id,
                "metric": f"{_text(rng, 2)} failures",
                "value": float(rng.randint(0, 40)),
                "unit": rng.choice(("", "%", "ms", "failures")),
            })  # fmt: skip
        elif roll < 19:
            records.append({"kind": "note", "id": evidence_id, "text": _text(rng, 6)})
        else:
            records.append(_series(rng, evidence_id))
    return records


def _series(rng: random.Random, evidence_id: str) -> dict[str, Any]:
    """A cumulative count measured a few times; now and then it goes down by mistake."""
    at = dt.datetime.combine(_START, dt.time(9)) - dt.timedelta(days=rng.randint(2, 20))
    value = rng.randint(1_000, 20_000)
    points = []
    for _ in range(rng.randint(2, 6)):
        written = f"{value:,}" if rng.random() < 0.7 else f"~{round(value / 1000)}K"
        points.append({"at": at.isoformat(), "value": written})
        at += dt.timedelta(hours=rng.randint(1, 30))
        value += rng.randint(-500, 3_000)
    return {
        "kind": "series",
        "id": evidence_id,
        "metric": f"{_text(rng, 2)} served",
        "cumulative": True,
        "points": points,
    }


def _why(rng: random.Random, count: int, evidence_ids: list[str]) -> list[dict[str, Any]]:
    """Five-whys trees: chains of five steps, now and then a second branch."""
    steps: list[dict[str, Any]] = []
    for index in range(count):
        step: dict[str, Any] = {
            "id": f"why-{index}",
            "question": f"Why does {_text(rng, 3)} persist?",
            "finding": f"{_text(rng, 5)}.",
        }
        position = index % 5
        if position < 4 and index + 1 < count:
            causes = [f"why-{index + 1}"]
            if position == 1 and index + 4 < count and rng.random() < 0.3:
                causes.append(f"why-{index + 4}")  # a second branch to a deeper step
            step["causes"] = causes
        if evidence_ids and rng.random() < 0.6:
            step["evidence"] = rng.sample(evidence_ids, k=min(2, len(evidence_ids)))
        if rng.random() < 0.5:
            step["observations"] = [_text(rng, 6) for _ in range(rng.randint(1, 3))]
        steps.append(step)
    return steps


def _item(
    rng: random.Random,
    item_id: str,
    *,
    done_share: float,
    earlier: list[str],
    addressable: list[str],
    evidence_ids: list[str],
    timeboxed: bool,
) -> dict[str, Any]:
    status = _status(rng, done_share)
    item: dict[str, Any] = {
        "id": item_id,
        "title": f"{_text(rng, 3)} {item_id}",
        "status": status,
        "kind": rng.choice(_KINDS),
    }
    if status in _PARTIAL and rng.random() < 0.3:
        item["fraction"] = rng.choice((0.25, 0.4, 0.6, 0.75))
    if rng.random() < 0.1:
        item["weight"] = rng.choice((0.5, 2.0, 3.0))
    if evidence_ids and rng.random() < 0.8:
        item["evidence"] = rng.sample(evidence_ids, k=rng.randint(1, 3))
    if rng.random() < 0.3:
        item["impact"] = f"{_text(rng, 4)} blocked"
    if rng.random() < 0.5:
        item["tasks"] = [_text(rng, 4) for _ in range(rng.randint(1, 3))]
    if earlier:
        needs: set[str] = set()
        for _ in range(rng.choice((0, 1, 1, 2))):
            if rng.random() < 0.85:
                needs.add(earlier[-rng.randint(1, min(30, len(earlier)))])
            else:
                needs.add(rng.choice(earlier))
        if needs:
            item["depends_on"] = sorted(needs)
    if addressable and rng.random() < 0.25:
        item["addresses"] = [rng.choice(addressable)]
    # Without a timebox to share, an item without an estimate would leave the whole
    # plan unscheduled (no finish, no critical path): real plans estimate those.
    if rng.random() < 0.85 or not timeboxed:
        item["estimate"] = rng.choice(_ESTIMATES)
    item["owner"] = rng.choice(_OWNERS)
    if item["owner"] is None:
        del item["owner"]
    if rng.random() < 0.3:
        item["due"] = (_START + dt.timedelta(days=rng.randint(-20, 120))).isoformat()
    if rng.random() < 0.2:
        item["links"] = [f"https://tracker.example/issues/{rng.randint(1, 99999)}"]
    if status in _WITHOUT_FIX and rng.random() < 0.8:
        item["justification"] = f"{_text(rng, 4)} is out of scope"
    return item


def document(items: int, seed: int = 0) -> dict[str, Any]:  # noqa: PLR0915  (one document, top down)
    """The data of an assessment document with *items* work items.

    Raises:
        ValueError: *items* is negative.
    """
    if items < 0:
        msg = f"items: expected zero or more, got {items}"
        raise ValueError(msg)
    rng = random.Random(seed)  # noqa: S311  (reproducible data, not cryptography)
    evidence = _evidence(rng, max(5, items // 2))
    evidence_ids = [record["id"] for record in evidence]
    test_runs = [r["id"] for r in evidence if r["kind"] == "test_run"]
    measurements = [r["id"] for r in evidence if r["kind"] == "measurement"]
    why = _why(rng, max(5, items // 20), evidence_ids)
    root_causes = [step["id"] for step in why if "causes" not in step]
    gap_ids = [f"gap-{index}" for index in range(max(1, items // 20))]
    criterion_ids = [f"criterion-{index}" for index in range(max(3, items // 50))]

    sizes: list[int] = []
    left = items
    while left > 0:
        size = min(left, rng.randint(20, 80))
        sizes.append(size)
        left -= size
    n_phases = max(1, round(len(sizes) * 0.9)) if sizes else 0
    item_ids: list[str] = []
    phases: list[dict[str, Any]] = []
    next_steps: list[dict[str, Any]] = []
    addressable = gap_ids + root_causes
    for group_index, size in enumerate(sizes):
        is_phase = group_index < n_phases
        # Earlier phases are further along, as in a real plan.
        done_share = 0.85 - 0.7 * group_index / max(1, len(sizes) - 1) if is_phase else 0.1
        group_items = []
        for _ in range(size):
            item_id = f"item-{len(item_ids)}"
            group_items.append(
                _item(
                    rng,
                    item_id,
                    done_share=done_share,
                    earlier=item_ids,
                    addressable=addressable,
                    evidence_ids=evidence_ids,
                    timeboxed=is_phase,
                )
            )
            item_ids.append(item_id)
        if is_phase:
            phase: dict[str, Any] = {
                "id": f"phase-{group_index}",
                "title": f"{_text(rng, 2)} phase",
                "items": group_items,
                "number": group_index + 1,
                "timebox": rng.choice(_TIMEBOXES),
            }
            if rng.random() < 0.7:
                phase["stated_status"] = rng.choice(("✅ Complete", "⚠️ In progress", "Planned"))
            if group_index and rng.random() < 0.5:
                phase["depends_on"] = [f"phase-{group_index - 1}"]
            if rng.random() < 0.3:
                phase["start"] = f"{_START - dt.timedelta(days=rng.randint(0, 30))}T09:00:00"
            if rng.random() < 0.3:
                phase["due"] = (_START + dt.timedelta(days=rng.randint(0, 90))).isoformat()
            phases.append(phase)
        else:
            next_steps.append({
                "id": f"next-{group_index}",
                "title": f"Week {group_index - n_phases + 1}: {_text(rng, 3)}",
                "items": group_items,
                "window": f"Week {group_index - n_phases + 1}",
                "priority": rng.choice(("High Priority", "P0", "low")),
            })  # fmt: skip

    blockable = item_ids + criterion_ids
    gaps: list[dict[str, Any]] = []
    for gap_id in gap_ids:
        gap: dict[str, Any] = {
            "id": gap_id,
            "title": f"{_text(rng, 2)} gap",
            "description": f"{_text(rng, 8)}",
        }
        if (test_runs or measurements) and rng.random() < 0.5:
            source = rng.choice(test_runs + measurements)
            gap["measurement"] = source
            gap["threshold"] = rng.choice(("0", "<10%", "<= 5"))
            if source in test_runs:
                gap["quantity"] = "failure_rate"
        if blockable and rng.random() < 0.6:
            gap["blocks"] = sorted(set(rng.sample(blockable, k=min(2, len(blockable)))))
        gaps.append(gap)

    criteria: list[dict[str, Any]] = []
    for index, criterion_id in enumerate(criterion_ids):
        criterion: dict[str, Any] = {
            "id": criterion_id,
            "title": f"{_text(rng, 2)} criterion",
            "category": "technical" if index % 4 else "business",
        }
        shape = index % 4
        if shape == 0 and test_runs:
            criterion["target"] = rng.choice(("<10%", "<15%"))
            criterion["baseline"] = float(rng.randint(40, 80))
            criterion["current_from"] = {"evidence": rng.choice(test_runs)}
        elif shape == 1:
            criterion["target"] = rng.choice(_TARGETS)
            criterion["baseline"] = float(rng.randint(0, 100))
            criterion["current"] = float(rng.randint(0, 100))
        elif shape == 2:
            criterion["observed"] = rng.choice((True, False, None))
        else:
            criterion["target"] = rng.choice(_TARGETS)  # not measured yet
        if rng.random() < 0.5:
            criterion["stated_met"] = rng.random() < 0.3
        criterion["description"] = f"{criterion['title']}: {_text(rng, 4)}"
        criteria.append(criterion)

    open_count = sum(
        1
        for group in phases
        for item in group["items"]
        if item["status"] in _OPEN or item["status"] in _PARTIAL
    )
    # Time, from a generator of its own: the rest of the document stays what it was.
    timed = random.Random(seed + 1)  # noqa: S311  (reproducible data)
    milestones = _milestones(timed, phases)
    _dates_of_work(timed, phases)
    return {
        "schema_version": 2,
        "kind": "assessment",
        "id": f"synthetic-{items}-{seed}",
        "issue": f"#{1000 + seed}",
        "title": f"Synthetic status assessment with {items} work items",
        "date": _START.isoformat(),
        "author": "benchmarks/generate.py",
        "assessment_type": "Current State Analysis and Five Whys",
        "stated_status": "⚠️ PARTIALLY RESOLVED",
        "summary": _text(rng, 30),
        "metrics": [
            {"title": "Emergency Infrastructure", "status": "✅", "text": _text(rng, 6)},
            {"title": "Coordination Gaps", "status": "⚠️", "text": _text(rng, 6)},
        ],
        "labels": ["actively-being-worked-on", "synthetic"],
        "related": evidence_ids[:3],
        "why": why,
        "phases": phases,
        "next_steps": next_steps,
        "gaps": gaps,
        "criteria": criteria,
        "evidence": evidence,
        "recommendation": {
            "decision": "keep_open",
            "summary": "Coordination gaps persist",
            "rationale": [{"title": "Core Issues Persist", "text": _text(rng, 10)}],
        },
        "claims": [
            {
                "id": "claim-gaps",
                "value": len(gaps),
                "scope": {"count": "gaps"},
                "quote": "every gap",
            },
            {
                "id": "claim-open",
                "value": open_count + 3,
                "scope": {"count": "items", "within": [p["id"] for p in phases], "status": "open"},
            },
            {"id": "budget-dev", "value": "$1.2M", "quote": "$1.2M for development"},
            {"id": "budget-ops", "value": "$800k", "quote": "$800k for maintenance"},
            {
                "id": "budget",
                "value": "$2.5M",
                "scope": {"sum_of": ["budget-dev", "budget-ops"]},
                "quote": "a budget of $2.5M",
            },
            {"id": "stages", "value": len(phases), "key": "stages"},
            {"id": "stage-cost", "value": "$500k", "quote": "$500k per stage"},
            {"id": "stages-again", "value": f"~{len(phases) + 3}", "key": "stages"},
        ],
        "relations": [
            {
                "id": "stage-budget",
                "kind": "product",
                "result": "budget",
                "of": ["stages", "stage-cost"],
                "quote": "each stage costs $500k",
            },
        ],
        "tracking": [
            {"text": "Phase 1 complete", "checked": True, "refs": [phases[0]["id"]]}
            if phases
            else {"text": "Nothing planned", "checked": False},
            {"text": "Gaps closed", "checked": False, "refs": gap_ids[:2]},
        ],
        "success_indicators": [_text(rng, 5) for _ in range(3)],
        "timeline": _timeline(timed, max(5, items // 200)),
        "windows": [
            {
                "id": "window-outage",
                "name": "outage",
                "start": f"{_START - dt.timedelta(days=2)} 15:10 UTC",
                "end": f"{_START - dt.timedelta(days=2)} 16:16 UTC",
                "duration": "66 minutes",
            },
            {
                "id": "window-impact",
                "name": "impact",
                "start": f"{_START - dt.timedelta(days=2)} ± 15:05 UTC",
            },
        ],
        "milestones": milestones,
        "target_release": milestones[-1]["version"] if milestones else None,
        "stage_claims": (
            [{"stage": "stable", "version": milestones[-1]["version"]}] if milestones else []
        ),
    }


_KINDS_OF_EVENT = (
    "trigger", "impact", "detection", "escalation", "communication", "action", "observation",
    "mitigation", "recovery", "resolution",
)  # fmt: skip


def _timeline(rng: random.Random, count: int) -> list[dict[str, Any]]:
    """Events of an incident in time order, some approximate, some logged to the day."""
    events = []
    moment = dt.datetime.combine(_START - dt.timedelta(days=2), dt.time(15, 0))
    for n in range(count):
        moment += dt.timedelta(minutes=rng.randint(1, 20))
        kind = _KINDS_OF_EVENT[min(n * len(_KINDS_OF_EVENT) // count, len(_KINDS_OF_EVENT) - 1)]
        shape = rng.random()
        if shape < 0.1:
            at = f"{moment:%Y-%m-%d} ± {moment:%H:%M} UTC"
        elif shape < 0.15:
            at = f"{moment:%Y-%m-%d}"
        else:
            at = f"{moment:%Y-%m-%d %H:%M} UTC"
        events.append({"id": f"event-{n}", "at": at, "what": f"{_text(rng, 4)} {n}", "kind": kind})
    return events


def _dates_of_work(rng: random.Random, phases: list[dict[str, Any]]) -> None:
    """Make some due dates partial or approximate, re-plan or complete some, fix a few."""
    count, pending = 0, False
    for phase in phases:
        for item in phase["items"]:
            count += 1
            due = item.get("due")
            if due is not None:
                day = dt.date.fromisoformat(due)
                shape = rng.random()
                if shape < 0.05:
                    item["due"] = f"{day:%Y-%m}"
                elif shape < 0.1:
                    part = ("early", "mid", "late")[min(2, (day.day - 1) // 10)]
                    item["due"] = f"{part} {day:%B %Y}"
                elif shape < 0.15:
                    later = day + dt.timedelta(days=rng.randint(7, 45))
                    item["replans"] = [{"due": later.isoformat(), "reason": "blocked"}]
                elif shape < 0.18 and item["status"] in _DONE:
                    item["done_on"] = (day + dt.timedelta(days=rng.randint(-5, 10))).isoformat()
            pending = pending or count % 250 == 0
            if pending and item["status"] in _OPEN:  # the next open item from there
                pending = False
                start = _START + dt.timedelta(days=rng.randint(5, 60))
                if rng.random() < 0.5:
                    item["fixed"] = {"end": start.isoformat()}  # a freeze until that day
                else:
                    item["fixed"] = {"start": start.isoformat()}  # a meeting on that day


def _milestones(rng: random.Random, phases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A release per four phases, some re-planned, the first ones reached; phases and a
    tenth of their items serve them."""
    milestones = []
    for k in range(0, len(phases), 4):
        due = _START + dt.timedelta(days=30 * (k // 4))
        milestone: dict[str, Any] = {
            "id": f"release-{k // 4}",
            "name": f"Release {k // 4}",
            "version": f"v1.{k // 4}",
            "stage": ("alpha", "beta", "stable")[min(2, k // 4)] if k < 12 else None,
            "due": due.isoformat(),
        }
        if rng.random() < 0.4:
            milestone["replans"] = [
                {"due": (due + dt.timedelta(days=rng.randint(5, 40))).isoformat(), "reason": "late"}
            ]
        if k == 0:
            milestone["done"] = (due + dt.timedelta(days=2)).isoformat()
        if milestone["stage"] is None:
            del milestone["stage"]
        milestones.append(milestone)
        for phase in phases[k : k + 4]:
            phase["milestone"] = milestone["id"]
            for item in phase["items"]:
                if rng.random() < 0.1:
                    item["milestone"] = milestone["id"]
    return milestones
