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
