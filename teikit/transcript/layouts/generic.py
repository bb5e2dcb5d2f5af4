"""The fallback for text in no known layout: the whole text is the body, read as paragraphs."""

from __future__ import annotations

from teikit.transcript.base import Detection, Note, Wrapper

name = "generic"
rules = ("line-endings", "trailing-space")


def detect(text: str) -> Detection | None:
    return Detection(name, 1, "no other layout matched: read as plain paragraphs")


def split(text: str) -> Wrapper:
    note = Note(0, "fallback-layout", "no known layout matched; the text was read as plain paragraphs")
    return Wrapper(body_start=0, body_end=len(text), notes=[note])
