"""The ODD compiler: the committed schemas are in sync, load fast, and bad ODDs fail with a location."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from lxml import etree

from teikit.errors import SchemaError
from teikit.schema import CompiledSchemas, build_schemas, check_schemas, compile_odd

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"
ODD = SCHEMAS / "teikit.odd"
PRODUCTS = ["teikit.rng", "teikit.sch"]
BAD_ODDS = sorted((REPO / "tests" / "cases" / "odd" / "invalid").glob("*.odd"))
RNG = "{http://relaxng.org/ns/structure/1.0}"
TEI = "{http://www.tei-c.org/ns/1.0}"


def _canonical(path: Path) -> str:
    return etree.canonicalize(path.read_text(encoding="utf-8"), strip_text=True)


def test_compile_gives_both_products() -> None:
    compiled = compile_odd(ODD)
    assert isinstance(compiled, CompiledSchemas)
    assert etree.fromstring(compiled.rng.encode()).tag == RNG + "grammar"
    assert etree.fromstring(compiled.sch.encode()).tag == "{http://purl.oclc.org/dsdl/schematron}schema"


def test_committed_schemas_equal_a_fresh_compile(tmp_path: Path) -> None:
    written = build_schemas(ODD, tmp_path)
    assert sorted(p.name for p in written) == PRODUCTS
    stale = [p.name for p in written if _canonical(p) != _canonical(SCHEMAS / p.name)]
    assert not stale, f"{stale} out of date with schemas/teikit.odd: run `teikit schema build` and commit"
    assert check_schemas() == []


def test_check_schemas_names_stale_and_missing_products(tmp_path: Path) -> None:
    shutil.copy(SCHEMAS / "teikit.rng", tmp_path)
    text = (tmp_path / "teikit.rng").read_text(encoding="utf-8")
    (tmp_path / "teikit.rng").write_text(text.replace('<ref name="teiHeader"/>', "", 1), encoding="utf-8")
    assert check_schemas(ODD, tmp_path) == PRODUCTS


def test_check_schemas_ignores_layout_and_comments(tmp_path: Path) -> None:
    for name in PRODUCTS:
        tree = etree.parse(str(SCHEMAS / name), etree.XMLParser(remove_blank_text=True, remove_comments=True))
        tree.write(str(tmp_path / name))
    assert check_schemas(ODD, tmp_path) == []


@pytest.mark.parametrize("name", PRODUCTS)
def test_product_opens_with_generator_comment(name: str) -> None:
    text = (SCHEMAS / name).read_text(encoding="utf-8")
    first = text.split("\n", 2)[1]
    assert first.startswith("<!--") and "schemas/teikit.odd" in first and "`teikit schema build`" in first


def test_teikit_rng_loads_in_lxml_quickly() -> None:
    start = time.perf_counter()
    etree.RelaxNG(etree.parse(str(SCHEMAS / "teikit.rng")))
    assert time.perf_counter() - start < 2.0


def test_grammar_is_flat() -> None:
    """One define per element and per macro; no notAllowed; no element nested in another's define."""
    grammar = etree.parse(str(SCHEMAS / "teikit.rng")).getroot()
    odd = etree.parse(str(ODD)).getroot()
    specs = [s.get("ident") for s in odd.iter(TEI + "elementSpec", TEI + "macroSpec")]
    defines = [d.get("name") for d in grammar.iter(RNG + "define")]
    assert defines == specs
    assert not list(grammar.iter(RNG + "notAllowed"))
    assert all(len(list(d.iter(RNG + "element"))) <= 1 for d in grammar.iter(RNG + "define"))


def test_jing_accepts_the_grammar_the_valid_fixtures_and_the_encodings() -> None:
    """lxml once accepted a grammar jing rejected: the reference implementation checks it too."""
    assert shutil.which("jing"), "jing is needed for this test: `apt-get install jing` (.ci/run installs it)"
    valid = sorted((REPO / "tests" / "cases" / "valid").glob("*.xml")) + sorted(
        (REPO / "encoded").glob("*.xml")
    )
    run = subprocess.run(
        ["jing", str(SCHEMAS / "teikit.rng"), *map(str, valid)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout


@pytest.mark.parametrize("odd", BAD_ODDS, ids=[p.stem for p in BAD_ODDS])
def test_bad_odd_fails_with_its_location(odd: Path) -> None:
    expected = odd.with_suffix(".error.txt").read_text(encoding="utf-8").strip()
    with pytest.raises(SchemaError) as caught:
        compile_odd(odd)
    where = caught.value.location
    assert where is not None and where.path == str(odd)
    assert f"{odd.name}:{where.line}:{where.column or 1}: {caught.value.message}" == expected


def test_missing_odd_is_a_schema_error(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match="cannot read ODD"):
        compile_odd(tmp_path / "nowhere.odd")
