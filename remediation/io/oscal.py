"""What the OSCAL POA&M export and import share: the namespace, stable UUIDs, properties.

An OSCAL object has standard fields (a risk's ``status``, ``deadline``,
``remediations``) and ``props``: name and value pairs in a namespace. What a
record of this library holds that OSCAL has no field for (a work item's
status label, weight, estimate; a risk's likelihood when no characterization
carries it) is written as ``props`` in :data:`NAMESPACE`, one a field, named
after the field of the library's own format (``docs/format.md``). A value that
is a one-line string is written as it is; any other value (a number, a list, a
mapping, a string of several lines) as JSON, with ``class: "json"``. An OSCAL
reader that does not know the namespace ignores them; the import reads them
back, so that a round trip keeps them.

UUIDs are derived, never random: :func:`record_uuid` is a version 5 UUID of
:data:`UUID_NAMESPACE` and the record's kind, its assessment's id and its own
id, so the same assessment always exports the same UUIDs, and a record keeps
its UUID while its id stays. A record imported from OSCAL keeps the UUID it had
(in ``extra["oscal"]["uuid"]``) and is exported with it again.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Mapping
from typing import Any

from remediation.exceptions import InvalidValueError
from remediation.model.moment import Moment

__all__ = [
    "KEPT",
    "NAMESPACE",
    "OSCAL_VERSION",
    "UUID_NAMESPACE",
    "decode_props",
    "encode_props",
    "evidence_text",
    "evidence_title",
    "is_ours",
    "line",
    "oscal_date",
    "party_uuid",
    "record_uuid",
]

OSCAL_VERSION = "1.1.3"
"""The OSCAL version the export conforms to."""
NAMESPACE = "urn:remediation:oscal"
"""The namespace (``ns``) of the properties this library writes."""
UUID_NAMESPACE = uuid.UUID("6f1c3a52-2d0c-5a3e-9d0e-7b4f8e2c9a10")
"""The namespace of the version 5 UUIDs of exported records (fixed: changing it changes them)."""
KEPT = "oscal"
"""The key of ``extra`` where an imported record keeps what the library has no field for."""
_JSON = "json"
_ONE_LINE = re.compile(r"\S(.*\S)?")


def record_uuid(kind: str, assessment_id: str, record_id: str, extra: Mapping[str, Any]) -> str:
    """The UUID of a record: the one it was imported with, else derived from its ids.

    Examples:
        >>> a = record_uuid("risk", "plan", "r1", {})
        >>> a == record_uuid("risk", "plan", "r1", {}), a == record_uuid("item", "plan", "r1", {})
        (True, False)
        >>> kept = {"oscal": {"uuid": "0aa54106-8a63-4953-ac0d-30ff91f8d4ab"}}
        >>> record_uuid("risk", "plan", "r1", kept)
        '0aa54106-8a63-4953-ac0d-30ff91f8d4ab'
    """
    kept = extra.get(KEPT)
    if isinstance(kept, Mapping) and isinstance(kept.get("uuid"), str):
        return str(kept["uuid"])
    return str(uuid.uuid5(UUID_NAMESPACE, f"{kind}\x1f{assessment_id}\x1f{record_id}"))


def party_uuid(assessment_id: str, name: str) -> str:
    """The UUID of the party of a person the assessment names (its author, an approver)."""
    return str(uuid.uuid5(UUID_NAMESPACE, f"party\x1f{assessment_id}\x1f{name}"))


def line(text: str, fallback: str) -> str:
    """*text* on one line (OSCAL titles have one), or *fallback* when nothing is left."""
    joined = " ".join(text.split())
    return joined or fallback


def oscal_date(day: dt.date | dt.datetime | Moment) -> str:
    """A date as an OSCAL date-time (which needs a zone): midnight UTC of the day.

    A date-time without a zone is taken as UTC, as the library compares it. A
    date at a lower precision ("2024-03", "early March 2024") is its last
    instant, as a deadline is not past before it; the text the author wrote
    travels in the record's properties.
    """
    if isinstance(day, Moment):
        day = day.latest
    if isinstance(day, dt.datetime):
        moment = day if day.tzinfo is not None else day.replace(tzinfo=dt.UTC)
        return moment.isoformat().replace("+00:00", "Z")
    return f"{day.isoformat()}T00:00:00Z"


def encode_props(fields: Mapping[str, Any]) -> list[dict[str, str]]:
    """*fields* (a record in the library's format) as OSCAL properties in :data:`NAMESPACE`.

    Examples:
        >>> encode_props({"status": "✅ done", "weight": 2.0, "kind": "a\\nb"})[1:]
        [{'name': 'weight', 'ns': 'urn:remediation:oscal', 'class': 'json', 'value': '2.0'}, \
{'name': 'kind', 'ns': 'urn:remediation:oscal', 'class': 'json', 'value': '"a\\\\nb"'}]
    """
    props: list[dict[str, str]] = []
    for name, value in fields.items():
        if isinstance(value, str) and _ONE_LINE.fullmatch(value):
            props.append({"name": name, "ns": NAMESPACE, "value": value})
        else:
            shown = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            props.append({"name": name, "ns": NAMESPACE, "class": _JSON, "value": shown})
    return props


def is_ours(prop: object) -> bool:
    """Whether *prop* is a property this library writes."""
    return isinstance(prop, Mapping) and prop.get("ns") == NAMESPACE


def decode_props(props: object, where: str) -> list[tuple[str, Any]]:
    """The fields :func:`encode_props` wrote, in order, from the properties in :data:`NAMESPACE`.

    Derived values (``class: "derived"``: a work item's credit, a finding's
    code) are left out: an evaluation derives them again.

    Raises:
        InvalidValueError: A JSON property whose value is not JSON, at its path under *where*.
    """
    fields: list[tuple[str, Any]] = []
    for index, prop in enumerate(props if isinstance(props, list) else []):
        if not is_ours(prop) or prop.get("class") == "derived":
            continue
        value = prop.get("value")
        if prop.get("class") == _JSON and isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError as error:
                msg = f"expected JSON (the property has class json): {error}"
                path = f"{where}.props[{index}].value"
                raise InvalidValueError(path, msg) from None
        fields.append((str(prop.get("name")), value))
    return fields


def evidence_title(data: Mapping[str, Any]) -> str:
    """A title for the observation of a piece of evidence (in the library's format).

    Read from what a document says, before it is checked: a field may be missing.
    """
    kind, get = data.get("kind"), data.get
    if kind == "commit":
        return f"Commit {get('sha')}"
    if kind == "test_run":
        return str(get("suite"))
    if kind in ("measurement", "series"):
        return str(get("metric", get("id")))
    if kind == "document":
        return str(get("title"))
    return str(get("text", get("id")))


def evidence_text(data: Mapping[str, Any]) -> str:
    """The description of the observation of a piece of evidence (a field may be missing)."""
    kind, get = data.get("kind"), data.get
    if kind == "commit":
        return f"Commit {get('sha')}: {get('summary', '')}".rstrip(": ")
    if kind == "test_run":
        return f"{get('suite')}: {get('failed')} failed, {get('passed')} passed"
    if kind == "measurement":
        value = get("value")
        shown = f"{value:g}" if isinstance(value, int | float) else str(value)
        return f"{get('metric')}: {shown} {get('unit', '')}".rstrip()
    if kind == "document":
        return f"{get('title')} ({get('path')})" if get("path") else str(get("title"))
    if kind == "note":
        return str(get("text"))
    return evidence_title(data)
