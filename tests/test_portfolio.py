"""A directory of assessments evaluated in parallel into one table; a bad file does not stop it."""

from __future__ import annotations

import io
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import remediation
from remediation import Decision
from remediation.cli import main
from remediation.io.portfolio import assessment_files, evaluate_file
from remediation.render.portfolio import PORTFOLIO_COLUMNS, portfolio_text


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    """The example, a variant in a subdirectory, a broken file, and files that are left out."""
    plan = remediation.examples.issue_1176()
    remediation.dump(plan, tmp_path / "issue-1176.json")
    nested = tmp_path / "team" / "b.yaml"
    nested.parent.mkdir()
    remediation.dump(remediation.with_status(plan, "ssot-violations", "RESOLVED"), nested)
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an assessment", encoding="utf-8")
    hidden = tmp_path / ".git" / "config.json"
    hidden.parent.mkdir()
    hidden.write_text("{}", encoding="utf-8")
    return tmp_path


def test_the_files_are_the_json_and_yaml_ones_outside_hidden_directories(
    directory: Path,
) -> None:
    assert [p.relative_to(directory).as_posix() for p in assessment_files(directory)] == [
        "broken.yaml",
        "issue-1176.json",
        "team/b.yaml",
    ]
    with pytest.raises(NotADirectoryError, match="expected a directory of assessments"):
        assessment_files(directory / "issue-1176.json")


def test_processes_give_the_rows_of_one_process_and_a_bad_file_is_reported(
    directory: Path,
) -> None:
    one = remediation.evaluate_portfolio(directory, workers=1)
    parallel = remediation.evaluate_portfolio(directory, workers=2)
    assert parallel == one
    broken, example, variant = one.rows
    assert broken.path == str(directory / "broken.yaml")
    assert broken.error is not None
    assert "not valid YAML" in broken.error
    assert broken.progress is None
    result = remediation.evaluate(remediation.examples.issue_1176())
    assert (example.assessment, example.decision, example.progress) == (
        "issue-1176-2025-09-15",
        Decision.KEEP_OPEN,
        result.progress,
    )
    assert (example.unmet_criteria, example.unmeasured_criteria) == (5, 2)
    assert example.findings == len(result.active_findings)
    assert example.open_items == sum(1 for item in result.items if not item.closed)
    assert variant.open_items == example.open_items - 1
    assert one.errors == (broken,)
    assert one.total("unmet_criteria") == 10
    assert one.totals["open_items"] == example.open_items + variant.open_items
    with pytest.raises(ValueError, match="expected one of the count columns"):
        one.total("progress")


def test_any_executor_runs_it_and_progress_is_told(directory: Path) -> None:
    # A Dask client's get_executor() is such an executor; threads stand in for it here.
    told: list[tuple[int, int]] = []
    with ThreadPoolExecutor(2) as executor:
        portfolio = remediation.evaluate_portfolio(
            directory, executor=executor, progress=lambda done, total: told.append((done, total))
        )
    assert portfolio == remediation.evaluate_portfolio(directory, workers=1)
    assert told[-1] == (3, 3)


def test_the_table_as_records_and_as_a_data_frame_with_totals(directory: Path) -> None:
    portfolio = remediation.evaluate_portfolio(directory, workers=1)
    records = remediation.portfolio_records(portfolio, total=True)
    assert [r["path"] for r in records][-1] == "total"
    assert records[-1]["assessment"] == "2 evaluated"
    assert records[-1]["error"] == "1 not evaluated"
    assert records[-1]["unmet_criteria"] == 10
    assert records[1]["decision"] == "keep_open"
    assert records[1]["date"] == "2025-09-15"
    frame = remediation.portfolio_dataframe(portfolio)
    assert list(frame.columns) == list(PORTFOLIO_COLUMNS)
    assert int(frame["unmet_criteria"].sum()) == 10
    assert frame["error"].notna().sum() == 1
    text = portfolio_text(portfolio)
    assert "not evaluated: $: not valid YAML" in text
    assert text.splitlines()[-1].startswith("total (2 evaluated)")


def test_evaluating_one_file_never_raises_for_a_bad_document(tmp_path: Path) -> None:
    missing = evaluate_file(tmp_path / "missing.json")
    assert missing.error is not None
    assert "missing.json" in missing.error
    assert remediation.evaluate_portfolio(tmp_path).rows == ()
    with pytest.raises(ValueError, match="workers: expected a positive number of processes"):
        remediation.evaluate_portfolio(tmp_path, workers=0)


def test_the_command_evaluates_a_directory(
    directory: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["evaluate", str(directory), "--workers", "1"])
    out, err = capsys.readouterr()
    assert code == 2  # a file was not evaluated: said on standard error, the rest printed
    assert out == portfolio_text(remediation.evaluate_portfolio(directory, workers=1))
    assert err.startswith(f"{directory / 'broken.yaml'}: $: not valid YAML")
    (directory / "broken.yaml").unlink()
    assert main(["evaluate", str(directory), "--json", "--workers", "1", "--check"]) == 1
    records = json.loads(capsys.readouterr().out)
    assert [r["path"] for r in records] == [
        str(directory / "issue-1176.json"),
        str(directory / "team" / "b.yaml"),
        "total",
    ]
    assert main(["evaluate", str(directory), "--format", "sarif"]) == 2
    assert "use --format text, markdown or json" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_progress_bar(
    directory: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (directory / "broken.yaml").unlink()
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["evaluate", str(directory), "--workers", "1", "--format", "markdown"]) == 0
    assert terminal.getvalue().endswith(f"\r[{'#' * 30}] 2/2\n")
    assert f"\r[{'#' * 15}{'.' * 15}] 1/2" in terminal.getvalue()
    assert capsys.readouterr().out.startswith("| path | decision | progress | open |")
