"""The mistakes :func:`~remediation.testing.strategies.invalid_documents` makes in data, by kind.

Each strategy takes a valid assessment written out as plain data, changes
that data in one place and says what a loader must report: the error code
and, where the library's rules fix it, the path.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import attrs
from hypothesis import strategies as st

from remediation import exceptions
from remediation.exceptions import InvalidValueError
from remediation.io.formats import SCHEMA_VERSION
from remediation.model.records import (
    Assessment,
    CommitEvidence,
    Criterion,
    DocumentEvidence,
    Gap,
    MeasurementEvidence,
    NextStep,
    NoteEvidence,
    Phase,
    SeriesEvidence,
    TestRunEvidence,
    WhyStep,
    WorkItem,
)
from remediation.model.status import parse_status
from remediation.testing.strategies._values import _CHARACTERS

_Data = dict[str, Any]


@attrs.frozen
class _Record:
    """A record of the document: its kind, its JSON path and its (mutable) mapping."""

    kind: str
    path: str
    data: _Data


@attrs.frozen
class _Broken:
    code: str
    path: str | None
    description: str


_EVIDENCE_CLASSES: dict[str, type[Any]] = {
    "commit": CommitEvidence,
    "test_run": TestRunEvidence,
    "document": DocumentEvidence,
    "measurement": MeasurementEvidence,
    "note": NoteEvidence,
    "series": SeriesEvidence,
}
_CLASSES: dict[str, type[Any]] = {
    "assessment": Assessment,
    "why": WhyStep,
    "phase": Phase,
    "next_step": NextStep,
    "item": WorkItem,
    "gap": Gap,
    "criterion": Criterion,
}
# Where each section of the document comes in the order records are read (and
# so which of two records sharing an id is reported as the duplicate).
_SECTION_RANK = {"why": 1, "phases": 2, "next_steps": 3, "gaps": 4, "criteria": 5, "evidence": 6}


def _records(data: _Data) -> list[_Record]:
    """Every record that has an id, in document order."""
    out = [_Record("assessment", "$", data)]
    out.extend(_Record("why", f"$.why[{i}]", step) for i, step in enumerate(data.get("why", [])))
    for attr, kind in (("phases", "phase"), ("next_steps", "next_step")):
        for i, group in enumerate(data.get(attr, [])):
            out.append(_Record(kind, f"$.{attr}[{i}]", group))
            out.extend(
                _Record("item", f"$.{attr}[{i}].items[{j}]", item)
                for j, item in enumerate(group.get("items", []))
            )
    for attr, kind in (("gaps", "gap"), ("criteria", "criterion"), ("evidence", "evidence")):
        out.extend(_Record(kind, f"$.{attr}[{i}]", r) for i, r in enumerate(data.get(attr, [])))
    return out


def _fields(record: _Record) -> frozenset[str]:
    """The keys a record's mapping may hold."""
    if record.kind == "evidence":
        cls = _EVIDENCE_CLASSES[record.data["kind"]]
        return frozenset({"kind", *(a.name for a in attrs.fields(cls))})
    names = {a.name for a in attrs.fields(_CLASSES[record.kind]) if a.init}
    if record.kind == "assessment":
        names |= {"schema_version", "kind"}
    return frozenset(names)


def _fresh(taken: set[str], stem: str, count: int = 1) -> list[str]:
    """*count* ids starting with *stem* that no record has; they are taken from then on."""
    out: list[str] = []
    n = 1
    while len(out) < count:
        candidate = f"{stem}-{n}"
        if candidate not in taken:
            taken.add(candidate)
            out.append(candidate)
        n += 1
    return out


def _section_rank(path: str) -> int:
    return 0 if path == "$" else _SECTION_RANK[path[2:].split("[", 1)[0]]


def _code(specific: str) -> str:
    """The code reported for a bad value: *specific* where the library has that code.

    Libraries without ``exceptions.ERROR_CODES`` report every bad value as
    ``invalid-value``.
    """
    known = {code for code, _meaning in getattr(exceptions, "ERROR_CODES", ())}
    return specific if specific in known else InvalidValueError.code


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


# --------------------------------------------------------------------------- breaking the data

# field: (which values are right, whether null is right too)
_TYPED_FIELDS: dict[str, dict[str, tuple[str, bool]]] = {
    "assessment": {
        "title": ("text", False), "issue": ("text", True), "summary": ("text", False),
        "labels": ("list", False), "phases": ("list", False), "related": ("list", False),
    },
    "why": {"question": ("text", False), "causes": ("list", False)},
    "phase": {"title": ("text", False), "items": ("list", False), "number": ("integer", True)},
    "next_step": {"title": ("text", False), "items": ("list", False)},
    "item": {
        "title": ("text", False), "weight": ("number", False), "fraction": ("number", True),
        "depends_on": ("list", False), "tasks": ("list", False),
    },
    "gap": {"title": ("text", False), "blocks": ("list", False)},
    "criterion": {"title": ("text", False), "baseline": ("number", True)},
}  # fmt: skip
_WRONG_VALUES: dict[str, tuple[object, ...]] = {
    "text": (12, 1.5, True, ["text"], {"text": 1}),
    "list": ("abc", 3, True, {"a": 1}),
    "number": ("3", "0.5", True, [1], {"n": 1}),
    "integer": ("3", 1.5, True, [1], {"n": 1}),
}


@st.composite
def _wrong_type(draw: st.DrawFn, data: _Data) -> _Broken:
    records = [r for r in _records(data) if r.kind in _TYPED_FIELDS]
    record = draw(st.sampled_from(records))
    field, (expected, nullable) = draw(st.sampled_from(list(_TYPED_FIELDS[record.kind].items())))
    value = draw(st.sampled_from(_WRONG_VALUES[expected] + (() if nullable else (None,))))
    record.data[field] = value
    path = f"{record.path}.{field}"
    description = f"set {path} (expects {expected}) to {_short(value)}"
    return _Broken(_code("wrong-type"), path, description)


_TYPOS = ("titel", "dependson", "statuss", "colour", "asignee", "notes")


@st.composite
def _unknown_field(draw: st.DrawFn, data: _Data) -> _Broken:
    record = draw(st.sampled_from(_records(data)))
    known = _fields(record)
    key = draw(
        (st.sampled_from(_TYPOS) | st.from_regex(r"[a-z][a-z_]{0,11}", fullmatch=True)).filter(
            lambda k: k not in known
        )
    )
    record.data[key] = draw(st.sampled_from(["", 1, None, True]))
    path = f"{record.path}.{key}"
    return _Broken("unknown-field", path, f"added the unknown field {path}")


def _parses(parse: Callable[[str], object], text: str) -> bool:
    try:
        parse(text)
    except ValueError:
        return False
    return True


_NOT_STATUSES = ("SHIPPED", "LGTM 👍", "wip", "half done", "🤷", "done-ish", "")


@st.composite
def _unknown_status(draw: st.DrawFn, data: _Data) -> _Broken:
    places: list[tuple[_Data, str, str]] = [(data, "stated_status", "$.stated_status")]
    for record in _records(data):
        if record.kind == "item":
            places.append((record.data, "status", f"{record.path}.status"))
        elif record.kind == "phase":
            places.append((record.data, "stated_status", f"{record.path}.stated_status"))
    places.extend(
        (metric, "status", f"$.metrics[{i}].status")
        for i, metric in enumerate(data.get("metrics", []))
    )
    mapping, field, path = draw(st.sampled_from(places))
    label = draw(
        st.sampled_from(_NOT_STATUSES)
        | st.text(_CHARACTERS, max_size=12).filter(lambda text: not _parses(parse_status, text))
    )
    mapping[field] = label
    return _Broken(_code("unknown-status"), path, f"set {path} to the unknown status {label!r}")


_NOT_TARGETS = ("<<10", "ten percent", "10..", ">", "about 5", "<10%%", "")


@st.composite
def _malformed_target(draw: st.DrawFn, data: _Data) -> _Broken:
    places = [
        (r.data, "target" if r.kind == "criterion" else "threshold", r.path)
        for r in _records(data)
        if (r.kind == "criterion" and "target" in r.data) or r.kind == "gap"
    ]
    if not places:
        taken = {r.data["id"] for r in _records(data)}
        gaps = data.setdefault("gaps", [])
        gaps.append({"id": _fresh(taken, "gap")[0], "title": ""})
        places = [(gaps[-1], "threshold", f"$.gaps[{len(gaps) - 1}]")]
    mapping, field, where = draw(st.sampled_from(places))
    target = draw(
        st.sampled_from(_NOT_TARGETS)
        | st.text(max_size=12).filter(lambda text: not any(c.isdigit() for c in text))
    )
    mapping[field] = target
    path = f"{where}.{field}"
    description = f"set {path} to the malformed target {target!r}"
    return _Broken(_code("malformed-target"), path, description)


# The smallest valid record of each section, given its id.
_MINIMAL: dict[str, Callable[[str], _Data]] = {
    "why": lambda record_id: {"id": record_id, "question": "", "finding": ""},
    "gaps": lambda record_id: {"id": record_id, "title": ""},
    "criteria": lambda record_id: {"id": record_id, "title": ""},
    "evidence": lambda record_id: {"kind": "note", "id": record_id, "text": ""},
}


@st.composite
def _duplicate_id(draw: st.DrawFn, data: _Data) -> _Broken:
    original = draw(st.sampled_from(_records(data)))
    section = draw(st.sampled_from(list(_MINIMAL)))
    records = data.setdefault(section, [])
    records.append(_MINIMAL[section](original.data["id"]))
    added = f"$.{section}[{len(records) - 1}]"
    # Of the two, the one read later is reported.
    later = added if _section_rank(added) >= _section_rank(original.path) else original.path
    return _Broken(
        "duplicate-id",
        later,
        f"added {added} with the id of {original.path}, {original.data['id']!r}",
    )


# kind: (field, kinds of record it may name; "" for a test run, a measurement or a series)
_REFERENCES: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {
    "assessment": (("related", frozenset({"evidence"})),),
    "why": (("causes", frozenset({"why"})), ("evidence", frozenset({"evidence"}))),
    "phase": (("depends_on", frozenset({"item", "phase"})),),
    "item": (
        ("depends_on", frozenset({"item", "phase"})),
        ("addresses", frozenset({"gap", "why"})),
        ("evidence", frozenset({"evidence"})),
    ),
    "gap": (
        ("blocks", frozenset({"item", "criterion"})),
        ("evidence", frozenset({"evidence"})),
        ("measurement", frozenset({""})),
    ),
    "criterion": (("evidence", frozenset({"evidence"})),),
}
_MEASURED = frozenset({"test_run", "measurement", "series"})


def _kind_named(record: _Record) -> str:
    """The kind a reference sees: a measured value may name only test runs, measurements
    and series."""
    if record.kind == "evidence" and record.data["kind"] in _MEASURED:
        return "evidence+measured"
    return record.kind


@st.composite
def _dangling_reference(draw: st.DrawFn, data: _Data) -> _Broken:
    records = _records(data)
    source = draw(st.sampled_from([r for r in records if r.kind in _REFERENCES]))
    field, accepted = draw(st.sampled_from(_REFERENCES[source.kind]))
    taken = {r.data["id"] for r in records}

    def fits(record: _Record) -> bool:
        kind = _kind_named(record)
        if accepted == {""}:
            return kind == "evidence+measured"
        return kind.split("+", 1)[0] in accepted

    wrong = [r for r in records if not fits(r)]
    target: str = draw(
        st.sampled_from([_fresh(set(taken), "missing")[0], *(r.data["id"] for r in wrong)])
    )
    if field == "measurement":
        source.data[field] = target
        path = f"{source.path}.{field}"
    else:
        references = source.data.setdefault(field, [])
        references.append(target)
        path = f"{source.path}.{field}[{len(references) - 1}]"
    what = "no record" if target not in taken else "a record of the wrong kind"
    return _Broken("dangling-reference", path, f"set {path} to {target!r}, {what}")


@st.composite
def _dependency_cycle(draw: st.DrawFn, data: _Data) -> _Broken:
    records = _records(data)
    shapes = ["items in a ring", "why steps in a ring"]
    shapes += ["an item depending on itself"] * any(r.kind == "item" for r in records)
    shapes += ["a why step causing itself"] * any(r.kind == "why" for r in records)
    shape = draw(st.sampled_from(shapes))
    if shape.endswith("itself"):
        kind, field = ("item", "depends_on") if shape.startswith("an item") else ("why", "causes")
        record = draw(st.sampled_from([r for r in records if r.kind == kind]))
        record.data.setdefault(field, []).append(record.data["id"])
        return _Broken("dependency-cycle", record.path, f"made {record.path} {shape}")
    # A ring of new records, each naming the next: the cycle is reported from its
    # smallest id.
    size = draw(st.integers(2, 4))
    taken = {r.data["id"] for r in records}
    ring = _fresh(taken, "cycle", size)
    nexts = [*ring[1:], ring[0]]
    first = ring.index(min(ring))
    if shape.startswith("items"):
        phases = data.setdefault("phases", [])
        items = [
            {"id": a, "title": "", "status": "open", "depends_on": [b]}
            for a, b in zip(ring, nexts, strict=True)
        ]
        phases.append({"id": _fresh(taken, "phase")[0], "title": "", "items": items})
        path = f"$.phases[{len(phases) - 1}].items[{first}]"
    else:
        why = data.setdefault("why", [])
        why.extend(
            {"id": a, "question": "", "finding": "", "causes": [b]}
            for a, b in zip(ring, nexts, strict=True)
        )
        path = f"$.why[{len(why) - size + first}]"
    return _Broken("dependency-cycle", path, f"added {size} {shape}: {' -> '.join(ring)}")


_BAD_VERSIONS: tuple[tuple[str, object], ...] = (
    ("missing", None), ("null", None), ("a string", "1"), ("a float", 1.0),
    ("a fraction", 1.5), ("a boolean", True), ("a list", [1]), ("zero", 0), ("negative", -1),
)  # fmt: skip


@st.composite
def _schema_version(draw: st.DrawFn, data: _Data) -> _Broken:
    which, value = draw(
        st.sampled_from(_BAD_VERSIONS)
        | st.integers(SCHEMA_VERSION + 1, 10**6).map(lambda v: ("newer", v))
    )
    if which == "missing":
        del data["schema_version"]
    else:
        data["schema_version"] = value
    return _Broken("schema-version", "$.schema_version", f"schema_version {which}: {value!r}")


_DATA_BREAKERS: dict[str, Callable[[_Data], st.SearchStrategy[_Broken]]] = {
    "wrong-type": _wrong_type,
    "unknown-field": _unknown_field,
    "unknown-status": _unknown_status,
    "malformed-target": _malformed_target,
    "duplicate-id": _duplicate_id,
    "dangling-reference": _dangling_reference,
    "dependency-cycle": _dependency_cycle,
    "schema-version": _schema_version,
}
