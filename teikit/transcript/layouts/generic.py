"""The fallback for text in no known layout: the whole text is the body, read as paragraphs and, where
the text itself shows speaker labels, turns (the shared turn grammar of teikit.transcript.speakers)."""

from __future__ import annotations

from teikit.transcript.base import Detection, Note, Wrapper

name = "generic"
rules = ("line-endings", "trailing-space")


def detect(text: str) -> Detection | None:
    return Detection(
        name, 1, "no other layout matched: read as paragraphs, with turns where the text shows labels"
    )


def split(text: str) -> Wrapper:
    note = Note(
        0,
        "fallback-layout",
        "no known layout matched; the text was read as paragraphs, with turns where the text shows labels",
    )
    return Wrapper(body_start=0, body_end=len(text), notes=[note])
