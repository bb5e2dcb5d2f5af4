"""A document body with no archive wrapper: it opens with its own field block or speaker turns."""

from __future__ import annotations

import re

from teikit.transcript.base import Detection, Wrapper, detected

name = "bare"
rules = ("line-endings", "trailing-space")

_EVIDENCE = re.compile(
    r"^(?:(?:Date and )?Time|Place|Location|Participants|Present|Attending|Chairing|Interpreter|Recorder|"
    r"Subject|From|To)\s*:"
    r"|\((?:to be abbreviated as|hereafter(?: abbreviated)?,?)\s|\[henceforth referred to as\s",
    re.MULTILINE | re.IGNORECASE,
)


def detect(text: str) -> Detection | None:
    return detected(
        name, text, _EVIDENCE.search(text), "no archive wrapper; the document's own '{match}' opens its body"
    )


def split(text: str) -> Wrapper:
    return Wrapper(body_start=0, body_end=len(text))
