"""Shared paths and corpus globs for the test suite."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

REPO = Path(__file__).resolve().parent.parent
TRANSCRIPTS = sorted((REPO / "transcripts").glob("*.txt"))
ENCODED = sorted(p for p in (REPO / "encoded").glob("*.xml") if not p.name.endswith(".actual.xml"))


_VOLATILE = (
    re.compile(rb'(<application ident="teikit" version=")[^"]*(")'),
    re.compile(rb'(<idno type="teikit-sha256">)[0-9a-f]*(</idno>)'),
)
"""teikit's version changes on every release, and the content hash with it."""


def canonical(data: bytes) -> bytes:
    """C14N of an encoding with its volatile parts blanked: what golden comparisons compare."""
    for rx in _VOLATILE:
        data = rx.sub(rb"\1\2", data)
    return etree.tostring(etree.fromstring(data), method="c14n2")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
