"""Markup inside a paragraph: the editorial bracket grammar (SOURCE-FORMATS §5), translator's notes,
page markers, footnote references, letter-spacing, UPPERCASE names and hyphenation. Pure: spans in,
Inlines and review notes out; the characters always stay (markup only wraps them)."""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from teikit import dates, measures
from teikit.model import Inline
from teikit.transcript.base import Note
from teikit.transcript.spans import Spans

_OPEN = {"[": "]", "(": ")"}
_GAPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rx, re.IGNORECASE), reason)
    for rx, reason in (
        (
            r"^(?:illegible|unreadable|indecipherable|not legible|signature:? illegible|illegible signature|"
            r"[\w ]{0,30}\billegible\]?$)",
            "illegible",
        ),
        (r"^(?:signature|sign|sgd|sd)\.?$|^no name given$", "signature"),
        (
            r"^(?:…|\.{3}|\. \. \.)$|^(?:omitted|omission|passage omitted|text omitted|not translated|abridged|"
            r"excerpts?)\b",
            "omitted",
        ),
        (r"\bredacted\b|^sanitized$", "redacted"),
        (r"\bpages?\s+missing\b|\bmissing\b.*\bpages?\b", "missing"),
        (r"^\d+ groups? unrecover", "unrecovered"),
    )
)
"""Bracketed text that stands for text the edition does not give -> gap/@reason (SOURCE-FORMATS §5c)."""
_HANDWRITTEN = re.compile(r"^(?:handwritten|added by hand|handwriting|in handwriting)\b", re.IGNORECASE)
_MARGIN = re.compile(
    r"^(?:note )?in (?:the )?(?:left |right |top |bottom )?margin\b|^(?:handwritten )?(?:note )?in the "
    r"(?:left |right )?margin",
    re.IGNORECASE,
)
_SIC = re.compile(r"^sic!?$", re.IGNORECASE)
_NOTE = re.compile(
    r"^(?:(?P<who>translator|editor|ed|tr)(?:'s|’s|s)?\.?\s*note|tn|note)\s*[:.-]", re.IGNORECASE
)
_NOTE_SUFFIX = re.compile(r"[-–—]\s*(?P<who>translator|editor)(?:'s|’s)?\s+note\.?$", re.IGNORECASE)
_STAMP = re.compile(r"^(?:[\w.-]+\s+){0,4}stamps?\b\s*(?:and handwriting)?\s*:?", re.IGNORECASE)
_PAGE = re.compile(r"^(?:page|p\.|pp\.|str\.|s\.)\s*(?P<n>\d{1,4})$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^(?:\d{1,3}|[ivxlc]{1,6}|[a-z])$")
"""A note marker: "[1]", "[ii]", "[a]"."""
_NAME_WORD = re.compile(r"^[A-Z][\w'’-]*\.?$")
_SPACED = re.compile(r"(?<!\S)(?:[^\W\d_] ){3,}[^\W\d_](?!\S)")
_UPPER = re.compile(r"\b[A-ZÀ-Ý][A-ZÀ-Ý'’-]{4,}\b")
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-\n(?=[a-zà-ÿ])")
_HYPHEN_SPACE = re.compile(r"\b(?P<a>[^\W\d_]{2,})- (?P<b>[a-zà-ÿ]{2,})\b")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_STAGE_WORDS = re.compile(
    r"^(?:laughter|laughs|applause|pause|interruption|silence|inaudible|crosstalk)\.?$", re.IGNORECASE
)
_SENTENCE = re.compile(r"^[A-Z][^\[\]]*\s[^\[\]]*\s[^\[\]]*\s[^\[\]]*[.!?]$")
"""Narrative in brackets: "[Laughter]", "[The President arrived and then went on to meet with …]"."""


@dataclass
class Found:
    """What the recognisers found in a paragraph."""

    inlines: list[Inline] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    footnote_refs: list[str] = field(default_factory=list)


def annotate(text: str, start: int, end: int, *, footnotes: frozenset[str] = frozenset()) -> Found:
    """Inline markup for text[start:end]; `footnotes` are the note numbers the document's endnotes define."""
    found = Found()
    for kind, a, b in _brackets(text, start, end, found):
        _classify(text, kind, a, b, found, footnotes)
    _layout_marks(text, start, end, found)
    return found


def flattened_ref(text: str, number: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """A footnote number flattened onto the word it marks ("WINIEWICZ 1, URGENT"): after a name, before
    punctuation or the end of the line."""
    rx = re.compile(rf"(?<=[^\W\d_]{{2}}) (?P<n>{number})(?=[,;:]|\.?$)", re.MULTILINE)
    return rx.search(text, start, len(text) if end is None else end)


MAX_BRACKET_DEPTH = 16
"""Brackets nested deeper than this are left as text: no transcript nests its editorial brackets so
deep, and each level is an element (XML parsers refuse documents nested a few hundred deep)."""
_DEEP = f"brackets nested more than {MAX_BRACKET_DEPTH} deep: the inner ones are left as text"


def _brackets(text: str, start: int, end: int, found: Found) -> Iterator[tuple[str, int, int]]:
    """Balanced [...] and (...) pairs (outermost first for nesting); unbalanced ones become review notes."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[str, int, int]] = []
    for i in range(start, end):
        ch = text[i]
        if ch in _OPEN:
            stack.append((ch, i))
        elif ch in ("]", ")"):
            if stack and _OPEN[stack[-1][0]] == ch:
                kind, a = stack.pop()
                if len(stack) < MAX_BRACKET_DEPTH:
                    pairs.append((kind, a, i + 1))
                elif len(stack) == MAX_BRACKET_DEPTH:
                    found.notes.append(Note(a, "deep-brackets", _DEEP))
            elif ch == "]":
                found.notes.append(
                    Note(i, "unbalanced-bracket", "closing bracket ']' without an opening one")
                )
    crossing = _Crossing([(p_a, p_b) for _, p_a, p_b in pairs])
    for kind, a in stack:
        if kind != "[":
            continue
        found.notes.append(
            Note(
                a,
                "unbalanced-bracket",
                "opening bracket '[' is never closed: read as a note to the end of the line",
            )
        )
        line_end = min(_line_end(text, a), end)
        if not crossing.any(a, line_end):
            found.inlines.append(Inline(start=a, end=line_end, tag="note", attrs=(("type", "editorial"),)))
    yield from sorted(pairs, key=lambda p: (p[1], -p[2]))


class _Crossing:
    """Whether a span crosses one of the bracket pairs: a pair crossing [a, b) starts or ends strictly
    inside it, so only those are looked at (a line of thousands of brackets compared every unclosed one
    with every pair, for minutes)."""

    def __init__(self, pairs: list[tuple[int, int]]) -> None:
        self.starts = sorted(pairs)
        self.ends = sorted((b, a) for a, b in pairs)

    def any(self, a: int, b: int) -> bool:
        inside = slice(
            bisect.bisect_right(self.starts, (a, sys.maxsize)), bisect.bisect_left(self.starts, (b, -1))
        )
        if any(b < p_b for _, p_b in self.starts[inside]):
            return True
        inside = slice(
            bisect.bisect_right(self.ends, (a, sys.maxsize)), bisect.bisect_left(self.ends, (b, -1))
        )
        return any(p_a < a for _, p_a in self.ends[inside])


def _classify(text: str, kind: str, a: int, b: int, found: Found, footnotes: frozenset[str]) -> None:
    inner = " ".join(text[a + 1 : b - 1].split())
    if kind == "(":
        _parenthesis(text, inner, a, b, found)
        return
    if text.startswith("[[", a) and text.startswith("]]", b - 2):
        found.inlines.append(Inline(start=a, end=b, tag="add", attrs=(("type", "handwritten"),)))
    elif a > 0 and text[a - 1] == "[" or text[b : b + 1] == "]":
        return  # inner of [[…]]: covered by the outer pair
    elif _SIC.match(inner):
        _sic(text, a, b, found)
    elif reason := next((r for rx, r in _GAPS if rx.search(inner)), None):
        _gap(a, b, reason, found)
    elif m := _NOTE.match(inner):
        found.inlines.append(Inline(start=a, end=b, tag="note", attrs=(("type", _note_type(m["who"])),)))
    elif _MARGIN.match(inner):
        found.inlines.append(Inline(start=a, end=b, tag="note", attrs=(("type", "margin"),)))
    elif _HANDWRITTEN.match(inner):
        found.inlines.append(Inline(start=a, end=b, tag="add", attrs=(("type", "handwritten"),)))
    elif _STAMP.match(inner):
        stamp_end = b if inner.rstrip(":").lower() not in {"stamp", "stamps"} else _line_end(text, b)
        found.inlines.append(Inline(start=a, end=stamp_end, tag="stamp"))
    elif m := _PAGE.match(inner):
        _page(a, b, m["n"], found)
    elif _FOOTNOTE.match(inner):
        if inner in footnotes:  # a marker whose note the document gives; other numbers stay as they are
            found.inlines.append(
                Inline(start=a, end=b, tag="ref", attrs=(("type", "footnote"), ("target", f"#fn-{inner}")))
            )
            found.footnote_refs.append(inner)
        elif not inner.isdigit() and not _is_marker(text, a, b):
            _supplied(text, a, b, inner, found)
    elif _STAGE_WORDS.match(inner) or _SENTENCE.match(inner):
        found.inlines.append(Inline(start=a, end=b, tag="stage"))
    elif inner:
        _supplied(text, a, b, inner, found)


def _supplied(text: str, a: int, b: int, inner: str, found: Found) -> None:
    reason = _supplied_reason(text, a, inner)
    attrs = (("reason", reason),) if reason else ()
    found.inlines.append(Inline(start=a + 1, end=b - 1, tag="supplied", attrs=attrs))
    if len(inner.split()) > 12:
        found.notes.append(
            Note(a, "unclassified-bracket", f"long bracketed passage read as supplied text: [{inner[:40]}…]")
        )


def _is_marker(text: str, a: int, b: int) -> bool:
    """A note marker by its place: glued to the word it marks ("KROTOV[i]") or opening a line of its own
    ("[i] KROTOV: …", the note itself)."""
    glued = a > 0 and text[a - 1].isalpha()
    opens_line = (a == 0 or text[a - 1] == "\n") and text[b : b + 1] == " "
    return glued or opens_line


def _parenthesis(text: str, inner: str, a: int, b: int, found: Found) -> None:
    if m := _NOTE_SUFFIX.search(inner):
        found.inlines.append(Inline(start=a, end=b, tag="note", attrs=(("type", _note_type(m["who"])),)))
    elif m := _NOTE.match(inner):
        found.inlines.append(Inline(start=a, end=b, tag="note", attrs=(("type", _note_type(m["who"])),)))
    elif m := _PAGE.match(inner):
        _page(a, b, m["n"], found)
    elif _GAPS[0][0].match(inner):
        _gap(a, b, "illegible", found)


def _note_type(who: str | None) -> str:
    return "editor" if who and who.lower().startswith("ed") else "translator"


def _gap(a: int, b: int, reason: str, found: Found) -> None:
    found.inlines.append(Inline(start=a, end=b, tag="gap", attrs=(("reason", reason),)))
    found.inlines.append(Inline(start=a, end=b, tag="desc"))


def _page(a: int, b: int, n: str, found: Found) -> None:
    found.inlines.append(Inline(start=a, end=a, tag="pb", attrs=(("n", n),)))
    found.inlines.append(Inline(start=a, end=b, tag="fw", attrs=(("type", "pageNum"),)))


def _sic(text: str, a: int, b: int, found: Found) -> None:
    m = re.search(r"(\S+)\s*$", text[max(0, a - 60) : a])
    if m:
        word_start = a - (len(text[max(0, a - 60) : a]) - m.start(1))
        word_end = word_start + len(m[1])
        if text[word_end - 1] not in "])":
            found.inlines.append(Inline(start=word_start, end=word_end, tag="sic"))
    found.inlines.append(Inline(start=a, end=b, tag="note", attrs=(("type", "sic"),)))


def _supplied_reason(text: str, a: int, inner: str) -> str | None:
    """`romanisation` for a second spelling of the name just before; `completion` for a name's missing part."""
    before = re.search(r"([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s*$", text[max(0, a - 80) : a])
    words = inner.split()
    if not before or not all(_NAME_WORD.match(w) for w in words):
        return "implied" if inner[:1].islower() or len(words) <= 4 else None
    prev = before[1].split()
    if len(words) >= 2 and words[0][0] == prev[0][0] and len(words) == len(prev):
        return "romanisation"
    return "completion" if len(words) <= 2 else None


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def _layout_marks(text: str, start: int, end: int, found: Found) -> None:
    for m in _SPACED.finditer(text, start, end):
        found.inlines.append(Inline(start=m.start(), end=m.end(), tag="hi", attrs=(("rend", "spaced"),)))
    for m in _UPPER.finditer(text, start, end):
        word = m.group(0)
        vowels = sum(c in "AEIOUYÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜ" for c in word)
        if vowels >= 2 and not _ROMAN.match(word):
            found.inlines.append(
                Inline(start=m.start(), end=m.end(), tag="hi", attrs=(("rend", "uppercase"),))
            )
    for m in _HYPHEN_BREAK.finditer(text, start, end):
        found.inlines.append(Inline(start=m.end() - 1, end=m.end() - 1, tag="lb", attrs=(("break", "no"),)))
    for m in _HYPHEN_SPACE.finditer(text, start, end):
        joined = m["a"] + m["b"]
        found.inlines.append(Inline(start=m.start(), end=m.end(), tag="choice", added=(("reg", joined),)))
        found.inlines.append(Inline(start=m.start(), end=m.end(), tag="orig"))


def dates_and_measures(
    text: str,
    start: int,
    end: int,
    *,
    anchor: str | None = None,
    recent: str | None = None,
    covered: Iterable[tuple[int, int]] = (),
) -> tuple[list[Inline], list[dates.DateRef], list[dates.DateRef]]:
    """date and measure (with num for a range) in text[start:end], the dates read as ambiguous (left
    unmarked: they have no value to give), and every date read (for the anchors of what follows).

    :param anchor: the time of writing; `recent`: the last date named before `start` (teikit.dates).
    Dates that meet `covered` spans (already marked) are skipped; a quantity never overlaps a date.
    """
    spans = Spans(covered)
    found: list[Inline] = []
    ambiguous = []
    refs = [
        ref
        for ref in dates.find_dates(text, start, end, anchor=anchor, recent=recent)
        if not spans.overlaps(ref.start, ref.end)
    ]
    for ref in refs:
        if ref.ambiguous:  # no value to give: the review note asks for one, the text gets no empty <date>
            ambiguous.append(ref)
        else:
            found.append(Inline(start=ref.start, end=ref.end, tag="date", attrs=ref.attrs))
    dated = Spans((r.start, r.end) for r in refs)
    for q in measures.find_measures(text, start, end):
        if not dated.overlaps(q.start, q.end):
            found.append(Inline(start=q.start, end=q.end, tag="measure", attrs=q.attrs))
            if q.range_end is not None:
                found.append(Inline(start=q.start, end=q.range_end, tag="num", attrs=q.range_attrs))
    return found, ambiguous, refs
