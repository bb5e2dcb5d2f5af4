"""Speaker turns: recognise a label at the start of a paragraph and resolve it to a participant
through the document's own declarations (SOURCE-FORMATS §3):

"Premier Zhou (to be abbreviated as Zhou): …", "(hereafter abbreviated X)", "(hereafter, X)",
"Premier Kim [henceforth referred to as Kim]. …", "Zhou: …", "GORBACHEV: …", "North (KIM): …",
"Premier: …", "Pak Geum-cheol [Pak Kum-chol]: …", "Comrade Li Dequan: …", and a label alone on its line.

The grammar is shared by every layout, and also reads labels that only evidence in the text itself
supports: a time before the label ("21:04 VOLKOV: …"), a label in brackets ("[MENSAH]: …"), a note on
the language or the delegation after the name ("The CHAIRMAN (interpretation from Spanish): …",
"Mr. ASANTE (Ghana): …"), letters or role words the text declares ("Q = Ruth Feldman",
"Interviewer: Chidi Okeke"), and any label shape that recurs at paragraph or line starts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from teikit.transcript.fields import field_key
from teikit.transcript.people import FORMS_OF_ADDRESS, PARTICLES, TITLE_WORDS, PersonIndex

_DECL_WORDS = (
    r"(?:to be abbreviated as|(?:here(?:in)?after|henceforth)[ \t]+(?:abbreviated|referred[ \t]+to|called|"
    r"cited|named)(?:[ \t]+as)?|here(?:in)?after,?|henceforth,?|abbreviated as|referred to below as)"
)
_DECLARATION = re.compile(rf"[(\[]{_DECL_WORDS}\s+(?P<abbr>[^()\[\]\n]{{1,40}}?)[)\]]", re.IGNORECASE)
_LABEL_WORD = r"(?:[A-Z\[(][^\s:]*|[a-z]{1,4}\.?|of|the|de|van|von)"
_CLOCK = r"[\[(]?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[ \t]*[ap]\.?m\.?)?[\])]?"
_TIME = rf"(?:{_CLOCK}(?:[ \t]*[–—-][ \t]*|[ \t]+|[ \t]*\n[ \t]*))"
"""A time of day or a tape position before a label: "21:04 ", "[14.32] ", "(9:05 a.m.) ", "00:12:30 – ",
or alone on the line above it."""
_BARE_TIME = re.compile(rf"{_CLOCK}[ \t]*$")
_LABEL = re.compile(
    rf"(?P<time>{_TIME})?(?P<label>[A-Z\[][^\n:]{{0,100}}?)(?::[ \t]+(?=\S)|:[ \t]*$|(?<=\])\.[ \t]+(?=\S))",
    re.MULTILINE,
)
_ASIDE = re.compile(r"\s*\((?=[a-z])[^()\n]*\)")
"""A note after the name on how the speech came ("(interpretation from Spanish)", "(through an interpreter)")."""
_DELEGATION = re.compile(r"^(?P<name>.*?\S)\s*\((?P<of>[A-Z][a-z][^()\n]*)\)$")
"""A name with the country or body it speaks for: "Mr. ASANTE (Ghana)", "Mrs. LOPEZ (United Republic of X)"."""
_ROLE_WORDS = (
    r"interviewer|interviewee|questioner|respondent|informant|narrator|moderator|presenter|"
    r"chair(?:man|woman|person)?|president|speaker"
)
_NAME_WORDS = r"[A-Z][\w'’.-]*(?:[ \t]+(?:[A-Z][\w'’.-]*|de|da|van|von|al|el|bin|ibn|ben)){0,4}"
_CAPS_LABEL = r"[A-Z][A-Z0-9'’-]{0,19}(?:[ \t][A-Z0-9][A-Z0-9'’-]*)?"
_DECLARED_LETTER = re.compile(
    rf"^[ \t]*(?P<abbr>{_CAPS_LABEL}|(?:Speaker|Voice|Caller)[ \t]+\w+|(?i:{_ROLE_WORDS}))[ \t]*"
    rf"(?:=|:=|stands for|denotes|[–—])[ \t]*"
    rf"(?P<name>{_NAME_WORDS})(?:[ \t]*\((?P<note>[^()\n]{{1,60}})\))?[ \t]*[.;,]?[ \t]*$",
    re.MULTILINE,
)
"""A line declaring a label: "Q = Ruth Feldman (interviewer)", "A stands for Kwabena Owusu-Ansah",
"KESTREL – Major Ivan Petrov"."""
_CALL_SIGN = re.compile(
    # Both alternatives start at a word's first letter: unanchored, a run of letters would be tried from
    # every position inside it, which is quadratic in the run's length.
    rf"(?<![\w'’.-])(?:(?P<name>{_NAME_WORDS})[ \t]*\((?:(?i:call[- ]sign|code[- ]?name)[ \t]+)?[\"“]?"
    rf"(?P<abbr>[A-Z][A-Z0-9-]{{2,19}})[\"”]?\)"
    rf"|(?P<abbr2>[A-Z][A-Z0-9-]{{2,19}})[ \t]*\((?P<name2>{_NAME_WORDS})\))"
)
"""A label given in parentheses beside a full name, or a name beside a label: "Major Ivan Petrov
(call sign KESTREL)", "KESTREL (Major Ivan Petrov)"."""
_DECLARED_ROLE = re.compile(
    rf"(?:^|(?<=[.;]\s))(?P<abbr>(?i:{_ROLE_WORDS}))[ \t]*:[ \t]*(?P<name>{_NAME_WORDS})"
    rf"(?:[ \t]*\([^()\n]{{1,60}}\))?[ \t]*(?:[.;]|$)",
    re.MULTILINE,
)
"""A role given a name in the text: "Interviewer: Chidi Okeke." (then "INTERVIEWER:" is that person),
"President: Mr. Jean Dupont (France)"."""
_INTERVIEW = re.compile(
    rf"\b[Ii]nterview(?:ed)?\s+with\s+(?P<ee>{_NAME_WORDS})(?:[^\n.]*?\bby\s+(?P<er>{_NAME_WORDS}))?"
)
"""A title or a sentence naming who was interviewed, and perhaps by whom: "Interview with General X,
conducted by Helen Marsh"."""
_QUESTION_ANSWER = {"q": ("interviewer", "questioner"), "a": ("interviewee", "respondent", "informant")}
_BRACKET = re.compile(r"\s*\[(?P<inner>[^\]\n]{1,60})\]")
_SIDE = re.compile(r"^(?P<side>[A-Z][\w-]*)\s*\((?P<name>[^()]+)\)$")
_MAX_LABEL_WORDS = 6
_NOT_SPEAKERS = frozenset(
    """note notes subject re attention remark remarks comment source copy copies distribution enclosure
    attachment attachments postscript answer result results conclusion summary agenda item point warning
    reference classification priority addendum appendix annex reason signature file enclosures decision
    decisions resolution resolved action background purpose outcome observation observations proposal
    proposals topic topics text translation original question questions item items issue issues objective
    objectives recommendation recommendations comments conclusions request response reply instruction
    instructions task tasks status agreed approved adopted encl present absent excused apologies""".split()
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
        """A declared short label, case-folded -> the person's id."""
        self.declared = declarations(text)
        """A label the text declares ("Q = Ruth Feldman"), case-folded -> (full name, note or None)."""
        self.labels = labels
        self.turns_seen = 0
        self.evidence: list[tuple[int, str]] = []
        """(offset, why) for the first turn of each speaker label: what `--explain` shows."""
        self._explained: set[str] = set()

    def match(self, start: int, end: int) -> Label | None:
        """The label opening text[start:end], if it names a known or newly declared speaker."""
        m = _LABEL.match(self.text, start, end)
        if m is None or self._declaration(start, end):
            return None
        label = m["label"].strip()
        declared = _DECLARATION.search(label)
        full_stop = not self.text[m.end("label") :].startswith(":")
        if full_stop and declared is None:
            return None
        name_part, variant = _name_part(label)
        if not name_part or len(name_part.split()) > _MAX_LABEL_WORDS:
            return None
        why: str | None = None
        who, created = self.abbreviations.get(name_part.casefold()), False
        if who is not None:
            why = "a short form the text declared"
        elif (who := self._resolve(name_part)) is not None:
            why = "a person the lists name"
        elif name_part.casefold() in self.declared:
            who, why = (
                self._from_declaration(name_part),
                f"declared in the text as {self.declared[name_part.casefold()][0]!r}",
            )
        elif declared is not None:
            who, created, why = self._declare_new(name_part, label, variant), True, "declares its short form"
        elif (why := self._looks_like_speaker(name_part, label)) is not None:
            who, created = self._declare_new(name_part, label, variant), True
        if who is None or why is None:
            return None
        if name_part not in self._explained:
            self._explained.add(name_part)
            shape = " after a time" if m["time"] else ""
            self.evidence.append((start, f"speaker label {' '.join(label.split())!r}{shape}: {why}"))
        if declared is not None:
            self.abbreviations[" ".join(declared["abbr"].split()).casefold()] = who
        self.turns_seen += 1
        speech = m.end()
        if self.text[m.end() - 1 : m.end()] in {":", ""} or self.text[speech:end].startswith("\n"):
            while speech < end and self.text[speech].isspace():
                speech += 1
        return Label(end=m.end(), who=who, speech_start=speech, created=created)

    def is_declared(self, start: int, end: int) -> bool:
        """Whether text[start:end] opens with a short label the document has declared."""
        m = _LABEL.match(self.text, start, end)
        if m is None:
            return False
        key = " ".join(m["label"].split()).casefold()
        return key in self.abbreviations or _name_part(m["label"])[0].casefold() in self.declared

    def opens(self, start: int, end: int) -> bool:
        """Whether text[start:end] opens with a speaker label, without learning anything from it: a
        line of a block that may start a turn of its own."""
        m = _LABEL.match(self.text, start, end)
        if m is None or not self.text[m.end("label") :].startswith(":") or self._declaration(start, end):
            return False
        label = m["label"].strip()
        name_part, _ = _name_part(label)
        if not name_part or len(name_part.split()) > _MAX_LABEL_WORDS:
            return False
        key = name_part.casefold()
        if key in self.abbreviations or key in self.declared or _DECLARATION.search(label):
            return True
        if field_key(name_part) is not None:
            return False
        return (
            self._resolve(name_part, learn=False) is not None
            or self._looks_like_speaker(name_part, label) is not None
        )

    def _declaration(self, start: int, end: int) -> bool:
        """Whether text[start:end] is only a line declaring who holds a role ("President: Mr. Jean Dupont
        (France)"), not a turn."""
        line_end = self.text.find("\n", start, end)
        line_end = end if line_end < 0 else line_end
        at = start
        while (m := _DECLARED_ROLE.match(self.text, at, line_end)) is not None:  # one or several
            if len(split_title(m["name"])[1].split()) < 2:
                return False
            at = m.end()
            while at < line_end and self.text[at].isspace():
                at += 1
        return at > start and at >= line_end

    def _from_declaration(self, name_part: str) -> str:
        """The person a declared label names ("Q = Ruth Feldman"), added to the index if new."""
        name, note = self.declared[name_part.casefold()]
        who = self.persons.find(name) or self.persons.add(name, titles=(note,) if note else ())
        self.abbreviations[name_part.casefold()] = who
        self.persons.add(self.persons.get(who).name, variants=(name_part,) if name_part != name else ())
        return who

    def _resolve(self, name_part: str, *, learn: bool = True) -> str | None:
        side = _SIDE.match(name_part)
        if side:
            name_part = side["name"]
        title, name = split_title(name_part)
        if not name:
            return self.persons.find_by_title(title) if title else None
        found = self.persons.find(name, title, side["side"] if side else None)
        if found is not None and learn and title and title.lower() not in FORMS_OF_ADDRESS:
            self.persons.add(self.persons.get(found).name, titles=(title,))  # "Premier:" may follow
        return found

    def _looks_like_speaker(self, name_part: str, label: str) -> str | None:
        """Why a label no list declares names a speaker (its evidence), or None when it does not."""
        side = _SIDE.match(name_part)
        if side:  # "South (LEE)": judge the name, not the side
            name_part = side["name"]
        words = name_part.split()
        if words[0].lower().strip("[]()") in _NOT_SPEAKERS or len(words) > 4:
            return None
        if not all(w[:1].isupper() or w.lower() in TITLE_WORDS or _particle(w) for w in words):
            return None
        if field_key(name_part) is not None:  # "Date:", "Place:" twice are still fields
            return None
        if name_part.replace(" ", "").isupper() and len(name_part) > 2:
            return "a name in capitals"
        if words[0].lower() in TITLE_WORDS and len(words) > 1:
            return "a title before a name"
        if len(split_title(name_part)[1].split()) >= 2 and self.turns_seen > 0:
            return "a full name after other turns"
        if (
            self.turns_seen > 0
            and len(re.findall(rf"(?<![\w-]){re.escape(name_part)}(?![\w-])", self.text)) >= 2
        ):
            return "a name the text uses elsewhere"
        n = max(self.labels[label], self.labels[name_part])
        return f"a label shape that opens {n} paragraphs or lines" if n >= 2 else None

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
        titles = (title,) if title and title.lower() not in FORMS_OF_ADDRESS else ()
        return self.persons.add(full, titles=titles, variants=variants, side=side_label)

    def _completed(self, name: str) -> str:
        """A name completed by the translator elsewhere in the text: "Zhou [Enlai]" -> "Zhou Enlai"."""
        m = re.search(rf"\b{re.escape(name)}\s*\[(?P<rest>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)\]", self.text)
        return f"{name} {m['rest']}" if m else name


def _particle(word: str) -> bool:
    """A lower-case word inside a name: "de", "al", "al-Sayed"."""
    return word in PARTICLES or word.split("-")[0] in PARTICLES and "-" in word


def _name_part(label: str) -> tuple[str, str | None]:
    """The label without its declaration, brackets, asides ("(interpretation from Spanish)"), the body
    it speaks for ("(Ghana)") and a leading "The", and a bracketed second romanisation if any."""
    bare = _ASIDE.sub("", _DECLARATION.sub("", label)).strip()
    if (whole := re.fullmatch(r"\[([^\[\]]+)\]", bare)) is not None:  # "[MENSAH]"
        bare = whole[1]
    if (delegation := _DELEGATION.match(bare)) is not None and not _SIDE.match(bare):
        bare = delegation["name"]
    bare = re.sub(r"^the\s+(?=\S)", "", bare, flags=re.IGNORECASE)
    variant = None
    for m in _BRACKET.finditer(bare):
        if len(m["inner"].split()) >= 2 and m["inner"][:1].isupper():
            variant = m["inner"].strip()
    bare = _BRACKET.sub("", bare)
    return " ".join(bare.split()), variant


def bare_time(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is only a time or a tape position ("[00:05:12]"), as above a label."""
    return _BARE_TIME.match(text, start, end) is not None


def label_key(text: str, start: int, end: int) -> str | None:
    """The name a block or line opens with as a label, for counting recurring labels before parsing."""
    m = _LABEL.match(text, start, end)
    return (_name_part(m["label"].strip())[0] or None) if m else None


def declarations(text: str) -> dict[str, tuple[str, str | None]]:
    """The labels a text declares: "Q = Ruth Feldman (interviewer)", "A stands for …", and role words
    given a name ("Interviewer: Chidi Okeke."); "Q" and "A" also stand for a declared interviewer and
    interviewee. Case-folded label -> (full name, note)."""
    found: dict[str, tuple[str, str | None]] = {}
    for m in _DECLARED_LETTER.finditer(text):
        found.setdefault(m["abbr"].casefold(), (" ".join(m["name"].split()).rstrip(".,"), m["note"]))
    for m in _DECLARED_ROLE.finditer(text):
        name = split_title(" ".join(m["name"].split()).rstrip(".,"))[1]
        if len(name.split()) >= 2:  # a full name: "INTERVIEWER: Welcome." declares nobody
            found.setdefault(m["abbr"].casefold(), (name, m["abbr"].lower()))
    for m in _CALL_SIGN.finditer(text):
        abbr, name = (m["abbr"], m["name"]) if m["abbr"] else (m["abbr2"], m["name2"])
        title, bare = split_title(" ".join(name.split()).rstrip(".,"))
        if len(bare.split()) >= 2 and not abbr.isdigit():
            found.setdefault(abbr.casefold(), (bare, title))
    if (interview := _INTERVIEW.search(text)) is not None:
        for role, group in (("interviewee", "ee"), ("interviewer", "er")):
            if interview[group] and (held := split_title(" ".join(interview[group].split()).rstrip(".,"))[1]):
                found.setdefault(role, (held, None))
    for letter, roles in _QUESTION_ANSWER.items():
        held_by = next((r for r in roles if r in found), None)
        if letter not in found and held_by is not None:
            found[letter] = found[held_by]
    return found


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
