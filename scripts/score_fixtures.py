"""Score the converter against the fixtures' ground truth: turn precision/recall, participant recall.

Each fixture `tests/cases/<layout>/<name>.txt` (or `.csv`) has `<name>.expect.json` beside it, written
by hand: the turns (label as written, speaker's canonical name) and the participants. Run:

    python scripts/score_fixtures.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from teikit.model import Document, Turn
from teikit.pipeline import read_documents

CASES = Path(__file__).resolve().parent.parent / "tests" / "cases"


def fixtures(enrolled: bool = False) -> list[tuple[Path, list[dict[str, Any]]]]:
    """Every fixture file with its expectations (a list: one per document in the file); with `enrolled`,
    only those listed in tests/cases/fixtures.txt."""
    listed = {
        line.strip()
        for line in (CASES / "fixtures.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    found = []
    for expect in sorted(CASES.glob("*/*.expect.json")):
        stem = expect.name.removesuffix(".expect.json")
        source = next((p for p in expect.parent.glob(f"{stem}.*") if p.suffix in {".txt", ".csv"}), None)
        if source is None or (enrolled and f"{source.parent.name}/{source.name}" not in listed):
            continue
        data = json.loads(expect.read_text(encoding="utf-8"))
        found.append((source, data if isinstance(data, list) else [data]))
    return found


def _names(doc: Document, ident: str) -> set[str]:
    person = next((p for p in doc.persons if p.id == ident), None)
    return {n.casefold() for n in (person.name, *person.variants)} if person else set()


def score_turns(doc: Document, expected: list[list[str]]) -> tuple[int, int, int]:
    """(correct, predicted, expected): a predicted turn is correct when a turn with the same label is
    expected and the speaker it resolves to bears the expected name."""
    wanted = Counter((" ".join(label.split()), name.casefold()) for label, name in expected)
    correct = 0
    predicted = [b for b in doc.body if isinstance(b, Turn)]
    for turn in predicted:
        label = " ".join(doc.text[turn.speaker.start : turn.speaker.end].split())
        hit = next(
            (key for key in wanted if key[0] == label and wanted[key] and key[1] in _names(doc, turn.who)),
            None,
        )
        if hit is not None:
            wanted[hit] -= 1
            correct += 1
    return correct, len(predicted), len(expected)


def score_participants(doc: Document, expected: list[dict[str, Any]]) -> tuple[int, int]:
    """(found, expected): an expected participant is found when a person bears its name or a variant."""
    names = [{n.casefold() for n in (p.name, *p.variants)} for p in doc.persons]
    found = 0
    for person in expected:
        forms = {person["name"].casefold(), *(v.casefold() for v in person.get("variants", []))}
        found += any(forms & have for have in names)
    return found, len(expected)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="one line per fixture")
    parser.add_argument(
        "--enrolled", action="store_true", help="only the fixtures listed in tests/cases/fixtures.txt"
    )
    args = parser.parse_args(argv)
    tc = tp = te = pf = pe = 0
    documents = 0
    for source, expectations in fixtures(args.enrolled):
        docs = read_documents(source)
        for doc, expect in zip(docs, expectations, strict=True):
            documents += 1
            c, p, e = score_turns(doc, expect.get("turns", []))
            f, n = score_participants(doc, expect.get("participants", []))
            tc, tp, te, pf, pe = tc + c, tp + p, te + e, pf + f, pe + n
            if args.verbose or c != p or c != e or f != n:
                print(
                    f"{source.relative_to(CASES)}#{doc.id}: turns {c}/{p} predicted, {c}/{e} expected; "
                    f"participants {f}/{n}"
                )
    precision = tc / tp if tp else 1.0
    recall = tc / te if te else 1.0
    print(f"{documents} documents")
    print(f"turns: precision {precision:.3f} ({tc}/{tp}), recall {recall:.3f} ({tc}/{te})")
    print(f"participants: recall {pf / pe if pe else 1.0:.3f} ({pf}/{pe})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
