"""Old PDF export (SOURCE-FORMATS C3): the banner "Digital Archive digitalarchive.wilsoncenter.org
International History Declassified" on the first line, then the date, title and wrapper labels."""

from __future__ import annotations

import re

from teikit.transcript.base import Detection, Wrapper
from teikit.transcript.wrapper import split_pdf_export

name = "pdf-old"
rules = ("line-endings", "trailing-space", "archive-banner")

_BANNER = re.compile(
    r"\A\s*Digital Archive\s+\S*wilsoncenter\.org\s+International History Declassified[ \t]*$", re.MULTILINE
)


def detect(text: str) -> Detection | None:
    m = _BANNER.search(text)
    if m is None:
        return None
    line = text.count("\n", 0, m.end()) + 1 - m.group(0).strip().count("\n")
    return Detection(name, line, "the old PDF export's banner opens the text")


def split(text: str) -> Wrapper:
    return split_pdf_export(text)
