"""Where the printed page shows through a transcript: page-number blocks, paragraphs cut by a page
break, and the numbered endnotes at the end of a document."""

from __future__ import annotations

import re
from collections.abc import Callable

from teikit.dates import is_date_line
from teikit.model import Block, FieldList, Inline, Para, Span, Turn
from teikit.transcript import inline
from teikit.transcript.blocks import LIST_ITEM, TERMINAL, lines

PAGE_BLOCK = re.compile(
    r"(?:[(\[](?:page|p\.|str\.)\s*(?P<a>\d{1,4})[)\]]|[-–]\s*(?P<b>\d{1,4})\s*[-–]|(?P<c>\d{1,4}))$",
    re.IGNORECASE,
)
"""A block that is only a page number: "(page 3)", "- 3 -", "3"."""
_ENDNOTE_LINE = re.compile(r"(?:\[(?P<a>\d{1,3}|[ivxlc]{1,6}|[a-z])\]|(?P<b>\d{1,3})[.)]?)\s+\S")
_NOTES_HEADING = re.compile(r"(?:(?:foot|end)?notes|comments|references)\s*:?\s*$", re.IGNORECASE)
"""A line over a document's endnotes: "Notes:", "Comments:", "Footnotes"."""
_LEADING_PAGE = re.compile(r"(?P<n>\d{1,3})(?:[ \t]*\n|[ \t]+(?=[A-Z]))")
"""A page number at the head of a block, on a line of its own ("2 ⏎ places in Europe.") or glued to the
first word of the next page ("2 Phongsaly to Sam Neua")."""

Put = Callable[[Para], None]


def split_endnotes(text: str, spans: list[Span]) -> tuple[list[Span], list[tuple[str, Span]]]:
    """Trailing blocks whose lines are numbered notes referenced earlier: the document's endnotes.

    A note is referenced by its bracketed marker ("[1]", "[ii]", "[a]") or, for a number, by the number
    flattened onto a word ("WINIEWICZ 1,"). A line over the notes ("Comments:") stays a block of its own.
    """
    notes: list[tuple[str, Span]] = []
    cut = len(spans)
    while cut > 1:
        found: list[tuple[str, Span]] = []
        block_lines = lines(text, spans[cut - 1])
        heading = (
            _NOTES_HEADING.match(text, block_lines[0].start, block_lines[0].end)
            if len(block_lines) > 1
            else None
        )
        for ln in block_lines[1:] if heading else block_lines:
            m = _ENDNOTE_LINE.match(text, ln.start, ln.end)
            if m is None:
                found = []
                break
            found.append((m["a"] or m["b"], ln))
        if not found:
            break
        notes[:0] = found
        if heading:  # the notes' own heading ends them
            spans = [*spans[: cut - 1], block_lines[0], *spans[cut:]]
            break
        cut -= 1
    body_text = text[spans[0].start : spans[cut - 1].end] if cut else ""
    if not notes or not all(
        f"[{n}]" in body_text or (n.isdigit() and inline.flattened_ref(body_text, n)) for n, _ in notes
    ):
        return spans, []
    return spans[:cut], notes


def leading_page(text: str, span: Span) -> tuple[Span, str, Span] | None:
    """A page number at the head of a block: (its span, the number, the rest of the block)."""
    m = _LEADING_PAGE.match(text, span.start, span.end)
    if m is None or m.end() >= span.end:
        return None
    rest = span.start + len(m[0])
    while text[rest].isspace():
        rest += 1
    return Span(start=span.start, end=m.end("n")), m["n"], Span(start=rest, end=span.end)


def page_marks(page: tuple[Span, str] | None) -> tuple[Inline, ...]:
    """A page-number block (its span and number) as a <pb/> and the <fw> that wraps the number."""
    if page is None:
        return ()
    span, number = page
    return (
        Inline(start=span.start, end=span.start, tag="pb", attrs=(("n", number),)),
        Inline(start=span.start, end=span.end, tag="fw", attrs=(("type", "pageNum"),)),
    )


def tail(blocks: list[Block]) -> tuple[Para, Put] | None:
    """The last paragraph or list item written, and how to replace it in `blocks`."""
    if not blocks:
        return None
    i = len(blocks) - 1
    last = blocks[i]

    def put(block: Block) -> None:
        blocks[i] = block

    if isinstance(last, Turn):
        if not last.paras:
            return None
        inner = last.paras[-1]
        if isinstance(inner, FieldList):
            return _last_item(
                inner, lambda lst: put(last.model_copy(update={"paras": (*last.paras[:-1], lst)}))
            )
        return inner, lambda p: put(last.model_copy(update={"paras": (*last.paras[:-1], p)}))
    if isinstance(last, FieldList) and last.kind != "fields":
        return _last_item(last, put)
    if isinstance(last, Para) and last.tag == "p":
        return last, put
    return None


def _last_item(lst: FieldList, put: Callable[[FieldList], None]) -> tuple[Para, Put]:
    item = lst.fields[-1]
    return item.value, lambda p: put(
        lst.model_copy(update={"fields": (*lst.fields[:-1], item.model_copy(update={"value": p}))})
    )


def is_page_join(text: str, para: Para, span: Span, *, marked: bool = False, in_turn: bool = False) -> bool:
    """Whether `span` continues `para` across a page break: the paragraph stops mid-sentence and the block
    resumes lower case (or with a number), and is neither a list item nor a dated entry. After a page
    number (`marked`) a paragraph that stops on a lower-case word or a comma goes on whatever the case.
    A short paragraph is a heading, not a cut sentence, unless it is part of a speaker's turn."""
    if para.tag not in {"p", "item"}:
        return False
    before = text[para.span.end - 1]
    after = text[span.start]
    resumes = after.islower() or after.isdigit() or (marked and (before.islower() or before == ","))
    if before in TERMINAL or not resumes or LIST_ITEM.match(text, span.start, span.end):
        return False
    # a heading or a dated entry, not a sentence cut by a page break
    return not (
        (para.tag == "p" and not in_turn and para.span.end - para.span.start < 60)
        or is_date_line(text[span.start : span.end])
    )
