"""Converter fixtures: each `tests/cases/<layout>/<name>.txt` (or `.csv`) beside its expected TEI
`<name>.xml` (one `<name>-<row>.xml` per row of a CSV export), and its ground truth `<name>.expect.json`.

Goldens change only on purpose: run with TEIKIT_UPDATE_GOLDENS=1 to rewrite them, then review the diff.
On a mismatch the actual output is written beside the expected file as `<name>.actual.xml` (git-ignored).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import REPO, canonical

from teikit.model import Turn
from teikit.normalize import normalise, tokens
from teikit.pipeline import read_documents
from teikit.tei import build_tei, serialise, source_text

CASES = REPO / "tests" / "cases"
MANIFEST = CASES / "fixtures.txt"
SOURCES = [
    CASES / line.strip()
    for line in MANIFEST.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def _expectations(source: Path) -> list[dict[str, object]]:
    data = json.loads(source.with_name(f"{source.stem}.expect.json").read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [data]


def test_there_are_fixtures_for_every_layout() -> None:
    from teikit.transcript import LAYOUTS

    layouts = {p.parent.name for p in SOURCES}
    documents = sum(len(_expectations(p)) for p in SOURCES)  # a CSV export holds one document per row
    assert documents >= 30
    assert {
        "pdf-markdown",
        "pdf-plain",
        "pdf-old",
        "mirror",
        "live-old",
        "live-new",
        "bare",
        "csv",
    } <= layouts
    assert set(LAYOUTS) - {"csv-row"} <= layouts


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_matches_golden_and_truth(source: Path) -> None:
    docs = read_documents(source)
    expectations = _expectations(source)
    assert len(docs) == len(expectations)
    for doc, expect in zip(docs, expectations, strict=False):
        tree = build_tei(doc)
        data = serialise(tree)
        golden = source.with_name(f"{doc.id if source.suffix == '.csv' else source.stem}.xml")
        if os.environ.get("TEIKIT_UPDATE_GOLDENS"):
            golden.write_bytes(data)
        assert golden.is_file(), f"no golden file {golden}; run with TEIKIT_UPDATE_GOLDENS=1 and review it"
        if canonical(golden.read_bytes()) != canonical(data):
            actual = golden.with_suffix(".actual.xml")
            actual.write_bytes(data)
            pytest.fail(f"{golden} differs from the conversion: compare with {actual}")
        raw = doc.text if source.suffix == ".csv" else source.read_text(encoding="utf-8")
        assert tokens(source_text(tree)) == tokens(normalise(raw, doc.normalisation))
        assert doc.layout == ("csv-row" if source.suffix == ".csv" else expect.get("layout"))
        turns = [
            " ".join(doc.text[b.speaker.start : b.speaker.end].split())
            for b in doc.body
            if isinstance(b, Turn)
        ]
        assert turns == [" ".join(str(label).split()) for label, _ in expect.get("turns", [])]  # type: ignore[misc]
