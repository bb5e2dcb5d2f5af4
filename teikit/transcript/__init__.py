"""Transcript text -> Document model; pure (no files, no lxml).

The layouts are listed in an explicit registry; the first whose detection finds evidence wins,
and text in no known layout falls back to `generic` (with a review note) unless `strict`.
"""

from __future__ import annotations

import bisect
import re

from teikit import dates
from teikit.errors import InputError, Location, location_of
from teikit.model import Document, Header, Para, ReviewNote, Turn
from teikit.normalize import normalise
from teikit.transcript import citation, csv_export
from teikit.transcript.base import Detection, Layout, Note, Wrapper
from teikit.transcript.body import parse_body
from teikit.transcript.doctype import body_type
from teikit.transcript.layouts import (
    bare,
    csv_row,
    generic,
    live_new,
    live_old,
    mirror,
    pdf_markdown,
    pdf_old,
    pdf_plain,
)
from teikit.transcript.people import PersonIndex, slug
from teikit.transcript.wrapper import flatten, section_text

LAYOUTS: dict[str, Layout] = {
    csv_row.name: csv_row,
    pdf_markdown.name: pdf_markdown,
    mirror.name: mirror,
    pdf_old.name: pdf_old,
    live_old.name: live_old,
    live_new.name: live_new,
    pdf_plain.name: pdf_plain,
    bare.name: bare,
}
"""Every known layout, in the order detection tries them."""

FALLBACK: Layout = generic
"""The layout used when no other matches: paragraphs, and turns where the text itself shows speaker labels."""

__all__ = ["FALLBACK", "LAYOUTS", "Detection", "detect", "parse_csv_export", "parse_transcript"]


def detect(text: str, path: str = "<string>", *, strict: bool = False) -> tuple[Layout, Detection]:
    """The layout of a transcript and the evidence for it.

    Raises InputError `unknown-layout` when no layout matches and `strict` is set.
    """
    lf = normalise(text, ("line-endings",))
    for layout in LAYOUTS.values():
        found = layout.detect(lf)
        if found is not None:
            return layout, found
    if strict:
        first = next((i for i, line in enumerate(lf.split("\n"), 1) if line.strip()), 1)
        raise InputError(
            f"no known transcript layout (known: {', '.join(LAYOUTS)}); without --strict it is read as paragraphs, with turns where the text shows labels",
            Location(path, first, 1),
            code="unknown-layout",
        )
    found = FALLBACK.detect(lf)
    assert found is not None
    return FALLBACK, found


def parse_transcript(
    text: str, path: str = "<string>", doc_id: str | None = None, *, strict: bool = False
) -> Document:
    """Parse a transcript's text into a Document.

    :param path: the file name, used in messages and to derive the document id.
    :param doc_id: the document's id; by default a slug of the file name without extension.
    :param strict: refuse text in no known layout instead of reading it as paragraphs.
    Raises InputError when the text cannot be read as a transcript.
    """
    layout, _ = detect(text, path, strict=strict)
    norm = normalise(text, layout.rules)
    wrapper = layout.split(norm)
    persons = PersonIndex()
    body = parse_body(norm, wrapper.body_start, wrapper.body_end, persons, anchor=_anchor(norm, wrapper))
    head = next((b for b in body.blocks if isinstance(b, Para) and b.tag == "head"), None)
    header = _header(
        norm,
        wrapper,
        has_turns=any(isinstance(b, Turn) for b in body.blocks),
        heading=" ".join(norm[head.span.start : head.span.end].split()) if head else None,
        form=body_type(norm, body.blocks),
    )
    header = header.model_copy(
        update={
            "setting_date": body.setting_date[0] if body.setting_date else None,
            "setting_date_text": body.setting_date[1] if body.setting_date else None,
            "setting_place": body.setting_place,
            "setting_place_ref": body.setting_place_ref,
        }
    )
    stem = path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return Document(
        id=doc_id or slug(stem),
        path=path,
        layout=layout.name,
        text=norm,
        normalisation=layout.rules,
        header=header,
        persons=persons.persons(),
        mentioned=body.mentioned,
        places=body.places,
        orgs=body.orgs,
        doc_date=wrapper.doc_date,
        doc_title=wrapper.doc_title,
        front=tuple(wrapper.front),
        body=tuple(body.blocks),
        back=tuple(wrapper.back),
        review=_review(norm, path, [*wrapper.notes, *body.notes, *_mojibake(norm)]),
        evidence=tuple(f"line {location_of(norm, at, path).line}: {why}" for at, why in body.evidence),
    )


_MOJIBAKE = re.compile(r"Ã[\x80-\xbf]|â€[\x80-\xbf™œ˜“”‘’†]|Â[\xa0-\xbf]|鈥[檚湶溿渀]")
"""UTF-8 text that was once decoded as CP1252 or GBK ("â€™", "鈥檚"): signs of mojibake."""


def _mojibake(text: str) -> list[Note]:
    return [
        Note(
            m.start(),
            "encoding",
            f"possible mojibake {m.group(0)!r}: text decoded with the wrong encoding once",
        )
        for m in _MOJIBAKE.finditer(text)
    ]


def parse_csv_export(text: str, path: str = "<string>") -> list[Document]:
    """One Document per row of a CSV export (`teikit convert export.csv`)."""
    return [
        parse_transcript(row.text, path, doc_id=slug(row.doc_id)) for row in csv_export.split_rows(text, path)
    ]


def _review(text: str, path: str, notes: list[Note]) -> tuple[ReviewNote, ...]:
    # Line starts found once: counting the lines before each note anew was quadratic in a text with
    # thousands of notes (a line of unbalanced brackets repeated).
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    out = []
    for note in sorted(notes, key=lambda n: n.offset):
        offset = max(0, min(note.offset, len(text)))
        line = bisect.bisect_right(starts, offset)
        column = offset - starts[line - 1] + 1
        out.append(ReviewNote(line=line, column=column, kind=note.kind, message=note.message))
    return tuple(out)


def _anchor(text: str, wrapper: Wrapper) -> str | None:
    """The document's date, against which relative dates in its text are resolved."""
    if wrapper.doc_date is not None:
        return dict(wrapper.doc_date.attrs).get("when")
    values = {s.key: section_text(text, s) for s in flatten(wrapper.front) if s.paras}
    return citation.parse_citation(values.get("citation", "")).date


def _header(
    text: str, wrapper: Wrapper, *, has_turns: bool, heading: str | None = None, form: str | None = None
) -> Header:
    values = {s.key: section_text(text, s) for s in flatten([*wrapper.front, *wrapper.back]) if s.paras}
    cite = citation.parse_citation(values.get("citation", ""))
    title = (
        " ".join(text[wrapper.doc_title.span.start : wrapper.doc_title.span.end].split())
        if wrapper.doc_title
        else cite.title or values.get("title") or heading or "Untitled document"
    )
    date_text = (
        text[wrapper.doc_date.span.start : wrapper.doc_date.span.end]
        if wrapper.doc_date
        else values.get("date")
    )
    found = dates.find_date(date_text) if date_text else None
    date = (
        dict(wrapper.doc_date.attrs).get("when") if wrapper.doc_date else (found.iso if found else cite.date)
    )
    language = values.get("original-language")
    rendition = citation.rendition_language(values.get("contents", ""))
    return Header(
        title=title,
        date=date,
        date_text=date_text,
        doc_type=citation.doc_type(title, values.get("summary"), has_turns=has_turns, form=form),
        record_id=cite.record_id or values.get("record-id"),
        record_url=cite.url,
        publisher=cite.publisher,
        archive_ref=cite.archive_ref or values.get("source") or values.get("original-archive"),
        translators=cite.translators,
        obtainers=cite.obtainers,
        translated_for=cite.translated_for,
        funders=citation.funders(values["credits"]) if "credits" in values else (),
        summary=values.get("summary"),
        original_language=language,
        original_language_code=citation.language_code(language) if language else None,
        language=rendition or "English",
        language_code=citation.language_code(rendition or "English"),
    )
