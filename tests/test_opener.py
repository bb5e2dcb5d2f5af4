"""The opener: stamps, a letterhead and classification lines above the document, the place-and-date line
under a stamp, and the distribution list at its foot; each rule on a small made-up text."""

from __future__ import annotations

from lxml import etree
from test_pages import _body as _text_body
from test_pages import _plain

from teikit.tei import TEI_NS
from teikit.validation import is_valid

NS = {"t": TEI_NS}


def _body(text: str) -> etree._Element:
    """The document's div, once nothing is lost and the whole encoding is valid."""
    body = _text_body(text)
    assert is_valid(etree.tostring(body.getroottree()))
    div = body.find("t:div", NS)
    assert div is not None
    return div


def test_a_stamp_before_classification_lines_opens_the_opener() -> None:
    div = _body(
        "Journal\n\n[stamp: received 2 April 1958]\n\nTOP SECRET\nCopy Nº 2\nNº 0142\n\n"
        "I visited the minister in Ulaanbaatar.\n"
    )
    opener = div.find("t:opener", NS)
    assert opener is not None and opener.find("t:stamp", NS) is not None
    assert [s.get("type") for s in opener.iterfind("t:seg", NS)] == ["classification", "classification"]
    assert opener.findtext("t:idno", namespaces=NS) == "Nº 0142"
    assert [el.tag.split("}")[1] for el in div[:2]] == ["head", "opener"]  # the title, then the opener


def test_a_letterhead_above_classification_lines_is_the_heading() -> None:
    div = _body(
        "Report\n\nEmbassy of the Republic\nP e k i n g\n\nNo. 0211/55\nHighly Classified.\n\nComrade Minister,\n\n"
        "On 4 October I had lunch with the counsellor.\n"
    )
    assert [el.tag.split("}")[1] for el in div[:3]] == ["head", "head", "opener"]
    assert _plain(div[1]) == "Embassy of the Republic P e k i n g"
    assert _plain(div.find("t:opener/t:seg", NS)) == "Highly Classified."


def test_a_place_and_date_line_under_a_stamp_is_the_openers_dateline() -> None:
    div = _body(
        "Letter\n\n[stamp:] SECRET\nHanoi, 17 th October, 1956\n\nDear Comrade Director,\n\n"
        "I visited the chargé d'affaires.\n"
    )
    opener = div.find("t:opener", NS)
    assert _plain(opener.find("t:stamp", NS)) == "[stamp:] SECRET"
    dateline = opener.find("t:dateline", NS)
    assert _plain(dateline) == "Hanoi, 17 th October, 1956"
    assert dateline.find("t:date", NS).get("when") == "1956-10-17"
    assert dateline.find("t:placeName", NS).get("ref") == "pla:hanoi"


def test_a_place_and_date_line_alone_or_among_opener_lines_is_a_dateline_but_not_in_the_body() -> None:
    div = _body("Report\n\nMoscow, 2 March 1961\n\nThe talks began.\n")
    assert [el.tag.split("}")[1] for el in div.find("t:opener", NS)] == ["dateline"]
    div = _body("Report\n\nTOP SECRET\nMoscow, 2 March 1961\n\nThe talks began.\n")
    assert [el.tag.split("}")[1] for el in div.find("t:opener", NS)] == ["seg", "lb", "dateline"]
    div = _body("Report\n\nThe talks began.\n\nMoscow, 2 March 1961\n")
    assert div.find(".//t:dateline", NS) is None  # at the foot of the body: no opener to hold it


def test_routing_lines_of_the_opener_name_places() -> None:
    div = _body(
        "Ciphergram\n\nCiphergram No. 2281\nDispatched from Moscow on 24.10.1962 at 16:00\n\n"
        "The minister said that the talks would go on.\n"
    )
    assert div.find("t:opener/t:seg[@type='routing']/t:placeName", NS).get("ref") == "pla:moscow"


def test_copies_at_the_foot_is_a_distribution_list_not_a_field() -> None:
    div = _body(
        "Journal\n\nI visited the minister.\n\nAmbassador\nV. Samsonov\n\n"
        "Copies: 1 - Cde. Gromyko, 2 - Far East Department, 3 - to file\n"
    )
    assert div.find("t:list[@type='fields']", NS) is None
    seg = div.find("t:p/t:seg[@type='distribution']", NS)
    assert seg is not None and seg.findtext("t:label", namespaces=NS) == "Copies:"
    assert seg.find("t:persName", NS) is not None


def test_a_town_in_a_place_field_points_at_its_geonames_entry() -> None:
    div = _body(
        "Record of Conversation\n\nPlace: Guest house of the District Committee, Zelenogradsk\n\n"
        "The talks began.\n"
    )
    refs = [p.get("ref") for p in div.iter(f"{{{TEI_NS}}}placeName")]
    assert "pla:zelenogradsk" in refs


def test_a_line_opening_with_a_stamp_joins_the_opener_and_a_dateline_dates_the_document() -> None:
    div = _body(
        "Letter\n\nNo. 0377/61\nSecret.\n\n[stamp] Office of the Minister, No. 411/61\n\n"
        "Lisbon, 3 rd May, 1961\n\nThe harvest this year will be poor.\n"
    )
    opener = div.find("t:opener", NS)
    assert [el.tag.split("}")[1] for el in opener if el.tag != f"{{{TEI_NS}}}lb"] == [
        "idno",
        "seg",
        "stamp",
        "dateline",
    ]
    assert _plain(opener.find("t:stamp", NS)) == "[stamp] Office of the Minister, No. 411/61"
    assert div.find("t:p/t:date", NS).get("when") == "1961"  # 'this year', against the dateline's date


def test_a_letterhead_over_a_place_and_date_line_is_the_heading_then_the_dateline() -> None:
    div = _body(
        "Letter\n\nEmbassy of the Republic of Chile\nLisbon, 9 th May, 1961\n\nSubject: Wine\n\n"
        "My dear Minister,\n\nI have the honour to write.\n"
    )
    assert [el.tag.split("}")[1] for el in div[:3]] == ["head", "head", "opener"]
    assert _plain(div[2].find("t:dateline", NS)) == "Lisbon, 9 th May, 1961"
    div = _body(
        "Letter\n\n[stamp:] Secret\n\nEmbassy of the Republic of Chile\nLisbon, 9 th May, 1961\n\nI write.\n"
    )
    assert (
        div.find(".//t:dateline", NS) is None
    )  # a stamp above: no heading may follow it, the block stays whole
