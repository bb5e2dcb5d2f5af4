"""Properties: on generated transcripts and on random text, conversion raises nothing but TeikitError
subclasses, and the source view always equals the input token for token."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teikit import files
from teikit.errors import TeikitError
from teikit.normalize import normalise, tokens
from teikit.tei import build_tei, normalisation_rules, serialise, source_text
from teikit.transcript import parse_transcript

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

word = st.text(string.ascii_lowercase, min_size=2, max_size=9)
name_word = st.builds(str.capitalize, st.text(string.ascii_lowercase, min_size=2, max_size=8))
person = st.lists(name_word, min_size=2, max_size=3, unique=True).map(" ".join)
sentence = st.lists(word, min_size=3, max_size=12).map(
    lambda ws: ws[0].capitalize() + " " + " ".join(ws[1:]) + "."
)
speech = st.lists(sentence, min_size=1, max_size=4).map(" ".join)


def _check(text: str, path: str = "gen.txt") -> None:
    try:
        doc = parse_transcript(text, path)
        tree = build_tei(doc)
        serialise(tree)
    except TeikitError:
        return
    assert tokens(source_text(tree)) == tokens(normalise(text, normalisation_rules(tree)))


LAYOUTS = ("pdf-markdown", "pdf-plain", "pdf-old", "mirror", "live-old", "live-new", "bare")


@st.composite
def conversation(draw: st.DrawFn, layout: str) -> tuple[str, int]:
    """A record of conversation in the grammar of `layout`, and its number of turns."""
    host, guest = draw(st.lists(person, min_size=2, max_size=2, unique_by=lambda p: p.split()[0]))
    host_title, guest_title = draw(st.sampled_from(["Premier", "Minister", "Ambassador"])), "Vice Premier"
    title, summary, translator = draw(sentence), draw(speech), draw(person)
    citation = (
        f'"{title}", March 3, 1963, Wilson Center Digital Archive, Archive 1-2. Translated by {translator}.'
    )
    body = [
        f"Time: 3 March 1963, {draw(st.integers(1, 12))}:30 p.m.",
        f"Place: {draw(name_word)} Hall",
        f"Accompanying Personnel: {draw(person)} ({draw(sentence)[:-1]}), {draw(person)}",
        f"Foreign guests: {guest_title} {guest}",
    ]
    short_host, short_guest = host.split()[0], guest.split()[0]
    turns = [
        f"{host_title} {short_host} (to be abbreviated as {short_host}): {draw(speech)}",
        f"{guest_title} {short_guest} (hereafter abbreviated {short_guest}): {draw(speech)}",
    ]
    for i in range(draw(st.integers(0, 6))):
        turns.append(f"{short_host if i % 2 else short_guest}: {draw(speech)}")
    before, after = _wrapper(
        layout, title, citation, summary, draw(st.sampled_from(["Chinese", "Russian", "Korean"]))
    )
    return "\n\n".join([*before, *body, *turns, *after]) + "\n", len(turns)


def _wrapper(
    layout: str, title: str, citation: str, summary: str, language: str
) -> tuple[list[str], list[str]]:
    """The blocks before and after the body for each container."""
    fields = [
        "Citation:",
        citation,
        "Summary:",
        summary,
        "Original Language:",
        language,
        "Contents:",
        "Translation - English",
    ]
    banner = "Digital Archive digitalarchive.wilsoncenter.org International History Declassified"
    if layout == "pdf-markdown":
        return [
            "## **March 3, 1963**",
            f"# **{title}**",
            *(f"### **{f}**" if f.endswith(":") else f for f in fields),
        ], []
    if layout == "pdf-plain":
        return [f"March 3, 1963 {title}", *fields], []
    if layout == "pdf-old":
        return [f"{banner}\nMarch 3, 1963\n{title}", *fields], []
    if layout == "mirror":
        return (
            ["Total Page:3 File Type:pdf, Size:120Kb", banner, f"March 3, 1963 {title}", *fields],
            ["Similar documents\nAnother title"],
        )
    if layout == "live-old":
        return (
            [
                "Search in\nDigital Archive\nInternational History Declassified",
                f"March 3, 1963\n{title}",
                "Citation\nget citation",
                summary,
                citation,
                "share document\nEnglish HTML",
            ],
            [],
        )
    if layout == "live-new":
        return (
            ["Skip to content", "March 3, 1963", title],
            ["Summary", summary, "Document Information\nSource\nArchive 1-2\nLanguage\n" + language],
        )
    return [], []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(LAYOUTS).flatmap(lambda layout: st.tuples(st.just(layout), conversation(layout))))
def test_generated_transcripts_in_every_layout(case: tuple[str, tuple[str, int]]) -> None:
    layout, (text, n_turns) = case
    _check(text)
    doc = parse_transcript(text, "gen.txt")
    assert doc.layout == layout
    assert sum(type(b).__name__ == "Turn" for b in doc.body) == n_turns
    if layout != "bare":
        assert doc.header.date == "1963-03-03"


@SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_random_text_never_crashes_and_is_lossless(text: str) -> None:
    try:
        decoded = files.decode(text.encode("utf-8"), "random.txt")
    except TeikitError:
        return
    _check(decoded)


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            [
                "Zhou: ",
                "[",
                "]",
                "(",
                ")",
                "Citation:",
                "\n\n",
                "Time: ",
                "- ",
                "[1]",
                "word ",
                "(p. 2)",
                "M e m o",
                "[sic]",
                "[[",
                "]]",
                "Translator:",
                "1. ",
                "ABCDE ",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_grammar_fragments_never_crash(text: str) -> None:
    _check(text)


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(data: bytes) -> None:
    try:
        text = files.decode(data, "bytes.txt")
    except TeikitError:
        return
    _check(text)
