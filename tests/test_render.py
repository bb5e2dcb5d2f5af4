"""teikit.render and the XSLT under transforms/: compile, render pages, index and text, guard params."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import etree, html

from teikit import render
from teikit.errors import RenderError
from teikit.resources import transform_path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TEI_NS = {"t": "http://www.tei-c.org/ns/1.0"}
SAMPLE = HERE / "cases" / "valid" / "sample.xml"
ENCODED = sorted((REPO / "encoded").glob("wcda-*.xml"))
DOCUMENTS = [SAMPLE, *ENCODED]
ENTRY_POINTS = [render.HTML, render.INDEX, render.REGISTER, render.DIGEST, render.TEXT, render.DIPLOMATIC]
STYLESHEETS = sorted(
    p.relative_to(REPO / "transforms").as_posix() for p in (REPO / "transforms").rglob("*.xsl")
)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


# --- stylesheets -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", STYLESHEETS)
def test_every_stylesheet_compiles(name: str) -> None:
    """Entry points and common/ modules compile on their own; every other module inside an entry point."""
    if name in ENTRY_POINTS or name.startswith("common/"):
        render.compile_stylesheet(name)
        return
    owners = [e for e in ENTRY_POINTS if transform_path(name).resolve() in render._modules(transform_path(e))]
    assert owners, f"{name} is not imported or included by any entry point"
    for owner in owners:
        render.compile_stylesheet(owner)


@pytest.mark.parametrize("name", STYLESHEETS)
def test_every_stylesheet_has_one_spdx_line(name: str) -> None:
    text = transform_path(name).read_text(encoding="utf-8")
    assert text.count("SPDX-License-Identifier: MIT") == 1


def test_stylesheets_compile_once_on_one_processor_per_renderer() -> None:
    with render.Renderer() as renderer, render.Renderer() as other:
        assert renderer._executable(render.HTML) is renderer._executable(render.HTML)
        assert renderer._processor() is renderer._processor()
        assert other._processor() is not renderer._processor()
        assert other._executable(render.HTML) is not renderer._executable(render.HTML)


def test_a_relative_path_is_read_from_the_working_folder_of_the_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One Renderer across a change of folder renders the file the name means now, not the one it meant."""
    encodings = sorted((Path(__file__).parent.parent / "encoded").glob("*.xml"))[:2]
    for folder, encoding in zip(("a", "b"), encodings, strict=True):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "doc.xml").write_bytes(encoding.read_bytes())
    with render.Renderer() as renderer:
        texts = []
        for folder in ("a", "b"):
            monkeypatch.chdir(tmp_path / folder)
            texts.append(renderer.text(Path("doc.xml")))
    assert texts == [render.render_text(encoding) for encoding in encodings]


def test_a_renderer_removes_its_folder_when_closed() -> None:
    renderer = render.Renderer()
    with renderer:
        digest = renderer.digest(SAMPLE)
        assert digest.is_file()
        folder = renderer._workdir()
    assert not digest.exists() and not folder.exists()
    with pytest.raises(RenderError, match="closed") as caught:
        renderer.html(SAMPLE)
    assert caught.value.code == "closed"


def test_the_module_keeps_no_state() -> None:
    """Everything rendering keeps belongs to a Renderer: the module has constants, types and functions."""
    import types

    kept = {
        name
        for name, value in vars(render).items()
        if not name.startswith("__")
        and not isinstance(value, types.ModuleType | types.FunctionType | type)
        and not (isinstance(value, str | tuple | re.Pattern))
        and name not in {"Params", "XmlSource", "T", "TYPE_CHECKING", "annotations", "_Version"}
    }
    assert kept == set()


def test_import_does_not_load_saxon() -> None:
    """Saxon starts only when a Renderer first needs it. (lxml is loaded: the documents the functions
    take include lxml trees, and their type hints name them.)"""
    code = "import sys, teikit.render; print('saxonche' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# --- parameters ------------------------------------------------------------------------------------


def test_declared_params_follow_imports_and_includes() -> None:
    common = {
        "site-title",
        "index-href",
        "page-extension",
        "tei-link",
        "default-view",
        "text-width",
        "base-url",
        "register-links",
        "prev-stem",
        "prev-title",
        "next-stem",
        "next-title",
        "text-links",
        "corpus-href",
        "toc-threshold",
    }
    assert render.declared_params(render.HTML) == common
    assert render.declared_params(render.TEXT) == common
    assert render.declared_params(render.INDEX) == common | {"documents", "index-sort"}
    assert render.declared_params(render.REGISTER) == common | {"documents", "register"}


def test_undeclared_param_is_refused_before_saxon_runs() -> None:
    code = (
        "import sys; from pathlib import Path; from teikit import render; from teikit.errors import RenderError\n"
        "try:\n"
        f"    render.render_html(Path({str(SAMPLE)!r}), {{'no-such-param': 'x'}})\n"
        "except RenderError as err:\n"
        "    print(err.code, 'saxonche' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["param", "False"]


def test_documents_param_of_the_index_is_set_by_render_index() -> None:
    with pytest.raises(RenderError, match="documents"):
        render.render_index([SAMPLE], {"documents": "file:///elsewhere.xml"})


def test_params_are_converted_to_their_declared_types() -> None:
    text = render.render_text(SAMPLE, {"text-width": "40"})
    assert max(len(line) for line in text.splitlines()) <= 40
    page = render.render_html(SAMPLE, {"tei-link": "false", "site-title": "Archive X"})
    assert "sample.xml" not in page
    assert (
        "<title>Record of Conversation between Zhou Enlai and North Korean Government Trade Delegation — Archive X</title>"
        in page
    )
    with pytest.raises(RenderError) as caught:
        render.render_text(SAMPLE, {"text-width": "wide"})
    assert "wide" in str(caught.value)


def test_params_do_not_leak_into_the_next_call() -> None:
    render.render_html(SAMPLE, {"site-title": "Archive X"})
    assert "Archive X" not in render.render_html(SAMPLE)


# --- HTML pages ------------------------------------------------------------------------------------


class TagBalance(HTMLParser):
    """Records tags that are closed out of order or never closed."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> at {self.getpos()} closes {self.stack[-1:]}")
        else:
            self.stack.pop()


def tei_tree(path: Path) -> etree._ElementTree:
    return etree.parse(str(path))


def person_names(tree: etree._ElementTree) -> dict[str, str]:
    names = {}
    for person in tree.iterfind(".//t:particDesc//t:person", TEI_NS):
        forms = person.findall("t:persName", TEI_NS)
        main = next((f for f in forms if f.get("type") != "variant"), forms[0])
        names[person.get("{http://www.w3.org/XML/1998/namespace}id")] = " ".join(
            main.xpath("string()").split()
        )
    return names


def expected_speakers(tree: etree._ElementTree) -> list[str]:
    names = person_names(tree)
    speakers = []
    for sp in tree.iterfind(".//t:sp", TEI_NS):
        who = [names.get(token.lstrip("#")) for token in sp.get("who", "").split()]
        label = " ".join(sp.findtext("t:speaker", "", TEI_NS).split()).removesuffix(":")
        speakers.append(" and ".join(who) if who and all(who) else label)  # type: ignore[arg-type]
    return speakers


@pytest.fixture(scope="module", params=DOCUMENTS, ids=ids(DOCUMENTS))
def page(request: pytest.FixtureRequest) -> tuple[Path, str]:
    return request.param, render.render_html(request.param)


def test_page_is_balanced_html5(page: tuple[Path, str]) -> None:
    _, source = page
    assert source.startswith("<!DOCTYPE HTML>")
    checker = TagBalance()
    checker.feed(source)
    checker.close()
    assert checker.problems == []
    assert checker.stack == []


def test_page_has_language_title_and_outline(page: tuple[Path, str]) -> None:
    path, source = page
    doc = html.document_fromstring(source)
    title = " ".join(tei_tree(path).findtext(".//t:titleStmt/t:title", "", TEI_NS).split())
    assert doc.get("lang") == "en"
    assert doc.findtext(".//title").startswith(title)
    assert [h.text_content() for h in doc.iter("h1")] == [title]
    levels = [int(h.tag[1]) for h in doc.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert not doc.xpath("//script")


def test_page_ids_are_unique_and_every_fragment_link_lands(page: tuple[Path, str]) -> None:
    _, source = page
    doc = html.document_fromstring(source)
    all_ids = doc.xpath("//@id")
    assert len(all_ids) == len(set(all_ids))
    targets = {href[1:] for href in doc.xpath("//a/@href") if href.startswith("#")}
    assert targets <= set(all_ids)
    assert not doc.xpath("//a//a")


def test_every_turn_has_an_anchor_and_the_resolved_speaker(page: tuple[Path, str]) -> None:
    path, source = page
    tree = tei_tree(path)
    doc = html.document_fromstring(source)
    turns = doc.xpath("//div[@class = 'sp']")
    assert [t.findtext(".//*[@class='who']") for t in turns] == expected_speakers(tree)
    for turn, sp in zip(turns, tree.iterfind(".//t:sp", TEI_NS), strict=False):
        assert turn.get("id") and turn.xpath(f".//a[@class = 'permalink'][@href = '#{turn.get('id')}']")
        label = " ".join(sp.findtext("t:speaker", "", TEI_NS).split())
        assert label in " ".join(turn.xpath("string(.//p[@class = 'speaker'])").split())


def test_persnames_link_to_the_participants_panel(page: tuple[Path, str]) -> None:
    path, source = page
    tree = tei_tree(path)
    doc = html.document_fromstring(source)
    panel = {li.get("id") for li in doc.xpath("//details[@id = 'participants']//li")}
    assert panel == {f"person-{pid}" for pid in person_names(tree)}
    links = doc.xpath("//a[@class = 'persName']/@href")
    refs = tree.xpath("//t:text//t:persName[starts-with(@ref, '#')]", namespaces=TEI_NS)  # participants
    assert len(links) == len(refs)


def without_editorial_notes(doc: html.HtmlElement) -> html.HtmlElement:
    """`doc` without the editors' words about each intervention ("expanded from “c.”")."""
    for note in doc.xpath("//span[@class = 'ed-note']"):
        note.drop_tree()
    return doc


def test_the_page_keeps_every_word_of_the_body_in_order(page: tuple[Path, str]) -> None:
    path, source = page
    body = tei_tree(path).find(".//t:body", TEI_NS)
    for bullet in body.xpath(".//t:list[contains(@rend, 'bullet')]/t:label", namespaces=TEI_NS):
        bullet.text = ""  # drawn by <ul>
    doc = without_editorial_notes(html.document_fromstring(source))
    shown = " ".join(doc.xpath("string(//section[@class = 'text'])").split())
    at = 0
    for word in body.xpath("string()").split():
        found = shown.find(word, at)
        assert found >= 0, f"{word!r} missing after {shown[max(0, at - 60) : at]!r}"
        at = found + len(word)


def test_real_conversation_has_its_34_turns() -> None:
    record = REPO / "encoded" / "wcda-116540.xml"
    if not record.exists():
        pytest.fail("encoded/wcda-116540.xml is missing")
    doc = html.document_fromstring(render.render_html(record))
    turns = doc.xpath("//div[@class = 'sp']")
    assert len(turns) == 34
    assert turns[0].findtext(".//*[@class='who']") == "Zhou Enlai"
    assert turns[1].findtext(".//*[@class='who']") == "Ri Ju-yeon"


# --- index -----------------------------------------------------------------------------------------


def test_index_lists_each_document_with_a_link() -> None:
    doc = html.document_fromstring(render.render_index(DOCUMENTS))
    rows = doc.xpath("//tbody/tr")
    assert len(rows) == len(DOCUMENTS)
    links = {a.get("href"): a.text_content() for a in doc.xpath("//tbody//a")}
    for path in DOCUMENTS:
        title = " ".join(tei_tree(path).findtext(".//t:titleStmt/t:title", "", TEI_NS).split())
        assert links[f"{path.stem}.html"] == title
    dates = doc.xpath("//tbody/tr/td[1]/time/@datetime")
    assert dates == sorted(dates)


def test_index_counts_participants_and_sorts_by_them() -> None:
    doc = html.document_fromstring(render.render_index(DOCUMENTS, {"index-sort": "participants"}))
    counts = [int(td.text) for td in doc.xpath("//tbody/tr/td[4]")]
    assert counts == sorted(counts, reverse=True)
    assert sorted(counts) == sorted(len(person_names(tei_tree(p))) for p in DOCUMENTS)


# --- plain text ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", DOCUMENTS, ids=ids(DOCUMENTS))
def test_text_has_one_named_block_per_turn(path: Path) -> None:
    text = render.render_text(path)
    blocks = text.split("\n\n")
    speakers = expected_speakers(tei_tree(path))
    labelled = [b for b in blocks if any(b.startswith(f"{name}: ") for name in set(speakers))]
    assert [b.split(": ", 1)[0] for b in labelled] == speakers


@pytest.mark.parametrize("path", DOCUMENTS, ids=ids(DOCUMENTS))
def test_text_layout(path: Path) -> None:
    text = render.render_text(path)
    title = " ".join(tei_tree(path).findtext(".//t:titleStmt/t:title", "", TEI_NS).split())
    assert " ".join(text.split("\n=")[0].split()) == title
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text
    assert all(len(line) <= 78 or " " not in line.strip() for line in text.splitlines())
    assert all(line == line.rstrip() for line in text.splitlines())


def test_text_of_the_sample() -> None:
    text = render.render_text(SAMPLE)
    assert "Translated by: Jeffrey Wang\n" in text
    assert "\n\nZhou Enlai: The signing will take place. (Premier Zhou asked.)\n\n" in text
    assert "\n\n(During the exchange...)\n\n" in text
    assert "\n\n- x\n" in text
    assert text.index("Citation:") < text.index("Top Secret")


# --- editorial markup ------------------------------------------------------------------------------


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    """The sample with a correction, an abbreviation, an editor's note and a two-paragraph turn."""
    source = (
        SAMPLE.read_text(encoding="utf-8")
        .replace(
            "<stage>(Premier Zhou asked.)</stage></p></sp>",
            "<stage>(Premier Zhou asked.)</stage></p><p>And a second thought.</p></sp>",
        )
        .replace(
            "<p>Hello</p>",
            '<p>Greetings from <choice><sic>Kim II Sung</sic><corr resp="#teikit">Kim Il Sung</corr></choice>'
            " and <choice><abbr>c.</abbr><expan>comrade</expan></choice> Brezhnev"
            '<note resp="#teikit">Checked against the register.</note>.</p>',
        )
    )
    path = tmp_path / "edited.xml"
    path.write_text(source, encoding="utf-8")
    return path


def test_html_switches_reading_and_diplomatic_views(edited: Path) -> None:
    doc = html.document_fromstring(render.render_html(edited))
    assert [len(turn.findall("p")) for turn in doc.xpath("//div[@class = 'sp']")] == [3]
    # Two empty targets open <main>, the default one marked; the switch links to them (#diplomatic).
    assert doc.xpath("//main/*[position() <= 2]/@id") == ["reading", "diplomatic"]
    assert doc.xpath("//span[contains(@class, 'view-target')][contains(@class, 'default')]/@id") == [
        "reading"
    ]
    assert doc.xpath("//div[@class = 'views']//a/@href") == ["#reading", "#diplomatic"]
    assert not doc.xpath("//input")
    assert doc.xpath("//p//span[contains(@class, 'diplomatic ')]/text()") == ["Kim II Sung", "c."]
    assert doc.xpath("//p//span[contains(@class, 'reading ')]/text()") == ["Kim Il Sung", "comrade"]
    printed = doc.xpath("//p[@class = 'view-printed']/span")
    assert [(s.get("class"), "view" in s.text_content()) for s in printed] == [
        ("reading", True),
        ("diplomatic", True),
    ]
    assert doc.xpath("//a[@class = 'note-ref']/@href") == ["#note-1"]
    assert doc.xpath("string(//li[@id = 'note-1'])").startswith("Checked against the register.")
    diplomatic = html.document_fromstring(render.render_html(edited, {"default-view": "diplomatic"}))
    assert diplomatic.xpath("//span[contains(@class, 'default')]/@id") == ["diplomatic"]


# One of each editorial intervention, valid for teikit and TEI (tests/test_conformance.py checks it).
INTERVENED = HERE / "cases" / "valid" / "interventions.xml"


def test_every_intervention_is_marked_focusable_and_names_its_source_form() -> None:
    doc = html.document_fromstring(render.render_html(INTERVENED))
    marks = doc.xpath("//span[contains(concat(' ', @class, ' '), ' ed ')]")
    notes = {
        next(c for c in m.get("class").split() if c not in ("ed", "reading")): " ".join(
            m.xpath("string(span[@class = 'ed-note'])").split()
        )
        for m in marks
    }
    assert notes == {
        "expan": "[expanded by A. Editor from “c.”]",
        "corr": "[corrected by A. Editor from “Kim II Sung”]",
        "reg": "[regularised by A. Editor from “to-day”]",
        "supplied": "[supplied by the translator: implied]",
        "unclear": "[unclear in the source, faded, certainty low]",
        "sic": "[sic: so in the source]",
        "gap": "[omission, redacted, 2 lines]",
    }
    # Each mark is reachable by keyboard (none of them sits in a link here) and shows the edition's text.
    assert [m.get("tabindex") for m in marks] == ["0"] * 8
    assert [m.text for m in marks] == [
        "comrade",
        "Kim Il Sung",
        "today",
        "Zhou",
        "Pyongyang",
        "tons",
        "[illegible]",
        "[…]",
    ]
    assert doc.xpath("//p[@class = 'ed-key']")


def test_an_intervention_inside_a_link_is_not_itself_focusable(tmp_path: Path) -> None:
    path = tmp_path / "linked.xml"
    path.write_text(
        SAMPLE.read_text(encoding="utf-8").replace(
            "<p>Hello</p>",
            '<p><ref target="https://example.org/">to <supplied reason="implied">the</supplied> archive</ref></p>',
        ),
        encoding="utf-8",
    )
    doc = html.document_fromstring(render.render_html(path))
    mark = doc.xpath("//a//span[contains(@class, 'supplied')]")
    assert len(mark) == 1 and mark[0].get("tabindex") is None


def test_text_gives_the_reading_and_endnotes(edited: Path) -> None:
    text = render.render_text(edited)
    assert (
        "\n\nZhou Enlai: The signing will take place. (Premier Zhou asked.)\n\nAnd a second thought.\n\n"
        in text
    )
    assert text.count("second thought") == 1
    assert "Greetings from Kim Il Sung and comrade Brezhnev[1]." in text
    assert text.endswith("\n\nNotes\n\n[1] Checked against the register.\n")


def test_sample_without_choices_has_no_view_switch() -> None:
    assert not html.document_fromstring(render.render_html(SAMPLE)).xpath("//input")


# --- errors ----------------------------------------------------------------------------------------


def test_a_file_that_is_not_tei_is_a_render_error(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text("<root/>", encoding="utf-8")
    for run in (render.render_html, render.render_text, lambda path: render.render_index([path])):
        with pytest.raises(RenderError, match="not a TEI P5 document") as caught:
            run(other)
        assert caught.value.code == "not-tei"


def test_a_missing_input_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "missing.xml"
    with pytest.raises(RenderError, match="missing.xml") as caught:
        render.render_index([SAMPLE, missing])
    assert caught.value.code == "not-found"


def test_malformed_input_is_reported_at_its_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<teiHeader>\n</TEI>\n', encoding="utf-8")
    with pytest.raises(RenderError) as caught:
        render.render_html(broken)
    assert caught.value.code == "transform"
    assert caught.value.location is not None
    assert (Path(caught.value.location.path), caught.value.location.line) == (broken, 3)


def test_doctype_and_external_entities_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    hostile = tmp_path / "hostile.xml"
    hostile.write_text(
        f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body></text></TEI>',
        encoding="utf-8",
    )
    with pytest.raises(RenderError, match="DOCTYPE"):
        render.render_text(hostile)


def test_a_broken_stylesheet_is_reported_with_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "broken.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n'
        '  <xsl:template match="/">\n'
        '    <xsl:value-of select="1 +"/>\n'
        "  </xsl:template>\n"
        "</xsl:stylesheet>\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(render, "transform_path", lambda name: tmp_path / name)
    with pytest.raises(RenderError) as caught:
        render.compile_stylesheet("broken.xsl")
    error = caught.value
    assert error.code == "compile"
    assert error.location is not None
    assert (Path(error.location.path), error.location.line) == (tmp_path / "broken.xsl", 3)
    assert str(error).startswith(f"{tmp_path / 'broken.xsl'}:3:")


def test_library_prints_nothing(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.xml"
    other.write_text("<root/>", encoding="utf-8")
    render.render_html(SAMPLE)
    with pytest.raises(RenderError):
        render.render_text(other)
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


# -- register pages ---------------------------------------------------------------------------------

REGISTERS = REPO / "encoded" / "registers"
TEI_NS = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def person_pages() -> dict[str, str]:
    return render.render_registers(REGISTERS / "persons.xml", ENCODED, {"register-links": "true"})


def _register_ids(name: str) -> list[str]:
    root = etree.parse(str(REGISTERS / name))
    return root.xpath(
        "//t:listPerson/t:person/@xml:id | //t:listPlace//t:place/@xml:id | //t:listOrg//t:org/@xml:id",
        namespaces=TEI_NS,
    )


def test_register_has_an_index_and_one_page_per_entry(person_pages: dict[str, str]) -> None:
    ids = _register_ids("persons.xml")
    assert sorted(person_pages) == sorted(["persons/index.html", *(f"persons/{i}.html" for i in ids)])
    index = html.fromstring(person_pages["persons/index.html"])
    assert sorted(a.get("href") for a in index.xpath("//tbody//a")) == sorted(f"{i}.html" for i in ids)


def test_person_page_lists_every_turn_and_mention_with_its_anchor(person_pages: dict[str, str]) -> None:
    tei = etree.parse(str(REPO / "encoded" / "wcda-116540.xml"))
    speaker = tei.xpath("(//t:sp/@who)[1]", namespaces=TEI_NS)[0].lstrip("#")
    entry = tei.xpath("//t:particDesc//t:person[@xml:id=$i]/@sameAs", i=speaker, namespaces=TEI_NS)[0].split(
        ":"
    )[1]
    turns = tei.xpath("count(//t:sp[@who=$w])", w=f"#{speaker}", namespaces=TEI_NS)
    names = tei.xpath(
        "count(//t:text//*[@ref=$w or @ref=$p])", w=f"#{speaker}", p=f"per:{entry}", namespaces=TEI_NS
    )
    page = html.fromstring(person_pages[f"persons/{entry}.html"])
    links = [a.get("href") for a in page.xpath("//ul[@class='mentions']//a")]
    assert len([link for link in links if "#turn-" in link]) >= turns
    assert len(links) == turns + names + 1  # the turns, the names in the text, and the participant entry
    rendered = render.render_html(REPO / "encoded" / "wcda-116540.xml", {"register-links": "true"})
    ids = set(html.fromstring(rendered).xpath("//@id"))
    assert all(link.startswith("../wcda-116540.html#") and link.split("#")[1] in ids for link in links)


def test_a_person_named_in_both_documents_has_mentions_from_both(person_pages: dict[str, str]) -> None:
    shared = [
        i
        for i in _register_ids("persons.xml")
        if all(etree.parse(str(p)).xpath("//*[@ref=$r]", r=f"per:{i}") for p in ENCODED)
    ]
    assert shared
    page = html.fromstring(person_pages[f"persons/{shared[0]}.html"])
    assert {h.xpath("string(a/@href)") for h in page.xpath("//main//h3")} == {
        f"../{p.stem}.html" for p in ENCODED
    }


def test_place_page_gives_authority_ids_and_coordinates() -> None:
    places = etree.parse(str(REGISTERS / "places.xml"))
    place = places.xpath("//t:place[t:location/t:geo][t:idno[@type='geonames']]", namespaces=TEI_NS)[0]
    pages = render.render_registers(REGISTERS / "places.xml", ENCODED, {"register-links": "true"})
    page = html.fromstring(pages[f"places/{place.get('{http://www.w3.org/XML/1998/namespace}id')}.html"])
    geonames = place.findtext("t:idno[@type='geonames']", namespaces=TEI_NS)
    lat, lon = place.findtext("t:location/t:geo", namespaces=TEI_NS).split()
    assert page.xpath("//a/@href[. = $u]", u=f"https://www.geonames.org/{geonames}")
    assert f"{lat}, {lon}" in page.text_content()


def test_document_page_links_names_to_register_pages_only_when_asked() -> None:
    path = REPO / "encoded" / "wcda-116739.xml"
    linked = html.fromstring(render.render_html(path, {"register-links": "true"}))
    plain = html.fromstring(render.render_html(path))
    to_registers = [
        h for h in linked.xpath("//main//a/@href") if h.split("/")[0] in ("persons", "places", "orgs")
    ]
    assert to_registers
    assert not [h for h in plain.xpath("//a/@href") if h.split("/")[0] in ("persons", "places", "orgs")]
    ids = {
        f"{folder}/{i}.html"
        for folder, name in (("persons", "persons.xml"), ("places", "places.xml"), ("orgs", "orgs.xml"))
        for i in _register_ids(name)
    }
    assert set(to_registers) <= ids


def test_a_pointer_the_register_lacks_is_not_linked(tmp_path: Path) -> None:
    (tmp_path / "registers").mkdir()
    for register in REGISTERS.glob("*.xml"):
        (tmp_path / "registers" / register.name).write_bytes(register.read_bytes())
    text = (REPO / "encoded" / "wcda-116739.xml").read_text(encoding="utf-8")
    doc = tmp_path / "doc.xml"
    doc.write_text(text.replace('ref="pla:moscow"', 'ref="pla:no-such-place"'), encoding="utf-8")
    page = render.render_html(doc, {"register-links": "true"})
    hrefs = html.fromstring(page).xpath("//a/@href")
    assert "places/moscow.html" not in hrefs and "places/no-such-place.html" not in hrefs
    assert "places/north-korea.html" in hrefs


def test_register_params_are_set_from_the_arguments() -> None:
    with pytest.raises(RenderError, match="register"):
        render.render_registers(REGISTERS / "persons.xml", ENCODED, {"register": "file:///elsewhere.xml"})


def test_a_file_that_is_not_a_register_is_a_render_error() -> None:
    with pytest.raises(RenderError, match="listPerson"):
        render.render_registers(SAMPLE, ENCODED)


def test_each_mention_shows_its_words_in_context_from_the_place_it_links_to(
    person_pages: dict[str, str],
) -> None:
    shared = [
        i
        for i in _register_ids("persons.xml")
        if all(etree.parse(str(p)).xpath("//*[@ref=$r]", r=f"per:{i}") for p in ENCODED)
    ][0]
    page = html.fromstring(person_pages[f"persons/{shared}.html"])
    documents = {
        p.stem: without_editorial_notes(html.fromstring(render.render_html(p, {"register-links": "true"})))
        for p in ENCODED
    }
    kwics = page.xpath("//span[@class='kwic']")
    assert kwics
    for kwic in kwics:
        link = kwic.xpath("a/@href")[0]
        stem, anchor = link.removeprefix("../").split(".html#")
        target = " ".join(documents[stem].get_element_by_id(anchor).text_content().split())
        words = kwic.text_content().replace("…", " ").split()
        assert len(words) > len(kwic.xpath("string(a)").split()), "context words on either side"
        assert all(word in target for word in words), (words, target)


def test_an_alias_entry_sends_its_mentions_to_the_entry_it_stands_for(tmp_path: Path) -> None:
    (tmp_path / "registers").mkdir()
    register = etree.parse(str(REGISTERS / "persons.xml"))
    listing = register.find(".//t:listPerson", TEI_NS)
    target = listing.xpath("t:person[@xml:id='brezhnev']", namespaces=TEI_NS)
    alias = etree.SubElement(listing, "{http://www.tei-c.org/ns/1.0}person", sameAs="#brezhnev")
    alias.set("{http://www.w3.org/XML/1998/namespace}id", "brejnev")
    etree.SubElement(alias, "{http://www.tei-c.org/ns/1.0}persName").text = "Brejnev"
    register.write(str(tmp_path / "registers" / "persons.xml"))
    text = (REPO / "encoded" / "wcda-116739.xml").read_text(encoding="utf-8")
    doc = tmp_path / "doc.xml"
    doc.write_text(text.replace('ref="per:brezhnev"', 'ref="per:brejnev"', 1), encoding="utf-8")
    pages = render.render_registers(tmp_path / "registers" / "persons.xml", [doc], {"register-links": "true"})
    assert target
    main = html.fromstring(pages["persons/brezhnev.html"])
    before = etree.parse(str(REPO / "encoded" / "wcda-116739.xml")).xpath("count(//*[@ref='per:brezhnev'])")
    assert len(main.xpath("//ul[@class='mentions']/li")) == before  # the alias's mention counted here
    see = html.fromstring(pages["persons/brejnev.html"])
    assert see.xpath("//main//a/@href") == ["index.html", "brezhnev.html"]
    index = html.fromstring(pages["persons/index.html"])
    assert "brejnev.html" not in index.xpath("//tbody//a/@href")


def test_digest_holds_the_facts_and_mentions_the_corpus_pages_read(tmp_path: Path) -> None:
    source = REPO / "encoded" / "wcda-116540.xml"
    tei = etree.parse(str(source))
    renderer = render.Renderer()
    digest = etree.parse(str(renderer.digest(source))).getroot()
    d = {"d": "urn:x-teikit:digest"}
    assert digest.get("stem") == "wcda-116540"
    assert digest.get("participants") == str(
        int(tei.xpath("count(//t:particDesc//t:person)", namespaces=TEI_NS))
    )
    assert len(digest.xpath("d:m[@kind='turn']", namespaces=d)) == tei.xpath(
        "count(//t:sp[@who])", namespaces=TEI_NS
    )
    names = digest.xpath("d:m[@kind='name']", namespaces=d)
    assert names and all(m.findtext("d:words", namespaces=d) for m in names)
    copy = tmp_path / "wcda-116540.xml"
    copy.write_bytes(source.read_bytes())
    first = renderer.digest(copy)
    assert renderer.digest(copy) == first  # made once per file version
    copy.write_bytes(source.read_bytes().replace(b"Record of Conversation", b"Minutes", 1))
    changed = renderer.digest(copy)
    assert changed != first and b'title="Minutes' in changed.read_bytes()
    renderer.close()


def test_corpus_pages_refuse_what_is_not_a_digest(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="no digest"), render.Renderer() as renderer:
        renderer._transform(
            render.INDEX,
            {"documents": SAMPLE.resolve().as_uri()},
            [SAMPLE],
            lambda ex: ex.call_template_returning_string(),
        )


def test_a_participant_with_several_roles_shows_each_as_a_word(tmp_path: Path) -> None:
    text = (REPO / "encoded" / "wcda-116540.xml").read_text(encoding="utf-8")
    roles = re.findall(r'<person role="([^"]+)"', text)
    target = next(r for r in roles if r != "participant")
    doc = tmp_path / "doc.xml"
    doc.write_text(
        text.replace(f'<person role="{target}"', '<person role="interpreter recorder"', 1), encoding="utf-8"
    )
    page = html.fromstring(render.render_html(doc))
    assert "(interpreter and recorder)" in [
        " ".join(s.text_content().split()) for s in page.xpath("//span[@class='role']")
    ]


def test_register_index_counts_the_documents_that_attest_an_entry_without_naming_it_in_the_text(
    person_pages: dict[str, str],
) -> None:
    register = etree.parse(str(REGISTERS / "persons.xml"))
    for person in register.xpath("//t:listPerson/t:person", namespaces=TEI_NS):
        attested = {
            ref.get("target").rsplit("/", 1)[-1].removesuffix(".xml")
            for ref in person.xpath("t:note[@type='attestation']/t:ref", namespaces=TEI_NS)
        }
        ident = person.get("{http://www.w3.org/XML/1998/namespace}id")
        row = html.fromstring(person_pages["persons/index.html"]).xpath(
            "//tr[td/a/@href=$h]", h=f"{ident}.html"
        )[0]
        assert int(row.xpath("string(td[@data-label='Documents'])")) >= len(
            attested & {p.stem for p in ENCODED}
        )


def test_a_role_names_the_documents_that_attest_it(person_pages: dict[str, str]) -> None:
    register = etree.parse(str(REGISTERS / "persons.xml"))
    person = register.xpath("//t:person[t:occupation/@source][1]", namespaces=TEI_NS)[0]
    occupation = person.find("t:occupation", TEI_NS)
    page = html.fromstring(
        person_pages[f"persons/{person.get('{http://www.w3.org/XML/1998/namespace}id')}.html"]
    )
    item = page.xpath("//dl[@class='meta']//li")[0]
    stems = [s.rsplit("/", 1)[-1].removesuffix(".xml") for s in occupation.get("source").split()]
    assert occupation.text in item.text_content()
    assert item.xpath("a/@href") == [f"../{stem}.html" for stem in stems]


def test_a_building_and_the_hall_inside_it_link_to_each_other(tmp_path: Path) -> None:
    places = etree.parse(str(REGISTERS / "places.xml"))
    inner = places.xpath("//t:place/t:place[@xml:id]", namespaces=TEI_NS)
    assert inner, "the bundled register nests a hall in its building"
    hall, building = inner[0], inner[0].getparent()
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    pages = render.render_registers(REGISTERS / "places.xml", ENCODED, {"register-links": "true"})
    hall_page = html.fromstring(pages[f"places/{hall.get(xml_id)}.html"])
    building_page = html.fromstring(pages[f"places/{building.get(xml_id)}.html"])
    assert hall_page.xpath("//dt[.='Part of']/following-sibling::dd[1]/a/@href") == [
        f"{building.get(xml_id)}.html"
    ]
    assert f"{hall.get(xml_id)}.html" in building_page.xpath(
        "//dt[.='Contains']/following-sibling::dd[1]/a/@href"
    )


# --- citing: base URL, pages, passages -------------------------------------------------------------


def _paged(tmp_path: Path, target: str = "https://x.org/doc/1") -> Path:
    """The sample with page numbers on its page breaks and its record (sourceDesc) at `target`."""
    text = SAMPLE.read_text(encoding="utf-8").replace("<pb/>", '<pb n="42"/>')
    text = re.sub(
        r'<ref target="[^"]*">[^<]*</ref></bibl>', f'<ref target="{target}">{target}</ref></bibl>', text
    )
    (tmp_path / "paged.xml").write_text(text, encoding="utf-8")
    return tmp_path / "paged.xml"


def test_base_url_makes_cites_permalinks_and_canonical_absolute(tmp_path: Path) -> None:
    tei = _paged(tmp_path)
    doc = html.document_fromstring(render.render_html(tei, {"base-url": "https://ed.example.org/corpus"}))
    page = "https://ed.example.org/corpus/paged.html"
    assert doc.xpath("//link[@rel = 'canonical']/@href") == [page]
    assert doc.xpath("string(//meta[@name = 'citation_public_url']/@content)") == page
    assert doc.xpath("string(//meta[@name = 'citation_title']/@content)")
    assert doc.xpath("string(//meta[@name = 'citation_date']/@content)") == "1962/11/04"
    permalinks = doc.xpath("//a[@class = 'permalink']/@href")
    turns = doc.xpath("//div[@class = 'sp']/@id")
    assert turns and all(link.startswith(page + "#") for link in permalinks)
    assert {link.split("#")[1] for link in permalinks} >= set(turns)
    cites = doc.xpath("//details[@class = 'cite-passage']//a/@href")
    assert cites and all(c.startswith(page + "#") for c in cites)
    assert page in doc.xpath("string(//details[contains(@class, 'cite')]//p[@class = 'chicago'])")


def test_without_a_base_url_links_stay_relative_and_there_is_no_canonical(tmp_path: Path) -> None:
    doc = html.document_fromstring(render.render_html(_paged(tmp_path)))
    assert doc.xpath("//link[@rel = 'canonical'] | //meta[@name = 'citation_public_url']") == []
    assert all(link.startswith("#") for link in doc.xpath("//a[@class = 'permalink']/@href"))


@pytest.mark.parametrize("url", ["ftp://x.org/", "x.org/site/", "https://x.org/?q=1", "https://"])
def test_a_base_url_that_is_no_site_address_is_refused(url: str) -> None:
    from teikit.config import base_url_error

    assert base_url_error(url)
    assert base_url_error("https://x.org/site") is None


def test_page_numbers_stand_in_the_margin_and_in_the_passage_cite(tmp_path: Path) -> None:
    doc = html.document_fromstring(render.render_html(_paged(tmp_path)))
    marker = doc.xpath("//span[@class = 'pb'][@id = 'page-42']")
    assert [" ".join(m.xpath("string(.//span[@class = 'page-number'])").split()) for m in marker] == ["p. 42"]
    turn = doc.xpath("//div[@class = 'sp']")[0]
    assert "p. 42" in turn.xpath("string(.//details[@class = 'cite-passage'])")


def test_a_record_on_a_staging_host_is_shown_and_never_linked(tmp_path: Path) -> None:
    for host, linked in (
        ("https://archive-staging.example.org/doc/1", False),
        ("https://archive.example.org/doc/1", True),
    ):
        doc = html.document_fromstring(render.render_html(_paged(tmp_path, host)))
        source = doc.xpath("//dl[@class = 'meta']/dt[. = 'Source']/following-sibling::dd[1]")[0]
        assert host in source.text_content()
        assert bool(source.xpath(".//a[@href]")) is linked


def test_names_in_the_text_link_to_their_register_page() -> None:
    doc = html.document_fromstring(render.render_html(ENCODED[0], {"register-links": "true"}))
    names = doc.xpath("//section[@class = 'text']//a[@class = 'persName']/@href")
    assert names and all(href.startswith("persons/") for href in names)


def test_neighbours_and_downloads_are_linked_when_given() -> None:
    params = {"prev-stem": "a b", "prev-title": "Before", "text-links": "true", "corpus-href": "corpus.zip"}
    doc = html.document_fromstring(render.render_html(SAMPLE, params))
    assert doc.xpath("//nav[@class = 'sequence']/a/@rel") == ["prev"]
    assert doc.xpath("//a[@rel = 'prev']/@href") == ["a%20b.html"]
    downloads = doc.xpath("//details[contains(@class, 'downloads')]//a/@href")
    assert downloads == ["sample.xml", "text/sample.txt", "text/sample.diplomatic.txt", "corpus.zip"]
    assert html.document_fromstring(render.render_html(SAMPLE)).xpath("//nav[@class = 'sequence']") == []


def test_contents_list_headings_and_turns_past_the_threshold() -> None:
    doc = html.document_fromstring(render.render_html(ENCODED[0], {"toc-threshold": "5"}))
    turns = doc.xpath("//div[@class = 'sp']/@id")
    listed = [h[1:] for h in doc.xpath("//details[contains(@class, 'contents')]//a/@href")]
    assert set(turns) <= set(listed) and all(doc.xpath(f"//*[@id = '{i}']") for i in listed)
    few = html.document_fromstring(render.render_html(ENCODED[0], {"toc-threshold": "100000"}))
    heads = few.xpath("//section[@class = 'text']//*[self::h3 or self::h4][@id]")
    assert bool(few.xpath("//details[contains(@class, 'contents')]")) is bool(heads)
