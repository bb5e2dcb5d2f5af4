"""Persons, places and organisations marked in a document's paragraphs once its participants are known,
and the entries the marks point at."""

from __future__ import annotations

from teikit import gazetteer
from teikit.model import EntityRef, Inline, Para, Span
from teikit.transcript import mentions, orgs, overlaps
from teikit.transcript.base import Note
from teikit.transcript.people import PersonIndex, slug
from teikit.transcript.spans import Spans


class Marker:
    """Marks names in the paragraphs of one document and keeps what they point at."""

    def __init__(self, text: str, persons: PersonIndex) -> None:
        self.text = text
        self.persons = persons
        """The participants (filled in by the field block before the running text is marked)."""
        self.others = PersonIndex()
        """People the running text names who are not participants."""
        self.places: dict[str, EntityRef] = {}
        self.orgs: dict[str, EntityRef] = {}
        self.acronyms: dict[str, str] = {}
        """Acronym -> organisation, as the document defines them ("… Project (NKIDP)")."""

    def mark(self, para: Para) -> tuple[Para, list[Note]]:
        """The paragraph with its people, places and organisations marked, and the marks dropped as overlaps."""
        found = mentions.find_mentions(self.text, para.span.start, para.span.end, self.persons, self.others)
        names = [i for i in (*para.inlines, *found) if i.tag in {"persName", "roleName"}]
        found += self._places(para, [i for i in names if i.tag == "persName"])
        found += self._orgs(para, names)
        gaps = Spans((i.start, i.end) for i in para.inlines if i.tag == "gap")
        found = [i for i in found if not gaps.contains(i.start, i.end)]  # a gap's words are not text
        if not found:
            return para, []
        kept, dropped = overlaps.resolve([*para.inlines, *found])
        return para.model_copy(update={"inlines": tuple(kept)}), dropped

    def field_places(self, value: Span) -> list[Inline]:
        """A Place/Location field: the whole value is a placeName, pointing at the register when it is one
        place the gazetteer or the building rule knows; places named inside it are marked too, and a part
        between commas that names a town (the field declares it a place) is one."""
        found = gazetteer.find_places(self.text, value.start, value.end)
        a = value.start
        for part in self.text[value.start : value.end].split(
            ","
        ):  # "Guest house, Kunming": a town named in the field
            b = a + len(part)
            x, y = a + len(part) - len(part.lstrip()), b - len(part) + len(part.rstrip())
            if (
                x < y
                and not any(p < y and x < q for p, q, _ in found)
                and (place := gazetteer.declared(self.text[x:y])) is not None
            ):
                found.append((x, y, place))
            a = b + 1
        whole = next((p for a, b, p in found if (a, b) == (value.start, value.end)), None)
        out = [
            self._place(value.start, value.end, whole)
            if whole is not None
            else Inline(start=value.start, end=value.end, tag="placeName")
        ]
        out += [self._place(a, b, p) for a, b, p in found if (a, b) != (value.start, value.end)]
        return out

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
            id=place.id,
            name=place.name,
            forms=forms if written in forms else (*forms, written),
            geonames=place.geonames,
            iso=place.iso,
            latitude=place.latitude,
            longitude=place.longitude,
        )
        return Inline(start=a, end=b, tag="placeName", attrs=(("ref", f"pla:{place.id}"),))

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
            self.orgs[ident] = EntityRef(
                id=ident, name=name, forms=forms if written in forms else (*forms, written)
            )
            out.append(Inline(start=a, end=b, tag="orgName", attrs=(("ref", f"org:{ident}"),)))
        return out
