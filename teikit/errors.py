"""Locations and the exception tree: everything teikit raises derives from TeikitError."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Imported at run time, not for type checking only: the public API's hints resolve (typing.get_type_hints).
from teikit.model import Issue

DOCTYPE_REFUSED = (
    "DOCTYPE declaration refused: teikit reads no DTD, internal or external, and fetches nothing "
    "(TEI P5 needs none): remove it"
)
"""What validate and render both say of a document with a DOCTYPE: one policy for both."""


@dataclass(frozen=True)
class Location:
    """A place in a file: path, 1-based line and optional 1-based column."""

    path: str
    line: int = 1
    column: int | None = None

    def __str__(self) -> str:
        col = self.column if self.column is not None else 1
        return f"{self.path}:{self.line}:{col}"


def location_of(text: str, offset: int, path: str) -> Location:
    """The line and column of a character offset in `text`."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Location(path, line, column)


class TeikitError(Exception):
    """Root of every error teikit raises; prints as `path:line:col: message`."""

    code = "error"

    def __init__(self, message: str, location: Location | None = None, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"


class InputError(TeikitError, ValueError):
    """A transcript cannot be read or understood.

    Codes: `encoding`, `control-char`, `empty`, `too-large`, `binary`, `unknown-layout`, `syntax`, `not-a-file`.
    """


class ArgumentError(TeikitError, TypeError):
    """A public function was given an argument it does not take (None, a number where a document goes…).

    The message names the function, the parameter, the value's type and what the parameter takes.
    """

    code = "argument"


class InvalidDocument(TeikitError):
    """A TEI document fails its schema; carries every issue found."""

    code = "invalid"

    def __init__(self, message: str, issues: Sequence[Issue], location: Location | None = None) -> None:
        super().__init__(message, location)
        self.issues = tuple(issues)


class SchemaError(TeikitError):
    """A schema is missing, unreadable, or out of date with its ODD source."""

    code = "schema"


class RenderError(TeikitError):
    """An XSLT stylesheet failed to compile or run."""

    code = "render"


class OutputError(TeikitError, OSError):
    """An output file could not be written."""

    code = "output"
