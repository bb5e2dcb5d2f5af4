"""Dates in running text (SOURCE-FORMATS §6), each form on a small made-up string."""

from __future__ import annotations

import pytest

from teikit.dates import find_dates


def _read(text: str, anchor: str | None = None) -> list[tuple[str, dict[str, str]]]:
    return [(text[r.start : r.end], dict(r.attrs)) for r in find_dates(text, anchor=anchor)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Embassy Pyongyang, 6.II.1953", ("6.II.1953", {"when": "1953-02-06"})),
        ("on 28.VIII.1962.", ("28.VIII.1962", {"when": "1962-08-28"})),
    ],
)
def test_roman_numeral_month_with_a_year(text: str, expected: tuple[str, dict[str, str]]) -> None:
    assert _read(text) == [expected]


def test_roman_numeral_month_without_a_year_takes_the_documents_year() -> None:
    assert _read("On 23.X I spoke with him.", "1965-10-24") == [
        ("23.X", {"when": "1965-10-23", "cert": "medium"})
    ]
    assert _read("we met on 28.VIII. and again", "1962-09-02") == [
        ("28.VIII", {"when": "1962-08-28", "cert": "medium"})
    ]
    # the nearer year: in early January, "23.XII" is the December just gone
    assert _read("On 23.XII the ship left.", "1966-01-05") == [
        ("23.XII", {"when": "1965-12-23", "cert": "medium"})
    ]


def test_roman_numeral_month_without_a_year_or_a_document_date_has_no_when() -> None:
    assert _read("On 23.X I spoke with him.") == [("23.X", {})]


@pytest.mark.parametrize("text", ["see Section 2.I above", "item 3.V of the list", "at 1.5 km", "on 23.XIII"])
def test_numbering_is_no_roman_date(text: str) -> None:
    assert _read(text, "1965-10-24") == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [("3 March", "1958-03-03"), ("March 15:", "1958-03-15"), ("28th February.", "1958-02-28")],
)
def test_a_day_of_a_month_alone_takes_the_documents_year(line: str, expected: str) -> None:
    from teikit.dates import find_day_month

    ref = find_day_month(line, anchor="1958-03-03")
    assert ref is not None and dict(ref.attrs) == {"when": expected, "cert": "medium"}
    assert find_day_month(f"On {line} we met", anchor="1958-03-03") is None


def test_a_field_date_with_a_lost_space_still_sets_the_time() -> None:
    from teikit.dates import find_datetime

    found = find_datetime("17 March1964, 10:00 a.m.")
    assert found is not None and found.iso == "1964-03-17T10:00:00"


def test_a_day_of_a_month_with_no_year_to_take_says_the_year_is_missing() -> None:
    from teikit.dates import find_day_month
    from teikit.transcript import parse_transcript

    ref = find_day_month("3 March")
    assert ref is not None and ref.ambiguous and "no year" in ref.doubt
    doc = parse_transcript(
        "Journal\n\nI visited the minister on 23.X and left.\n\n15 March\n\nA talk with the secretary.\n"
    )
    notes = [n.message for n in doc.review if n.kind == "ambiguous-date"]
    assert len(notes) == 2 and all("no year" in n and "more than one way" not in n for n in notes)


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("on 2.3.1961", None, {"when": "1961-03-02", "cert": "medium"}),  # dotted numerals: day first
        (
            "on 2.3.1961",
            "1961-02-10",
            {"when": "1961-02-03", "cert": "medium"},
        ),  # the document's date decides
        ("on 24.10.1962", None, {"when": "1962-10-24"}),  # only one reading
        ("on 5.5.1962", None, {"when": "1962-05-05"}),
    ],
)
def test_a_dotted_numeric_date_with_its_year_reads_day_first_unless_the_documents_date_says_otherwise(
    text: str, anchor: str | None, expected: dict[str, str]
) -> None:
    (ref,) = find_dates(text, anchor=anchor)
    assert not ref.ambiguous and dict(ref.attrs) == expected and text[ref.start : ref.end] == text[3:]


def test_a_two_digit_year_takes_the_century_nearest_the_document_and_only_a_plausible_one() -> None:
    def when(text: str, anchor: str | None) -> list[str]:
        return [dict(d.attrs).get("when", "") for d in find_dates(text, anchor=anchor)]

    assert when("handed over on 10.10.55", "1955-10-20") == ["1955-10-10"]
    assert when("on 6/25/50", "1963-01-01") == ["1950-06-25"]
    assert when("on 3/4/99", "2001-05-01") == ["1999-03-04"]
    assert when("file 01/11/02", "1963-01-01") == []  # 1902 or 2002: a file number, not a date
    assert when("handed over on 10.10.55", None) == []  # no year to go by
