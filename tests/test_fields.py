"""Field and routing blocks ("From:", "To:", "No:", a dated line), each rule on a small made-up text."""

from __future__ import annotations

from teikit.model import FieldList
from teikit.transcript import parse_transcript


def _fields(text: str) -> list[tuple[str, str, str]]:
    doc = parse_transcript(text, "<test>")
    block = next(b for b in doc.body if isinstance(b, FieldList) and b.kind == "fields")
    return [
        (doc.text[f.label.start : f.label.end], f.key, doc.text[f.value.span.start : f.value.span.end])
        for f in block.fields
    ]


def test_a_number_and_a_date_line_stay_in_the_routing_block() -> None:
    assert _fields("Telegram\n\nFrom: LISBON\nTo: PARIS\nNo: 77\n3 May 1951\n\nThe cargo has left.\n") == [
        ("From:", "from", "LISBON"),
        ("To:", "to", "PARIS"),
        ("No:", "number", "77"),
        ("", "time", "3 May 1951"),
    ]


def test_a_label_alone_takes_the_date_on_the_next_line_as_its_value() -> None:
    assert _fields("Minutes\n\nTime:\n3 May 1951\nPlace: Lisbon\n\nThe talks began.\n") == [
        ("Time:", "time", "3 May 1951"),
        ("Place:", "place", "Lisbon"),
    ]


def test_a_value_going_on_over_a_line_is_one_field() -> None:
    assert _fields(
        "Minutes\n\nParticipants: Ana Lopes,\nJoao Mendes\nPlace: Lisbon\n\nThe talks began.\n"
    ) == [("Participants:", "participants", "Ana Lopes,\nJoao Mendes"), ("Place:", "place", "Lisbon")]


def test_a_ministrys_class_label_opens_the_document() -> None:
    from teikit.model import Opener
    from teikit.transcript.opener import line_kind

    doc = parse_transcript(
        "Foreign Ministry Top Secret Document\n[Not Reviewed by the Premier]\n\n"
        "Time: 3 May 1951\n\nThe talks began.\n",
        "<test>",
    )
    opener = next(b for b in doc.body if isinstance(b, Opener))
    assert [dict(p.attrs)["type"] for p in opener.lines] == ["classification", "review-status"]
    assert line_kind("Ministry of Foreign Affairs Strictly Confidential") == "classification"
    assert line_kind("He said it was secret") is None
    assert line_kind("The Secret") is None


def test_a_date_field_in_numerals_that_read_one_way_sets_the_setting_time() -> None:
    from teikit.dates import find_datetime

    assert find_datetime("8/27/63 4 : 00 pm").iso == "1963-08-27T16:00:00"  # type: ignore[union-attr]
    assert find_datetime("13.1.1951").iso == "1951-01-13"  # type: ignore[union-attr]
    assert (
        find_datetime("2.3.1961") is None
    )  # read day first in running text, but too uncertain for the setting
    doc = parse_transcript(
        "Minutes\n\nDate: 5/12/71 10:15 am\nPlace: Lisbon\n\nThe talks began today.\n", "<test>"
    )
    assert doc.header.setting_date == "1971-05-12T10:15:00"
