"""Untrusted XML: each hostile or broken file gives one clear issue, never a traceback, never a fetch."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from teikit import render
from teikit.errors import DOCTYPE_REFUSED, RenderError
from teikit.validation import iter_issues

SAMPLE = Path(__file__).resolve().parent / "cases" / "valid" / "sample.xml"

TEI = 'xmlns="http://www.tei-c.org/ns/1.0"'
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 2 else "&lol;" * 10}">\n' for i in range(2, 10)
    )
    + f"]>\n<TEI {TEI}><text><body><p>&lol9;</p></body></text></TEI>\n"
)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("laughs", LAUGHS, "amplification"),
        ("deep", f"<TEI {TEI}>" + "<hi>" * 100_000 + "x" + "</hi>" * 100_000 + "</TEI>", "depth"),
        ("truncated", f"<TEI {TEI}><text><body><p>cut", "Premature end of data"),
    ],
)
def test_hostile_or_broken_file_gives_one_syntax_issue(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    path = tmp_path / f"{name}.xml"
    path.write_text(content, encoding="utf-8")
    issues = list(iter_issues(path))
    assert len(issues) == 1
    assert issues[0].rule == "xml-syntax" and expected in issues[0].message
    assert issues[0].path == str(path) and issues[0].line == 1


def test_external_doctype_and_entities_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak SYSTEM "secret.txt">', encoding="utf-8")
    path = tmp_path / "xxe.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd" [\n'
        f'<!ENTITY xxe SYSTEM "{secret.as_uri()}">\n<!ENTITY % remote SYSTEM "{dtd.as_uri()}"> %remote;\n]>\n'
        f"<TEI {TEI}><text><body><p>&xxe;&leak;</p></body></text></TEI>\n",
        encoding="utf-8",
    )
    issues = list(iter_issues(path))
    assert issues, "a document with unresolved entities is not valid"
    assert all("TOP-SECRET-CONTENT" not in issue.message for issue in issues)


# A server in a process of its own: a fetch made while Saxon or lxml holds this process's interpreter
# gets its answer (and is counted) instead of hanging the test. It logs each path it is asked for.
_SERVER = """
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
class Counting(BaseHTTPRequestHandler):
    def do_GET(self):
        print(self.path, flush=True)
        body = b'<!ENTITY leak "FETCHED">' if self.path.endswith('.dtd') else b'<TEI xmlns="http://www.tei-c.org/ns/1.0"/>'
        self.send_response(200)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = HTTPServer(('127.0.0.1', 0), Counting)
print(server.server_address[1], flush=True)
server.serve_forever()
"""


@pytest.fixture
def server() -> Iterator[tuple[str, Callable[[], list[str]]]]:
    """A local HTTP server, and a function that stops it and returns the paths it was asked for."""
    process = subprocess.Popen([sys.executable, "-c", _SERVER], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    port = process.stdout.readline().strip()

    def requests() -> list[str]:
        process.terminate()
        return process.communicate(timeout=10)[0].split()

    try:
        yield f"http://127.0.0.1:{port}", requests
    finally:
        process.kill()
        process.wait()


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE TEI SYSTEM "{url}/tei.dtd">',
        '<!DOCTYPE TEI PUBLIC "-//TEI//DTD TEI P5//EN" "{url}/tei.dtd">',
        '<!DOCTYPE TEI SYSTEM "{url}/tei.dtd" [<!ENTITY % remote SYSTEM "{url}/more.dtd"> %remote;]>',
        '<!DOCTYPE TEI [<!ENTITY inner "text">]>',
        "<!DOCTYPE TEI>",
    ],
    ids=["system", "public", "parameter-entity", "internal-subset", "bare"],
)
def test_validate_and_render_refuse_a_doctype_alike_and_fetch_nothing(
    tmp_path: Path, server: tuple[str, Callable[[], list[str]]], doctype: str
) -> None:
    """One policy (README, Security): a DOCTYPE is refused by validate and by render, at its line, with
    the same words, and no DTD is ever fetched."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    path = tmp_path / "doctype.xml"
    path.write_text("\n".join([lines[0], doctype.format(url=server[0]), *lines[1:]]), encoding="utf-8")

    issues = list(iter_issues(path))
    assert [(i.line, i.message, i.severity) for i in issues] == [(2, DOCTYPE_REFUSED, "error")]
    with pytest.raises(RenderError) as caught:
        render.render_html(path)
    assert caught.value.code == "doctype" and str(caught.value).endswith(DOCTYPE_REFUSED)
    assert caught.value.location is not None and caught.value.location.line == 2
    assert server[1]() == []


def test_the_sample_without_a_doctype_is_valid_and_renders() -> None:
    """The control for the test above: the same document, without its DOCTYPE, passes both."""
    assert list(iter_issues(SAMPLE)) == []
    assert "<html" in render.render_html(SAMPLE)


def test_render_reads_no_register_a_document_points_at_over_the_network(
    tmp_path: Path, server: tuple[str, Callable[[], list[str]]]
) -> None:
    """A prefix's replacementPattern naming a URL with a scheme is not followed: register entries are
    read only from files beside the document."""
    encoded = Path(__file__).resolve().parent.parent / "encoded" / "wcda-116540.xml"
    text = encoded.read_text(encoding="utf-8")
    local = 'replacementPattern="registers/persons.xml#$1"'
    assert local in text
    path = tmp_path / "remote.xml"
    path.write_text(text.replace(local, f'replacementPattern="{server[0]}/persons.xml#$1"'), encoding="utf-8")
    page = render.render_html(path, {"register-links": "true"})
    assert "persons/" not in page.split("</header>", 1)[1], "no entry was found, so no name links to one"
    assert server[1]() == []
