"""What reaches the published output: every file stays inside its output folder whatever the ids say,
and no page links anywhere but http, https, mailto and relative references, whatever the input holds."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import REPO

from teikit import files, pipeline, render
from teikit.errors import OutputError, RenderError

TEI = "http://www.tei-c.org/ns/1.0"
SAFE_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "cite", "background", "ping"}


# --- J: output paths stay inside their folder ---------------------------------------------------


@pytest.mark.parametrize(
    "name", ["../x.html", "a/../../x.html", "/tmp/x.html", "..\\x.html", "a\\b.html", "x\0.html", ".", ""]
)
def test_a_name_from_data_cannot_leave_its_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputError) as caught:
        files.inside(tmp_path / "site", name)
    assert caught.value.code == "outside"


def test_a_plain_name_stays_where_it_is_put(tmp_path: Path) -> None:
    assert files.inside(tmp_path, "persons/zhou-enlai.html") == tmp_path / "persons" / "zhou-enlai.html"


def _escape(tmp_path: Path) -> Path:
    """Where a hostile id aims: a folder beside site/, reached from any folder by climbing to the root."""
    return tmp_path / "outside"


HOSTILE_IDS = {
    "dot-dot": lambda out: "../" * 30 + str(out / "x").lstrip("/"),
    "absolute": lambda out: str(out / "x"),
    "backslash": lambda out: "..\\" * 30 + str(out / "x").lstrip("/").replace("/", "\\"),
    "inner-dot-dot": lambda out: "a/" + "../" * 31 + str(out / "x").lstrip("/"),
    "nul": lambda out: "x&#0;y",
    "not-a-slug": lambda out: "Outside_X",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project built once from one bundled transcript: its registers to make hostile."""
    root = tmp_path_factory.mktemp("project")
    (root / "transcripts").mkdir()
    shutil.copy(REPO / "transcripts" / "wcda-116739.txt", root / "transcripts")
    report = pipeline.build(_options(root))
    assert report.ok, report
    return root


def _options(root: Path) -> pipeline.BuildOptions:
    return pipeline.BuildOptions(
        transcripts=root / "transcripts",
        encoded=root / "encoded",
        site=root / "site",
        text=root / "text",
        jobs=1,
    )


@pytest.mark.parametrize("kind", sorted(HOSTILE_IDS))
def test_build_refuses_a_register_id_that_is_no_slug(built: Path, tmp_path: Path, kind: str) -> None:
    root = tmp_path / "project"
    shutil.copytree(built, root)
    shutil.rmtree(root / "site")
    register = root / "encoded" / "registers" / "persons.xml"
    text = register.read_text(encoding="utf-8")
    # A curated entry (no resp), so the next conversion keeps it as the editor wrote it.
    first = re.search(r'<person resp="#teikit" xml:id="[^"]*"', text)
    assert first, "the built register has a proposed entry"
    hostile = HOSTILE_IDS[kind](_escape(tmp_path))
    register.write_text(
        text[: first.start()] + f'<person xml:id="{hostile}"' + text[first.end() :], encoding="utf-8"
    )
    line = text[: first.start()].count("\n") + 1

    report = pipeline.build(_options(root))

    assert not report.ok
    said = [str(issue) for issue in report.issues] + [r.error or "" for r in report.converted]
    assert any(message.startswith(f"{register}:{line}:") for message in said), said
    assert not _escape(tmp_path).exists()
    assert not list(tmp_path.rglob("x.html")) and not list(tmp_path.rglob("*outside*x*"))
    assert not (root / "site" / "persons").exists(), "a register with a bad id gets no pages"
    assert (root / "site" / "places" / "index.html").is_file(), "the sound registers are still published"


def _register_with_id(tmp_path: Path, entry_id: str) -> Path:
    path = tmp_path / "registers" / "persons.xml"
    path.parent.mkdir(parents=True)
    path.write_text(
        f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>P</title></titleStmt>'
        "<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>\n"
        '<text><body><div type="register"><listPerson>\n'
        f'<person xml:id="{entry_id}"><persName>X</persName></person>\n'
        "</listPerson></div></body></text></TEI>\n",
        encoding="utf-8",
    )
    return path


def test_render_registers_refuses_an_id_that_names_a_path(tmp_path: Path) -> None:
    register = _register_with_id(tmp_path, "../" * 30 + str(_escape(tmp_path) / "x").lstrip("/"))
    with pytest.raises(RenderError) as caught:
        render.render_registers(register, [])
    assert caught.value.code == "unsafe-id"
    assert caught.value.location is not None and caught.value.location.line == 3
    assert not _escape(tmp_path).exists()


def test_the_register_stylesheet_refuses_it_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the Python check, the stylesheet itself writes no page from an id that is a path."""
    monkeypatch.setattr(render, "_check_entry_ids", lambda register: None)
    register = _register_with_id(tmp_path, "../" * 30 + str(_escape(tmp_path) / "x").lstrip("/"))
    with pytest.raises(RenderError) as caught:
        render.render_registers(register, [])
    assert caught.value.code == "unsafe-id"
    assert not _escape(tmp_path).exists()


# --- H: no link but http, https, mailto and relative references -----------------------------------


HOSTILE_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "&#9;javascript:alert(1)",
    "java&#9;scr&#10;ipt:alert(1)",
    "&#x20;&#x0D;vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,x",
    "file:///etc/passwd",
    "javascript&#x3A;alert(1)",
    "per:javascript:alert(1)",
]


def _hostile_document(folder: Path) -> Path:
    refs = "\n".join(f'<ref target="{url}">hostile {n}</ref>' for n, url in enumerate(HOSTILE_URLS))
    # A file name that is itself a scheme: its page, source and index links must stay relative.
    path = folder / "javascript:alert(1).xml"
    path.write_text(
        f"""<TEI xmlns="{TEI}" xml:lang="en"><teiHeader><fileDesc>
<titleStmt><title>Hostile</title></titleStmt><publicationStmt><p/></publicationStmt>
<sourceDesc><bibl><ref target="javascript:alert('source')">the source</ref>
<date when="1962-11-04">4 November 1962</date></bibl></sourceDesc></fileDesc>
<encodingDesc><listPrefixDef>
<prefixDef ident="per" matchPattern="(.+)" replacementPattern="registers/persons.xml#$1"/>
</listPrefixDef></encodingDesc>
<profileDesc><particDesc><listPerson>
<person xml:id="p1" sameAs="per:javascript:alert(1)"><persName>Speaker One</persName></person>
<person xml:id="p2" sameAs="per:safe-person"><persName>Speaker Two</persName></person>
</listPerson></particDesc></profileDesc></teiHeader>
<text><body><div type="report">
<p>{refs}
<ref target="https://example.org/ok">the safe link</ref>
<persName ref="per:javascript:alert(1)">Named</persName>
<persName ref="per:safe-person">Safe Person</persName></p>
<sp who="#p1"><speaker>One:</speaker><p>Hello.</p></sp>
<sp who="#p2"><speaker>Two:</speaker><p>Hello.</p></sp>
</div></body></text></TEI>
""",
        encoding="utf-8",
    )
    register = folder / "registers" / "persons.xml"
    register.parent.mkdir()
    register.write_text(
        f"""<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>P</title></titleStmt>
<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><div type="register"><listPerson>
<person xml:id="safe-person"><persName>Safe Person</persName>
<idno type="VIAF">javascript:alert(1)</idno><idno type="URI"> javascript:alert(2)//https://x</idno>
<idno type="URI">https://viaf.org/viaf/1</idno>
<note type="attestation"><ref target="../javascript:alert(1).xml">javascript:alert(1)</ref>
<ref target="data:text/html,x">data</ref></note></person>
</listPerson></div></body></text></TEI>
""",
        encoding="utf-8",
    )
    return path


class _Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.lower().split(":")[-1] in URL_ATTRIBUTES and value is not None:
                parts = value.split(",") if name.lower() == "srcset" else [value]
                self.urls.extend(part.strip().split(" ")[0] if name == "srcset" else part for part in parts)


def _scheme(url: str) -> str | None:
    """The scheme a browser reads in `url` (the WHATWG URL parser: tabs and line breaks removed, C0
    controls and spaces trimmed), lower-cased; None for a relative reference."""
    read = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(0x21))))
    found = re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", read)
    return found.group()[:-1].lower() if found else None


def _urls(page: str) -> list[str]:
    parser = _Urls()
    parser.feed(page)
    return parser.urls


def test_pages_link_only_to_safe_schemes_whatever_the_input(tmp_path: Path) -> None:
    tei = _hostile_document(tmp_path)
    params = {"register-links": "true", "base-url": "javascript:alert(3)//"}
    pages = {
        "document": render.render_html(tei, params),
        "index": render.render_index([tei], {"register-links": "true"}),
        **render.render_registers(tmp_path / "registers" / "persons.xml", [tei], {"register-links": "true"}),
    }
    assert set(pages) >= {"document", "index", "persons/index.html", "persons/safe-person.html"}
    unsafe = {
        (name, url)
        for name, page in pages.items()
        for url in _urls(page)
        if _scheme(url) not in {None, *SAFE_SCHEMES}
    }
    assert unsafe == set()
    # The hostile references keep their words; the safe links are still links.
    document = pages["document"]
    assert all(f"hostile {n}" in document for n in range(len(HOSTILE_URLS)))
    assert "https://example.org/ok" in _urls(document)
    assert "persons/safe-person.html" in _urls(document)
    assert "javascript:alert(1).xml" in map(unquote, _urls(document)), "the TEI source link stays relative"
    assert "javascript:alert(1).html" in map(unquote, _urls(pages["index"]))
    assert "https://viaf.org/viaf/1" in _urls(pages["persons/safe-person.html"])


def test_every_link_the_stylesheets_write_goes_through_tk_href() -> None:
    """Each href the HTML stylesheets write is a literal, a fragment, or a value tk:href made safe."""
    from lxml import etree

    xsl = "{http://www.w3.org/1999/XSL/Transform}"
    unguarded = []
    for module in sorted((REPO / "transforms").rglob("*.xsl")):
        for element in etree.parse(str(module)).iter():
            if not isinstance(element.tag, str) or element.tag.startswith(xsl):
                if element.tag == f"{xsl}attribute" and element.get("name") in URL_ATTRIBUTES:
                    unguarded.append(f"{module.name}:{element.sourceline}")
                continue
            for name, value in element.attrib.items():
                if name in URL_ATTRIBUTES and "{" in value and not value.startswith("#"):
                    if not re.fullmatch(r"\{tk:href\(.*\)\}", value):
                        unguarded.append(f"{module.name}:{element.sourceline}: {name}={value}")
    assert unguarded == []
