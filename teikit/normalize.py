"""The declared normalisations: the only changes between a transcript and the text teikit encodes.

Each rule has a name and a description; the names applied to a document are written into its
TEI header (`editorialDecl/normalization/p/@n`), so anyone can repeat them on the transcript and
compare it with the source view token for token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_MD_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_MD_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]+)>")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)


def _line_endings(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")


def _markdown(text: str) -> str:
    text = _MD_HEADING.sub("", text)
    text = _MD_BOLD.sub(r"\1", text)
    return _MD_AUTOLINK.sub(r"\1", text)


def _trailing_space(text: str) -> str:
    return _TRAILING_SPACE.sub("", text)


def _blank_lines(pattern: re.Pattern[str]) -> Callable[[str], str]:
    """A rule that empties the lines matching `pattern` and keeps the line count, so lines still match."""
    return lambda text: pattern.sub("", text)


_ARCHIVE_BANNER = re.compile(
    r"^[ \t]*Digital Archive\s+\S*wilsoncenter\.org\s+International History Declassified[ \t]*$", re.MULTILINE
)


RULES: dict[str, tuple[str, Callable[[str], str]]] = {
    "line-endings": ("Line endings made LF; form feeds (PDF page breaks) made line breaks.", _line_endings),
    "trailing-space": ("Spaces and tabs at line ends removed.", _trailing_space),
    "markdown": (
        "Markdown export chrome removed: heading marks (#), bold marks (**) and the angle brackets of autolinks.",
        _markdown,
    ),
    "csv-row": (
        "A row of a CSV export written as one `column: value` field per column, text_body last; CSV quoting undone.",
        lambda text: text,
    ),
    "archive-banner": (
        "The export's banner line (Digital Archive … International History Declassified) removed.",
        _blank_lines(_ARCHIVE_BANNER),
    ),
}
"""Rule name -> (description for the TEI header, function)."""

BASE_RULES = ("line-endings", "trailing-space")
"""Rules applied to every transcript."""


def normalise(text: str, rules: Iterable[str]) -> str:
    """Apply the named rules, in the order of RULES."""
    wanted = set(rules)
    unknown = wanted - RULES.keys()
    if unknown:
        raise ValueError(f"unknown normalisation rules: {', '.join(sorted(unknown))}")
    for name, (_, func) in RULES.items():
        if name in wanted:
            text = func(text)
    return text


def tokens(text: str) -> list[str]:
    """Whitespace-separated tokens: the unit in which source views are compared."""
    return text.split()
