"""Shared paths and corpus globs for the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TRANSCRIPTS = sorted((REPO / "transcripts").glob("*.txt"))
ENCODED = sorted((REPO / "encoded").glob("*.xml"))


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
