"""A document body with no archive wrapper: it opens with its own field block or speaker turns."""

from __future__ import annotations

import re

from teikit.transcript.base import Detection, Wrapper

name = "bare"
rules = ("line-endings", "trailing-space")

_EVIDENCE = re.compile(
    r"^(?:(?:Date and )?Time|Place|Location|Participants|Present|Attending|Chairing|Interpreter|Recorder|"
    r"Subject|From|To)\s*:"
    r"|\((?:to be abbreviated as|hereafter(?: abbreviated)?,?)\s|\[henceforth referred to as\s",
    re.MULTILINE | re.IGNORECASE,
)


def detect(text: str) -> Detection | None:
    m = _EVIDENCE.search(text)
    if m is None:
        return None
    line = text.count("\n", 0, m.start()) + 1
    return Detection(name, line, f"no archive wrapper; the document's own {m.group(0).strip()!r} opens its body")


def split(text: str) -> Wrapper:
    return Wrapper(body_start=0, body_end=len(text))
