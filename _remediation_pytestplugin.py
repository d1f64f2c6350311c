"""The pytest plugin of :mod:`remediation`: fixtures for testing plan logic.

pytest loads it in every session of an environment where remediation is
installed (entry point ``pytest11``). Like Hypothesis's own plugin, it is a
top-level module, so that loading it imports nothing but pytest: not even
:mod:`remediation`, until a fixture is used. It needs no Hypothesis.

Fixtures:
    reference_plan: The reference example, :func:`remediation.examples.issue_1176`.
    reference_evaluation: Its evaluation as of its date, 2025-09-15.
    reference_scenario: A :class:`~remediation.testing.Scenario` of it, to apply
        what-if steps to.
    make_plan: :func:`remediation.testing.plan`, which builds a small valid plan
        from records in a line.
    expected_evaluation: An :class:`~remediation.testing.ExpectedFile` for the
        test: ``expected_evaluation.check(result)`` compares *result* with
        ``expected/<test module>/<test name>.json`` beside the test file and
        fails with the changes and a unified diff.

Options:
    --remediation-update: Write the expected files instead of comparing.

A missing expected file is written and the check passes, except on CI
(the ``CI`` environment variable set, as CI services do), where it fails.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from remediation import Assessment, Evaluation
    from remediation.testing import ExpectedFile, Scenario

__all__ = [
    "expected_evaluation",
    "make_plan",
    "pytest_addoption",
    "reference_evaluation",
    "reference_plan",
    "reference_scenario",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--remediation-update``."""
    group = parser.getgroup("remediation", "remediation plans")
    group.addoption(
        "--remediation-update",
        action="store_true",
        default=False,
        help="write the expected evaluations of the expected_evaluation fixture instead of "
        "comparing with them",
    )


# The imports of remediation below are inside the fixtures: this module is
# imported by every pytest session, and most never use a plan.


@pytest.fixture(scope="session")
def reference_plan() -> Assessment:
    """The reference example: the status assessment of issue #1176."""
    from remediation import examples  # noqa: PLC0415

    return examples.issue_1176()


@pytest.fixture(scope="session")
def reference_evaluation(reference_plan: Assessment) -> Evaluation:
    """The reference example evaluated as of its date, 2025-09-15."""
    from remediation import evaluate  # noqa: PLC0415

    return evaluate(reference_plan, as_of=reference_plan.date)


@pytest.fixture
def reference_scenario(reference_plan: Assessment) -> Scenario:
    """A scenario of the reference example, as of its date, with no steps yet."""
    from remediation.testing import Scenario  # noqa: PLC0415

    return Scenario(reference_plan, as_of=reference_plan.date)


@pytest.fixture
def make_plan() -> Callable[..., Assessment]:
    """:func:`remediation.testing.plan`: ``make_plan(item("a", "done"), item("b"))``."""
    from remediation.testing import plan  # noqa: PLC0415

    return plan


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _stem(nodeid: str) -> str:
    """A file name from a test id: ``TestPlan.test_it[a/b]`` becomes ``TestPlan.test_it-a-b``."""
    name = ".".join(nodeid.split("::")[1:]) or nodeid
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")


@pytest.fixture
def expected_evaluation(request: pytest.FixtureRequest) -> ExpectedFile:
    """Compare evaluations with files under ``expected/`` beside the test module."""
    from remediation.testing import ExpectedFile  # noqa: PLC0415

    return ExpectedFile(
        folder=request.path.parent / "expected" / request.path.stem,
        stem=_stem(request.node.nodeid),
        update=bool(request.config.getoption("remediation_update")),
        create=not _in_ci(),
    )
