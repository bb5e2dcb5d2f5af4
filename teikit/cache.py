"""Stored validation results, keyed by content hashes, so that an unchanged file is not validated again.

The key of a file is a sha256 over its bytes and everything else its issues depend on: the schema
files' bytes, the options (Schematron on or off), the teikit version and the code that turns lxml's
findings into issues, and the lxml and libxml2 versions. Each key has one small JSON file, written
atomically, so parallel workers never clash and a killed run leaves no half-written entry. An entry
that cannot be read or understood is ignored: the file is validated again and the entry rewritten.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from teikit import __version__, files
from teikit.errors import Location, OutputError, SchemaError
from teikit.model import Issue

if TYPE_CHECKING:
    from collections.abc import Callable

    from teikit.validation import Source

__all__ = ["DEFAULT_DIR", "ValidationCache"]

DEFAULT_DIR = Path(".teikit-cache/validate")
"""Where `teikit validate --cache` keeps its entries when given no folder."""

_FORMAT = b"teikit-validate-cache/1"
"""Changes when the entries' layout changes, so that old entries are simply missed."""
_CODE = ("teikit.validation", "teikit.schematron", "teikit.schema")
"""The modules whose code decides what the issues say: an editable install changes them without a new version."""
_UNREADABLE = (OSError, ValueError, TypeError, KeyError, RecursionError)
"""What reading a damaged entry can raise (JSON, UTF-8 and pydantic errors are ValueErrors)."""


@dataclass(frozen=True)
class ValidationCache:
    """The stored issues of files validated before with one schema and one set of options.

    Small and picklable, so that validation workers can each be handed one.
    """

    folder: Path
    """Where the entries are: `<folder>/<first two hex digits of the key>/<key>.json`."""
    context: bytes
    """The digest of everything but the file that the issues depend on."""

    @classmethod
    def open(cls, folder: Path, *, schema: Path | None = None, schematron: bool = True) -> ValidationCache:
        """The cache in `folder` for validation against `schema` (default: the bundled one).

        Raises SchemaError when a schema file cannot be read, OutputError when `folder` cannot be made.
        """
        from lxml import etree

        from teikit.resources import schema_path

        rng = Path(schema if schema is not None else schema_path("teikit.rng")).resolve()
        sch = rng.with_suffix(".sch")  # as teikit.validation finds the Schematron of a grammar
        digest = hashlib.sha256(_FORMAT)
        parts = [__version__, etree.LXML_VERSION, etree.LIBXML_VERSION, schematron]
        digest.update(repr(parts).encode())
        try:
            sources = [rng.read_bytes(), sch.read_bytes() if sch.is_file() else b""]
        except OSError as err:
            raise SchemaError(f"cannot load schema: {err.strerror or err}", Location(str(rng))) from err
        for data in [*sources, *map(_module_bytes, _CODE)]:
            digest.update(len(data).to_bytes(8, "big") + data)  # lengths keep the parts from running together
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(
                f"cannot make the cache folder: {err.strerror or err}", Location(str(folder))
            ) from err
        return cls(folder, digest.digest())

    def key(self, data: bytes) -> str:
        """The key of a file with these bytes."""
        return hashlib.sha256(self.context + data).hexdigest()

    def get(self, key: str, path: str) -> list[Issue] | None:
        """The issues stored under `key`, each carrying `path`; None when there is no usable entry."""
        try:
            stored = json.loads(self._entry(key).read_bytes())["issues"]
            return [Issue(path=path, **item) for item in stored]
        except _UNREADABLE:
            return None

    def put(self, key: str, issues: list[Issue]) -> None:
        """Store `issues` under `key`, without their path. A failed write only costs a later run time."""
        entry = {"issues": [issue.model_dump(exclude={"path"}) for issue in issues]}
        try:
            files.write_atomic(self._entry(key), json.dumps(entry, ensure_ascii=False), durable=False)
        except OutputError:
            pass

    def issues(self, path: Path, check: Callable[[Source, str], list[Issue]]) -> list[Issue]:
        """The issues of the file at `path`: stored ones when its bytes are known, else `check(data, name)`'s,
        which are then stored. Raises InputError when `path` is not a regular file or cannot be read."""
        data = files.read_bytes(path)  # InputError: not a regular file, or unreadable
        key = self.key(data)
        found = self.get(key, str(path))
        if found is None:
            found = check(data, str(path))
            self.put(key, found)
        return found

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"


def _module_bytes(name: str) -> bytes:
    spec = importlib.util.find_spec(name)
    try:
        return Path(spec.origin).read_bytes() if spec is not None and spec.origin else b""
    except OSError:
        return b""
