"""The one place where overlapping markup is resolved (DESIGN.md §2).

Recognisers work independently and may propose spans that cross (a date running into a bracket, a
quantity across a stage note). Rule: markup may nest but never cross; where two spans cross, the one
of the stronger kind stays (editorial brackets and page breaks over stage notes over names over dates
and quantities over typography) and the weaker is dropped with a review note.
"""

from __future__ import annotations

from collections.abc import Iterable

from teikit.model import Inline
from teikit.transcript.base import Note

STRENGTH = {
    "pb": 0,
    "lb": 0,
    "fw": 0,
    "gap": 1,
    "desc": 1,
    "note": 1,
    "stamp": 1,
    "add": 1,
    "ref": 1,
    "choice": 2,
    "orig": 2,
    "sic": 2,
    "abbr": 2,
    "supplied": 2,
    "stage": 3,
    "persName": 4,
    "roleName": 4,
    "placeName": 4,
    "orgName": 4,
    "date": 5,
    "measure": 5,
    "num": 5,
    "hi": 6,
}
"""Lower is stronger; kinds not listed are the weakest."""


def _crosses(a: Inline, b: Inline) -> bool:
    if a.start == a.end or b.start == b.end:
        return False
    return a.start < b.start < a.end < b.end or b.start < a.start < b.end < a.end


_OPAQUE = frozenset({"gap", "desc"})
"""The words of an editorial gap are its description: nothing else is marked inside them."""
_NO_STAGE = frozenset(
    {
        "persName",
        "placeName",
        "orgName",
        "roleName",
        "date",
        "measure",
        "num",
        "stamp",
        "fw",
        "abbr",
        "expan",
        "speaker",
    }
)
"""Phrase-level elements that cannot hold a stage direction (TEI's phrase content has none)."""


def _inside(outer: Inline, inner: Inline) -> bool:
    return (
        outer is not inner
        and outer.start <= inner.start
        and inner.end <= outer.end
        and outer.start < outer.end
        and not (outer.start == inner.start and outer.end == inner.end and outer.tag == inner.tag)
    )


def _misplaced(outer: Inline, inner: Inline) -> bool:
    if {outer.tag, inner.tag} == _OPAQUE:
        return False  # a gap and its desc cover the same words
    if outer.tag in _OPAQUE:
        return True
    return inner.tag == "stage" and outer.tag in _NO_STAGE


def resolve(inlines: Iterable[Inline]) -> tuple[list[Inline], list[Note]]:
    """Keep the inlines that cross no stronger one and sit where TEI allows them, in the order given;
    report the others."""
    given = list(inlines)
    ranked = sorted(given, key=lambda i: (STRENGTH.get(i.tag, 9), i.start, -i.end))
    kept: list[Inline] = []
    notes: list[Note] = []
    for inline in ranked:
        rival = next((k for k in kept if _crosses(k, inline)), None)
        if rival is None:
            kept.append(inline)
        else:
            notes.append(
                Note(inline.start, "overlap", f"<{inline.tag}> crossed <{rival.tag}> and was left out")
            )
    for outer in list(kept):  # then nesting TEI forbids: the weaker (or the one inside a gap) goes
        for inner in list(kept):
            if outer in kept and inner in kept and _inside(outer, inner) and _misplaced(outer, inner):
                weaker = (
                    inner
                    if outer.tag in _OPAQUE or STRENGTH.get(outer.tag, 9) <= STRENGTH.get(inner.tag, 9)
                    else outer
                )
                kept.remove(weaker)
                notes.append(
                    Note(
                        weaker.start,
                        "overlap",
                        f"<{inner.tag}> cannot stand inside <{outer.tag}>: <{weaker.tag}> left out",
                    )
                )
    order = {id(i): n for n, i in enumerate(given)}
    return sorted(kept, key=lambda i: order[id(i)]), notes
