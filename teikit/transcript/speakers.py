"""Speaker turns: recognise a label at the start of a paragraph ("Premier Zhou (to be abbreviated as
Zhou): …", "Zhou: …") and resolve it to a participant through the document's own declarations."""

from __future__ import annotations

import re
from dataclasses import dataclass

from teikit.transcript.people import TITLE_WORDS, PersonIndex

_DECLARATION = re.compile(
    r"\((?:to be abbreviated as|hereafter abbreviated(?: as)?|hereafter,?|henceforth(?: referred to as)?)\s+"
    r"(?P<abbr>[^()\n]{1,40}?)\)",
    re.IGNORECASE,
)
_LABEL = re.compile(r"(?P<label>[A-Z\[][^\n:.!?;]{0,80}?):[ \t]+(?=\S)")
_COMPLETION = re.compile(r"\s*\[(?P<completion>[^\]\n]{1,40})\]")
_MAX_LABEL_WORDS = 6


@dataclass(frozen=True)
class Label:
    """A recognised speaker label at the start of a block."""

    end: int
    """Offset just after the colon and the following space."""
    who: str


class Speakers:
    """Resolves turn labels to persons, learning abbreviations as the document declares them."""

    def __init__(self, persons: PersonIndex, text: str, host_side: str | None) -> None:
        self.persons = persons
        self.text = text
        self.host_side = host_side
        self.abbreviations: dict[str, str] = {}

    def match(self, start: int, end: int) -> Label | None:
        """The label opening text[start:end], if it names a known or newly declared speaker."""
        m = _LABEL.match(self.text, start, end)
        if m is None:
            return None
        label = m["label"]
        declared = _DECLARATION.search(label)
        name_part = _DECLARATION.sub("", label)
        completion = _COMPLETION.search(name_part)
        name_part = " ".join(_COMPLETION.sub("", name_part).split())
        if not name_part or len(name_part.split()) > _MAX_LABEL_WORDS:
            return None
        who = self.abbreviations.get(name_part) or self._resolve(name_part)
        if who is None and declared is not None:
            who = self._declare_new(name_part, completion["completion"] if completion else None)
        if who is None:
            return None
        if declared is not None:
            self.abbreviations[" ".join(declared["abbr"].split())] = who
        return Label(end=m.end(), who=who)

    def _resolve(self, name_part: str) -> str | None:
        title, name = split_title(name_part)
        if not name:
            return None
        return self.persons.find(name, title)

    def _declare_new(self, name_part: str, completion: str | None) -> str | None:
        title, name = split_title(name_part)
        if not name or not all(w[:1].isupper() for w in name.split()):
            return None
        full = f"{name} {completion}" if completion else self._completed(name)
        variants = (name,) if full != name else ()
        return self.persons.add(full, titles=(title,) if title else (), variants=variants, side=self.host_side)

    def _completed(self, name: str) -> str:
        """A name completed by the translator elsewhere in the text: "Zhou [Enlai]" -> "Zhou Enlai"."""
        m = re.search(rf"\b{re.escape(name)}\s*\[(?P<rest>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)\]", self.text)
        return f"{name} {m['rest']}" if m else name


def split_title(words: str) -> tuple[str | None, str]:
    """Split "Vice Premier Ri" into ("Vice Premier", "Ri"); the title is None when there is none."""
    parts = words.split()
    n = 0
    while n < len(parts) - 1 and parts[n].lower() in TITLE_WORDS:
        n += 1
    title = " ".join(parts[:n]) or None
    return title, " ".join(parts[n:])
