"""encoded/ is a generated artefact: it must equal a fresh conversion of transcripts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ENCODED, REPO, TRANSCRIPTS, canonical

from teikit import convert
from teikit.tei import serialise


def test_every_transcript_has_an_encoding_and_no_more() -> None:
    assert [p.stem for p in ENCODED] == [p.stem for p in TRANSCRIPTS]
    assert TRANSCRIPTS, "no transcripts found"


@pytest.mark.parametrize("transcript", TRANSCRIPTS, ids=lambda p: p.stem)
def test_encoding_equals_fresh_conversion(transcript: Path) -> None:
    committed = REPO / "encoded" / f"{transcript.stem}.xml"
    fresh = serialise(convert(transcript))
    if canonical(committed.read_bytes()) != canonical(fresh):
        actual = committed.with_suffix(".actual.xml")
        actual.write_bytes(fresh)
        pytest.fail(
            f"{committed} is out of date (fresh conversion written to {actual}); run `teikit convert transcripts/`"
        )
