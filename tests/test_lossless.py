"""Nothing lost: the source view of every encoding is token-identical to its transcript (DESIGN.md §3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ENCODED, REPO, TRANSCRIPTS
from lxml import etree

from teikit import convert, convert_text
from teikit.normalize import normalise, tokens
from teikit.tei import TEI_NS, normalisation_rules, source_text


def _first_difference(a: list[str], b: list[str]) -> str:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"token {i}: transcript {a[max(0, i - 3) : i + 3]} != TEI {b[max(0, i - 3) : i + 3]}"
    return f"lengths differ: {len(a)} != {len(b)}"


@pytest.mark.parametrize("transcript", TRANSCRIPTS, ids=lambda p: p.stem)
def test_source_view_equals_transcript(transcript: Path) -> None:
    tree = convert(transcript)
    expected = tokens(normalise(transcript.read_text(encoding="utf-8"), normalisation_rules(tree)))
    actual = tokens(source_text(tree))
    assert actual == expected, _first_difference(expected, actual)


@pytest.mark.parametrize("encoding", ENCODED, ids=lambda p: p.stem)
def test_committed_encoding_is_lossless(encoding: Path) -> None:
    tree = etree.parse(str(encoding))
    transcript = REPO / "transcripts" / f"{encoding.stem}.txt"
    expected = tokens(normalise(transcript.read_text(encoding="utf-8"), normalisation_rules(tree)))
    assert tokens(source_text(tree)) == expected


def test_source_view_leaves_out_what_teikit_adds() -> None:
    xml = f"""<TEI xmlns="{TEI_NS}"><text><body><p>Kim <choice><sic>II</sic><corr resp="#teikit">Il</corr></choice>
    Sung <choice><abbr>c.</abbr><expan>comrade</expan></choice> X<note resp="#teikit">added</note>
    <note>kept</note></p></body></text></TEI>"""
    assert tokens(source_text(etree.fromstring(xml))) == ["Kim", "II", "Sung", "c.", "X", "kept"]


def test_a_lost_token_is_detected() -> None:
    text = (REPO / "transcripts" / "wcda-116739.txt").read_text(encoding="utf-8")
    tree = convert_text(text, "wcda-116739.txt")
    para = tree.find(f".//{{{TEI_NS}}}body//{{{TEI_NS}}}p")
    para.text = para.text.replace("recent ", "", 1)
    assert tokens(source_text(tree)) != tokens(normalise(text, normalisation_rules(tree)))


@pytest.mark.parametrize("encoding", ENCODED, ids=lambda p: p.stem)
def test_diplomatic_text_is_the_source_view(encoding: Path) -> None:
    from teikit.render import render_diplomatic

    tree = etree.parse(str(encoding))
    assert tokens(render_diplomatic(encoding)) == tokens(source_text(tree))
