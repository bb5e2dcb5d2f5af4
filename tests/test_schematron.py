"""The Schematron compiler: ISO semantics on the subset teikit uses, refusals with lines, and agreement
with lxml.isoschematron (the ISO skeleton) on every fixture and encoding."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ENCODED
from lxml import etree, isoschematron

from teikit.errors import SchemaError
from teikit.resources import schema_path
from teikit.schematron import Failure, Schematron

CASES = Path(__file__).resolve().parent / "cases"
RULES = CASES / "schematron"
UNSUPPORTED = sorted((RULES / "unsupported").glob("*.sch"))


def _tree(path: Path) -> etree._ElementTree | None:
    """The document's tree, recovered where only ids are wrong; None when it is not XML at all."""
    try:
        return etree.parse(str(path))
    except etree.XMLSyntaxError:
        root = etree.parse(str(path), etree.XMLParser(recover=True)).getroot()
        return None if root is None else root.getroottree()


# Malformed fixtures are left out: the validator stops at their syntax error, so no Schematron runs.
DOCUMENTS = [
    p
    for kind in ("invalid", "warning", "valid")
    for p in sorted((CASES / kind).glob("*.xml"))
    if _tree(p) is not None
] + ENCODED
_SVRL = "{http://purl.oclc.org/dsdl/svrl}"


@pytest.fixture(scope="module")
def failures() -> list[Failure]:
    return Schematron(RULES / "rules.sch").failures(etree.parse(str(RULES / "rules.xml")))


def _of(failures: list[Failure], pattern: str) -> list[tuple[str, int, str]]:
    return [(f.test, f.line, f.message) for f in failures if f.pattern == pattern]


def test_a_node_fires_only_the_first_rule_its_context_matches(failures: list[Failure]) -> None:
    assert _of(failures, "first-rule-wins") == [
        ("plain", 3, "item 1"),
        ("special", 4, "special item 2"),
        ("plain", 6, "other 3"),
        ("plain", 7, "item 4"),
    ]


def test_lets_at_schema_pattern_and_rule_level(failures: list[Failure]) -> None:
    assert _of(failures, "lets") == [("too-many", 2, "list has 3 items, 1 over 2")]


def test_assert_fails_on_false_report_on_true_and_role_is_kept(failures: list[Failure]) -> None:
    found = [(f.test, f.role) for f in failures if f.pattern == "severities"]
    assert found == [("other-error", ""), ("other-info", "info")]
    assert [f.role for f in failures if f.pattern == "lets"] == ["warning"]


def test_attribute_context_reports_its_element_line_and_exslt_works(failures: list[Failure]) -> None:
    assert _of(failures, "tokens") == [("refs-resolve", 6, '@refs of other: "c" is no xml:id')]


def test_failures_come_by_pattern_then_in_document_order(failures: list[Failure]) -> None:
    patterns = [f.pattern for f in failures]
    assert patterns == sorted(patterns, key=["first-rule-wins", "lets", "severities", "tokens"].index)


def test_only_failures_are_output(failures: list[Failure]) -> None:
    assert not any(f.test in ("other-not", "other-holds") for f in failures)


@pytest.mark.parametrize("schema", UNSUPPORTED, ids=[p.stem for p in UNSUPPORTED])
def test_construct_outside_the_subset_is_refused_with_its_line(schema: Path) -> None:
    lines = schema.read_text(encoding="utf-8").splitlines()
    expected = next(n for n, line in enumerate(lines, 1) if line.rstrip().endswith("<!-- refused -->"))
    with pytest.raises(SchemaError) as caught:
        Schematron(schema)
    assert caught.value.location is not None
    assert (caught.value.location.path, caught.value.location.line) == (str(schema), expected)


def test_the_stylesheet_visits_only_candidate_nodes() -> None:
    stylesheet = Schematron(schema_path("teikit.sch")).stylesheet
    xsl = {"xsl": "http://www.w3.org/1999/XSL/Transform"}
    selects = stylesheet.xpath("//xsl:apply-templates/@select", namespaces=xsl)
    assert selects and all("node()" not in s and s != "//*" for s in selects)
    assert not stylesheet.xpath("//xsl:template[@match = '*' or contains(@match, 'node()')]", namespaces=xsl)


@pytest.fixture(scope="module")
def compiled() -> Schematron:
    return Schematron(schema_path("teikit.sch"))


@pytest.fixture(scope="module")
def skeleton() -> isoschematron.Schematron:
    return isoschematron.Schematron(etree.parse(str(schema_path("teikit.sch"))), store_report=True)


@pytest.mark.parametrize("document", DOCUMENTS, ids=[f"{p.parent.name}/{p.stem}" for p in DOCUMENTS])
def test_agrees_with_lxml_isoschematron(
    document: Path, compiled: Schematron, skeleton: isoschematron.Schematron
) -> None:
    """Same failed rule ids, at the same lines, with the same messages, in the same order.

    The skeleton locates an attribute context only by its name (`/@who`); its line is then the one
    the failure's own element has, and the invalid fixtures' expected outputs prove it.
    """
    tree = _tree(document)
    assert tree is not None
    skeleton.validate(tree)
    expected, pattern = [], ""
    for node in skeleton.validation_report.getroot().iterchildren(_SVRL + "*"):
        if node.tag == _SVRL + "active-pattern":
            pattern = node.get("id", "")
        elif node.tag in (_SVRL + "failed-assert", _SVRL + "successful-report"):
            text = " ".join("".join(node.find(_SVRL + "text").itertext()).split())
            expected.append((pattern, node.get("id"), _line(tree, node.get("location", "")), text))
    actual = [(f.pattern, f.test, f.line, f.message) for f in compiled.failures(tree)]
    assert [
        (p, i, line if expected_line else None, m)
        for (p, i, line, m), (_, _, expected_line, _) in zip(actual, expected, strict=True)
    ] == expected


def _line(tree: etree._ElementTree, location: str) -> int | None:
    """The line of the element an SVRL location names (of its element, for an attribute or text)."""
    found = tree.xpath(location)
    if not found:
        return None
    node = found[0] if isinstance(found[0], etree._Element) else found[0].getparent()
    return int(node.sourceline)
