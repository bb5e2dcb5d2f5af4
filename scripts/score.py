"""Recall and precision of recognition per category, on the fixtures and on the blind set side by side.

Categories: speaker turns, participants, person, place and organisation mentions, and dates with the
right value. The fixtures are `tests/cases/*/*.expect.json` (turns and participants, scored as by
`scripts/score_fixtures.py`) and `tests/cases/entities/cases.json` (mentions and dates, scored as by
`scripts/score_entities.py`: the words and kind, since those cases give no values). The blind set is
every `*.txt` in `--blind DIR` with its `*.gold.json` beside it; it is scored, never tuned on. Run:

    python scripts/score.py [--blind DIR] [--json] [--verbose]

Matching on the blind set is lenient but one to one: a gold turn matches a predicted turn with its label
(a time of day before it aside) whose speaker bears the gold name or shares its head; a gold mention matches a predicted element of its
kind whose words equal it, else one that shares the head of the name (the last word of either is a word
of the other: "Ambassador Okafor" and "Okafor"); exact matches are taken first, and each predicted
element is used once. A date matches when its words equal or contain one another and its value
(`@when`, or `@from`/`@to`) is the gold value. A gold participant matches a listed person with its role
whose name or variant equals it or shares its head; a person the converter added from a speaker label
alone (not in any list) is not a predicted participant.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from score_entities import score as score_entity_cases
from score_fixtures import fixtures, score_turns

from teikit.model import Block, Document, FieldList, Inline, Opener, Para, Turn
from teikit.pipeline import read_document, read_documents

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "tests" / "blind"
CATEGORIES = ("turns", "participants", "persons", "places", "organisations", "dates")
_TAGS = {"persName": "persons", "placeName": "places", "orgName": "organisations", "date": "dates"}
_ENTITY_KINDS = {"persons": "person", "places": "place", "organisations": "org", "dates": "date"}
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_ROLES = ("participant", "interpreter", "recorder")


@dataclass
class Tally:
    """Counts for one category: matched, predicted, expected."""

    correct: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, correct: int, predicted: int, expected: int) -> None:
        self.correct += correct
        self.predicted += predicted
        self.expected += expected

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "recall": round(self.recall, 3),
            "precision": round(self.precision, 3),
            "correct": self.correct,
            "predicted": self.predicted,
            "expected": self.expected,
        }


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _same(gold: str, found: str) -> bool:
    return " ".join(gold.split()).casefold() == " ".join(found.split()).casefold()


def _share_head(gold: str, found: str) -> bool:
    g, f = _words(gold), _words(found)
    return bool(g and f) and (g[-1] in f or f[-1] in g)


def match(
    gold: list[Any], found: list[Any], same: Callable[[Any, Any], bool], near: Callable[[Any, Any], bool]
) -> int:
    """How many gold items find a predicted one: exact pairs first, then near ones; each used once."""
    free = list(range(len(found)))
    left = []
    hits = 0
    for g in gold:
        i = next((i for i in free if same(g, found[i])), None)
        if i is None:
            left.append(g)
        else:
            free.remove(i)
            hits += 1
    for g in left:
        i = next((i for i in free if near(g, found[i])), None)
        if i is not None:
            free.remove(i)
            hits += 1
    return hits


def _paras(block: Block) -> Iterator[Para]:
    """Every paragraph of a body block whose markup counts: field values, turns' speech (not labels)."""
    if isinstance(block, Para):
        yield block
    elif isinstance(block, Opener):
        yield from block.lines
    elif isinstance(block, FieldList):
        yield from (f.value for f in block.fields)
    else:
        for p in block.paras:
            yield from _paras(p)


def mentions(doc: Document) -> dict[str, list[tuple[str, dict[str, str]]]]:
    """Category -> (words, attributes) of each element the converter marked in the body, in order."""
    out: dict[str, list[tuple[str, dict[str, str]]]] = {k: [] for k in _TAGS.values()}
    inlines: list[Inline] = [i for b in doc.body for p in _paras(b) for i in p.inlines]
    for i in sorted(inlines, key=lambda i: (i.start, -i.end)):
        if i.tag in _TAGS:
            out[_TAGS[i.tag]].append((doc.text[i.start : i.end], dict(i.attrs)))
    return out


def _value(attrs: dict[str, str]) -> tuple[str | None, str | None, str | None]:
    return attrs.get("when"), attrs.get("from"), attrs.get("to")


def score_dates(gold: list[dict[str, str]], found: list[tuple[str, dict[str, str]]]) -> int:
    def same(g: dict[str, str], f: tuple[str, dict[str, str]]) -> bool:
        return _same(g["text"], f[0]) and _value(g) == _value(f[1])

    def near(g: dict[str, str], f: tuple[str, dict[str, str]]) -> bool:
        a, b = " ".join(g["text"].split()).casefold(), " ".join(f[0].split()).casefold()
        return (a in b or b in a) and _value(g) == _value(f[1])

    return match(gold, found, same, near)


def listed(doc: Document, roles: tuple[str, ...] = _ROLES) -> list[tuple[set[str], str]]:
    """(forms of the name, role) for each person the document lists, one per role among `roles`; a
    speaker the converter added from a label alone (its `new-speaker` review note) is left out."""
    unlisted = {
        m["name"]
        for n in doc.review
        if n.kind == "new-speaker" and (m := re.match(r"speaker (['\"])(?P<name>.+)\1 is not", n.message))
    }
    return [
        ({p.name, *p.variants}, role)
        for p in doc.persons
        if p.name not in unlisted
        for role in p.roles
        if role in roles
    ]


def score_participants(
    doc: Document, gold: list[dict[str, Any]], fixture: bool = False
) -> tuple[int, int, int]:
    """(matched, predicted, expected) participants with their roles. The fixtures' expectations also
    list the correspondents of letters and telegrams (`sender`, `addressee`); the blind gold does not."""
    found = listed(doc, (*_ROLES, "sender", "addressee") if fixture else _ROLES)

    def same(g: dict[str, Any], f: tuple[set[str], str]) -> bool:
        forms = {g["name"], *g.get("variants", [])}
        return g.get("role", "participant") == f[1] and any(_same(a, b) for a in forms for b in f[0])

    def near(g: dict[str, Any], f: tuple[set[str], str]) -> bool:
        return g.get("role", "participant") == f[1] and any(_share_head(g["name"], b) for b in f[0])

    return match(gold, found, same, near), len(found), len(gold)


_LEADING_TIME = re.compile(r"^[\[(]?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?[\])]?\s+")


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def score_turn_labels(doc: Document, gold: list[list[str]]) -> tuple[int, int, int]:
    """(matched, predicted, expected) turns: a gold turn matches a predicted one with the same label
    whose speaker bears the gold name; else one whose label equals it without a time of day before
    it ("21:04 VOLKOV:" and "VOLKOV:") and whose speaker's name shares the gold name's head."""
    persons = {p.id: p for p in doc.persons}
    found = []
    for turn in (b for b in doc.body if isinstance(b, Turn)):
        person = persons.get(turn.who)
        names = {person.name, *person.variants} if person else set()
        found.append((doc.text[turn.speaker.start : turn.speaker.end], names))

    def same(g: list[str], f: tuple[str, set[str]]) -> bool:
        return _label(g[0]) == _label(f[0]) and any(_same(g[1], n) for n in f[1])

    def near(g: list[str], f: tuple[str, set[str]]) -> bool:
        labels = {_label(_LEADING_TIME.sub("", x)) for x in (g[0], f[0])}
        return len(labels) == 1 and any(_share_head(g[1], n) for n in f[1])

    return match(gold, found, same, near), len(found), len(gold)


def score_blind(folder: Path, verbose: bool = False) -> tuple[dict[str, Tally], int]:
    """Tallies per category over every gold document in `folder`, and the number of documents."""
    tallies = {k: Tally() for k in CATEGORIES}
    documents = 0
    for gold_path in sorted(folder.glob("*.gold.json")):
        source = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt")
        if not source.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = read_document(source)
        documents += 1
        per = {k: Tally() for k in CATEGORIES}
        per["turns"].add(*score_turn_labels(doc, gold.get("turns", [])))
        per["participants"].add(*score_participants(doc, gold.get("participants", [])))
        found = mentions(doc)
        for key in ("persons", "places", "organisations"):
            words = [w for w, _ in found[key]]
            hits = match(gold.get(key, []), words, _same, _share_head)
            per[key].add(hits, len(found[key]), len(gold.get(key, [])))
        per["dates"].add(
            score_dates(gold.get("dates", []), found["dates"]),
            len(found["dates"]),
            len(gold.get("dates", [])),
        )
        for key, t in per.items():
            tallies[key].add(t.correct, t.predicted, t.expected)
        if verbose:  # totals only: which document, never what it holds
            print(
                f"{source.name}: "
                + "  ".join(f"{k} {t.correct}/{t.predicted}/{t.expected}" for k, t in per.items())
            )
    return tallies, documents


def score_cases(verbose: bool = False) -> tuple[dict[str, Tally], int]:
    """Tallies on the fixtures: turns and participants from their expectations, mentions from the
    entity cases."""
    tallies = {k: Tally() for k in CATEGORIES}
    documents = 0
    for source, expectations in fixtures():
        for doc, expect in zip(read_documents(source), expectations, strict=True):
            documents += 1
            turns = score_turns(doc, expect.get("turns", []))
            people = score_participants(doc, expect.get("participants", []), fixture=True)
            tallies["turns"].add(*turns)
            tallies["participants"].add(*people)
            if verbose and (len(set(turns)) > 1 or len(set(people)) > 1):
                print(f"{source.relative_to(ROOT)}#{doc.id}: turns {turns}, participants {people}")
    for key, kind in _ENTITY_KINDS.items():
        _, _, correct, found, expected = score_entity_cases()[kind]
        tallies[key].add(correct, found, expected)
    return tallies, documents


def table(columns: Iterable[tuple[str, dict[str, Tally], int]]) -> str:
    cols = list(columns)
    head = f"{'category':14}" + "".join(f"  {f'{name} ({n} documents)':>32}" for name, _, n in cols)
    rows = [head, f"{'':14}" + "".join(f"  {'recall':>15} {'precision':>16}" for _ in cols)]
    for key in CATEGORIES:
        rows.append(
            f"{key:14}"
            + "".join(
                f"  {t[key].recall:>6.3f} ({t[key].correct:>4}/{t[key].expected:>4}) "
                f"{t[key].precision:>6.3f} ({t[key].correct:>4}/{t[key].predicted:>4})"
                for _, t, _ in cols
            )
        )
    return "\n".join(rows)


def markdown(columns: Iterable[tuple[str, dict[str, Tally], int]]) -> str:
    """The figures as the README's table: recall / precision per category and set."""
    cols = list(columns)
    rows = [
        "| category | "
        + " | ".join(f"{name} ({n} documents): recall / precision" for name, _, n in cols)
        + " |",
        "|---|" + "---|" * len(cols),
    ]
    for key in CATEGORIES:
        rows.append(
            f"| {key} | "
            + " | ".join(f"{t[key].recall:.2f} / {t[key].precision:.2f}" for _, t, _ in cols)
            + " |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--blind", type=Path, default=BLIND, help="folder of the blind set (default tests/blind)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", action="store_true", help="counts per document")
    parser.add_argument("--markdown", action="store_true", help="print the figures as the README's table")
    parser.add_argument(
        "--save",
        type=Path,
        metavar="FILE",
        help="write the blind set's figures to FILE (tests/blind/scores.json: the floor tests/test_score.py keeps)",
    )
    args = parser.parse_args(argv)
    cases, n_cases = score_cases(args.verbose)
    blind, n_blind = score_blind(args.blind, args.verbose) if args.blind.is_dir() else ({}, 0)
    if args.save:
        figures = {"documents": n_blind, **{k: t.as_dict() for k, t in blind.items()}}
        args.save.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if args.json:
        report = {
            "fixtures": {"documents": n_cases, **{k: t.as_dict() for k, t in cases.items()}},
            "blind": {"documents": n_blind, **{k: t.as_dict() for k, t in blind.items()}},
        }
        print(json.dumps(report, indent=2))
        return 0
    columns = [("fixtures", cases, n_cases)] + ([("blind", blind, n_blind)] if n_blind else [])
    print(markdown(columns) if args.markdown else table(columns))
    if not n_blind:
        print(f"no blind documents in {args.blind}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
