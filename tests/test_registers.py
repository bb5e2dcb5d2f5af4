"""The persons register: merging proposals, curated entries left alone, the committed register in sync."""

from __future__ import annotations

from pathlib import Path

from conftest import ENCODED, REPO, canonical
from lxml import etree

from teikit import pipeline, registers, tei
from teikit.registers import Entry, Proposal

NS = {"t": tei.TEI_NS}
REGISTER = REPO / "encoded" / "registers" / "persons.xml"
PLACES = REPO / "encoded" / "registers" / "places.xml"


def test_merge_adds_joins_and_leaves_curated_entries_alone() -> None:
    curated = Entry(id="kim-il-sung", name="Kim Il Sung", proposed=False, attested=("a",))
    proposed = Entry(id="zhou-enlai", name="Zhou Enlai", attested=("a",))
    merged, messages = registers.merge(
        [curated, proposed],
        [
            Proposal(id="zhou", name="Zhou", variants=("Zhou Enlai",), titles=("Premier",), document="b"),
            Proposal(id="kim-il-sung", name="Kim Il Sung", titles=("Premier",), document="b"),
            Proposal(id="brezhnev", name="Brezhnev", document="b"),
        ],
    )
    by_id = {e.id: e for e in merged}
    assert by_id["zhou-enlai"].variants == ("Zhou",) and by_id["zhou-enlai"].attested == ("a", "b")
    assert by_id["zhou-enlai"].titles == ("Premier",)
    assert by_id["kim-il-sung"] == curated
    assert messages == ["kim-il-sung (curated): b adds 'Premier'"]
    assert by_id["brezhnev"].proposed and by_id["brezhnev"].attested == ("b",)


def test_register_file_round_trip() -> None:
    entries = [
        Entry(id="a-b", name="A B", variants=("A. B.",), titles=("Minister",), attested=("d1", "d2")),
        Entry(id="c", name="C", proposed=False),
    ]
    tree = tei.build_register(entries)
    assert tei.parse_register(tei.serialise(tree)) == entries
    places = [
        Entry(
            id="moscow", name="Moscow", variants=("Moskva",), geonames=524901, latitude=55.75, longitude=37.62
        ),
        Entry(id="japan", name="Japan", iso="JP", proposed=False),
    ]
    assert tei.parse_register(tei.serialise(tei.build_register(places, "pla"))) == places


def test_every_pointer_into_the_registers_resolves() -> None:
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    people = {p.get(xml_id) for p in etree.parse(str(REGISTER)).iterfind(".//t:person", NS)}
    places = {p.get(xml_id) for p in etree.parse(str(PLACES)).iterfind(".//t:place", NS)}
    for path in ENCODED:
        tree = etree.parse(str(path))
        pointers = [p.get("sameAs") for p in tree.iterfind(".//t:particDesc//t:person", NS)]
        pointers += [r for r in tree.xpath("//t:persName/@ref", namespaces=NS) if r.startswith("per:")]
        assert pointers and all(p.removeprefix("per:") in people for p in pointers), path.name
        place_refs = [r.removeprefix("pla:") for r in tree.xpath("//t:placeName/@ref", namespaces=NS)]
        assert place_refs and set(place_refs) <= places, path.name


def test_places_carry_authority_ids() -> None:
    entries = {e.id: e for e in tei.parse_register(PLACES)}
    assert entries["north-korea"].iso == "KP" and entries["north-korea"].geonames == 1873107
    assert "DPRK" in entries["north-korea"].variants
    assert {"Gorkyi", "Nizhnyi Novgorod"} <= set(entries["nizhny-novgorod"].variants)
    assert entries["moscow"].latitude is not None and entries["moscow"].longitude is not None


def test_committed_register_equals_a_fresh_merge(tmp_path: Path) -> None:
    results = pipeline.convert_files([REPO / "transcripts"], tmp_path)
    for fresh in (r for r in results if r.kind == "register"):
        committed = REPO / "encoded" / "registers" / Path(fresh.output or "").name
        assert canonical(Path(fresh.output or "").read_bytes()) == canonical(committed.read_bytes()), (
            f"{committed} is out of date: run `teikit convert transcripts/`"
        )


def test_curated_entry_survives_reconversion(tmp_path: Path) -> None:
    regdir = tmp_path / "registers"
    regdir.mkdir()
    data = REGISTER.read_bytes().replace(
        b'<person resp="#teikit" xml:id="brezhnev">', b'<person xml:id="brezhnev">'
    )
    (regdir / "persons.xml").write_bytes(
        data.replace(b"<persName>Brezhnev</persName>", b"<persName>Leonid Brezhnev</persName>")
    )
    pipeline.convert_files([REPO / "transcripts"], tmp_path)
    entries = {e.id: e for e in tei.parse_register(tmp_path / "registers" / "persons.xml")}
    assert entries["brezhnev"].name == "Leonid Brezhnev" and not entries["brezhnev"].proposed


def test_organisations_are_linked_to_their_register() -> None:
    orgs = {e.id: e for e in tei.parse_register(REPO / "encoded" / "registers" / "orgs.xml")}
    assert {
        "state-planning-commission",
        "ministry-of-foreign-trade",
        "korean-press-agency",
        "chinese-cp",
        "ussr-mfa",
    } <= set(orgs)
    for path in ENCODED:
        refs = etree.parse(str(path)).xpath("//t:orgName/@ref", namespaces=NS)
        assert refs and {r.removeprefix("org:") for r in refs} <= set(orgs), path.name


def test_both_spellings_of_one_person_point_at_one_entry() -> None:
    tree = etree.parse(str(REPO / "encoded" / "wcda-116739.xml"))
    kims = [p for p in tree.iterfind(".//t:body//t:persName[@ref='per:kim-il-sung']", NS)]
    written = {"".join(p.xpath("text() | */text() | t:choice/t:sic/text()", namespaces=NS)) for p in kims}
    assert any("II" in w for w in written) and any("Il" in w for w in written)
    ocr = tree.find(".//t:persName[@ref='per:kim-il-sung']/t:choice", NS)
    assert ocr.findtext("t:sic", namespaces=NS) == "II" and ocr.findtext("t:corr", namespaces=NS) == "Il"
    entries = {e.id for e in tei.parse_register(REGISTER)}
    assert {
        "kim-il-sung",
        "brezhnev",
        "khrushchev",
        "podgornyi",
        "novikov",
        "mazurov",
        "sudarikov",
        "adolf-kotlik",
    } <= entries


def test_merge_joins_another_romanisation_and_keeps_the_pointer_as_an_alias() -> None:
    zhou = Entry(id="zhou-enlai", name="Zhou Enlai", attested=("a",))
    merged, messages = registers.merge(
        [zhou],
        [
            Proposal(id="chou-en-lai", name="Chou En-lai", titles=("Premier",), document="b"),
        ],
        romanised=True,
    )
    by_id = {e.id: e for e in merged}
    assert by_id["zhou-enlai"].variants == ("Chou En-lai",) and by_id["zhou-enlai"].attested == ("a", "b")
    assert by_id["chou-en-lai"].same_as == "zhou-enlai"  # the document's per:chou-en-lai still resolves
    assert messages == []
    merged, _ = registers.merge(
        merged, [Proposal(id="chou-en-lai", name="Chou En-lai", document="c")], romanised=True
    )
    assert {e.id: e for e in merged}["zhou-enlai"].attested == ("a", "b", "c")
    places, _ = registers.merge(
        [Entry(id="kim-il-sung-square", name="Kim Il Sung Square")],
        [Proposal(id="kim-il-sung-sq", name="Kim Il-sung Square", document="b")],
    )
    assert len(places) == 2  # romanisation families are for persons only


def test_an_ambiguous_match_is_reported_for_proposed_and_curated_entries() -> None:
    entries = [
        Entry(id="ri-il-gyeong", name="Ri Il-gyeong", attested=("a",)),
        Entry(id="li-il-gyong", name="Li Il Gyong", attested=("b",), proposed=False),
    ]
    merged, messages = registers.merge(
        entries, [Proposal(id="rhee-il-gyeong", name="Rhee Il-gyeong", document="c")], romanised=True
    )
    assert messages == [
        "rhee-il-gyeong: 'Rhee Il-gyeong' in c could be any of li-il-gyong, ri-il-gyeong: "
        "kept as an entry of its own for an editor to decide"
    ]
    assert {e.id for e in merged} == {"ri-il-gyeong", "li-il-gyong", "rhee-il-gyeong"}
    entries = [
        Entry(id="zhou-enlai", name="Zhou Enlai", variants=("Zhou",)),
        Entry(id="zhou-shidi", name="Zhou Shidi", variants=("Zhou",)),
    ]
    _, messages = registers.merge(entries, [Proposal(id="zhou", name="Zhou", document="d")])
    assert messages == [
        "zhou: 'Zhou' in d could be any of zhou-enlai, zhou-shidi: "
        "kept as an entry of its own for an editor to decide"
    ]


def test_register_round_trip_of_buildings_within_buildings_and_aliases() -> None:
    places = [
        Entry(id="great-hall", name="Great Hall of the People", kind="building"),
        Entry(
            id="zhejiang-hall",
            name="Zhejiang Hall of the Great Hall of the People",
            kind="building",
            within="great-hall",
        ),
        Entry(id="moscow", name="Moscow", kind="city", geonames=524901),
    ]
    tree = tei.build_register(places, "pla")
    nested = tree.xpath("//t:place[@xml:id='great-hall']/t:place/@xml:id", namespaces=NS)
    assert nested == ["zhejiang-hall"]
    assert sorted(tei.parse_register(tei.serialise(tree)), key=lambda e: e.id) == sorted(
        places, key=lambda e: e.id
    )
    people = [
        Entry(id="chou-en-lai", name="Chou En-lai", same_as="zhou-enlai"),
        Entry(id="zhou-enlai", name="Zhou Enlai"),
    ]
    assert tei.parse_register(tei.serialise(tei.build_register(people))) == people


def test_the_places_register_holds_the_hall_inside_its_building() -> None:
    tree = etree.parse(str(PLACES))
    hall = tree.xpath("//t:place[@xml:id='great-hall-of-the-people']", namespaces=NS)[0]
    assert hall.get("type") == "building"
    assert hall.xpath("t:place/@xml:id", namespaces=NS) == ["zhejiang-hall-of-the-great-hall-of-the-people"]
    kinds = {
        p.get("{http://www.w3.org/XML/1998/namespace}id"): p.get("type")
        for p in tree.iterfind(".//t:place", NS)
    }
    assert kinds["moscow"] == "city" and kinds["union-of-soviet-socialist-republics"] == "country"


def test_update_register_reports_an_ambiguous_match_and_types_places(tmp_path: Path) -> None:
    entries = [Entry(id="ri-il-gyeong", name="Ri Il-gyeong"), Entry(id="li-il-gyong", name="Li Il Gyong")]
    (tmp_path / "registers").mkdir()
    (tmp_path / "registers" / "persons.xml").write_bytes(tei.serialise(tei.build_register(entries)))
    result = pipeline.update_register(
        tmp_path, "per", [Proposal(id="rhee-il-gyeong", name="Rhee Il-gyeong", document="d")]
    )
    assert [n.kind for n in result.review] == ["register"] and "li-il-gyong, ri-il-gyeong" in result.review[
        0
    ].message
    result = pipeline.update_register(
        tmp_path,
        "pla",
        [
            Proposal(
                id="anhui-hall-of-the-great-hall-of-the-people",
                name="Anhui Hall of the Great Hall of the People",
                document="d",
            ),
            Proposal(id="great-hall-of-the-people", name="Great Hall of the People", document="d"),
        ],
    )
    places = {e.id: e for e in tei.parse_register(tmp_path / "registers" / "places.xml")}
    assert places["anhui-hall-of-the-great-hall-of-the-people"].within == "great-hall-of-the-people"
    assert places["great-hall-of-the-people"].kind == "building"


def test_each_title_keeps_the_documents_that_attest_it_through_a_round_trip() -> None:
    proposals = [
        Proposal(id="li-qiang", name="Li Qiang", titles=("Vice Minister",), document="a"),
        Proposal(id="li-qiang", name="Li Qiang", titles=("Minister",), document="b"),
        Proposal(id="li-qiang", name="Li Qiang", titles=("Vice Minister",), document="c"),
    ]
    entries, _ = registers.merge([], proposals)
    (entry,) = entries
    assert entry.titles == ("Vice Minister", "Minister")
    assert entry.title_sources == (("Vice Minister", "a"), ("Minister", "b"), ("Vice Minister", "c"))
    again = tei.parse_register(tei.serialise(tei.build_register(entries, "per")))
    assert sorted(again[0].title_sources) == sorted(entry.title_sources)
