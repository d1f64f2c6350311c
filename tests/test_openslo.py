"""OpenSLO v1: SLO criteria written as SLO and SLI objects and read back.

The public examples below are written in the shape of the OpenSLO
specification's examples (https://github.com/OpenSLO/OpenSLO, ``examples/``):
a threshold metric with an occurrences budget, and a ratio metric with a
calendar window, time slices and a second objective.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

import remediation
from remediation import (
    Criterion,
    Indicator,
    ServiceLevel,
    WindowKind,
    from_openslo,
    parse_duration,
    parse_target,
    to_openslo,
)
from remediation.testing import plan

THRESHOLD = """
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-latency
  displayName: Checkout latency
spec:
  description: Checkout answers in under 800 ms, whatever the load.
  service: shop
  indicator:
    metadata:
      name: checkout-duration
      displayName: Duration of checkout requests
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: histogram_quantile(0.99, checkout_seconds_bucket)
  timeWindow:
    - duration: 2w
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Fast checkout
      op: lt
      value: 800
      target: 0.99
  alertPolicies: []
"""

RATIO = """
apiVersion: openslo/v1
kind: SLO
metadata:
  name: api-availability
  displayName: API availability
spec:
  description: The API is up as the contract says, with a margin.
  service: api
  indicator:
    metadata:
      name: api-uptime
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Datadog
            spec:
              query: sum:api.requests.ok{*}
        total:
          metricSource:
            type: Datadog
            spec:
              query: sum:api.requests{*}
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar:
        startTime: "2024-01-01 00:00:00"
        timeZone: Europe/Paris
  budgetingMethod: Timeslices
  objectives:
    - displayName: Internal objective
      op: gt
      target: 0.995
      timeSliceTarget: 0.99
      timeSliceWindow: 1m
    - displayName: Contract
      target: 0.99
      timeSliceTarget: 0.99
      timeSliceWindow: 1m
"""

SLI_AND_SLO = """
apiVersion: openslo/v1
kind: SLI
metadata:
  name: login-errors
spec:
  ratioMetric:
    counter: true
    good:
      metricSource:
        spec:
          query: logins_ok
    total:
      metricSource:
        spec:
          query: logins
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: login-success
spec:
  indicatorRef: login-errors
  timeWindow:
    - duration: 28d
      isRolling: true
  objectives:
    - target: 0.999
"""


def objects(text: str) -> list[dict[str, Any]]:
    return [o for o in yaml.safe_load_all(text) if o]


@pytest.mark.parametrize("text", [THRESHOLD, RATIO], ids=["threshold", "ratio"])
def test_public_objects_read_and_write_back_the_same(text: str) -> None:
    read = objects(text)
    criterion = from_openslo(read)
    assert to_openslo(criterion) == read


def test_a_threshold_slo_reads_as_a_criterion() -> None:
    criterion = from_openslo(objects(THRESHOLD))
    assert criterion.id == "checkout-latency"
    assert criterion.title == "Checkout latency"
    assert criterion.target == parse_target(">= 99%")
    assert criterion.window == parse_duration("2 weeks")
    assert criterion.slo is not None
    assert criterion.slo.indicator.metric == "checkout-duration"
    assert criterion.slo.indicator.threshold == parse_target("<800")  # OpenSLO has no unit


def test_a_ratio_slo_with_a_calendar_window() -> None:
    criterion = from_openslo(objects(RATIO))
    assert criterion.target == parse_target(">= 99.5%")
    assert criterion.window == parse_duration("1 month")
    assert criterion.slo is not None
    assert criterion.slo.window_kind is WindowKind.CALENDAR
    assert criterion.slo.indicator.threshold is None
    assert criterion.slo.indicator.good == "sum:api.requests.ok{*}"
    assert criterion.slo.indicator.valid == "sum:api.requests{*}"


def test_an_slo_referring_to_an_sli() -> None:
    read = objects(SLI_AND_SLO)
    criterion = from_openslo(read)
    assert criterion.slo is not None
    assert criterion.slo.indicator.metric == "login-errors"
    assert criterion.slo.indicator.good == "logins_ok"
    assert to_openslo(criterion, sli=True) == read


def own_slos() -> list[Criterion]:
    latency = Criterion(
        id="latency",
        title="Latency SLO",
        description="p99 under a second",
        target=parse_target(">= 99.9%"),
        window=parse_duration("28 days"),
        slo=ServiceLevel(
            Indicator("latency", threshold=parse_target("< 1000 ms"), good="requests_fast")
        ),
    )
    availability = Criterion(
        id="availability",
        title="availability",
        target=parse_target(">= 99.95%"),
        window=parse_duration("1 month"),
        slo=ServiceLevel(
            Indicator("uptime", good="ok", valid="all"), window_kind=WindowKind.CALENDAR
        ),
    )
    return [latency, availability]


@pytest.mark.parametrize("criterion", own_slos(), ids=lambda c: c.id)
@pytest.mark.parametrize("sli", [False, True])
def test_the_projects_own_slos_round_trip(criterion: Criterion, sli: bool) -> None:
    assert from_openslo(to_openslo(criterion, sli=sli)) == criterion


def test_a_document_slo_round_trips_through_openslo() -> None:
    document = plan(*own_slos(), date=dt.date(2025, 3, 1))
    again = remediation.loads(remediation.dumps(document))
    for criterion in again.criteria:
        assert from_openslo(to_openslo(criterion)) == criterion


@pytest.mark.parametrize(
    ("criterion", "message"),
    [
        (Criterion(id="c", title="C", target=parse_target("<1%")), "is not an SLO"),
        (
            Criterion(
                id="c",
                title="C",
                target=parse_target("> 99%"),
                slo=ServiceLevel(Indicator("m")),
            ),
            "OpenSLO objectives are '>='",
        ),
        (
            Criterion(
                id="c",
                title="C",
                target=parse_target(">= 99%"),
                window=parse_duration("1 month 2 days"),
                slo=ServiceLevel(Indicator("m")),
            ),
            "in one unit",
        ),
    ],
)
def test_what_openslo_cannot_say_is_refused(criterion: Criterion, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        to_openslo(criterion)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda o: o.update(apiVersion="openslo/v2alpha"), "expected apiVersion"),
        (lambda o: o["spec"].update(objectives=[]), "at least one objective"),
        (lambda o: o["spec"]["objectives"][0].update(target="high"), "as a fraction"),
        (lambda o: o["spec"]["timeWindow"][0].update(duration="two weeks"), "'28d' or '1M'"),
        (lambda o: o["spec"]["objectives"][0].update(op="near"), "'op' \\(lt, lte, gt, gte\\)"),
    ],
)
def test_bad_objects_are_refused_naming_the_field(change: Any, message: str) -> None:
    (slo,) = objects(THRESHOLD)
    change(slo)
    with pytest.raises(ValueError, match=message):
        from_openslo([slo])
