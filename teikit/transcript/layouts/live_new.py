"""The archive's web page, new layout, copied as text (SOURCE-FORMATS C2): "Skip to content", date,
title, credits, the body, then the summary and a "Document Information" block (Source, Original
Archive, Rights, Original Uploaded Date, Type, Language, Record ID…) after the body."""

from __future__ import annotations

import re

from teikit.model import Section, Span
from teikit.transcript.base import Detection, Wrapper, detected
from teikit.transcript.blocks import blocks, lines
from teikit.transcript.wrapper import para, title_area

name = "live-new"
rules = ("line-endings", "trailing-space", "live-chrome")

_INFO = re.compile(r"^[ \t]*Document Information[ \t]*$", re.MULTILINE)
_SKIP = re.compile(r"^[ \t]*Skip to content[ \t]*$", re.MULTILINE | re.IGNORECASE)
_CREDITS = re.compile(r"This document was made possible", re.IGNORECASE)
_SUMMARY_LABEL = re.compile(r"^[ \t]*Summary:?[ \t]*$", re.MULTILINE)
INFO_LABELS = {
    "source": "source",
    "original archive": "original-archive",
    "rights": "rights",
    "original uploaded date": "uploaded",
    "type": "record-type",
    "language": "original-language",
    "record id": "record-id",
    "author(s)": "authors",
    "authors": "authors",
    "associated people & organizations": "people",
    "associated places": "places",
    "associated topics": "topics",
    "subjects discussed": "topics",
    "donors": "credits",
    "original classification": "classification",
    "summary": "summary",
}
"""The labels of the Document Information block -> section key."""


def detect(text: str) -> Detection | None:
    return detected(
        name, text, _INFO.search(text) or _SKIP.search(text), "archive web page (new layout): '{match}'"
    )


def split(text: str) -> Wrapper:
    info = _INFO.search(text)
    end = info.start() if info else len(text)
    spans = blocks(text, 0, end)
    out = Wrapper(body_start=len(text), body_end=end)
    credit = next((i for i, s in enumerate(spans[:4]) if _CREDITS.match(text, s.start)), None)
    top = spans[: credit if credit is not None else min(2, len(spans))]
    title_area(text, top, out)
    if credit is not None:
        out.front.append(Section(key="credits", head=None, paras=(para(text, spans[credit]),)))
    body = spans[len(top) + (credit is not None) :]
    summary_label = _SUMMARY_LABEL.search(text, body[0].start if body else 0, end)
    if summary_label is not None:
        summary = blocks(text, summary_label.end(), end)
        head = Span(start=summary_label.start(), end=summary_label.end())
        out.back.append(Section(key="summary", head=head, paras=tuple(para(text, s) for s in summary)))
        body = [s for s in body if s.end <= summary_label.start()]
    elif info is not None and len(body) > 1:
        out.back.append(Section(key="summary", head=None, paras=(para(text, body[-1]),)))
        body = body[:-1]
    if body:
        out.body_start, out.body_end = body[0].start, body[-1].end
    if info is not None:
        head = Span(start=info.start(), end=info.end())
        out.back.append(
            Section(
                key="document-information",
                head=head,
                paras=(),
                sections=tuple(_info_sections(text, info.end())),
            )
        )
    return out


def _info_sections(text: str, start: int) -> list[Section]:
    sections: list[Section] = []
    head: Span | None = None
    key = ""
    values: list[Span] = []
    for ln in lines(text, Span(start=start, end=len(text))):
        label = text[ln.start : ln.end].rstrip(":").strip().lower()
        if label in INFO_LABELS:
            if head is not None:
                sections.append(Section(key=key, head=head, paras=tuple(para(text, v) for v in values)))
            head, key, values = ln, INFO_LABELS[label], []
        elif head is not None:
            values.append(ln)
    if head is not None:
        sections.append(Section(key=key, head=head, paras=tuple(para(text, v) for v in values)))
    return sections
