"""The archive wrapper of a PDF export: date and title lines, then Citation, Summary, Credits,
Original Language and Contents, kept verbatim for <front> and mapped into header metadata."""

from __future__ import annotations

import re

from teikit import dates
from teikit.model import Inline, Para, Section, Span
from teikit.transcript.base import Wrapper
from teikit.transcript.blocks import blocks, lines

WRAPPER_LABELS = {
    "citation": "citation",
    "summary": "summary",
    "credits": "credits",
    "original language": "original-language",
    "contents": "contents",
}
"""Wrapper label (lower case, without colon) -> Section key."""

_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{2,30}):[ \t]*(?P<rest>.*)$", re.DOTALL)
_ONE_RENDITION = r"(?:(?:English|Original|[A-Z][a-z]+)\s+)?(?:Translation|Transcript(?:ion)?|Scan)(?:\s*[-–—]\s*[A-Z][a-z]+)?"
_RENDITION = re.compile(rf"^{_ONE_RENDITION}(?:[ \t]+{_ONE_RENDITION})*$")
"""A Contents line: one rendition or several side by side ("English Translation Korean Translation")."""
_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;)]")


def parse_wrapper(text: str) -> Wrapper | None:
    """Find the PDF export's wrapper fields, line by line (labels may or may not stand apart by blank
    lines); None when the text has no wrapper label."""
    lns = lines(text, Span(start=0, end=len(text)))
    block_of = _block_index(text, lns)
    first = next((i for i, ln in enumerate(lns) if _label_key(text, ln) is not None), None)
    if first is None:
        return None
    out = Wrapper(body_start=len(text), body_end=len(text))
    title_area(text, lns[:first], out)
    i = first
    while i < len(lns) and (key := _label_key(text, lns[i])) is not None:
        head, rest = _split_label(text, lns[i])
        if rest is not None:
            block_of[rest.start] = block_of[lns[i].start]
        values = [rest] if rest is not None else []
        i += 1
        later = any(_label_key(text, ln) is not None for ln in lns[i:])
        while i < len(lns) and _label_key(text, lns[i]) is None:
            if key == "contents" and not _RENDITION.match(text[lns[i].start : lns[i].end]):
                break
            if (
                key != "contents"
                and not later
                and values
                and block_of[lns[i].start] != block_of[values[-1].start]
            ):
                break  # without a later label, the body would be swallowed: take one block
            values.append(lns[i])
            i += 1
        paras = _paragraphs(values, block_of)
        out.front.append(Section(key=key, head=head, paras=tuple(para(text, v) for v in paras)))
    out.body_start = lns[i].start if i < len(lns) else len(text)
    out.body_end = len(text)
    return out


def _block_index(text: str, lns: list[Span]) -> dict[int, int]:
    """Line start -> the number of the block (run of non-blank lines) it belongs to."""
    spans = blocks(text)
    out, b = {}, 0
    for ln in lns:
        while spans[b].end < ln.start:
            b += 1
        out[ln.start] = b
    return out


def _paragraphs(values: list[Span], block_of: dict[int, int]) -> list[Span]:
    """Value lines joined into one span per block."""
    out: list[Span] = []
    for v in values:
        if out and block_of.get(v.start) == block_of.get(out[-1].start) and v.start in block_of:
            out[-1] = Span(start=out[-1].start, end=v.end)
        else:
            out.append(v)
    return out


def split_pdf_export(text: str) -> Wrapper:
    """The wrapper of a PDF export, or the whole text as body when it has none."""
    found = parse_wrapper(text)
    return found if found is not None else Wrapper(body_start=0, body_end=len(text))


def _label_key(text: str, span: Span) -> str | None:
    m = _LABEL.match(text[span.start : span.end])
    if m is None:
        return None
    return WRAPPER_LABELS.get(m["label"].strip().lower())


def _split_label(text: str, span: Span) -> tuple[Span, Span | None]:
    colon = text.index(":", span.start) + 1
    head = Span(start=span.start, end=colon)
    rest = blocks(text, colon, span.end)
    return head, (Span(start=rest[0].start, end=span.end) if rest else None)


def para(text: str, span: Span) -> Para:
    """A wrapper paragraph, with its URLs as <ref>."""
    inlines = tuple(
        Inline(start=m.start(), end=m.end(), tag="ref", attrs=(("target", m.group(0)),))
        for m in _URL.finditer(text, span.start, span.end)
    )
    return Para(span=span, inlines=inlines)


def title_area(text: str, spans: list[Span], out: Wrapper) -> None:
    """Date and title before the first wrapper label: one line "date title" or a line each."""
    remaining = list(spans)
    if remaining:
        first = remaining[0]
        found = dates.find_date(text[first.start : first.end])
        if found is not None and found.start == 0:
            end = first.start + found.end
            out.doc_date = Para(
                span=Span(start=first.start, end=end),
                tag="docDate",
                attrs=(("when", found.iso),),
            )
            rest = blocks(text, end, first.end)
            remaining = ([Span(start=rest[0].start, end=first.end)] if rest else []) + remaining[1:]
    if remaining:
        out.doc_title = Para(span=Span(start=remaining[0].start, end=remaining[-1].end), tag="titlePart")


def section_text(text: str, section: Section) -> str:
    """The section's value as one string, whitespace collapsed."""
    return " ".join(" ".join(text[p.span.start : p.span.end].split()) for p in section.paras)


def flatten(sections: list[Section]) -> list[Section]:
    """Sections with their grouped fields, in order."""
    return [x for s in sections for x in (s, *flatten(list(s.sections)))]
