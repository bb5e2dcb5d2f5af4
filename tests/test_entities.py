"""teikit.entities: the recognisers as a pure API returning spans."""

from __future__ import annotations

import subprocess
import sys

from teikit.entities import find_entities
from teikit.transcript.people import PersonIndex

from conftest import REPO

TEXT = ("C. Brezhnev greeted the delegation in Moscow. Premier Kim said the State Planning Commission "
        "wants 2.5 million tons of steel from 1964 through 1966, and next year the DPRK will ask for more.")


def test_kinds_spans_and_attributes() -> None:
    found = {(TEXT[e.start : e.end], e.kind, e.attrs) for e in find_entities(TEXT, anchor="1962-11-04")}
    assert ("C. Brezhnev", "person", (("ref", "per:brezhnev"),)) in found
    assert ("Moscow", "place", (("ref", "pla:moscow"),)) in found
    assert ("DPRK", "place", (("ref", "pla:north-korea"),)) in found
    assert ("State Planning Commission", "org", (("ref", "org:state-planning-commission"),)) in found
    assert ("2.5 million tons of steel", "measure", (("quantity", "2500000"), ("unit", "t"), ("commodity", "steel"))) in found
    assert ("from 1964 through 1966", "date", (("from", "1964"), ("to", "1966"))) in found
    assert ("next year", "date", (("when", "1963"), ("cert", "high"))) in found


def test_known_participants_are_pointed_at_locally() -> None:
    persons = PersonIndex()
    persons.add("Kim Il Sung", titles=("Premier",))
    refs = {e.attrs for e in find_entities(TEXT, known=persons) if e.kind == "person"}
    assert (("ref", "#kim-il-sung"),) in refs


def test_spans_never_cross() -> None:
    spans = find_entities(TEXT, anchor="1962-11-04")
    for a in spans:
        for b in spans:
            assert not (a.start < b.start < a.end < b.end)


def test_entities_is_pure() -> None:
    code = "import sys, teikit.entities; print(','.join(m for m in ('lxml', 'saxonche', 'click') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == ""


def test_entity_fixtures_scores() -> None:
    import json

    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import score_entities
    finally:
        sys.path.pop(0)
    cases = json.loads(score_entities.CASES.read_text(encoding="utf-8"))
    assert len(cases) >= 20
    scores = score_entities.score()
    assert scores["person"][1] >= 0.95 and scores["place"][1] >= 0.95
    assert all(precision >= 0.9 for precision, *_ in scores.values())
