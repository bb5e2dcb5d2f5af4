"""Shared paths and corpus globs for the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TRANSCRIPTS = sorted((REPO / "transcripts").glob("*.txt"))
ENCODED = sorted(p for p in (REPO / "encoded").glob("*.xml") if not p.name.endswith(".actual.xml"))


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
