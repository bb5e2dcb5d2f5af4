"""The lines that open a document before its body proper: classification, review status, telegram
number and routing, file numbers; and blocks that mix them with field lines."""

from __future__ import annotations

import re
from collections.abc import Callable

from teikit.dates import is_date_line
from teikit.model import Opener, Para, Span
from teikit.transcript.blocks import lines
from teikit.transcript.fields import FIELD_LINE, field_key

_OPENER_LINES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rx, re.IGNORECASE), kind)
    for rx, kind in (
        (
            r"^(?:(?:top |highly |strictly )?secret|confidential|(?:highly )?classified|restricted|urgent|"
            r"eyes only|for official use only|personal)\b[^\n]{0,60}$",
            "classification",
        ),
        (
            r"^(?!(?:the|a|an|this|that|it)\s)(?-i:[A-Z][\w'’-]*)(?:\s+(?-i:[A-Z][\w'’-]*|of|for|and)){0,5}\s+"
            r"(?:(?:top|strictly|highly)\s+)?(?:secret|confidential)(?:\s+(?:document|file|telegram|cable))?$",
            "classification",
        ),
        (r"^copy\s+(?:n[º°o]\.?\s*)?\d+(?:\s+of\s+\d+)?\b[^\n]{0,30}$", "classification"),
        (r"^[(\[][^()\[\]]*\b(?:proofread|review|approv|examin|check)\w*[^()\[\]]*[)\]]$", "review-status"),
        (
            r"^(?:ciphered telegram|ciphergram|telegram|cable|cipher)\s+(?:n[º°o]\.?|number)\s*[\w./-]+[^\n]{0,40}$",
            "number",
        ),
        (
            r"^(?:dispatched|sent|received|arrived|processed|issued|came into|decoded|deciphered|special no|issuing no)"
            r"\b[^\n]{0,100}$",
            "routing",
        ),
        (r"^(?:two|three|four|\d+) copies printed|^making copies is prohibited", "distribution"),
    )
)
"""Opener line -> its kind (the @type of its <seg>). A classification may follow the body that sets it
("Foreign Ministry Top Secret Document")."""
_PLACE_DATE = re.compile(r"(?-i:[A-Z])[\w.'’ -]{1,40},[ \t]+(?=\d|[A-Z])")
_FILE_NUMBER = re.compile(r"^(?:(?:No|Nº|N°)\.?\s*)?\d[\w-]*(?:/[\w-]+)+$|^(?:No|Nº|N°)\.?\s*\d[\w/.-]*$")


def line_kind(line: str) -> str | None:
    """The kind of an opener line ("classification", "number", "routing", …), or None."""
    return next((k for rx, k in _OPENER_LINES if rx.match(line)), None)


def is_place_date(text: str, line: Span) -> bool:
    """A "Place, date" line: "Hanoi, 17 th October, 1956"."""
    m = _PLACE_DATE.match(text, line.start, line.end)
    return m is not None and is_date_line(text[m.end() : line.end])


def read_opener(text: str, span: Span, para: Callable[..., Para]) -> Opener | None:
    """The block as opener lines, or None if any line is not one. A place-and-date line is a dateline.

    :param para: builds a paragraph with its inline markup (a span, a tag and attributes).
    """
    paras = []
    for ln in lines(text, span):
        value = text[ln.start : ln.end]
        if (kind := line_kind(value)) is not None:
            paras.append(para(ln, tag="seg", attrs=(("type", kind),)))
        elif _FILE_NUMBER.match(value):
            paras.append(Para(span=ln, tag="idno", attrs=(("type", "file"),)))
        elif is_place_date(text, ln):  # "Moscow, 2 March 1961": where and when the document was written
            paras.append(para(ln, tag="dateline"))
        else:
            return None
    return Opener(lines=tuple(paras))


def split_runs(text: str, span: Span) -> list[Span]:
    """A block mixing opener lines and field lines ("TOP SECRET" above "To: …") as runs of one kind each;
    the block itself when it does not open with such a run."""
    runs: list[tuple[str, Span]] = []
    for ln in lines(text, span):
        value = text[ln.start : ln.end]
        m = FIELD_LINE.match(text, ln.start, ln.end)
        if line_kind(value) is not None or _FILE_NUMBER.match(value) or is_place_date(text, ln):
            kind = "opener"
        elif m is not None and field_key(m["label"]) is not None:
            kind = "field"
        else:
            kind = "field" if runs and runs[-1][0] == "field" else "other"
        if runs and runs[-1][0] == kind and kind != "other":
            runs[-1] = (kind, Span(start=runs[-1][1].start, end=ln.end))
        else:
            runs.append((kind, ln))
    if len(runs) < 2 or runs[0][0] == "other":
        return [span]
    merged: list[Span] = []
    for kind, run in runs:  # lines of other kinds stay together after the first opener/field run
        if kind == "other" and len(merged) > 1 and text[merged[-1].end : run.start].count("\n") < 2:
            merged[-1] = Span(start=merged[-1].start, end=run.end)
        else:
            merged.append(run)
    return merged
