"""Register updates lose nothing: concurrent runs into one folder, and curated entries kept byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from teikit import tei

_SYLLABLES = ("ba", "de", "fi", "go", "ku", "la", "me", "ni", "po", "ru")
_FIRST = ("Ivan", "Piotr", "Ovidiu", "Tamas")


def _name(*digits: int) -> str:
    """A made-up name, distinct for distinct digits: no register or gazetteer knows it."""
    return _FIRST[digits[-1] % len(_FIRST)] + " Z" + "".join(_SYLLABLES[d] for d in digits) + "k"


def _transcript(people: list[str]) -> str:
    return (
        "Record of Conversation\n\nTime: 3 May 1960\n"
        f"Participants: {', '.join(f'Comrade {p}' for p in people)}\n\n"
        f"Comrade {people[0].split()[-1]} said that the talks went well.\n"
    )


def test_concurrent_converts_into_one_folder_lose_no_register_entry(tmp_path: Path) -> None:
    out = tmp_path / "out"
    expected: set[str] = set()
    commands = []
    for proc in range(8):
        sources = []
        for doc in range(3):
            people = [_name(proc, doc, k) for k in range(4)]
            expected.update(people)
            source = tmp_path / f"p{proc}" / f"d{proc}-{doc}.txt"
            source.parent.mkdir(exist_ok=True)
            source.write_text(_transcript(people), encoding="utf-8")
            sources.append(str(source))
        commands.append([sys.executable, "-m", "teikit", "convert", *sources, "-o", str(out)])
    running = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in commands]
    outcomes = [p.communicate(timeout=300) for p in running]
    assert [p.returncode for p in running] == [0] * 8, [err.decode() for _, err in outcomes]
    names = {e.name for e in tei.parse_register(out / "registers" / "persons.xml")}
    assert expected <= names, sorted(expected - names)
    assert len(list(out.glob("*.xml"))) == 24
    assert not list((out / "registers").glob(".*.lock")), "a lock file was left behind"
