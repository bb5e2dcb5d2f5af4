"""The document body: opener lines, the field block, speaker turns, paragraphs, lists, page joins."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from teikit import dates
from teikit.transcript.base import Note
from teikit.transcript.blocks import blocks, lines
from teikit.transcript.people import PersonIndex, mention_inlines, parse_mention, split_items
from teikit.transcript.speakers import Speakers
from teikit.model import Block, Field, FieldList, Inline, Opener, Para, Role, Span, Turn

_FIELD_KEYS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rx, re.IGNORECASE), key)
    for rx, key in (
        (r"^(?:date and )?time$|^date$", "time"),
        (r"^(?:place|location|venue)$", "place"),
        (r"interpret|translator", "interpreter"),
        (r"record|documentation|minutes|note.?taker", "recorder"),
        (r"accompan|attendee|participant|guests|side$|delegation|present|attending|chairing", "participants"),
        (r"^subject$", "subject"),
    )
)
"""Field label (an open vocabulary) -> meaning; first match wins."""

_ROLES: dict[str, Role] = {"interpreter": "interpreter", "recorder": "recorder", "participants": "participant"}
_FIELD_LINE = re.compile(r"(?P<label>[A-Z\[][^:\n]{0,60}?):[ \t]+(?=\S)")
_CLASSIFICATION = re.compile(
    r"^(?:(?:top |highly )?secret|confidential|classified|restricted|urgent|eyes only|strictly)\b", re.IGNORECASE
)
_STATUS = re.compile(r"^[(\[][^()\[\]]*\b(?:proofread|review|approv|examin|check)\w*[^()\[\]]*[)\]]$", re.IGNORECASE)
_FILE_NUMBER = re.compile(r"^(?:(?:No|Nº|N°)\.?\s*)?\d[\w-]*(?:/[\w-]+)+$|^(?:No|Nº|N°)\.?\s*\d[\w/.-]*$")
_BULLET = re.compile(r"^[-•*–]\s")
_STAGE_INLINE = re.compile(r"\((?=[A-Z])[^()\n]{10,}?[.!?]\)")
_TERMINAL = ".?!:;…\"”’)]"


@dataclass
class Body:
    """The body as parsed, and what it taught about the participants and the setting."""

    blocks: list[Block] = field(default_factory=list)
    setting_date: tuple[str, str] | None = None
    """(ISO value, text as written)."""
    setting_place: str | None = None
    notes: list[Note] = field(default_factory=list)


def parse_body(text: str, start: int, end: int, persons: PersonIndex) -> Body:
    """Parse text[start:end] into blocks; participants found in the field block are added to `persons`."""
    spans = blocks(text, start, end)
    out = Body()
    speakers: Speakers | None = None
    for span in spans:
        if not out.blocks or isinstance(out.blocks[-1], Opener):
            opener = _opener(text, span)
            if opener is not None:
                _merge_opener(out, opener)
                continue
        fields = _fields(text, span, persons, out)
        if fields is not None:
            _append_list(out, fields)
            continue
        if speakers is None:
            speakers = Speakers(persons, text, persons.side_of(r"accompan|our side|host"))
        label = speakers.match(span.start, span.end)
        if label is not None:
            speech = Span(start=label.end, end=span.end)
            out.blocks.append(Turn(who=label.who, speaker=Span(start=span.start, end=label.end - 1 if text[label.end - 1].isspace() else label.end), paras=(_para(text, speech, in_turn=True),)))
            continue
        if _join_page(text, out, span):
            continue
        if all(_BULLET.match(text[ln.start : ln.end]) for ln in lines(text, span)):
            _append_list(out, _bullets(text, span))
            continue
        _add_prose(text, out, span)
    return out


def _opener(text: str, span: Span) -> Opener | None:
    paras = []
    for ln in lines(text, span):
        value = text[ln.start : ln.end]
        if _CLASSIFICATION.match(value) and len(value.split()) <= 8:
            kind = "classification"
        elif _STATUS.match(value):
            kind = "review-status"
        elif _FILE_NUMBER.match(value):
            paras.append(Para(span=ln, tag="idno", attrs=(("type", "file"),)))
            continue
        else:
            return None
        paras.append(Para(span=ln, tag="seg", attrs=(("type", kind),)))
    return Opener(lines=tuple(paras))


def _merge_opener(out: Body, opener: Opener) -> None:
    if out.blocks and isinstance(out.blocks[-1], Opener):
        out.blocks[-1] = Opener(lines=out.blocks[-1].lines + opener.lines)
    else:
        out.blocks.append(opener)


def _field_key(label: str) -> str | None:
    words = label.strip("[] ")
    if len(label.split()) > 5:
        return None
    return next((key for rx, key in _FIELD_KEYS if rx.search(words)), None)


def _fields(text: str, span: Span, persons: PersonIndex, out: Body) -> FieldList | None:
    first = lines(text, span)[0]
    m = _FIELD_LINE.match(text, first.start, first.end)
    if m is None or (key := _field_key(m["label"])) is None:
        return None
    label = Span(start=span.start, end=m.end("label") + 1)
    value = Span(start=m.end(), end=span.end)
    return FieldList(kind="fields", fields=(Field(label=label, key=key, value=_field_value(text, key, label, value, persons, out)),))


def _field_value(text: str, key: str, label: Span, value: Span, persons: PersonIndex, out: Body) -> Para:
    raw = text[value.start : value.end]
    inlines: list[Inline] = []
    if key == "time" and (found := dates.find_datetime(raw)):
        inlines.append(Inline(start=value.start + found.start, end=value.start + found.end, tag="date",
                              attrs=(("when", found.iso),)))
        out.setting_date = out.setting_date or (found.iso, raw[found.start : found.end])
    elif key == "place":
        inlines.append(Inline(start=value.start, end=value.end, tag="placeName"))
        out.setting_place = out.setting_place or " ".join(raw.split())
    elif key in _ROLES:
        side = " ".join(text[label.start : label.end - 1].split()) if key == "participants" else None
        for a, b in split_items(text, value.start, value.end):
            mention = parse_mention(text, a, b)
            if mention is None:
                continue
            alt = " ".join(text[mention.alt_span[0] : mention.alt_span[1]].split()) if mention.alt_span else None
            ident = persons.add(mention.name, role=_ROLES[key], side=side, titles=mention.titles,
                                variants=(alt,) if alt else ())
            inlines.extend(mention_inlines(text, mention, ident))
    return Para(span=value, tag="item", inlines=tuple(inlines))


def _bullets(text: str, span: Span) -> FieldList:
    items = []
    for ln in lines(text, span):
        marker = Span(start=ln.start, end=ln.start + 1)
        body = blocks(text, marker.end, ln.end)
        value = Span(start=body[0].start, end=ln.end) if body else Span(start=ln.end, end=ln.end)
        items.append(Field(label=marker, key="bullet", value=Para(span=value, tag="item")))
    return FieldList(kind="bulleted", fields=tuple(items))


def _append_list(out: Body, new: FieldList) -> None:
    last = out.blocks[-1] if out.blocks else None
    if isinstance(last, FieldList) and last.kind == new.kind:
        out.blocks[-1] = FieldList(kind=new.kind, fields=last.fields + new.fields)
    else:
        out.blocks.append(new)


def _para(text: str, span: Span, *, in_turn: bool) -> Para:
    raw = text[span.start : span.end]
    if raw.startswith("(") and raw.endswith(")") and _balanced(raw[1:-1]):
        return Para(span=span, tag="stage")
    inlines = ()
    if in_turn:
        inlines = tuple(
            Inline(start=m.start(), end=m.end(), tag="stage") for m in _STAGE_INLINE.finditer(text, span.start, span.end)
        )
    return Para(span=span, inlines=inlines)


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0


def _last_para(out: Body) -> tuple[int, Para] | None:
    """The paragraph a page join would extend: the last p of the last block."""
    if not out.blocks:
        return None
    last = out.blocks[-1]
    if isinstance(last, Turn) and last.paras[-1].tag == "p":
        return len(last.paras) - 1, last.paras[-1]
    if isinstance(last, Para) and last.tag == "p":
        return -1, last
    return None


def _join_page(text: str, out: Body, span: Span) -> bool:
    """A paragraph that stops mid-sentence and resumes lower case (or with a number) after a blank line
    is one paragraph split by a page break: extend it, with a <pb/> where the break was."""
    found = _last_para(out)
    if found is None:
        return False
    index, para = found
    before = text[para.span.end - 1]
    after = text[span.start]
    if before in _TERMINAL or not (after.islower() or after.isdigit()):
        return False
    joined = Span(start=para.span.start, end=span.end)
    extra = _para(text, Span(start=span.start, end=span.end), in_turn=isinstance(out.blocks[-1], Turn)).inlines
    inlines = (*para.inlines, Inline(start=span.start, end=span.start, tag="pb"), *extra)
    merged = Para(span=joined, tag="p", inlines=inlines)
    last = out.blocks[-1]
    if isinstance(last, Turn):
        out.blocks[-1] = Turn(who=last.who, speaker=last.speaker, paras=(*last.paras[:index], merged))
    else:
        out.blocks[-1] = merged
    return True


def _add_prose(text: str, out: Body, span: Span) -> None:
    last = out.blocks[-1] if out.blocks else None
    if isinstance(last, Turn):
        out.blocks[-1] = Turn(who=last.who, speaker=last.speaker, paras=(*last.paras, _para(text, span, in_turn=True)))
        return
    para = _para(text, span, in_turn=False)
    if para.tag == "p" and _is_heading(text, span) and not any(isinstance(b, (Turn, Para, FieldList)) for b in out.blocks):
        para = Para(span=span, tag="head")
    out.blocks.append(para)


def _is_heading(text: str, span: Span) -> bool:
    raw = text[span.start : span.end]
    return "\n" not in raw and len(raw.split()) <= 15 and raw[-1] not in _TERMINAL
