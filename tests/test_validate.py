"""Validation: every invalid fixture gives exactly the lines of its `.errors.txt`, valid ones give none."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from teikit.errors import InputError, InvalidDocument
from teikit.schema import build_schemas
from teikit.validation import assert_valid, is_valid, iter_issues

CASES = Path(__file__).resolve().parent / "cases"
INVALID = sorted((CASES / "invalid").glob("*.xml"))
VALID = sorted((CASES / "valid").glob("*.xml"))


def _expected(fixture: Path) -> list[str]:
    text = fixture.with_suffix(".errors.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("fixture", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_gives_expected_issues(fixture: Path) -> None:
    actual = [str(issue) for issue in iter_issues(fixture, path=fixture.name)]
    if actual != _expected(fixture):
        kept = fixture.with_suffix(".errors.actual.txt")  # git-ignored, for diffing
        kept.write_text("\n".join(actual) + "\n", encoding="utf-8")
        pytest.fail(f"issues differ from {fixture.with_suffix('.errors.txt').name}; actual output in {kept}")


@pytest.mark.parametrize("fixture", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_is_invalid_in_all_three_ways(fixture: Path) -> None:
    assert not is_valid(fixture)
    with pytest.raises(InvalidDocument) as caught:
        assert_valid(fixture, path=fixture.name)
    assert [str(i) for i in caught.value.issues] == _expected(fixture)
    assert caught.value.location is not None and caught.value.location.path == fixture.name


@pytest.mark.parametrize("fixture", VALID, ids=[p.stem for p in VALID])
def test_valid_fixture_has_no_issue(fixture: Path) -> None:
    assert list(iter_issues(fixture)) == []
    assert is_valid(fixture)
    assert_valid(fixture)


def test_source_may_be_path_str_or_bytes() -> None:
    fixture = CASES / "invalid" / "dangling-who.xml"
    by_path = [str(i) for i in iter_issues(fixture, path="x.xml")]
    assert [str(i) for i in iter_issues(str(fixture), path="x.xml")] == by_path
    assert [str(i) for i in iter_issues(fixture.read_bytes(), path="x.xml")] == by_path


def test_default_path_is_the_source_as_given() -> None:
    fixture = CASES / "invalid" / "malformed.xml"
    assert next(iter_issues(str(fixture))).path == str(fixture)
    assert next(iter_issues(fixture.read_bytes())).path == "<bytes>"


def test_malformed_input_is_an_issue_not_an_exception() -> None:
    for data in (b"", b"<TEI", b"\xff\xfe<", b"<a>&undefined;</a>"):
        issues = list(iter_issues(data))
        assert issues and all(i.rule == "xml-syntax" and i.line >= 1 and i.column >= 1 for i in issues)


def test_external_entity_is_never_read() -> None:
    issues = list(iter_issues(CASES / "invalid" / "external-entity.xml"))
    assert "root:" not in " ".join(i.message for i in issues)


def test_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        list(iter_issues(tmp_path / "missing.xml"))


def test_only_errors_make_a_document_invalid(tmp_path: Path) -> None:
    """Severity comes from the rule's @role; warnings and infos are reported but do not invalidate."""
    rng, _ = build_schemas(CASES / "odd" / "warning.odd", tmp_path)
    data = b'<TEI xmlns="http://www.tei-c.org/ns/1.0">TODO: a long text</TEI>'
    issues = list(iter_issues(data, path="w.xml", schema=rng))
    assert [(i.severity, i.rule, i.line) for i in issues] == [
        ("warning", "short-text", 1),
        ("info", "short-text", 1),
    ]
    assert is_valid(data, schema=rng)
    assert_valid(data, schema=rng)


def test_importing_validate_compiles_nothing() -> None:
    code = "import teikit.validation as v; print(v._load_schemas.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0"


WARNINGS = sorted((CASES / "warning").glob("*.xml"))


@pytest.mark.parametrize("path", WARNINGS, ids=[p.stem for p in WARNINGS])
def test_warning_fixture_warns_but_stays_valid(path: Path) -> None:
    rel = path.relative_to(CASES)
    expected = path.with_suffix(".errors.txt").read_text(encoding="utf-8").splitlines()
    issues = list(iter_issues(path, path=str(rel)))
    assert [str(i) for i in issues] == expected
    assert all(i.severity == "warning" for i in issues) and is_valid(path)
