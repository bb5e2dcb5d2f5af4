"""The fuzzing campaign (tests/fuzz.py) at a fixed seed, and a regression test for each thing it found.

CI runs FUZZ_CASES cases of seed FUZZ_SEED in a child process (about 2.5 minutes on a loaded machine); a longer
run is `python tests/fuzz.py --cases 100000 --seed N` (README, Security).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import fuzz
import pytest
from conftest import REPO
from lxml import etree

from teikit import dates, pipeline, tei
from teikit.errors import InputError
from teikit.model import Inline
from teikit.transcript import overlaps, parse_transcript
from teikit.transcript.inline import MAX_BRACKET_DEPTH
from teikit.validation import iter_issues

FUZZ_SEED = 20261208
FUZZ_CASES = 2000


def test_the_dracor_sample_is_where_ci_keeps_it() -> None:
    assert fuzz.DRACOR == REPO.parent / "shared" / "corpora" / "gerdracor-sample" / "tei"
    seeds = fuzz.load_seeds()
    plays = {p.name for p in fuzz.DRACOR.glob("*.xml")}
    assert len([s for s in seeds.xml if s.name in plays]) == fuzz.DRACOR_PLAYS
    assert len(seeds.transcripts) > 100


def test_a_missing_dracor_sample_is_a_clear_error() -> None:
    with pytest.raises(FileNotFoundError, match="the DraCor sample is missing"):
        fuzz.load_seeds(REPO / "no-such-folder")


def test_fuzz_campaign_finds_nothing() -> None:
    # In a child process: a case that hangs ends the campaign's process (faulthandler), which must be
    # a failure reported here with the stack it printed, not the end of the test run.
    done = subprocess.run(
        [sys.executable, str(Path(fuzz.__file__)), "--cases", str(FUZZ_CASES), "--seed", str(FUZZ_SEED)]
        + ["--time-limit", "60", "--hang-limit", "300"],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-5000:]
    summary = done.stderr.strip().splitlines()[-1]
    assert summary.startswith(f"{FUZZ_CASES} cases ("), summary
    for target in ("validate", "render", "convert", "convert-files"):
        assert f" {target}," in summary or f" {target})" in summary, summary
    assert ": 0 findings;" in summary, summary


def test_a_case_is_replayed_from_its_seed_and_number() -> None:
    seeds = fuzz.load_seeds()
    first = fuzz._case(fuzz.random.Random(7 * 1_000_003 + 3), seeds, box := fuzz.Sandbox())
    again = fuzz._case(fuzz.random.Random(7 * 1_000_003 + 3), seeds, box)
    box.close()
    assert first[:4] == again[:4]


# -- what the fuzzer found ------------------------------------------------------------------------------


def test_an_impossible_dotted_date_is_no_date() -> None:
    """Found: 'Date: 32.13.1999' raised calendar.IllegalMonthError out of convert."""
    for anchor in ("1999-05-01", None):
        found = dates.find_dates("Date: 32.13.1999, 0.0.0000, 31.02.1999", anchor=anchor)
        assert all("when" not in dict(ref.attrs) for ref in found)
    doc = pipeline.convert_text("Citation:\nA record.\n\nDate: 32.13.1999 and 0.0.0000\n")
    assert "32.13.1999" in tei.source_text(doc)


def test_an_element_in_another_namespace_is_located_not_a_crash() -> None:
    """Found: an element renamed into the XHTML namespace made lxml's error path unresolvable
    (XPathEvalError: Undefined namespace prefix)."""
    data = (REPO / "encoded" / "registers" / "places.xml").read_bytes()
    root = etree.fromstring(data)
    title = root.find(".//{http://www.tei-c.org/ns/1.0}titleStmt")
    assert title is not None
    title.tag = "{http://www.w3.org/1999/xhtml}script"
    issues = list(iter_issues(etree.tostring(root), path="places.xml"))
    assert issues and all(issue.line >= 1 for issue in issues)


def test_resolving_overlaps_compares_only_neighbours(monkeypatch: pytest.MonkeyPatch) -> None:
    """Found: a paragraph of a thousand dates took seconds (every inline compared with every other,
    models compared field by field); now an inline is compared only with those that start or end
    inside it."""
    calls = 0
    crosses = overlaps._crosses

    def counted(a: Inline, b: Inline) -> bool:
        nonlocal calls
        calls += 1
        return crosses(a, b)

    monkeypatch.setattr(overlaps, "_crosses", counted)
    inlines = [Inline(start=10 * i, end=10 * i + 5, tag="date") for i in range(2000)]
    inlines += [Inline(start=10 * i + 1, end=10 * i + 3, tag="persName") for i in range(2000)]
    kept, notes = overlaps.resolve(inlines)
    assert len(kept) == 4000 and notes == []
    assert calls < 4 * len(inlines)
    crossing = [Inline(start=0, end=10, tag="persName"), Inline(start=5, end=15, tag="date")]
    assert overlaps.resolve(crossing)[0] == crossing[:1]


def test_brackets_nested_too_deep_are_left_as_text() -> None:
    """Found: a line of 500 nested brackets, repeated, took minutes (each unclosed bracket compared with
    every pair, review lines counted from the start for every note, elements nested 500 deep)."""
    line = "[" * 300 + "x" + "]" * 299
    text = "Citation:\nA record.\n\n" + "\n".join([line] * 20) + "\n"
    doc = pipeline.convert_text(text)
    depth = max(len(list(el.iterancestors())) for el in doc.iter())
    assert depth < MAX_BRACKET_DEPTH + 12
    assert tei.source_text(doc).count("[") == 300 * 20
    reviewed = parse_transcript(text, "deep.txt")
    deep = [note for note in reviewed.review if note.kind == "deep-brackets"]
    assert deep and {note.line for note in deep} <= set(range(4, 24))  # each at a line of the nests


def test_review_lines_are_those_of_the_notes() -> None:
    """Review notes are located by line starts found once (they were counted again for every note)."""
    from teikit.errors import location_of

    text = "Citation:\nA record.\n\n" + "\n".join(f"line {i} ]" for i in range(300)) + "\n"
    doc = parse_transcript(text, "notes.txt")
    notes = [n for n in doc.review if n.kind == "unbalanced-bracket"]
    assert len(notes) == 300
    for i, note in enumerate(notes):
        where = location_of(doc.text, doc.text.index(f"line {i} ]") + len(f"line {i} "), "notes.txt")
        assert (note.line, note.column) == (where.line, where.column)


def test_span_queries_answer_as_comparing_them_all() -> None:
    """Found: a paragraph naming thousands of organisations, people or dates took minutes (each new span
    compared with every one found); `Spans` looks only at those that can meet it, and answers the same."""
    import random

    from teikit.transcript.spans import Spans

    rng = random.Random(5)
    for _ in range(200):
        spans = [
            (a, a + rng.randint(0, 30)) for a in (rng.randint(0, 300) for _ in range(rng.randint(0, 20)))
        ]
        index = Spans(spans[:5])
        for x, y in spans[5:]:
            index.add(x, y)
        for _ in range(20):
            a = rng.randint(0, 330)
            b = a + rng.randint(0, 30)
            assert index.touches(a, b) == any(x <= a < y or x < b <= y for x, y in spans)
            assert index.overlaps(a, b) == any(x < b and a < y for x, y in spans)
            assert index.contains(a, b) == any(x <= a and b <= y for x, y in spans)


def test_a_long_run_of_letters_is_read_in_linear_time() -> None:
    """Found (seed 20261208, case 401): the call-sign pattern of teikit/transcript/speakers.py was tried
    from every letter of a long word, quadratic in its length; 100 KB took longer than the hang limit.
    Run in a child process so that a regression fails here instead of hanging the suite."""
    code = (
        "from teikit.transcript.speakers import declarations\n"
        "assert declarations('Ab' * 200_000 + '\\nMajor Ivan Petrov (call sign KESTREL)') == "
        "{'kestrel': ('Ivan Petrov', 'Major')}, declarations('x')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ('<idno type="geonames">1814991</idno>', '<idno type="geonames">1814991javascript:x</idno>'),
        ("<geo>55.75204", "<geo>north"),
    ],
)
def test_a_register_number_that_is_no_number_is_an_input_error(before: str, after: str) -> None:
    """Found (seed 20261208, case 4004): a damaged GeoNames id in places.xml raised ValueError out of
    convert (int('6252001javascript:alert(1)')); the register is named with the entry's line."""
    data = (REPO / "encoded" / "registers" / "places.xml").read_text(encoding="utf-8")
    assert before in data
    with pytest.raises(InputError, match="not a number") as caught:
        tei.parse_register(data.replace(before, after, 1).encode(), "places.xml")
    assert caught.value.location is not None and caught.value.location.path == "places.xml"
    assert caught.value.location.line > 1
