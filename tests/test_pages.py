"""Where the printed page shows through a transcript: page numbers flattened into the text and endnotes,
each rule on a small made-up text."""

from __future__ import annotations

from lxml import etree

from teikit.pipeline import convert_text as convert
from teikit.tei import TEI_NS, source_text

NS = {"t": TEI_NS}


def _body(text: str) -> etree._Element:
    tree = convert(text)
    assert " ".join(source_text(tree).split()) == " ".join(text.split())  # nothing lost
    body = tree.find(".//t:body", NS)
    assert body is not None
    return body


def _plain(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def test_a_page_number_on_the_first_line_of_a_block_is_a_page_break() -> None:
    body = _body(
        "Report\n\n1\nCiphergram No. 4410\nDispatched from Sofia on 2.3.1961\n\n"
        "The minister said that the talks would go on until the delegations are ready for\n\n"
        "2\nan agreement on the price.\n"
    )
    assert [pb.get("n") for pb in body.iter(f"{{{TEI_NS}}}pb")] == ["1", "2"]
    # not a word of the line after it: the page number opens the opener's first line
    assert body.find("t:div/t:opener/t:seg[@type='number']/t:fw", NS).text == "1"
    paras = body.findall(".//t:p", NS)
    assert _plain(paras[-1]).endswith("ready for 2 an agreement on the price.")
    assert paras[-1].find("t:fw", NS).text == "2"


def test_a_page_number_glued_to_the_next_page_cuts_an_open_sentence() -> None:
    body = _body(
        "Record of Conversation\n\nMr. Adams (hereafter Adams): We need the railway to run further, from\n\n"
        "2 Lagos to Kano. It costs 3 million pounds.\n\n"
        "Adams: The line was built in\n\n5 Years of war.\n"
    )
    pbs = [pb for pb in body.iter(f"{{{TEI_NS}}}pb") if pb.get("n")]
    assert [pb.get("n") for pb in pbs] == ["2"]  # "5" is not the next page: a guessed break, no number
    assert _plain(pbs[0].getparent()).startswith("We need the railway to run further, from 2 Lagos to Kano.")


def test_a_number_after_a_finished_sentence_is_no_page() -> None:
    body = _body("Report\n\nThe harvest was good.\n\n2 Tractors were sent to the farm.\n")
    assert body.find(".//t:pb", NS) is None


def test_endnotes_under_a_heading_with_roman_markers() -> None:
    body = _body(
        "Telegram\n\nTo KROTOV[i], copy to RUDENKO[ii].\n\nThe cargo has left.\n\n"
        "Comments:\n[i] KROTOV: head of the directorate.\n[ii] RUDENKO: trade representative.\n"
    )
    refs = body.findall(".//t:ref[@type='footnote']", NS)
    assert [(r.text, r.get("target")) for r in refs] == [("[i]", "#fn-i"), ("[ii]", "#fn-ii")]
    notes = body.findall(".//t:note[@place='end']", NS)
    assert [n.get("n") for n in notes] == ["i", "ii"]
    assert notes[0].find("t:supplied", NS) is None  # the note's own marker is no editorial addition
    assert body.find(".//t:supplied", NS) is None


def test_endnotes_referenced_by_a_number_flattened_onto_a_name() -> None:
    body = _body(
        "Ciphergram\n\nTo: [Deputy Minister Jan] NOWAK 1, URGENT\nFrom: DROBNY\n\n"
        "The talks ended in 1962.\n\nDROBNY\n\n1 Jan Nowak, deputy minister 1956-1972.\n"
    )
    refs = body.findall(".//t:ref[@type='footnote']", NS)
    assert [(r.text, r.get("target")) for r in refs] == [("1", "#fn-1")]
    assert [n.get("n") for n in body.findall(".//t:note[@place='end']", NS)] == ["1"]


def test_numbered_lines_without_a_reference_stay_text() -> None:
    body = _body("Report\n\nThe talks went well.\n\n1 tractor and 2 trucks were sent.\n")
    assert body.find(".//t:note[@place='end']", NS) is None


def test_journal_entry_headings_are_dated_paragraphs_not_page_joins() -> None:
    body = _body(
        "Journal\n\nJOURNAL\nof the Ambassador\nfor the period 3 through 15 March 1958\n\n3 March\n\n"
        "I visited the minister.\n\n15 March\n\nA conversation with the secretary.\n"
    )
    paras = body.findall(".//t:p", NS)
    assert [_plain(p) for p in paras[-4:]] == [
        "3 March",
        "I visited the minister.",
        "15 March",
        "A conversation with the secretary.",
    ]
    dates = [p.find("t:date", NS) for p in paras[-4:]]
    assert dates[0].attrib == {"when": "1958-03-03", "cert": "medium"}
    assert dates[2].attrib == {"when": "1958-03-15", "cert": "medium"}
    assert body.find(".//t:pb", NS) is None  # "15" is no page number
