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
    r"^[ \t]*(?:\d{1,3}[ \t]+)?Digital Archive\s+\S*wilsoncenter\.org\s+International History Declassified[ \t]*$",
    re.MULTILINE,
)
_LIVE_CHROME = re.compile(
    r"^[ \t]*(?:Search in|Digital Archive|International History Declassified|get citation|share document|"
    r"English HTML|Skip to content|Download PDF|Print document)[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_MIRROR_PAGE = re.compile(r"^[ \t]*You are on page \d+\s*of\s*\d+[ \t]*$", re.MULTILINE | re.IGNORECASE)
_MIRROR_TAIL = re.compile(r"^[ \t]*Similar documents[ \t]*$", re.MULTILINE | re.IGNORECASE)


def _blank(text: str, start: int, end: int) -> str:
    """Empty text[start:end] but keep its line breaks."""
    return text[:start] + "\n" * text.count("\n", start, end) + text[end:]


def _mirror_chrome(text: str) -> str:
    banner = _ARCHIVE_BANNER.search(text)
    if banner is not None:
        text = _blank(text, 0, banner.start())
    tail = _MIRROR_TAIL.search(text)
    if tail is not None:
        text = _blank(text, tail.start(), len(text))
    return _MIRROR_PAGE.sub("", text)


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
    "live-chrome": (
        "Web page chrome removed: lines reading only Search in, Digital Archive, International History "
        "Declassified, get citation, share document, English HTML, Skip to content, Download PDF, Print document.",
        _blank_lines(_LIVE_CHROME),
    ),
    "mirror-chrome": (
        "A mirror site's chrome removed: everything before the archive banner, 'You are on page N of M' lines, "
        "and the 'Similar documents' list at the end.",
        _mirror_chrome,
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
