"""OpenSLO v1: SLO criteria as ``SLO`` and ``SLI`` objects, and back.

:func:`to_openslo` writes an SLO criterion (one with ``slo``) as an OpenSLO
v1 ``SLO`` object with its indicator inline, or with ``sli=True`` as an
``SLI`` object and an ``SLO`` that refers to it; :func:`from_openslo` reads
such objects back into a criterion. The mapping:

============================  ==============================================
criterion                      OpenSLO
============================  ==============================================
``id``, ``title``              ``metadata.name``, ``metadata.displayName``
``description``                ``spec.description``
``target`` (``>= 99.9%``)      ``objectives[0].target`` (0.999)
``window``, ``window_kind``    ``timeWindow[0].duration`` (``28d``), ``isRolling``
indicator ``metric``           the indicator's ``metadata.name``
indicator ``threshold``        ``objectives[0].op`` and ``value`` (a threshold
                               metric); no threshold: a ratio metric
threshold unit                 ``metadata.annotations["remediation/unit"]``
============================  ==============================================

What this library does not model (``service``, ``budgetingMethod``, the
metric sources and queries, labels, further objectives' names) is kept in
the criterion's ``extra["openslo"]`` and written back, so that a public
OpenSLO object reads and writes back the same. OpenSLO states no error
budget (it follows from the objective) and has no unit for a threshold; a
threshold read without the annotation is a bare number.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from remediation.model.duration import Duration
from remediation.model.records import Criterion, Indicator, ServiceLevel, WindowKind
from remediation.model.target import Comparator, Target

__all__ = ["from_openslo", "to_openslo"]

API_VERSION = "openslo/v1"
_UNIT = "remediation/unit"
_OPS = {Comparator.LT: "lt", Comparator.LE: "lte", Comparator.GT: "gt", Comparator.GE: "gte"}
_COMPARATORS = {op: comparator for comparator, op in _OPS.items()}
_WINDOW = re.compile(r"(\d+)([mhdwMQY])")
_FIELDS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks", "M": "months", "Y": "years"}
_KEPT = "openslo"


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _window(duration: Duration) -> str:
    parts = [
        (getattr(duration, name), letter)
        for letter, name in _FIELDS.items()
        if getattr(duration, name)
    ]
    if len(parts) != 1:
        msg = f"OpenSLO states a window in one unit ('28d', '1M'); {duration} has {len(parts)}"
        raise ValueError(msg)
    ((value, letter),) = parts
    return f"{value}{letter}"


def _duration(text: object, where: str) -> Duration:
    match = _WINDOW.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        msg = f"{where}: expected an OpenSLO duration such as '28d' or '1M', got {text!r}"
        raise ValueError(msg)
    value, letter = int(match.group(1)), match.group(2)
    if letter == "Q":
        return Duration(months=3 * value)
    return Duration(**{_FIELDS[letter]: value})


def to_openslo(criterion: Criterion, *, sli: bool = False) -> list[dict[str, Any]]:
    """*criterion* as OpenSLO v1 objects: an ``SLO`` (with ``sli``: an ``SLI`` first).

    Raises:
        ValueError: *criterion* is not an SLO, its objective is not ``>=``
            (OpenSLO's only kind), or its window is not in one unit.

    Examples:
        >>> from remediation.model.records import Indicator, ServiceLevel
        >>> from remediation.model.duration import parse_duration
        >>> from remediation.model.target import parse_target
        >>> slo = Criterion(id="latency", title="Latency", target=parse_target(">= 99.9%"),
        ...     window=parse_duration("28 days"),
        ...     slo=ServiceLevel(Indicator("latency-sli", parse_target("< 1000 ms"))))
        >>> [o["kind"] for o in to_openslo(slo, sli=True)]
        ['SLI', 'SLO']
        >>> to_openslo(slo)[0]["spec"]["objectives"]
        [{'op': 'lt', 'value': 1000, 'target': 0.999}]
    """
    target, level = criterion.target, criterion.slo
    if level is None or target is None:
        msg = f"criterion {criterion.id!r} is not an SLO: it has no 'slo'"
        raise ValueError(msg)
    if target.comparator is not Comparator.GE:
        msg = f"criterion {criterion.id!r}: OpenSLO objectives are '>='; got {str(target)!r}"
        raise ValueError(msg)
    kept: Mapping[str, Any] = criterion.extra.get(_KEPT, {})
    indicator = level.indicator
    threshold = indicator.threshold
    objective: dict[str, Any] = dict(kept.get("objective", {}))
    if threshold is not None:
        objective["op"] = _OPS[threshold.comparator]
        objective["value"] = _number(threshold.value)
    objective["target"] = float(Decimal(repr(target.value)) / 100)
    sli_metadata: dict[str, Any] = {**kept.get("sli_metadata", {}), "name": indicator.metric}
    if threshold is not None and threshold.unit:
        sli_metadata["annotations"] = {**sli_metadata.get("annotations", {}), _UNIT: threshold.unit}
    sli_spec = copy.deepcopy(kept.get("sli_spec")) or _sli_spec(indicator)
    spec: dict[str, Any] = {}
    if criterion.description:
        spec["description"] = criterion.description
    spec.update(copy.deepcopy(kept.get("spec", {})))
    inline = {"metadata": sli_metadata, "spec": sli_spec}
    if sli:
        spec["indicatorRef"] = indicator.metric
    else:
        spec["indicator"] = inline
    if criterion.window is not None:
        window: dict[str, Any] = {
            "duration": _window(criterion.window),
            "isRolling": level.window_kind is WindowKind.ROLLING,
        }
        window.update(copy.deepcopy(kept.get("window", {})))
        spec["timeWindow"] = [window]
    spec["objectives"] = [objective, *copy.deepcopy(kept.get("more_objectives", []))]
    metadata: dict[str, Any] = {**kept.get("metadata", {}), "name": criterion.id}
    if criterion.title != criterion.id:
        metadata["displayName"] = criterion.title
    slo = {"apiVersion": API_VERSION, "kind": "SLO", "metadata": metadata, "spec": spec}
    if not sli:
        return [slo]
    return [{"apiVersion": API_VERSION, "kind": "SLI", **inline}, slo]


def _sli_spec(indicator: Indicator) -> dict[str, Any]:
    if indicator.threshold is not None:
        return {"thresholdMetric": {"metricSource": {"spec": {"query": indicator.good}}}}
    return {
        "ratioMetric": {
            "counter": True,
            "good": {"metricSource": {"spec": {"query": indicator.good}}},
            "total": {"metricSource": {"spec": {"query": indicator.valid}}},
        }
    }


def _query(source: object) -> str:
    if isinstance(source, Mapping):
        spec = source.get("metricSource", {}).get("spec", {})
        if isinstance(spec, Mapping) and isinstance(spec.get("query"), str):
            return str(spec["query"])
    return ""


def _objective(objectives: object, unit: str) -> tuple[float, Target | None, dict[str, Any]]:
    """The first objective: its target fraction, its threshold, and what else it says."""
    if not isinstance(objectives, list) or not objectives or not isinstance(objectives[0], Mapping):
        msg = "SLO.spec.objectives: expected at least one objective"
        raise ValueError(msg)
    objective = dict(objectives[0])
    fraction = objective.pop("target", None)
    if isinstance(fraction, bool) or not isinstance(fraction, int | float):
        msg = "SLO.spec.objectives[0].target: expected the objective as a fraction (0.999)"
        raise ValueError(msg)
    threshold = None
    if "value" in objective:  # a threshold metric: what makes an event good
        op, value = objective.pop("op", None), objective.pop("value")
        if op not in _COMPARATORS or not isinstance(value, int | float):
            msg = "SLO.spec.objectives[0]: expected 'op' (lt, lte, gt, gte) and a numeric 'value'"
            raise ValueError(msg)
        threshold = Target(_COMPARATORS[op], float(value), unit=unit)
    return float(fraction), threshold, objective


def _time_window(windows: object) -> tuple[Duration | None, WindowKind, dict[str, Any]]:
    """The first time window: its duration, rolling or calendar, and what else it says."""
    if not isinstance(windows, list) or not windows:
        return None, WindowKind.ROLLING, {}
    first = dict(windows[0])
    window = _duration(first.pop("duration", None), "SLO.spec.timeWindow[0].duration")
    kind = WindowKind.ROLLING if first.pop("isRolling", True) else WindowKind.CALENDAR
    return window, kind, first


def _inline_indicator(
    spec: dict[str, Any], objects: Sequence[Mapping[str, Any]]
) -> Mapping[str, Any]:
    """The SLO's indicator: inline, or the SLI object its ``indicatorRef`` names."""
    if "indicator" in spec:
        inline: Mapping[str, Any] = spec.pop("indicator")
        return inline
    ref = spec.pop("indicatorRef", None)
    for each in objects:
        if each.get("kind") == "SLI" and each.get("metadata", {}).get("name") == ref:
            return {"metadata": each["metadata"], "spec": each.get("spec", {})}
    msg = f"SLO.spec.indicatorRef: no SLI named {ref!r} among the objects"
    raise ValueError(msg)


def from_openslo(objects: Sequence[Mapping[str, Any]]) -> Criterion:
    """The SLO criterion of OpenSLO v1 objects: an ``SLO``, and the ``SLI`` it refers to.

    Raises:
        ValueError: No ``SLO`` object, another API version, an ``indicatorRef``
            to no ``SLI`` given, or a field of the wrong shape; the message
            names the object and field.
    """
    slos = [o for o in objects if o.get("kind") == "SLO"]
    if len(slos) != 1:
        msg = f"expected one OpenSLO object of kind SLO, got {len(slos)}"
        raise ValueError(msg)
    (slo,) = slos
    for each in objects:
        if each.get("apiVersion") != API_VERSION:
            msg = f"expected apiVersion {API_VERSION!r}, got {each.get('apiVersion')!r}"
            raise ValueError(msg)
    metadata, spec = dict(slo.get("metadata", {})), dict(slo.get("spec", {}))
    name = metadata.pop("name", None)
    if not isinstance(name, str):
        msg = "SLO.metadata.name: expected the SLO's name"
        raise ValueError(msg)
    title = metadata.pop("displayName", name)
    kept: dict[str, Any] = {}
    if metadata:
        kept["metadata"] = metadata
    description = spec.pop("description", "")
    inline = _inline_indicator(spec, objects)
    sli_metadata = dict(inline.get("metadata", {}))
    metric = sli_metadata.pop("name", name)
    annotations = dict(sli_metadata.pop("annotations", {}))
    unit = annotations.pop(_UNIT, "")
    if annotations:
        sli_metadata["annotations"] = annotations
    if sli_metadata:
        kept["sli_metadata"] = sli_metadata
    sli_spec = inline.get("spec", {})
    objectives = spec.pop("objectives", [])
    fraction, threshold, objective = _objective(objectives, unit)
    if objective:
        kept["objective"] = objective
    if len(objectives) > 1:
        kept["more_objectives"] = objectives[1:]  # written back as read
    window, kind, rest = _time_window(spec.pop("timeWindow", []))
    if rest:
        kept["window"] = rest
    if spec:
        kept["spec"] = spec
    shapes = sli_spec if isinstance(sli_spec, Mapping) else {}
    ratio = shapes.get("ratioMetric", {})
    good = _query(ratio.get("good")) if ratio else _query(shapes.get("thresholdMetric"))
    valid = _query(ratio.get("total")) if ratio else ""
    indicator = Indicator(metric, threshold=threshold, good=good, valid=valid)
    if sli_spec != _sli_spec(indicator):
        kept["sli_spec"] = sli_spec  # metric sources beyond a query: written back as read
    percent = float(Decimal(repr(float(fraction))) * 100)
    return Criterion(
        id=name,
        title=title,
        target=Target(Comparator.GE, percent, unit="%"),
        window=window,
        description=description,
        slo=ServiceLevel(indicator, window_kind=kind),
        extra={_KEPT: kept} if kept else {},
    )
