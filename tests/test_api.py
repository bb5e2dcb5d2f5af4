"""The public API (`import teikit`): every name documented and typed, and every wrong argument answered
with a TeikitError that says what was wrong (issue 12, items 1 and 6)."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
import typing
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree, html

import teikit
from teikit import ArgumentError, InputError, TeikitError

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "encoded" / "wcda-116739.xml"
TRANSCRIPT = REPO / "transcripts" / "wcda-116739.txt"


# -- the names ------------------------------------------------------------------------------------


def test_dir_lists_exactly_the_public_names() -> None:
    assert dir(teikit) == sorted(teikit.__all__)
    assert not {"Any", "TYPE_CHECKING", "importlib", "annotations"} & set(dir(teikit))


def test_import_teikit_loads_no_lxml_saxon_or_click() -> None:
    code = "import sys, teikit; print(sorted(m for m in ('lxml', 'saxonche', 'click') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _own_methods(cls: type) -> list[tuple[str, Callable[..., object]]]:
    """The public methods and properties `cls` defines itself (not those pydantic or Exception give it)."""
    found: list[tuple[str, Callable[..., object]]] = []
    for name, value in vars(cls).items():
        if name.startswith("_") and name != "__init__":
            continue
        if isinstance(value, property) and value.fget is not None:
            found.append((name, value.fget))
        elif inspect.isfunction(value):
            found.append((name, value))
    return found


def _assert_typed(name: str, func: Callable[..., object]) -> None:
    hints = typing.get_type_hints(func)
    signature = inspect.signature(func)
    for parameter in signature.parameters.values():
        if parameter.name in ("self", "cls"):
            continue
        assert parameter.name in hints, f"{name}: parameter {parameter.name} has no type hint"
    assert "return" in hints, f"{name}: no return type"


@pytest.mark.parametrize("name", teikit.__all__)
def test_every_public_name_is_documented_and_typed(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from teikit import {name}", namespace)  # the import a user writes
    value = namespace[name]
    if name == "__version__":
        assert isinstance(value, str) and value
        return
    assert inspect.getdoc(value), f"{name} has no docstring"
    if inspect.isfunction(value):
        _assert_typed(name, value)
        return
    assert inspect.isclass(value), name
    typing.get_type_hints(value)  # the fields' annotations resolve
    for method_name, method in _own_methods(value):
        if method_name != "__init__":
            assert inspect.getdoc(method), f"{name}.{method_name} has no docstring"
        _assert_typed(f"{name}.{method_name}", method)


def test_every_error_is_a_teikit_error() -> None:
    errors = [getattr(teikit, n) for n in teikit.__all__ if n.endswith("Error") or n == "InvalidDocument"]
    assert len(errors) >= 7 and all(issubclass(e, TeikitError) for e in errors)


# -- documents in every form ------------------------------------------------------------------------


def test_convert_returns_the_tei_tree_and_parse_the_document() -> None:
    document = teikit.parse(TRANSCRIPT)
    assert isinstance(document, teikit.Document)
    tree = teikit.to_tei(document)
    assert etree.tostring(tree) == etree.tostring(teikit.convert(TRANSCRIPT))
    assert etree.tostring(teikit.convert(str(TRANSCRIPT))) == etree.tostring(tree)
    from_bytes = teikit.convert(TRANSCRIPT.read_bytes())
    from_text = teikit.convert_text(TRANSCRIPT.read_text(encoding="utf-8"), "<bytes>")
    assert etree.tostring(from_bytes) == etree.tostring(from_text)


def test_validate_takes_a_path_a_string_bytes_and_a_tree() -> None:
    tree = teikit.convert(TRANSCRIPT)
    text = SAMPLE.read_text(encoding="utf-8")
    for source, name in [
        (SAMPLE, str(SAMPLE)),
        (str(SAMPLE), str(SAMPLE)),
        (text, "<string>"),
        (SAMPLE.read_bytes(), "<bytes>"),
        (tree, "<tree>"),
        (tree.getroot(), "<tree>"),
    ]:
        report = teikit.validate(source)
        assert isinstance(report, teikit.Report) and report.path == name
        assert report.ok and report.errors == () and teikit.is_valid(source)
        teikit.assert_valid(source)
    broken = text.replace("<teiHeader>", "<teiHeader><bogus/>", 1)
    report = teikit.validate(broken)
    assert not report.ok and report.errors and str(report).startswith("<string>:")
    issues = list(teikit.iter_issues(broken, path="mine.xml"))
    assert issues and all(i.path == "mine.xml" for i in issues)
    with pytest.raises(teikit.InvalidDocument):
        teikit.assert_valid(broken.encode())


def test_render_takes_a_tree_or_a_string_without_a_file() -> None:
    from_file = html.fromstring(teikit.render_html(SAMPLE))
    tree = etree.parse(str(SAMPLE))
    for source in (tree, SAMPLE.read_text(encoding="utf-8"), SAMPLE.read_bytes()):
        page = html.fromstring(teikit.render_html(source))
        assert page.findtext(".//title") == from_file.findtext(".//title")
        assert page.xpath("count(//p)") == from_file.xpath("count(//p)")
    assert teikit.render_text(tree) == teikit.render_text(SAMPLE)
    with teikit.Renderer() as renderer:
        assert teikit.render_text(tree, renderer=renderer) == renderer.text(SAMPLE)


def test_render_reports_malformed_xml_given_as_a_string_at_its_line() -> None:
    with pytest.raises(teikit.RenderError) as caught:
        teikit.render_html('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<teiHeader>\n</TEI>\n')
    assert caught.value.location is not None
    assert (caught.value.location.path, caught.value.location.line) == ("<string>", 3)


def test_a_doctype_in_a_string_is_refused_as_in_a_file() -> None:
    hostile = '<!DOCTYPE TEI [<!ENTITY x "y">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>'
    with pytest.raises(teikit.RenderError, match="DOCTYPE"):
        teikit.render_text(hostile)


# -- every wrong argument answered (issue 12, item 6) ---------------------------------------------

WRONG = [None, 3, 2.5, ["a.xml"], object()]
DOCUMENT_FUNCTIONS = ["validate", "iter_issues", "is_valid", "assert_valid", "render_html", "render_text"]


@pytest.mark.parametrize("value", WRONG, ids=lambda v: type(v).__name__)
@pytest.mark.parametrize("function", DOCUMENT_FUNCTIONS)
def test_a_document_of_the_wrong_type_is_an_argument_error(function: str, value: object) -> None:
    with pytest.raises(ArgumentError) as caught:
        getattr(teikit, function)(value)
    message = str(caught.value)
    assert f"{function}(source=…): got {type(value).__name__}" in message, message
    assert "a TEI document is a file path, a str or bytes of XML, or an lxml tree" in message
    assert isinstance(caught.value, TeikitError) and type(caught.value) is not TypeError


@pytest.mark.parametrize(
    "value", [*WRONG, etree.ElementTree(etree.Element("x"))], ids=lambda v: type(v).__name__
)
@pytest.mark.parametrize("function", ["convert", "parse"])
def test_a_transcript_of_the_wrong_type_is_an_argument_error(function: str, value: object) -> None:
    with pytest.raises(
        ArgumentError, match=rf"{function}\(source=…\): got {type(value).__name__}.*convert_text"
    ):
        getattr(teikit, function)(value)


def test_convert_refuses_text_given_where_a_path_goes() -> None:
    with pytest.raises(ArgumentError, match="holds line breaks.*convert_text"):
        teikit.convert("Record of Conversation\n\nZhou: Hello.\n")
    with pytest.raises(ArgumentError, match="it is empty"):
        teikit.convert("")
    with pytest.raises(InputError, match="not found") as caught:
        teikit.convert("no-such-transcript.txt")
    assert caught.value.code == "not-a-file"


def test_convert_text_refuses_what_is_not_text() -> None:
    with pytest.raises(ArgumentError, match=r"convert_text\(text=…\): got NoneType"):
        teikit.convert_text(None)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=r"convert_text\(text=…\): got bytes"):
        teikit.convert_text(b"A note.")  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=r"convert_text\(path=…\): got int"):
        teikit.convert_text("A note.", 3)  # type: ignore[arg-type]


def test_convert_text_refuses_a_control_character_at_its_line_and_column() -> None:
    with pytest.raises(InputError) as caught:
        teikit.convert_text("First line.\na\x0bb")
    assert caught.value.code == "control-char"
    assert caught.value.location == teikit.Location("<string>", 2, 2)
    assert str(caught.value) == "<string>:2:2: control character U+000B in the text"
    with pytest.raises(InputError, match=r"U\+D800"):
        teikit.convert_text("a lone \ud800 surrogate")


@pytest.mark.parametrize("text", ["", "   \n\t\n"])
def test_convert_text_refuses_an_empty_transcript_as_the_cli_does(text: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty transcript") as caught:
        teikit.convert_text(text)
    assert caught.value.code == "empty"
    (tmp_path / "empty.txt").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="empty transcript"):
        teikit.convert(tmp_path / "empty.txt")


def test_validate_files_takes_one_path_as_one_path(tmp_path: Path) -> None:
    found = teikit.validate_files(str(SAMPLE))
    assert found == {str(SAMPLE): []}
    missing = teikit.validate_files("x.xml", jobs=1)
    assert list(missing) == ["x.xml"] and missing["x.xml"][0].rule == "not-a-file"
    assert teikit.validate_files(SAMPLE) == {str(SAMPLE): []}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"paths": 3}, r"validate_files\(paths=…\): got int 3: give a path or a list of paths"),
        ({"paths": None}, r"validate_files\(paths=…\): got NoneType"),
        (
            {"paths": [SAMPLE, None]},
            r"validate_files\(paths=…\): got NoneType None: each item must be a path",
        ),
        ({"paths": b"x.xml"}, r"validate_files\(paths=…\): got bytes"),
        ({"paths": [SAMPLE], "jobs": "2"}, r"validate_files\(jobs=…\): got str"),
        ({"paths": [SAMPLE], "jobs": -1}, r"validate_files\(jobs=…\): got -1"),
        ({"paths": [SAMPLE], "schematron": "no"}, r"validate_files\(schematron=…\): got str"),
        ({"paths": [SAMPLE], "cache": 1}, r"validate_files\(cache=…\): got int"),
    ],
)
def test_validate_files_names_a_wrong_argument(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(ArgumentError, match=message):
        teikit.validate_files(**arguments)  # type: ignore[arg-type]


def test_validation_options_of_the_wrong_type_are_named() -> None:
    with pytest.raises(ArgumentError, match=r"is_valid\(path=…\): got int"):
        teikit.is_valid(SAMPLE, path=3)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=r"validate\(schematron=…\): got NoneType"):
        teikit.validate(SAMPLE, schematron=None)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=r"iter_issues\(schema=…\): got int"):
        teikit.iter_issues(SAMPLE, schema=3)  # type: ignore[arg-type]


def test_an_unset_site_title_is_not_written_as_none() -> None:
    page = html.fromstring(teikit.render_html(SAMPLE, {"site-title": None}))
    assert "None" not in (page.findtext(".//title") or "")
    assert page.findtext(".//title") == html.fromstring(teikit.render_html(SAMPLE)).findtext(".//title")


def test_a_parameter_value_of_the_wrong_type_is_named() -> None:
    with pytest.raises(ArgumentError, match=r"parameter 'site-title': got list"):
        teikit.render_html(SAMPLE, {"site-title": ["A", "B"]})  # type: ignore[dict-item]
    with pytest.raises(ArgumentError, match=r"params=…: got list"):
        teikit.render_html(SAMPLE, ["site-title"])  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=r"params=…: got dict"):
        teikit.render_text(SAMPLE, {1: "x"})  # type: ignore[dict-item]
    with pytest.raises(ArgumentError, match=r"renderer=…: got str"):
        teikit.render_text(SAMPLE, renderer="saxon")  # type: ignore[arg-type]


def test_to_tei_and_build_name_a_wrong_argument() -> None:
    with pytest.raises(ArgumentError, match=r"to_tei\(document=…\): got str"):
        teikit.to_tei("transcripts/x.txt")  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match=r"build\(options=…\): got str 'site'"):
        teikit.build("site")  # type: ignore[arg-type]


def test_a_missing_file_is_an_input_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "missing.xml"
    with pytest.raises(InputError, match="missing.xml"):
        teikit.validate(missing)
    with pytest.raises(InputError, match="a directory"):
        teikit.validate(os.fspath(tmp_path))
