"""The document body: opener lines, the field block, speaker turns, paragraphs, lists, page markers,
page joins and endnotes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from teikit import dates, gazetteer
from teikit.model import Block, Field, FieldList, Inline, Opener, Para, Person, EntityRef, Role, Span, Turn
from teikit.transcript import inline, mentions, orgs, overlaps
from teikit.transcript.base import Note
from teikit.transcript.blocks import blocks, lines, rstrip, trim
from teikit.transcript.people import PersonIndex, is_title, mention_inlines, parse_mention, slug, split_items
from teikit.transcript.speakers import Speakers, label_key

_FIELD_KEYS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rx, re.IGNORECASE), key)
    for rx, key in (
        (r"^(?:date and )?time$|^date$|^date,? time$", "time"),
        (r"^(?:place|location|venue)$", "place"),
        (r"interpret|translator", "interpreter"),
        (r"^record|^documentation$|^minutes$|note.?taker|^minutes taken by", "recorder"),
        (r"accompan|attendee|participant|guests|side$|delegation|^present$|^attending$|^chairing$|^chair$|"
         r"^from\s+(?:the\s+)?\S", "participants"),
        (r"^subject$|^re$|^topic$", "subject"),
        (r"^from$|^sender$", "from"),
        (r"^to$|^addressee$|^to whom$", "to"),
        (r"^destination$", "destination"),
        (r"^(?:no|nº|n°)\.?$|^number$", "number"),
        (r"^copies$|^distribution$|^distributed to$", "distribution"),
    )
)
"""Field label (an open vocabulary, SOURCE-FORMATS §2b) -> meaning; the first match wins."""

_ROLES: dict[str, Role] = {"interpreter": "interpreter", "recorder": "recorder", "participants": "participant",
                           "from": "sender", "to": "addressee"}
_SIDE_LABEL = re.compile(r"side|delegation|guests|accompan|attendee|^our\b|^foreign|^from\s|^\[?(?:north|south|east|west)\b",
                         re.IGNORECASE)
"""Participant labels that name a group of people (a side), not just their presence."""
_FIELD_LINE = re.compile(r"(?P<label>[A-Z\[][^:\n]{0,60}?):(?:[ \t]+(?=\S)|[ \t]*$)", re.MULTILINE)
_OPENER_LINES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rx, re.IGNORECASE), kind)
    for rx, kind in (
        (r"^(?:(?:top |highly |strictly )?secret|confidential|(?:highly )?classified|restricted|urgent|"
         r"eyes only|for official use only|personal)\b[^\n]{0,60}$", "classification"),
        (r"^copy\s+(?:n[º°o]\.?\s*)?\d+(?:\s+of\s+\d+)?\b[^\n]{0,30}$", "classification"),
        (r"^[(\[][^()\[\]]*\b(?:proofread|review|approv|examin|check)\w*[^()\[\]]*[)\]]$", "review-status"),
        (r"^(?:ciphered telegram|ciphergram|telegram|cable|cipher)\s+(?:n[º°o]\.?|number)\s*[\w./-]+[^\n]{0,40}$",
         "number"),
        (r"^(?:dispatched|sent|received|arrived|processed|issued|came into|decoded|deciphered|special no|issuing no)"
         r"\b[^\n]{0,100}$", "routing"),
        (r"^(?:two|three|four|\d+) copies printed|^making copies is prohibited", "distribution"),
    )
)
"""Lines that open a document before its body proper: classification, review status, telegram routing."""
_FILE_NUMBER = re.compile(r"^(?:(?:No|Nº|N°)\.?\s*)?\d[\w-]*(?:/[\w-]+)+$|^(?:No|Nº|N°)\.?\s*\d[\w/.-]*$")
_LIST_ITEM = re.compile(r"(?P<marker>[-•*–▪◦]|\d{1,2}[.)．]|[a-z]\)|\((?:[a-zA-Z]|\d{1,2}|[ivx]{1,4})\)|"
                        r"[IVX]{1,4}\.|[０-９]{1,2}[．.])(?=\s)")
_PAGE_BLOCK = re.compile(r"(?:[(\[](?:page|p\.|str\.)\s*(?P<a>\d{1,4})[)\]]|[-–]\s*(?P<b>\d{1,4})\s*[-–]|(?P<c>\d{1,4}))$",
                         re.IGNORECASE)
_ENDNOTE_LINE = re.compile(r"(?:\[(?P<a>\d{1,3})\]|(?P<b>\d{1,3})[.)]?)\s+\S")
_SIDE_PREFIX = re.compile(r"(?P<side>(?:on the |from (?:the )?)?[\[\]\w' -]{1,40}?(?:side|delegation|party)|"
                          r"from [A-Z][\w' -]{1,30}):\s*", re.IGNORECASE)
_STAGE_INLINE = re.compile(r"\((?=[A-Z])[^()\n]{10,}?[.!?]\)")
_TERMINAL = ".?!:;…\"”’)]"


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


def parse_body(text: str, start: int, end: int, persons: PersonIndex, *, anchor: str | None = None) -> Body:
    """Parse text[start:end] into blocks; participants found in the field block are added to `persons`.

    :param anchor: the document's date (ISO), against which relative dates ("next year") are resolved.
    """
    spans = blocks(text, start, end)
    spans, endnotes = _split_endnotes(text, spans)
    parser = _Parser(text, persons, frozenset(n for n, _ in endnotes), spans, anchor)
    for span in spans:
        parser.feed(span)
    parser.finish()
    parser.add_mentions()
    parser.out.mentioned = parser.others.persons()
    parser.out.places = tuple(parser.places.values())
    parser.out.orgs = tuple(parser.orgs.values())
    parser.footnotes = frozenset()  # an endnote's own number is not a reference to it
    for number, span in endnotes:
        parser.out.blocks.append(parser.para(span, tag="note", attrs=(("xml:id", f"fn-{number}"), ("place", "end"),
                                                                      ("n", number))))
    return parser.out


def _split_endnotes(text: str, spans: list[Span]) -> tuple[list[Span], list[tuple[str, Span]]]:
    """Trailing blocks whose lines are numbered notes referenced as [N] earlier: the document's endnotes."""
    notes: list[tuple[str, Span]] = []
    cut = len(spans)
    while cut > 1:
        found = []
        for ln in lines(text, spans[cut - 1]):
            m = _ENDNOTE_LINE.match(text, ln.start, ln.end)
            if m is None:
                found = []
                break
            found.append((m["a"] or m["b"], ln))
        if not found:
            break
        notes[:0] = found
        cut -= 1
    body_text = text[spans[0].start : spans[cut - 1].end] if cut else ""
    if not notes or not all(f"[{n}]" in body_text for n, _ in notes):
        return spans, []
    return spans[:cut], notes


class _Parser:
    def __init__(self, text: str, persons: PersonIndex, footnotes: frozenset[str], spans: list[Span],
                 anchor: str | None) -> None:
        self.text = text
        self.anchor = anchor
        self.persons = persons
        self.footnotes = footnotes
        self.out = Body()
        self.labels = Counter(k for s in spans if (k := label_key(text, s.start, s.end)))
        self.speakers: Speakers | None = None
        self.pending_field: tuple[FieldList, Field] | None = None
        self.pending_page: tuple[Span, str] | None = None
        self.others = PersonIndex()
        self.places: dict[str, EntityRef] = {}
        self.orgs: dict[str, EntityRef] = {}
        self.acronyms: dict[str, str] = {}
        """Acronym -> organisation, as the document defines them ("… Project (NKIDP)")."""

    # --- inline markup ---------------------------------------------------------------------

    def para(self, span: Span, *, tag: str = "p", attrs: tuple[tuple[str, str], ...] = (),
             extra: tuple[Inline, ...] = (), entities: bool = True) -> Para:
        found = inline.annotate(self.text, span.start, span.end, footnotes=self.footnotes)
        proposed = [*extra, *found.inlines]
        if entities:
            proposed += self._dates_and_measures(span, covered={(i.start, i.end) for i in extra if i.tag == "date"})
        kept, dropped = overlaps.resolve(proposed)
        self.out.notes.extend([*found.notes, *dropped])
        return Para(span=span, tag=tag, attrs=attrs, inlines=tuple(kept))

    def _dates_and_measures(self, span: Span, covered: set[tuple[int, int]]) -> list[Inline]:
        found, ambiguous = inline.dates_and_measures(self.text, span.start, span.end, anchor=self.anchor,
                                                     covered=covered)
        self.out.notes.extend(Note(ref.start, "ambiguous-date", f"date {self.text[ref.start:ref.end]!r} "
                                   "can be read more than one way: no @when given") for ref in ambiguous)
        return found

    # --- dispatch --------------------------------------------------------------------------

    def feed(self, span: Span) -> None:
        if self.pending_field is not None:
            self._complete_field(span)
            return
        if (page := _PAGE_BLOCK.match(self.text, span.start, span.end)) is not None and self.out.blocks:
            self._flush_page()
            self.pending_page = (span, page["a"] or page["b"] or page["c"])
            return
        if self._join_page(span):
            return
        self._flush_page()
        groups = self._groups(span)
        if len(groups) > 1:
            for group in groups:
                self.feed(group)
            return
        blocks_ = self.out.blocks
        if (not blocks_ or isinstance(blocks_[-1], Opener)) and (opener := self._opener(span)) is not None:
            self._merge_opener(opener)
        elif self.speakers is not None and self.speakers.is_declared(span.start, span.end) and self._turn(span):
            pass  # a declared speaker's short label wins over a field label ("Record:")
        elif (fields := self._fields(span) or self._side_block(span)) is not None:
            self._append_fields(fields)
        elif self._turn(span):
            pass
        elif all(_LIST_ITEM.match(self.text, ln.start, ln.end) for ln in lines(self.text, span)):
            self._append_list(self._list(span))
        else:
            self._prose(span)

    def _groups(self, span: Span) -> list[Span]:
        """Before any prose, a block mixing opener lines and field lines ("TOP SECRET" above "To: …") is
        read as runs of one kind each."""
        if any(isinstance(b, (Turn, Para)) for b in self.out.blocks):
            return [span]
        runs: list[tuple[str, Span]] = []
        for ln in lines(self.text, span):
            value = self.text[ln.start : ln.end]
            m = _FIELD_LINE.match(self.text, ln.start, ln.end)
            if any(rx.match(value) for rx, _ in _OPENER_LINES) or _FILE_NUMBER.match(value):
                kind = "opener"
            elif m is not None and _field_key(m["label"]) is not None:
                kind = "field"
            else:
                kind = "field" if runs and runs[-1][0] == "field" else "other"
            if runs and runs[-1][0] == kind and kind != "other":
                runs[-1] = (kind, Span(start=runs[-1][1].start, end=ln.end))
            else:
                runs.append((kind, ln))
        if len(runs) < 2 or runs[0][0] == "other":
            return [span]
        merged: list[Span] = []
        for kind, run in runs:  # lines of other kinds stay together after the first opener/field run
            if kind == "other" and merged and runs[0][0] != "other" and self.text[merged[-1].end : run.start].count("\n") < 2 \
                    and kind == "other" and len(merged) > 1:
                merged[-1] = Span(start=merged[-1].start, end=run.end)
            else:
                merged.append(run)
        return merged

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
                self.out.blocks[i] = Turn(who=block.who, speaker=block.speaker,
                                          paras=(Para(span=Span(start=block.speaker.end, end=block.speaker.end)),))

    def add_mentions(self) -> None:
        """Once every participant is known, mark the people named in the running text."""
        for i, block in enumerate(self.out.blocks):
            if isinstance(block, Turn):
                self.out.blocks[i] = block.model_copy(update={"paras": tuple(self._mentioned_block(p) for p in block.paras)})
            elif isinstance(block, (Para, FieldList)):
                self.out.blocks[i] = self._mentioned_block(block)

    def _mentioned_block(self, block: Para | FieldList) -> Para | FieldList:
        if isinstance(block, Para):
            return self._mentioned(block)
        if block.kind == "fields":
            return block
        fields = tuple(f.model_copy(update={"value": self._mentioned(f.value)}) for f in block.fields)
        return block.model_copy(update={"fields": fields})

    def _places(self, para: Para, names: list[Inline]) -> list[Inline]:
        """Countries and cities in the paragraph, outside people's names and never a participant's name."""
        surnames = {w for p in self.persons.persons() for w in p.name.split()}
        out = []
        for a, b, place in gazetteer.find_places(self.text, para.span.start, para.span.end):
            written = self.text[a:b]
            if place.kind == "building":  # named after someone ("Kim Il Sung Square"): the name nests inside
                if any(n.start < b and a < n.end and not (a <= n.start and n.end <= b) for n in names):
                    continue
            elif written in surnames or any(n.start < b and a < n.end for n in names):
                continue
            out.append(self._place(a, b, place))
        return out

    def _place(self, a: int, b: int, place: gazetteer.Place) -> Inline:
        """placeName pointing at the register, the place and the form written recorded for it."""
        written = " ".join(self.text[a:b].split())
        ref = self.places.get(place.id)
        forms = ref.forms if ref else ()
        self.places[place.id] = EntityRef(
            id=place.id, name=place.name, forms=forms if written in forms else (*forms, written),
            geonames=place.geonames, iso=place.iso, latitude=place.latitude, longitude=place.longitude)
        return Inline(start=a, end=b, tag="placeName", attrs=(("ref", f"pla:{place.id}"),))

    def _field_places(self, value: Span) -> list[Inline]:
        """A Place/Location field: the whole value is a placeName, pointing at the register when it is one
        place the gazetteer or the building rule knows; places named inside it are marked too."""
        found = gazetteer.find_places(self.text, value.start, value.end)
        whole = next((p for a, b, p in found if (a, b) == (value.start, value.end)), None)
        out = [self._place(value.start, value.end, whole) if whole is not None
               else Inline(start=value.start, end=value.end, tag="placeName")]
        out += [self._place(a, b, p) for a, b, p in found if (a, b) != (value.start, value.end)]
        return out

    def _orgs(self, para: Para, names: list[Inline]) -> list[Inline]:
        out = []
        found = orgs.find_orgs(self.text, para.span.start, para.span.end, self.acronyms)
        people = {name for a, b, name in found if not orgs.outside_names(a, b, names)}  # "Kim Il Sung (KIS)"
        self.acronyms = {k: v for k, v in self.acronyms.items() if v not in people}
        for a, b, name in found:
            if name in people:
                continue
            ident = slug(name)
            written = " ".join(self.text[a:b].split())
            ref = self.orgs.get(ident)
            forms = ref.forms if ref else ()
            self.orgs[ident] = EntityRef(id=ident, name=name, forms=forms if written in forms else (*forms, written))
            out.append(Inline(start=a, end=b, tag="orgName", attrs=(("ref", f"org:{ident}"),)))
        return out

    def _mentioned(self, para: Para) -> Para:
        found = mentions.find_mentions(self.text, para.span.start, para.span.end, self.persons, self.others)
        names = [i for i in (*para.inlines, *found) if i.tag in {"persName", "roleName"}]
        found += self._places(para, [i for i in names if i.tag == "persName"])
        found += self._orgs(para, names)
        gaps = [(i.start, i.end) for i in para.inlines if i.tag == "gap"]
        found = [i for i in found if not any(a <= i.start and i.end <= b for a, b in gaps)]  # a gap's words are not text
        if not found:
            return para
        kept, dropped = overlaps.resolve([*para.inlines, *found])
        self.out.notes.extend(dropped)
        return para.model_copy(update={"inlines": tuple(kept)})

    # --- opener ----------------------------------------------------------------------------

    def _opener(self, span: Span) -> Opener | None:
        paras = []
        for ln in lines(self.text, span):
            value = self.text[ln.start : ln.end]
            kind = next((k for rx, k in _OPENER_LINES if rx.match(value)), None)
            if kind is not None:
                paras.append(self.para(ln, tag="seg", attrs=(("type", kind),)))
            elif _FILE_NUMBER.match(value):
                paras.append(Para(span=ln, tag="idno", attrs=(("type", "file"),)))
            else:
                return None
        return Opener(lines=tuple(paras))

    def _merge_opener(self, opener: Opener) -> None:
        last = self.out.blocks[-1] if self.out.blocks else None
        if isinstance(last, Opener):
            self.out.blocks[-1] = Opener(lines=last.lines + opener.lines)
        else:
            self.out.blocks.append(opener)

    # --- field block -----------------------------------------------------------------------

    def _fields(self, span: Span) -> FieldList | None:
        lns = lines(self.text, span)
        starts: list[tuple[int, re.Match[str], str]] = []
        for i, ln in enumerate(lns):
            m = _FIELD_LINE.match(self.text, ln.start, ln.end)
            key = _field_key(m["label"]) if m else None
            if m is not None and key is not None:
                starts.append((i, m, key))
            elif i == 0:
                return None
        items = []
        for n, (i, m, key) in enumerate(starts):
            last_line = lns[starts[n + 1][0] - 1] if n + 1 < len(starts) else lns[-1]
            label = Span(start=lns[i].start, end=m.end("label") + 1)
            value = trim(self.text, m.end(), last_line.end)
            items.append(Field(label=label, key=key, value=self._field_value(key, label, value)))
        fields = FieldList(kind="fields", fields=tuple(items))
        last_value = items[-1].value.span
        if last_value.start >= last_value.end:
            self.pending_field = (fields, items[-1])
        return fields

    def _side_block(self, span: Span) -> FieldList | None:
        """In the field block, a bare side heading over its people's names ("[North] Korea" ⏎ "Pak Il-su,
        Ri Chol"): a participants field whose label is the side."""
        last = self.out.blocks[-1] if self.out.blocks else None
        lns = lines(self.text, span)
        if not (isinstance(last, FieldList) and last.kind == "fields") or len(lns) < 2 \
                or not _is_side_heading(self.text, lns[0].start, lns[0].end):
            return None
        value = trim(self.text, lns[1].start, span.end)
        items = split_items(self.text, value.start, value.end)
        if not items or any(parse_mention(self.text, a, _item_end(self.text, a, b)) is None for a, b in items):
            return None
        label = lns[0]
        return FieldList(kind="fields", fields=(
            Field(label=label, key="participants", value=self._field_value("participants", label, value)),))

    def _complete_field(self, span: Span) -> None:
        """A label alone at the end of a block ("Date and Time:") takes the next block as its value."""
        assert self.pending_field is not None
        fields, pending = self.pending_field
        self.pending_field = None
        completed = Field(label=pending.label, key=pending.key, value=self._field_value(pending.key, pending.label, span))
        last = self.out.blocks[-1]
        assert isinstance(last, FieldList)
        self.out.blocks[-1] = FieldList(kind=last.kind, fields=(*last.fields[:-1], completed))

    def _field_value(self, key: str, label: Span, value: Span) -> Para:
        raw = self.text[value.start : value.end]
        extra: list[Inline] = []
        if key == "time" and (found := dates.find_datetime(raw)):
            extra.append(Inline(start=value.start + found.start, end=value.start + found.end, tag="date",
                                attrs=(("when", found.iso),)))
            self.out.setting_date = self.out.setting_date or (found.iso, raw[found.start : found.end])
            self.anchor = self.anchor or found.iso[:10]  # a bare body's own date anchors its relative dates
        elif key in {"place", "destination"} and raw:
            extra.extend(self._field_places(value))
            if key == "place":
                if self.out.setting_place is None:
                    self.out.setting_place = " ".join(raw.split())
                    whole = next((i for i in extra if i.tag == "placeName" and (i.start, i.end) == (value.start, value.end)), None)
                    self.out.setting_place_ref = dict(whole.attrs).get("ref") if whole is not None else None
        elif key in _ROLES and raw:
            label_text = " ".join(self.text[label.start : label.end].rstrip(":").split())
            heading = not self.text[label.start : label.end].endswith(":")  # a bare side heading
            side = label_text if key == "participants" and (heading or _SIDE_LABEL.search(label_text)) else None
            extra.extend(self._people(value, _ROLES[key], side))
        para = self.para(value, tag="item", extra=tuple(extra))
        names = {(i.start, i.end) for i in extra if i.tag == "persName"}
        kept = tuple(i for i in para.inlines if not (i.tag == "supplied" and (i.start, i.end) in names))
        return para.model_copy(update={"inlines": kept})

    def _people(self, value: Span, role: Role, side: str | None) -> list[Inline]:
        out: list[Inline] = []
        for seg_start, seg_end, seg_side in self._side_segments(value, side):
            per_line = _one_per_line(self.text, seg_start, seg_end)
            items = per_line if per_line is not None else [(a, b, None) for a, b in split_items(self.text, seg_start, seg_end)]
            last_id: str | None = None
            routed = False
            for a, b, title in items:
                b = _item_end(self.text, a, b)
                if _is_placeholder(self.text[a:b]):  # "N.N., adviser", "signee": someone left unnamed
                    last_id = None
                    continue
                if role in {"sender", "addressee"} and _names_a_place(self.text, a, b):
                    out.extend(self._field_places(Span(start=a, end=b)))  # "From: OTTAWA": a post, not a person
                    routed = True
                    continue
                single = role in {"sender", "addressee"} and (last_id is not None or routed)
                mention = None if single else parse_mention(self.text, a, b)
                if mention is not None and title is not None:
                    mention = mention.with_title(self.text, title)
                if mention is None:
                    last_id = self._title_continuation(a, b, last_id, out, quiet=single)
                    continue
                alt = " ".join(self.text[mention.alt_span[0] : mention.alt_span[1]].split()) if mention.alt_span else None
                person_role, titles = _role_in_titles(role, mention.titles)
                last_id = self.persons.add(mention.name, role=person_role, side=seg_side, titles=titles,
                                           variants=(*mention.variants, *((alt,) if alt else ())))
                out.extend(mention_inlines(self.text, mention, last_id))
        return out

    def _side_segments(self, value: Span, side: str | None) -> list[tuple[int, int, str | None]]:
        """Split a participants value at side headings ("Korean side:" at the start of a line or after a
        semicolon, a bare "[North] Korea", "North" or "US Side" line)."""
        segments: list[tuple[int, int, str | None]] = []
        current_side, seg_start = side, value.start
        lns = lines(self.text, value)
        heads: list[tuple[int, int, str]] = []  # (start, end of the heading, side)
        for i, ln in enumerate(lns):
            line = self.text[ln.start : ln.end]
            if i + 1 < len(lns) and _is_side_heading(self.text, ln.start, ln.end):
                heads.append((ln.start, ln.end, line))
                continue
            for m in _SIDE_PREFIX.finditer(line):
                if m.start() == 0 or line[: m.start()].rstrip().endswith(";"):
                    heads.append((ln.start + m.start(), ln.start + m.end(), m["side"]))
        for start, end, label in heads:
            if start > seg_start:
                segments.append((seg_start, _before_semicolon(self.text, seg_start, start), current_side))
            current_side = " ".join(label.split())
            seg_start = end
        segments.append((seg_start, value.end, current_side))
        return [(a, b, s) for a, b, s in segments if self.text[a:b].strip()]

    def _title_continuation(self, a: int, b: int, last_id: str | None, out: list[Inline], *,
                            quiet: bool = False) -> str | None:
        """An item that is not a name ("the General Secretary of …", "Minister of Foreign Affairs") continues
        the previous person's titles; a routing line's later items (a city, URGENT) are left as they are."""
        item = self.text[a:b]
        titled = item[:1].islower() or item.startswith("the ") or is_title(item.split()[0])
        if last_id is None or not titled or item.startswith(("and ", "et al")):
            placeholder = item.startswith("[") and item.endswith("]")
            if item.strip() and not quiet and not placeholder and not item.startswith(("et al", "and all", "all ")) \
                    and item.strip().lower() not in {"urgent", "secret", "immediate", "priority"}:
                self.out.notes.append(Note(a, "unparsed-participant", f"not read as a person: {item.strip()[:40]!r}"))
            return last_id
        entry = self.persons.get(last_id)
        self.persons.add(entry.name, titles=(" ".join(item.split()),))
        out.append(Inline(start=a, end=b, tag="roleName"))
        return last_id

    # --- turns -----------------------------------------------------------------------------

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
            self.out.notes.append(Note(span.start, "new-speaker", f"speaker {name!r} is not in the participant lists"))
        paras: tuple[Para | FieldList, ...] = ()
        if label.speech_start < span.end:
            paras = (self._turn_para(Span(start=label.speech_start, end=span.end)),)
        speaker_para = self.para(speaker, tag="speaker", entities=False)
        self.out.blocks.append(Turn(who=label.who, speaker=speaker_para.span, paras=paras,
                                    speaker_inlines=speaker_para.inlines))
        return True

    def _turn_para(self, span: Span) -> Para:
        raw = self.text[span.start : span.end]
        if _is_stage_block(raw):
            return self.para(span, tag="stage")
        stages = tuple(Inline(start=m.start(), end=m.end(), tag="stage")
                       for m in _STAGE_INLINE.finditer(self.text, span.start, span.end))
        return self.para(span, extra=stages)

    # --- prose, lists, pages ---------------------------------------------------------------

    def _list(self, span: Span) -> FieldList:
        items = []
        for ln in lines(self.text, span):
            m = _LIST_ITEM.match(self.text, ln.start, ln.end)
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

    def _page_marks(self) -> tuple[Inline, ...]:
        if self.pending_page is None:
            return ()
        span, number = self.pending_page
        return (Inline(start=span.start, end=span.start, tag="pb", attrs=(("n", number),)),
                Inline(start=span.start, end=span.end, tag="fw", attrs=(("type", "pageNum"),)))

    def _flush_page(self) -> None:
        """A page marker that no page join took: at the end of the paragraph before it, or on its own."""
        if self.pending_page is None:
            return
        span = self.pending_page[0]
        marks = self._page_marks()
        self.pending_page = None
        tail = self._tail()
        if tail is not None:
            para, put = tail
            put(para.model_copy(update={"span": Span(start=para.span.start, end=span.end),
                                        "inlines": (*para.inlines, *marks)}))
        else:
            self.out.blocks.append(Para(span=span, tag="ab", attrs=(("type", "page"),), inlines=marks))

    def _tail(self) -> tuple[Para, Callable[[Para], None]] | None:
        """The last paragraph or list item written, and how to replace it."""
        if not self.out.blocks:
            return None
        i = len(self.out.blocks) - 1
        last = self.out.blocks[i]
        if isinstance(last, Turn):
            if not last.paras:
                return None
            inner = last.paras[-1]
            if isinstance(inner, FieldList):
                return _last_item(inner, lambda lst: self._set(i, last.model_copy(
                    update={"paras": (*last.paras[:-1], lst)})))
            return inner, lambda p: self._set(i, last.model_copy(update={"paras": (*last.paras[:-1], p)}))
        if isinstance(last, FieldList) and last.kind != "fields":
            return _last_item(last, lambda lst: self._set(i, lst))
        if isinstance(last, Para) and last.tag == "p":
            return last, lambda p: self._set(i, p)
        return None

    def _set(self, index: int, block: Block) -> None:
        self.out.blocks[index] = block

    def _join_page(self, span: Span) -> bool:
        """A paragraph that stops mid-sentence and resumes lower case (or with a number) after a blank line
        (and perhaps a page marker) is one paragraph split by a page break: extend it, with a <pb/>."""
        tail = self._tail()
        if tail is None or tail[0].tag not in {"p", "item"}:
            return False
        para, put = tail
        before = self.text[para.span.end - 1]
        after = self.text[span.start]
        if before in _TERMINAL or not (after.islower() or after.isdigit()) or _LIST_ITEM.match(self.text, span.start, span.end):
            return False
        if (para.tag == "p" and para.span.end - para.span.start < 60) or _is_date_line(self.text[span.start : span.end]):
            return False  # a heading or a dated entry, not a sentence cut by a page break
        in_turn = isinstance(self.out.blocks[-1], Turn)
        rest = self._turn_para(span) if in_turn else self.para(span)
        marks = self._page_marks() or (Inline(start=span.start, end=span.start, tag="pb"),)
        self.pending_page = None
        put(para.model_copy(update={"span": Span(start=para.span.start, end=span.end),
                                    "inlines": (*para.inlines, *marks, *rest.inlines)}))
        if not (after.islower() and before.isalpha()):
            self.out.notes.append(Note(span.start, "page-join", "paragraph joined across a blank line (guessed page break)"))
        return True

    def _prose(self, span: Span) -> None:
        last = self.out.blocks[-1] if self.out.blocks else None
        if isinstance(last, Turn):
            self.out.blocks[-1] = last.model_copy(update={"paras": (*last.paras, self._turn_para(span))})
            return
        raw = self.text[span.start : span.end]
        if _is_stage_block(raw):
            self.out.blocks.append(self.para(span, tag="stage"))
            return
        started = any(isinstance(b, (Turn, Para, FieldList)) for b in self.out.blocks)
        tag = "head" if not started and _is_heading(raw) else "p"
        self.out.blocks.append(self.para(span, tag=tag))


_ROLE_NOTE = re.compile(r"\s*\((?P<role>note-?taker|recorder|interpreter|translator)\)$", re.IGNORECASE)


def _role_in_titles(role: Role, titles: tuple[str, ...]) -> tuple[Role, tuple[str, ...]]:
    """ "J. Doe, NSC Staff (notetaker)": a participant whose title notes the task of recording or
    interpreting has that role, and the note leaves the title."""
    if role != "participant":
        return role, titles
    out = []
    for title in titles:
        m = _ROLE_NOTE.search(title)
        if m is not None:
            role = "interpreter" if m["role"].lower() in {"interpreter", "translator"} else "recorder"
            title = title[: m.start()]
        if title.strip():
            out.append(title.strip())
    return role, tuple(out)


def _item_end(text: str, start: int, end: int) -> int:
    """The end of a list item without a closing "et al.", a flattened footnote number or the full stop
    that ends the list ("Ana Lis et al.", "NOWAK 1", "Ion Marin."); an initial keeps its point
    ("Gromyko A.A.")."""
    m = re.search(r"\s*,?\s+et\s+al\.?$", text[start:end])
    if m is not None:
        end = start + m.start()
    m = re.search(r"(?<=[^\W\d])\s+\d{1,2}$", text[start:end])
    if m is not None:  # "WINIEWICZ 1": a footnote number flattened onto the line; no name ends in one
        end = start + m.start()
    words = text[start:end].split()
    if words and words[-1].endswith(".") and sum(c.isalpha() for c in words[-1]) >= 3 and words[-1].count(".") == 1:
        end -= 1
    return rstrip(text, start, end)


def _is_placeholder(item: str) -> bool:
    """ "N.N., adviser", "signee": a list item that stands for someone the document does not name."""
    first = item.split(",")[0].strip().casefold()
    return first in {"n.n.", "n. n.", "nn", "n.n", "signee", "the signee", "undersigned", "the undersigned", "signatory"}


def _names_a_place(text: str, start: int, end: int) -> bool:
    """Whether a routing item is wholly the name of a place ("OTTAWA", "Hanoi")."""
    return any((a, b) == (start, end) for a, b, _ in gazetteer.find_places(text, start, end))


def _before_semicolon(text: str, start: int, end: int) -> int:
    """The end of a side's names before the next side heading, without the semicolon between them."""
    end = rstrip(text, start, end)
    return rstrip(text, start, end - 1) if end > start and text[end - 1] == ";" else end


_SIDE_WORDS = frozenset("side sides delegation delegations party".split())
_COMPASS = frozenset("north south east west".split())


def _is_side_heading(text: str, start: int, end: int) -> bool:
    """A bare line above a side's names: "[North] Korea", "Vietnam", "North", "US Side"."""
    line = text[start:end]
    words = line.replace("[", "").replace("]", "").split()
    if not words or len(words) > 3 or "," in line or ";" in line or _LIST_ITEM.match(line):
        return False
    if words[-1].lower() in _SIDE_WORDS or (len(words) == 1 and words[0].lower() in _COMPASS):
        return True
    return parse_mention(text, start, end) is None or _names_a_country(line)


def _names_a_country(line: str) -> bool:
    """ "Albania", "[North] Vietnam": a line that is (or ends in) the name of a country."""
    words = line.replace("[", "").replace("]", "").split()
    places = gazetteer.index()
    return any((place := places.get(gazetteer.key(" ".join(words[i:])))) is not None and place.kind == "country"
               for i in range(len(words)))


def _last_item(lst: FieldList, put: Callable[[FieldList], None]) -> tuple[Para, Callable[[Para], None]]:
    item = lst.fields[-1]
    return item.value, lambda p: put(lst.model_copy(
        update={"fields": (*lst.fields[:-1], item.model_copy(update={"value": p}))}))


def _field_key(label: str) -> str | None:
    if len(label.split()) > 5 or any(c.isdigit() for c in label) or "[" in label[1:] or "note" in label.lower():
        return None
    words = label.strip("[] ")
    found = next((key for rx, key in _FIELD_KEYS if rx.search(words)), None)
    if found is None and (words.lower() in {"north", "south", "east", "west"} or _names_a_country(label)):
        return "participants"  # "South: LEE Beom-seok (chief delegate), …", "Albania: …"
    return found


def _one_per_line(text: str, start: int, end: int) -> list[tuple[int, int, tuple[int, int] | None]] | None:
    """Items of a list written one person a line (bullets, or a name and a role apart by spaces):
    (start, end) of the name and the span of the role after it."""
    lns = lines(text, Span(start=start, end=end))
    if len(lns) < 2 and not (lns and text[lns[0].start] in "-•*–▪◦"):
        return None  # one line is a list only when bulleted ("Our Side" ⏎ "• Li Wen, Vice Premier")
    if not any(_LIST_ITEM.match(text, ln.start, ln.end) or "  " in text[ln.start : ln.end] for ln in lns):
        # "Tran Van A (Vice Premier)" ⏎ "Le B (…)": a name a line, each with its title in parentheses
        if any("," in text[ln.start : ln.end] or ";" in text[ln.start : ln.end]
               or parse_mention(text, ln.start, ln.end) is None for ln in lns):
            return None
        return [(ln.start, ln.end, None) for ln in lns]
    items = []
    for ln in lns:
        m = _LIST_ITEM.match(text, ln.start, ln.end)
        a = trim(text, m.end() if m else ln.start, ln.end).start
        line = text[a : ln.end]
        gap = re.search(r"\s{2,}|,\s", line)
        if gap:
            items.append((a, a + gap.start(), (a + gap.end(), ln.end)))
        else:
            items.append((a, ln.end, None))
    return items


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


def _is_date_line(raw: str) -> bool:
    found = dates.find_dates(raw)
    return "\n" not in raw and len(found) == 1 and found[0].start == 0 and found[0].end >= len(raw.rstrip(".:")) - 1


def _is_heading(raw: str) -> bool:
    return "\n" not in raw and len(raw.split()) <= 15 and raw[-1] not in _TERMINAL


