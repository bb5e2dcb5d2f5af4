"""The one place where overlapping markup is resolved (DESIGN.md §2).

Recognisers work independently and may propose spans that cross (a date running into a bracket, a
quantity across a stage note). Rule: markup may nest but never cross; where two spans cross, the one
of the stronger kind stays (editorial brackets and page breaks over stage notes over names over dates
and quantities over typography) and the weaker is dropped with a review note.
"""

from __future__ import annotations

import bisect
import sys
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
    kept = _Kept()
    notes: list[Note] = []
    for inline in ranked:
        rival = kept.first_crossing(inline)
        if rival is None:
            kept.add(inline)
        else:
            notes.append(
                Note(inline.start, "overlap", f"<{inline.tag}> crossed <{rival.tag}> and was left out")
            )
    # Then nesting TEI forbids: the weaker (or the one inside a gap) goes. Dropped inlines are tracked by
    # identity: comparing models field by field in `list.remove` could drop an equal twin instead.
    dropped: set[int] = set()
    for outer in kept.inlines:
        if outer.tag not in _OPAQUE and outer.tag not in _NO_STAGE:
            continue  # nothing is misplaced inside it
        for inner in kept.starting_within(outer.start, outer.end):
            if (
                id(outer) not in dropped
                and id(inner) not in dropped
                and _inside(outer, inner)
                and _misplaced(outer, inner)
            ):
                weaker = (
                    inner
                    if outer.tag in _OPAQUE or STRENGTH.get(outer.tag, 9) <= STRENGTH.get(inner.tag, 9)
                    else outer
                )
                dropped.add(id(weaker))
                notes.append(
                    Note(
                        weaker.start,
                        "overlap",
                        f"<{inner.tag}> cannot stand inside <{outer.tag}>: <{weaker.tag}> left out",
                    )
                )
    order = {id(i): n for n, i in enumerate(given)}
    return sorted((i for i in kept.inlines if id(i) not in dropped), key=lambda i: order[id(i)]), notes


class _Kept:
    """The inlines kept so far, in the order kept, with their starts and ends sorted: a line of a thousand
    dates is a thousand inlines, and comparing each with every other took seconds."""

    def __init__(self) -> None:
        self.inlines: list[Inline] = []
        self.starts: list[tuple[int, int]] = []
        """(start, index in `inlines`), sorted."""
        self.ends: list[tuple[int, int]] = []
        """(end, index in `inlines`), sorted."""

    def add(self, inline: Inline) -> None:
        bisect.insort(self.starts, (inline.start, len(self.inlines)))
        bisect.insort(self.ends, (inline.end, len(self.inlines)))
        self.inlines.append(inline)

    def first_crossing(self, inline: Inline) -> Inline | None:
        """The earliest kept inline that `inline` crosses: one that starts or ends strictly inside it."""
        a, b = inline.start, inline.end
        if a == b:
            return None
        candidates = [i for _, i in self._between(self.starts, a, b)] + [
            i for _, i in self._between(self.ends, a, b)
        ]
        crossing = [i for i in candidates if _crosses(self.inlines[i], inline)]
        return self.inlines[min(crossing)] if crossing else None

    def starting_within(self, start: int, end: int) -> list[Inline]:
        """The kept inlines that start in [start, end], in the order kept."""
        lo = bisect.bisect_left(self.starts, (start, -1))
        hi = bisect.bisect_right(self.starts, (end, len(self.inlines)))
        return [self.inlines[i] for i in sorted(i for _, i in self.starts[lo:hi])]

    @staticmethod
    def _between(points: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
        """The entries whose position lies strictly between a and b."""
        return points[bisect.bisect_right(points, (a, sys.maxsize)) : bisect.bisect_left(points, (b, -1))]
