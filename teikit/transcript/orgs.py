"""Organisations named in running text: capitalised names around a head noun ("State Planning
Commission", "Ministry of Foreign Trade", "Korean Press Agency", "Chinese CP", "USSR MFA"), and
acronyms the text defines ("North Korea International Documentation Project (NKIDP)") or a register
knows, wherever they stand alone. Other all-capital words are never taken for organisations."""

from __future__ import annotations

import re
from collections.abc import Iterable

from teikit import gazetteer
from teikit.model import Inline
from teikit.transcript.people import TITLE_WORDS

_HEADS = ("Ministry|Commission|Committee|Party|CP|Embassy|Agency|Archives?|Bureau|Department|Council|Academy|Army|"
          "Government|Programme|Program|Institute|Foundation|Library|University|Front|League|Federation|Association|"
          "Secretariat|Presidium|Politburo|Legation|Consulate|MFA|Plenary|Directorate")
_CAP = r"(?:[A-Z][\w'’-]*)"
_SP = r"[ \t]+"
_ORG = re.compile(
    rf"(?<![\w-])(?P<org>{_CAP}(?:{_SP}(?:of{_SP}(?:the{_SP})?)?{_CAP})*?{_SP}(?:{_HEADS})"
    rf"(?:{_SP}(?:of|for|on){_SP}(?:the{_SP})?{_CAP}(?:{_SP}{_CAP})*)?"
    rf"|(?:{_HEADS}){_SP}(?:of|for|on){_SP}(?:the{_SP})?{_CAP}(?:{_SP}{_CAP})*)(?![\w-])"
)
_OF = re.compile(rf"{_SP}of{_SP}(?:the{_SP})?")
_LEADING = (TITLE_WORDS - {"foreign", "general", "first", "executive", "chief", "head", "party"}) | {"the"}
"""Words that open a phrase before an organisation's name: titles of people, and the article."""


_DEFINED = re.compile(r"(?<=[\w.'’])[ \t]*\((?P<acronym>[A-Z][A-Z&]{1,9})\)")
_CONNECTORS = frozenset({"of", "the", "and", "for", "on", "in", "&"})


def find_acronyms(text: str, start: int, end: int) -> list[tuple[int, int, str, int, int]]:
    """Acronyms defined in text[start:end]: (name start, name end, acronym, acronym start, acronym end)
    for each "Capitalised Name (CN)" whose initials spell the acronym (with or without "of", "and"…)."""
    out = []
    for m in _DEFINED.finditer(text, start, end):
        words = list(re.finditer(r"[\w'’&-]+", text[max(start, m.start() - 160) : m.start()]))
        base = max(start, m.start() - 160)
        acronym = m["acronym"].replace("&", "").upper()
        for k in range(2, min(len(words), 12) + 1):
            chosen = [w.group(0) for w in words[-k:]]
            if not chosen[0][:1].isupper() or any(not w[:1].isupper() and w.lower() not in _CONNECTORS for w in chosen):
                continue
            content = "".join(w[0] for w in chosen if w.lower() not in _CONNECTORS).upper()
            every = "".join(w[0] for w in chosen if w != "&").upper()
            if acronym in (content, every):
                out.append((base + words[-k].start(), m.start(), m["acronym"], m.start("acronym"), m.end("acronym")))
                break
    return out


def find_orgs(text: str, start: int, end: int, known: dict[str, str] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, name) of every organisation named in text[start:end]; titles before them left out
    ("Director of the Protocol Department" -> "Protocol Department").

    :param known: acronym -> full name of the organisations declared so far (by the document or a
        register); the acronyms this text defines are added to it, and every acronym in it is found
        where it stands alone, under its full name.
    """
    known = {} if known is None else known
    found = []
    for a, b, acronym, x, y in find_acronyms(text, start, end):
        name = " ".join(text[a:b].split())
        if gazetteer.index().get(gazetteer.key(name)) is None:  # a state's acronym is a place's
            known.setdefault(acronym, name)
            found.append((a, b, name))
    if known:
        rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True)) + r")(?![\w-])")
        found += [(m.start(), m.end(), known[m.group(0)]) for m in rx.finditer(text, start, end)]
    for m in _ORG.finditer(text, start, end):
        a, b = m.span("org")
        name = m["org"]
        for cut in _OF.finditer(name):
            left = name[: cut.start()].split()
            if any(w.lower() in TITLE_WORDS for w in left) or left[-1:] == ["Day"]:
                a, name = a + cut.end(), name[cut.end():]
                break
        while (first := name.split()[0] if name.split() else "").lower() in _LEADING:
            name = name[len(first):].lstrip()
            a = b - len(name)
        words = name.split()
        if len(words) >= 2 and not any(x <= a < y or x < b <= y for x, y, _ in found):
            found.append((a, b, name))
    return sorted(found)


def outside_names(start: int, end: int, names: Iterable[Inline]) -> bool:
    """False when an organisation's span lies within a person's name but not in their title: "Kim Il Sung
    (KIS)" defines no organisation, while "Chairman of the State Planning Commission" names one."""
    spans = list(names)
    roles = [(r.start, r.end) for r in spans if r.tag == "roleName"]
    return not any(n.start <= start and end <= n.end and not any(x <= start and end <= y for x, y in roles)
                   for n in spans if n.tag == "persName")


def is_acronym(name: str) -> bool:
    """An organisation's acronym: two to ten capitals, perhaps with "&" ("NKIDP", "CPSU")."""
    return re.fullmatch(r"[A-Z][A-Z&]{1,9}", name) is not None
