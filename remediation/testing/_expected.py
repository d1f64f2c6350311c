"""Stored expected evaluations: compare with a file, show what changed, write it on request."""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from remediation.evaluation.results import Evaluation
from remediation.io.formats import Format, dump, dumps
from remediation.model.records import Assessment

__all__ = ["ExpectedFile", "assert_matches_expected"]

_FORMATS: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_MAX_CHANGES = 20


def _format_of(path: Path) -> Format:
    try:
        return _FORMATS[path.suffix.lower()]
    except KeyError:
        msg = f"{path}: expected a .json, .yaml or .yml file"
        raise ValueError(msg) from None


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _changes(old: Any, new: Any, path: str = "$") -> Iterator[str]:
    """Each difference between two documents' data, as ``path: old -> new``.

    Elements of a list that are records with the same id at the same place
    are named by id (``$.items[id=b].blocked_by``), so a line says which record.
    """
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            where = f"{path}.{key}"
            if key not in new:
                yield f"{where}: removed (was {_shown(old[key])})"
            elif key not in old:
                yield f"{where}: added {_shown(new[key])}"
            else:
                yield from _changes(old[key], new[key], where)
    elif isinstance(old, list) and isinstance(new, list):
        for index, (a, b) in enumerate(zip(old, new, strict=False)):
            same_id = isinstance(a, dict) and isinstance(b, dict) and "id" in a
            label = f"id={a['id']}" if same_id and a["id"] == b.get("id") else str(index)
            yield from _changes(a, b, f"{path}[{label}]")
        for index in range(len(new), len(old)):
            yield f"{path}[{index}]: removed (was {_shown(old[index])})"
        for index in range(len(old), len(new)):
            yield f"{path}[{index}]: added {_shown(new[index])}"
    elif old != new or type(old) is not type(new):
        yield f"{path}: {_shown(old)} -> {_shown(new)}"


def _parse(text: str, format: Format) -> Any:  # noqa: A002
    if format == "json":
        return json.loads(text)
    import yaml  # noqa: PLC0415  (optional, and only for YAML files)

    return yaml.safe_load(text)


def assert_matches_expected(
    obj: Evaluation | Assessment,
    path: str | os.PathLike[str],
    *,
    update: bool = False,
    create: bool = True,
) -> None:
    """Check that *obj*, written out, is the document stored at *path*.

    The format follows the suffix (``.json``, ``.yaml``, ``.yml``). With
    *update*, or when the file is missing and *create* is true, the file is
    written (its folders too) instead, and the check passes.

    Raises:
        AssertionError: The document differs: the message lists each changed
            value by its path (``$.recommendation.decision: "keep_open" ->
            "close"``), then a unified diff of the text. Or the file is
            missing and *create* is false.
    """
    __tracebackhide__ = True
    file = Path(path)
    format = _format_of(file)  # noqa: A001
    actual = dumps(obj, format)
    kind = "evaluation" if isinstance(obj, Evaluation) else "assessment"
    if not file.exists():
        if not (update or create):
            msg = f"no expected {kind} at {file}; run pytest with --remediation-update to write it"
            raise AssertionError(msg)
        file.parent.mkdir(parents=True, exist_ok=True)
        dump(obj, file, format)
        return
    expected = file.read_text(encoding="utf-8")
    if expected == actual:
        return
    if update:
        dump(obj, file, format)
        return
    hint = "run pytest with --remediation-update to accept it"
    lines = [f"the {kind} differs from the expected one in {file} ({hint}):"]
    try:
        changes = list(_changes(_parse(expected, format), _parse(actual, format)))
    except Exception:  # JSON or YAML errors: the text diff still shows the change
        changes = ["(the stored file does not parse)"]
    lines.extend(f"  {change}" for change in changes[:_MAX_CHANGES])
    if len(changes) > _MAX_CHANGES:
        lines.append(f"  ... and {len(changes) - _MAX_CHANGES} more")
    diff = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"{file} (expected)",
        tofile="actual",
    )
    lines.append("")
    lines.extend(line.rstrip("\n") for line in diff)
    raise AssertionError("\n".join(lines))


@attrs.frozen
class ExpectedFile:
    """Where a test keeps its expected documents; the ``expected_evaluation`` fixture is one.

    Attributes:
        folder: The folder of the expected files.
        stem: The file name without suffix, from the test's name.
        update: Write instead of comparing (``--remediation-update``).
        create: Write a missing file instead of failing.
    """

    folder: Path
    stem: str
    update: bool = False
    create: bool = True

    def path(self, name: str | None = None) -> Path:
        """The file for *name* (one test may keep several), or for the test itself."""
        return self.folder / (self.stem + (f".{name}" if name else "") + ".json")

    def check(self, obj: Evaluation | Assessment, name: str | None = None) -> None:
        """Compare *obj* with the expected file; see :func:`assert_matches_expected`."""
        __tracebackhide__ = True
        assert_matches_expected(obj, self.path(name), update=self.update, create=self.create)
