"""Speaker turns: recognise a label at the start of a paragraph and resolve it to a participant
through the document's own declarations (SOURCE-FORMATS §3):

"Premier Zhou (to be abbreviated as Zhou): …", "(hereafter abbreviated X)", "(hereafter, X)",
"Premier Kim [henceforth referred to as Kim]. …", "Zhou: …", "GORBACHEV: …", "North (KIM): …",
"Premier: …", "Pak Geum-cheol [Pak Kum-chol]: …", "Comrade Li Dequan: …", and a label alone on its line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from teikit.transcript.people import FORMS_OF_ADDRESS, TITLE_WORDS, PersonIndex

_DECL_WORDS = (
    r"(?:to be abbreviated as|hereafter abbreviated(?: as)?|hereafter referred to as|hereafter,?|"
    r"henceforth referred to as|henceforth abbreviated(?: as)?|henceforth,?|abbreviated as)"
)
_DECLARATION = re.compile(rf"[(\[]{_DECL_WORDS}\s+(?P<abbr>[^()\[\]\n]{{1,40}}?)[)\]]", re.IGNORECASE)
_LABEL_WORD = r"(?:[A-Z\[(][^\s:]*|[a-z]{1,4}\.?|of|the|de|van|von)"
_LABEL = re.compile(
    r"(?P<label>[A-Z\[][^\n:]{0,100}?)(?::[ \t]+(?=\S)|:[ \t]*$|(?<=\])\.[ \t]+(?=\S))", re.MULTILINE
)
_BRACKET = re.compile(r"\s*\[(?P<inner>[^\]\n]{1,60})\]")
_SIDE = re.compile(r"^(?P<side>[A-Z][\w-]*)\s*\((?P<name>[^()]+)\)$")
_MAX_LABEL_WORDS = 6
_NOT_SPEAKERS = frozenset(
    """note notes subject re attention remark remarks comment source copy copies distribution enclosure
    attachment attachments postscript answer result results conclusion summary agenda item point warning
    reference classification priority addendum appendix annex reason signature file enclosures""".split()
)
"""Label words that open a paragraph but never name a speaker."""


@dataclass(frozen=True)
class Label:
    """A recognised speaker label at the start of a block."""

    end: int
    """Offset just after the label and its colon (or full stop)."""
    who: str
    speech_start: int
    """Where the speech begins: after the label, or on the next line when the label stands alone."""
    created: bool = False
    """Whether the speaker was not a known participant and was added from the label."""


class Speakers:
    """Resolves turn labels to persons, learning abbreviations as the document declares them."""

    def __init__(self, persons: PersonIndex, text: str, host_side: str | None, labels: Counter[str]) -> None:
        self.persons = persons
        self.text = text
        self.host_side = host_side
        self.abbreviations: dict[str, str] = {}
        self.recurring = {label for label, n in labels.items() if n >= 2}
        self.turns_seen = 0

    def match(self, start: int, end: int) -> Label | None:
        """The label opening text[start:end], if it names a known or newly declared speaker."""
        m = _LABEL.match(self.text, start, end)
        if m is None:
            return None
        label = m["label"].strip()
        declared = _DECLARATION.search(label)
        full_stop = not self.text[m.end("label") :].startswith(":")
        if full_stop and declared is None:
            return None
        name_part, variant = _name_part(label)
        if not name_part or len(name_part.split()) > _MAX_LABEL_WORDS:
            return None
        who, created = self.abbreviations.get(name_part) or self._resolve(name_part), False
        if who is None and (declared is not None or self._looks_like_speaker(name_part, label)):
            who, created = self._declare_new(name_part, label, variant), True
        if who is None:
            return None
        if declared is not None:
            self.abbreviations[" ".join(declared["abbr"].split())] = who
        self.turns_seen += 1
        speech = m.end()
        if self.text[m.end() - 1 : m.end()] in {":", ""} or self.text[speech:end].startswith("\n"):
            while speech < end and self.text[speech].isspace():
                speech += 1
        return Label(end=m.end(), who=who, speech_start=speech, created=created)

    def is_declared(self, start: int, end: int) -> bool:
        """Whether text[start:end] opens with a short label the document has declared."""
        m = _LABEL.match(self.text, start, end)
        return m is not None and " ".join(m["label"].split()) in self.abbreviations

    def _resolve(self, name_part: str) -> str | None:
        side = _SIDE.match(name_part)
        if side:
            name_part = side["name"]
        title, name = split_title(name_part)
        if not name:
            return self.persons.find_by_title(title) if title else None
        found = self.persons.find(name, title, side["side"] if side else None)
        if found is not None and title and title.lower() not in FORMS_OF_ADDRESS:
            self.persons.add(self.persons.get(found).name, titles=(title,))  # "Premier:" may follow
        return found

    def _looks_like_speaker(self, name_part: str, label: str) -> bool:
        side = _SIDE.match(name_part)
        if side:  # "South (LEE)": judge the name, not the side
            name_part = side["name"]
        words = name_part.split()
        if words[0].lower().strip("[]()") in _NOT_SPEAKERS or len(words) > 4:
            return False
        if not all(w[:1].isupper() or w.lower() in TITLE_WORDS for w in words):
            return False
        upper = name_part.replace(" ", "").isupper() and len(name_part) > 2
        titled = words[0].lower() in TITLE_WORDS and len(words) > 1
        several = len(split_title(name_part)[1].split()) >= 2 and self.turns_seen > 0
        named = (
            self.turns_seen > 0
            and len(re.findall(rf"(?<![\w-]){re.escape(name_part)}(?![\w-])", self.text)) >= 2
        )
        return upper or titled or several or named or label in self.recurring

    def _declare_new(self, name_part: str, label: str, variant: str | None) -> str:
        side = _SIDE.match(name_part)
        side_label = side["side"] if side else self.host_side
        if side:
            name_part = side["name"]
        title, name = split_title(name_part)
        if not name:
            name, title = title or name_part, None
        if name.isupper():
            variant = variant or name
            name = name.title()
        completion = _BRACKET.search(label)
        if (
            completion
            and not variant
            and completion["inner"][:1].isupper()
            and "abbreviat" not in completion["inner"]
        ):
            full = f"{name} {completion['inner']}"
        else:
            full = self._completed(name)
        variants = tuple(v for v in (name, variant) if v and v != full)
        return self.persons.add(full, titles=(title,) if title else (), variants=variants, side=side_label)

    def _completed(self, name: str) -> str:
        """A name completed by the translator elsewhere in the text: "Zhou [Enlai]" -> "Zhou Enlai"."""
        m = re.search(rf"\b{re.escape(name)}\s*\[(?P<rest>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)\]", self.text)
        return f"{name} {m['rest']}" if m else name


def _name_part(label: str) -> tuple[str, str | None]:
    """The label without its declaration and brackets, and a bracketed second romanisation if any."""
    bare = _DECLARATION.sub("", label)
    variant = None
    for m in _BRACKET.finditer(bare):
        if len(m["inner"].split()) >= 2 and m["inner"][:1].isupper():
            variant = m["inner"].strip()
    bare = _BRACKET.sub("", bare)
    return " ".join(bare.split()), variant


def label_key(text: str, start: int, end: int) -> str | None:
    """The label text a block opens with, for counting recurring labels before parsing."""
    m = _LABEL.match(text, start, end)
    return m["label"].strip() if m else None


def split_title(words: str) -> tuple[str | None, str]:
    """Split "Vice Premier Ri" into ("Vice Premier", "Ri"); the title is None when there is none."""
    parts = words.split()
    n = 0
    while n < len(parts) and parts[n].lower() in TITLE_WORDS:
        n += 1
    if n == len(parts):
        return " ".join(parts), ""
    title = " ".join(parts[:n]) or None
    return title, " ".join(parts[n:])
