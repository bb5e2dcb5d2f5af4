"""Indexes derived from data packages, built once and kept on disk in the user's cache folder.

An index is an SQLite database (the standard library's) whose file name is a digest of everything its
rows depend on: its format, teikit's version, the versions of the data packages it is built from and the
bytes of the code that builds it. It is built into a temporary file beside its final name and renamed
when complete, so that parallel processes (build workers) never read half a database, and opened
read-only and memory-mapped: a lookup reads a few pages, not the whole index. An index that cannot be
opened or read is built again; where the cache folder cannot be written, the index is built in memory
for the process.

The folder is $TEIKIT_CACHE_DIR, else $XDG_CACHE_HOME/teikit, else ~/.cache/teikit.
"""

from __future__ import annotations

import gc
import hashlib
import os
import sqlite3
import tempfile
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from teikit._version import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["CACHE_ENV", "DataIndex", "cache_dir"]

CACHE_ENV = "TEIKIT_CACHE_DIR"
"""The environment variable that names the folder of derived indexes, overriding the XDG default."""
_FORMAT = b"teikit-data-index/1"
_MMAP_BYTES = 1 << 30
"""How much of an index SQLite may map into memory: all of it, in practice."""


def cache_dir() -> Path:
    """The folder that holds derived indexes."""
    if override := os.environ.get(CACHE_ENV):
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "teikit"


class DataIndex:
    """One derived index: opened on first query (per process), built first when it is missing or damaged.

    :param name: the first part of the file name ("gazetteer").
    :param packages: the distributions whose data the index is built from; their versions key it.
    :param code: the files of the code that builds it; their bytes key it (an editable install changes
        them without a new version).
    :param build: fills an empty database; `complete` is recorded after it returns.
    """

    def __init__(
        self,
        name: str,
        packages: Sequence[str],
        code: Sequence[Path],
        build: Callable[[sqlite3.Connection], None],
    ) -> None:
        self.name = name
        self._packages = tuple(packages)
        self._code = tuple(code)
        self._build = build
        self._pid = -1
        self._db: sqlite3.Connection | None = None

    def digest(self) -> str:
        """The key of the index's current contents: format, versions and code."""
        digest = hashlib.sha256(_FORMAT)
        parts = [__version__, *(f"{p}={_version(p)}" for p in self._packages)]
        for data in [repr(parts).encode(), *(_read(p) for p in self._code)]:
            digest.update(len(data).to_bytes(8, "big") + data)
        return digest.hexdigest()[:24]

    def path(self) -> Path:
        """Where the index is kept."""
        return cache_dir() / f"{self.name}-{self.digest()}.sqlite"

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """The rows `sql` selects; a database found damaged is built again and asked once more."""
        try:
            return self._connection().execute(sql, params).fetchall()
        except sqlite3.DatabaseError:
            return self._connection(rebuild=True).execute(sql, params).fetchall()

    def _connection(self, *, rebuild: bool = False) -> sqlite3.Connection:
        if self._db is not None and self._pid == os.getpid() and not rebuild:
            return self._db
        if self._db is not None and self._pid == os.getpid():
            self._db.close()
        self._db, self._pid = self._open(rebuild), os.getpid()
        return self._db

    def _open(self, rebuild: bool) -> sqlite3.Connection:
        path = self.path()
        if not rebuild and (db := _open_complete(path)) is not None:
            return db
        try:
            self._write(path)
        except (OSError, sqlite3.Error):  # an unwritable cache folder: this process builds its own
            db = sqlite3.connect(":memory:", check_same_thread=False)
            self._fill(db)
            return db
        db = _open_complete(path)
        if db is None:
            raise sqlite3.DatabaseError(f"the index just built cannot be read: {path}")
        return db

    def _write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            db = sqlite3.connect(tmp)
            try:
                db.execute("PRAGMA journal_mode = OFF")
                db.execute("PRAGMA synchronous = OFF")
                self._fill(db)
            finally:
                db.close()
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)

    def _fill(self, db: sqlite3.Connection) -> None:
        collecting = gc.isenabled()
        gc.disable()  # a build makes millions of objects that live to its end: collecting them is wasted time
        try:
            with db:
                self._build(db)
                db.execute("CREATE TABLE complete (format)")
                db.execute("INSERT INTO complete VALUES (?)", (_FORMAT.decode(),))
        finally:
            if collecting:
                gc.enable()


def _open_complete(path: Path) -> sqlite3.Connection | None:
    """`path` opened read-only when it holds a complete index of this format, else None."""
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        db.execute(f"PRAGMA mmap_size = {_MMAP_BYTES}")
        if db.execute("SELECT format FROM complete").fetchall() == [(_FORMAT.decode(),)]:
            return db
    except sqlite3.DatabaseError:
        pass
    db.close()
    return None


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
