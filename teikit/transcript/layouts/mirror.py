"""A PDF export copied by a third-party mirror (SOURCE-FORMATS C5): the mirror's chrome before the
archive banner, "You are on page N of M" lines and a "Similar documents" list around an old PDF export."""

from __future__ import annotations

import re

from teikit.transcript.base import Detection, Wrapper, detected
from teikit.transcript.wrapper import split_pdf_export

name = "mirror"
rules = ("line-endings", "trailing-space", "mirror-chrome", "archive-banner")

_CHROME = re.compile(
    r"^[ \t]*(?:Total Page:\s*\d+|Size:\s*px|Start display at page|You are on page \d+\s*of\s*\d+|Similar documents\b|"
    r"Download .{0,40}Transcription)",
    re.MULTILINE | re.IGNORECASE,
)
_WRAPPER = re.compile(r"^[ \t]*Citation:", re.MULTILINE)


def detect(text: str) -> Detection | None:
    if _WRAPPER.search(text) is None:
        return None
    return detected(name, text, _CHROME.search(text), "mirror site chrome '{match}' around a PDF export")


def split(text: str) -> Wrapper:
    return split_pdf_export(text)
