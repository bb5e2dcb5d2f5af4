"""Precision and recall of teikit.entities per entity type on tests/cases/entities/cases.json.

Each case gives a short text, its date and the entities it holds (the words as written and their
kind). A found entity counts when its words and kind match an expected one. Run:

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
    return {k: (correct[k] / found[k] if found[k] else 1.0, correct[k] / expected[k] if expected[k] else 1.0,
                correct[k], found[k], expected[k]) for k in KINDS}


def main() -> int:
    for kind, (p, r, c, f, e) in score().items():
        print(f"{kind:8} precision {p:.3f} ({c}/{f})  recall {r:.3f} ({c}/{e})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
