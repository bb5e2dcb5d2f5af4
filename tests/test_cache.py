"""The validation cache: a hit gives back what a fresh run finds; any change to the file, the schema or
the options misses; a damaged entry is ignored; nothing is cached unless asked."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO

import teikit.validation
from teikit import pipeline
from teikit.cache import ValidationCache
from teikit.model import Issue
from teikit.resources import schema_path

CASES = REPO / "tests" / "cases"
FIXTURES = [
    REPO / "encoded" / "wcda-116739.xml",
    CASES / "invalid" / "dangling-who.xml",
    CASES / "invalid" / "malformed.xml",
    CASES / "invalid" / "duplicate-id.xml",
    CASES / "warning" / "date-far-away.xml",
]


@pytest.fixture
def copies(tmp_path: Path) -> list[Path]:
    """The fixtures copied, so that a test may change their bytes."""
    (tmp_path / "docs").mkdir()
    return [Path(shutil.copy(fixture, tmp_path / "docs" / fixture.name)) for fixture in FIXTURES]


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files validation actually parses, in order."""
    names: list[str] = []
    real = teikit.validation.iter_issues

    def counting(
        source: teikit.validation.Source, *, path: str | None = None, **options: object
    ) -> Iterator[Issue]:
        names.append(Path(path or str(source)).name)
        return real(source, path=path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(teikit.validation, "iter_issues", counting)
    return names


def test_hit_gives_the_issues_of_a_fresh_run(tmp_path: Path, copies: list[Path], parsed: list[str]) -> None:
    fresh = pipeline.validate_files(copies, jobs=1)
    assert [bool(issues) for issues in fresh.values()] == [False, True, True, True, True]
    assert {i.severity for i in fresh[str(copies[-1])]} == {"warning"}
    cold = pipeline.validate_files(copies, jobs=1, cache=tmp_path / "cache")
    parsed.clear()
    warm = pipeline.validate_files(copies, jobs=1, cache=tmp_path / "cache")
    assert parsed == []
    assert warm == cold == fresh
    assert len(list((tmp_path / "cache").rglob("*.json"))) == len(FIXTURES)


def test_issues_carry_the_path_as_given(tmp_path: Path, copies: list[Path], parsed: list[str]) -> None:
    pipeline.validate_files(copies, jobs=1, cache=tmp_path / "cache")
    parsed.clear()
    moved = tmp_path / "elsewhere.xml"
    shutil.copy(copies[1], moved)
    found = pipeline.validate_files([moved], jobs=1, cache=tmp_path / "cache")
    assert parsed == []  # the same bytes under another name: a hit
    assert [str(i) for i in found[str(moved)]] == [
        f'{moved}:39:1: error: @who "#zhou" points at no xml:id in this document [pointer-resolves]'
    ]
    entry = next((tmp_path / "cache").rglob("*.json")).read_text(encoding="utf-8")
    assert str(tmp_path) not in entry


def test_one_changed_byte_of_the_file_misses(tmp_path: Path, copies: list[Path], parsed: list[str]) -> None:
    pipeline.validate_files(copies, jobs=1, cache=tmp_path / "cache")
    parsed.clear()
    data = copies[1].read_bytes()
    copies[1].write_bytes(data.replace(b'who="#zhou"', b'who="#zhoU"', 1))
    found = pipeline.validate_files(copies, jobs=1, cache=tmp_path / "cache")
    assert parsed == ["dangling-who.xml"]
    assert '"#zhoU"' in found[str(copies[1])][0].message


def _schema_copy(folder: Path) -> Path:
    folder.mkdir()
    for name in ("teikit.rng", "teikit.sch"):
        shutil.copy(schema_path(name), folder / name)
    return folder / "teikit.rng"


@pytest.mark.parametrize("changed", ["teikit.rng", "teikit.sch"])
def test_one_changed_byte_of_the_schema_misses(
    tmp_path: Path, copies: list[Path], parsed: list[str], changed: str
) -> None:
    rng = _schema_copy(tmp_path / "schema")
    pipeline.validate_files(copies, jobs=1, schema=rng, cache=tmp_path / "cache")
    parsed.clear()
    target = rng.with_name(changed)
    target.write_bytes(target.read_bytes() + b"\n")
    pipeline.validate_files(copies, jobs=1, schema=rng, cache=tmp_path / "cache")
    assert parsed == [p.name for p in copies]


def test_other_options_or_schema_miss(tmp_path: Path, copies: list[Path], parsed: list[str]) -> None:
    pipeline.validate_files(copies, jobs=1, cache=tmp_path / "cache")
    parsed.clear()
    pipeline.validate_files(copies, jobs=1, schematron=False, cache=tmp_path / "cache")
    assert parsed == [p.name for p in copies]
    parsed.clear()
    pipeline.validate_files(
        copies, jobs=1, schema=_schema_copy(tmp_path / "schema"), cache=tmp_path / "cache"
    )
    assert parsed == []  # the same schema bytes elsewhere: a hit; tei_all.rng has other bytes, so it misses


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b'{"issues": [',
        b"\xff\xfe\x00",
        b"[]",
        b'{"issues": 3}',
        b'{"issues": [{"line": "x"}]}',
        b'{"issues": [{"path": "a", "line": 1, "column": 1, "message": "m"}]}',
        b'{"issues": [1]}',
        b"[" * 100_000,
    ],
    ids=["empty", "truncated", "binary", "list", "number", "bad-field", "with-path", "not-a-record", "deep"],
)
def test_damaged_entry_is_ignored_and_rewritten(tmp_path: Path, copies: list[Path], damage: bytes) -> None:
    cold = pipeline.validate_files(copies, jobs=1, cache=tmp_path / "cache")
    for entry in (tmp_path / "cache").rglob("*.json"):
        entry.write_bytes(damage)
    assert pipeline.validate_files(copies, jobs=1, cache=tmp_path / "cache") == cold
    assert pipeline.validate_files(copies, jobs=1, cache=tmp_path / "cache") == cold
    assert all(entry.read_bytes() != damage for entry in (tmp_path / "cache").rglob("*.json"))


def test_unreadable_entry_is_ignored(tmp_path: Path, copies: list[Path], parsed: list[str]) -> None:
    cold = pipeline.validate_files(copies, jobs=1, cache=tmp_path / "cache")
    for entry in list((tmp_path / "cache").rglob("*.json")):
        entry.unlink()
        entry.mkdir()  # unreadable as a file, and cannot be replaced either
    parsed.clear()
    assert pipeline.validate_files(copies, jobs=1, cache=tmp_path / "cache") == cold
    assert parsed == [p.name for p in copies]


def test_no_cache_unless_asked(tmp_path: Path, copies: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the cache was consulted")

    monkeypatch.chdir(tmp_path)
    for name in ("open", "get", "put", "issues"):
        monkeypatch.setattr(ValidationCache, name, refuse)
    pipeline.validate_files(copies, jobs=1)
    pipeline.validate_files(copies * 30, jobs=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


def test_parallel_run_with_cache_equals_serial_without(tmp_path: Path, copies: list[Path]) -> None:
    many = []
    for i in range(120):
        target = tmp_path / "docs" / f"doc{i:03}.xml"
        target.write_bytes(copies[i % len(copies)].read_bytes())
        many.append(target)
    serial = pipeline.validate_files(many, jobs=1)
    assert pipeline.validate_files(many, jobs=2, cache=tmp_path / "cache") == serial
    assert len(list((tmp_path / "cache").rglob("*.json"))) == len(copies)  # one entry per distinct file
    assert pipeline.validate_files(many, jobs=2, cache=tmp_path / "cache") == serial


def test_unreadable_file_is_reported_as_without_cache(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.xml")
    without = pipeline.validate_files([Path(missing)], jobs=1)
    cached = pipeline.validate_files([Path(missing)], jobs=1, cache=tmp_path / "cache")
    assert cached == without and [i.rule for i in without[missing]] == ["not-a-file"]
