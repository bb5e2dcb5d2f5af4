"""The Layout protocol, and what a layout hands to the shared body parser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from teikit.model import Para, ReviewKind, Section


@dataclass(frozen=True)
class Detection:
    """Why a layout matched a transcript: the evidence, with its line."""

    layout: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.layout}: line {self.line}: {self.reason}"


def detected(layout: str, text: str, match: re.Match[str] | None, reason: str) -> Detection | None:
    """A Detection at the line of `match`, or None when there is no match."""
    if match is None:
        return None
    return Detection(
        layout, text.count("\n", 0, match.start()) + 1, reason.format(match=match.group(0).strip())
    )


@dataclass(frozen=True)
class Note:
    """A review note at a character offset; line and column are computed at the end."""

    offset: int
    kind: ReviewKind
    message: str


@dataclass
class Wrapper:
    """How a layout divides a transcript: archive wrapper before and after the body, and the body."""

    body_start: int
    body_end: int
    doc_date: Para | None = None
    doc_title: Para | None = None
    front: list[Section] = field(default_factory=list)
    back: list[Section] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


class Layout(Protocol):
    """A transcript layout (a container such as a PDF export or a web page copied as text).

    Each layout is a module of `teikit.transcript.layouts`: its `name` and `rules` are module constants,
    read-only here, so a module satisfies the protocol."""

    @property
    def name(self) -> str:
        """Registry key, e.g. `pdf-markdown`."""
        ...

    @property
    def rules(self) -> tuple[str, ...]:
        """Normalisation rules (teikit.normalize.RULES) applied before splitting."""
        ...

    def detect(self, text: str) -> Detection | None:
        """Evidence that `text` (line endings already LF) has this layout, or None."""
        ...

    def split(self, text: str) -> Wrapper:
        """Find the wrapper and the body in the normalised text."""
        ...
