"""The adversarial table: each case a hostile user tried (issue 12), as a test that keeps it fixed.

One test per case, in the order of the issue: writes that must not damage what
they replace, inputs that must not crash or amplify, inputs that must not
deceive, messages that must point at the cause, and the exit codes.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import signal
import socket
import stat
import sys
import threading
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import remediation
from remediation.cli import SHOWN_ERRORS, main
from remediation.exceptions import (
    DocumentError,
    FormatError,
    PlanValidationError,
    RemediationError,
)
from remediation.io.formats import from_data
from remediation.io.limits import read_limited
from remediation.io.output import TEMPORARY_MARK, write_text
from remediation.render.formatting import visible
from remediation.render.summary import render_summary

HEADER = 'schema_version: 1\nid: plan\nissue: "#7"\ntitle: Checkout errors\ndate: 2025-05-01\n'


def items(*entries: str) -> str:
    return HEADER + "phases: [{id: p, title: P, items: [" + ", ".join(entries) + "]}]\n"


def run(
    capsys: pytest.CaptureFixture[str], *argv: str, stdin: bytes | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        code = main(list(argv))
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return code, out, err


def problems(text: str, **options: Any) -> list[tuple[str, str, str]]:
    """(path, code, detail) of every problem reading *text* (YAML) reports."""
    try:
        remediation.loads(text, "yaml", **options)
    except PlanValidationError as group:
        return [(e.path, e.code, e.detail) for e in group.errors]
    except DocumentError as error:
        return [(error.path, error.code, error.detail)]
    return []


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(items("{id: a, title: A, status: open}"), encoding="utf-8")
    return path


@pytest.fixture
def umask_027() -> Iterator[None]:
    previous = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(previous)


# --------------------------------------------------------------------------- writes


def test_a_pipe_is_written_into_not_replaced(tmp_path: Path, plan_file: Path) -> None:
    # As root, `-o /dev/null` turned /dev/null into a regular file; a FIFO shows the same.
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert main(["render", str(plan_file), "-o", str(fifo)]) == 0
    reader.join(timeout=30)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received[0].decode("utf-8").startswith("# ")


def test_a_device_is_written_into_not_replaced(plan_file: Path) -> None:
    devnull = Path(os.devnull)
    before = devnull.stat()
    assert main(["render", str(plan_file), "-o", os.devnull]) == 0
    after = devnull.stat()
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_socket_is_refused_and_left_alone(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        code, _, err = run(capsys, "render", str(plan_file), "-o", str(path))
    assert code == 2
    assert err.startswith("error: ")
    assert stat.S_ISSOCK(path.stat().st_mode)


def test_a_read_only_file_is_refused_unless_forced(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    target.write_text("keep me\n", encoding="utf-8")
    target.chmod(0o444)
    code, _, err = run(capsys, "render", str(plan_file), "-o", str(target))
    assert code == 2
    assert "read-only" in err
    assert "--force" in err
    assert target.read_text(encoding="utf-8") == "keep me\n"  # even as root
    code, _, _ = run(capsys, "render", str(plan_file), "-o", str(target), "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert stat.S_IMODE(target.stat().st_mode) == 0o444  # forced, it keeps its mode


def test_a_symlink_is_written_through(plan_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert main(["render", str(plan_file), "-o", str(link)]) == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.usefixtures("umask_027")
def test_a_new_file_gets_its_mode_from_the_umask_and_a_replaced_one_keeps_its_own(
    plan_file: Path, tmp_path: Path
) -> None:
    new = tmp_path / "new.md"
    assert main(["render", str(plan_file), "-o", str(new)]) == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o640  # 0666 less the umask, not 0600
    kept = tmp_path / "kept.md"
    kept.write_text("old\n", encoding="utf-8")
    kept.chmod(0o664)
    assert main(["render", str(plan_file), "-o", str(kept)]) == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o664
    remediation.dump(remediation.loads(plan_file.read_text(), "yaml"), tmp_path / "d.json")
    assert stat.S_IMODE((tmp_path / "d.json").stat().st_mode) == 0o640


def test_dash_is_standard_output(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "render", str(plan_file), "-o", "-")
    assert code == 0
    assert out.startswith("# ")
    assert not (tmp_path / "-").exists()
    remediation.dump(remediation.loads(plan_file.read_text(), "yaml"), "-", "json")
    assert json.loads(capsys.readouterr().out)["id"] == "plan"


def test_a_failed_write_leaves_no_temporary_file_and_a_stale_one_is_recognisable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names: list[str] = []
    real_fsync = os.fsync

    def fail(descriptor: int) -> None:
        names.extend(p.name for p in tmp_path.iterdir())
        real_fsync(descriptor)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match=r"No space left on device: '.*out\.md'"):
        write_text("text\n", tmp_path / "out.md")  # the message names the file
    assert list(tmp_path.iterdir()) == []
    (temporary,) = names
    assert temporary.startswith(".out.md" + TEMPORARY_MARK)
    assert temporary.endswith(".tmp")
    assert f"-{os.getpid()}-" in temporary


def test_a_missing_directory_is_reported_by_the_destinations_name(tmp_path: Path) -> None:
    destination = tmp_path / "nowhere" / "report.md"
    with pytest.raises(FileNotFoundError) as caught:
        write_text("text\n", destination)
    assert caught.value.filename == str(destination)  # not the temporary file's name


def test_sigterm_during_a_write_removes_the_temporary_file(
    capsys: pytest.CaptureFixture[str],
    plan_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A process killed mid-write left a 12-18 MB temporary file behind.
    def terminate(_descriptor: int) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the signal arrives first

    monkeypatch.setattr(os, "fsync", terminate)
    before = signal.getsignal(signal.SIGTERM)
    code, _, _ = run(capsys, "render", str(plan_file), "-o", str(tmp_path / "r.md"))
    assert code == 128 + signal.SIGTERM
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]
    assert signal.getsignal(signal.SIGTERM) is before  # restored


# --------------------------------------------------------------------------- inputs that crash


JSON_HEADER = '"schema_version": 1, "id": "plan", "issue": "#7", "title": "T", "date": "2025-05-01"'
HUGE_CASES = [
    (
        "$.phases[0].items[0].weight",
        items("{id: a, title: A, status: open, weight: NUMBER}"),
        "{" + JSON_HEADER + ', "phases": [{"id": "p", "title": "P", "items": '
        '[{"id": "a", "title": "A", "status": "open", "weight": NUMBER}]}]}',
    ),
    (
        "$.criteria[0].current",
        HEADER + "criteria: [{id: c, title: C, target: '<1', current: NUMBER}]\n",
        "{" + JSON_HEADER + ', "criteria": [{"id": "c", "title": "C", "target": "<1", '
        '"current": NUMBER}]}',
    ),
]


@pytest.mark.parametrize("digits", [400, 5000])
@pytest.mark.parametrize(("field", "yaml_text", "json_text"), HUGE_CASES)
def test_a_huge_integer_is_an_error_with_its_path(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    digits: int,
    field: str,
    yaml_text: str,
    json_text: str,
) -> None:
    number = "1" + "0" * (digits - 1)
    expected = f"expected a number from -1e15 to 1e15, got an integer of {digits} digits"
    assert problems(yaml_text.replace("NUMBER", number)) == [(field, "out-of-range", expected)]
    with pytest.raises(PlanValidationError) as caught:
        remediation.loads(json_text.replace("NUMBER", number), "json")
    assert [(e.path, e.detail) for e in caught.value.errors] == [(field, expected)]
    path = tmp_path / "plan.yaml"
    path.write_text(yaml_text.replace("NUMBER", number), encoding="utf-8")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2  # not 1, which --check uses for "not closable"
    assert f"{field}: {expected}" in err


def test_a_huge_integer_given_as_data_is_an_error_too() -> None:
    # from_data takes Python values: no parser counted the digits first
    data = remediation.to_data(remediation.examples.issue_1176())
    data["phases"][0]["items"][0]["weight"] = 10**5000
    data["extra"] = {"n": -(10**400)}
    with pytest.raises(PlanValidationError) as caught:
        from_data(data, remediation.Assessment)
    assert [(e.path, e.detail) for e in caught.value.errors] == [
        ("$.extra.n", "expected an integer of at most 20 digits, got one of 401 digits"),
        (
            "$.phases[0].items[0].weight",
            "expected a number from -1e15 to 1e15, got an integer of 5001 digits",
        ),
    ]


def test_a_huge_number_in_a_duration_or_target_is_an_error_with_its_path() -> None:
    number = "1" + "0" * 4999
    assert problems(items(f"{{id: a, title: A, status: open, estimate: {number} days}}")) == [
        (
            "$.phases[0].items[0].estimate",
            "malformed-duration",
            "not a duration: its number has 5000 digits, more than 20",
        )
    ]
    assert problems(HEADER + f"criteria: [{{id: c, title: C, target: '<{number}'}}]\n") == [
        (
            "$.criteria[0].target",
            "out-of-range",
            "not a target: its number has 5000 digits, more than 20",
        )
    ]


@pytest.mark.parametrize("value", ["1.0e+999", "-1.0e+999", ".nan", "1.0e+16"])
def test_non_finite_and_oversized_numbers_are_refused(value: str) -> None:
    found = problems(items(f"{{id: a, title: A, status: open, weight: {value}}}"))
    assert [(p, c) for p, c, _ in found] in (
        [("$.phases[0].items[0].weight", "out-of-range")],
        [("$.phases[0].items[0].weight", "invalid-value")],
    )


def test_a_lone_surrogate_is_refused_when_read(tmp_path: Path) -> None:
    # It loaded, then dump raised UnicodeEncodeError and render failed.
    json_text = (
        '{"schema_version": 1, "id": "p", "issue": "#1", "title": "\\ud800", "date": "2025-05-01"}'
    )
    cases: list[tuple[str, remediation.Format]] = [
        (items('{id: a, title: "A\\ud800", status: open}'), "yaml"),
        (json_text, "json"),
    ]
    for text, fmt in cases:
        with pytest.raises(PlanValidationError) as caught:
            remediation.loads(text, fmt)
        (problem,) = caught.value.errors
        assert "lone surrogate" in problem.detail
        assert problem.path in ("$.phases[0].items[0].title", "$.title")


def test_a_nul_byte_in_a_title_is_refused_and_never_reaches_dot() -> None:
    assert [(p, c) for p, c, _ in problems(items('{id: a, title: "A\\0B", status: open}'))] == [
        ("$.phases[0].items[0].title", "invalid-value")
    ]
    built = remediation.Assessment(
        id="x", issue="#1", title="X\x00Y", date=dt.date(2025, 1, 1),
        phases=[remediation.Phase(id="p", title="P\x00", items=[])],
    )  # fmt: skip
    dot = remediation.to_dot(built)
    assert "\x00" not in dot
    assert "X␀Y" in dot


# --------------------------------------------------------------------------- inputs that amplify


def test_aliases_are_counted_by_their_expanded_size() -> None:
    # 193 KB of YAML whose titles alias one 100 KB string rendered 600 MB of Markdown.
    entries = ", ".join(f"{{id: i{n}, title: *big, status: open}}" for n in range(6000))
    text = HEADER + "big: &big " + "x" * 100_000 + "\n"
    text += "phases: [{id: p, title: P, items: [" + entries + "]}]\n"
    assert len(text) < 400_000
    # Refused by counting (the message says what the aliases would expand to), not by
    # rendering them: no timing here, which a busy machine would fail.
    ((path, code, detail),) = problems(text)
    assert (path, code) == ("$", "too-large")
    assert "expands to more than 67108864 characters" in detail


class _CountingStream(io.RawIOBase):
    """An endless stream of spaces that counts what it gave."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = len(buffer)
        buffer[:size] = b" " * size
        self.given += size
        return size


def test_standard_input_is_read_in_bounded_chunks() -> None:
    # 200 MB on standard input used 432 MB of memory before the limit applied.
    stream = _CountingStream()
    with pytest.raises(FormatError) as caught:
        read_limited(io.BufferedReader(stream), 1_000_000)
    assert caught.value.code == "too-large"
    assert stream.given < 1_200_000
    assert "--limit max_bytes=N" in caught.value.detail


def test_standard_input_over_the_limit_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate", "-", "--limit", "max_bytes=1000", stdin=b"#" * 5000)
    assert code == 2
    assert "more than the limit of 1000 bytes" in err


def test_error_output_is_capped_unless_all_errors_is_asked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # 10k bad items printed 20,000 lines.
    bad = [f"{{id: i{n}, title: T, status: nope, weight: -1}}" for n in range(10_000)]
    path = tmp_path / "bad.yaml"
    path.write_text(items(*bad), encoding="utf-8")
    code, _, err = run(capsys, "validate", str(path))
    lines = err.splitlines()
    assert code == 2
    assert len(lines) == SHOWN_ERRORS + 2
    assert lines[-1] == "... and 19980 more problems (20000 in all); --all-errors prints every one"
    code, _, err = run(capsys, "validate", str(path), "--all-errors")
    assert len(err.splitlines()) == 20_001
    with pytest.raises(PlanValidationError) as caught:
        remediation.load(path)
    assert len(caught.value.errors) == 20_000


# --------------------------------------------------------------------------- inputs that deceive


def test_ids_are_normalized_so_nfc_and_nfd_name_one_record() -> None:
    nfc, nfd = "caf\u00e9", "cafe\u0301"
    text = items(
        f'{{id: "{nfd}", title: A, status: done}}',
        f'{{id: b, title: B, status: open, depends_on: ["{nfc}"]}}',
    )
    plan = remediation.loads(text, "yaml")
    assert plan.phases[0].items[0].id == nfc
    assert unicodedata.is_normalized("NFC", plan.phases[0].items[1].depends_on[0])
    duplicate = items(
        f'{{id: "{nfc}", title: A, status: open}}', f'{{id: "{nfd}", title: B, status: open}}'
    )
    assert [c for _, c, _ in problems(duplicate)] == ["duplicate-id"]


def test_a_reference_that_differs_only_by_normalization_says_did_you_mean() -> None:
    # Built in code (the loader would have normalized it), the two look identical.
    item = remediation.WorkItem(id="caf\u00e9", title="A", status=remediation.Status.parse("open"))
    other = remediation.WorkItem(
        id="b", title="B", status=remediation.Status.parse("open"), depends_on=["cafe\u0301"]
    )
    plan = remediation.Assessment(
        id="x", issue="#1", title="X", date=dt.date(2025, 1, 1),
        phases=[remediation.Phase(id="p", title="P", items=[item, other])],
    )  # fmt: skip
    with pytest.raises(PlanValidationError) as caught:
        remediation.validate(plan)
    (problem,) = caught.value.errors
    assert str(problem).endswith(
        "did you mean 'caf\\xe9'? ('cafe\\u0301' is not it: "
        "they differ only in Unicode normalization)"
    )


@pytest.mark.parametrize(
    ("reference", "how"),
    [
        ("Deploy", "they differ only in case"),
        ("d\u0435ploy", "they differ in look-alike characters"),
    ],
)
def test_a_reference_that_differs_by_case_or_look_alikes_says_did_you_mean(
    reference: str, how: str
) -> None:
    text = items(
        "{id: deploy, title: D, status: done}",
        f"{{id: b, title: B, status: open, depends_on: [{reference}]}}",
    )
    ((path, code, detail),) = problems(text)
    assert (path, code) == ("$.phases[0].items[1].depends_on[0]", "dangling-reference")
    assert detail.endswith(f"did you mean 'deploy'? ({reference!r} is not it: {how})")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ('""', "expected an id, got an empty string"),
        ('"   "', "expected an id, got a blank string"),
        ('"a\\u200bb"', "the id 'a\\u200bb' holds invisible characters: U+200B (ZERO WIDTH SPACE)"),
        (
            '"a\\u202eb"',
            "the id 'a\\u202eb' holds invisible characters: U+202E (RIGHT-TO-LEFT OVERRIDE)",
        ),
    ],
)  # fmt: skip
def test_empty_blank_and_invisible_ids_are_refused(written: str, expected: str) -> None:
    assert problems(items(f"{{id: {written}, title: A, status: open}}")) == [
        ("$.phases[0].items[0].id", "invalid-value", expected)
    ]


def test_an_emoji_id_with_a_joiner_is_still_an_id() -> None:
    plan = remediation.loads(items('{id: "👩\u200d💻", title: A, status: open}'), "yaml")
    assert plan.phases[0].items[0].id == "👩\u200d💻"


def test_an_id_mixing_look_alike_scripts_is_a_finding() -> None:
    plan = remediation.loads(items("{id: d\u0435ploy, title: A, status: open}"), "yaml")
    (finding,) = remediation.evaluate(plan).findings_with("id-mixed-script")
    assert finding.ids == ("d\u0435ploy",)
    assert "mixes Latin and Cyrillic letters" in finding.message


def test_ansi_escapes_never_reach_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert [
        (p, c) for p, c, _ in problems(items('{id: a, title: "\\e[31mred", status: open}'))
    ] == [("$.phases[0].items[0].title", "invalid-value")]
    # records built in code: every output shows the escape as a symbol
    built = remediation.Assessment(
        id="x", issue="#1", title="\x1b[2J\x9b31m", date=dt.date(2025, 1, 1)
    )
    result = remediation.evaluate(built)
    for text in (
        render_summary(built, result),
        remediation.render_markdown(built, result),
        remediation.render_html(built, result),
        remediation.mermaid_flowchart(built, result),
        remediation.to_dot(built, result),
    ):
        assert "\x1b" not in text
        assert "\x9b" not in text
    # the command line's own messages too: an unknown key is part of a path
    hostile = HEADER + 'x: {"\\e[2J": 1}\n"\\e]0;t\\a": 1\n'
    code, _, err = run(capsys, "validate", "-", stdin=hostile.encode())
    assert code == 2
    assert "\x1b" not in err
    assert "␛" in err


def test_summary_shows_control_characters_as_symbols() -> None:
    built = remediation.Assessment(
        id="x", issue="#1", title="\x1b[31mred", date=dt.date(2025, 1, 1)
    )
    text = render_summary(built, remediation.evaluate(built))
    assert "\x1b" not in text
    assert visible("\x1b[31mred") in text


@pytest.mark.parametrize(
    "written", ["20250101", "'20250101'", "2025-W01-1", "2025-001", "2025-05-01T10"]
)
def test_only_the_documented_date_forms_are_accepted(written: str) -> None:
    ((path, code, detail),) = problems(HEADER.replace("2025-05-01", written))
    assert (path, code) == ("$.date", "malformed-date")
    assert detail.startswith("expected a date as YYYY-MM-DD, or a moment at its precision ")


def test_an_estimate_past_year_9999_is_a_finding_not_a_silent_clamp() -> None:
    plan = remediation.loads(items("{id: a, title: A, status: open, estimate: 9000 years}"), "yaml")
    result = remediation.evaluate(plan)
    found = result.findings_with("schedule-beyond-calendar")
    assert [f.ids for f in found] == [("a",), ("p",)]  # the item, and its phase
    assert "past what dates can hold" in found[0].message


# --------------------------------------------------------------------------- messages


def test_an_impossible_day_says_so() -> None:
    assert problems(HEADER.replace("2025-05-01", "2023-02-30")) == [
        ("$.date", "malformed-date", "'2023-02-30' is not a day: February 2023 has 28 days")
    ]
    assert problems(HEADER.replace("2025-05-01", "2023-13-01"))[0][2] == (
        "'2023-13-01' is not a day: there is no month 13"
    )


def test_an_unknown_status_names_the_value_once_and_the_nearest_labels() -> None:
    ((_, code, detail),) = problems(items("{id: a, title: A, status: half done}"))
    assert code == "unknown-status"
    assert detail.count("half done") == 1
    assert "the nearest accepted: 'done'" in detail
    assert "docs/format.md" in detail
    assert "{label: 'half done', progress: not_started|partial|done|" in detail
    assert len(detail) < 320  # the mapping's progress values, not fifty words


def test_the_schema_version_message_does_not_offer_a_range_of_one() -> None:
    ((_, code, detail),) = problems("id: plan\n")
    assert code == "schema-version"
    assert detail == "schema_version is missing; expected a version from 1 to 2"
    assert "from 1 to 1" not in detail


def test_a_typo_in_phases_is_reported_before_the_references_it_breaks() -> None:
    text = HEADER.replace("phases", "") + (
        "phasse: [{id: p, title: P, items: [{id: a, title: A, status: open}]}]\n"
        "gaps: [{id: g, title: G, blocks: [a]}]\n"
    )
    found = problems(text)
    assert [(p, c) for p, c, _ in found] == [
        ("$.phasse", "unknown-field"),
        ("$.gaps[0].blocks[0]", "dangling-reference"),
    ]


def test_the_size_limit_message_tells_a_command_line_user_what_to_do(
    capsys: pytest.CaptureFixture[str], plan_file: Path
) -> None:
    code, _, err = run(capsys, "validate", str(plan_file), "--limit", "max_bytes=10")
    assert code == 2
    assert "--limit max_bytes=N on the command line" in err
    code, _, err = run(capsys, "validate", str(plan_file), "--limit", "max_bytes=much")
    assert code == 2
    assert "expected NAME=N" in err


def test_a_negative_weight_is_reported_once() -> None:
    assert problems(items("{id: a, title: A, status: open, weight: -1}")) == [
        ("$.phases[0].items[0].weight", "out-of-range", "expected a number >= 0, got -1.0")
    ]


# --------------------------------------------------------------------------- exit codes


def test_an_internal_error_exits_3_with_one_line_and_a_hint_to_report_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("remediation.cli.evaluate", broken)
    code, out, err = run(capsys, "evaluate")
    assert (code, out) == (3, "")
    first, second = err.splitlines()
    assert first == "remediation: internal error: ZeroDivisionError: division by zero"
    assert "please report it" in second
    assert "--debug" in second
    assert "Traceback" not in err
    with pytest.raises(ZeroDivisionError):
        main(["evaluate", "--debug"])


def test_bad_input_and_usage_exit_2_and_check_alone_exits_1(
    capsys: pytest.CaptureFixture[str], plan_file: Path
) -> None:
    assert run(capsys, "evaluate", "--as-of", "2025-W01-1")[0] == 2
    assert run(capsys, "evaluate", "--policy", "policy.txt")[0] == 2
    assert run(capsys, "validate", str(plan_file.with_name("missing.yaml")))[0] == 2
    assert run(capsys, "evaluate", str(plan_file), "--check")[0] == 1
    assert run(capsys, "evaluate", str(plan_file))[0] == 0


def test_every_library_error_is_a_remediation_error() -> None:
    # What the command line reports as bad input (exit 2) is a RemediationError or an OSError.
    huge = items("{id: a, title: A, status: open, weight: 1" + "0" * 5000 + "}")
    for text in (huge, "[" * 100_000):
        with pytest.raises(RemediationError):
            remediation.loads(text, "yaml")
