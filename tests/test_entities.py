"""teikit.entities: the recognisers as a pure API returning spans."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

from teikit.entities import find_entities
from teikit.transcript.people import PersonIndex

TEXT = (
    "C. Brezhnev greeted the delegation in Moscow. Premier Kim said the State Planning Commission "
    "wants 2.5 million tons of steel from 1964 through 1966, and next year the DPRK will ask for more."
)


def test_kinds_spans_and_attributes() -> None:
    found = {(TEXT[e.start : e.end], e.kind, e.attrs) for e in find_entities(TEXT, anchor="1962-11-04")}
    assert ("C. Brezhnev", "person", (("ref", "per:brezhnev"),)) in found
    assert ("Moscow", "place", (("ref", "pla:moscow"),)) in found
    assert ("DPRK", "place", (("ref", "pla:north-korea"),)) in found
    assert ("State Planning Commission", "org", (("ref", "org:state-planning-commission"),)) in found
    assert (
        "2.5 million tons of steel",
        "measure",
        (("quantity", "2500000"), ("unit", "t"), ("commodity", "steel")),
    ) in found
    assert ("1964 through 1966", "date", (("from", "1964"), ("to", "1966"))) in found
    assert ("next year", "date", (("when", "1963"), ("cert", "high"))) in found


def test_known_participants_are_pointed_at_locally() -> None:
    persons = PersonIndex()
    persons.add("Kim Il Sung", titles=("Premier",))
    refs = {e.attrs for e in find_entities(TEXT, known=persons) if e.kind == "person"}
    assert (("ref", "#kim-il-sung"),) in refs


def test_spans_never_cross() -> None:
    spans = find_entities(TEXT, anchor="1962-11-04")
    for a in spans:
        for b in spans:
            assert not (a.start < b.start < a.end < b.end)


def test_entities_is_pure() -> None:
    code = "import sys, teikit.entities; print(','.join(m for m in ('lxml', 'saxonche', 'click') if m in sys.modules))"
    assert (
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
        == ""
    )


def test_entity_fixtures_scores() -> None:
    import json

    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import score_entities
    finally:
        sys.path.pop(0)
    cases = json.loads(score_entities.CASES.read_text(encoding="utf-8"))
    assert len(cases) >= 20
    scores = score_entities.score()
    assert scores["person"][1] >= 0.95 and scores["place"][1] >= 0.95
    assert all(precision >= 0.9 for precision, *_ in scores.values())
    linked, expected = score_entities.score_links()
    assert expected >= 5 and linked == expected


def test_romanisations_of_one_name_share_a_key() -> None:
    from teikit.romanisation import same_name

    for a, b in [
        ("Kim Il-sung", "Kim Il Sung"),
        ("Kim Ilsung", "KIM Il Sung"),
        ("Ri Il-gyeong", "Ri Il Gyong"),
        ("Rhee Il-gyeong", "Li Il Gyong"),
        ("Yi Jong-ok", "Lee Jong Ok"),
        ("Pak Sŏng-ch'ŏl", "Park Seong-cheol"),
        ("Choe Yong-geon", "Ch'oe Yong Gon"),
        ("Kim Dong-gyu", "Kim Tong Gyu"),
        ("Chou En-lai", "Zhou Enlai"),
        ("Mao Tse-tung", "Mao Zedong"),
        ("Teng Hsiao-p'ing", "Deng Xiaoping"),
        ("Liu Shao-ch'i", "Liu Shaoqi"),
        ("Chu Teh", "Zhu De"),
        ("Hsü Hsiang-ch'ien", "Xu Xiangqian"),
    ]:
        assert same_name(a, b), (a, b)
    for a, b in [
        ("Li Qiang", "Li Xiannian"),
        ("Kim Il Sung", "Kim Jong Il"),
        ("Zhou Enlai", "Zhu De"),
        ("Kim Il-hyeop", "Kim Il Sung"),
        ("Zhang Wentian", "Zhang Wenjin"),
        ("Zhou", "Chou"),
    ]:
        assert not same_name(a, b), (a, b)


def test_mentions_in_two_romanisations_point_at_one_person() -> None:
    text = (
        "Premier Chou En-lai met Marshal Kim Il-sung. Later Zhou Enlai told Kim Il Sung and Kim Ilsung that "
        "Chairman Mao Tse-tung agreed; Rhee Jong-ok and Li Jong Ok signed."
    )
    refs = {text[e.start : e.end]: dict(e.attrs)["ref"] for e in find_entities(text) if e.kind == "person"}
    assert refs["Premier Chou En-lai"] == refs["Zhou Enlai"]
    assert refs["Marshal Kim Il-sung"] == refs["Kim Il Sung"] == refs["Kim Ilsung"]
    assert refs["Rhee Jong-ok"] == refs["Li Jong Ok"]
    assert len(set(refs.values())) == 4


def test_a_known_participant_is_found_in_another_romanisation() -> None:
    persons = PersonIndex()
    ident = persons.add("Ri Il-gyeong", titles=("Minister",))
    text = "Then Li Il Gyong said that Rhee Il-gyeong agreed."
    found = [
        (text[e.start : e.end], e.attrs) for e in find_entities(text, known=persons) if e.kind == "person"
    ]
    assert found == [("Li Il Gyong", (("ref", f"#{ident}"),)), ("Rhee Il-gyeong", (("ref", f"#{ident}"),))]
    assert {"Li Il Gyong", "Rhee Il-gyeong"} <= set(persons.get(ident).variants)


def test_buildings_and_halls_nest_in_the_building_they_belong_to() -> None:
    text = "They met in Zhejiang Hall of the Great Hall of the People, then in the Kremlin and on Red Square."
    places = [(text[e.start : e.end], dict(e.attrs)["ref"]) for e in find_entities(text) if e.kind == "place"]
    assert places == [
        (
            "Zhejiang Hall of the Great Hall of the People",
            "pla:zhejiang-hall-of-the-great-hall-of-the-people",
        ),
        ("Great Hall of the People", "pla:great-hall-of-the-people"),
        ("Kremlin", "pla:kremlin"),
        ("Red Square", "pla:red-square"),
    ]
    from teikit import gazetteer

    assert gazetteer.describe("Anhui Hall, Great Hall of the People") == (
        "building",
        "great-hall-of-the-people",
    )
    assert gazetteer.describe("Moscow") == ("city", None)
    assert not gazetteer.find_buildings("The House approved. Guest House, Beijing", 0, 41)


def test_historic_states_and_their_short_forms() -> None:
    text = "The Soviet Union's aid to Czechoslovakia, Yugoslavia and the GDR; the USSR."
    places = {text[e.start : e.end]: dict(e.attrs)["ref"] for e in find_entities(text) if e.kind == "place"}
    assert places["Soviet Union"] == places["USSR"] == "pla:union-of-soviet-socialist-republics"
    assert {"Czechoslovakia", "Yugoslavia", "GDR"} <= set(places)


def test_acronyms_only_when_defined_or_registered() -> None:
    from teikit.registers import Entry

    text = "The North Korea International Documentation Project (NKIDP) sent it; NKIDP, the KWP and the CPSU agreed."
    orgs = [(text[e.start : e.end], dict(e.attrs)["ref"]) for e in find_entities(text) if e.kind == "org"]
    ref = "org:north-korea-international-documentation-project"
    assert orgs == [("North Korea International Documentation Project", ref), ("NKIDP", ref), ("NKIDP", ref)]
    register = [Entry(id="kwp", name="Workers' Party of Korea", variants=("KWP",))]
    text = "The KWP and the CPSU agreed."
    orgs = [
        (text[e.start : e.end], dict(e.attrs)["ref"])
        for e in find_entities(text, orgs_register=register)
        if e.kind == "org"
    ]
    assert orgs == [("KWP", "org:kwp")]


def test_a_name_with_its_initials_is_no_organisation() -> None:
    text = "Premier Kim Il Sung (KIS) spoke; KIS said so."
    assert not [e for e in find_entities(text) if e.kind == "org"]


def test_fractions_and_vague_quantities() -> None:
    text = (
        "That is one-tenth. A third of the output and half of the annual quota went there; a third country "
        "objected in the first half of the year. There are still tens of millions of rubles and hundreds of students."
    )
    found = {text[e.start : e.end]: e.attrs for e in find_entities(text) if e.kind == "measure"}
    assert found == {
        "one-tenth": (("quantity", "0.1"), ("unit", "fraction")),
        "A third of the output": (("quantity", "0.3333"), ("unit", "fraction"), ("commodity", "output")),
        "half of the annual quota": (
            ("quantity", "0.5"),
            ("unit", "fraction"),
            ("commodity", "annual quota"),
        ),
        "tens of millions of rubles": (("unit", "RUB"), ("atLeast", "20000000"), ("atMost", "99999999")),
        "hundreds of students": (
            ("unit", "count"),
            ("commodity", "students"),
            ("atLeast", "200"),
            ("atMost", "999"),
        ),
    }


def test_compound_number_words_and_goods_that_end_before_the_verb() -> None:
    text = (
        "We ask that two hundred technicians be trained; three hundred thousand tons of coal remain, and "
        "50,000 tons of grain promised for May. 300 tons of rolled steel and 1 million tons of iron ore."
    )
    found = {text[e.start : e.end]: e.attrs for e in find_entities(text) if e.kind == "measure"}
    assert found == {
        "two hundred technicians": (("quantity", "200"), ("unit", "count"), ("commodity", "technicians")),
        "three hundred thousand tons of coal": (("quantity", "300000"), ("unit", "t"), ("commodity", "coal")),
        "50,000 tons of grain": (("quantity", "50000"), ("unit", "t"), ("commodity", "grain")),
        "300 tons of rolled steel": (("quantity", "300"), ("unit", "t"), ("commodity", "rolled steel")),
        "1 million tons of iron ore": (("quantity", "1000000"), ("unit", "t"), ("commodity", "iron ore")),
    }


def test_a_word_in_capitals_is_a_name_only_as_the_subject_of_a_verb() -> None:
    text = "GORBACHEV asked about deliveries to the CMEA countries. ZAIKOV said nothing."
    people = [text[e.start : e.end] for e in find_entities(text) if e.kind == "person"]
    assert people == ["GORBACHEV", "ZAIKOV"]


def test_a_title_a_possessive_and_a_following_initial_are_not_organisations() -> None:
    text = (
        "Record of the Second Plenary Meeting of the Joint Commission. Our Ministry agrees, and so does our "
        "Ministry of Foreign Trade. He met Chairman of the Council of Ministers B. Dorj."
    )
    orgs = [text[e.start : e.end] for e in find_entities(text) if e.kind == "org"]
    assert orgs == ["Joint Commission", "Ministry of Foreign Trade", "Council of Ministers"]


def test_goods_stop_before_a_determiner_or_an_adverb_and_peoples_are_no_count() -> None:
    text = (
        "They need 2,000 tons of raw wool a month, 40,000 tons of copper over three years and 500 tons of "
        "steel annually and 70 tons of coal if paid, for the friendship of our two peoples; two people came, with 900 tons of food supply."
    )
    found = {
        text[e.start : e.end]: dict(e.attrs).get("commodity")
        for e in find_entities(text)
        if e.kind == "measure"
    }
    assert found == {
        "2,000 tons of raw wool": "raw wool",
        "40,000 tons of copper": "copper",
        "500 tons of steel": "steel",
        "70 tons of coal": "coal",
        "two people": "people",
        "900 tons of food supply": "food supply",
    }


def test_goods_end_before_a_preposition_or_a_conjunction() -> None:
    text = (
        "We sent 300 additional tractors and for the rest we wait; they bought 45,000 tons of raw sugar during "
        "the year, 20 trucks and by autumn 60 tractors and trucks."
    )
    found = {
        text[e.start : e.end]: dict(e.attrs).get("commodity")
        for e in find_entities(text)
        if e.kind == "measure"
    }
    assert found == {
        "300 additional tractors": "additional tractors",
        "45,000 tons of raw sugar": "raw sugar",
        "20 trucks": "trucks",
        "60 tractors and trucks": "tractors and trucks",
    }


def test_a_bracketed_modern_name_decides_which_place_is_meant() -> None:
    def places(text: str) -> dict[str, str]:
        return {text[e.start : e.end]: dict(e.attrs)["ref"] for e in find_entities(text) if e.kind == "place"}

    # a former name the bracketed city's entry knows, though a larger namesake lies in another country
    assert places("Trains crossed at Andong [Dandong] daily.") == {
        "Andong": "pla:dandong",
        "Dandong": "pla:dandong",
    }
    assert places("Andong lies in the south.") == {"Andong": "pla:andong"}
    # a namesake in the country the brackets name
    from teikit import gazetteer

    ((_, _, libya),) = gazetteer.find_places("Tripoli", 0, 7)
    ((_, _, lebanon), _) = gazetteer.find_places("Tripoli [Lebanon]", 0, 17)
    assert (libya.country, lebanon.country) == ("LY", "LB")


def test_a_state_acronym_is_found_only_in_capitals_and_an_agreement_named_after_a_place_is_none() -> None:
    text = "Are the DPRK and the USSR in the Warsaw Pact? Sam said the ARE delegation had left Warsaw."
    places = [(text[e.start : e.end], dict(e.attrs)["ref"]) for e in find_entities(text) if e.kind == "place"]
    assert places == [
        ("DPRK", "pla:north-korea"),
        ("USSR", "pla:union-of-soviet-socialist-republics"),
        ("ARE", "pla:egypt"),
        ("Warsaw", "pla:warsaw"),
    ]


def test_a_sic_after_a_name_is_not_part_of_it() -> None:
    from teikit.transcript import parse_transcript

    doc = parse_transcript("Journal\n\nReceived the Chinese Ambassador Wang Bing [SIC] today.\n", "<test>")
    assert [(p.id, p.name) for p in doc.mentioned] == [("wang-bing", "Wang Bing")]


def test_namesake_cities_get_ids_qualified_by_country_and_unique_names_keep_theirs() -> None:
    from teikit import gazetteer

    tripoli = gazetteer.lookup("Tripoli")
    assert tripoli is not None and tripoli.id == f"tripoli-{tripoli.country.lower()}"
    namesakes = {p.id for p in gazetteer._homonyms()[gazetteer.key("Tripoli")]}
    assert len(namesakes) == len(gazetteer._homonyms()[gazetteer.key("Tripoli")]) > 1
    assert gazetteer.lookup("Hanoi").id == "hanoi"  # a name no other city has keeps its plain slug
    ids = [p.id for p, _, _ in gazetteer._cities()]
    assert len(ids) == len(set(ids))  # namesakes in one country too ("Pingxiang"): qualified by province


def test_a_town_the_text_declares_a_place_is_found_with_its_geonames_id() -> None:
    def places(text: str) -> dict[str, str]:
        return {text[e.start : e.end]: dict(e.attrs)["ref"] for e in find_entities(text) if e.kind == "place"}

    # too small for running text alone, found after words that declare it a place
    assert places("The engineers left Zelenogradsk in May.") == {}
    assert places("The engineers lived in the town of Zelenogradsk.") == {"Zelenogradsk": "pla:zelenogradsk"}
    assert places("They served (today's Kingisepp - translator note).") == {"Kingisepp": "pla:kingisepp"}
    assert places("They met in the village of Qqzzxx Hills.") == {}  # no place of that name: nothing invented
    from teikit import gazetteer

    town = gazetteer.declared("Zelenogradsk")
    assert town is not None and town.geonames and town.latitude and town.country == "RU"


def test_namesake_towns_resolve_by_country_or_by_a_dominant_population_or_not_at_all() -> None:
    from teikit import gazetteer

    towns = gazetteer._towns()[0][gazetteer.key("Dubna")]
    assert len(towns) > 1 and len({p.id for p, _ in towns}) == len(towns)
    assert all(
        p.country == "RU" for p, _ in towns if gazetteer.declared("Dubna", frozenset({p.country or ""})) == p
    )
    shared = next(
        k
        for k, v in gazetteer._towns()[0].items()
        if len(v) == 2 and v[0][1] == v[1][1] and v[0][0].country != v[1][0].country
    )
    assert (
        gazetteer.declared(gazetteer._towns()[0][shared][0][0].name) is None
    )  # two equal namesakes: which is unknown


def test_other_spellings_of_a_smaller_citys_name_are_found_but_not_former_names_after_people() -> None:
    from teikit import gazetteer

    assert gazetteer.lookup("Waszyngton") == gazetteer.lookup("Washington")  # a spelling of the name
    winston = next(p for p, _, _ in gazetteer._cities() if p.name == "Winston-Salem")
    assert gazetteer.lookup("Winston") != winston  # a clipped form of the name is a given name
    assert gazetteer.lookup("Brezhnev") is None  # a former name after a person, unlike the city's name
    assert gazetteer.lookup("Ivanov") is None  # a clipped form of another of the city's names


def test_the_name_a_present_name_glosses_is_the_same_place() -> None:
    text = (
        "He served in Yamburg (today's Kingisepp - translator note) and near a station (today's Kingisepp)."
    )
    places = [(text[e.start : e.end], dict(e.attrs)["ref"]) for e in find_entities(text) if e.kind == "place"]
    assert places == [
        ("Yamburg", "pla:kingisepp"),
        ("Kingisepp", "pla:kingisepp"),
        ("Kingisepp", "pla:kingisepp"),
    ]


def test_an_organisation_named_after_a_state_keeps_the_states_whole_name() -> None:
    text = "He called at the Embassy of the Republic of Chile and at the Ministry of Trade of Chile."
    orgs = [text[e.start : e.end] for e in find_entities(text) if e.kind == "org"]
    assert orgs == ["Embassy of the Republic of Chile", "Ministry of Trade"]


def test_people_and_offices_counted_by_a_number_are_measures() -> None:
    text = "They will send 25 cameramen, 120 teachers for the schools, and open 18 liaison offices."
    found = {
        text[e.start : e.end]: dict(e.attrs).get("commodity")
        for e in find_entities(text)
        if e.kind == "measure"
    }
    assert found == {
        "25 cameramen": "cameramen",
        "120 teachers": "teachers",
        "18 liaison offices": "liaison offices",
    }


@pytest.mark.parametrize(
    ("text", "words", "ref"),
    [
        (
            "Engineers from Sichuan arrived.",
            "Sichuan",
            "pla:sichuan-cn",
        ),  # "Sichuan Sheng": the type word dropped
        ("The governor of Texas spoke.", "Texas", "pla:texas-us"),
        (
            "A delegation from Uttar Pradesh came.",
            "Uttar Pradesh",
            "pla:uttar-pradesh-in",
        ),  # a name, not a type
        ("They went back to Scotland.", "Scotland", "pla:scotland-gb"),
    ],
)
def test_provinces_states_and_regions_are_places(text: str, words: str, ref: str) -> None:
    places = [(text[e.start : e.end], dict(e.attrs)["ref"]) for e in find_entities(text) if e.kind == "place"]
    assert places == [(words, ref)]


@pytest.mark.parametrize(
    "text", ["The Central Committee met.", "the Northern districts", "the Blue and the White", "Uttar"]
)
def test_a_region_named_by_a_generic_word_or_a_part_of_a_name_is_not_found(text: str) -> None:
    assert [e for e in find_entities(text) if e.kind == "place"] == []
