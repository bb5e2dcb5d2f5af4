"""tei_all.rng pruned to the element names in use: the same verdicts as the whole grammar and as jing."""

from __future__ import annotations

import sysconfig
from pathlib import Path

import pytest
from lxml import etree

from teikit import pruning, validate
from teikit.validation import _load_schemas

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO.parent / "shared" / "corpora" / "gerdracor-sample"
PLAYS = sorted((SAMPLE / "tei").glob("*.xml"))
TEI_ALL = Path(sysconfig.get_paths()["purelib"]) / "schemas" / "tei_all.rng"
TEI = "http://www.tei-c.org/ns/1.0"


@pytest.fixture(scope="module")
def full() -> etree.RelaxNG:
    """The whole of tei_all.rng, compiled (some seconds)."""
    return etree.RelaxNG(etree.parse(str(TEI_ALL)))


def _smallest_plays(count: int) -> list[Path]:
    return sorted(PLAYS, key=lambda p: p.stat().st_size)[:count]


def test_the_sample_is_there() -> None:
    assert len(PLAYS) == 118, f"{SAMPLE} (../shared/corpora beside the repository) is missing"


def test_verdicts_on_the_sample_equal_jings() -> None:
    jing_invalid = set((SAMPLE / "jing-invalid.txt").read_text(encoding="utf-8").split())
    invalid = {
        p.name for p in PLAYS if any(i.severity == "error" for i in validate(p, schema=TEI_ALL).issues)
    }
    assert invalid == jing_invalid


def test_pruned_grammars_judge_as_the_whole_one(full: etree.RelaxNG) -> None:
    """A grammar pruned to one play's names, then to the union with each other play's: the same verdict as
    tei_all on every document, among them documents that use names outside the first set."""
    grammar = etree.parse(str(TEI_ALL))
    trees = [etree.parse(str(p)) for p in _smallest_plays(6)] + [
        etree.parse(str(SAMPLE / "tei" / name))
        for name in (SAMPLE / "jing-invalid.txt").read_text(encoding="utf-8").split()[:2]
    ]
    first = pruning.element_names(trees[0])
    outside = [t for t in trees if not pruning.element_names(t) <= first]
    assert outside, "the test needs documents with names outside the first set"
    for tree in trees:
        names = first | pruning.element_names(tree)
        assert etree.RelaxNG(pruning.prune(grammar, names)).validate(tree) == full.validate(tree)


def test_a_name_outside_the_pruned_set_is_refused_by_it_and_judged_by_a_larger_one(
    full: etree.RelaxNG,
) -> None:
    jing_invalid = (SAMPLE / "jing-invalid.txt").read_text(encoding="utf-8").split()
    tree = etree.parse(str(next(p for p in _smallest_plays(20) if p.name not in jing_invalid)))
    names = pruning.element_names(tree)
    pruned = etree.RelaxNG(pruning.prune(etree.parse(str(TEI_ALL)), names))
    assert pruned.validate(tree) == full.validate(tree)
    body = tree.find(f".//{{{TEI}}}body")
    assert body is not None
    new = next(n for n in ("note", "gap", "pb", "milestone") if (TEI, n) not in names)
    body.insert(0, etree.Element(f"{{{TEI}}}{new}"))  # allowed first in <body>, a name the set lacks
    assert full.validate(tree)  # valid TEI
    assert not pruned.validate(tree)  # but the pruned grammar's new name matches nothing
    schemas = _load_schemas(str(TEI_ALL.resolve()))
    assert schemas.full is None  # tei_all is never compiled whole here
    assert schemas.relaxng(tree).validate(tree) == full.validate(tree)


def test_pruning_keeps_small_grammars_whole() -> None:
    from teikit.resources import schema_path

    assert _load_schemas(str(schema_path("teikit.rng").resolve())).full is not None


def test_element_names_are_namespace_qualified() -> None:
    tree = etree.ElementTree(
        etree.fromstring(f'<a xmlns="{TEI}"><b/><!-- c --><x:d xmlns:x="urn:x"/><e xmlns=""/></a>')
    )
    assert pruning.element_names(tree) == {(TEI, "a"), (TEI, "b"), ("urn:x", "d"), ("", "e")}
