"""encoded/ is a generated artefact: it must equal a fresh conversion of transcripts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from teikit import convert
from teikit.tei import serialise

from conftest import ENCODED, REPO, TRANSCRIPTS

_VOLATILE = (
    re.compile(rb'(<application ident="teikit" version=")[^"]*(")'),
    re.compile(rb'(<idno type="teikit-sha256">)[0-9a-f]*(</idno>)'),
)
"""teikit's version changes on every release, and the content hash with it."""


def _canonical(data: bytes) -> bytes:
    for rx in _VOLATILE:
        data = rx.sub(rb"\1\2", data)
    return etree.tostring(etree.fromstring(data), method="c14n2")


def test_every_transcript_has_an_encoding_and_no_more() -> None:
    assert [p.stem for p in ENCODED] == [p.stem for p in TRANSCRIPTS]
    assert TRANSCRIPTS, "no transcripts found"


@pytest.mark.parametrize("transcript", TRANSCRIPTS, ids=lambda p: p.stem)
def test_encoding_equals_fresh_conversion(transcript: Path) -> None:
    committed = REPO / "encoded" / f"{transcript.stem}.xml"
    fresh = serialise(convert(transcript))
    if _canonical(committed.read_bytes()) != _canonical(fresh):
        actual = committed.with_suffix(".actual.xml")
        actual.write_bytes(fresh)
        pytest.fail(f"{committed} is out of date (fresh conversion written to {actual}); run `teikit convert transcripts/`")
