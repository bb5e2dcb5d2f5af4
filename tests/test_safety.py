"""Untrusted XML: each hostile or broken file gives one clear issue, never a traceback, never a fetch."""

from __future__ import annotations

from pathlib import Path

import pytest

from teikit.validate import iter_issues

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
