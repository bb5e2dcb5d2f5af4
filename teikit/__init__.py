"""teikit: plain-text transcripts of archival documents -> TEI P5, validated and rendered.

Only the names imported here are the stable API.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from teikit._version import __version__
from teikit.errors import (
    InputError,
    InvalidDocument,
    Location,
    OutputError,
    RenderError,
    SchemaError,
    TeikitError,
)
from teikit.model import Document, Issue, Person

if TYPE_CHECKING:
    from teikit.pipeline import convert, convert_text

_LAZY = {"convert": "teikit.pipeline", "convert_text": "teikit.pipeline"}
"""Names whose modules load lxml: imported on first use, so `import teikit` stays light."""


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'teikit' has no attribute {name!r}")


__all__ = [
    "Document",
    "InputError",
    "InvalidDocument",
    "Issue",
    "Location",
    "OutputError",
    "Person",
    "RenderError",
    "SchemaError",
    "TeikitError",
    "__version__",
    "convert",
    "convert_text",
]
