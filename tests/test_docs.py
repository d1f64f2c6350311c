"""The documentation keeps up with the code."""

from __future__ import annotations

import re
from pathlib import Path

import remediation
from remediation.exceptions import ERROR_CODES

DOCS = Path(__file__).parent.parent / "docs"


def test_the_api_reference_lists_every_public_name() -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)`", text))
    assert sorted(set(remediation.__all__) - listed) == []


def test_the_error_page_has_a_section_for_every_code() -> None:
    text = (DOCS / "errors.md").read_text(encoding="utf-8")
    headings = " ".join(re.findall(r"^## (.+)$", text, re.MULTILINE))
    missing = [code for code, _ in ERROR_CODES if code not in headings]
    assert missing == []
    table = {row.split("`")[1] for row in re.findall(r"^\| `[a-z-]+` \|.*$", text, re.MULTILINE)}
    assert table == {code for code, _ in ERROR_CODES}


def test_the_findings_page_lists_every_code() -> None:
    text = (DOCS / "findings.md").read_text(encoding="utf-8")
    assert [c.value for c in remediation.FindingCode if f"`{c.value}`" not in text] == []


def test_every_page_is_linked_from_the_index() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    pages = {path.name for path in DOCS.glob("*.md")} - {"index.md"}
    assert sorted(page for page in pages if f"({page})" not in index) == []
