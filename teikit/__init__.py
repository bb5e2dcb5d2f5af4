"""teikit: plain-text transcripts of archival documents -> TEI P5, validated and rendered.

Only the names imported here are the stable API.
"""

from __future__ import annotations

from importlib.metadata import version

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
from teikit.pipeline import convert, convert_text

__version__ = version("teikit")

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
