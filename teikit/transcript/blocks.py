"""Split normalised text into blocks (runs of non-blank lines) and lines, as spans."""

from __future__ import annotations

import re

from teikit.model import Span

_BLOCK = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")
_LINE = re.compile(r"[^\n]*\S[^\n]*")
LIST_ITEM = re.compile(
    r"(?P<marker>[-•*–▪◦]|\d{1,2}[.)．]|[a-z]\)|\((?:[a-zA-Z]|\d{1,2}|[ivx]{1,4})\)|"
    r"[IVX]{1,4}\.|[０-９]{1,2}[．.])(?=\s)"
)
"""The marker that opens a list item: a bullet, "1.", "a)", "(iv)", "IV."."""
TERMINAL = '.?!:;…"”’)]'
"""Characters that may end a sentence or a heading; a block ending otherwise stops mid-sentence."""


def blocks(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Blocks separated by blank lines, each trimmed of surrounding whitespace."""
    return [
        trim(text, m.start(), m.end())
        for m in _BLOCK.finditer(text, start, len(text) if end is None else end)
    ]


def lines(text: str, span: Span) -> list[Span]:
    """Non-blank lines of a span, each trimmed."""
    return [trim(text, m.start(), m.end()) for m in _LINE.finditer(text, span.start, span.end)]


def trim(text: str, start: int, end: int) -> Span:
    """text[start:end] without leading and trailing whitespace, as a span."""
    while start < end and text[start].isspace():
        start += 1
    return Span(start=start, end=rstrip(text, start, end))


def rstrip(text: str, start: int, end: int) -> int:
    """The end of text[start:end] without trailing whitespace."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
