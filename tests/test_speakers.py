"""Participant lists and speaker labels: the general rules behind them, each on a small made-up text;
turns found by evidence in the text itself (in any layout, the fallback included), participants in every
list shape."""

from __future__ import annotations

import pytest

from teikit.model import Document, Turn
from teikit.transcript import parse_transcript
from teikit.transcript.people import PersonIndex, parse_mention


def _doc(text: str) -> Document:
    return parse_transcript(text, "<test>")


def _people(doc: Document) -> dict[str, tuple[str, str | None, tuple[str, ...]]]:
    return {p.name: (" ".join(p.roles), p.side, p.titles) for p in doc.persons}


def _roles(doc: Document) -> dict[str, tuple[str, str | None]]:
    return {p.name: (" ".join(p.roles), p.side) for p in doc.persons}


def _sides(doc: Document) -> dict[str, str | None]:
    return {p.name: p.side for p in doc.persons}


def _speakers(doc: Document) -> list[tuple[str, str]]:
    names = {p.id: p.name for p in doc.persons}
    return [
        (" ".join(doc.text[b.speaker.start : b.speaker.end].split()), names[b.who])
        for b in doc.body
        if isinstance(b, Turn)
    ]


@pytest.mark.parametrize(
    ("item", "name", "titles"),
    [
        ("State Secretary Anna Berg", "Anna Berg", ("State Secretary",)),
        ("Prince Ratana, Chairman of the Front", "Ratana", ("Prince", "Chairman of the Front")),
        ("Academician Petrov", "Petrov", ("Academician",)),
        ("The Hon'ble U Tin, Prime Minister", "U Tin", ("Prime Minister",)),  # a style, not a title
        ("tefan Marin", "tefan Marin", ()),  # a copy lost the capital with its diacritic
        ("von Weber", "von Weber", ()),
        ("Ion Vasil??", "Ion Vasil??", ()),
        ("A. C. Petrov", "A. C. Petrov", ()),  # an initial is not a title
        ("Field Marshal Abd al-Hakim Amer", "Abd al-Hakim Amer", ("Field Marshal",)),  # particles inside
        ("Mr. Usman dan Fodio", "Usman dan Fodio", ()),
        ("Sheikh Sabah al-Ahmad al-Jaber", "Sabah al-Ahmad al-Jaber", ("Sheikh",)),
        ("José María de la Cruz", "José María de la Cruz", ()),
        ("OKAFOR, Chukwuemeka (Counsellor)", "Chukwuemeka OKAFOR", ("Counsellor",)),  # surname first
    ],
)
def test_mention_titles_and_names(item: str, name: str, titles: tuple[str, ...]) -> None:
    mention = parse_mention(item, 0, len(item))
    assert mention is not None
    assert (mention.name, mention.titles) == (name, titles)


@pytest.mark.parametrize("item", ["the Chancellor (BK)", "member of the Politburo", "adviser Kim"])
def test_phrases_are_not_names(item: str) -> None:
    assert parse_mention(item, 0, len(item)) is None


def test_find_by_title_reads_the_head_of_a_listed_title() -> None:
    persons = PersonIndex()
    chair = persons.add("Wen Bo", titles=("Chairman of the Association",))
    secretary = persons.add("Lu Ping", titles=("First Secretary of the Provincial Committee",))
    persons.add("Ma Lin", titles=("Vice Premier",))
    assert persons.find_by_title("Chairman") == chair
    assert persons.find_by_title("Secretary") == secretary
    assert persons.find_by_title("Premier") is None  # a Vice Premier is not the Premier
    persons.add("Fan Yi", titles=("Chairman of the Committee",))
    assert persons.find_by_title("Chairman") is None  # two chairmen: no guess


def test_title_only_label_before_the_declaration() -> None:
    doc = _doc(
        "Record of a Reception\n\nTime: 3 May 1961\n\n"
        "Foreign guests: Le Van Hoa, Director of the Studio\n"
        "Accompanying persons: Wen Bo (Chairman of the Association); Ma Lin (Vice Premier)\n\n"
        "Chairman: Welcome to Beijing.\n\n"
        "Chairman Wen Bo (hereafter, Wen): Is this your first visit\n\n"
        "Le Van Hoa: It is the third.\n\nPremier: Good.\n"
    )
    turns = _speakers(doc)
    assert turns[:3] == [
        ("Chairman:", "Wen Bo"),
        ("Chairman Wen Bo (hereafter, Wen):", "Wen Bo"),
        ("Le Van Hoa:", "Le Van Hoa"),
    ]
    assert ("Premier:", "Ma Lin") not in turns  # the Vice Premier does not answer to "Premier"


def test_side_label_narrows_a_shared_surname() -> None:
    doc = _doc(
        "Record of the Talks\n\nDate: 8/29/73\n\nParticipants:\n"
        "South: LEE Sang-ho (chief delegate), KIM Dal-ho\nNorth: KIM Tae-su (chief delegate), JO Il\n\n"
        "South (LEE): Let us begin.\n\nNorth (KIM): We agree.\n"
    )
    assert _speakers(doc) == [("South (LEE):", "LEE Sang-ho"), ("North (KIM):", "KIM Tae-su")]
    assert len(doc.persons) == 4


def test_list_items_lose_et_al_full_stops_footnote_numbers_and_placeholders() -> None:
    doc = _doc(
        "Minutes\n\nTime: 9 July 1971\n\n"
        "Participants on the Soviet side: Deputy Premier Ivan Orlov; N.N., adviser\n"
        "Participants on the German side: State Secretary Anna Berg; signee\n"
        "Attending: comrades Petre Lupu, Dan Ionescu et al.\n"
        "Guests: Vasile Dinu, Ambassador of Romania in Hanoi.\n\n"
        "To: [Deputy Foreign Minister Jan] NOWAK 1, URGENT\nFrom: DROBNY\n\nText.\n"
    )
    people = _people(doc)
    assert set(people) == {
        "Ivan Orlov",
        "Anna Berg",
        "Petre Lupu",
        "Dan Ionescu",
        "Vasile Dinu",
        "NOWAK",
        "DROBNY",
    }
    assert people["Anna Berg"][2] == ("State Secretary",)  # "signee" is not her title
    assert people["Vasile Dinu"][2] == ("Ambassador of Romania in Hanoi",)
    assert people["NOWAK"][:2] == ("addressee", None)


def test_routing_lines_naming_places_are_not_people() -> None:
    doc = _doc("Decrypted cable\n\nFrom: OTTAWA\nTo: MOSCOW\nNo: 412\n\nTo PETROV.\n\nText of the message.\n")
    assert doc.persons == ()
    assert {"ottawa", "moscow"} <= {p.id for p in doc.places}


def test_bare_side_headings_and_inline_sides() -> None:
    doc = _doc(
        "Memorandum of Conversation\n\nPARTICIPANTS:\nUS Side\n"
        "• John Hale, Deputy Secretary of Commerce\n• Paul Kerr, NSC Staff (notetaker)\n"
        "PRC Side\n• Gu Lin, Vice Premier\n\nPLACE: Beijing\n\n"
        "Vice Premier Gu: Welcome.\n\nMr. Hale: Thank you.\n"
    )
    people = _people(doc)
    assert set(people) == {"John Hale", "Paul Kerr", "Gu Lin"}
    assert people["Paul Kerr"] == ("recorder", "US Side", ("NSC Staff",))
    assert people["Gu Lin"][1] == "PRC Side"
    assert "Mr." not in people["John Hale"][2]  # a form of address is not a title

    doc = _doc(
        "Record\n\nTime: 11 August 1960\n\n"
        "Participants: Korean side: Kim Gwang (Vice Minister), Jo Yeong (Director); "
        "Chinese side: Huang Dong (First Secretary of the Provincial Committee)\n\n"
        "Secretary: You crossed the bridge.\n\nKim: Yes.\n"
    )
    assert _sides(doc) == {
        "Kim Gwang": "Korean side",
        "Jo Yeong": "Korean side",
        "Huang Dong": "Chinese side",
    }
    assert _speakers(doc) == [("Secretary:", "Huang Dong"), ("Kim:", "Kim Gwang")]


def test_side_heading_blocks_and_one_name_a_line() -> None:
    doc = _doc(
        "Record\n\nTime: 9 October 1961\n\nLocation: Main Hall\n\n"
        "[North] Korea\nJeong Il [Jong Il], Kim Tae\n\nChina\nChen Wu, Li Qin\n\n"
        "Participants:\nVietnam\nTran Van Ba (Vice Premier)\nLe Thi Hoa (Vice Minister of Trade)\n\n"
        "Chen: Welcome.\n"
    )
    assert _sides(doc) == {
        "Jeong Il": "[North] Korea",
        "Kim Tae": "[North] Korea",
        "Chen Wu": "China",
        "Li Qin": "China",
        "Tran Van Ba": "Vietnam",
        "Le Thi Hoa": "Vietnam",
    }
    assert _people(doc)["Le Thi Hoa"][2] == ("Vice Minister of Trade",)


def test_initials_are_not_a_numbered_list() -> None:
    doc = _doc("Minutes\n\nTime: 9 July 1965\n\nInterpreter: V. I. Sorok\n\nSOROK: Good day.\n")
    assert _people(doc) == {"V. I. Sorok": ("interpreter", None, ())}


def test_a_declared_speaker_abbreviated_cc_is_a_turn_not_a_distribution_list() -> None:
    from teikit.model import Turn
    from teikit.transcript import parse_transcript

    doc = parse_transcript(
        "Record\n\nTime: 3 March 1963\n\nVice Premier Cc Ab (hereafter abbreviated Cc): We agree.\n\n"
        "Cc: We agree again.\n",
        "<test>",
    )
    assert sum(isinstance(b, Turn) for b in doc.body) == 2


def test_an_action_in_a_participle_inside_a_turn_is_a_stage_direction_but_a_preposition_is_not() -> None:
    from teikit.transcript import parse_transcript

    doc = parse_transcript(
        "Record\n\nTime: 3 March 1963\n\nChairman Ab Cd (hereafter, Ab): Who is he (nodding to the "
        "guest)? The plan (including the dams) is ready.\n",
        "<test>",
    )
    turn = next(b for b in doc.body if hasattr(b, "who"))
    stages = [doc.text[i.start : i.end] for p in turn.paras for i in p.inlines if i.tag == "stage"]
    assert stages == ["(nodding to the guest)"]


def test_time_before_a_label_one_turn_a_line() -> None:
    doc = _doc(
        "Log of the night shift\n\n"
        "02:10 BRANDT: Any traffic on the north road?\n"
        "02:11 SOKOLOV: None since midnight.\n"
        "[static]\n"
        "02:14 BRANDT: Keep listening.\n"
    )
    assert doc.layout == "generic"
    assert _speakers(doc) == [
        ("02:10 BRANDT:", "Brandt"),
        ("02:11 SOKOLOV:", "Sokolov"),
        ("02:14 BRANDT:", "Brandt"),
    ]
    assert any("after a time" in why for why in doc.evidence)


def test_bracketed_labels_and_asides_on_language_and_delegation() -> None:
    doc = _doc(
        "Summary record\n\n"
        "The PRESIDENT (interpretation from French): The meeting is open.\n\n"
        "Mrs. ODUYA (Kenya): I thank the President.\n\n"
        "[LINDQVIST]: A point of order.\n\n"
        "[LINDQVIST]: Withdrawn.\n\n"
        "The PRESIDENT (interpretation from French): The meeting is closed.\n"
    )
    assert [name for _, name in _speakers(doc)] == [
        "President",
        "Oduya",
        "Lindqvist",
        "Lindqvist",
        "President",
    ]


def test_labels_the_text_declares() -> None:
    doc = _doc(
        "Interview recorded in 1990\n\n"
        "Q = Anna Weber (interviewer)\n"
        "A = Tomasz Zielinski\n\n"
        "Q: Where were you in 1956?\n\n"
        "A: In Poznan.\n"
    )
    assert _speakers(doc) == [("Q:", "Anna Weber"), ("A:", "Tomasz Zielinski")]
    generic = _doc("A talk on air. Interviewer: Maria Costa.\n\nINTERVIEWER: Welcome.\nOBI: Thank you.\n")
    assert _speakers(generic) == [("INTERVIEWER:", "Maria Costa"), ("OBI:", "Obi")]


def test_fields_notes_and_reported_speech_are_not_speakers() -> None:
    doc = _doc(
        "Notes of a visit\n\n"
        "The minister said: we shall see.\n\n"
        "Date: to be fixed.\n\n"
        "Note: nothing was signed.\n\n"
        "Results: none.\n"
    )
    assert _speakers(doc) == []


def test_a_note_after_a_turn_ends_it() -> None:
    doc = _doc("Tape 3\n\nKOVAC: We leave at dawn.\nMARIN: Agreed.\n\nNote: the tape ends here.\n")
    last = doc.body[-1]
    assert not isinstance(last, Turn) and doc.text[last.span.start :].startswith("Note:")  # type: ignore[union-attr]


def test_participants_in_prose_and_mixed_lists() -> None:
    doc = _doc(
        "Record of talks\n\n"
        "Place: Lima\n\n"
        "Present on the Peruvian side were Minister Rosa Huamán, the adviser Jorge Paz and Director Ana Ríos. "
        "The Polish side was represented by Ambassador Jan Kowal.\n\n"
        "Attending: Dr. Ines Soto (trade, credits); Mr. Piotr Lis, First Secretary Ewa Nowak (Embassy)\n\n"
        "Huamán: Let us begin.\n"
    )
    people = _roles(doc)
    assert people["Rosa Huamán"] == ("participant", "Peruvian side")
    assert people["Jorge Paz"] == ("participant", "Peruvian side")
    assert people["Jan Kowal"] == ("participant", "Polish side")
    assert {"Ines Soto", "Piotr Lis", "Ewa Nowak"} <= set(people)
    assert _speakers(doc) == [("Huamán:", "Rosa Huamán")]


def test_one_person_a_line_with_a_title_after_a_comma() -> None:
    doc = _doc(
        "Record of a meeting\n\n"
        "Those present:\n"
        "Dr. Hastings Phiri, Minister of Finance\n"
        "Mr. Joseph Banda, Permanent Secretary\n"
        "Sir Robert Hale, British High Commissioner\n"
    )
    assert set(_roles(doc)) == {"Hastings Phiri", "Joseph Banda", "Robert Hale"}


def test_a_staff_role_listed_later_is_added() -> None:
    doc = _doc(
        "Minutes\n\nParticipants: Ivan Petrov (Director); Lena Holm (Counsellor)\nRecorder: Lena Holm\n\n"
        "Petrov: Good.\n"
    )
    assert _roles(doc)["Lena Holm"] == ("participant recorder", None)


@pytest.mark.parametrize(
    ("text", "people"),
    [
        (  # a memorandum's block under country headings, going on after a blank line at its column
            "MEMORANDUM OF CONVERSATION\n\n"
            "PARTICIPANTS:  Ghana\n"
            "               Foreign Minister Kofi Adjei\n"
            "               MENSAH, Ama (Counsellor)\n\n"
            "               Canada\n"
            "               Ambassador P. L. Roy\n"
            "Interpreter: J. Boateng\n\n"
            "Adjei: Welcome.\n\n"
            "Colonel Duarte: I have a question.\n",
            {
                "Kofi Adjei": ("participant", "Ghana"),
                "Ama MENSAH": ("participant", "Ghana"),
                "P. L. Roy": ("participant", "Canada"),
                "J. Boateng": ("interpreter", None),
                "Duarte": ("participant", None),  # a speaker never listed
            },
        ),
        (  # side headings with no field block before them, a dash before the title
            "Record of the conversation\n\n"
            "Soviet delegation\nA. A. Petrov — Deputy Minister of Foreign Trade\nV. I. Orlova — interpreter\n\n"
            "Indian delegation\nShri K. P. Menon — Ambassador\n\n"
            "PETROV: We begin.\n",
            {
                "A. A. Petrov": ("participant", "Soviet delegation"),
                "V. I. Orlova": ("interpreter", "Soviet delegation"),
                "K. P. Menon": ("participant", "Indian delegation"),
            },
        ),
    ],
)
def test_participants_grouped_under_side_headings(
    text: str, people: dict[str, tuple[str, str | None]]
) -> None:
    assert _roles(_doc(text)) == people


def test_lists_joined_by_and_groups_and_surnames_listed_again() -> None:
    doc = _doc(
        "Minutes\n\nPresent: Comrades A. Novák, B. Král and E. Dvořák; invited: Comrade D. Horák\n\n"
        "Chairing: Comrade Novák\n\nIsrael: Foreign Minister Abba Levin\n\nNOVÁK: Let us begin.\n"
    )
    assert set(_roles(doc)) == {"A. Novák", "B. Král", "E. Dvořák", "D. Horák", "Abba Levin"}
    assert _roles(doc)["Abba Levin"] == ("participant", "Israel")


def test_a_role_declared_with_its_holder_is_not_a_turn() -> None:
    doc = _doc(
        "VERBATIM RECORD\n\nPresident: Mr. Jean Dupont (France)\n\n"
        "The PRESIDENT (interpretation from French): The meeting is open.\n\nMr. KHAN (Pakistan): Thank you.\n"
    )
    assert _speakers(doc) == [
        ("The PRESIDENT (interpretation from French):", "Jean Dupont"),
        ("Mr. KHAN (Pakistan):", "Khan"),
    ]
    attended = _doc(
        "Note\n\nThe conversation was attended by Counsellor Hassan al-Bazzaz and by the undersigned.\n"
    )
    assert set(_roles(attended)) == {"Hassan al-Bazzaz"}


def test_a_tape_position_above_each_label_and_call_signs() -> None:
    doc = _doc(
        "Oral history, tape 2\n\nInterviewer: Farida Rahman. Interviewee: Abul Hossain.\n\n"
        "[00:01:15]\nQ: When did you arrive?\n[00:01:40]\nA: In March.\n"
    )
    assert [name for _, name in _speakers(doc)] == ["Farida Rahman", "Abul Hossain"]
    log = _doc(
        "INTERCEPT LOG\n\nCall signs: KESTREL (Major Ivan Petrov), FALCON (Captain Lajos Horvath).\n\n"
        "21:04 KESTREL: Falcon, report.\n21:05 FALCON: Column at the bridge.\n"
    )
    assert _speakers(log) == [("21:04 KESTREL:", "Ivan Petrov"), ("21:05 FALCON:", "Lajos Horvath")]


def test_a_member_listed_after_the_country_they_sit_for() -> None:
    doc = _doc(
        "Record\n\nPresent: Argentina Mr. Carlos Ruda; Canada Mr. William Barton\n\nMr. RUDA: Thank you.\n"
    )
    assert _roles(doc) == {
        "Carlos Ruda": ("participant", "Argentina"),
        "William Barton": ("participant", "Canada"),
    }


@pytest.mark.parametrize("label", ["Attended by", "Present at the meeting", "Taking part", "Participating"])
def test_labels_that_say_who_was_present(label: str) -> None:
    doc = _doc(f"Minutes\n\n{label}: Ivan Petrov (Director); Lena Holm (Counsellor)\n\nPetrov: Good.\n")
    assert set(_roles(doc)) == {"Ivan Petrov", "Lena Holm"}


@pytest.mark.parametrize(
    "declaration", ["(hereinafter Pham)", "(henceforth called Pham)", "(hereinafter referred to as Pham)"]
)
def test_other_words_that_declare_a_short_label(declaration: str) -> None:
    doc = _doc(f"Record\n\nDeputy Minister Pham Van Dinh {declaration}: Welcome.\n\nPham: We agree.\n")
    assert [name for _, name in _speakers(doc)] == ["Pham Van Dinh", "Pham Van Dinh"]
