"""Golden outputs of the bundled encodings: each document's HTML page (canonicalised) and its reading
and diplomatic texts, and the pages of the three registers, as `teikit build` renders them, kept in
tests/cases/render/.

Goldens change only on purpose: run with TEIKIT_UPDATE_GOLDENS=1 to rewrite them, then review the diff.
On a mismatch the actual output is written beside the golden as `<name>.actual.<ext>` (git-ignored).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ENCODED, REPO
from lxml import etree, html

from teikit import render

GOLDENS = REPO / "tests" / "cases" / "render"


def canonical_html(page: str) -> str:
    """The page as C14N 2.0 of its parsed tree, every run of whitespace made one space and the style
    sheet left out (design, not content), one element per line: equal for pages a browser shows
    alike, and a readable diff when not."""
    tree = html.document_fromstring(page)
    for style in tree.iter("style"):
        style.text = "(style sheet)"
    for node in tree.iter():
        for attr in ("text", "tail"):
            value = getattr(node, attr)
            if value:
                setattr(node, attr, re.sub(r"\s+", " ", value))
    c14n = etree.tostring(tree, method="c14n2").decode("utf-8")
    return re.sub(r">( ?)<", r">\n\1<", c14n) + "\n"


OUTPUTS: dict[str, Callable[[Path], str]] = {
    "html": lambda tei: canonical_html(render.render_html(tei, {"register-links": "true"})),
    "txt": render.render_text,
    "diplomatic.txt": render.render_diplomatic,
}


@pytest.mark.parametrize("kind", OUTPUTS)
@pytest.mark.parametrize("tei", ENCODED, ids=lambda p: p.stem)
def test_output_equals_its_golden(tei: Path, kind: str) -> None:
    _compare(OUTPUTS[kind](tei), tei.stem, kind)


@pytest.mark.parametrize("register", ["persons", "places", "orgs"])
def test_register_pages_equal_their_golden(register: str) -> None:
    """Every page of a bundled register, canonicalised, one after another under its path."""
    pages = render.render_registers(
        REPO / "encoded" / "registers" / f"{register}.xml", ENCODED, {"register-links": "true"}
    )
    _compare(
        "".join(f"<!-- {path} -->\n{canonical_html(page)}" for path, page in sorted(pages.items())),
        f"register-{register}",
        "html",
    )


def _compare(actual: str, stem: str, kind: str) -> None:
    golden = GOLDENS / f"{stem}.{kind}"
    if os.environ.get("TEIKIT_UPDATE_GOLDENS"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden {golden}; run with TEIKIT_UPDATE_GOLDENS=1 and review it"
    if golden.read_text(encoding="utf-8") != actual:
        written = golden.with_name(f"{stem}.actual.{kind}")
        written.write_text(actual, encoding="utf-8")
        pytest.fail(f"{golden} differs from the rendering: compare with {written}")


def test_canonical_form_ignores_serialisation_details_but_not_content() -> None:
    a = "<!DOCTYPE html><html lang=en><head><title>T</title><style>p {}</style></head><body><p class=x id=a>One  <b>two</b></p></body></html>"
    b = '<!doctype html><html lang="en"><head><title>T</title><style>b {}</style></head><body><p id="a" class="x">One\n<b>two</b></p></body></html>'
    assert canonical_html(a) == canonical_html(b)
    assert canonical_html(a) != canonical_html(a.replace("two", "three"))
    assert canonical_html(a) != canonical_html(a.replace("One  <b>", "One<b>"))  # a lost space shows
