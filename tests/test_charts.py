"""matplotlib charts: progress per phase and the projected schedule."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import attrs
import pytest

import remediation
from remediation import Assessment

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.patches import Rectangle
from remediation.exceptions import InvalidValueError, MissingDependencyError


@pytest.fixture(scope="module")
def plan() -> Assessment:
    return remediation.examples.issue_1176()


def _bars(ax: Axes) -> list[Rectangle]:
    from matplotlib.patches import Rectangle  # noqa: PLC0415

    return [patch for patch in ax.patches if isinstance(patch, Rectangle)]


def _hex(color: object) -> str:
    from matplotlib.colors import to_hex  # noqa: PLC0415

    return to_hex(color)  # type: ignore[arg-type]


def test_progress_has_a_bar_per_phase_and_group(plan: Assessment) -> None:
    pytest.importorskip("matplotlib")
    ax = remediation.plot_progress(plan)
    bars = _bars(ax)
    assert [float(bar.get_width()) for bar in bars] == [87.5, 0.0, 0.0, 0.0, 0.0]
    assert [_hex(bar.get_facecolor()) for bar in bars] == ["#9a6700"] + ["#b42318"] * 4
    assert [label.get_text() for label in ax.get_yticklabels()] == [
        "Phase 1: Emergency Fixes",
        "Phase 2: SSOT Consolidation",
        "Phase 3: Cultural Transformation",
        "Critical Staging Environment Restoration",
        "MessageRouter Consolidation",
    ]
    assert [text.get_text() for text in ax.texts][:2] == [" 87.5% (3/4 done)", " 0% (0/4 done)"]
    assert ax.get_title() == "#1176: progress as of 2025-09-15"


def test_a_complete_phase_is_green(plan: Assessment) -> None:
    pytest.importorskip("matplotlib")
    done = remediation.with_status(plan, "ssot-violations", "done")
    ax = remediation.plot_progress(done)
    assert _hex(_bars(ax)[0].get_facecolor()) == "#1b7a2f"
    assert float(_bars(ax)[0].get_width()) == 100.0


def test_charts_draw_on_the_axes_given(plan: Assessment) -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.figure import Figure  # noqa: PLC0415

    figure = Figure()
    left, right = figure.subplots(1, 2)
    assert remediation.plot_progress(plan, ax=left) is left
    assert remediation.plot_schedule(plan, ax=right) is right
    assert len(left.patches) == 5
    assert len(right.patches) == 11


def test_the_schedule_has_a_bar_per_open_item(plan: Assessment) -> None:
    pytest.importorskip("matplotlib")
    import numpy  # noqa: PLC0415
    from matplotlib import dates  # noqa: PLC0415

    ax = remediation.plot_schedule(plan, remediation.evaluate(plan, as_of="2025-09-15"))
    labels = [label.get_text() for label in ax.get_yticklabels()]
    assert labels[0] == "SSOT Violations"
    assert "Auth Service Deployment" not in labels
    bars = dict(zip(labels, _bars(ax), strict=True))
    migration = bars["Systematic Migration Strategy"]
    assert migration.get_x() == dates.datestr2num("2025-09-15")  # type: ignore[no-untyped-call]
    assert migration.get_width() == pytest.approx(30)
    assert migration.get_linewidth() == 2
    assert bars["Business Impact Escalation"].get_linewidth() != 2
    assert _hex(bars["Service Authentication"].get_facecolor()) == "#7a0d0d"
    assert bars["SSOT Violations"].get_width() == pytest.approx(4 / 24)
    (line,) = ax.get_lines()
    as_of = dates.datestr2num("2025-09-15")  # type: ignore[no-untyped-call]
    assert numpy.asarray(line.get_xdata()).tolist() == [as_of, as_of]


def test_a_mismatched_evaluation_is_refused(plan: Assessment) -> None:
    pytest.importorskip("matplotlib")
    other = remediation.evaluate(attrs.evolve(plan, id="other"))
    for draw in (remediation.plot_progress, remediation.plot_schedule):
        with pytest.raises(InvalidValueError):
            draw(plan, other)


@pytest.mark.parametrize("draw", [remediation.plot_progress, remediation.plot_schedule])
def test_without_matplotlib_the_error_says_what_to_install(
    plan: Assessment, monkeypatch: pytest.MonkeyPatch, draw: object
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'remediation\[charts\]'"):
        draw(plan)  # type: ignore[operator]
