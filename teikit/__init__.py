"""teikit: plain-text transcripts of archival documents -> TEI P5, validated and rendered.

The names in `__all__` are the stable API; everything else (the submodules included) may change.

- `convert(path)` -> the TEI encoding as an lxml tree (`parse` -> Document, then `to_tei`), or
  `convert_text(text)`;
- `validate(document)` -> Report, `is_valid`, `iter_issues`, `assert_valid`, and `validate_files`
  for a corpus on every core;
- `render_html(document)`, `render_text(document)`, or a `Renderer` to render many;
- `build(options)`: transcripts -> encodings -> validation -> site and texts, as `teikit build`.

A document is a file path, a `str` or `bytes` of XML, or an lxml tree. Every error is a TeikitError.
Functions that need lxml or Saxon load their modules on first use, so `import teikit` stays light.
"""

from __future__ import annotations

import importlib as _importlib
import typing as _typing

from teikit._version import __version__
from teikit.config import BuildOptions, ConfigError
from teikit.errors import (
    ArgumentError,
    InputError,
    InvalidDocument,
    Location,
    OutputError,
    RenderError,
    SchemaError,
    TeikitError,
)
from teikit.model import Document, Issue, Person, Report

if _typing.TYPE_CHECKING:
    from teikit.pipeline import (
        BuildReport,
        build,
        convert,
        convert_text,
        parse,
        to_tei,
        validate_files,
    )
    from teikit.render import Renderer, render_html, render_text
    from teikit.validation import assert_valid, is_valid, iter_issues, validate

_LAZY = {
    **dict.fromkeys(
        ("BuildReport", "build", "convert", "convert_text", "parse", "to_tei", "validate_files"),
        "teikit.pipeline",
    ),
    **dict.fromkeys(("Renderer", "render_html", "render_text"), "teikit.render"),
    **dict.fromkeys(("assert_valid", "is_valid", "iter_issues", "validate"), "teikit.validation"),
}
"""Names whose modules load lxml (and, on first use, Saxon): imported when first asked for."""

__all__ = [
    "ArgumentError",
    "BuildOptions",
    "BuildReport",
    "ConfigError",
    "Document",
    "InputError",
    "InvalidDocument",
    "Issue",
    "Location",
    "OutputError",
    "Person",
    "RenderError",
    "Renderer",
    "Report",
    "SchemaError",
    "TeikitError",
    "__version__",
    "assert_valid",
    "build",
    "convert",
    "convert_text",
    "is_valid",
    "iter_issues",
    "parse",
    "render_html",
    "render_text",
    "to_tei",
    "validate",
    "validate_files",
]


def __getattr__(name: str) -> object:
    if name in _LAZY:
        value = getattr(_importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # found once: later lookups do not come back here
        return value
    raise AttributeError(f"module 'teikit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
