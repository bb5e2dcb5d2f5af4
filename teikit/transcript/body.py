"""The document body: reads its blocks in order as opener lines, fields, speaker turns, lists and prose,
calling on the modules that know each part (opener, fields, participants, pages, marking)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from teikit import dates
from teikit.model import Block, EntityRef, Field, FieldList, Inline, Opener, Para, Person, Span, Turn
from teikit.transcript import inline, overlaps, pages
from teikit.transcript.base import Note
from teikit.transcript.blocks import LIST_ITEM, TERMINAL, blocks, lines, trim
from teikit.transcript.fields import FIELD_LINE, ROLES, SIDE_LABEL, field_key, field_roles
from teikit.transcript.marking import Marker
from teikit.transcript.opener import is_place_date, read_opener, split_runs
from teikit.transcript.participants import (
    is_side_heading,
    item_end,
    names_a_country,
    names_a_side,
    one_per_line,
    present_items,
    present_lists,
    read_people,
)
from teikit.transcript.people import PersonIndex, parse_mention, split_items
from teikit.transcript.speakers import Speakers, bare_time, label_key

_STAGE_INLINE = re.compile(
    r"\((?=[A-Z])[^()\n]{10,}?[.!?]\)|\((?!(?:including|excluding|during|according|concerning|"
    r"regarding|following|beginning|being|meaning|considering|notwithstanding|pending)\b)"
    r"(?-i:[a-z]+ing)\b[^()\n]{0,60}\)"
)
"""A stage direction inside a turn: a sentence in parentheses ("(Premier Zhou asked … .)"), or an action
given by a participle ("(pointing to the actress)"), not a preposition in -ing ("(including …)")."""


@dataclass
class Body:
    """The body as parsed, and what it taught about the participants and the setting."""

    blocks: list[Block] = field(default_factory=list)
    setting_date: tuple[str, str] | None = None
    """(ISO value, text as written)."""
    setting_place: str | None = None
    setting_place_ref: str | None = None
    notes: list[Note] = field(default_factory=list)
    mentioned: tuple[Person, ...] = ()
    places: tuple[EntityRef, ...] = ()
    orgs: tuple[EntityRef, ...] = ()
    evidence: list[tuple[int, str]] = field(default_factory=list)
    """(offset, why) for each speaker label shape the body's turns were read by."""


def parse_body(text: str, start: int, end: int, persons: PersonIndex, *, anchor: str | None = None) -> Body:
    """Parse text[start:end] into blocks; participants found in the field block are added to `persons`.

    :param anchor: the document's date (ISO), against which relative dates ("next year") are resolved.
    """
    spans = blocks(text, start, end)
    spans, endnotes = pages.split_endnotes(text, spans)
    parser = _Parser(text, persons, frozenset(n for n, _ in endnotes), spans, anchor)
    parser.flat_refs = _flattened_refs(text, spans, [n for n, _ in endnotes])
    for span in spans:
        parser.feed(span)
    parser.finish()
    parser.footnotes = frozenset()  # an endnote's own number is not a reference to it
    parser.flat_refs = []
    for number, span in endnotes:
        parser.out.blocks.append(
            parser.para(span, tag="note", attrs=(("xml:id", f"fn-{number}"), ("place", "end"), ("n", number)))
        )
    parser.add_mentions()
    parser.out.evidence = list(parser.speakers.evidence) if parser.speakers is not None else []
    parser.out.mentioned = parser.marker.others.persons()
    parser.out.places = tuple(parser.marker.places.values())
    parser.out.orgs = tuple(parser.marker.orgs.values())
    return parser.out


def _flattened_refs(text: str, spans: list[Span], numbers: list[str]) -> list[Inline]:
    """For each numbered endnote the text never marks as "[N]", the first place its number is flattened
    onto a word ("WINIEWICZ 1,"): a reference to it."""
    if not spans:
        return []
    start, end = spans[0].start, spans[-1].end
    refs = []
    for n in numbers:
        if (
            n.isdigit()
            and f"[{n}]" not in text[start:end]
            and (m := inline.flattened_ref(text, n, start, end))
        ):
            refs.append(
                Inline(
                    start=m.start("n"),
                    end=m.end("n"),
                    tag="ref",
                    attrs=(("type", "footnote"), ("target", f"#fn-{n}")),
                )
            )
    return refs


class _Parser:
    def __init__(
        self,
        text: str,
        persons: PersonIndex,
        footnotes: frozenset[str],
        spans: list[Span],
        anchor: str | None,
    ) -> None:
        self.text = text
        self.anchor = anchor
        self.persons = persons
        self.footnotes = footnotes
        self.flat_refs: list[Inline] = []
        self.out = Body()
        self.labels = Counter(
            k for s in spans for ln in lines(text, s) if (k := label_key(text, ln.start, ln.end))
        )
        """How often each label opens a paragraph or a line: a shape that recurs is evidence of turns."""
        self.speakers: Speakers | None = None
        self.pending_field: tuple[FieldList, Field] | None = None
        self.pending_page: tuple[Span, str] | None = None
        self.last_page: int | None = None
        self.recent_date: str | None = None
        """The last date named in the body: what "the next day" counts from, and the year of a later "3 March"."""
        self.entry_date: str | None = None
        """The date of the entry being read (a diary's "9 May." heading): what "today" and "yesterday" mean."""
        self.marker = Marker(text, persons)

    # --- inline markup ---------------------------------------------------------------------

    def para(
        self,
        span: Span,
        *,
        tag: str = "p",
        attrs: tuple[tuple[str, str], ...] = (),
        extra: tuple[Inline, ...] = (),
        entities: bool = True,
    ) -> Para:
        found = inline.annotate(self.text, span.start, span.end, footnotes=self.footnotes)
        refs = [r for r in self.flat_refs if span.start <= r.start and r.end <= span.end]
        proposed = [*extra, *refs, *found.inlines]
        if entities:
            proposed += self._dates_and_measures(
                span, covered={(i.start, i.end) for i in extra if i.tag == "date"}
            )
        kept, dropped = overlaps.resolve(proposed)
        self.out.notes.extend([*found.notes, *dropped])
        return Para(span=span, tag=tag, attrs=attrs, inlines=tuple(kept))

    def _dates_and_measures(self, span: Span, covered: set[tuple[int, int]]) -> list[Inline]:
        found, ambiguous, refs = inline.dates_and_measures(
            self.text,
            span.start,
            span.end,
            anchor=self.entry_date or self.anchor,
            recent=self.recent_date,
            covered=covered,
        )
        self.recent_date = dates.last_value(refs) or self.recent_date
        self.entry_date = dates.heading_date(self.text, span.start, span.end, refs) or self.entry_date
        self.out.notes.extend(self._date_note(ref) for ref in ambiguous)
        return found

    def _date_note(self, ref: dates.DateRef) -> Note:
        return Note(
            ref.start,
            "ambiguous-date",
            f"date {self.text[ref.start : ref.end]!r} {ref.doubt}: no @when given",
        )

    # --- dispatch --------------------------------------------------------------------------

    def feed(self, span: Span) -> None:
        if self.pending_field is not None:
            self._complete_field(span)
            return
        if self._continue_field(span):
            return
        if (page := pages.PAGE_BLOCK.match(self.text, span.start, span.end)) is not None and self.out.blocks:
            self._set_page(span, page["a"] or page["b"] or page["c"])
            return
        if self._leading_page(span):
            return
        if self._join_page(span):
            return
        self._flush_page()
        groups = self._groups(span)
        if len(groups) > 1:
            for group in groups:
                self.feed(group)
            return
        blocks_ = [b for b in self.out.blocks if not _is_page_block(b)]
        if _may_open(self.text, blocks_) and (opener := self._opener(span)) is not None:
            self._merge_opener(opener)
        elif (
            self.speakers is not None
            and self.speakers.is_declared(span.start, span.end)
            and (self._split_turns(span) or self._turn(span))
        ):
            pass  # a declared speaker's short label wins over a field label ("Record:") and over "cc:"
        elif (copies := self._distribution(span)) is not None:
            self.out.blocks.append(copies)
        elif (fields := self._fields(span) or self._side_block(span)) is not None:
            self._append_fields(fields)
        elif self._split_turns(span) or self._turn(span):
            pass
        elif all(LIST_ITEM.match(self.text, ln.start, ln.end) for ln in lines(self.text, span)):
            self._append_list(self._list(span))
        else:
            self._prose(span)

    def _groups(self, span: Span) -> list[Span]:
        """Before any prose, a block mixing opener lines and field lines is read as runs of one kind each,
        and a place-and-date line under a stamp ("[stamp:] SECRET ⏎ Hanoi, 17 October 1956") or a letterhead
        ("Embassy of … ⏎ Peking, 9 th December, 1954") stands apart."""
        if any(
            isinstance(b, Turn)
            or isinstance(b, Para)
            and b.tag != "head"
            and not _is_page_block(b)
            and not _is_stamp(b, self.text)
            for b in self.out.blocks
        ):
            return [span]
        lns = lines(self.text, span)
        if (
            len(lns) > 1
            and _STAMP_LINE.match(self.text, lns[0].start, lns[0].end)
            and is_place_date(self.text, lns[1])
        ):
            return [lns[0], Span(start=lns[1].start, end=span.end)]
        opening = all(
            isinstance(b, Opener) or isinstance(b, Para) and b.tag == "head" for b in self.out.blocks
        )
        if (
            opening
            and 1 < len(lns) <= 4
            and is_place_date(self.text, lns[-1])
            and all(_is_heading(self.text[ln.start : ln.end]) for ln in lns[:-1])
        ):  # a letterhead over the dateline
            return [Span(start=lns[0].start, end=lns[-2].end), lns[-1]]
        return split_runs(self.text, span)

    def _distribution(self, span: Span) -> Para | None:
        """A distribution list after the body has begun ("Copies: 1 - Cde. Gromyko, 2 - to file"): a paragraph
        holding one distribution segment with its label, not a field of the opening block."""
        m = _DISTRIBUTION.match(self.text, span.start, span.end)
        if m is None or not any(
            isinstance(b, Turn) or isinstance(b, Para) and b.tag != "head" for b in self.out.blocks
        ):
            return None
        extra = (
            Inline(start=span.start, end=span.end, tag="seg", attrs=(("type", "distribution"),)),
            Inline(start=span.start, end=m.end("label") + 1, tag="label"),
        )
        return self.para(span, extra=extra)

    def _append_fields(self, fields: FieldList) -> None:
        last = self.out.blocks[-1] if self.out.blocks else None
        if isinstance(last, FieldList) and last.kind == "fields":
            self.out.blocks[-1] = FieldList(kind="fields", fields=last.fields + fields.fields)
        else:
            self.out.blocks.append(fields)

    def finish(self) -> None:
        self._flush_page()
        for i, block in enumerate(self.out.blocks):
            if isinstance(block, Turn) and not block.paras:
                self.out.notes.append(Note(block.speaker.start, "empty-turn", "speaker label with no speech"))
                self.out.blocks[i] = Turn(
                    who=block.who,
                    speaker=block.speaker,
                    paras=(Para(span=Span(start=block.speaker.end, end=block.speaker.end)),),
                )

    def add_mentions(self) -> None:
        """Once every participant is known, mark the people named in the running text."""
        for i, block in enumerate(self.out.blocks):
            if isinstance(block, Turn):
                self.out.blocks[i] = block.model_copy(
                    update={"paras": tuple(self._mentioned_block(p) for p in block.paras)}
                )
            elif isinstance(block, (Para, FieldList)):
                self.out.blocks[i] = self._mentioned_block(block)
            elif isinstance(block, Opener):  # routing and stamp lines name people, places and offices too
                self.out.blocks[i] = Opener(
                    lines=tuple(ln if ln.tag == "idno" else self._mentioned(ln) for ln in block.lines)
                )

    def _mentioned_block(self, block: Para | FieldList) -> Para | FieldList:
        if isinstance(block, Para):
            return self._mentioned(block)
        if block.kind == "fields":
            return block
        fields = tuple(f.model_copy(update={"value": self._mentioned(f.value)}) for f in block.fields)
        return block.model_copy(update={"fields": fields})

    def _mentioned(self, para: Para) -> Para:
        marked, dropped = self.marker.mark(para)
        self.out.notes.extend(dropped)
        return marked

    # --- opener ----------------------------------------------------------------------------

    def _opener(self, span: Span) -> Opener | None:
        return read_opener(self.text, span, self.para)

    def _date_of_writing(self, para: Para) -> None:
        """A place-and-date line dates the document: with no other date, its date anchors relative dates."""
        if (
            para.tag == "dateline"
            or "\n" not in self.text[para.span.start : para.span.end]
            and is_place_date(self.text, para.span)
        ):
            when = next(
                (
                    dict(i.attrs)["when"]
                    for i in para.inlines
                    if i.tag == "date"
                    and len(dict(i.attrs).get("when", "")) == 10
                    and "cert" not in dict(i.attrs)
                ),
                None,
            )
            self.anchor = self.anchor or when

    def _merge_opener(self, opener: Opener) -> None:
        for line in opener.lines:
            self._date_of_writing(line)
        last = self.out.blocks[-1] if self.out.blocks else None
        if last is not None and _is_page_block(last):  # no block may stand before an opener: the page
            assert isinstance(last, Para)  # number opens its first line
            first = opener.lines[0]
            first = first.model_copy(
                update={
                    "span": Span(start=last.span.start, end=first.span.end),
                    "inlines": (*last.inlines, *first.inlines),
                }
            )
            opener = Opener(lines=(first, *opener.lines[1:]))
            self.out.blocks.pop()
            last = self.out.blocks[-1] if self.out.blocks else None
        for i, block in enumerate(self.out.blocks):  # a letterhead above the opener is a heading
            if isinstance(block, Para) and not isinstance(last, Opener) and _is_title(self.text, block):
                self.out.blocks[i] = block.model_copy(update={"tag": "head"})
        stamps: list[Para] = []
        while isinstance(last, Para) and _is_stamp(
            last, self.text
        ):  # a stamp above the opener's lines is its first line
            stamps.insert(0, _stamp_line(last))
            self.out.blocks.pop()
            last = self.out.blocks[-1] if self.out.blocks else None
        opener = Opener(lines=(*stamps, *opener.lines))
        if isinstance(last, Opener):
            self.out.blocks[-1] = Opener(lines=last.lines + opener.lines)
        else:
            self.out.blocks.append(opener)

    # --- field block -----------------------------------------------------------------------

    def _fields(self, span: Span) -> FieldList | None:
        lns = lines(self.text, span)
        starts: list[tuple[int, int, str]] = []
        """(line, where its value starts, meaning); a dated line has no label."""
        for i, ln in enumerate(lns):
            m = FIELD_LINE.match(self.text, ln.start, ln.end)
            key = field_key(m["label"]) if m else None
            if m is not None and key is not None:
                starts.append((i, m.end(), key))
            elif i == 0:
                return None
            elif (
                starts[-1][0] == i - 1
                and starts[-1][1] < lns[i - 1].end
                and dates.is_date_line(self.text[ln.start : ln.end])
            ):
                starts.append((i, ln.start, "time"))  # "From: … ⏎ No: 412 ⏎ 7 June 1949": the routing date
        items = []
        for n, (i, value_start, key) in enumerate(starts):
            last_line = lns[starts[n + 1][0] - 1] if n + 1 < len(starts) else lns[-1]
            label = Span(
                start=lns[i].start,
                end=lns[i].start
                if value_start == lns[i].start
                else self.text.rindex(":", lns[i].start, value_start) + 1,
            )
            value = trim(self.text, value_start, last_line.end)
            items.append(Field(label=label, key=key, value=self._field_value(key, label, value)))
        fields = FieldList(kind="fields", fields=tuple(items))
        last_value = items[-1].value.span
        if last_value.start >= last_value.end:
            self.pending_field = (fields, items[-1])
        return fields

    def _side_block(self, span: Span) -> FieldList | None:
        """In the field block, a bare side heading over its people's names ("[North] Korea" ⏎ "Pak Il-su,
        Ri Chol"): a participants field whose label is the side; before any turn, also a heading that says
        it is a side ("Soviet delegation" ⏎ "A. A. Petrov — Deputy Minister" ⏎ …)."""
        last = self.out.blocks[-1] if self.out.blocks else None
        lns = lines(self.text, span)
        in_fields = isinstance(last, FieldList) and last.kind == "fields"
        if (
            not (in_fields or names_a_side(self.text[lns[0].start : lns[0].end]))
            or any(isinstance(b, Turn) for b in self.out.blocks)
            or len(lns) < 2
            or not is_side_heading(self.text, lns[0].start, lns[0].end)
        ):
            return None
        value = trim(self.text, lns[1].start, span.end)
        items = split_items(self.text, value.start, value.end)
        if not one_per_line(self.text, value.start, value.end) and (
            not items or any(parse_mention(self.text, a, item_end(self.text, a, b)) is None for a, b in items)
        ):
            return None
        label = lns[0]
        return FieldList(
            kind="fields",
            fields=(
                Field(label=label, key="participants", value=self._field_value("participants", label, value)),
            ),
        )

    def _continue_field(self, span: Span) -> bool:
        """A block indented to the column of a list field's value goes on with that value after a blank
        line ("PARTICIPANTS:  Ghana ⏎ …names… ⏎⏎ <same column> United States ⏎ …names…")."""
        last = self.out.blocks[-1] if self.out.blocks else None
        if not isinstance(last, FieldList) or last.kind != "fields" or last.fields[-1].key not in ROLES:
            return False
        field = last.fields[-1]
        value = field.value.span
        column = value.start - (self.text.rfind("\n", 0, value.start) + 1)
        lns = lines(self.text, span)
        aligned = 0
        for ln in lns:  # the first line at the value's column, the next ones indented too
            indent = ln.start - (self.text.rfind("\n", 0, ln.start) + 1)
            far = abs(indent - column) > 2 if not aligned else indent < 4
            if column < 4 or far or self.text[ln.start - indent : ln.start].strip():
                break
            aligned += 1
        if not aligned:
            return False
        extended = Span(start=value.start, end=lns[aligned - 1].end)
        self.out.blocks[-1] = FieldList(
            kind="fields",
            fields=(
                *last.fields[:-1],
                Field(
                    label=field.label,
                    key=field.key,
                    value=self._field_value(field.key, field.label, extended),
                ),
            ),
        )
        if aligned < len(lns):  # lines back at the margin: a block of their own ("Interpreter: …")
            self.feed(Span(start=lns[aligned].start, end=span.end))
        return True

    def _complete_field(self, span: Span) -> None:
        """A label alone at the end of a block ("Date and Time:") takes the next block as its value."""
        assert self.pending_field is not None
        fields, pending = self.pending_field
        self.pending_field = None
        completed = Field(
            label=pending.label, key=pending.key, value=self._field_value(pending.key, pending.label, span)
        )
        last = self.out.blocks[-1]
        assert isinstance(last, FieldList)
        self.out.blocks[-1] = FieldList(kind=last.kind, fields=(*last.fields[:-1], completed))

    def _field_value(self, key: str, label: Span, value: Span) -> Para:
        raw = self.text[value.start : value.end]
        extra: list[Inline] = []
        if key == "time" and (found := dates.find_datetime(raw)):
            extra.append(
                Inline(
                    start=value.start + found.start,
                    end=value.start + found.end,
                    tag="date",
                    attrs=(("when", found.iso),),
                )
            )
            self.out.setting_date = self.out.setting_date or (found.iso, raw[found.start : found.end])
            self.anchor = self.anchor or found.iso[:10]  # a bare body's own date anchors its relative dates
        elif key in {"place", "destination"} and raw:
            extra.extend(self.marker.field_places(value))
            if key == "place":
                if self.out.setting_place is None:
                    self.out.setting_place = " ".join(raw.split())
                    whole = next(
                        (
                            i
                            for i in extra
                            if i.tag == "placeName" and (i.start, i.end) == (value.start, value.end)
                        ),
                        None,
                    )
                    self.out.setting_place_ref = dict(whole.attrs).get("ref") if whole is not None else None
        elif key in ROLES and raw:
            label_text = " ".join(self.text[label.start : label.end].rstrip(":").split())
            heading = not self.text[label.start : label.end].endswith(":")  # a bare side heading
            side = (
                label_text
                if key == "participants"
                and (heading or SIDE_LABEL.search(label_text) or names_a_country(label_text))
                else None
            )
            people, notes = read_people(
                self.text, value, field_roles(label_text, key), side, self.persons, self.marker.field_places
            )
            self.out.notes.extend(notes)
            extra.extend(people)
        para = self.para(value, tag="item", extra=tuple(extra))
        names = {(i.start, i.end) for i in extra if i.tag == "persName"}
        kept = tuple(i for i in para.inlines if not (i.tag == "supplied" and (i.start, i.end) in names))
        return para.model_copy(update={"inlines": kept})

    # --- turns -----------------------------------------------------------------------------

    def _split_turns(self, span: Span) -> bool:
        """Feed each turn of a block that holds several, one per line (see `_turn_lines`)."""
        parts = self._turn_lines(span)
        for part in parts or ():
            self.feed(part)
        return parts is not None

    def _turn_lines(self, span: Span) -> list[Span] | None:
        """A block whose lines open turns of their own ("21:04 VOLKOV: … ⏎ 21:04 HORVATH: …"), cut before
        each such line; a line that opens none goes on the turn above it."""
        lns = lines(self.text, span)
        if len(lns) < 2:
            return None
        speakers = self._speakers()
        cuts = [i for i, ln in enumerate(lns) if i > 0 and speakers.opens(ln.start, ln.end)]
        # a time alone on the line above a label belongs to its turn ("[00:05:12]" ⏎ "Q: …")
        cuts = [
            i - 1 if i > 1 and bare_time(self.text, lns[i - 1].start, lns[i - 1].end) else i for i in cuts
        ]
        first = speakers.opens(lns[0].start, lns[0].end) or (
            bare_time(self.text, lns[0].start, lns[0].end) and cuts[:1] == [1]
        )
        if cuts[:1] == [1] and bare_time(self.text, lns[0].start, lns[0].end):
            cuts = cuts[1:]
        if not cuts or not first and len(cuts) < 2:
            return None
        bounds = [0, *cuts, len(lns)]
        return [
            trim(self.text, lns[a].start, lns[b - 1].end)
            for a, b in zip(bounds, bounds[1:], strict=False)
            if a < b
        ]

    def _speakers(self) -> Speakers:
        if self.speakers is None:
            host = self.persons.side_of(r"accompan|our side|host|chinese side")
            self.speakers = Speakers(self.persons, self.text, host, self.labels)
        return self.speakers

    def _turn(self, span: Span) -> bool:
        if self.speakers is None:
            host = self.persons.side_of(r"accompan|our side|host|chinese side")
            self.speakers = Speakers(self.persons, self.text, host, self.labels)
        label = self.speakers.match(span.start, span.end)
        if label is None:
            return False
        speaker_end = label.end - 1 if self.text[label.end - 1].isspace() else label.end
        speaker = trim(self.text, span.start, speaker_end)
        if label.created:
            name = self.persons.get(label.who).name
            self.out.notes.append(
                Note(span.start, "new-speaker", f"speaker {name!r} is not in the participant lists")
            )
        paras: tuple[Para | FieldList, ...] = ()
        self.recent_date = (
            None  # "the following year" in a turn counts from its own words, not another speaker's
        )
        if label.speech_start < span.end:
            paras = (self._turn_para(Span(start=label.speech_start, end=span.end)),)
        speaker_para = self.para(speaker, tag="speaker", entities=False)
        self.out.blocks.append(
            Turn(who=label.who, speaker=speaker_para.span, paras=paras, speaker_inlines=speaker_para.inlines)
        )
        return True

    def _turn_para(self, span: Span) -> Para:
        raw = self.text[span.start : span.end]
        if _is_stage_block(raw):
            return self.para(span, tag="stage")
        stages = tuple(
            Inline(start=m.start(), end=m.end(), tag="stage")
            for m in _STAGE_INLINE.finditer(self.text, span.start, span.end)
        )
        return self.para(span, extra=stages)

    # --- prose, lists, pages ---------------------------------------------------------------

    def _present(self, span: Span) -> list[Inline]:
        """The people a sentence says were present ("Present on the Polish side were …"), as participants."""
        out: list[Inline] = []
        for a, b, side in present_lists(self.text, span.start, span.end):
            for x, y, group in present_items(self.text, a, b, side):
                people, notes = read_people(
                    self.text,
                    Span(start=x, end=y),
                    ("participant",),
                    group,
                    self.persons,
                    self.marker.field_places,
                )
                out.extend(people)
                self.out.notes.extend(notes)
        return out

    def _list(self, span: Span) -> FieldList:
        items = []
        for ln in lines(self.text, span):
            m = LIST_ITEM.match(self.text, ln.start, ln.end)
            assert m is not None
            marker = Span(start=ln.start, end=m.end())
            value = trim(self.text, marker.end, ln.end)
            items.append(Field(label=marker, key="item", value=self.para(value, tag="item")))
        bullet = self.text[items[0].label.start] in "-•*–▪◦"
        return FieldList(kind="bulleted" if bullet else "ordered", fields=tuple(items))

    def _append_list(self, new: FieldList) -> None:
        """A list joins the list before it, and stays inside the turn it follows."""
        last = self.out.blocks[-1] if self.out.blocks else None
        if isinstance(last, Turn):
            inner = last.paras[-1] if last.paras else None
            if isinstance(inner, FieldList) and inner.kind == new.kind:
                new = FieldList(kind=new.kind, fields=inner.fields + new.fields)
                self.out.blocks[-1] = last.model_copy(update={"paras": (*last.paras[:-1], new)})
            else:
                self.out.blocks[-1] = last.model_copy(update={"paras": (*last.paras, new)})
        elif isinstance(last, FieldList) and last.kind == new.kind:
            self.out.blocks[-1] = FieldList(kind=new.kind, fields=last.fields + new.fields)
        else:
            self.out.blocks.append(new)

    def _set_page(self, span: Span, number: str) -> None:
        self._flush_page()
        self.pending_page = (span, number)
        self.last_page = int(number)

    def _leading_page(self, span: Span) -> bool:
        """A page number at the head of a block: on a line of its own, or glued to the first word of a
        page that goes on with a sentence the paragraph before left open. Page numbers run in order."""
        found = pages.leading_page(self.text, span)
        if found is None:
            return False
        page, number, rest = found
        if dates.is_date_line(self.text[span.start : span.end]):  # "15 March": a journal's entry heading
            return False
        if self.last_page is not None and int(number) != self.last_page + 1:
            return False
        if self.text[page.end] != "\n":  # glued to a word: only where it cuts an open sentence
            tail = pages.tail(self.out.blocks)
            in_turn = bool(self.out.blocks) and isinstance(self.out.blocks[-1], Turn)
            if (
                tail is None
                or not pages.is_page_join(self.text, tail[0], rest, marked=True, in_turn=in_turn)
                or label_key(self.text, rest.start, rest.end)
            ):
                return False
        self._set_page(page, number)
        self.feed(rest)
        return True

    def _flush_page(self) -> None:
        """A page marker that no page join took: at the end of the paragraph before it, or on its own."""
        if self.pending_page is None:
            return
        span = self.pending_page[0]
        marks = pages.page_marks(self.pending_page)
        self.pending_page = None
        tail = pages.tail(self.out.blocks)
        if tail is not None:
            para, put = tail
            put(
                para.model_copy(
                    update={
                        "span": Span(start=para.span.start, end=span.end),
                        "inlines": (*para.inlines, *marks),
                    }
                )
            )
        else:
            self.out.blocks.append(Para(span=span, tag="ab", attrs=(("type", "page"),), inlines=marks))

    def _join_page(self, span: Span) -> bool:
        """A paragraph that stops mid-sentence and resumes lower case (or with a number) after a blank line
        (and perhaps a page marker) is one paragraph split by a page break: extend it, with a <pb/>."""
        tail = pages.tail(self.out.blocks)
        in_turn = bool(self.out.blocks) and isinstance(self.out.blocks[-1], Turn)
        if tail is None or not pages.is_page_join(
            self.text, tail[0], span, marked=self.pending_page is not None, in_turn=in_turn
        ):
            return False
        para, put = tail
        rest = self._turn_para(span) if in_turn else self.para(span)
        marks = pages.page_marks(self.pending_page) or (Inline(start=span.start, end=span.start, tag="pb"),)
        self.pending_page = None
        put(
            para.model_copy(
                update={
                    "span": Span(start=para.span.start, end=span.end),
                    "inlines": (*para.inlines, *marks, *rest.inlines),
                }
            )
        )
        if not (self.text[span.start].islower() and self.text[para.span.end - 1].isalpha()):
            self.out.notes.append(
                Note(span.start, "page-join", "paragraph joined across a blank line (guessed page break)")
            )
        return True

    def _prose(self, span: Span) -> None:
        last = self.out.blocks[-1] if self.out.blocks else None
        if isinstance(last, Turn) and not _EDITORIAL_NOTE.match(self.text, span.start, span.end):
            self.out.blocks[-1] = last.model_copy(update={"paras": (*last.paras, self._turn_para(span))})
            return
        raw = self.text[span.start : span.end]
        if _is_stage_block(raw):
            self.out.blocks.append(self.para(span, tag="stage"))
            return
        started = any(isinstance(b, (Turn, Para, FieldList)) for b in self.out.blocks)
        tag = "head" if not started and _is_heading(raw) and not _STAMP_LINE.fullmatch(raw) else "p"
        extra: tuple[Inline, ...] = ()
        if not any(isinstance(b, Turn) for b in self.out.blocks):  # who was present, before anyone speaks
            extra += tuple(self._present(span))
        block = self.para(span, tag=tag, extra=extra)
        self.out.blocks.append(block)
        if not any(isinstance(b, Turn) for b in self.out.blocks):
            self._date_of_writing(block)


_EDITORIAL_NOTE = re.compile(
    r"(?:Note|Notes|N\.B\.|Editor's note|Translator's note|Archivist's note):\s", re.IGNORECASE
)
"""A paragraph that opens as a note on the record ("Note: the call signs were not identified"): it ends
the turn before it instead of going on with the speech."""
_STAMP_LINE = re.compile(r"\[[^\[\]\n]*\bstamp\b[^\[\]\n]*\][^\n]*$", re.IGNORECASE)
_DISTRIBUTION = re.compile(
    r"(?P<label>(?:copies|copy|distribution|distributed)(?:[ \t]+(?:to|list))?|cc|c\.c\.):"
    r"(?:[ \t]|$)",
    re.IGNORECASE,
)
"""A distribution list's label: "Copies:", "Copy to:", "Distribution:", "cc:"."""


def _is_stamp(block: Block, text: str) -> bool:
    """A paragraph that is one stamp, or one line opening with a stamp's bracket and giving what the stamp
    reads ("[stamp and handwriting] Ministry of Foreign Affairs, No. 2114/55")."""
    return (
        isinstance(block, Para)
        and block.tag == "p"
        and any(
            i.tag == "stamp"
            and i.start == block.span.start
            and (i.end == block.span.end or "\n" not in text[block.span.start : block.span.end])
            for i in block.inlines
        )
    )


def _stamp_line(para: Para) -> Para:
    """The stamp paragraph as an opener line: a stamp element holding the whole line, the bracket as its text."""
    stamp = next(i for i in para.inlines if i.tag == "stamp" and i.start == para.span.start)
    return Para(
        span=para.span,
        tag="stamp",
        attrs=stamp.attrs,
        inlines=tuple(i for i in para.inlines if i is not stamp),
    )


def _may_open(text: str, blocks_: list[Block]) -> bool:
    """Opener lines may follow only headings, stamps and other opener lines, and no stamp stands before a
    heading (a stamp is pulled into the opener, which must not pass the heading)."""
    kinds: list[str] = []
    for b in blocks_:
        title = isinstance(b, Para) and b.tag == "head" or set(kinds) <= {"head"} and _is_title(text, b)
        kinds.append(
            "opener"
            if isinstance(b, Opener)
            else "stamp"
            if _is_stamp(b, text)
            else "head"
            if title
            else "other"
        )
    return "other" not in kinds and ("stamp" not in kinds or "head" not in kinds[kinds.index("stamp") :])


def _is_title(text: str, block: Block) -> bool:
    """A short block of title lines (a letterhead: "Embassy of … ⏎ P e k i n g") that may stand above an opener."""
    if not isinstance(block, Para) or block.tag != "p" or _is_stamp(block, text):
        return False
    raw = text[block.span.start : block.span.end].split("\n")
    return len(raw) <= 3 and all(ln.strip() and _is_heading(ln.strip()) for ln in raw)


def _is_page_block(block: Block) -> bool:
    """A page marker standing on its own between blocks."""
    return isinstance(block, Para) and block.tag == "ab"


def _is_stage_block(raw: str) -> bool:
    """A block wholly in one pair of parentheses: "(During the exchange of greetings, …)"."""
    return raw.startswith("(") and raw.endswith(")") and _balanced(raw[1:-1])


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0


def _is_heading(raw: str) -> bool:
    return "\n" not in raw and len(raw.split()) <= 15 and raw[-1] not in TERMINAL
