"""Read the archive's citation sentence and the other wrapper fields into header metadata.

A citation reads: “Title”, Date, Publisher Digital Archive, ‹archive reference›. ‹Obtained/translated
by …›. ‹URL›"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pycountry

from teikit import dates

_QUOTED_TITLE = re.compile(r"^[\"“](?P<title>.+?),?[\"”],?\s*")
_PUBLISHER = re.compile(r"(?P<publisher>[^,.]*Digital Archive)\s*,\s*")
_PROVENANCE = re.compile(
    r"\.\s+(?=(?:Obtained|Translated|Contributed|Transcribed|Donated|Provided|Edited)\b)"
)
_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;)]")
_SENTENCE_END = r"(?:(?<!\b[A-Z])\.(?=\s|$)|$)"
_TRANSLATED = re.compile(
    rf"translated\s+(?:for\s+(?P<for>[^.]+?)\s+)?by\s+(?P<names>.+?){_SENTENCE_END}", re.IGNORECASE
)
_OBTAINED = re.compile(
    rf"obtained\s+(?:for\s+[^.]+?\s+)?by\s+(?P<names>.+?)(?:\s+and\s+translated\b|{_SENTENCE_END})",
    re.IGNORECASE,
)
_RECORD_ID = re.compile(r"/(?:document|node)/(?P<id>\d+)\b|(?P<slug>[\w-]+)/?$")
_FUNDER = re.compile(
    r"(?:made possible with support from|support from|funded by)\s+(?P<funder>.+?)\.?$", re.IGNORECASE
)

_DOC_TYPES: tuple[tuple[str, str], ...] = (
    (
        r"\b(?:record|transcript) of (?:the |a )?(?:\w+ )?plenary (?:meeting|session)\b",
        "minutes",
    ),  # a plenary's record
    (
        r"\b(?:record|memorandum|minutes|notes?|transcript) of (?:a |the )?(?:conversation|talks?|meeting)\b|\bconversation\b",
        "record-of-conversation",
    ),
    (r"\b(?:telegram|cable|ciphergram|ciphered)\b", "telegram"),
    (r"\bminutes\b|\bsession\b|\bstenographic\b", "minutes"),
    (r"\bletter\b", "letter"),
    (r"\bjournal\b|\bdiary\b", "journal"),
    (r"\breport\b|\binformation\b", "report"),
    (r"\bmemorandum\b|\bmemo\b|\bnote\b", "memorandum"),
)
"""Words of a title or summary -> document type; the first type found in the title wins, then in the summary."""


@dataclass(frozen=True)
class Citation:
    """The parts of a citation sentence; each None when the citation does not state it."""

    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    archive_ref: str | None = None
    url: str | None = None
    record_id: str | None = None
    translators: tuple[str, ...] = ()
    obtainers: tuple[str, ...] = ()
    translated_for: str | None = None


def parse_citation(text: str) -> Citation:
    """Split a citation sentence into its parts."""
    text = " ".join(text.split())
    urls = _URL.findall(text)
    url = urls[-1] if urls else None
    title_m = _QUOTED_TITLE.match(text)
    rest = text[title_m.end() :] if title_m else text
    found = dates.find_date(rest)
    publisher_m = _PUBLISHER.search(rest)
    archive_ref = None
    if publisher_m:
        tail = rest[publisher_m.end() :]
        if url:
            tail = tail.replace(url, "")
        archive_ref = _PROVENANCE.split(tail, maxsplit=1)[0].strip().rstrip(".").strip() or None
    translated = _TRANSLATED.search(text)
    obtained = _OBTAINED.search(text)
    record = _RECORD_ID.search(url) if url else None
    return Citation(
        title=title_m["title"] if title_m else None,
        date=found.iso if found else None,
        publisher=publisher_m["publisher"].strip() if publisher_m else None,
        archive_ref=archive_ref,
        url=url,
        record_id=(record["id"] or record["slug"]) if record else None,
        translators=split_names(translated["names"]) if translated else (),
        obtainers=split_names(obtained["names"]) if obtained else (),
        translated_for=translated["for"] if translated and translated["for"] else None,
    )


def split_names(names: str) -> tuple[str, ...]:
    """ "A, B and C" -> ("A", "B", "C")."""
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", names.strip().rstrip("."))
    return tuple(p.strip() for p in parts if p.strip())


def funders(credits: str) -> tuple[str, ...]:
    """Funders named in a credits line ("This document was made possible with support from X")."""
    m = _FUNDER.search(" ".join(credits.split()))
    return (m["funder"],) if m else ((credits.strip(),) if credits.strip() else ())


def language_code(name: str) -> str | None:
    """ISO 639 code of a language name ("Chinese" -> "zh"), None when unknown."""
    first = re.split(r"[,;/]|\band\b", name)[0].strip()
    try:
        lang = pycountry.languages.lookup(first)
    except LookupError:
        return None
    code: str = getattr(lang, "alpha_2", None) or lang.alpha_3
    return code


def rendition_language(contents: str) -> str | None:
    """The language of the first rendition in a Contents field: "Translation - English" -> "English"."""
    m = re.search(
        r"\b([A-Z][a-z]+)\s+(?:Translation|Transcript)|(?:Translation|Transcript)\s*[-–—]\s*([A-Z][a-z]+)",
        contents,
    )
    return (m[1] or m[2]) if m else None


def doc_type(title: str, summary: str | None, *, has_turns: bool, form: str | None = None) -> str:
    """The document type from the words of its title, then its summary; a text with turns is a conversation;
    else the type its form suggests.

    :param form: the type the body's form suggests (a telegram's routing, a letter's salutation), if any.
    """
    for source in (title, summary or ""):
        hits = [(m.start(), kind) for rx, kind in _DOC_TYPES if (m := re.search(rx, source, re.IGNORECASE))]
        if hits:
            return min(hits)[1]
    return "record-of-conversation" if has_turns else form or "document"
