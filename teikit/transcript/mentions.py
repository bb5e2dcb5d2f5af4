"""People named in running text: a title and a name ("Vice Minister Li Qiang", "c. Brezhnev",
"Premier Zhou [Enlai]", "Premier [Zhou]"), or the full name or romanisation of a known participant.

A mention that resolves to a participant points at it; a titled mention of anyone else is still a
persName, with its title as roleName. OCR's "II" for "Il" inside a name is marked sic and corrected.
"""

from __future__ import annotations

import re

from teikit import gazetteer, lexicon
from teikit.model import Inline
from teikit.transcript import orgs
from teikit.transcript.people import PARTICLE, PARTICLES, TITLE_WORDS, PersonIndex, is_romanisation
from teikit.transcript.spans import Spans

_NAME = (
    rf"(?:[A-Z]\.[ \t]?){{0,3}}[A-Z][\w'’-]*"
    rf"(?:\s+(?:(?:(?:{PARTICLE})\s+){{0,2}}(?:(?:{PARTICLE})-)?[A-Z][\w'’-]*|II))*"
)
"""A name after a title: initials, capitalised words, particles inside ("Abd al-Hakim Amer")."""
_TITLE_WORD = "|".join(
    sorted(
        {re.escape(w[:1].upper() + w[1:]) for w in TITLE_WORDS if w[:1].isalpha()}
        | {r"c\.", r"com\.", r"cde\.", "comrade"},
        key=len,
        reverse=True,
    )
)
_TITLED = re.compile(
    rf"(?<![\w.])(?P<title>(?:{_TITLE_WORD})(?:\s+(?:{_TITLE_WORD}))*)(?![\w])"
    rf"(?:\s+(?P<name>{_NAME}))?(?:\s*\[(?P<comp>[A-Z][\w'’ -]{{0,40}})\])?"
)
_OCR_II = re.compile(r"(?<=[a-z])(\s+)II(\s+)(?=[A-Z][a-z])")


def find_mentions(text: str, start: int, end: int, persons: PersonIndex, others: PersonIndex) -> list[Inline]:
    """persName (with roleName and OCR corrections inside) for the people named in text[start:end].

    A participant is pointed at locally (`#id`); anyone else is added to `others` and pointed at in the
    persons register (`per:id`).
    """
    found: list[Inline] = []
    taken: list[tuple[int, int]] = []
    for m in _TITLED.finditer(text, start, end):
        inlines = _titled(text, m, persons, others)
        if inlines:
            found.extend(inlines)
            taken.append((inlines[0].start, inlines[0].end))
    for pointer, index in (("#", persons), ("per:", others)):
        for ident, a, b in _known_forms(text, start, end, index):
            if not any(x < b and a < y for x, y in taken):
                found.append(Inline(start=a, end=b, tag="persName", attrs=(("ref", f"{pointer}{ident}"),)))
                taken.append((a, b))
    for pointer, ident, a, b in _surnames(text, start, end, persons, others):
        if not any(x < b and a < y for x, y in taken):
            found.append(Inline(start=a, end=b, tag="persName", attrs=(("ref", f"{pointer}{ident}"),)))
            taken.append((a, b))
    _add_romanised(
        text, start, end, persons, others, found, taken
    )  # known people first: "Li Jong Ok", not "Li Jong"
    for m in _NAME_SHAPES.finditer(text, start, end):
        a, b = m.span("name")
        name = m["name"] if not m["name"].isupper() else m["name"].title()
        if (
            any(x < b and a < y for x, y in taken)
            or _is_place_or_word(m["name"])
            or orgs.names_organisation(text, m["name"])
        ):
            continue
        if (
            run := _RUN.match(text, a, end)
        ) is not None and run.end() > b:  # "Li Jong Ok" after "Rhee Jong-ok"
            whole = run.group(0)
            hit = next(
                ((p, i) for p, i in (("#", persons), ("per:", others)) if i.find_romanised(whole)), None
            )
            if hit is not None and not any(x < run.end() and a < y for x, y in taken):
                known = hit[1].find_romanised(whole)
                assert known is not None
                hit[1].add_form(known, " ".join(whole.split()))
                found.append(
                    Inline(start=a, end=run.end(), tag="persName", attrs=(("ref", f"{hit[0]}{known}"),))
                )
                taken.append((a, run.end()))
                continue
        ident = persons.find(name) or others.find(name) or others.add(name)
        pointer = "#" if persons.find(name) else "per:"
        (persons if pointer == "#" else others).add_form(ident, name)
        found.append(Inline(start=a, end=b, tag="persName", attrs=(("ref", f"{pointer}{ident}"),)))
        taken.append((a, b))
    _add_romanised(text, start, end, persons, others, found, taken)  # and those the shapes made known
    for a, b in taken:
        found.extend(_ocr(text, a, b))
    return found


_PINYIN = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|iao|ian|uai|uan|ai|ei|ui|ao|ou|iu|ie|"
    r"ue|er|an|en|in|un|ia|ua|uo|a|o|e|i|u)"
)
_CHINESE_SURNAMES = (
    "Bai|Bo|Cai|Cao|Chen|Cheng|Deng|Ding|Dong|Du|Fan|Fang|Feng|Gao|Geng|Gong|Guo|Han|Hao|He|Hu|Huang|Jiang|"
    "Kang|Li|Liang|Liao|Lin|Liu|Lu|Luo|Ma|Mao|Peng|Qian|Qiao|Ren|Song|Sun|Tan|Tang|Tao|Wang|Wei|Wu|Xi|"
    "Xiao|Xie|Xu|Yang|Yao|Ye|Yu|Yuan|Zeng|Zhang|Zhao|Zheng|Zhou|Zhu"
)
"""The commonest Chinese surnames in pinyin: with a given name of one or two pinyin syllables they make a name."""
_NAME_SHAPES = re.compile(
    r"(?<![\w-])(?P<name>[A-Z][a-z]{1,3} [A-Z][a-z]+-[a-z]+"
    rf"|(?:{_CHINESE_SURNAMES}) [A-Z](?-i:{_PINYIN}){{1,2}}(?![a-z])"
    r"|[A-Z]{4,}(?= (?:[a-z]+ed|says|asks|replies|states|notes|adds|answers|agrees|thinks|believes|knows|"
    r"proposes|suggests|stresses|explains|continues|said|thought|knew|also|then|again|is|was|has|had|will|would|"
    r"can|could|did|does)\b))(?![\w-])"
)
"""Names known by their shape alone: an East Asian name in hyphenated romanisation ("Kim Gwang-hyeop"),
or a surname in capitals before the verb it is the subject of ("GORBACHEV asked", not "CMEA countries")."""
_NOT_NAMES_UPPER = frozenset(
    "SECRET URGENT CONFIDENTIAL PERSONAL IMMEDIATE PRIORITY NOTE COPY COPIES STAMP".split()
)


def _is_place_or_word(name: str) -> bool:
    if name.isupper():
        vowels = sum(c in "AEIOUY" for c in name)
        return vowels < 2 or name in _NOT_NAMES_UPPER or gazetteer.lookup(name) is not None
    return False


_MODIFIERS = frozenset("vice deputy first prime foreign executive assistant acting general".split())
"""Title words that qualify the title after them: a title ending in one names nobody ("Foreign Trade")."""
_NOT_NAMES = frozenset(
    """office department committee ministry bureau commission trade relations affairs party government council
    union republic army staff secretariat assembly congress embassy section division administration
    directorate plan economy""".split()
) | frozenset(w.lower() for head in lexicon.entries("org-heads") for w in head.split())
"""Words that follow a title in the names of institutions, not of people (and the head nouns of
teikit/lexicon/org-heads.txt)."""


def _titled(text: str, m: re.Match[str], persons: PersonIndex, others: PersonIndex) -> list[Inline]:
    name = re.sub(r"['’]s$", "", m["name"] or "")
    completion = m["comp"].strip() if m["comp"] and is_romanisation(m["comp"]) else None  # not "[SIC]"
    if not name and not completion:
        return []
    if m["title"].split()[-1].lower() in _MODIFIERS or any(w.lower() in _NOT_NAMES for w in name.split()):
        return []
    if name and (gazetteer.lookup(f"{m['title']} {name}") is not None or gazetteer.lookup(name) is not None):
        return []  # "Sri Lanka", "Prince Edward Island", "King Egypt": a place, not a titled person
    title = " ".join(m["title"].split())
    wanted = name.replace(" II ", " Il ")
    full = (
        f"{wanted} {completion}"
        if wanted and completion and len(completion.split()) == 1
        else (wanted or completion)
    )
    assert full is not None
    ident = (
        persons.find(full)
        or persons.find(wanted or full, title)
        or (persons.find(completion) if completion else None)
    )
    end = m.end() if completion or not m["name"] else m.start("name") + len(name)
    if ident:
        persons.add_form(ident, full)
        attrs: tuple[tuple[str, str], ...] = (("ref", f"#{ident}"),)
    else:
        titles = (title,) if title.lower() not in _COMRADE | {"comrade"} else ()
        other = others.find(full) or others.find(wanted or full, title) or others.add(full, titles=titles)
        others.add_form(other, full)
        attrs = (("ref", f"per:{other}"),)
    out = [
        Inline(start=m.start("title"), end=end, tag="persName", attrs=attrs),
        Inline(start=m.start("title"), end=m.end("title"), tag="roleName"),
    ]
    first = m["title"].split()[0]
    if first.lower() in _COMRADE:
        a = m.start("title")
        expan = "Comrade" if first[0].isupper() else "comrade"
        out += [
            Inline(start=a, end=a + len(first), tag="choice", added=(("expan", expan),)),
            Inline(start=a, end=a + len(first), tag="abbr"),
        ]
    return out


_COMRADE = {"c.", "com.", "cde.", "comr."}
"""Abbreviations of "comrade" (SOURCE-FORMATS §10), expanded by teikit inside choice/abbr."""


def _known_forms(text: str, start: int, end: int, persons: PersonIndex) -> list[tuple[str, int, int]]:
    forms = sorted(
        ((form, p.id) for p in persons.persons() for form in (p.name, *p.variants) if " " in form),
        key=lambda f: -len(f[0]),
    )
    if not forms:
        return []
    # OCR writes a lower-case L as a capital i: "Kim II Sung" is "Kim Il Sung"
    pattern = "|".join(re.escape(f).replace("Il", "I[lI]") for f, _ in forms)
    rx = re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])")
    ids = {f: i for f, i in forms}
    return [
        (ids[m.group(0).replace(" II ", " Il ")], m.start(), m.end())
        for m in rx.finditer(text, start, end)
        if m.group(0).replace(" II ", " Il ") in ids
    ]


def _surname(name: str) -> str | None:
    """The word a person is called by alone: the last of the name ("Nasser" of "Gamal Abd al-Nasser", the
    word after a particle's hyphen), the first of an East Asian name written surname first ("Zhou" of
    "Zhou Enlai", "Kim" of "Kim Il-sung"); None when that word could be a title, a place or a common word."""
    words = [w for w in name.split() if w.lower() not in PARTICLES]
    if not words:
        return None
    east_asian = len(words) > 1 and (
        re.fullmatch(_CHINESE_SURNAMES, words[0]) is not None
        or re.fullmatch(r"[A-Z][a-z]+-[a-z]+", words[-1]) is not None
    )
    word = words[0] if east_asian else words[-1]
    word = re.sub(rf"^(?:{PARTICLE})-", "", word, flags=re.IGNORECASE)
    if (
        len(word) < 3
        or not word[:1].isupper()
        or not word.replace("-", "").replace("'", "").isalpha()
        or word.lower() in TITLE_WORDS
        or word.lower() in _NOT_NAMES
        or word.upper() in _NOT_NAMES_UPPER
        or gazetteer.lookup(word) is not None
    ):
        return None
    return word


def _surnames(
    text: str, start: int, end: int, persons: PersonIndex, others: PersonIndex
) -> list[tuple[str, str, int, int]]:
    """The people the document has named, called again by surname alone, in capitals, or after initials
    ("Nasser", "NASSER", "G. A. Nasser", "Nasser's" without its "'s"): (pointer, id, start, end). A surname
    two people share names neither, nor does one the text also writes in lower case (a common word: "Side"
    of a list's "Soviet Side")."""
    owners: dict[str, set[tuple[str, str]]] = {}
    for pointer, index in (("#", persons), ("per:", others)):
        for person in index.persons():
            word = _surname(person.name)
            if word is not None and not re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text):
                for form in (word, word.upper()):
                    owners.setdefault(form, set()).add((pointer, person.id))
    unique = {form: next(iter(ids)) for form, ids in owners.items() if len(ids) == 1}
    if not unique:
        return []
    rx = re.compile(
        r"(?<![\w'’.-])(?:[A-Z]\.[ \t]?){0,3}(?P<word>"
        + "|".join(re.escape(f) for f in sorted(unique, key=len, reverse=True))
        + r")(?![\w-])"
    )
    return [
        (*unique[m["word"]], m.start(), m.end())
        for m in rx.finditer(text, start, end)
        if not _capital_next(text, m.end(), end)  # "Nasser Street", another "Pak Sŏng-ch'ŏl"
        and not _LABEL_AFTER.match(
            text, m.end(), end
        )  # "KARAMI:", "[Karami] (in Arabic):": a speaker's label
        and not (m["word"].isupper() and _opens_line(text, start, end, m.start(), m.end()))
    ]


def _opens_line(text: str, start: int, end: int, a: int, b: int) -> bool:
    """Whether text[a:b] opens a line (after a time or a bracket) and more words follow it there: in
    capitals, a speaker's label ("14:32 KARAMI — …"); alone on its line, a signature."""
    line_start = text.rfind("\n", start, a) + 1 or start
    line_end = text.find("\n", b, end)
    rest = text[b : end if line_end < 0 else line_end]
    return (
        re.fullmatch(r"[\s\d:.\[(]*", text[line_start:a]) is not None and re.search(r"\w", rest) is not None
    )


_LABEL_AFTER = re.compile(r"\]?[ \t]*(?:\([^()\n]{0,60}\)[ \t]*)?:")


_NEXT_WORD = re.compile(r"[ \t]+(\w)")


def _capital_next(text: str, at: int, end: int) -> bool:
    """Whether a capitalised word follows text[at] on the same line."""
    m = _NEXT_WORD.match(text, at, end)
    return m is not None and m[1].isupper()


_RUN = re.compile(
    r"(?<![\w-])[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*(?:[ \t]+[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*){1,3}(?![\w-])"
)
"""Two to four capitalised words: where a name in another romanisation may stand."""


def _add_romanised(
    text: str,
    start: int,
    end: int,
    persons: PersonIndex,
    others: PersonIndex,
    found: list[Inline],
    taken: list[tuple[int, int]],
) -> None:
    for pointer, index in (("#", persons), ("per:", others)):
        for ident, a, b in _romanised(text, start, end, index, taken):
            found.append(Inline(start=a, end=b, tag="persName", attrs=(("ref", f"{pointer}{ident}"),)))
            taken.append((a, b))


def _romanised(
    text: str, start: int, end: int, persons: PersonIndex, taken: list[tuple[int, int]]
) -> list[tuple[str, int, int]]:
    """Known people named in another romanisation ("Kim Il-sung" for "Kim Il Sung"); the form is recorded."""
    out: list[tuple[str, int, int]] = []
    if not persons.persons():
        return out
    named = Spans(taken)
    for m in _RUN.finditer(text, start, end):
        words = [(w.start(), w.end()) for w in re.finditer(r"\S+", m.group(0))]
        i = 0
        while i < len(words) - 1:
            for j in range(len(words), i + 1, -1):
                a, b = m.start() + words[i][0], m.start() + words[j - 1][1]
                if named.overlaps(a, b):
                    continue
                ident = persons.find_romanised(text[a:b])
                if ident is not None:
                    persons.add_form(ident, " ".join(text[a:b].split()))
                    out.append((ident, a, b))
                    i = j - 1
                    break
            i += 1
    return out


def _ocr(text: str, start: int, end: int) -> list[Inline]:
    """ "Kim II Sung": the capital i's stand for a lower-case L (SOURCE-FORMATS §9)."""
    out = []
    for m in _OCR_II.finditer(text, start, end):
        a, b = m.end(1), m.start(2)
        out.append(Inline(start=a, end=b, tag="choice", added=(("corr", "Il"),)))
        out.append(Inline(start=a, end=b, tag="sic"))
    return out
