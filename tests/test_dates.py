"""Dates in running text (teikit.dates): every form of the table on small made-up strings, positive and
negative, with the anchors relative dates count from."""

from __future__ import annotations

import pytest

from teikit.dates import FORMS, date_line, find_date, find_dates, find_datetime, heading_date

NOW = "1961-05-20"
"""The time of writing of most cases: a Saturday."""


def _read(text: str, anchor: str | None = NOW, recent: str | None = None) -> list[tuple[str, dict[str, str]]]:
    return [(text[r.start : r.end], dict(r.attrs)) for r in find_dates(text, anchor=anchor, recent=recent)]


# (form, text, the words of the date, its attributes[, anchor[, recent]])
POSITIVE: list[tuple[str, str, str, dict[str, str], str | None, str | None]] = [
    # calendar dates in full
    ("dmy", "Signed on 9 May 1961 in Moscow.", "9 May 1961", {"when": "1961-05-09"}, NOW, None),
    ("dmy", "on the 9th of May, 1961", "the 9th of May, 1961", {"when": "1961-05-09"}, NOW, None),
    ("dmy", "17 March1964, a space lost", "17 March1964", {"when": "1964-03-17"}, NOW, None),
    ("dmy", "dated 28 th September, 1955", "28 th September, 1955", {"when": "1955-09-28"}, NOW, None),
    ("dmy", "on Tuesday, 9 May 1961", "Tuesday, 9 May 1961", {"when": "1961-05-09"}, NOW, None),
    ("dmy", "on 9 May '61", "9 May '61", {"when": "1961-05-09"}, NOW, None),
    ("dmy", "on 9 MAY 1961", "9 MAY 1961", {"when": "1961-05-09"}, NOW, None),
    ("mdy", "on May 9, 1961 the talks", "May 9, 1961", {"when": "1961-05-09"}, NOW, None),
    ("mdy", "on Sept. 3, 1961", "Sept. 3, 1961", {"when": "1961-09-03"}, NOW, None),
    ("iso", "a stamp 1961-05-09 on it", "1961-05-09", {"when": "1961-05-09"}, NOW, None),
    ("roman", "Embassy Pyongyang, 6.II.1953", "6.II.1953", {"when": "1953-02-06"}, NOW, None),
    ("roman", "on 28.VIII.1962.", "28.VIII.1962", {"when": "1962-08-28"}, NOW, None),
    ("roman", "acquaint. 4.IV.66]", "4.IV.66", {"when": "1966-04-04"}, "1966-04-10", None),
    ("roman-month-year", "the report of VI.1961", "VI.1961", {"when": "1961-06"}, NOW, None),
    ("numeric", "on 24.10.1962", "24.10.1962", {"when": "1962-10-24"}, None, None),
    ("numeric", "on 2.3.1961", "2.3.1961", {"when": "1961-03-02", "cert": "medium"}, None, None),
    ("numeric", "on 2.3.1961", "2.3.1961", {"when": "1961-02-03", "cert": "medium"}, "1961-02-10", None),
    ("numeric", "handed over on 10.10.55", "10.10.55", {"when": "1955-10-10"}, "1955-10-20", None),
    ("numeric", "on 6/25/50", "6/25/50", {"when": "1950-06-25"}, "1963-01-01", None),
    ("numeric", "on 3/4/99", "3/4/99", {"when": "1999-03-04"}, "2001-05-01", None),
    # reduced precision
    ("month-year", "in March 1961", "March 1961", {"when": "1961-03"}, NOW, None),
    ("month-year", "the end of March 1961", "the end of March 1961", {"when": "1961-03"}, NOW, None),
    ("month-year", "in May of 1958", "May of 1958", {"when": "1958-05"}, NOW, None),
    ("year", "in 1959 the harvest", "1959", {"when": "1959"}, NOW, None),
    ("year", "by mid-1962", "mid-1962", {"when": "1962"}, NOW, None),
    ("year", "until the end of 1962", "the end of 1962", {"when": "1962"}, NOW, None),
    ("decade", "since the 1950s", "the 1950s", {"from": "1950", "to": "1959"}, NOW, None),
    ("decade", "in the early 1960s", "the early 1960s", {"from": "1960", "to": "1969"}, NOW, None),
    ("decade", "back in the fifties", "the fifties", {"from": "1950", "to": "1959"}, NOW, None),
    ("decade", "in the '30s", "the '30s", {"from": "1930", "to": "1939"}, NOW, None),
    # day and month without a year: the year nearest the date the text stands at
    ("day-month", "We met on 9 May and", "9 May", {"when": "1961-05-09", "cert": "medium"}, NOW, None),
    (
        "day-month",
        "On 23 December the ship left.",
        "23 December",
        {"when": "1960-12-23", "cert": "medium"},
        "1961-01-05",
        None,
    ),
    (
        "day-month",
        "He will come on 2 February.",
        "2 February",
        {"when": "1962-02-02", "cert": "medium"},
        "1961-10-20",
        None,
    ),
    (
        "month-day",
        "deposited on August 8.",
        "August 8",
        {"when": "1961-08-08", "cert": "medium"},
        "1961-08-20",
        None,
    ),
    (
        "roman-day-month",
        "On 23.X I spoke with him.",
        "23.X",
        {"when": "1965-10-23", "cert": "medium"},
        "1965-10-24",
        None,
    ),
    (
        "roman-day-month",
        "On 23.XII the ship left.",
        "23.XII",
        {"when": "1965-12-23", "cert": "medium"},
        "1966-01-05",
        None,
    ),
    (
        "ordinal-day",
        "we meet again on the 25th, and",
        "the 25th",
        {"when": "1961-05-25", "cert": "medium"},
        NOW,
        None,
    ),
    ("ordinal-day", "He left on the 12th.", "the 12th", {"when": "1961-05-12", "cert": "medium"}, NOW, None),
    (
        "ordinal-day",
        "the 3rd of this month",
        "the 3rd of this month",
        {"when": "1961-05-03", "cert": "high"},
        NOW,
        None,
    ),
    (
        "ordinal-day",
        "by the 5th of next month",
        "the 5th of next month",
        {"when": "1961-06-05", "cert": "high"},
        NOW,
        None,
    ),
    (
        "ordinal-day",
        "your letter of the 14th inst.",
        "the 14th inst.",
        {"when": "1961-05-14", "cert": "high"},
        NOW,
        None,
    ),
    # a month alone, seasons, parts of a year
    (
        "month",
        "The plan was published in June, but",
        "June",
        {"when": "1961-06", "cert": "medium"},
        "1961-08-02",
        None,
    ),
    (
        "month",
        "They arrived in December.",
        "December",
        {"when": "1960-12", "cert": "medium"},
        "1961-01-10",
        None,
    ),
    (
        "month",
        "We will sign it in August.",
        "August",
        {"when": "1961-08", "cert": "medium"},
        "1961-01-10",
        None,
    ),
    (
        "month",
        "before the end of March",
        "the end of March",
        {"when": "1962-03", "cert": "medium"},
        "1961-11-01",
        None,
    ),
    ("month", "proposed for next March?", "next March", {"when": "1962-03", "cert": "high"}, NOW, None),
    ("month", "since last May", "last May", {"when": "1960-05", "cert": "high"}, NOW, None),
    (
        "day-month",
        "on 21 August next year",
        "21 August next year",
        {"when": "1962-08-21", "cert": "high"},
        NOW,
        None,
    ),
    ("month", "in March of this year", "March of this year", {"when": "1961-03", "cert": "high"}, NOW, None),
    ("month", "in mid-July", "mid-July", {"when": "1961-07", "cert": "medium"}, NOW, None),
    ("season", "the summer of 1961", "the summer of 1961", {"from": "1961-06", "to": "1961-08"}, NOW, None),
    (
        "season",
        "in the winter of 1961",
        "the winter of 1961",
        {"from": "1961-12", "to": "1962-02"},
        NOW,
        None,
    ),
    ("season", "in autumn 1958", "autumn 1958", {"from": "1958-09", "to": "1958-11"}, NOW, None),
    (
        "season",
        "since the spring of last year",
        "the spring of last year",
        {"from": "1960-03", "to": "1960-05", "cert": "high"},
        NOW,
        None,
    ),
    (
        "season",
        "the water level last summer",
        "last summer",
        {"from": "1960-06", "to": "1960-08", "cert": "high"},
        NOW,
        None,
    ),
    (
        "season",
        "it will be ready next spring",
        "next spring",
        {"from": "1962-03", "to": "1962-05", "cert": "high"},
        NOW,
        None,
    ),
    (
        "season",
        "the visit in the autumn, and",
        "the autumn",
        {"from": "1961-09", "to": "1961-11", "cert": "medium"},
        NOW,
        None,
    ),
    (
        "season",
        "would be replaced by the spring.",
        "the spring",
        {"from": "1966-03", "to": "1966-05", "cert": "medium"},
        "1965-10-25",
        None,
    ),
    ("season", "the fall of 1956", "the fall of 1956", {"from": "1956-09", "to": "1956-11"}, NOW, None),
    (
        "part",
        "in the first half of next year",
        "the first half of next year",
        {"from": "1962-01", "to": "1962-06", "cert": "high"},
        NOW,
        None,
    ),
    (
        "part",
        "in the third quarter of 1962",
        "the third quarter of 1962",
        {"from": "1962-07", "to": "1962-09"},
        NOW,
        None,
    ),
    (
        "part",
        "the second half of the year",
        "the second half of the year",
        {"from": "1961-07", "to": "1961-12", "cert": "high"},
        NOW,
        None,
    ),
    (
        "part",
        "in the last ten days of May",
        "the last ten days of May",
        {"from": "1961-05-21", "to": "1961-05-31", "cert": "medium"},
        NOW,
        None,
    ),
    (
        "part",
        "the first half of June 1962",
        "the first half of June 1962",
        {"from": "1962-06-01", "to": "1962-06-15"},
        NOW,
        None,
    ),
    # ranges
    (
        "range-day-month",
        "from 4 to 9 May",
        "4 to 9 May",
        {"from": "1961-05-04", "to": "1961-05-09", "cert": "medium"},
        NOW,
        None,
    ),
    (
        "range-day-month",
        "between 2 and 5 June 1961",
        "between 2 and 5 June 1961",
        {"from": "1961-06-02", "to": "1961-06-05"},
        NOW,
        None,
    ),
    (
        "range-day-month",
        "on 20./21. April 1961",
        "20./21. April 1961",
        {"from": "1961-04-20", "to": "1961-04-21"},
        NOW,
        None,
    ),
    (
        "range-day-month",
        "on 21.-23. November 1962",
        "21.-23. November 1962",
        {"from": "1962-11-21", "to": "1962-11-23"},
        NOW,
        None,
    ),
    (
        "range-day-month",
        "from 28 December to 3 January 1962",
        "28 December to 3 January 1962",
        {"from": "1961-12-28", "to": "1962-01-03"},
        NOW,
        None,
    ),
    (
        "range-month-day",
        "on May 4-9, 1961",
        "May 4-9, 1961",
        {"from": "1961-05-04", "to": "1961-05-09"},
        NOW,
        None,
    ),
    (
        "range-month",
        "from March to May 1961",
        "March to May 1961",
        {"from": "1961-03", "to": "1961-05"},
        NOW,
        None,
    ),
    ("range-month", "March–May 1962", "March–May 1962", {"from": "1962-03", "to": "1962-05"}, NOW, None),
    (
        "range-year",
        "the years from 1959 through 1961",
        "1959 through 1961",
        {"from": "1959", "to": "1961"},
        NOW,
        None,
    ),
    (
        "range-year",
        "between 1959 and 1961",
        "between 1959 and 1961",
        {"from": "1959", "to": "1961"},
        NOW,
        None,
    ),
    ("range-year", "minister 1971–1975.", "1971–1975", {"from": "1971", "to": "1975"}, NOW, None),
    ("range-year", "the plan for 1966-70", "1966-70", {"from": "1966", "to": "1970"}, NOW, None),
    # relative days, weeks, months and years
    ("day-deictic", "We will meet tomorrow.", "tomorrow", {"when": "1961-05-21", "cert": "high"}, NOW, None),
    (
        "day-deictic",
        "the day before yesterday",
        "the day before yesterday",
        {"when": "1961-05-18", "cert": "high"},
        NOW,
        None,
    ),
    (
        "day-deictic",
        "You crossed it this morning.",
        "this morning",
        {"when": "1961-05-20", "cert": "high"},
        NOW,
        None,
    ),
    (
        "day-deictic",
        "I will report it tonight.",
        "tonight",
        {"when": "1961-05-20", "cert": "high"},
        NOW,
        None,
    ),
    (
        "day-deictic",
        "Tomorrow afternoon we leave",
        "Tomorrow afternoon",
        {"when": "1961-05-21", "cert": "high"},
        NOW,
        None,
    ),
    ("day-deictic", "he arrived last night", "last night", {"when": "1961-05-19", "cert": "high"}, NOW, None),
    (
        "day-anaphoric",
        "the next day he left",
        "the next day",
        {"when": "1961-05-10", "cert": "medium"},
        NOW,
        "1961-05-09",
    ),
    (
        "day-anaphoric",
        "On the following morning",
        "the following morning",
        {"when": "1961-05-10", "cert": "medium"},
        NOW,
        "1961-05-09",
    ),
    (
        "day-anaphoric",
        "as he had said the day before.",
        "the day before",
        {"when": "1961-05-08", "cert": "medium"},
        NOW,
        "1961-05-09",
    ),
    (
        "day-anaphoric",
        "that same day",
        "that same day",
        {"when": "1961-05-09", "cert": "medium"},
        NOW,
        "1961-05-09",
    ),
    (
        "count",
        "three days later he returned",
        "three days later",
        {"when": "1961-05-12", "cert": "medium"},
        NOW,
        "1961-05-09",
    ),
    ("count", "two weeks ago", "two weeks ago", {"when": "1961-05-06", "cert": "high"}, NOW, None),
    ("count", "ten years ago", "ten years ago", {"when": "1951", "cert": "high"}, NOW, None),
    (
        "count",
        "two months earlier",
        "two months earlier",
        {"when": "1961-03", "cert": "medium"},
        NOW,
        "1961-05-09",
    ),
    ("count", "in ten days' time", "in ten days' time", {"when": "1961-05-30", "cert": "high"}, NOW, None),
    (
        "week-rel",
        "He came last week.",
        "last week",
        {"from": "1961-05-08", "to": "1961-05-14", "cert": "high"},
        NOW,
        None,
    ),
    (
        "week-rel",
        "the following week",
        "the following week",
        {"from": "1961-05-15", "to": "1961-05-21", "cert": "medium"},
        NOW,
        "1961-05-09",
    ),
    ("month-rel", "next month", "next month", {"when": "1961-06", "cert": "high"}, NOW, None),
    (
        "month-rel",
        "by the end of the month",
        "the end of the month",
        {"when": "1961-05", "cert": "high"},
        NOW,
        None,
    ),
    (
        "month-rel",
        "the previous month",
        "the previous month",
        {"when": "1961-04", "cert": "medium"},
        NOW,
        "1961-05-09",
    ),
    ("year-rel", "the harvest this year", "this year", {"when": "1961", "cert": "high"}, NOW, None),
    ("year-rel", "the following year", "the following year", {"when": "1960", "cert": "medium"}, NOW, "1959"),
    ("year-rel", "the year before last", "the year before last", {"when": "1959", "cert": "high"}, NOW, None),
    (
        "year-rel",
        "at the beginning of the year",
        "the beginning of the year",
        {"when": "1961", "cert": "high"},
        NOW,
        None,
    ),
    ("weekday", "He said it on Monday.", "Monday", {"when": "1961-05-15", "cert": "medium"}, NOW, None),
    ("weekday", "We will go on Monday.", "Monday", {"when": "1961-05-22", "cert": "medium"}, NOW, None),
    ("weekday", "last Tuesday", "last Tuesday", {"when": "1961-05-16", "cert": "high"}, NOW, None),
    ("weekday", "next Friday", "next Friday", {"when": "1961-05-26", "cert": "high"}, NOW, None),
    # a date with its time of day
    (
        "dmy",
        "on 9 May 1961 at 10:00 a.m. we",
        "9 May 1961 at 10:00 a.m.",
        {"when": "1961-05-09T10:00:00"},
        NOW,
        None,
    ),
    (
        "dmy",
        "2:30 p.m., 18 April 1965",
        "2:30 p.m., 18 April 1965",
        {"when": "1965-04-18T14:30:00"},
        NOW,
        None,
    ),
    ("numeric", "on 14.03.1969 at 09:30", "14.03.1969 at 09:30", {"when": "1969-03-14T09:30:00"}, NOW, None),
    (
        "mdy",
        "Jun. 1, 1972 10:15-12:20",
        "Jun. 1, 1972 10:15-12:20",
        {"from": "1972-06-01T10:15:00", "to": "1972-06-01T12:20:00"},
        NOW,
        None,
    ),
    (
        "day-deictic",
        "tomorrow at 10 a.m.",
        "tomorrow at 10 a.m.",
        {"when": "1961-05-21T10:00:00", "cert": "high"},
        NOW,
        None,
    ),
]


@pytest.mark.parametrize(
    ("form", "text", "words", "attrs", "anchor", "recent"),
    POSITIVE,
    ids=[f"{case[0]}: {case[1]}" for case in POSITIVE],
)
def test_a_date_is_read_with_its_value(
    form: str, text: str, words: str, attrs: dict[str, str], anchor: str | None, recent: str | None
) -> None:
    found = find_dates(text, anchor=anchor, recent=recent)
    assert [(text[r.start : r.end], dict(r.attrs), r.form) for r in found] == [(words, attrs, form)]


def test_every_form_of_the_table_has_a_case() -> None:
    assert {f.name for f in FORMS} == {case[0] for case in POSITIVE}


NEGATIVE = [
    # times and durations
    "The meeting began at 10 a.m. and ended at 12:30.",
    "The talks lasted three days.",
    "for two years the delegation stayed",
    "over the last year the output grew",
    "within a month",
    "a few days later",
    # numbers of files, folios, decrees and clauses
    "File No. 12/1963 was opened.",
    "see ff. 12-15 of the file",
    "Decree No. 1961 of the Presidium",
    "Decree 1961/12 and Resolution 1514",
    "f. 5, op. 30, d. 1961",
    "see pp. 1961-1963",
    "see Section 2.I above",
    "item 3.V of the list",
    "at 1.5 km",
    "on 23.XIII",
    "file 01/11/02",
    # words that only look like dates
    "May I ask a question?",
    "They march on.",
    "the May Day parade",
    "the spring rain was a good omen",
    "the fall of the government",
    "the 12th Party Congress",
    "in the 20th century",
    "1950 tons of steel",
    "In his sixties he retired.",
    "the day after the talks",
    "two days after the conference",
    "the Summer Palace",
    "in the first half of the meeting",
    "today's Volgograd",
    "31 April",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_date_is_read(text: str) -> None:
    assert _read(text) == []


def test_a_day_and_month_take_the_year_an_editor_supplied_after_them() -> None:
    assert _read("the Statement of 4 July [1972] said", anchor="1973-01-10") == [
        ("4 July", {"when": "1972-07-04"}),
        ("1972", {"when": "1972"}),
    ]


def test_the_tense_of_the_sentence_chooses_the_year_of_a_far_day() -> None:
    assert _read("It was deposited on August 8.") == [("August 8", {"when": "1960-08-08", "cert": "medium"})]
    assert _read("It will be deposited on August 8.") == [
        ("August 8", {"when": "1961-08-08", "cert": "medium"})
    ]


def test_a_relative_date_without_an_anchor_has_no_value_and_says_why() -> None:
    (ref,) = find_dates("We will meet tomorrow.")
    assert ref.ambiguous and ref.attrs == () and "missing" in ref.doubt
    (ref,) = find_dates("On 23.X I spoke with him.")
    assert ref.ambiguous and "no year" in ref.doubt
    (ref,) = find_dates("In 1959 it began, and the next day it ended.", anchor=NOW)[1:]
    assert ref.ambiguous and "to the day" in ref.doubt


def test_dates_are_chained_each_anchoring_the_next() -> None:
    text = "He arrived on 12 May 1960. On 14 May he left, and two days later he returned. The following year he came back."
    assert [a for _, a in _read(text, anchor="1961-01-10")] == [
        {"when": "1960-05-12"},
        {"when": "1960-05-14", "cert": "medium"},
        {"when": "1960-05-16", "cert": "medium"},
        {"when": "1961", "cert": "medium"},
    ]


def test_a_date_counted_from_the_time_of_writing_sets_no_new_point() -> None:
    assert _read("It was so last year, and we waited until the following year.", anchor="1962-11-04") == [
        ("last year", {"when": "1961", "cert": "high"}),
        ("the following year", {"when": "1963", "cert": "low"}),
    ]


def test_a_far_date_named_does_not_set_the_year_of_a_later_day() -> None:
    # a date more than a year from the time of writing is history, not the narrative's present
    assert _read("The war ended on 9 May 1945. On 3 November we signed.", anchor="1962-11-10")[1] == (
        "3 November",
        {"when": "1962-11-03", "cert": "medium"},
    )


def test_a_dated_heading_is_the_time_of_writing_of_what_follows() -> None:
    text = "9 May. Yesterday the delegation arrived."
    assert _read(text, anchor="1961-06-30") == [
        ("9 May", {"when": "1961-05-09", "cert": "medium"}),
        ("Yesterday", {"when": "1961-05-08", "cert": "high"}),
    ]
    refs = find_dates(text, anchor="1961-06-30")
    assert heading_date(text, 0, len(text), refs) == "1961-05-09"
    assert heading_date("We met on 9 May.", 0, 16, find_dates("We met on 9 May.", anchor=NOW)) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("3 March", "1958-03-03"),
        ("March 15:", "1958-03-15"),
        ("28th February.", "1958-02-28"),
        ("14 October 1958", "1958-10-14"),
    ],
)
def test_a_line_that_is_a_date_and_nothing_else_is_a_heading(line: str, expected: str) -> None:
    ref = date_line(line, anchor="1958-03-03")
    assert ref is not None and dict(ref.attrs)["when"] == expected
    assert date_line(f"On {line} we met", anchor="1958-03-03") is None


@pytest.mark.parametrize("line", ["Today", "Next year.", "Monday", "in May"])
def test_a_line_of_relative_words_is_no_dated_heading(line: str) -> None:
    assert date_line(line, anchor="1958-03-03") is None


def test_the_date_of_a_heading_is_a_calendar_date_in_words() -> None:
    found = find_date("Record of Conversation, November 4, 1962, 5:45 p.m.")
    assert found is not None and found.iso == "1962-11-04"
    assert find_date("Record of 4.11.1962") is None


def test_a_field_date_with_a_lost_space_still_sets_the_time() -> None:
    found = find_datetime("17 March1964, 10:00 a.m.")
    assert found is not None and found.iso == "1964-03-17T10:00:00"
    found = find_datetime("8/29/73 10 : 00 am")
    assert found is not None and found.iso == "1973-08-29T10:00:00"


def test_a_day_of_a_month_with_no_year_to_take_is_reported() -> None:
    from teikit.transcript import parse_transcript

    doc = parse_transcript(
        "Journal\n\nI visited the minister on 23.X and left.\n\n15 March\n\nA talk with the secretary.\n"
    )
    notes = [n.message for n in doc.review if n.kind == "ambiguous-date"]
    assert len(notes) == 2 and all("no year" in n and "more than one way" not in n for n in notes)


def test_a_journal_entry_dates_the_relative_words_under_it() -> None:
    from teikit.transcript import parse_transcript

    doc = parse_transcript(
        "Journal of the ambassador\n\n14 October 1958\n\nA talk with the minister.\n\n"
        "16 October 1958\n\nYesterday I visited the factory. We go to the port on 20 October and leave the next day.\n"
    )
    whens = [
        (doc.text[i.start : i.end], dict(i.attrs).get("when"))
        for b in doc.body
        for i in getattr(b, "inlines", ())
        if i.tag == "date"
    ]
    assert ("Yesterday", "1958-10-15") in whens and ("the next day", "1958-10-21") in whens
