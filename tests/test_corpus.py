"""The corpus of real documents: each modeled in ``tests/corpus/<name>/``, its findings pinned.

Every directory under ``tests/corpus`` is one public, human-written document of the family
(an incident report, an enhancement proposal) with:

- ``SOURCE.md``: where it comes from (URL, commit or retrieval date, license, authors);
- ``model.yaml``: the document as a careful reader writes it down;
- ``NOTES.md``: what could not be modeled, and why (the library's to-do list);
- ``expected.yaml``: what the library derives from it, pinned here:

  ``as_of``
      the evaluation date (default: the document's own date);
  ``findings``
      every finding the library reports, as ``{code, ids}``: no more, no fewer (a code
      reported for many records may be pinned as ``{code, count}`` instead);
  ``derived``
      derived values by their path on the evaluation (``timeline.time_to_detect``,
      ``phase[p1].progress``, ``recommendation.decision``), as written;
  ``missed``
      inconsistencies the document really has that the library cannot flag yet, each
      ``{ids, reason}`` (and the ``code`` a rule for it would have): pinned as strict
      expected failures, so that the day a rule finds one, the test says so.

See docs/corpus.md for what the corpus shows the library cannot say yet.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from pathlib import Path
from typing import Any

import pytest

import remediation
from remediation import Evaluation, Span

yaml = pytest.importorskip("yaml")

CORPUS = Path(__file__).parent / "corpus"
ENTRIES = sorted(path for path in CORPUS.iterdir() if path.is_dir())
_CALL = re.compile(r"^(?P<name>\w+)\[(?P<argument>[^\]]+)\]$")


def _expected(entry: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((entry / "expected.yaml").read_text(encoding="utf-8"))
    return data


@functools.cache  # each document is evaluated once per test process: evaluations are immutable
def _evaluate(entry: Path) -> Evaluation:
    assessment = remediation.load(entry / "model.yaml")
    as_of = _expected(entry).get("as_of")
    return remediation.evaluate(assessment, as_of=as_of)


def _derived_cases() -> list[Any]:
    """One pytest parameter per derived value pinned in the corpus."""
    return [
        pytest.param(entry, path, value, id=f"{entry.name}:{path}")
        for entry in ENTRIES
        for path, value in (_expected(entry).get("derived") or {}).items()
    ]


def _missed_cases() -> list[Any]:
    """One strict expected failure per inconsistency the library cannot flag yet."""
    return [
        pytest.param(
            entry,
            missed,
            id=f"{entry.name}:{number}",
            marks=pytest.mark.xfail(strict=True, reason=missed["reason"]),
        )
        for entry in ENTRIES
        for number, missed in enumerate(_expected(entry).get("missed") or [])
    ]


def _value(evaluation: Evaluation, path: str) -> Any:
    """The value at *path*: attributes separated by dots; ``name[id]`` is ``name(id)`` for a
    method (``phase[p1]``), or the entry of a sequence with that id (``root_causes[why5]``) or, for
    entries without an id, that code (``recommendation.reasons[work-open]``)."""
    value: Any = evaluation
    for part in path.split("."):
        call = _CALL.match(part)
        if call is None:
            value = getattr(value, part)
            continue
        value = getattr(value, call["name"])
        if callable(value):
            value = value(call["argument"])
        else:
            (value,) = (entry for entry in value if _key(entry) == call["argument"])
    return _plain(value)


def _key(entry: Any) -> Any:
    """What ``name[key]`` picks an entry of a sequence by: its id, else its code (a reason)."""
    key = getattr(entry, "id", None)
    return _plain(getattr(entry, "code", None) if key is None else key)


def _plain(value: Any) -> Any:
    """What a YAML file can say of a derived value."""
    if isinstance(value, Span):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(part) for part in value]
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return value


def _pinned(finding: remediation.Finding) -> dict[str, Any]:
    return {"code": finding.code, "ids": list(finding.ids)}


def test_the_corpus_has_at_least_six_documents() -> None:
    assert len(ENTRIES) >= 6


def _has_figures(assessment: remediation.Assessment) -> bool:
    """Whether a document states figures the library checks: claims, relations, series or SLOs."""
    series = any(isinstance(piece, remediation.SeriesEvidence) for piece in assessment.evidence)
    slos = any(criterion.slo is not None for criterion in assessment.criteria)
    return bool(assessment.claims or assessment.relations or series or slos)


def test_the_corpus_has_at_least_six_documents_rich_in_figures() -> None:
    """Issue 15: SLO documents, plans with budgets, incident and audit reports with counts."""
    rich = [entry.name for entry in ENTRIES if _has_figures(remediation.load(entry / "model.yaml"))]
    assert len(rich) >= 6, rich


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry.name)
def test_an_entry_says_where_it_comes_from_and_what_could_not_be_modeled(entry: Path) -> None:
    source = (entry / "SOURCE.md").read_text(encoding="utf-8")
    assert re.search(r"https?://\S+", source), "SOURCE.md names no URL"
    assert re.search(r"(?i)retrieved|commit", source), "SOURCE.md names no commit or date"
    notes = (entry / "NOTES.md").read_text(encoding="utf-8")
    assert notes.count("\n- ") >= 3, "NOTES.md lists fewer than three things not modeled"
    assert (entry / "model.yaml").is_file()
    assert (entry / "expected.yaml").is_file()


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry.name)
def test_the_library_reports_exactly_the_pinned_findings(entry: Path) -> None:
    """Each finding is pinned by code and ids; a code pinned with ``count`` by how many."""
    expected = _expected(entry).get("findings") or []
    counted = {pin["code"]: pin["count"] for pin in expected if "count" in pin}
    found = [finding for finding in _evaluate(entry).findings if finding.code not in counted]
    pinned = [pin for pin in expected if "count" not in pin]
    assert sorted(map(_pinned, found), key=str) == sorted(pinned, key=str)
    codes = [finding.code for finding in _evaluate(entry).findings]
    assert {code: codes.count(code) for code in counted} == counted


@pytest.mark.parametrize(("entry", "path", "expected"), _derived_cases())
def test_a_derived_value_is_as_pinned(entry: Path, path: str, expected: Any) -> None:
    assert _value(_evaluate(entry), path) == _plain(expected)


@pytest.mark.parametrize(("entry", "missed"), _missed_cases())
def test_an_inconsistency_the_library_cannot_flag_yet(entry: Path, missed: dict[str, Any]) -> None:
    """Strict xfail: passes (and so fails the suite) once a rule flags the inconsistency."""
    pinned = _expected(entry).get("findings") or []
    new = [
        finding
        for finding in _evaluate(entry).findings
        if _pinned(finding) not in pinned
        and set(missed["ids"]) <= set(finding.ids)
        and finding.code == missed.get("code", finding.code)
    ]
    assert new, missed["reason"]
