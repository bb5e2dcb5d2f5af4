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
    "pb": 0, "lb": 0, "fw": 0, "gap": 1, "desc": 1, "note": 1, "stamp": 1, "add": 1, "ref": 1,
    "choice": 2, "orig": 2, "sic": 2, "abbr": 2, "supplied": 2, "stage": 3,
    "persName": 4, "roleName": 4, "placeName": 4, "orgName": 4,
    "date": 5, "measure": 5, "num": 5, "hi": 6,
}
"""Lower is stronger; kinds not listed are the weakest."""


def _crosses(a: Inline, b: Inline) -> bool:
    if a.start == a.end or b.start == b.end:
        return False
    return a.start < b.start < a.end < b.end or b.start < a.start < b.end < a.end


def resolve(inlines: Iterable[Inline]) -> tuple[list[Inline], list[Note]]:
    """Keep the inlines that cross no stronger one; report the others."""
    ranked = sorted(inlines, key=lambda i: (STRENGTH.get(i.tag, 9), i.start, -i.end))
    kept: list[Inline] = []
    notes: list[Note] = []
    for inline in ranked:
        rival = next((k for k in kept if _crosses(k, inline)), None)
        if rival is None:
            kept.append(inline)
        else:
            notes.append(Note(inline.start, "overlap", f"<{inline.tag}> crossed <{rival.tag}> and was left out"))
    return kept, notes
