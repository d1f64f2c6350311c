"""Schema versions: every earlier version keeps loading, each migration is tested."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import remediation
from remediation.exceptions import SchemaVersionError
from remediation.io import migrations

FIXTURES = Path(__file__).parent / "fixtures" / "schema"


def fixture_versions() -> dict[int, list[Path]]:
    versions: dict[int, list[Path]] = {}
    for path in sorted(FIXTURES.glob("v*-*.json")):
        match = re.match(r"v(\d+)-", path.name)
        assert match, path
        versions.setdefault(int(match.group(1)), []).append(path)
    return versions


def test_there_is_a_fixture_for_every_version() -> None:
    assert sorted(fixture_versions()) == list(range(1, remediation.SCHEMA_VERSION + 1))


def test_there_is_a_migration_from_every_earlier_version() -> None:
    assert sorted(migrations.MIGRATIONS) == list(range(1, remediation.SCHEMA_VERSION))


@pytest.mark.parametrize(
    "path", [p for paths in fixture_versions().values() for p in paths], ids=lambda p: p.name
)
def test_every_fixture_loads_and_is_written_at_the_current_version(path: Path) -> None:
    version = int(path.name[1 : path.name.index("-")])
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == version
    plan = remediation.load(path)
    assert remediation.to_data(plan)["schema_version"] == remediation.SCHEMA_VERSION
    assert remediation.loads(remediation.dumps(plan)) == plan


def test_the_version_1_fixture_is_the_reference_example() -> None:
    assert remediation.load(FIXTURES / "v1-issue-1176.json") == remediation.examples.issue_1176()


def test_an_older_document_is_migrated_step_by_step(monkeypatch: pytest.MonkeyPatch) -> None:
    """The mechanism, on two invented future versions: 2 renames a field, 3 adds one."""
    calls: list[int] = []

    def rename_title(document: dict[str, Any]) -> dict[str, Any]:
        calls.append(1)
        document = dict(document)
        document["title"] = document.pop("name")
        return document

    def drop_note(document: dict[str, Any]) -> dict[str, Any]:
        calls.append(2)
        return {k: v for k, v in document.items() if k != "note"}

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: rename_title, 2: drop_note})
    old = {"schema_version": 1, "id": "a", "issue": "#1", "name": "Old", "date": "2025-01-01"}
    upgraded = migrations.upgrade({**old, "note": "gone in 3"})
    assert calls == [1, 2]
    assert upgraded == {
        "schema_version": 3,
        "id": "a",
        "issue": "#1",
        "title": "Old",
        "date": "2025-01-01",
    }
    from_two = migrations.upgrade({**old, "schema_version": 2, "title": "T", "name": "x"})
    assert calls == [1, 2, 2]
    assert "note" not in from_two
    assert from_two["name"] == "x"
    with pytest.raises(SchemaVersionError, match="newer than this library reads"):
        migrations.upgrade({**old, "schema_version": 4})
