"""The archive's web page, old layout, copied as text (SOURCE-FORMATS C1): "Search in / Digital Archive"
chrome, date, title, a credits line, a "Citation / get citation" block with the summary and the quoted
citation, "share document", "English HTML", then the body."""

from __future__ import annotations

import re

from teikit.model import Section, Span
from teikit.transcript.base import Detection, Wrapper, detected
from teikit.transcript.blocks import blocks
from teikit.transcript.wrapper import para, title_area

name = "live-old"
rules = ("line-endings", "trailing-space", "live-chrome")

_EVIDENCE = re.compile(
    r"^[ \t]*(?:get citation|English HTML|share document)[ \t]*$", re.MULTILINE | re.IGNORECASE
)
_CITATION_LABEL = re.compile(r"^[ \t]*Citation:?[ \t]*$", re.MULTILINE)
_CITATION = re.compile(r"^[\"“].+Digital Archive", re.DOTALL)
_CREDITS = re.compile(r"This document was made possible", re.IGNORECASE)


def detect(text: str) -> Detection | None:
    if _CITATION_LABEL.search(text) is None:
        return None
    return detected(name, text, _EVIDENCE.search(text), "archive web page (old layout): '{match}'")


def split(text: str) -> Wrapper:
    label = _CITATION_LABEL.search(text)
    if label is None:
        return Wrapper(body_start=0, body_end=len(text))
    out = Wrapper(body_start=len(text), body_end=len(text))
    before = blocks(text, 0, label.start())
    credits = [s for s in before if _CREDITS.match(text, s.start)]
    title_area(text, [s for s in before if s not in credits], out)
    for span in credits:
        out.front.append(Section(key="credits", head=None, paras=(para(text, span),)))
    head: Span | None = Span(
        start=label.start() + len(label.group(0)) - len(label.group(0).lstrip()), end=label.end()
    )
    after = blocks(text, label.end())
    cite = next((i for i, s in enumerate(after) if _CITATION.match(text[s.start : s.end])), None)
    if cite is None:
        out.body_start = after[0].start if after else len(text)
        return out
    if cite:  # in text order: the label, the summary, then the quoted citation
        out.front.append(Section(key="summary", head=head, paras=tuple(para(text, s) for s in after[:cite])))
        head = None
    out.front.append(Section(key="citation", head=head, paras=(para(text, after[cite]),)))
    out.body_start = after[cite + 1].start if cite + 1 < len(after) else len(text)
    return out
