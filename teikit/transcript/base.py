"""The Layout protocol: what every transcript layout module offers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Detection:
    """Why a layout matched a transcript: the evidence, with its line."""

    layout: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.layout}: line {self.line}: {self.reason}"


class Layout(Protocol):
    """A transcript layout (a container such as a PDF export): detection and normalisation rules."""

    name: str
    """Registry key, e.g. `pdf-markdown`."""
    rules: tuple[str, ...]
    """Normalisation rules (teikit.normalize.RULES) applied before parsing."""

    def detect(self, text: str) -> Detection | None:
        """Evidence that `text` (line endings already LF) has this layout, or None."""
        ...
