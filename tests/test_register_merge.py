"""Register updates lose nothing: concurrent runs into one folder, and curated entries kept byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teikit import pipeline, register_file, registers, tei
from teikit.errors import InputError
from teikit.registers import Entry, Proposal

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


_CURATED = b"""<!-- checked by an editor -->
          <person xml:id="%s">
            <persName>%s</persName>
            <!-- the namesake of the 1970s trade records is another man -->
            <note>Head of the delegation.</note>
            <idno  type='VIAF'>12345678</idno>
          </person>"""


def test_curated_entries_are_kept_byte_for_byte(tmp_path: Path) -> None:
    out, first = tmp_path / "out", [_name(0, 0, k) for k in range(2)]
    (tmp_path / "d1.txt").write_text(_transcript(first), encoding="utf-8")
    assert pipeline.convert_files([tmp_path / "d1.txt"], out)
    register = out / "registers" / "persons.xml"
    old = register.read_bytes()
    ident = next(e.id for e in tei.parse_register(register) if e.name == first[0])
    start = old.index(b'<person resp="#teikit" xml:id="%s">' % ident.encode())
    curated = _CURATED % (ident.encode(), first[0].encode())
    edited = old[:start] + curated + old[old.index(b"</person>", start) + len(b"</person>") :]
    register.write_bytes(edited)

    second = [*first, _name(0, 1, 0), _name(0, 0, 9)]  # the curated person, another seen, two new
    (tmp_path / "d2.txt").write_text(_transcript(second), encoding="utf-8")
    results = pipeline.convert_files([tmp_path / "d2.txt"], out)
    new = register.read_bytes()
    assert new.count(curated) == 1
    assert new.startswith(edited[: edited.index(b"<person ")])  # the header, as it was
    entries = {e.name: e for e in tei.parse_register(register)}
    assert set(second) <= set(entries)
    assert entries[first[1]].attested == ("d1", "d2")  # teikit's own entry is updated
    assert entries[first[0]].attested == ()  # the curated one is not ...
    notes = [n.message for r in results if r.kind == "register" for n in r.review]
    assert any(m.startswith(f"{ident} (curated): d2 adds") for m in notes)  # ... its news is reported
    assert [e.id for e in tei.parse_register(register)] == sorted(e.id for e in entries.values())


def _places(entries: list[Entry]) -> bytes:
    return tei.serialise(tei.build_register(entries, "pla"))


def test_a_register_with_no_curated_entry_is_rewritten_as_built_afresh() -> None:
    old = [
        Entry(id="great-hall", name="Great Hall", kind="building", attested=("a",)),
        Entry(id="east-hall", name="East Hall", within="great-hall", attested=("a",)),
        Entry(id="moscow", name="Moscow", geonames=524901, latitude=55.75, longitude=37.62),
    ]
    merged = [
        Entry(id="china", name="China", iso="CN"),
        Entry(id="east-hall", name="East Hall", within="great-hall", attested=("a", "b")),
        Entry(id="great-hall", name="Great Hall", variants=("the Hall",), kind="building", attested=("a",)),
        Entry(id="north-hall", name="North Hall", within="great-hall"),
        Entry(id="moscow", name="Moscow", geonames=524901, latitude=55.75, longitude=37.62),
        Entry(id="zagreb", name="Zagreb"),
    ]
    merged.sort(key=lambda e: e.id)
    assert register_file.rewrite(_places(old), merged, "pla") == _places(merged)
    assert register_file.rewrite(_places([]), merged, "pla") == _places(merged)  # from <listPlace/>


def test_nesting_across_curated_and_proposed_places() -> None:
    old = _places(
        [
            Entry(id="great-hall", name="Great Hall", kind="building"),
            Entry(id="east-hall", name="East Hall", within="great-hall", proposed=False),
            Entry(id="palace", name="Palace", kind="building", proposed=False),
            Entry(id="west-wing", name="West Wing", within="palace"),
        ]
    ).replace(b"<placeName>East Hall", b"<!-- sic --><placeName>East Hall")
    existing = registers.freeze(tei.parse_register(old))
    assert not next(e for e in existing if e.id == "west-wing").proposed  # held by a curated entry
    merged, _ = registers.merge(
        existing,
        [
            Proposal(id="north-hall", name="North Hall", within="great-hall", document="b"),
            Proposal(id="south-wing", name="South Wing", within="palace", document="b"),
            Proposal(id="great-hall", name="Great Hall", variants=("the Hall",), document="b"),
        ],
    )
    new = register_file.rewrite(old, merged, "pla")
    palace = old[old.index(b'<place xml:id="palace"') : old.rindex(b"</place>") + 8]
    east = old[old.index(b'<place xml:id="east-hall">') :]
    east = east[: east.index(b"</place>") + 8]
    assert new.count(palace) == 1 and new.count(east) == 1 and b"<!-- sic -->" in east
    entries = {e.id: e for e in tei.parse_register(new)}
    assert set(entries) == {"great-hall", "east-hall", "north-hall", "palace", "west-wing", "south-wing"}
    assert entries["north-hall"].within == "great-hall" and entries["east-hall"].within == "great-hall"
    assert entries["south-wing"].within is None  # nothing is added inside a curated entry
    assert entries["great-hall"].variants == ("the Hall",)


def test_a_register_with_a_doctype_is_refused(tmp_path: Path) -> None:
    old = _places([Entry(id="x", name="X")])
    hostile = old.replace(b"<TEI", b'<!DOCTYPE TEI [<!ENTITY e "x">]>\n<TEI', 1)
    with pytest.raises(InputError, match="DOCTYPE"):
        register_file.rewrite(hostile, [Entry(id="x", name="X"), Entry(id="y", name="Y")], "pla")


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.booleans(), st.integers(-1, 40)),
        min_size=0,
        max_size=14,
        unique_by=lambda t: t[0],
    ),
    st.lists(st.tuples(st.integers(0, 60), st.integers(-1, 60)), max_size=10),
)
def test_rewriting_keeps_every_curated_byte_and_every_entry(
    old_spec: list[tuple[int, bool, int]], new_spec: list[tuple[int, int]]
) -> None:
    """Any register of places (some curated, some nested, a comment in each curated one) merged with any
    proposals: each curated entry's bytes are in the result once, and the result holds every entry."""
    ids = {n for n, _, _ in old_spec}
    old_entries = [
        Entry(
            id=f"p{n}",
            name=f"Place {n}",
            proposed=not curated,
            within=f"p{w}" if w in ids and w != n else None,
        )
        for n, curated, w in old_spec
    ]
    old_entries = [e for e in old_entries if not _cyclic(e, old_entries)]
    old = _places(old_entries).replace(b"</placeName>\n", b"</placeName><!-- kept -->\n")
    existing = registers.freeze(tei.parse_register(old))
    curated = [_span(old, e.id) for e in existing if not e.proposed]
    proposals = [
        Proposal(
            id=f"p{n}",
            name=f"Place {n}",
            variants=(f"Town {n}",),
            within=f"p{w}" if w >= 0 else None,
            document="d",
        )
        for n, w in new_spec
    ]
    merged, _ = registers.merge(existing, proposals)
    new = register_file.rewrite(old, merged, "pla")
    assert all(new.count(span) == 1 for span in curated)
    assert sorted(e.id for e in tei.parse_register(new)) == sorted(e.id for e in merged)


def _cyclic(entry: Entry, entries: list[Entry]) -> bool:
    by_id, seen, current = {e.id: e for e in entries}, set(), entry
    while current.within is not None and current.within in by_id:
        if current.id in seen:
            return True
        seen.add(current.id)
        current = by_id[current.within]
    return False


def _span(data: bytes, ident: str) -> bytes:
    """The bytes of the element with xml:id `ident` (its end found by counting nested place tags)."""
    start = data.rindex(b"<place", 0, data.index(b'xml:id="%s"' % ident.encode()))
    depth, pos = 0, start
    while True:
        opening, closing = data.find(b"<place ", pos), data.find(b"</place>", pos)
        if opening != -1 and opening < closing:
            depth, pos = depth + 1, opening + 1
        else:
            depth, pos = depth - 1, closing + 1
            if depth == 0:
                return data[start : closing + len(b"</place>")]
