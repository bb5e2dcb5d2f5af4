"""Precision and recall of teikit.entities per entity type on tests/cases/entities/cases.json.

Each case gives a short text, its date and the entities it holds (the words as written and their
kind). A found entity counts when its words and kind match an expected one. A case may also list
groups of mentions that name one entity ("same": "Chou En-lai" and "Zhou Enlai"); a group counts as
linked when every mention in it is found and all point at one entry. Run:

    python scripts/score_entities.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from teikit.entities import find_entities

CASES = Path(__file__).resolve().parent.parent / "tests" / "cases" / "entities" / "cases.json"
KINDS = ("person", "place", "org", "date", "measure")


def score() -> dict[str, tuple[float, float, int, int, int]]:
    """Kind -> (precision, recall, correct, found, expected)."""
    correct: Counter[str] = Counter()
    found: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    for case in json.loads(CASES.read_text(encoding="utf-8")):
        text = case["text"]
        want = Counter((words, kind) for words, kind in case["entities"])
        got = Counter((text[e.start : e.end], e.kind) for e in find_entities(text, anchor=case["anchor"]))
        for (words, kind), n in got.items():
            found[kind] += n
            correct[kind] += min(n, want[(words, kind)])
        for (_, kind), n in want.items():
            expected[kind] += n
    return {
        k: (
            correct[k] / found[k] if found[k] else 1.0,
            correct[k] / expected[k] if expected[k] else 1.0,
            correct[k],
            found[k],
            expected[k],
        )
        for k in KINDS
    }


def score_links() -> tuple[int, int]:
    """(groups linked, groups expected): mentions of one entity that point at one entry."""
    linked = expected = 0
    for case in json.loads(CASES.read_text(encoding="utf-8")):
        text = case["text"]
        refs: dict[str, set[str]] = {}
        for e in find_entities(text, anchor=case["anchor"]):
            refs.setdefault(text[e.start : e.end], set()).update(v for k, v in e.attrs if k == "ref")
        for group in case.get("same", []):
            expected += 1
            found = [refs.get(words, set()) for words in group]
            linked += all(len(r) == 1 for r in found) and len(set().union(*found)) == 1
    return linked, expected


def main() -> int:
    for kind, (p, r, c, f, e) in score().items():
        print(f"{kind:8} precision {p:.3f} ({c}/{f})  recall {r:.3f} ({c}/{e})")
    linked, expected = score_links()
    print(f"links    {linked}/{expected} groups of mentions point at one entry")
    return 0


if __name__ == "__main__":
    sys.exit(main())
