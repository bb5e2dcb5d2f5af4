"""Organisations named in running text: capitalised names around a head noun ("State Planning
Commission", "Ministry of Foreign Trade", "Korean Press Agency", "Chinese CP", "USSR MFA")."""

from __future__ import annotations

import re

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


def find_orgs(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, name) of every organisation named in text[start:end]; titles before them left out
    ("Director of the Protocol Department" -> "Protocol Department")."""
    found = []
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
        if len(words) >= 2:
            found.append((a, b, name))
    return found
