"""The document type a body's form suggests when its title names none: routing lines and a telegram
number make a telegram, a salutation and a signature a letter, dated entries a journal."""

from __future__ import annotations

import re
from collections.abc import Sequence

from teikit.dates import is_date_line
from teikit.model import Block, FieldList, Opener, Para
from teikit.transcript.blocks import lines
from teikit.transcript.opener import line_kind

_SALUTATION = re.compile(
    r"(?:(?:my )?dear|(?:much )?esteemed|respected|honou?red)\b[^\n]{0,60}[,:!]?$|"
    r"(?:comrade|mr\.?|mrs\.?|madam|sir|(?:your )?excellency)\b[^\n.]{0,50}[,!]$",
    re.IGNORECASE,
)
"""A letter's opening address: "Dear Comrade Ambassador,", "Comrade Minister,"."""
_CLOSING = re.compile(
    r"(?:yours\b|(?:very )?(?:sincerely|respectfully|faithfully|truly)\b|with (?:comradely |best |warm )?"
    r"(?:greetings|regards|respect)\b|(?:best|kind) regards\b|signed\b|sgd\.?)",
    re.IGNORECASE,
)
"""A letter's closing or the mark of its signature."""
_SENTENCE_END = re.compile(r"[a-z]{2}[.!?](?:\s|$)")


def body_type(text: str, blocks: Sequence[Block]) -> str | None:
    """ "telegram", "letter" or "journal" when the body has the form of one, else None."""
    fields = {f.key for b in blocks if isinstance(b, FieldList) and b.kind == "fields" for f in b.fields}
    openers = {dict(p.attrs).get("type") for b in blocks if isinstance(b, Opener) for p in b.lines}
    paras = [b for b in blocks if isinstance(b, Para)]
    numbered = (
        "number" in fields
        or "number" in openers
        or any(line_kind(ln) == "number" for ln in _lines(text, paras[:4]))
    )
    if {"from", "to"} & fields and numbered:
        return "telegram"
    if _is_addressed(text, paras) and _is_signed(text, paras):
        return "letter"
    if sum(is_date_line(text[p.span.start : p.span.end]) for p in paras) >= 2:
        return "journal"
    return None


def _lines(text: str, paras: list[Para]) -> list[str]:
    return [text[ln.start : ln.end] for p in paras for ln in lines(text, p.span)]


def _is_addressed(text: str, paras: list[Para]) -> bool:
    """A salutation line before the first paragraph of running text (sentences of more than twelve words)."""
    for p in paras:
        raw = text[p.span.start : p.span.end]
        if _SALUTATION.match(raw) and "\n" not in raw:
            return True
        if len(raw.split()) > 12 and _SENTENCE_END.search(raw):
            return False
    return False


def _is_signed(text: str, paras: list[Para]) -> bool:
    """A closing formula near the end, or a last block of a few short lines with no full stop (a name, a
    title, "[signature]") or with the mark of a signature."""
    if not paras:
        return False
    if any(_CLOSING.match(text, p.span.start, p.span.end) for p in paras[-3:]):
        return True
    last = paras[-1]
    if any(i.tag == "gap" and ("reason", "signature") in i.attrs for i in last.inlines):
        return True
    rows = [text[ln.start : ln.end] for ln in lines(text, last.span)]
    return len(rows) <= 3 and all(len(r.split()) <= 6 and not r.rstrip("]").endswith(".") for r in rows)
