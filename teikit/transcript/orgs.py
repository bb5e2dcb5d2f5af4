"""Organisations named in running text: capitalised names around a head noun ("State Planning
Commission", "Ministry of Foreign Trade", "Korean Press Agency", "Chinese CP", "USSR MFA"), and
acronyms the text defines ("North Korea International Documentation Project (NKIDP)") or a register
knows, wherever they stand alone. Other all-capital words are never taken for organisations."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from teikit import gazetteer, lexicon
from teikit.model import Inline
from teikit.transcript.people import TITLE_WORDS
from teikit.transcript.spans import Spans

_HEADS = "|".join(
    re.escape(h).replace(r"\ ", "[ \t]+") for h in sorted(lexicon.entries("org-heads"), key=len, reverse=True)
)
"""The head nouns of organisations' names (teikit/lexicon/org-heads.txt)."""
_CAP = r"(?:[A-Z](?:[\w'’-]+|(?!\.)))"
"""A capitalised word, never an initial ("Council of Ministers D. Tsendsuren": the name ends before "D.")."""
_SP = r"[ \t]+"
_ORG = re.compile(
    rf"(?<![\w-])(?P<org>{_CAP}(?:{_SP}(?:of{_SP}(?:the{_SP})?)?{_CAP})*?{_SP}(?:{_HEADS})"
    rf"(?:{_SP}(?:of|for|on){_SP}(?:the{_SP})?{_CAP}(?:{_SP}{_CAP})*)*"
    rf"|(?:{_HEADS}){_SP}(?:of|for|on){_SP}(?:the{_SP})?{_CAP}(?:{_SP}{_CAP})*)(?![\w-])"
)
_OF = re.compile(rf"{_SP}of{_SP}(?:the{_SP})?")
_STATES = "Union|Republic|Kingdom|Federation|Commonwealth|Confederation|Emirates"
_STATE_OF = re.compile(rf"{_SP}of{_SP}(?:the{_SP})?{_CAP}(?:{_SP}{_CAP})*(?![\w-])")
"""A state's name goes on after "Union", "Republic" …: "the Embassy of the Union of Burma" names one embassy."""
_POSSESSIVES = frozenset("our your their his her its my".split())
_LEADING = (
    (
        TITLE_WORDS
        - {"foreign", "general", "first", "executive", "chief", "head", "party", "justice", "metropolitan"}
        - {"speaker", "representative", "delegate", "king", "queen", "prince", "princess", "emperor"}
        - {"sri", "ras", "don", "u", "lord", "lady", "count"}
    )
    | {"the"}
    | _POSSESSIVES
)
"""Words that open a phrase before an organisation's name: titles of people, the article, and a possessive
("Our Ministry": the speaker's own ministry, described rather than named)."""
_EVENTS = "Meeting|Session|Sitting|Plenum|Congress|Conference|Talks|Negotiations"
_EVENT = re.compile(rf"{_SP}(?:{_EVENTS})(?![\w-])")
"""A name followed by one of these words names an event ("the Fourth Plenary Meeting"), not an organisation."""
_NOT_OF_ORG = frozenset(
    "record records minutes memorandum memo note notes transcript report summary telegram letter "
    "protocol journal diary information".split()
) | frozenset(_EVENTS.lower().split("|"))
"""Kinds of document and of event: "Record of the …", "Meeting of the Joint Commission" name a title or an
event of an organisation, and the organisation's name starts after "of"."""


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
            if not chosen[0][:1].isupper() or any(
                not w[:1].isupper() and w.lower() not in _CONNECTORS for w in chosen
            ):
                continue
            content = "".join(w[0] for w in chosen if w.lower() not in _CONNECTORS).upper()
            every = "".join(w[0] for w in chosen if w != "&").upper()
            if acronym in (content, every) or (
                len(acronym) > 2 and sorted(acronym) == sorted(content)
            ):  # a translated name keeps its original's acronym: "National Liberation Front (FLN)"
                out.append(
                    (base + words[-k].start(), m.start(), m["acronym"], m.start("acronym"), m.end("acronym"))
                )
                break
    return out


def find_orgs(
    text: str, start: int, end: int, known: dict[str, str] | None = None
) -> list[tuple[int, int, str]]:
    """(start, end, name) of every organisation named in text[start:end]; titles before them left out
    ("Director of the Protocol Department" -> "Protocol Department").

    :param known: acronym -> full name of the organisations declared so far (by the document or a
        register); the acronyms this text defines are added to it, and every acronym in it is found
        where it stands alone, under its full name.
    """
    known = {} if known is None else known
    found = []
    for a, b, acronym, _x, _y in find_acronyms(text, start, end):
        name = " ".join(text[a:b].split())
        if gazetteer.lookup(name) is None:  # a state's acronym is a place's
            known.setdefault(acronym, name)
            found.append((a, b, name))
    if known:
        rx = re.compile(
            r"(?<![\w-])(?:"
            + "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
            + r")(?![\w-])"
        )
        found += [(m.start(), m.end(), known[m.group(0)]) for m in rx.finditer(text, start, end)]
    taken = Spans((x, y) for x, y, _ in found)
    for m in _ORG.finditer(text, start, end):
        a, b = m.span("org")
        name = m["org"]
        while (
            cut := next((c for c in _OF.finditer(name) if _before_org(name[: c.start()].split())), None)
        ) is not None:
            a, name = (
                a + cut.end(),
                name[cut.end() :],
            )  # "Minutes of the Third Session of the …": each in turn
        while (first := name.split()[0] if name.split() else "").lower() in _LEADING:
            name = name[len(first) :].lstrip()
            a = b - len(name)
        if (state := _STATE_OF.match(text, b, end)) is not None and re.search(rf"\b(?:{_STATES})$", name):
            b, name = (
                state.end(),
                " ".join((name + text[b : state.end()]).split()),
            )  # "Embassy of the Union of Burma"
        words = name.split()
        if _EVENT.match(text, b) or gazetteer.lookup(name) is not None:
            continue  # "the Fourth Plenary Meeting", "the Soviet Union"
        if len(words) >= 2 and not taken.touches(a, b):
            found.append((a, b, name))
            taken.add(a, b)
    for m in _bodies()[0].finditer(text, start, end):
        a, b = m.span()
        if not taken.touches(a, b):
            found.append((a, b, _bodies()[1][m.group(0)]))
            taken.add(a, b)
    return sorted(found)


@cache
def _bodies() -> tuple[re.Pattern[str], dict[str, str]]:
    """International bodies by name or acronym (teikit/lexicon/bodies.txt): a pattern for every form, and
    each form's full name."""
    names: dict[str, str] = {}
    for line in lexicon.entries("bodies"):
        name, *acronyms = (part.strip() for part in line.split("|"))
        for form in (name, *acronyms):
            names.setdefault(form, name)
    rx = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(names, key=len, reverse=True))
        + r")(?![\w-])"
    )
    return rx, names


def _before_org(left: list[str]) -> bool:
    """Whether the words before "of" are a person's title, a kind of document or event, or a day ("Director of
    the …", "Record of the …", "Day of the …"): the organisation's name starts after "of"."""
    return any(w.lower() in TITLE_WORDS or w.lower() in _NOT_OF_ORG for w in left) or left[-1:] == ["Day"]


def outside_names(start: int, end: int, names: Iterable[Inline]) -> bool:
    """False when an organisation's span lies within a person's name but not in their title: "Kim Il Sung
    (KIS)" defines no organisation, while "Chairman of the State Planning Commission" names one."""
    spans = list(names)
    roles = [(r.start, r.end) for r in spans if r.tag == "roleName"]
    return not any(
        n.start <= start and end <= n.end and not any(x <= start and end <= y for x, y in roles)
        for n in spans
        if n.tag == "persName"
    )


def names_organisation(text: str, word: str) -> bool:
    """Whether a word in capitals is an organisation's acronym: an international body's, or one the text
    defines in brackets somewhere ("… Organisation (SWAPO)")."""
    return word in _bodies()[1] or f"({word})" in text


def is_acronym(name: str) -> bool:
    """An organisation's acronym: two to ten capitals, perhaps with "&" ("NKIDP", "CPSU")."""
    return re.fullmatch(r"[A-Z][A-Z&]{1,9}", name) is not None
