"""Plain-text PDF export (SOURCE-FORMATS C3): wrapper labels such as `Citation:` alone on a line."""

from __future__ import annotations

import re

from teikit.transcript.base import Detection

name = "pdf-plain"
rules = ("line-endings", "trailing-space")

_LABEL_LINE = re.compile(r"^[ \t]*(Citation|Summary|Contents):[ \t]*$", re.MULTILINE)


def detect(text: str) -> Detection | None:
    found = list(_LABEL_LINE.finditer(text))
    labels = {m.group(1) for m in found}
    if "Citation" not in labels or len(labels) < 2:
        return None
    first = found[0]
    line = text.count("\n", 0, first.start()) + 1
    return Detection(name, line, f"wrapper labels {', '.join(sorted(labels))} alone on their lines")
