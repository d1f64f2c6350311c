"""The pytest plugin: its fixtures, stored evaluations, cheap loading, and docs/testing.md."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

DOCS = Path(__file__).parent.parent / "docs" / "testing.md"


def python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run *code* in a fresh interpreter of this environment."""
    return subprocess.run(  # noqa: S603  (our own interpreter, our own code)
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


@pytest.fixture
def no_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as on a developer's machine, where missing expected files are written."""
    monkeypatch.delenv("CI", raising=False)


# --------------------------------------------------------------------------- docs/testing.md


def test_the_user_test_file_in_the_docs_passes(pytester: pytest.Pytester) -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    (test_file,) = blocks
    pytester.makepyfile(test_login_plan=test_file)
    first = pytester.runpytest("-p", "no:cacheprovider", "--remediation-update")
    first.assert_outcomes(passed=8)
    stored = pytester.path / "expected" / "test_login_plan"
    assert [p.name for p in stored.iterdir()] == ["test_the_evaluation_is_the_one_we_reviewed.json"]
    again = pytester.runpytest("-p", "no:cacheprovider")
    again.assert_outcomes(passed=8)


# --------------------------------------------------------------------------- fixtures


def test_fixtures_for_the_reference_example_and_small_plans(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import datetime as dt

        from remediation import Decision
        from remediation.testing import assert_not_closable, item


        def test_reference(reference_plan, reference_evaluation):
            assert reference_plan.issue == "#1176"
            assert reference_evaluation.as_of == dt.datetime(2025, 9, 15)
            assert_not_closable(reference_evaluation, because="critical-items-open")


        def test_scenario(reference_scenario):
            fixed = reference_scenario.resolve("service-authentication")
            assert_not_closable(fixed)
            assert "critical-items-open" not in {
                r.code.value for r in fixed.evaluation.recommendation.reasons
            }


        def test_make_plan(make_plan):
            plan = make_plan(item("a", "done"), item("b", depends_on=["a"]))
            assert [i.id for i in plan.phases[0].items] == ["a", "b"]
        """
    )
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=3)


EXPECTED_TEST = """
    import pytest
    from remediation.testing import item, plan, Scenario

    STATUS = {status!r}

    @pytest.mark.parametrize("case", ["a/b"])
    def test_stored(expected_evaluation, case):
        result = Scenario(plan(item("a", STATUS))).evaluation
        expected_evaluation.check(result)
        expected_evaluation.check(result, name="again")
"""


@pytest.mark.usefixtures("no_ci")
def test_expected_evaluation_writes_compares_and_updates(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_stored=EXPECTED_TEST.format(status="open"))
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)
    folder = pytester.path / "expected" / "test_stored"
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["test_stored-a-b.again.json", "test_stored-a-b.json"]
    stored = json.loads((folder / "test_stored-a-b.json").read_text(encoding="utf-8"))
    assert stored["kind"] == "evaluation"

    pytester.makepyfile(test_stored=EXPECTED_TEST.format(status="done"))
    changed = pytester.runpytest("-p", "no:cacheprovider")
    changed.assert_outcomes(failed=1)
    changed.stdout.fnmatch_lines(
        [
            "*the evaluation differs from the expected one in *test_stored-a-b.json (run*",
            "*$.progress: 0.0 -> 1.0",
            '*$.items[[]id=a].progress: "not_started" -> "done"',  # [[] is a literal [
            "*--- *test_stored-a-b.json (expected)",
            "*+++ actual",
        ]
    )
    pytester.runpytest("-p", "no:cacheprovider", "--remediation-update").assert_outcomes(passed=1)
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_on_ci_a_missing_expected_file_fails(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    pytester.makepyfile(test_stored=EXPECTED_TEST.format(status="open"))
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*no expected evaluation at *test_stored-a-b.json; run pytest with --remediation-update*"]
    )
    assert not (pytester.path / "expected").exists()


def test_the_option_is_listed_in_help(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--help")
    result.stdout.fnmatch_lines(["*--remediation-update*"])


# --------------------------------------------------------------------------- imports


def test_loading_the_plugin_imports_nothing_of_remediation(tmp_path: Path) -> None:
    done = python(
        """
        import sys
        import _remediation_pytestplugin
        heavy = ("remediation", "hypothesis", "networkx", "cattrs", "attrs")
        print(sorted(m for m in sys.modules if m.split(".")[0] in heavy))
        """,
        tmp_path,
    )
    assert done.stdout == "[]\n", done.stderr


def test_import_remediation_imports_neither_hypothesis_nor_pytest(tmp_path: Path) -> None:
    done = python(
        """
        import sys
        import remediation
        remediation.evaluate(remediation.examples.issue_1176())
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("hypothesis", "pytest"))
              + sorted(m for m in sys.modules if m.startswith("remediation.testing")))
        """,
        tmp_path,
    )
    assert done.stdout == "[]\n", done.stderr


def test_without_hypothesis_the_plugin_and_the_tools_work(tmp_path: Path) -> None:
    (tmp_path / "test_plain.py").write_text(
        textwrap.dedent(
            """
            import pytest
            from remediation.exceptions import MissingDependencyError
            from remediation.testing import assert_root_cause_unaddressed


            def test_tools(reference_evaluation):
                assert_root_cause_unaddressed(reference_evaluation, "why-5")


            def test_strategies_say_what_to_install():
                with pytest.raises(MissingDependencyError, match=r"remediation\\[testing\\]"):
                    import remediation.testing.strategies
            """
        ),
        encoding="utf-8",
    )
    done = python(
        """
        import importlib.abc
        import sys


        class NoHypothesis(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] == "hypothesis":
                    raise ModuleNotFoundError(f"No module named {name!r}", name=name)


        sys.meta_path.insert(0, NoHypothesis())  # as if it were not installed
        import pytest

        sys.exit(pytest.main(["-p", "no:hypothesispytest", "-p", "no:cacheprovider", "-q"]))
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout
