"""Plain-text PDF export (SOURCE-FORMATS C3/C4): wrapper labels such as `Citation:` on their own
lines or opening one; the old export's banner line ("Digital Archive … International History
Declassified") is declared chrome."""

from __future__ import annotations

import re

from teikit.transcript.base import Detection, Wrapper
from teikit.transcript.wrapper import split_pdf_export

name = "pdf-plain"
rules = ("line-endings", "trailing-space", "archive-banner")

_LABEL_LINE = re.compile(r"^[ \t]*(Citation|Summary|Credits|Original Language|Contents):", re.MULTILINE)


def detect(text: str) -> Detection | None:
    found = list(_LABEL_LINE.finditer(text))
    labels = {m.group(1) for m in found}
    if "Citation" not in labels or len(labels) < 2:
        return None
    line = text.count("\n", 0, found[0].start()) + 1
    return Detection(name, line, f"wrapper labels {', '.join(sorted(labels))} at the start of lines")


def split(text: str) -> Wrapper:
    return split_pdf_export(text)
