"""The converter on the two bundled transcripts: turns, participants, header, structure."""

from __future__ import annotations

import pytest
from conftest import REPO
from lxml import etree

from teikit import convert
from teikit.tei import TEI_NS

NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def record() -> etree._ElementTree:
    return convert(REPO / "transcripts" / "wcda-116540.txt")


@pytest.fixture(scope="module")
def report() -> etree._ElementTree:
    return convert(REPO / "transcripts" / "wcda-116739.txt")


def persons(tree: etree._ElementTree) -> dict[str, etree._Element]:
    return {p.get(XML_ID): p for p in tree.iterfind(".//t:particDesc//t:person", NS)}


def test_record_has_34_turns_each_pointing_at_a_participant(record: etree._ElementTree) -> None:
    turns = record.findall(".//t:body//t:sp", NS)
    assert len(turns) == 34
    ids = persons(record)
    for sp in turns:
        assert sp.get("who", "").startswith("#")
        assert sp.get("who")[1:] in ids
        assert sp.find("t:speaker", NS) is not None
    speakers = {sp.get("who") for sp in turns}
    assert speakers == {"#zhou-enlai", "#ri-ju-yeon"}


def test_short_labels_resolve_through_the_declarations(record: etree._ElementTree) -> None:
    turns = record.findall(".//t:body//t:sp", NS)
    labels = [(sp.findtext("t:speaker", namespaces=NS), sp.get("who")) for sp in turns[:4]]
    assert labels == [
        ("Premier Zhou (to be abbreviated as Zhou):", "#zhou-enlai"),
        ("Vice Premier Ri (to be abbreviated as Ri):", "#ri-ju-yeon"),
        ("Zhou:", "#zhou-enlai"),
        ("Ri:", "#ri-ju-yeon"),
    ]


def test_particdesc_lists_all_25_participants(record: etree._ElementTree) -> None:
    people = persons(record)
    assert len(people) == 25
    sides = record.findall(".//t:particDesc//t:listPerson[@type='side']", NS)
    counts = {side.findtext("t:head", namespaces=NS): len(side.findall("t:person", NS)) for side in sides}
    assert counts == {"Accompanying Personnel": 15, "[North] Korean Attendees": 8}
    roles = sorted(p.get("role") for p in people.values())
    assert roles.count("interpreter") == 1 and roles.count("recorder") == 1
    assert people["kang-ryong-gu"].get("role") == "interpreter"
    assert people["zhang-ruijie"].get("role") == "recorder"


@pytest.mark.parametrize(
    ("ident", "names", "titles"),
    [
        ("zhou-enlai", ["Zhou Enlai", "Zhou"], ["Premier"]),
        ("ri-ju-yeon", ["Ri Ju-yeon"], ["Vice Premier"]),
        ("ri-il-gyeong", ["Ri Il-gyeong", "Ri Il Gyong"], ["Minister of Trade"]),
        (
            "jeong-bong-gyu",
            ["Jeong Bong-gyu", "Jong Pong Gyu"],
            ["Charge d'Affaires at the Embassy in China"],
        ),
        ("luo-ruiqing", ["Luo Ruiqing"], ["Vice Premier"]),
        ("li-fanfu", ["Li Fanfu"], ["Commercial Attaché at the Embassy in Korea"]),
        ("kang-ryong-gu", ["Kang Ryong-gu", "Kang Ryong Gu"], []),
    ],
)
def test_participant_names_titles_and_romanisations(
    record: etree._ElementTree, ident: str, names: list[str], titles: list[str]
) -> None:
    person = persons(record)[ident]
    assert [n.text for n in person.findall("t:persName", NS)] == names
    assert [o.text for o in person.findall("t:occupation", NS)] == titles


def test_field_block_marks_every_person_with_a_pointer(record: etree._ElementTree) -> None:
    fields = record.find(".//t:body//t:list[@type='fields']", NS)
    labels = [label.text for label in fields.findall("t:label", NS)]
    assert labels == [
        "Time:",
        "Location:",
        "Accompanying Personnel:",
        "[North] Korean Attendees:",
        "Translator:",
        "Documentation:",
    ]
    refs = {p.get("ref") for p in fields.iterfind(".//t:persName", NS)}
    assert refs == {f"#{i}" for i in persons(record)} - {"#zhou-enlai"}
    assert fields.find(".//t:date", NS).get("when") == "1962-11-04T17:45:00"


def test_record_header(record: etree._ElementTree) -> None:
    bibl = record.find(".//t:sourceDesc/t:bibl", NS)
    assert bibl.find("t:date", NS).get("when") == "1962-11-04"
    assert bibl.findtext("t:idno[@type='archive']", namespaces=NS) == "PRC FMA 106-01381-02, 41-47"
    assert bibl.findtext("t:idno[@type='WCDA']", namespaces=NS) == "116540"
    translators = record.findall(".//t:titleStmt/t:respStmt[t:resp='translation']/t:persName", NS)
    assert [t.text for t in translators] == ["Jeffrey Wang", "Charles Kraus"]
    assert [lang.get("ident") for lang in record.iterfind(".//t:langUsage/t:language", NS)] == ["zh", "en"]
    assert record.find(".//t:settingDesc//t:date", NS).get("when") == "1962-11-04T17:45:00"
    assert record.findtext(".//t:textClass//t:term", namespaces=NS) == "record of conversation"
    front = [d.get("type") for d in record.iterfind(".//t:front/t:div", NS)]
    assert front == ["citation", "summary", "credits", "original-language", "contents"]


def test_record_opener_stage_and_page_joins(record: etree._ElementTree) -> None:
    body = record.find(".//t:body/t:div", NS)
    assert [s.get("type") for s in body.iterfind("t:opener/t:seg", NS)] == ["classification", "review-status"]
    assert "".join(body.find("t:stage", NS).itertext()).startswith("(During the exchange of greetings")
    inline_stage = body.findall("t:sp/t:p/t:stage", NS)
    assert len(inline_stage) == 1 and "".join(inline_stage[0].itertext()).startswith("(Premier Zhou asked")
    breaks = body.findall(".//t:sp/t:p/t:pb", NS)
    assert len(breaks) == 3
    assert breaks[0].tail.startswith("specification requests")


def test_report_structure(report: etree._ElementTree) -> None:
    body = report.find(".//t:body/t:div", NS)
    assert body.get("type") == "report"
    assert report.find(".//t:sp", NS) is None
    assert body.findtext("t:opener/t:idno[@type='file']", namespaces=NS) == "1981/9"
    assert body.findtext("t:head", namespaces=NS) == "Regarding some issues of Soviet-Korean relations"
    items = body.findall("t:list[@rend='bulleted']/t:item", NS)
    assert len(items) == 4
    assert len(body.findall(".//t:pb", NS)) == 2
    assert len(body.findall("t:p", NS)) == 22
    bibl = report.find(".//t:sourceDesc/t:bibl", NS)
    assert bibl.find("t:date", NS).get("when") == "1967-05-02"
    assert (
        report.findtext(".//t:titleStmt/t:respStmt[t:resp='translation']/t:persName", namespaces=NS)
        == "Adolf Kotlik"
    )
    assert [lang.get("ident") for lang in report.iterfind(".//t:langUsage/t:language", NS)] == ["cs", "en"]


def test_people_named_in_the_turns_point_at_participants(record: etree._ElementTree) -> None:
    refs = [(p.get("ref"), "".join(p.itertext())) for p in record.iterfind(".//t:body//t:sp//t:persName", NS)]
    assert ("#zhou-enlai", "Premier Zhou") in refs
    assert ("#ri-ju-yeon", "Vice Premier [Ri Ju-yeon]") in refs
    assert ("#li-qiang", "Vice Minister Li Qiang") in refs
    assert {ref for ref, text in refs if text.startswith("Premier Kim")} == {"per:kim-il-sung"}
    stage = record.find(".//t:body/t:div/t:stage", NS)
    assert [p.get("ref") for p in stage.iterfind("t:persName", NS)] == [
        "#ri-ju-yeon",
        "per:kim-il-sung",
        "#zhou-enlai",
        "#zhou-enlai",
    ]


def test_dates_and_quantities_in_the_turns(record: etree._ElementTree) -> None:
    turns = record.find(".//t:body/t:div", NS)
    dates = {
        ("".join(d.itertext()), d.get("when"), d.get("from"), d.get("to"))
        for d in turns.iterfind(".//t:sp//t:date", NS)
    }
    assert ("tomorrow afternoon", "1962-11-05", None, None) in dates
    assert ("1959 through 1961", None, "1959", "1961") in dates
    assert ("next year", "1963", None, None) in dates
    measures = [
        (m.get("quantity"), m.get("unit"), m.get("commodity")) for m in turns.iterfind(".//t:measure", NS)
    ]
    assert ("2500000", "t", "steel") in measures and ("500000", "t", "coal") in measures
    assert all(
        m.get("quantity") or m.find("t:num", NS) is not None for m in turns.iterfind(".//t:measure", NS)
    )


def test_comrade_abbreviation_is_expanded(report: etree._ElementTree) -> None:
    names = report.findall(".//t:body//t:persName", NS)
    brezhnev = next(p for p in names if "".join(p.itertext()).endswith("Brezhnev"))
    assert brezhnev.find("t:roleName/t:choice/t:abbr", NS).text == "C."
    assert brezhnev.find("t:roleName/t:choice/t:expan", NS).text == "Comrade"


def test_markup_never_nests_where_tei_forbids() -> None:
    from teikit import convert_text
    from teikit.tei import serialise
    from teikit.validation import iter_issues

    text = (
        "Record of Conversation\n\nParticipants: Zhou Enlai, Premier; Kim Il Sung, Chairman\n\n"
        "Zhou Enlai: We could not read [illegible [word] here].\n\n"
        "Zhou Enlai: We could not read [illegible (p. 2) text].\n\n"
        "Zhou Enlai: We agree [passage omitted on the long dis-\ncussion] on the harvest.\n\n"
        "Zhou Enlai: I met Comrade Kim [Laughter] today.\n\n"
        "Zhou Enlai: The paper has [stamp: Received [Laughter] today].\n\nPlace: [Laughter]\n"
    )
    issues = [str(i) for i in iter_issues(serialise(convert_text(text, "nesting.txt")), path="nesting.xml")]
    assert issues == []


def test_a_person_with_several_roles_keeps_them_all() -> None:
    from teikit import convert_text
    from teikit.tei import serialise
    from teikit.transcript.fields import field_roles
    from teikit.validation import iter_issues

    assert field_roles("Interpreter and recorder", "interpreter") == ("interpreter", "recorder")
    assert field_roles("Interpreter/Note-taker", "interpreter") == ("interpreter", "recorder")
    assert field_roles("Interpreter", "interpreter") == ("interpreter",)
    assert field_roles("Guests and accompanying persons", "participants") == ("participant",)
    text = (
        "Record of Conversation\n\nTime: 3 May 1960\nParticipants: Li Wen, Premier; Pak Song, Minister\n"
        "Interpreter and recorder: Zhang San\n\nLi Wen: Welcome.\n\nPak Song: Thank you.\n"
    )
    tree = convert_text(text, "roles.txt")
    zhang = next(
        p
        for p in tree.iterfind(".//t:particDesc//t:person", NS)
        if p.findtext("t:persName", namespaces=NS) == "Zhang San"
    )
    assert zhang.get("role") == "interpreter recorder"
    assert zhang.getparent().get("type") == "staff"
    assert [str(i) for i in iter_issues(serialise(tree), path="roles.xml")] == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "FROM: EMBASSY\nTO: CENTRE\n\nCipher No. 4412\n\nThe delegation arrived today and was met at the station "
            "by the vice minister.\n\nIVANOV\n",
            "telegram",
        ),
        (
            "Embassy in Warsaw\n\nDear Comrade Director,\n\nI send you the minutes you asked for. They were approved "
            "by the delegation yesterday and are complete.\n\nWith comradely greetings,\nJan Nowak\n",
            "letter",
        ),
        (
            "Embassy in Warsaw\n\nComrade Minister,\n\nI send you the minutes you asked for. They were approved by "
            "the delegation yesterday and are complete.\n\nAmbassador\n[signature]\n",
            "letter",
        ),
        (
            "Embassy in Ulaanbaatar\n\n3 May\n\nI received the counsellor of the embassy, who spoke about the harvest "
            "and the coming fair.\n\n9 May\n\nI visited the minister, who said the fair is postponed.\n",
            "journal",
        ),
        (
            "Embassy in Ulaanbaatar\n\nThe counsellor spoke about the harvest and the coming fair, which the "
            "ministry will postpone.\n",
            "document",
        ),
    ],
    ids=["routing-and-number", "dear-and-closing", "vocative-and-signature", "dated-entries", "no-evidence"],
)
def test_document_type_from_the_form_when_the_title_names_none(text: str, kind: str) -> None:
    from teikit.transcript import parse_transcript

    assert parse_transcript(text, "doc.txt").header.doc_type == kind


def test_the_record_of_a_plenary_meeting_is_minutes_but_a_summary_naming_one_is_no_title() -> None:
    from teikit.transcript.citation import doc_type

    assert (
        doc_type("Record of the Ninth Plenary Meeting of the Joint Commission", None, has_turns=True)
        == "minutes"
    )
    assert (
        doc_type(
            "Record of the Third Meeting of the Co-Chairmen",
            "They set the agenda of the plenary meeting.",
            has_turns=True,
        )
        == "record-of-conversation"
    )


def test_a_contents_line_naming_two_renditions_stays_in_the_wrapper() -> None:
    from teikit.transcript.wrapper import parse_wrapper

    text = (
        'May 3, 1970\nMinutes of a Meeting\nCitation:\n"Minutes of a Meeting", May 3, 1970.\nOriginal Language:\n'
        "Romanian\nContents:\nEnglish Translation Korean Translation\n\nMINUTES\nof the talks\n"
    )
    wrapper = parse_wrapper(text)
    assert wrapper is not None and text[wrapper.body_start :].startswith("MINUTES")


@pytest.mark.parametrize("name", ["wcda-116540", "wcda-116739"])
def test_every_turn_and_paragraph_has_a_stable_id_in_the_tei(name: str) -> None:
    """The ids pages link to and cite are stored in the TEI, unique, and the same when the unchanged
    transcript is converted again; the HTML page uses them as its anchors."""
    from lxml import html

    from teikit import render, tei

    source = REPO / "transcripts" / f"{name}.txt"
    first, again = convert(source), convert(source)
    passages = first.xpath("//t:text//t:sp | //t:text//t:p", namespaces=NS)
    ids = [el.get(XML_ID) for el in passages]
    assert passages and None not in ids
    assert len(set(ids)) == len(ids)
    assert ids == [el.get(XML_ID) for el in again.xpath("//t:text//t:sp | //t:text//t:p", namespaces=NS)]
    assert tei.serialise(first) == tei.serialise(again)
    page = html.document_fromstring(render.render_html(first))
    anchors = set(page.xpath("//@id"))
    assert {el.get(XML_ID) for el in passages if el.xpath("ancestor::t:body", namespaces=NS)} <= anchors
